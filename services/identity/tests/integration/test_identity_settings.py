"""A tenant's own settings (issue 13, seed 004 §2.1 `/admin/settings`): one schema with field errors,
`settings.update` audited with the changed keys, the security policy enforced — the IP allow-list by
the gateway for every token of the tenant (and at sign-in), MFA for every role at sign-in, the session
lifetime at refresh — and, in a prod tenant, security-policy changes through approval."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import httpx
import pyotp
import pytest
import pytest_asyncio

from radiant_identity.config import Settings
from radiant_identity.settings import service as settings_service
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant

API = "/api/v2/admin/settings"
LOGIN = "/api/v2/auth/login"
OTHER_ADDRESS = "127.0.0.2"  # another loopback address: a client the allow-list does not name


@pytest_asyncio.fixture
async def elsewhere(platform) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the gateway that connects from 127.0.0.2, not 127.0.0.1."""
    transport = httpx.AsyncHTTPTransport(local_address=OTHER_ADDRESS)
    async with httpx.AsyncClient(base_url=platform.service_url("gateway"), transport=transport, timeout=30) as c:
        yield c


def _audited(tenant: str, action: str):
    def match(record) -> bool:
        if record.key != tenant.encode():
            return False
        return event_json(record)["data"]["action"] == action

    return match


# --- routes × roles --------------------------------------------------------------------------------

ROLES = {  # role: (may read, may write) — seed 000 ROLE_PERMISSIONS, members hold none
    "super_admin": (True, True),
    "admin": (True, True),
    "operator": (True, False),
    "auditor": (False, False),
    "member": (False, False),
}


@pytest.mark.parametrize("role", list(ROLES))
async def test_settings_routes_answer_each_role_by_its_permissions(gateway, make_token, role):
    tenant = new_tenant()
    headers = bearer(make_token(role=role, tenant_id=tenant))
    may_read, may_write = ROLES[role]

    read = await gateway.get(API, headers=headers)
    assert read.status_code == (200 if may_read else 403), read.text
    written = await gateway.put(API, json={"displayName": f"{role} was here"}, headers=headers)
    assert written.status_code == (200 if may_write else 403), written.text
    if not may_write:
        assert written.headers["content-type"].startswith("application/problem+json")
        stored = await gateway.get(API, headers=bearer(make_token(role="admin", tenant_id=tenant)))
        assert stored.json()["displayName"] is None  # nothing changed


# --- the schema -----------------------------------------------------------------------------------


async def test_defaults_then_only_what_is_given_changes_audited_with_the_changed_keys(platform, gateway, make_token):
    tenant = new_tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    defaults = (await gateway.get(API, headers=admin)).json()
    assert defaults["version"] == 0 and defaults["tenantId"] == tenant
    assert defaults["security"] == {"mfaRequired": False, "sessionLifetimeHours": 336, "ipAllowList": []}
    assert defaults["agents"] == {"allowedModels": []}
    assert defaults["dataRetention"] == {"usageDetailDays": 90, "notificationDays": 90}

    async with tail_topic(platform, "audit-events") as audit:
        first = await gateway.put(
            API,
            json={
                "displayName": "  Acme Research  ",
                "branding": {"primaryColor": "#112233"},
                "agents": {"allowedModels": ["gpt-4o", "claude-3-5-sonnet", "gpt-4o"]},
            },
            headers=admin,
        )
        assert first.status_code == 200, first.text
        [event] = await audit.wait_for(_audited(tenant, "settings.update"))
    body = first.json()
    assert body["changedKeys"] == ["agents.allowedModels", "branding.primaryColor", "displayName"]
    assert body["pendingApproval"] is None
    assert body["settings"]["displayName"] == "Acme Research"
    assert body["settings"]["agents"]["allowedModels"] == ["gpt-4o", "claude-3-5-sonnet"]
    details = event_json(event)["data"]["details"]
    assert details["changedKeys"] == body["changedKeys"]
    assert details["changes"]["displayName"] == {"from": None, "to": "Acme Research"}
    assert event_json(event)["data"]["resource_type"] == "tenant_settings"

    second = await gateway.put(API, json={"branding": {"accentColor": "#abcdef"}}, headers=admin)
    assert second.json()["changedKeys"] == ["branding.accentColor"]
    now = (await gateway.get(API, headers=admin)).json()
    assert now["branding"] == {"logoUrl": None, "primaryColor": "#112233", "accentColor": "#abcdef"}
    assert now["displayName"] == "Acme Research" and now["version"] == 2

    unchanged = await gateway.put(API, json={"branding": {"accentColor": "#abcdef"}}, headers=admin)
    assert unchanged.status_code == 200 and unchanged.json()["changedKeys"] == []
    assert (await gateway.get(API, headers=admin)).json()["version"] == 2  # no change, no version


