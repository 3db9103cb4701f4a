"""The approval service through the gateway against the running stack (seed 000 Part 3, issue 4).

Every test uses a fresh tenant. Running-service defaults this suite relies on: two-person rule in
`prod`; `billing_change` in `prod` needs 2 distinct approvers; everything else needs 1. Requests are
filed through the public API with the types no service owns (`deployment`, `promotion`); a type a
service owns is filed here as that service would, over the internal route (test_approval_filing.py).
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import httpx
import pytest

from radiant_contracts import make_event
from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.internal import internal_client

API = "/api/v2/admin/approvals"
DECISIONS = "approval-decisions"
AUDIT = "audit-events"


class Tenant:
    """A fresh tenant and callers in it, all in one environment."""

    def __init__(self, make_token, environment: str = "prod") -> None:
        self.id = str(uuid.uuid4())
        self._make_token = make_token
        self.environment = environment

    def caller(self, role: str, **claims: Any) -> tuple[str, dict[str, str]]:
        subject = str(uuid.uuid4())
        claims.setdefault("mfa_time", int(time.time()))  # prod decisions want a fresh second factor
        token = self._make_token(role=role, tenant_id=self.id, environment=self.environment, subject=subject, **claims)
        return subject, {**bearer(token), "User-Agent": "approval-tests/1.0"}


# A valid change of each type (radiant_contracts.approvals): the details a request of that type carries
# unless a test names its own.
DETAILS: dict[str, dict[str, Any]] = {
    "billing_change": {"settings": {"margin_percent": "25.00"}},
    "deployment": {"version": "2.4.0"},
    "promotion": {"deployment_id": "d-1", "target_environment": "prod"},
}


def _request_body(**overrides: Any) -> dict[str, Any]:
    approval_type = overrides.get("type", "deployment")
    return {
        "type": "deployment",
        "action": "deploy",
        "resourceType": "release",
        "resourceId": str(uuid.uuid4()),
        "details": DETAILS.get(approval_type, DETAILS["deployment"]),
        **overrides,
    }


async def _create(gateway: httpx.AsyncClient, headers: dict[str, str], **overrides: Any) -> dict[str, Any]:
    response = await gateway.post(API, json=_request_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()["approval"]


async def _file_as_billing(platform, tenant: Tenant, requester: str, **overrides: Any) -> dict[str, Any]:
    """A `billing_change` as billing files it, for `requester` (the internal route; billing alone may)."""
    body = {
        "tenantId": tenant.id,
        "environment": tenant.environment,
        "requestedBy": {"id": requester, "role": "super_admin"},
        "type": "billing_change",
        "action": "update_margin",
        "resourceType": "billing_settings",
        "resourceId": str(uuid.uuid4()),
        "details": DETAILS["billing_change"],
        **overrides,
    }
    async with internal_client(platform, caller="billing", callee="approval") as billing:
        response = await billing.post("/internal/v1/approvals", json=body)
    assert response.status_code == 201, response.text
    return response.json()["approval"]


async def _get(gateway: httpx.AsyncClient, headers: dict[str, str], approval_id: str) -> dict[str, Any]:
    response = await gateway.get(f"{API}/{approval_id}", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["approval"]


async def _process(gateway, headers, approval_id, action="approve", reason=None) -> httpx.Response:
    body = {"action": action} | ({"reason": reason} if reason is not None else {})
    return await gateway.post(f"{API}/{approval_id}/process", json=body, headers=headers)


def _about(approval_id: str, event_type: str | None = None):
    def match(record) -> bool:
        event = event_json(record)
        return event["subject"] == approval_id and (event_type is None or event["type"] == event_type)

    return match


def _audit(approval_id: str, action: str):
    def match(record) -> bool:
        event = event_json(record)
        return event["data"]["resource_id"] == approval_id and event["data"]["action"] == action

    return match


async def _make_overdue(stack, approval_id: str) -> None:
    async with service_db(stack, "approval") as db:
        await db.execute(
            "UPDATE approval_requests SET expires_at = now() - interval '1 minute' WHERE id = $1",
            uuid.UUID(approval_id),
        )


# --- create, list, get ----------------------------------------------------------------------------


async def test_create_publishes_requested_and_audit_with_actor(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    requester, headers = tenant.caller("admin", name="Ada Admin", email="ada@example.com")
    async with tail_topic(platform, DECISIONS) as decisions, tail_topic(platform, AUDIT) as audit:
        approval = await _create(gateway, headers, priority="high", notes="quarterly review", expiresInHours=48)
        [requested] = await decisions.wait_for(_about(approval["id"], "radiant.approval.requested.v1"))
        [recorded] = await audit.wait_for(_audit(approval["id"], "approval.create"))

    assert approval["status"] == "pending"
    assert approval["requiresTwoPersonApproval"] is True
    assert approval["requestedBy"] == {"id": requester, "name": "Ada Admin", "email": "ada@example.com"}
    assert approval["priority"] == "high" and approval["notes"] == "quarterly review"
    assert requested.key == approval["id"].encode()  # the approval's events stay ordered
    data = event_json(requested)["data"]
    assert event_json(requested)["tenantid"] == tenant.id
    assert data["requires_two_person"] is True and data["requested_by"] == requester
    assert data["details"] == {"version": "2.4.0"} and data["required_approvals"] == 1
    actor = event_json(recorded)["data"]["actor"]
    assert actor["id"] == requester and actor["type"] == "admin"
    assert actor["ip"] == "127.0.0.1" and actor["user_agent"] == "approval-tests/1.0"


async def test_create_validates_like_the_seed(gateway, make_token, platform):
    _, headers = Tenant(make_token).caller("admin")
    response = await gateway.post(
        API, json=_request_body(expiresInHours=169, notes="n" * 1001, type="x"), headers=headers
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert {e["field"] for e in response.json()["errors"]} == {"expiresInHours", "notes", "type"}


async def test_details_must_be_the_types_payload(gateway, make_token, platform):
    _, headers = Tenant(make_token).caller("admin")
    response = await gateway.post(
        API,
        json=_request_body(type="promotion", details={"target_environment": "prod", "team": "x"}),
        headers=headers,
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert {e["field"] for e in response.json()["errors"]} == {"details.deployment_id", "details.team"}
    wrong_type = await gateway.post(
        API, json=_request_body(type="deployment", details=DETAILS["billing_change"]), headers=headers
    )
    assert wrong_type.status_code == 422
    assert "details.settings" in {e["field"] for e in wrong_type.json()["errors"]}  # not a deployment's field


async def test_valid_details_are_stored_and_published_as_written(gateway, make_token, platform):
    _, headers = Tenant(make_token, "dev").caller("admin")
    async with tail_topic(platform, DECISIONS) as decisions:
        approval = await _create(
            gateway,
            headers,
            type="promotion",
            resourceType="deployment",
            details={"deploymentId": "d-1", "targetEnvironment": "prod", "version": None},
        )
        [requested] = await decisions.wait_for(_about(approval["id"], "radiant.approval.requested.v1"))
    as_written = {"deploymentId": "d-1", "targetEnvironment": "prod", "version": None}
    assert approval["details"] == as_written
    assert event_json(requested)["data"]["details"] == as_written
    assert (await _get(gateway, headers, approval["id"]))["details"] == as_written


async def test_a_full_last_page_has_no_more(gateway, make_token, platform):
    _, headers = Tenant(make_token).caller("admin")
    for _ in range(2):
        await _create(gateway, headers)
    page = (await gateway.get(f"{API}?limit=2", headers=headers)).json()
    assert len(page["approvals"]) == 2
    assert page["pagination"] == {"limit": 2, "offset": 0, "hasMore": False}


async def test_operator_cannot_create(gateway, make_token, platform):
    _, headers = Tenant(make_token).caller("operator")
    response = await gateway.post(API, json=_request_body(), headers=headers)
    assert response.status_code == 403
    assert response.json()["required_permission"] == "approvals:initiate"


async def test_seed_verification_pending_for_me(gateway, make_token, platform):
    """Seed step 2: GET /admin/approvals?status=pending&pendingForMe=true."""
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    approver_id, approver = tenant.caller("super_admin")
    mine = await _create(gateway, approver)
    first = await _create(gateway, requester)
    second = await _create(gateway, requester)
    decided = await _create(gateway, requester)
    assert (await _process(gateway, approver, decided["id"])).status_code == 200

    response = await gateway.get(f"{API}?status=pending&pendingForMe=true", headers=approver)
    assert response.status_code == 200
    body = response.json()
    assert [a["id"] for a in body["approvals"]] == [second["id"], first["id"]]  # newest first; not mine
    assert all(a["canApprove"] for a in body["approvals"])
    assert body["pagination"] == {"limit": 50, "offset": 0, "hasMore": False}

    page = (await gateway.get(f"{API}?status=pending&limit=2", headers=approver)).json()
    assert len(page["approvals"]) == 2 and page["pagination"]["hasMore"] is True
    everything = (await gateway.get(API, headers=approver)).json()["approvals"]
    by_id = {a["id"]: a for a in everything}
    assert set(by_id) == {mine["id"], first["id"], second["id"], decided["id"]}
    assert by_id[mine["id"]]["canApprove"] is False  # own request in prod
    assert by_id[decided["id"]]["status"] == "approved" and by_id[decided["id"]]["canApprove"] is False
    # An admin may read but has no `approvals:*`, so can approve nothing.
    as_admin = (await gateway.get(f"{API}?status=pending", headers=requester)).json()["approvals"]
    assert as_admin and not any(a["canApprove"] for a in as_admin)

    bad = await gateway.get(f"{API}?status=unknown&limit=0", headers=approver)
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"query.status", "query.limit"}
    assert approver_id


async def test_another_tenants_request_is_not_found(gateway, make_token, platform):
    _, owner = Tenant(make_token).caller("admin")
    _, stranger = Tenant(make_token).caller("super_admin")
    approval = await _create(gateway, owner)
    assert (await gateway.get(f"{API}/{approval['id']}", headers=stranger)).status_code == 404
    assert (await _process(gateway, stranger, approval["id"])).status_code == 404
    assert (await gateway.delete(f"{API}/{approval['id']}", headers=stranger)).status_code == 404
    assert (await gateway.get(API, headers=stranger)).json()["approvals"] == []
    assert (await gateway.get(f"{API}/not-a-uuid", headers=stranger)).status_code == 404


# --- process: two-person rule, permissions, reasons ------------------------------------------------


async def test_self_approval_refused_in_prod(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, headers = tenant.caller("super_admin")
    approval = await _create(gateway, headers)
    async with tail_topic(platform, AUDIT) as audit:
        for action, reason in (("approve", None), ("reject", "changed my mind")):
            response = await _process(gateway, headers, approval["id"], action, reason)
            assert response.status_code == 403
            assert "your own request" in response.json()["detail"]
        [denied] = await audit.wait_for(_audit(approval["id"], "approval.approve"))
    assert event_json(denied)["data"]["outcome"] == "denied"
    after = await _get(gateway, headers, approval["id"])
    assert after["status"] == "pending" and after["reviews"] == []


async def test_self_approval_allowed_where_two_person_is_off(gateway, make_token, platform):
    tenant = Tenant(make_token, "dev")
    requester_id, headers = tenant.caller("super_admin")
    async with tail_topic(platform, DECISIONS) as decisions:
        approval = await _create(gateway, headers)
        assert approval["requiresTwoPersonApproval"] is False and approval["canApprove"] is True
        response = await _process(gateway, headers, approval["id"])
        [approved] = await decisions.wait_for(_about(approval["id"], "radiant.approval.approved.v1"))
    assert response.status_code == 200
    assert response.json()["approval"]["status"] == "approved"
    assert event_json(approved)["data"]["decided_by"] == requester_id


async def test_approver_without_approvals_star_is_refused(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    _, other_admin = tenant.caller("admin")
    approval = await _create(gateway, requester)
    response = await _process(gateway, other_admin, approval["id"])
    assert response.status_code == 403
    assert response.json()["required_permission"] == "approvals:*"
    # The service checks too, should anything reach it without the gateway.
    async with httpx.AsyncClient(base_url=platform.service_url("approval")) as direct:
        response = await direct.post(f"{API}/{approval['id']}/process", json={"action": "approve"}, headers=other_admin)
    assert response.status_code == 403
    assert (await _get(gateway, requester, approval["id"]))["status"] == "pending"


async def test_reject_needs_a_reason_and_is_published(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    approver_id, approver = tenant.caller("super_admin", name="Rita Reviewer")
    approval = await _create(gateway, requester)
    missing = await _process(gateway, approver, approval["id"], "reject", "   ")
    assert missing.status_code == 422
    assert missing.json()["errors"][0]["field"] == "reason"
    async with tail_topic(platform, DECISIONS) as decisions, tail_topic(platform, AUDIT) as audit:
        response = await _process(gateway, approver, approval["id"], "reject", "wrong user")
        [rejected] = await decisions.wait_for(_about(approval["id"], "radiant.approval.rejected.v1"))
        await audit.wait_for(_audit(approval["id"], "approval.reject"))
    assert response.status_code == 200 and response.json()["approval"]["status"] == "rejected"
    assert event_json(rejected)["data"]["reason"] == "wrong user"
    detail = await _get(gateway, requester, approval["id"])
    assert detail["status"] == "rejected" and detail["rejectedReason"] == "wrong user"
    assert detail["reviews"][0]["reviewer"] == {"id": approver_id, "name": "Rita Reviewer", "email": None}
    assert [h["event"] for h in detail["history"]] == ["requested", "rejected"]
    assert (await _process(gateway, approver, approval["id"])).status_code == 409


# --- cancel and expiry ------------------------------------------------------------------------------


async def test_cancel_by_requester_only_then_cannot_be_processed(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    requester_id, requester = tenant.caller("admin")
    _, other_admin = tenant.caller("admin")
    _, approver = tenant.caller("super_admin")
    approval = await _create(gateway, requester)
    forbidden = await gateway.delete(f"{API}/{approval['id']}", headers=other_admin)
    assert forbidden.status_code == 403
    async with tail_topic(platform, DECISIONS) as decisions, tail_topic(platform, AUDIT) as audit:
        response = await gateway.delete(f"{API}/{approval['id']}", headers=requester)
        [cancelled] = await decisions.wait_for(_about(approval["id"], "radiant.approval.cancelled.v1"))
        [recorded] = await audit.wait_for(_audit(approval["id"], "approval.cancel"))
    assert response.status_code == 200
    assert response.json()["approval"]["status"] == "cancelled"
    assert event_json(cancelled)["data"]["decided_by"] == requester_id
    assert event_json(recorded)["data"]["actor"]["id"] == requester_id
    refused = await _process(gateway, approver, approval["id"])
    assert refused.status_code == 409
    assert refused.json()["approvalStatus"] == "cancelled"
    assert (await gateway.delete(f"{API}/{approval['id']}", headers=requester)).status_code == 409


async def test_super_admin_can_cancel_someone_elses_request(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    _, super_admin = tenant.caller("super_admin")
    approval = await _create(gateway, requester)
    response = await gateway.delete(f"{API}/{approval['id']}", headers=super_admin)
    assert response.status_code == 200
    assert (await _get(gateway, requester, approval["id"]))["status"] == "cancelled"


async def test_expired_request_is_refused_and_becomes_expired(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    _, approver = tenant.caller("super_admin")
    approval = await _create(gateway, requester)
    async with tail_topic(platform, DECISIONS) as decisions:
        await _make_overdue(platform, approval["id"])
        response = await _process(gateway, approver, approval["id"])
        await decisions.wait_for(_about(approval["id"], "radiant.approval.expired.v1"))
        await decisions.drain(1.0)
    assert response.status_code == 409
    assert response.json()["approvalStatus"] == "expired"
    published = [event_json(r)["type"] for r in decisions.records if _about(approval["id"])(r)]
    # expired exactly once and decided never (the request event may be relayed after the tail opened)
    assert [t for t in published if t != "radiant.approval.requested.v1"] == ["radiant.approval.expired.v1"]
    detail = await _get(gateway, requester, approval["id"])
    assert detail["status"] == "expired" and detail["reviews"] == [] and detail["canApprove"] is False
    async with service_db(platform, "approval") as db:
        assert (
            await db.fetchval("SELECT status FROM approval_requests WHERE id = $1", uuid.UUID(approval["id"]))
            == "expired"
        )


async def test_expiry_sweep_expires_untouched_requests(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    approval = await _create(gateway, requester)
    async with tail_topic(platform, DECISIONS) as decisions, tail_topic(platform, AUDIT) as audit:
        await _make_overdue(platform, approval["id"])
        [expired] = await decisions.wait_for(_about(approval["id"], "radiant.approval.expired.v1"), timeout=30)
        [recorded] = await audit.wait_for(_audit(approval["id"], "approval.expire"), timeout=30)
    assert event_json(expired)["tenantid"] == tenant.id
    assert event_json(recorded)["data"]["actor"]["type"] == "system"
    async with service_db(platform, "approval") as db:
        assert (
            await db.fetchval("SELECT status FROM approval_requests WHERE id = $1", uuid.UUID(approval["id"]))
            == "expired"
        )


# --- concurrency and N-of-M ---------------------------------------------------------------------------


async def test_fifty_concurrent_approvals_yield_one_decision(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    _, requester = tenant.caller("admin")
    approvers = [tenant.caller("super_admin") for _ in range(50)]
    approval = await _create(gateway, requester)
    async with tail_topic(platform, DECISIONS) as decisions:
        responses = await asyncio.gather(*(_process(gateway, h, approval["id"]) for _, h in approvers))
        await decisions.wait_for(_about(approval["id"], "radiant.approval.approved.v1"))
        await decisions.drain(2.0)
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [409] * 49, statuses
    assert all(r.json()["approvalStatus"] == "approved" for r in responses if r.status_code == 409)
    winner = next(approvers[i][0] for i, r in enumerate(responses) if r.status_code == 200)
    approved = [r for r in decisions.records if _about(approval["id"], "radiant.approval.approved.v1")(r)]
    assert len(approved) == 1 and event_json(approved[0])["data"]["decided_by"] == winner
    detail = await _get(gateway, requester, approval["id"])
    assert [r["reviewer"]["id"] for r in detail["reviews"]] == [winner]
    assert detail["approvedBy"] == winner


async def test_billing_change_in_prod_needs_two_distinct_approvers(gateway, make_token, platform):
    tenant = Tenant(make_token, "prod")
    requester_id, requester = tenant.caller("admin")
    first_id, first = tenant.caller("super_admin")
    second_id, second = tenant.caller("super_admin")
    approval = await _file_as_billing(platform, tenant, requester_id)
    assert approval["requiredApprovals"] == 2
    async with tail_topic(platform, DECISIONS) as decisions, tail_topic(platform, AUDIT) as audit:
        one = await _process(gateway, first, approval["id"])
        assert one.status_code == 200
        assert (
            one.json()["approval"].items()
            >= {"status": "pending", "approvalsReceived": 1, "requiredApprovals": 2}.items()
        )
        listed = (await gateway.get(f"{API}?pendingForMe=true", headers=first)).json()["approvals"]
        assert approval["id"] not in [a["id"] for a in listed]  # already reviewed by the first approver
        again = await _process(gateway, first, approval["id"])
        assert again.status_code == 409  # the same approver never counts twice
        two = await _process(gateway, second, approval["id"])
        [approved] = await decisions.wait_for(_about(approval["id"], "radiant.approval.approved.v1"))
        audits = await audit.wait_for(_audit(approval["id"], "approval.approve"), count=2)
        await decisions.drain(1.0)
    assert two.status_code == 200 and two.json()["approval"]["status"] == "approved"
    assert event_json(approved)["data"]["decided_by"] == second_id
    assert len([r for r in decisions.records if _about(approval["id"], "radiant.approval.approved.v1")(r)]) == 1
    assert [event_json(a)["data"]["details"]["final"] for a in audits] == [False, True]
    detail = await _get(gateway, requester, approval["id"])
    assert [r["reviewer"]["id"] for r in detail["reviews"]] == [first_id, second_id]
    # billing owns the change (it may already have answered by now)
    assert detail["execution"]["service"] == "billing"


async def test_billing_change_in_dev_needs_one(gateway, make_token, platform):
    tenant = Tenant(make_token, "dev")
    requester_id, _ = tenant.caller("admin")
    _, approver = tenant.caller("super_admin")
    approval = await _file_as_billing(platform, tenant, requester_id)
    assert approval["requiredApprovals"] == 1 and approval["requiresTwoPersonApproval"] is False
    response = await _process(gateway, approver, approval["id"])
    assert response.json()["approval"]["status"] == "approved"


# --- execution results --------------------------------------------------------------------------------


async def _approved(gateway, tenant: Tenant, **overrides) -> tuple[dict[str, Any], dict[str, str]]:
    _, requester = tenant.caller("admin")
    _, approver = tenant.caller("super_admin")
    approval = await _create(gateway, requester, **overrides)
    assert (await _process(gateway, approver, approval["id"])).status_code == 200
    return approval, requester


async def _publish(kafka_producer, tenant_id: str, payload) -> None:
    event = make_event(payload, tenant_id=tenant_id, source="radiant/identity")
    await kafka_producer.send_and_wait(
        event.topic, event.to_bytes(), key=event.kafka_key(), headers=event.kafka_headers()
    )


# Execution results are published here by the test as an external deployer would, on `deployment`
# requests: no platform service answers those, so nothing else races the test's answer.
DEPLOYMENT = {"type": "deployment", "action": "deploy", "resourceType": "release", "details": {"version": "2.4.0"}}


def _executed(approval_id: str, **fields: Any) -> ApprovalExecuted:
    return ApprovalExecuted(
        approval_id=approval_id, approval_type="deployment", executed_by_service="ci-deployer", **fields
    )


def _failed(approval_id: str, reason: str) -> ApprovalExecutionFailed:
    return ApprovalExecutionFailed(
        approval_id=approval_id, approval_type="deployment", executed_by_service="ci-deployer", reason=reason
    )


def _answered(approval: dict[str, Any]) -> bool:
    return approval["execution"]["status"] not in ("pending", "external")


async def test_execution_result_is_shown_on_the_approval(gateway, make_token, platform, kafka_producer):
    tenant = Tenant(make_token, "prod")
    approval, requester = await _approved(gateway, tenant, **DEPLOYMENT)
    assert (await _get(gateway, requester, approval["id"]))["execution"]["status"] == "external"
    async with tail_topic(platform, AUDIT) as audit:
        await _publish(kafka_producer, tenant.id, _executed(approval["id"], result={"release": "r-42"}))
        detail = await eventually(lambda: _get(gateway, requester, approval["id"]), until=_answered)
        [recorded] = await audit.wait_for(_audit(approval["id"], "approval.execute"))
    assert detail["executionStatus"] == "executed"
    assert detail["execution"]["service"] == "ci-deployer"
    assert detail["execution"]["result"] == {"release": "r-42"}
    assert detail["history"][-1]["event"] == "executed"
    data = event_json(recorded)["data"]
    assert data["outcome"] == "success"
    assert (data["actor"]["type"], data["actor"]["id"]) == ("service", "ci-deployer")


async def test_execution_failure_reason_is_shown(gateway, make_token, platform, kafka_producer):
    tenant = Tenant(make_token, "prod")
    approval, requester = await _approved(gateway, tenant, **DEPLOYMENT)
    await _publish(kafka_producer, tenant.id, _failed(approval["id"], "cluster unreachable"))
    detail = await eventually(lambda: _get(gateway, requester, approval["id"]), until=_answered)
    assert detail["execution"]["status"] == "failed"
    assert detail["execution"]["error"] == "cluster unreachable"


async def test_execution_result_from_another_tenant_is_ignored(gateway, make_token, platform, kafka_producer):
    tenant = Tenant(make_token, "prod")
    approval, requester = await _approved(gateway, tenant, **DEPLOYMENT)
    await _publish(kafka_producer, str(uuid.uuid4()), _executed(approval["id"]))
    # A genuine result published afterwards on the same partition (same key) is applied: once it
    # shows, the forged one before it has been consumed and ignored.
    await _publish(kafka_producer, tenant.id, _failed(approval["id"], "genuine"))
    detail = await eventually(lambda: _get(gateway, requester, approval["id"]), until=_answered)
    assert detail["execution"]["status"] == "failed" and detail["execution"]["error"] == "genuine"


@pytest.mark.parametrize("approval_type", ["deployment", "promotion"])
async def test_deployments_are_marked_for_external_deployers(gateway, make_token, platform, approval_type):
    approval, requester = await _approved(gateway, Tenant(make_token, "prod"), type=approval_type)
    execution = (await _get(gateway, requester, approval["id"]))["execution"]
    assert execution["status"] == "external" and "external deployer" in execution["note"]
