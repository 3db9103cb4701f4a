"""Platform operators run the tenant lifecycle (`/api/v2/saas/tenants`): who may, what is stored and
published, suspension ending sessions at once, and impersonation — through the gateway and directly
on identity (and another service), against the real stack."""

from __future__ import annotations

import subprocess
import sys
import uuid
from dataclasses import dataclass
from typing import Any

import httpx
import jwt
import pytest
import redis.asyncio as aioredis

from radiant_testing import bearer, event_json, eventually, tail_topic
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant, token_from_email

API = "/api/v2/saas/tenants"
PROBLEM = "application/problem+json"
SUSPENDED_TYPE = "urn:radiant:problem:tenant-suspended"
READ_ONLY_TYPE = "urn:radiant:problem:read-only-session"

#: Every `/saas/tenants*` route, with a body that would be valid for an operator.
SOME_ID = str(uuid.uuid4())
ROUTES: list[tuple[str, str, dict[str, Any] | None]] = [
    ("GET", API, None),
    ("POST", API, {"name": "X", "environment": "dev", "superAdminEmail": "x@example.com"}),
    ("GET", f"{API}/{SOME_ID}", None),
    ("PUT", f"{API}/{SOME_ID}", {"name": "Y"}),
    ("POST", f"{API}/{SOME_ID}/suspend", {"reason": "r"}),
    ("POST", f"{API}/{SOME_ID}/reactivate", {"reason": "r"}),
    ("POST", f"{API}/{SOME_ID}/impersonate", {"reason": "r"}),
    ("GET", f"{API}/{SOME_ID}/impersonations", None),
    ("DELETE", f"{API}/{SOME_ID}/impersonate/{uuid.uuid4()}", None),
]
MUTATIONS = [r for r in ROUTES if r[0] != "GET" and "/impersonate" not in r[1]]


@dataclass
class Operator:
    id: str
    email: str
    token: str


@dataclass
class CreatedTenant:
    id: str
    name: str
    admin_email: str


@pytest.fixture
def operator(make_token):
    def _operator(role: str = "platform_admin") -> Operator:
        operator_id = str(uuid.uuid4())
        email = new_email(role.replace("_", "-"))
        token = make_token(kind="operator", role=role, subject=operator_id, email=email, name=f"Op {role}")
        return Operator(operator_id, email, token)

    return _operator


@pytest.fixture
async def identity(platform):
    async with httpx.AsyncClient(base_url=platform.service_url("identity"), timeout=30) as client:
        yield client


@pytest.fixture
def create_tenant(gateway, operator, inbox):
    """A tenant created by an operator, its first super_admin onboarded through the emailed invitation."""

    async def _create(*, name: str | None = None, accept: bool = True, **body: Any) -> CreatedTenant:
        admin_email = new_email("owner")
        name = name or f"Tenant {uuid.uuid4().hex[:8]}"
        created = await gateway.post(
            API,
            json={"name": name, "environment": "dev", "superAdminEmail": admin_email, **body},
            headers=bearer(operator().token),
        )
        assert created.status_code == 201, created.text
        tenant_id = created.json()["tenant"]["id"]
        if accept:
            token = token_from_email(await inbox.wait_for(admin_email))
            accept_body = {"token": token, "firstName": "Ada", "lastName": "Owner", "password": PASSWORD}
            accepted = await gateway.post("/api/v2/admin/invitations/accept", json=accept_body)
            assert accepted.status_code == 200, accepted.text
        return CreatedTenant(tenant_id, name, admin_email)

    return _create


async def _login(gateway: httpx.AsyncClient, email: str) -> httpx.Response:
    return await gateway.post("/api/v2/auth/login", json={"email": email, "password": PASSWORD})


async def _signed_in(gateway: httpx.AsyncClient, email: str) -> dict[str, Any]:
    response = await _login(gateway, email)
    assert response.status_code == 200, response.text
    return response.json()