async def test_invalid_settings_are_refused_with_field_errors(gateway, make_token):
    tenant = new_tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    refused = await gateway.put(
        API,
        json={
            "security": {"ipAllowList": ["10.0.0.1/8", "not-a-network"], "sessionLifetimeHours": 0},
            "branding": {"primaryColor": "red", "logoUrl": "http://insecure.example/logo.png"},
            "dataRetention": {"usageDetailDays": 365},
            "defaultEnvironment": "qa",
            "agents": None,
            "colour": "blue",
        },
        headers=admin,
    )
    assert refused.status_code == 422, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    fields = {e["field"] for e in refused.json()["errors"]}
    for expected in (
        "security.ipAllowList",
        "security.sessionLifetimeHours",
        "branding.primaryColor",
        "branding.logoUrl",
        "dataRetention.usageDetailDays",
        "defaultEnvironment",
        "agents",
        "colour",
    ):
        assert any(f == expected or f.startswith(expected + ".") for f in fields), (expected, fields)

    # A network with its host bits set is the list's own error (found by the fuzzer: it was named
    # security.ipAllowList.ip_allow_list, a field the request does not have).
    host_bits = await gateway.put(API, json={"security": {"ipAllowList": ["10.0.0.1/8"]}}, headers=admin)
    assert host_bits.status_code == 422
    assert [e["field"] for e in host_bits.json()["errors"]] == ["security.ipAllowList"]

    too_many = await gateway.put(
        API, json={"security": {"ipAllowList": [f"10.0.{i}.0/24" for i in range(51)]}}, headers=admin
    )
    assert too_many.status_code == 422
    assert [e["field"] for e in too_many.json()["errors"]] == ["security.ipAllowList"]
    assert (await gateway.get(API, headers=admin)).json()["version"] == 0  # nothing stored


async def test_an_allow_list_that_leaves_out_the_callers_own_address_is_refused(gateway, make_token):
    tenant = new_tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    refused = await gateway.put(API, json={"security": {"ipAllowList": ["10.0.0.0/8"]}}, headers=admin)
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert error["field"] == "security.ipAllowList" and "127.0.0.1" in error["message"]


# --- the IP allow-list ----------------------------------------------------------------------------


async def test_the_gateway_refuses_a_tenant_token_from_outside_the_allow_list(gateway, elsewhere, make_token):
    tenant = new_tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    operator = bearer(make_token(role="operator", tenant_id=tenant))
    before = await elsewhere.get(API, headers=operator)
    assert before.status_code == 200, before.text  # no allow-list yet: any address

    saved = await gateway.put(API, json={"security": {"ipAllowList": ["127.0.0.1/32", "10.0.0.0/8"]}}, headers=admin)
    assert saved.status_code == 200, saved.text
    assert saved.json()["settings"]["security"]["ipAllowList"] == ["127.0.0.1/32", "10.0.0.0/8"]

    async def from_elsewhere() -> httpx.Response:
        return await elsewhere.get(API, headers=operator)

    refused = await eventually(from_elsewhere, until=lambda r: r.status_code == 403, what="the allow-list at the edge")
    assert refused.json()["type"] == "urn:radiant:problem:ip-not-allowed"
    assert refused.json()["clientIp"] == OTHER_ADDRESS
    # Every route of the tenant, not only settings; and a forged X-Forwarded-For changes nothing (the
    # gateway believes it only from its trusted proxies, and trusts none here).
    assert (await elsewhere.get("/api/v2/admin/users", headers=operator)).status_code == 403
    spoofed = await elsewhere.get(API, headers={**operator, "X-Forwarded-For": "127.0.0.1"})
    assert spoofed.status_code == 403 and spoofed.json()["clientIp"] == OTHER_ADDRESS

    assert (await gateway.get(API, headers=operator)).status_code == 200  # from an allowed address

    # Lifting the list admits every address again.
    cleared = await gateway.put(API, json={"security": {"ipAllowList": []}}, headers=admin)
    assert cleared.status_code == 200
    await eventually(from_elsewhere, until=lambda r: r.status_code == 200, what="the allow-list lifted")


async def test_signing_in_from_outside_the_allow_list_is_refused(gateway, elsewhere, onboard, login):
    tenant = new_tenant()
    admin = await onboard(tenant, role="admin")
    signed_in = await login(admin)
    assert signed_in.status_code == 200, signed_in.text
    token = bearer(signed_in.json()["accessToken"])
    saved = await gateway.put(API, json={"security": {"ipAllowList": ["127.0.0.1/32"]}}, headers=token)
    assert saved.status_code == 200, saved.text

    refused = await elsewhere.post(LOGIN, json={"email": admin.email, "password": PASSWORD})
    assert refused.status_code == 403, refused.text
    assert refused.json()["type"] == "urn:radiant:problem:ip-not-allowed"
    refresh = signed_in.json()["refreshToken"]
    refused_refresh = await elsewhere.post("/api/v2/auth/refresh", json={"refreshToken": refresh})
    assert refused_refresh.status_code == 403, refused_refresh.text
    assert (await login(admin)).status_code == 200  # from the allowed address


