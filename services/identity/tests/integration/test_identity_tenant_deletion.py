"""Deleting a tenant (`DELETE /api/v2/saas/tenants/{id}`): soft at once outside prod (the tenant behaves
as suspended: sessions end, tokens and keys refused, sign-in refused; `tenant.deleted` published and
audited in both streams), and for a prod tenant only once a second operator approved the
`tenant_deletion` the first one filed — against the real stack."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from radiant_testing import bearer, event_json, eventually, tail_topic
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant, token_from_email

API = "/api/v2/saas/tenants"
APPROVALS = "/api/v2/saas/approvals"
PROBLEM = "application/problem+json"
SUSPENDED_TYPE = "urn:radiant:problem:tenant-suspended"


@dataclass
class Operator:
    id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return bearer(self.token)


@pytest.fixture
def operator(make_token):
    def _operator(role: str = "platform_admin") -> Operator:
        operator_id = str(uuid.uuid4())
        email = new_email(role.replace("_", "-"))
        return Operator(operator_id, make_token(kind="operator", role=role, subject=operator_id, email=email))

    return _operator


@pytest.fixture
async def identity(platform):
    async with httpx.AsyncClient(base_url=platform.service_url("identity"), timeout=30) as client:
        yield client


async def _create_tenant(gateway, inbox, ops: Operator, *, environment: str, accept: bool) -> tuple[str, str]:
    email = new_email("owner")
    created = await gateway.post(
        API,
        json={"name": f"Doomed {uuid.uuid4().hex[:8]}", "environment": environment, "superAdminEmail": email},
        headers=ops.headers,
    )
    assert created.status_code == 201, created.text
    tenant_id = created.json()["tenant"]["id"]
    if accept:
        token = token_from_email(await inbox.wait_for(email))
        body = {"token": token, "firstName": "Ada", "lastName": "Owner", "password": PASSWORD}
        accepted = await gateway.post("/api/v2/admin/invitations/accept", json=body)
        assert accepted.status_code == 200, accepted.text
    return tenant_id, email


async def _delete(client: httpx.AsyncClient, tenant_id: str, ops: Operator, reason: Any = "contract ended"):
    return await client.request("DELETE", f"{API}/{tenant_id}", json={"reason": reason}, headers=ops.headers)


async def _status(gateway, tenant_id: str, ops: Operator) -> str:
    response = await gateway.get(f"{API}/{tenant_id}", headers=ops.headers)
    assert response.status_code == 200, response.text
    return response.json()["tenant"]["status"]


async def test_a_non_prod_tenant_is_soft_deleted_at_once_and_behaves_as_suspended(
    platform, gateway, inbox, operator, make_token
):
    ops = operator()
    tenant_id, admin_email = await _create_tenant(gateway, inbox, ops, environment="dev", accept=True)
    signed_in = await gateway.post("/api/v2/auth/login", json={"email": admin_email, "password": PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
    session = signed_in.json()
    old_token = bearer(session["accessToken"])
    assert (await gateway.get("/api/v2/admin/users", headers=old_token)).status_code == 200

    async with tail_topic(platform, "tenant-events") as tenants, tail_topic(platform, "audit-events") as audit:
        deleted = await _delete(gateway, tenant_id, ops)
        assert deleted.status_code == 200, deleted.text
        body = deleted.json()
        assert body["deleted"] is True and body["approval"] is None
        assert body["tenant"]["status"] == "deleted" and body["purgeAfter"] is not None

        [event] = await tenants.wait_for(lambda r: event_json(r)["tenantid"] == tenant_id)
        published = event_json(event)
        assert published["type"] == "radiant.tenant.deleted.v1"
        assert published["data"]["status"] == "deleted" and published["data"]["reason"] == "contract ended"
        assert published["data"]["changed_by"] == ops.id and published["data"]["deleted_at"]

        records = await audit.wait_for(
            lambda r: (
                event_json(r)["data"]["action"] == "tenant.delete" and event_json(r)["data"]["resource_id"] == tenant_id
            ),
            count=2,
        )
        assert {event_json(r)["tenantid"] for r in records} == {"platform", tenant_id}
        assert all(event_json(r)["data"]["actor"]["id"] == ops.id for r in records)
        assert all(event_json(r)["data"]["details"]["reason"] == "contract ended" for r in records)

    # The tenant behaves as suspended: its tokens (old and freshly signed) are refused within a
    # second (the verifiers believe a mark for half a second), refresh and sign-in too, each with a
    # clear problem.
    refused = await eventually(
        lambda: gateway.get("/api/v2/admin/users", headers=old_token),
        until=lambda r: r.status_code != 200,
        timeout=1.5,
        what="the deleted tenant's token refused",
    )
    assert refused.status_code == 403 and refused.json()["type"] == SUSPENDED_TYPE
    fresh = bearer(make_token(role="super_admin", tenant_id=tenant_id))
    assert (await gateway.get("/api/v2/admin/users", headers=fresh)).status_code == 403
    refresh = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert refresh.status_code in (401, 403), refresh.text
    login = await gateway.post("/api/v2/auth/login", json={"email": admin_email, "password": PASSWORD})
    assert login.status_code == 403 and login.headers["content-type"].startswith(PROBLEM), login.text
    assert await _status(gateway, tenant_id, ops) == "deleted"
    # Deleting it again, suspending or reactivating it: its status allows none of these.
    assert (await _delete(gateway, tenant_id, ops)).status_code == 409
    again = await gateway.post(f"{API}/{tenant_id}/reactivate", json={"reason": "oops"}, headers=ops.headers)
    assert again.status_code == 409


async def test_a_prod_tenant_is_deleted_only_when_a_second_operator_approves(platform, gateway, inbox, operator):
    first, second, support = operator(), operator(), operator("platform_support")
    tenant_id, _ = await _create_tenant(gateway, inbox, first, environment="prod", accept=False)

    async with tail_topic(platform, "audit-events") as audit:
        requested = await _delete(gateway, tenant_id, first, "customer asked for erasure")
        assert requested.status_code == 202, requested.text
        body = requested.json()
        assert body["deleted"] is False and body["approval"]["type"] == "tenant_deletion"
        approval_id = body["approval"]["id"]
        # the request is the platform's, and about the tenant: both logs record it
        filed = await audit.wait_for(
            lambda r: (
                event_json(r)["data"]["action"] in ("approval.create", "tenant.delete_requested")
                and event_json(r)["data"]["resource_id"] in (approval_id, tenant_id)
            ),
            count=4,
        )
    seen = {(event_json(r)["tenantid"], event_json(r)["data"]["action"]) for r in filed}
    assert seen == {
        ("platform", "approval.create"),
        (tenant_id, "approval.create"),
        ("platform", "tenant.delete_requested"),
        (tenant_id, "tenant.delete_requested"),
    }
    assert all(event_json(r)["data"]["actor"]["id"] == first.id for r in filed)
    assert await _status(gateway, tenant_id, first) == "active"  # nothing happens before approval

    detail = await gateway.get(f"{APPROVALS}/{approval_id}", headers=support.headers)  # support reads
    assert detail.status_code == 200, detail.text
    approval = detail.json()["approval"]
    assert approval["status"] == "pending" and approval["requiresTwoPersonApproval"] is True
    assert approval["details"]["tenant_id"] == tenant_id and approval["filedByService"] == "identity"
    assert approval["requestedBy"]["id"] == first.id and approval["environment"] == "prod"

    own = await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=first.headers)
    assert own.status_code == 403 and "different operator" in own.json()["detail"]
    by_support = await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=support.headers)
    assert by_support.status_code == 403 and by_support.json()["required_permission"] == "saas:write"
    assert await _status(gateway, tenant_id, first) == "active"

    async with tail_topic(platform, "tenant-events") as tenants:
        approved = await gateway.post(
            f"{APPROVALS}/{approval_id}/approve", json={"reason": "confirmed with legal"}, headers=second.headers
        )
        assert approved.status_code == 200, approved.text
        assert approved.json()["approval"]["status"] == "approved"
        [event] = await tenants.wait_for(lambda r: event_json(r)["tenantid"] == tenant_id)
    data = event_json(event)["data"]
    assert data["status"] == "deleted" and data["approval_id"] == approval_id
    assert data["reason"] == "customer asked for erasure"
    assert await _status(gateway, tenant_id, first) == "deleted"

    async def executed() -> str | None:
        record = (await gateway.get(f"{APPROVALS}/{approval_id}", headers=first.headers)).json()["approval"]
        return record["executionStatus"]

    assert await eventually(executed, until=lambda s: s == "executed", what="identity executed the deletion")


async def test_a_prod_deletion_rejected_by_the_second_operator_leaves_the_tenant(gateway, inbox, operator):
    first, second = operator(), operator()
    tenant_id, _ = await _create_tenant(gateway, inbox, first, environment="prod", accept=False)
    approval_id = (await _delete(gateway, tenant_id, first)).json()["approval"]["id"]
    blank = await gateway.post(f"{APPROVALS}/{approval_id}/reject", json={"reason": "  "}, headers=second.headers)
    assert blank.status_code == 422
    rejected = await gateway.post(
        f"{APPROVALS}/{approval_id}/reject", json={"reason": "still under contract"}, headers=second.headers
    )
    assert rejected.status_code == 200 and rejected.json()["approval"]["status"] == "rejected", rejected.text
    decided = await gateway.post(f"{APPROVALS}/{approval_id}/approve", json={}, headers=second.headers)
    assert decided.status_code == 409
    assert await _status(gateway, tenant_id, first) == "active"


async def test_a_second_prod_deletion_request_while_one_is_pending_is_refused(admin_db, gateway, inbox, operator):
    first, second = operator(), operator()
    tenant_id, _ = await _create_tenant(gateway, inbox, first, environment="prod", accept=False)
    # Two requests at once, and one later: one approval is filed, the others are told which is pending.
    answers = [
        *await asyncio.gather(_delete(gateway, tenant_id, first), _delete(gateway, tenant_id, second)),
        await _delete(gateway, tenant_id, second, "asked again"),
    ]
    assert sorted(a.status_code for a in answers) == [202, 409, 409], [a.text for a in answers]
    [filed] = [a.json()["approval"]["id"] for a in answers if a.status_code == 202]
    for refused in (a for a in answers if a.status_code == 409):
        assert refused.headers["content-type"].startswith(PROBLEM)
        assert refused.json()["approvalId"] == filed and "already waiting" in refused.json()["detail"]
    pending = await admin_db.fetchval(
        "SELECT count(*) FROM approval.approval_requests WHERE tenant_id = 'platform' AND type = 'tenant_deletion' "
        "AND resource_id = $1",
        tenant_id,
    )
    assert pending == 1
    # Once that one is decided (rejected here), a new request files a new approval.
    approver = first if answers[1].status_code == 202 else second
    rejected = await gateway.post(f"{APPROVALS}/{filed}/reject", json={"reason": "not yet"}, headers=approver.headers)
    assert rejected.status_code == 200, rejected.text
    again = await _delete(gateway, tenant_id, first)
    assert again.status_code == 202, again.text
    assert again.json()["approval"]["id"] != filed


async def test_delete_needs_a_reason_an_existing_tenant_and_saas_write(gateway, identity, inbox, operator):
    ops, support = operator(), operator("platform_support")
    tenant_id, _ = await _create_tenant(gateway, inbox, ops, environment="dev", accept=False)
    for reason in ("", "   ", None):
        response = await _delete(gateway, tenant_id, ops, reason)
        assert response.status_code == 422 and response.json()["errors"][0]["field"] == "reason", response.text
    missing = await gateway.request("DELETE", f"{API}/{tenant_id}", headers=ops.headers)
    assert missing.status_code == 422
    assert (await _delete(gateway, str(uuid.uuid4()), ops)).status_code == 404
    for client in (gateway, identity):
        response = await _delete(client, tenant_id, support)
        assert response.status_code == 403 and response.json()["required_permission"] == "saas:write"
    assert await _status(gateway, tenant_id, ops) == "active"


#: Every route this feature adds, with a body an operator could send.
NEW_ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("DELETE", f"{API}/{uuid.uuid4()}", {"reason": "r"}),
    ("POST", APPROVALS, {"type": "model_activation", "details": {"modelId": "gpt-4o", "status": "active"}}),
    ("GET", APPROVALS, None),
    ("GET", f"{APPROVALS}/{uuid.uuid4()}", None),
    ("POST", f"{APPROVALS}/{uuid.uuid4()}/approve", {}),
    ("POST", f"{APPROVALS}/{uuid.uuid4()}/reject", {"reason": "r"}),
    ("DELETE", f"{APPROVALS}/{uuid.uuid4()}", None),
    ("GET", f"/api/v2/saas/audit/tenants/{uuid.uuid4()}/verify", None),
]


async def test_a_tenant_administrator_gets_403_on_every_new_saas_route(platform, gateway, make_token):
    """Even a super_admin: `saas:` permissions are no tenant role's — at the gateway and at each owner."""
    token = bearer(make_token(role="super_admin", tenant_id=new_tenant()))
    owners = {"/api/v2/saas/tenants": "identity", "/api/v2/saas/audit": "audit"}
    for method, path, body in NEW_ROUTES:
        owner = next((svc for prefix, svc in owners.items() if path.startswith(prefix)), None)
        if owner is None:
            owner = "metering" if (method, path) == ("POST", APPROVALS) else "approval"
        async with httpx.AsyncClient(base_url=platform.service_url(owner), timeout=30) as direct:
            for client in (gateway, direct):
                response = await client.request(method, path, json=body, headers=token)
                assert response.status_code == 403, (client.base_url, method, path, response.text)
                assert response.headers["content-type"].startswith(PROBLEM)


async def test_a_name_with_control_characters_is_refused_and_an_old_one_still_files_its_deletion(
    admin_db, gateway, inbox, operator
):
    # Found by the fuzzer: a tenant created as "O¾×\x88u~" (U+0088, a C1 control) could not be deleted
    # in prod — the deletion's approval payload refuses control characters, and identity answered 500.
    ops, approver = operator(), operator()
    for name in ("Acme\x88", "Acme\u2028Ltd", "Acme\x1b[31m"):
        body = {"name": name, "environment": "prod", "superAdminEmail": new_email("owner")}
        refused = await gateway.post(API, json=body, headers=ops.headers)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["name"]
    tenant_id, _ = await _create_tenant(gateway, inbox, ops, environment="prod", accept=False)
    # A tenant named before names were checked.
    await admin_db.execute("UPDATE identity.tenants SET name = $2 WHERE id = $1", tenant_id, "Old\x88name\x1b")
    filed = await _delete(gateway, tenant_id, ops)
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["approval"]["id"]
    shown = await gateway.get(f"{APPROVALS}/{approval_id}", headers=approver.headers)
    assert shown.status_code == 200, shown.text
    assert shown.json()["approval"]["details"]["tenant_name"] == "Old\ufffdname\ufffd"