async def _call(client: httpx.AsyncClient, method: str, path: str, token: str, body: Any = None) -> httpx.Response:
    return await client.request(method, path, json=body, headers=bearer(token))


def _claims(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


# --- who may --------------------------------------------------------------------------------------


async def test_a_tenant_administrator_gets_403_on_every_saas_tenants_route(gateway, identity, make_token):
    """Even a super_admin: `saas:` permissions belong to no tenant role. Through the gateway and on
    identity itself (defence in depth)."""
    token = make_token(role="super_admin", tenant_id=new_tenant())
    for method, path, body in ROUTES:
        for client in (gateway, identity):
            response = await _call(client, method, path, token, body)
            assert response.status_code == 403, (client.base_url, method, path, response.text)
            assert response.headers["content-type"].startswith(PROBLEM)


async def test_platform_support_reads_tenants_but_cannot_change_them(gateway, identity, operator, create_tenant):
    tenant = await create_tenant(accept=False)
    support = operator("platform_support")
    assert (await _call(gateway, "GET", API, support.token)).status_code == 200
    assert (await _call(gateway, "GET", f"{API}/{tenant.id}", support.token)).status_code == 200
    for method, path, body in MUTATIONS:
        path = path.replace(SOME_ID, tenant.id)
        for client in (gateway, identity):
            response = await _call(client, method, path, support.token, body)
            assert response.status_code == 403, (method, path, response.text)
            assert response.json()["required_permission"] == "saas:write"
    # Support may impersonate, read-only only.
    write = await _call(
        gateway, "POST", f"{API}/{tenant.id}/impersonate", support.token, {"reason": "r", "write": True}
    )
    assert write.status_code == 403 and "saas:write" in write.json()["detail"]
    detail = (await _call(gateway, "GET", f"{API}/{tenant.id}", support.token)).json()["tenant"]
    assert detail["status"] == "active" and detail["statusHistory"][0]["toStatus"] == "active"


# --- create, list, get, update --------------------------------------------------------------------


async def test_creating_a_tenant_invites_its_first_super_admin_and_publishes_tenant_created(
    platform, gateway, operator, inbox
):
    ops = operator()
    email = new_email("owner")
    async with tail_topic(platform, "tenant-events") as tenants, tail_topic(platform, "audit-events") as audit:
        created = await _call(
            gateway,
            "POST",
            API,
            ops.token,
            {
                "name": "Globex",
                "environment": "staging",
                "superAdminEmail": email,
                "settings": {"labels": {"crm": "A-1"}},
            },
        )
        assert created.status_code == 201, created.text
        body = created.json()
        tenant_id = body["tenant"]["id"]
        assert body["tenant"] | {"settings": None} == body["tenant"] | {
            "name": "Globex",
            "environment": "staging",
            "status": "active",
            "appId": "radiant",
            "createdBy": ops.id,
            "settings": None,
        }
        assert body["tenant"]["settings"] == {"labels": {"crm": "A-1"}, "allowWriteImpersonation": True}
        assert body["invitation"]["email"] == email and body["invitation"]["role"] == "super_admin"
        assert "token" not in body["invitation"]  # the one-time link goes to the invitee only

        [event] = await tenants.wait_for(lambda r: event_json(r)["tenantid"] == tenant_id)
        assert event_json(event)["type"] == "radiant.tenant.created.v1"
        assert event_json(event)["data"] | {"settings": None} == {
            "tenant_id": tenant_id,
            "name": "Globex",
            "app_id": "radiant",
            "environment": "staging",
            "status": "active",
            "plan": None,
            "settings": None,
            "changed_by": ops.id,
            "contact_email": email,  # the first super_admin's address: the tenant's billing contact
        }
        # The operator's action is in the platform stream and in the tenant's log; the invitation too.
        records = await audit.wait_for(
            lambda r: (
                event_json(r)["data"]["action"] in ("tenant.create", "user.invite")
                and tenant_id in (event_json(r)["tenantid"], event_json(r)["data"]["details"].get("tenantId"))
            ),
            count=3,
        )
        seen = {(event_json(r)["tenantid"], event_json(r)["data"]["action"]) for r in records}
        assert seen == {("platform", "tenant.create"), (tenant_id, "tenant.create"), (tenant_id, "user.invite")}
        assert all(event_json(r)["data"]["actor"]["type"] == "operator" for r in records)

    mail = await inbox.wait_for(email)
    accepted = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={"token": token_from_email(mail), "firstName": "Ann", "lastName": "Globex", "password": PASSWORD},
    )
    assert accepted.status_code == 200 and accepted.json()["adminUser"]["role"] == "super_admin"
    signed_in = await _signed_in(gateway, email)
    assert signed_in["administrator"]["tenantId"] == tenant_id
    detail = (await _call(gateway, "GET", f"{API}/{tenant_id}", ops.token)).json()["tenant"]
    assert detail["administrators"] | {"lastLoginAt": None} == {
        "total": 1,
        "byRole": {"super_admin": 1},
        "pendingInvitations": 0,
        "lastLoginAt": None,
    }
    assert detail["administrators"]["lastLoginAt"] is not None