# --- MFA for everyone and the session lifetime ----------------------------------------------------


async def test_mfa_for_every_role_forces_a_second_factor_in_a_dev_tenant(gateway, onboard, login):
    tenant = new_tenant()
    owner = await onboard(tenant, role="super_admin")
    auditor = await onboard(tenant, role="auditor")
    owner_token = bearer((await login(owner)).json()["accessToken"])
    auditor_session = await login(auditor)
    assert auditor_session.json()["administrator"]["mfaEnabled"] is False  # dev: no factor asked
    auditor_token = bearer(auditor_session.json()["accessToken"])
    assert (await gateway.get("/api/v2/admin/users", headers=auditor_token)).status_code == 200

    saved = await gateway.put(API, json={"security": {"mfaRequired": True}}, headers=owner_token)
    assert saved.status_code == 200, saved.text  # dev: applied at once, no approval

    # The auditor's password-only token is good for nothing that needs a permission any more ...
    async def users() -> httpx.Response:
        return await gateway.get("/api/v2/admin/users", headers=auditor_token)

    refused = await eventually(users, until=lambda r: r.status_code == 403, what="the MFA policy at the edge")
    assert refused.json()["type"] == "urn:radiant:problem:mfa-required"
    # ... except reaching a second factor: enrol an authenticator (password first), confirm it.
    started = await gateway.post(
        "/api/v2/auth/mfa/totp/enroll", json={"currentPassword": PASSWORD}, headers=auditor_token
    )
    assert started.status_code == 200, started.text
    totp = pyotp.TOTP(started.json()["secret"])
    confirmed = await gateway.post("/api/v2/auth/mfa/totp/verify", json={"code": totp.now()}, headers=auditor_token)
    assert confirmed.status_code == 200, confirmed.text

    # From now on signing in takes the code, and the factor's session may do its work.
    without_code = await login(auditor)
    assert without_code.status_code == 401 and without_code.json()["mfaRequired"] is True
    with_code = await login(auditor, totpCode=totp.at(time.time() + 30))  # the next window: each code works once
    assert with_code.status_code == 200, with_code.text
    assert (
        await gateway.get("/api/v2/admin/users", headers=bearer(with_code.json()["accessToken"]))
    ).status_code == 200


async def test_the_session_lifetime_bounds_refresh(platform, gateway, onboard, login):
    tenant = new_tenant()
    admin = await onboard(tenant, role="admin")
    token = bearer((await login(admin)).json()["accessToken"])
    saved = await gateway.put(API, json={"security": {"sessionLifetimeHours": 1}}, headers=token)
    assert saved.status_code == 200, saved.text

    session = (await login(admin)).json()
    assert 3500 <= session["refreshExpiresIn"] <= 3600  # no refresh token outlives the session
    fresh = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert fresh.status_code == 200, fresh.text

    # The same session, signed in more than an hour ago: refreshing it is refused and it ends.
    async with service_db(platform, "identity") as conn:
        await conn.execute(
            "UPDATE identity.refresh_tokens SET auth_time = $2 WHERE admin_id = $1::uuid",
            admin.id,
            datetime.now(UTC) - timedelta(hours=1, minutes=1),
        )
    expired = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": fresh.json()["refreshToken"]})
    assert expired.status_code == 401, expired.text
    assert "session lifetime" in expired.json()["detail"]


# --- prod: the security policy goes through approval ----------------------------------------------


