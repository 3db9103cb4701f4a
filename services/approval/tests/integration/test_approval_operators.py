"""Platform operators' two-person rule (`/api/v2/saas/approvals`): the registry's changes are filed by
metering for the operator who asked, decided by another operator holding saas:write (never the
requester, never platform_support), expire like a tenant's, are audited in the platform stream, and
metering applies them once approved — against the real stack."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
import pytest

from radiant_testing import admin_connection, bearer, event_json, eventually, tail_topic
from radiant_testing.internal import internal_client

APPROVALS = "/api/v2/saas/approvals"
INTERNAL = "/internal/v1/approvals"
PROBLEM = "application/problem+json"


class Operator:
    def __init__(self, make_token, role: str = "platform_admin") -> None:
        self.id = str(uuid.uuid4())
        self.headers = bearer(make_token(kind="operator", role=role, subject=self.id, name=f"Op {self.id[:4]}"))


@pytest.fixture
def operators(make_token):
    def _make(role: str = "platform_admin") -> Operator:
        return Operator(make_token, role)

    return _make


async def _registered_model(gateway: httpx.AsyncClient, ops: Operator, **fields: Any) -> str:
    model = f"op-approval-{uuid.uuid4().hex[:8]}"
    body = {"providerId": "acme", "modelName": "Acme", "inputPricePerMillion": "1", "outputPricePerMillion": "2"}
    r = await gateway.put(f"/api/v2/metering/models/{model}", json={**body, **fields}, headers=ops.headers)
    assert r.status_code == 200, r.text
    return model


async def _model(gateway: httpx.AsyncClient, ops: Operator, model: str) -> dict[str, Any]:
    r = await gateway.get(f"/api/v2/saas/models/{model}", headers=ops.headers)
    assert r.status_code == 200, r.text
    return r.json()


async def _file(gateway: httpx.AsyncClient, ops: Operator, approval_type: str, details: dict[str, Any], **extra):
    return await gateway.post(APPROVALS, json={"type": approval_type, "details": details, **extra}, headers=ops.headers)


async def test_activating_a_model_takes_a_second_operator(platform, gateway, operators):
    requester, second, support = operators(), operators(), operators("platform_support")
    model = await _registered_model(gateway, requester)
    # Taking a model out of service is direct; bringing it back is not.
    r = await gateway.put(f"/api/v2/metering/models/{model}", json={"status": "inactive"}, headers=requester.headers)
    assert r.status_code == 200 and r.json()["status"] == "inactive", r.text
    direct = await gateway.put(f"/api/v2/metering/models/{model}", json={"status": "active"}, headers=requester.headers)
    assert direct.status_code == 409 and "model_activation" in direct.json()["detail"], direct.text
    assert (await _model(gateway, requester, model))["status"] == "inactive"

    async with tail_topic(platform, "audit-events") as audit:
        filed = await _file(gateway, requester, "model_activation", {"modelId": model, "status": "active"}, notes="GA")
        assert filed.status_code == 201, filed.text
        approval_id = filed.json()["approval"]["id"]
        assert filed.json()["approval"] | {"id": None} == {"id": None, "status": "pending", "type": "model_activation"}

        listed = await gateway.get(APPROVALS, params={"status": "pending"}, headers=support.headers)
        assert listed.status_code == 200 and approval_id in {a["id"] for a in listed.json()["approvals"]}
        [mine] = [a for a in listed.json()["approvals"] if a["id"] == approval_id]
        assert mine["canApprove"] is False  # support reads, never decides
        detail = (await gateway.get(f"{APPROVALS}/{approval_id}", headers=second.headers)).json()["approval"]
        assert detail["canApprove"] is True and detail["requiresTwoPersonApproval"] is True
        assert detail["filedByService"] == "metering" and detail["resourceId"] == model
        assert (
            detail["details"] == {"model_id": model, "status": "active"} and detail["requestedBy"]["id"] == requester.id
        )

        own = await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=requester.headers)
        assert own.status_code == 403 and "different operator" in own.json()["detail"], own.text
        for method, path, body in (
            ("POST", f"{APPROVALS}/{approval_id}/approve", {}),
            ("POST", f"{APPROVALS}/{approval_id}/reject", {"reason": "no"}),
            ("DELETE", f"{APPROVALS}/{approval_id}", None),
        ):
            refused = await gateway.request(method, path, json=body, headers=support.headers)
            assert refused.status_code == 403 and refused.json()["required_permission"] == "saas:write", refused.text
        assert (await _model(gateway, requester, model))["status"] == "inactive"

        approved = await gateway.post(
            f"{APPROVALS}/{approval_id}/approve", json={"reason": "ok"}, headers=second.headers
        )
        assert approved.status_code == 200, approved.text
        assert approved.json()["approval"] | {"processedAt": None} == approved.json()["approval"] | {
            "processedAt": None,
            "status": "approved",
            "processedBy": second.id,
            "decision": "approve",
        }
        records = await audit.wait_for(
            lambda r: (
                event_json(r)["tenantid"] == "platform"
                and event_json(r)["data"]["resource_id"] == approval_id
                and event_json(r)["data"]["action"] in ("approval.create", "approval.approve")
            ),
            count=3,  # filed, the requester's refused decision, the approval
        )
    by_outcome = {(event_json(r)["data"]["action"], event_json(r)["data"]["outcome"]): event_json(r) for r in records}
    assert by_outcome[("approval.create", "success")]["data"]["actor"] | {"ip": None, "user_agent": None} == {
        "type": "operator",
        "id": requester.id,
        "name": f"Op {requester.id[:4]}",
        "ip": None,
        "user_agent": None,
        "impersonator": None,
    }
    assert by_outcome[("approval.approve", "denied")]["data"]["actor"]["id"] == requester.id
    assert by_outcome[("approval.approve", "success")]["data"]["actor"]["id"] == second.id

    # metering carries it out, having confirmed the decision with the approval service
    await eventually(lambda: _model(gateway, requester, model), until=lambda m: m["status"] == "active")

    async def execution() -> str | None:
        record = (await gateway.get(f"{APPROVALS}/{approval_id}", headers=requester.headers)).json()["approval"]
        return record["executionStatus"]

    assert await eventually(execution, until=lambda s: s == "executed") == "executed"
    again = await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=second.headers)
    assert again.status_code == 409


async def test_moving_a_model_to_another_provider_takes_a_second_operator(gateway, operators):
    requester, second = operators(), operators()
    model = await _registered_model(gateway, requester)
    direct = await gateway.put(
        f"/api/v2/metering/models/{model}", json={"providerId": "other"}, headers=requester.headers
    )
    assert direct.status_code == 409 and "provider_change" in direct.json()["detail"], direct.text
    # a rename and a scheduled price stay direct edits
    renamed = await gateway.put(
        f"/api/v2/metering/models/{model}",
        json={"modelName": "Acme 2", "providerId": "acme"},
        headers=requester.headers,
    )
    assert renamed.status_code == 200 and renamed.json()["modelName"] == "Acme 2", renamed.text

    filed = await _file(gateway, requester, "provider_change", {"modelId": model, "providerId": "azure"})
    assert filed.status_code == 201, filed.text
    approval_id = filed.json()["approval"]["id"]
    assert (
        await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=second.headers)
    ).status_code == 200
    await eventually(lambda: _model(gateway, requester, model), until=lambda m: m["providerId"] == "azure")


async def test_filing_checks_the_change_against_the_registry(gateway, operators, make_token):
    ops = operators()
    model = await _registered_model(gateway, ops)
    missing = await _file(gateway, ops, "model_activation", {"modelId": f"nope-{uuid.uuid4().hex[:6]}"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "details.modelId", missing.text
    unnamed = await _file(gateway, ops, "model_activation", {"status": "active"})
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "details.modelId"
    noop = await _file(gateway, ops, "model_activation", {"modelId": model, "status": "active"})
    assert noop.status_code == 409, noop.text
    unchanged = await _file(gateway, ops, "provider_change", {"modelId": model, "providerId": "acme"})
    assert unchanged.status_code == 409, unchanged.text
    untyped = await _file(gateway, ops, "provider_change", {"modelId": model, "colour": "red"})
    assert untyped.status_code == 422 and untyped.headers["content-type"].startswith(PROBLEM)
    wrong_type = await _file(gateway, ops, "user_role_change", {"userId": "u", "newRole": "admin"})
    assert wrong_type.status_code == 422
    support = operators("platform_support")
    refused = await _file(gateway, support, "model_activation", {"modelId": model, "status": "inactive"})
    assert refused.status_code == 403 and refused.json()["required_permission"] == "saas:write"


async def test_an_operators_request_expires_like_a_tenants(platform, gateway, operators):
    requester, second = operators(), operators()
    model = await _registered_model(gateway, requester, status="inactive")
    filed = await _file(gateway, requester, "model_activation", {"modelId": model}, expiresInHours=1)
    assert filed.status_code == 201, filed.text
    approval_id = filed.json()["approval"]["id"]
    async with admin_connection(platform) as conn:  # an hour later, as far as the request is concerned
        await conn.execute(
            "UPDATE approval.approval_requests SET expires_at = now() - interval '1 second' WHERE id = $1",
            uuid.UUID(approval_id),
        )
    late = await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=second.headers)
    assert late.status_code == 409 and late.json()["approvalStatus"] == "expired", late.text
    detail = (await gateway.get(f"{APPROVALS}/{approval_id}", headers=second.headers)).json()["approval"]
    assert detail["status"] == "expired"
    assert (await _model(gateway, requester, model))["status"] == "inactive"


async def test_a_tenants_requests_and_the_platforms_never_mix(platform, gateway, make_token, operators):
    """Tenants cannot file operator types (nor operators tenant types); a tenant admin sees no platform
    request; an operator sees no tenant's."""
    requester = str(uuid.uuid4())
    tenant_person = {"id": requester, "role": "super_admin"}
    operator_person = {"id": requester, "role": "platform_admin", "kind": "operator"}
    base = {"environment": "prod", "action": "change", "resourceType": "model", "resourceId": "gpt-4o"}
    activation = {"type": "model_activation", "details": {"model_id": "gpt-4o", "status": "inactive"}}
    role_change = {"type": "user_role_change", "details": {"user_id": "u-1", "new_role": "admin"}}
    async with internal_client(platform, caller="metering", callee="approval") as metering:
        as_tenant = await metering.post(
            INTERNAL, json={**base, **activation, "tenantId": f"t-{uuid.uuid4()}", "requestedBy": tenant_person}
        )
        assert as_tenant.status_code == 403 and "operators" in as_tenant.json()["detail"], as_tenant.text
        outside = await metering.post(
            INTERNAL, json={**base, **activation, "tenantId": f"t-{uuid.uuid4()}", "requestedBy": operator_person}
        )
        assert outside.status_code == 403, outside.text
        filed = await metering.post(
            INTERNAL, json={**base, **activation, "tenantId": "platform", "requestedBy": operator_person}
        )
        assert filed.status_code == 201, filed.text
    async with internal_client(platform, caller="identity", callee="approval") as identity:
        by_operator = await identity.post(
            INTERNAL, json={**base, **role_change, "tenantId": "platform", "requestedBy": operator_person}
        )
        assert by_operator.status_code == 403, by_operator.text
    platform_id = filed.json()["approval"]["id"]
    admin = bearer(make_token(role="super_admin", tenant_id=f"t-{uuid.uuid4()}"))
    assert (await gateway.get(f"/api/v2/admin/approvals/{platform_id}", headers=admin)).status_code == 404
    tenant_admin = bearer(make_token(role="super_admin", tenant_id="platform"))  # a token naming the platform
    r = await gateway.post(
        f"/api/v2/admin/approvals/{platform_id}/process", json={"action": "approve"}, headers=tenant_admin
    )
    assert r.status_code in (401, 403, 404), r.text  # refused where the token is verified
    ops = operators()
    assert (await gateway.get(f"{APPROVALS}/{platform_id}", headers=ops.headers)).status_code == 200
    tenant_request = await gateway.post(
        "/api/v2/admin/approvals",
        json={
            "type": "deployment",
            "action": "deploy",
            "resourceType": "release",
            "resourceId": "2.4.0",
            "details": {},
        },
        headers=admin,
    )
    assert tenant_request.status_code == 201, tenant_request.text
    tenant_id = tenant_request.json()["approval"]["id"]
    assert (await gateway.get(f"{APPROVALS}/{tenant_id}", headers=ops.headers)).status_code == 404