async def test_create_refuses_bad_input_with_field_errors(gateway, operator):
    response = await _call(
        gateway,
        "POST",
        API,
        operator().token,
        {"name": "", "environment": "moon", "superAdminEmail": "not-an-email", "plan": "gold"},
    )
    assert response.status_code == 422 and response.headers["content-type"].startswith(PROBLEM)
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"name", "environment", "superAdminEmail", "plan"} <= fields


async def test_list_filters_by_status_environment_and_name_sorts_and_pages(gateway, operator, create_tenant):
    ops = operator()
    marker = uuid.uuid4().hex[:10]
    names = [f"{marker} Charlie", f"{marker} alpha", f"{marker} Bravo"]
    ids = {n: (await create_tenant(name=n, accept=False)).id for n in names}
    suspended = await _call(gateway, "POST", f"{API}/{ids[names[0]]}/suspend", ops.token, {"reason": "unpaid"})
    assert suspended.status_code == 200, suspended.text

    async def listing(**params: Any) -> dict[str, Any]:
        response = await gateway.get(API, params={"q": marker.upper(), **params}, headers=bearer(ops.token))
        assert response.status_code == 200, response.text
        return response.json()

    by_name = await listing(sort="name")
    assert [t["name"] for t in by_name["tenants"]] == [f"{marker} alpha", f"{marker} Bravo", f"{marker} Charlie"]
    newest_first = await listing()
    assert [t["name"] for t in newest_first["tenants"]] == list(reversed(names))
    assert [t["id"] for t in (await listing(status="suspended"))["tenants"]] == [ids[names[0]]]
    assert len((await listing(status="active", environment="dev"))["tenants"]) == 2
    assert (await listing(environment="prod"))["tenants"] == []
    first = await listing(sort="name", limit=2)
    assert first["pagination"] == {"limit": 2, "offset": 0, "hasMore": True}
    second = await listing(sort="name", limit=2, offset=2)
    assert [t["name"] for t in second["tenants"]] == [f"{marker} Charlie"] and not second["pagination"]["hasMore"]
    assert (await listing(q=ids[names[1]]))["tenants"][0]["name"] == f"{marker} alpha"  # the exact id
    too_deep = await gateway.get(API, params={"limit": 1000}, headers=bearer(ops.token))
    assert too_deep.status_code == 422


