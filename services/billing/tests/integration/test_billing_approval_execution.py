"""Billing applies an approved `billing_change` only when billing filed it, and only while the
administrator who asked still may change billing settings (issue 12 finding 1)."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime

from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.approval import ApprovalApproved
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.onboarding import new_tenant

BILLING = "/api/v2/billing"
APPROVALS = "/api/v2/admin/approvals"


def _token(make_token, admin) -> dict[str, str]:
    return bearer(make_token(role=admin.role, tenant_id=admin.tenant_id, environment="prod", subject=admin.id))


async def _answer(stack, kafka_producer, tenant: str, approved: ApprovalApproved) -> dict:
    event = make_event(approved, tenant_id=tenant, source=service_source("approval"))
    async with tail_topic(stack, "approval-decisions") as decisions:
        await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
        [answer] = await decisions.wait_for(
            lambda r: (
                event_json(r)["type"].startswith("radiant.approval.execut")
                and event_json(r)["data"]["approval_id"] == approved.approval_id
            )
        )
    return event_json(answer)


async def test_an_approved_change_billing_never_filed_is_not_applied(gateway, make_token, stack, kafka_producer):
    tenant = new_tenant()
    approved = ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="billing_change",
        action="billing.settings_update",
        resource_type="billing_settings",
        resource_id=tenant,
        details={"settings": {"margin_percent": "0.00"}},  # a valid, typed change…
        requested_by=str(uuid.uuid4()),
        environment="prod",
        decided_by=str(uuid.uuid4()),
        decided_at=datetime.now(UTC),
    )
    answer = await _answer(stack, kafka_producer, tenant, approved)  # …that no billing request filed
    assert answer["type"] == "radiant.approval.execution_failed.v1"
    assert "not filed by billing" in answer["data"]["reason"]
    settings = await gateway.get(
        f"{BILLING}/settings", headers=bearer(make_token(role="super_admin", tenant_id=tenant))
    )
    assert settings.json()["marginPercent"] == "20.00"


def _approver(make_token, tenant: str) -> dict[str, str]:
    """Another super_admin, with the fresh second factor a prod decision wants."""
    return bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod", mfa_time=int(time.time())))


async def _decide(gateway, make_token, tenant: str, approval_id: str) -> dict:
    """billing_change in prod needs two approvers besides the requester; the execution they lead to."""
    for _ in range(2):
        decided = await gateway.post(
            f"{APPROVALS}/{approval_id}/process", json={"action": "approve"}, headers=_approver(make_token, tenant)
        )
        assert decided.status_code == 200, decided.text

    async def execution():
        response = await gateway.get(f"{APPROVALS}/{approval_id}", headers=_approver(make_token, tenant))
        return response.json()["approval"]["execution"] or {}

    return await eventually(execution, until=lambda e: e.get("status") in ("executed", "failed"))


async def test_a_filed_change_applies_once_approved(gateway, make_token, stack, onboard):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    filed = await gateway.put(
        f"{BILLING}/settings", json={"marginPercent": "30"}, headers=_token(make_token, requester)
    )
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["approvalId"]
    approval = (await gateway.get(f"{APPROVALS}/{approval_id}", headers=_token(make_token, requester))).json()
    assert approval["approval"]["filedByService"] == "billing"
    assert approval["approval"]["requestedBy"]["id"] == requester.id
    assert approval["approval"]["details"] == {"settings": {"margin_percent": "30"}}
    assert (await _decide(gateway, make_token, tenant, approval_id))["status"] == "executed"
    settings = (await gateway.get(f"{BILLING}/settings", headers=_token(make_token, requester))).json()
    assert settings["marginPercent"] == "30.00"


async def test_the_requester_must_still_hold_the_billing_permission_at_execution(gateway, make_token, stack, onboard):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    filed = await gateway.put(
        f"{BILLING}/settings", json={"marginPercent": "35"}, headers=_token(make_token, requester)
    )
    assert filed.status_code == 202, filed.text
    # Demoted before the decision: an admin holds billing:read, not billing:*.
    async with service_db(stack, "identity") as db:
        await db.execute("UPDATE administrators SET role = 'admin' WHERE id = $1::uuid", requester.id)
    execution = await _decide(gateway, make_token, tenant, filed.json()["approvalId"])
    assert execution["status"] == "failed" and "billing:*" in execution["error"], execution
    settings = (await gateway.get(f"{BILLING}/settings", headers=_token(make_token, requester))).json()
    assert settings["marginPercent"] == "20.00"