async def test_a_prod_security_policy_change_waits_for_approval_and_identity_executes_it(
    platform, gateway, make_token, onboard
):
    tenant = new_tenant()
    owner = await onboard(tenant, role="super_admin", environment="prod")
    requester = bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=owner.id))

    async with tail_topic(platform, "audit-events") as audit:
        filed = await gateway.put(
            API,
            json={"displayName": "Prod Co", "security": {"mfaRequired": True, "sessionLifetimeHours": 12}},
            headers=requester,
        )
        assert filed.status_code == 202, filed.text
        body = filed.json()
        assert body["changedKeys"] == ["displayName"]  # the rest of the request applies at once
        assert body["pendingKeys"] == ["security.mfaRequired", "security.sessionLifetimeHours"]
        pending = body["pendingApproval"]
        assert pending["type"] == "tenant_security_policy" and pending["status"] == "pending"
        assert body["settings"]["security"]["sessionLifetimeHours"] == 336
        [requested] = await audit.wait_for(_audited(tenant, "settings.update_requested"))
        assert event_json(requested)["data"]["details"]["approvalId"] == pending["id"]

        approver = bearer(
            make_token(role="super_admin", tenant_id=tenant, environment="prod", mfa_time=int(time.time()))
        )
        shown = (await gateway.get(f"/api/v2/admin/approvals/{pending['id']}", headers=approver)).json()["approval"]
        assert shown["details"] == {"mfa_required": True, "session_lifetime_hours": 12, "ip_allow_list": None}
        assert shown["filedByService"] == "identity"
        decided = await gateway.post(
            f"/api/v2/admin/approvals/{pending['id']}/process", json={"action": "approve"}, headers=approver
        )
        assert decided.status_code == 200, decided.text

        async def execution() -> dict:
            response = await gateway.get(f"/api/v2/admin/approvals/{pending['id']}", headers=approver)
            return response.json()["approval"]["execution"] or {}

        done = await eventually(execution, until=lambda e: e.get("status") in ("executed", "failed"))
        assert done["status"] == "executed", done
        applied = await audit.wait_for(
            lambda r: (
                _audited(tenant, "settings.update")(r)
                and event_json(r)["data"]["details"].get("approvalId") == pending["id"]
            )
        )
    details = event_json(applied[0])["data"]["details"]
    assert details["changedKeys"] == ["security.mfaRequired", "security.sessionLifetimeHours"]
    assert details["requestedBy"] == owner.id
    now = (await gateway.get(API, headers=requester)).json()
    assert now["security"]["mfaRequired"] is True and now["security"]["sessionLifetimeHours"] == 12
    assert now["displayName"] == "Prod Co"


async def test_with_mfa_for_everyone_a_new_administrator_enrols_on_accepting(
    gateway, make_token, invite, login, onboard
):
    tenant = new_tenant()
    owner = await onboard(tenant, role="super_admin")
    owner_token = bearer(make_token(role="super_admin", tenant_id=tenant, subject=owner.id))
    saved = await gateway.put(API, json={"security": {"mfaRequired": True}}, headers=owner_token)
    assert saved.status_code == 200, saved.text

    email = new_email("mfa-for-all")
    _, token, _ = await invite(
        tenant, email, role="operator", inviter_token=make_token(role="super_admin", tenant_id=tenant)
    )
    accepted = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={"token": token, "firstName": "Mia", "lastName": "Factor", "password": PASSWORD},
    )
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["adminUser"]["mfaRequired"] is True  # a dev tenant, and still a factor from the start
    assert body["mfa"]["secret"] and len(body["mfa"]["recoveryCodes"]) == 10

    asked = await gateway.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert asked.status_code == 401 and asked.json()["mfaRequired"] is True
    code = pyotp.TOTP(body["mfa"]["secret"]).now()
    signed_in = await gateway.post(LOGIN, json={"email": email, "password": PASSWORD, "totpCode": code})
    assert signed_in.status_code == 200, signed_in.text
    users = await gateway.get("/api/v2/admin/users", headers=bearer(signed_in.json()["accessToken"]))
    assert users.status_code == 200, users.text


# --- data retention -------------------------------------------------------------------------------


async def _notify(conn, admin_id: str, tenant: str, days_old: int) -> str:
    notification_id = str(uuid.uuid4())
    await conn.execute(
        "INSERT INTO identity.admin_notifications (id, admin_id, tenant_id, type, title, message, created_at)"
        " VALUES ($1::uuid, $2::uuid, $3, 'system', 'Old news', 'Kept as long as the tenant wants', $4)",
        notification_id,
        admin_id,
        tenant,
        datetime.now(UTC) - timedelta(days=days_old),
    )
    return notification_id


async def test_notifications_are_kept_as_long_as_the_tenants_retention_says(platform, gateway, make_token, onboard):
    short, default = new_tenant(), new_tenant()
    short_admin = await onboard(short, role="admin")
    default_admin = await onboard(default, role="admin")
    saved = await gateway.put(
        API, json={"dataRetention": {"notificationDays": 7}}, headers=bearer(make_token(role="admin", tenant_id=short))
    )
    assert saved.status_code == 200, saved.text
    async with service_db(platform, "identity") as conn:
        short_old = await _notify(conn, short_admin.id, short, 8)
        short_recent = await _notify(conn, short_admin.id, short, 6)
        default_old = await _notify(conn, default_admin.id, default, 91)  # the default keeps 90 days
        default_recent = await _notify(conn, default_admin.id, default, 80)

    settings = Settings()
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            await settings_service.apply_notification_retention(session)
    finally:
        await engine.dispose()

    async with service_db(platform, "identity") as conn:
        rows = await conn.fetch(
            "SELECT id::text FROM identity.admin_notifications WHERE id = ANY($1::uuid[])",
            [short_old, short_recent, default_old, default_recent],
        )
    assert {r["id"] for r in rows} == {short_recent, default_recent}