async def test_update_changes_name_and_operator_settings_and_publishes_tenant_updated(
    platform, gateway, operator, create_tenant
):
    ops = operator()
    tenant = await create_tenant(accept=False, settings={"labels": {"region": "eu"}})
    async with tail_topic(platform, "tenant-events") as events:
        response = await _call(
            gateway,
            "PUT",
            f"{API}/{tenant.id}",
            ops.token,
            {"name": "Renamed", "settings": {"allowWriteImpersonation": False}},
        )
        assert response.status_code == 200, response.text
        [event] = await events.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant.id and event_json(r)["type"].endswith(".updated.v1")
        )
    updated = response.json()["tenant"]
    assert updated["name"] == "Renamed"
    assert updated["settings"] == {"labels": {"region": "eu"}, "allowWriteImpersonation": False}  # merged
    data = event_json(event)["data"]
    assert event_json(event)["type"] == "radiant.tenant.updated.v1"
    assert data["changed_fields"] == ["name", "settings"] and data["name"] == "Renamed"
    assert data["settings"] == {"labels": {"region": "eu"}, "allow_write_impersonation": False}

    bad = await _call(gateway, "PUT", f"{API}/{tenant.id}", ops.token, {"settings": {"labels": {"Bad Key!": "x"}}})
    assert bad.status_code == 422
    missing = await _call(gateway, "PUT", f"{API}/{uuid.uuid4()}", ops.token, {"name": "x"})
    assert missing.status_code == 404
    # An operator who forbade write impersonation gets read-only sessions only.
    write = await _call(gateway, "POST", f"{API}/{tenant.id}/impersonate", ops.token, {"reason": "fix", "write": True})
    assert write.status_code == 403


# --- suspension -----------------------------------------------------------------------------------


async def test_suspension_refuses_the_tenants_tokens_at_once_and_reactivation_restores_login(
    platform, gateway, identity, operator, create_tenant
):
    ops = operator()
    tenant = await create_tenant()
    session = await _signed_in(gateway, tenant.admin_email)
    access, refresh = session["accessToken"], session["refreshToken"]
    assert (await _call(gateway, "GET", "/api/v2/me", access)).status_code == 200

    async with tail_topic(platform, "tenant-events") as events:
        suspended = await _call(
            gateway, "POST", f"{API}/{tenant.id}/suspend", ops.token, {"reason": "Payment overdue 60 days"}
        )
        assert suspended.status_code == 200, suspended.text
        assert suspended.json()["tenant"]["status"] == "suspended"
        [event] = await events.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant.id and event_json(r)["type"].endswith(".suspended.v1")
        )
    assert event_json(event)["data"]["reason"] == "Payment overdue 60 days"

    # The gateway, identity and another service (audit) all refuse the token that worked a moment ago.
    async with httpx.AsyncClient(base_url=platform.service_url("audit"), timeout=30) as audit:
        for client, path in ((gateway, "/api/v2/me"), (identity, "/api/v2/me"), (audit, "/api/v2/admin/audit")):
            refused = await eventually(
                lambda c=client, p=path: _call(c, "GET", p, access),
                until=lambda r: r.status_code == 403,
                timeout=1.0,
                interval=0.05,
                what=f"{path} on {client.base_url} refusing the suspended tenant's token",
            )
            assert refused.headers["content-type"].startswith(PROBLEM)
            assert refused.json() | {"instance": None} == {
                "type": SUSPENDED_TYPE,
                "title": "Tenant suspended",
                "status": 403,
                "detail": "This tenant is suspended; its sessions have ended",
                "tenantId": tenant.id,
                "instance": None,
            }

    refreshed = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": refresh})
    assert refreshed.status_code == 403 and refreshed.json()["type"] == SUSPENDED_TYPE
    login = await _login(gateway, tenant.admin_email)
    assert login.status_code == 403, login.text
    assert login.json()["title"] == "Tenant suspended" and login.json()["tenantId"] == tenant.id
    again = await _call(gateway, "POST", f"{API}/{tenant.id}/suspend", ops.token, {"reason": "twice"})
    assert again.status_code == 409

    reactivated = await _call(gateway, "POST", f"{API}/{tenant.id}/reactivate", ops.token, {"reason": "Paid"})
    assert reactivated.status_code == 200 and reactivated.json()["tenant"]["status"] == "active"
    fresh = await eventually(
        lambda: _login(gateway, tenant.admin_email),
        until=lambda r: r.status_code == 200,
        what="login after reactivation",
    )
    await eventually(  # each process believes the mark it read for up to half a second
        lambda: _call(gateway, "GET", "/api/v2/me", fresh.json()["accessToken"]),
        until=lambda r: r.status_code == 200,
        timeout=2,
        what="the new session's token accepted",
    )
    # A token from before the suspension does not come back to life.
    old = await eventually(
        lambda: _call(gateway, "GET", "/api/v2/me", access), until=lambda r: r.status_code == 401, timeout=5
    )
    assert "sign in again" in old.json()["detail"]
    history = (await _call(gateway, "GET", f"{API}/{tenant.id}", ops.token)).json()["tenant"]["statusHistory"]
    assert [(h["fromStatus"], h["toStatus"], h["reason"]) for h in history] == [
        ("suspended", "active", "Paid"),
        ("active", "suspended", "Payment overdue 60 days"),
        (None, "active", "created"),
    ]
    assert all(h["changedBy"] == ops.id for h in history[:2])


