"""Who may file which approval (issue 12 finding 1): a change type owned by a service is filed by that
service alone, over its authenticated internal route, on behalf of the administrator who asked it;
the public `POST /admin/approvals` takes only the types no service owns (external deployers')."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from radiant_testing import bearer, event_json, tail_topic
from radiant_testing.internal import internal_client

API = "/api/v2/admin/approvals"
INTERNAL = "/internal/v1/approvals"

OWNED = {
    "user_role_change": ("identity", {"user_id": "u-1", "previous_role": "operator", "new_role": "admin"}),
    "billing_change": ("billing", {"settings": {"margin_percent": "25.00"}}),
    "model_activation": ("metering", {"model_id": "gpt-4o", "status": "inactive"}),
    "provider_change": ("metering", {"model_id": "gpt-4o", "input_price_per_million": "1.5"}),
    "admin_invitation": (
        "identity",
        {"invitation_id": str(uuid.uuid4()), "email": "new@example.com", "role": "super_admin"},
    ),
    "admin_status_change": ("identity", {"user_id": "u-2", "action": "suspend", "role": "admin"}),
}


def _tenant_caller(make_token, role: str, environment: str = "prod") -> tuple[str, str, dict[str, str]]:
    tenant, subject = f"t-{uuid.uuid4()}", str(uuid.uuid4())
    return tenant, subject, bearer(make_token(role=role, tenant_id=tenant, environment=environment, subject=subject))


#: Registry changes are platform operators' approvals, filed under the platform tenant.
OPERATOR_TYPES = {"model_activation", "provider_change"}


def _filing(approval_type: str, tenant: str, requester: str, **overrides: Any) -> dict[str, Any]:
    by_operator = approval_type in OPERATOR_TYPES
    person = {"id": requester, "name": "Ada Admin", "email": "ada@example.com", "role": "super_admin"}
    if by_operator:
        person |= {"role": "platform_admin", "kind": "operator"}
    return {
        "tenantId": "platform" if by_operator else tenant,
        "environment": "prod",
        "requestedBy": person,
        "client": {"ip": "203.0.113.7", "userAgent": "console/1.0"},
        "type": approval_type,
        "action": "change",
        "resourceType": "thing",
        "resourceId": str(uuid.uuid4()),
        "details": OWNED[approval_type][1],
        "priority": "high",
        **overrides,
    }


async def test_an_admin_cannot_file_a_role_change_for_themselves(gateway, make_token, platform):
    """The finding: `approvals:initiate` let an admin file `user_role_change` to super_admin for themselves."""
    tenant, me, headers = _tenant_caller(make_token, "admin")
    body = {
        "type": "user_role_change",
        "action": "change_role",
        "resourceType": "administrator",
        "resourceId": me,
        "details": {"user_id": me, "new_role": "super_admin"},
    }
    response = await gateway.post(API, json=body, headers=headers)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == ["type"]
    listed = await gateway.get(API, headers=bearer(make_token(role="super_admin", tenant_id=tenant)))
    assert listed.json()["approvals"] == []  # nothing was filed


@pytest.mark.parametrize("approval_type", sorted(OWNED))
async def test_the_public_route_refuses_every_type_a_service_owns(gateway, make_token, platform, approval_type):
    _, _, headers = _tenant_caller(make_token, "super_admin")
    body = {
        "type": approval_type,
        "action": "change",
        "resourceType": "thing",
        "resourceId": "r-1",
        "details": OWNED[approval_type][1],
    }
    response = await gateway.post(API, json=body, headers=headers)
    assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["type"]


async def test_the_owning_service_files_on_behalf_of_its_caller(gateway, make_token, platform):
    tenant, requester, _ = _tenant_caller(make_token, "super_admin")
    async with (
        tail_topic(platform, "approval-decisions") as decisions,
        tail_topic(platform, "audit-events") as audit,
        internal_client(platform, caller="identity", callee="approval") as identity,
    ):
        response = await identity.post(INTERNAL, json=_filing("user_role_change", tenant, requester))
        assert response.status_code == 201, response.text
        approval = response.json()["approval"]
        [requested] = await decisions.wait_for(lambda r: event_json(r)["subject"] == approval["id"])
        [recorded] = await audit.wait_for(
            lambda r: (
                event_json(r)["data"]["resource_id"] == approval["id"]
                and event_json(r)["data"]["action"] == "approval.create"
            )
        )
    assert approval["requestedBy"] == {"id": requester, "name": "Ada Admin", "email": "ada@example.com"}
    assert approval["filedByService"] == "identity"
    assert approval["requiresTwoPersonApproval"] is True and approval["environment"] == "prod"
    # The approver reads the exact, typed change the executor will apply.
    assert approval["details"] == OWNED["user_role_change"][1]
    data = event_json(requested)["data"]
    assert event_json(requested)["tenantid"] == tenant and data["requested_by"] == requester
    audit_data = event_json(recorded)["data"]
    assert (audit_data["actor"]["id"], audit_data["actor"]["ip"]) == (requester, "203.0.113.7")
    assert audit_data["details"]["filed_by_service"] == "identity"

    # The tenant's approvers find it; another tenant does not.
    shown = await gateway.get(
        f"{API}/{approval['id']}", headers=bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod"))
    )
    assert shown.status_code == 200 and shown.json()["approval"]["filedByService"] == "identity"
    stranger = bearer(make_token(role="super_admin", tenant_id=f"t-{uuid.uuid4()}"))
    assert (await gateway.get(f"{API}/{approval['id']}", headers=stranger)).status_code == 404


@pytest.mark.parametrize("approval_type", sorted(OWNED))
async def test_only_the_owning_service_may_file_its_types(platform, approval_type):
    owner = OWNED[approval_type][0]
    tenant, requester = f"t-{uuid.uuid4()}", str(uuid.uuid4())
    for service in ("identity", "billing", "metering"):
        async with internal_client(platform, caller=service, callee="approval") as client:
            response = await client.post(INTERNAL, json=_filing(approval_type, tenant, requester))
        if service == owner:
            assert response.status_code == 201, response.text
        else:
            assert response.status_code == 403, (service, response.text)
            assert owner in response.json()["detail"]


async def test_external_deployers_types_are_not_filed_internally(platform):
    async with internal_client(platform, caller="identity", callee="approval") as client:
        body = {**_filing("user_role_change", "t-x", "u-x"), "type": "deployment", "details": {"version": "2.4.0"}}
        response = await client.post(INTERNAL, json=body)
    assert response.status_code == 403 and "public API" in response.json()["detail"]


async def test_internal_filing_needs_a_service_token_and_typed_details(platform, make_token):
    tenant, requester = f"t-{uuid.uuid4()}", str(uuid.uuid4())
    async with internal_client(platform, caller=None, callee="approval") as anonymous:
        assert (await anonymous.post(INTERNAL, json=_filing("billing_change", tenant, requester))).status_code == 401
        as_admin = bearer(make_token(role="super_admin", tenant_id=tenant))
        response = await anonymous.post(INTERNAL, json=_filing("billing_change", tenant, requester), headers=as_admin)
        assert response.status_code == 401
    async with internal_client(platform, caller="billing", callee="approval") as billing:
        untyped = await billing.post(
            INTERNAL, json=_filing("billing_change", tenant, requester, details={"settings": {"x": 1}})
        )
        no_env = await billing.post(INTERNAL, json=_filing("billing_change", tenant, requester, environment="test"))
    assert untyped.status_code == 422 and "details.settings.x" in {e["field"] for e in untyped.json()["errors"]}
    assert no_env.status_code == 422 and [e["field"] for e in no_env.json()["errors"]] == ["environment"]