async def test_suspending_needs_a_reason(gateway, operator, create_tenant):
    tenant = await create_tenant(accept=False)
    for body in ({}, {"reason": "   "}, {"reason": "x" * 1001}):
        response = await _call(gateway, "POST", f"{API}/{tenant.id}/suspend", operator().token, body)
        assert response.status_code == 422, body
        assert [e["field"] for e in response.json()["errors"]] == ["reason"]


async def test_a_suspension_outlives_redis_losing_its_mark(platform, gateway, operator, create_tenant, make_token):
    """The reconciler rewrites a suspended tenant's mark from identity's records."""
    tenant = await create_tenant(accept=False)
    token = make_token(role="auditor", tenant_id=tenant.id)
    suspended = await _call(gateway, "POST", f"{API}/{tenant.id}/suspend", operator().token, {"reason": "abuse"})
    assert suspended.status_code == 200
    client = aioredis.from_url(platform["REDIS_URL"])
    try:
        await client.delete(f"radiant:nbf:tenant:{tenant.id}")
        await eventually(
            lambda: client.get(f"radiant:nbf:tenant:{tenant.id}"),
            until=lambda mark: mark is not None and mark.endswith(b" suspended"),
            what="the mark rewritten",
        )
    finally:
        await client.aclose()
    refused = await eventually(
        lambda: _call(gateway, "GET", "/api/v2/admin/users", token), until=lambda r: r.status_code == 403, timeout=2
    )
    assert refused.json()["type"] == SUSPENDED_TYPE


# --- impersonation --------------------------------------------------------------------------------


async def _impersonate(gateway, ops: Operator, tenant_id: str, **body: Any) -> dict[str, Any]:
    response = await _call(
        gateway, "POST", f"{API}/{tenant_id}/impersonate", ops.token, {"reason": "Ticket #4711", **body}
    )
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_read_only_impersonation_reads_carries_act_and_cannot_write(
    gateway, identity, operator, create_tenant, inbox
):
    support = operator("platform_support")
    tenant = await create_tenant()
    started = await _impersonate(gateway, support, tenant.id, durationMinutes=5)
    token = started["accessToken"]
    claims = _claims(token)
    assert claims["aud"] == "radiant-api" and claims["tenant_id"] == tenant.id
    assert claims["act"] == {"sub": support.id} and claims["read_only"] is True
    assert claims["exp"] == int(claims["iat"]) + 300 and started["expiresIn"] == 300
    assert claims["jti"] == claims["sub"] == started["session"]["id"]
    assert started["session"] | {"startedAt": None, "expiresAt": None} == {
        "id": claims["jti"],
        "tenantId": tenant.id,
        "operatorId": support.id,
        "operatorEmail": support.email,
        "operatorName": "Op platform_support",
        "reason": "Ticket #4711",
        "readOnly": True,
        "startedAt": None,
        "expiresAt": None,
        "endedAt": None,
        "endedBy": None,
        "endReason": None,
        "active": True,
    }

    me = (await _call(gateway, "GET", "/api/v2/me", token)).json()
    assert me["tenantId"] == tenant.id and me["readOnly"] is True
    assert me["impersonation"]["operatorId"] == support.id and me["impersonation"]["reason"] == "Ticket #4711"
    assert all(p.endswith(":read") for p in me["permissions"]) and "admin:read" in me["permissions"]
    admins = await _call(gateway, "GET", "/api/v2/admin/users", token)
    assert admins.status_code == 200 and admins.json()["adminUsers"][0]["email"] == tenant.admin_email

    invite = {"email": new_email(), "role": "auditor"}
    for client in (gateway, identity):  # refused at the edge, and by the service itself
        response = await _call(client, "POST", "/api/v2/admin/invitations", token, invite)
        assert response.status_code == 403, (client.base_url, response.text)
        assert response.json()["type"] == READ_ONLY_TYPE
        profile = await _call(client, "PUT", "/api/v2/admin/profile", token, {"theme": "dark"})
        assert profile.status_code == 403 and profile.json()["type"] == READ_ONLY_TYPE

    # The tenant's super_admin is told, in the app and by email.
    owner = await _signed_in(gateway, tenant.admin_email)
    notes = (await _call(gateway, "GET", "/api/v2/admin/notifications", owner["accessToken"])).json()["notifications"]
    [note] = [n for n in notes if n["type"] == "security"]
    assert "platform operator" in note["title"] and "Ticket #4711" in note["message"] and note["priority"] == "high"
    mail = await inbox.wait_for(tenant.admin_email, subject_contains="platform operator")
    assert "read-only" in mail["text"] and "Ticket #4711" in mail["text"]


async def test_an_impersonation_token_expires_on_time(gateway, operator, create_tenant):
    tenant = await create_tenant(accept=False)
    started = await _impersonate(gateway, operator(), tenant.id, durationMinutes=0.05)  # three seconds
    token = started["accessToken"]
    claims = _claims(token)
    assert claims["exp"] == int(claims["iat"]) + 3 and started["expiresIn"] == 3
    assert (await _call(gateway, "GET", "/api/v2/admin/users", token)).status_code == 200
    expired = await eventually(
        lambda: _call(gateway, "GET", "/api/v2/admin/users", token),
        until=lambda r: r.status_code == 401,
        timeout=10,
        what="the impersonation token refused after its three seconds",
    )
    assert expired.json()["detail"] == "Token expired"
    too_long = await _call(
        gateway, "POST", f"{API}/{tenant.id}/impersonate", operator().token, {"reason": "x", "durationMinutes": 61}
    )
    assert too_long.status_code == 422


async def test_every_action_of_a_write_impersonation_is_in_the_tenants_verified_audit_log(
    platform, gateway, operator, create_tenant, make_token
):
    ops = operator("platform_admin")
    tenant = await create_tenant()
    started = await _impersonate(gateway, ops, tenant.id, write=True)
    token, session_id = started["accessToken"], started["session"]["id"]
    assert _claims(token)["read_only"] is False

    invited = await _call(
        gateway, "POST", "/api/v2/admin/invitations", token, {"email": new_email(), "role": "auditor"}
    )
    assert invited.status_code == 201, invited.text
    invitation_id = invited.json()["invitation"]["id"]
    revoked = await _call(gateway, "DELETE", f"/api/v2/admin/invitations/{invitation_id}", token)
    assert revoked.status_code == 200, revoked.text

    auditor = make_token(role="auditor", tenant_id=tenant.id)

    async def session_entries() -> list[dict[str, Any]]:
        response = await gateway.get("/api/v2/admin/audit", params={"actor": session_id}, headers=bearer(auditor))
        assert response.status_code == 200, response.text
        return response.json()["entries"]

    entries = await eventually(
        session_entries, until=lambda e: len(e) >= 2, what="the impersonation's actions in the tenant's audit log"
    )
    assert sorted(e["action"] for e in entries) == ["invitation.revoke", "user.invite"]
    for entry in entries:
        assert entry["actor"]["impersonator"] == {"type": "operator", "id": ops.id, "name": None}
        assert "platform operator" in entry["actor"]["name"]
    # The start of the session itself is in the tenant's log and the platform stream, by the operator.
    starts = await gateway.get("/api/v2/admin/audit", params={"action": "tenant.impersonate"}, headers=bearer(auditor))
    [start] = starts.json()["entries"]
    assert start["actor"]["id"] == ops.id and start["resourceId"] == session_id
    assert start["details"]["readOnly"] is False and start["details"]["reason"] == "Ticket #4711"

    verified = await gateway.get("/api/v2/admin/audit/verify", headers=bearer(auditor))
    assert verified.status_code == 200 and verified.json()["valid"] is True, verified.text
    assert verified.json()["entriesChecked"] >= 5  # create, invitation, accept, impersonate, the session's two
    cli = subprocess.run(
        [sys.executable, "-m", "radiant_audit", "verify", "--tenant", tenant.id],
        capture_output=True,
        text=True,
        timeout=120,
        env={**platform.env},
    )
    assert cli.returncode == 0, cli.stdout + cli.stderr


async def test_ending_an_impersonation_early_refuses_its_token_at_once(gateway, identity, operator, create_tenant):
    starter = operator("platform_support")
    tenant = await create_tenant(accept=False)
    started = await _impersonate(gateway, starter, tenant.id)
    token, session_id = started["accessToken"], started["session"]["id"]
    assert (await _call(gateway, "GET", "/api/v2/admin/users", token)).status_code == 200

    someone_else = operator("platform_support")
    refused = await _call(gateway, "DELETE", f"{API}/{tenant.id}/impersonate/{session_id}", someone_else.token)
    assert refused.status_code == 403
    wrong_tenant = await _call(gateway, "DELETE", f"{API}/{SOME_ID}/impersonate/{session_id}", starter.token)
    assert wrong_tenant.status_code == 404

    ended = await _call(gateway, "DELETE", f"{API}/{tenant.id}/impersonate/{session_id}", starter.token)
    assert ended.status_code == 200, ended.text
    assert ended.json()["active"] is False and ended.json()["endedBy"] == starter.id
    for client in (gateway, identity):
        gone = await eventually(
            lambda c=client: _call(c, "GET", "/api/v2/admin/users", token),
            until=lambda r: r.status_code == 401,
            timeout=1.0,
            interval=0.05,
            what=f"the ended session's token refused by {client.base_url}",
        )
        assert gone.json()["detail"] == "This token was revoked"
    twice = await _call(gateway, "DELETE", f"{API}/{tenant.id}/impersonate/{session_id}", starter.token)
    assert twice.status_code == 409
    listed = (await _call(gateway, "GET", f"{API}/{tenant.id}/impersonations", starter.token)).json()
    assert [(s["id"], s["endReason"]) for s in listed["impersonations"]] == [(session_id, "ended")]


async def test_suspension_ends_live_impersonations_and_refuses_new_ones(gateway, operator, create_tenant):
    ops = operator()
    tenant = await create_tenant(accept=False)
    token = (await _impersonate(gateway, ops, tenant.id))["accessToken"]
    assert (
        await _call(gateway, "POST", f"{API}/{tenant.id}/suspend", ops.token, {"reason": "abuse"})
    ).status_code == 200
    refused = await eventually(
        lambda: _call(gateway, "GET", "/api/v2/admin/users", token), until=lambda r: r.status_code == 403, timeout=1.0
    )
    assert refused.json()["type"] == SUSPENDED_TYPE
    again = await _call(gateway, "POST", f"{API}/{tenant.id}/impersonate", ops.token, {"reason": "look"})
    assert again.status_code == 409
    [ended] = (await _call(gateway, "GET", f"{API}/{tenant.id}/impersonations", ops.token)).json()["impersonations"]
    assert ended["endReason"] == "tenant_suspended" and ended["active"] is False
