"""Invitations through the gateway: the seed's verification step 1 end to end, and the token's rules."""

from __future__ import annotations

import asyncio
import hashlib

import pyotp

from radiant_testing import bearer, event_json, service_db, tail_topic
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant


async def test_verification_step_1_invite_email_accept_login(platform, gateway, inbox, make_token, admin_db):
    tenant = new_tenant()
    email = new_email("new.admin")
    token = make_token(role="super_admin", tenant_id=tenant, environment="dev")
    async with tail_topic(platform, "audit-events") as audit:
        response = await gateway.post(
            "/api/v2/admin/invitations",
            headers=bearer(token),
            json={"email": email, "role": "operator", "message": "Welcome! <script>x()</script>", "expiresInHours": 48},
        )
        assert response.status_code == 201, response.text
        invitation = response.json()["invitation"]
        assert invitation["email"] == email and invitation["role"] == "operator"
        assert invitation["status"] == "pending" and invitation["expiresAt"]

        mail = await inbox.wait_for(email, subject_contains="invited")
        assert "&lt;script&gt;x()&lt;/script&gt;" in mail["html"] and "<script>" not in mail["html"]
        link_token = mail["text"].split("token=")[1].split()[0]
        assert len(link_token) == 64  # 48 random bytes, base64url

        stored = await admin_db.fetchrow(
            "SELECT token_hash FROM identity.invitations WHERE id = $1::uuid", invitation["id"]
        )
        assert stored["token_hash"] == hashlib.sha256(link_token.encode()).hexdigest()

        accepted = await gateway.post(
            "/api/v2/admin/invitations/accept",
            json={"token": link_token, "firstName": "New", "lastName": "Admin", "password": PASSWORD},
        )
        assert accepted.status_code == 200, accepted.text
        admin = accepted.json()["adminUser"]
        assert admin == {
            "id": admin["id"],
            "email": email,
            "firstName": "New",
            "lastName": "Admin",
            "role": "operator",
            "mfaRequired": False,
        }

        created = await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "user.invite"
        )
        data = event_json(created[0])["data"]
        assert data["resource_id"] == invitation["id"] and data["details"]["email"] == email
        await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "user.accept"
        )

    login = await gateway.post("/api/v2/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    me = await gateway.get("/api/v2/me", headers=bearer(login.json()["accessToken"]))
    assert me.status_code == 200
    assert me.json()["tenantId"] == tenant and me.json()["role"] == "operator" and me.json()["id"] == admin["id"]

    listed = await gateway.get("/api/v2/admin/invitations?status=accepted", headers=bearer(token))
    assert [i["id"] for i in listed.json()["invitations"]] == [invitation["id"]]
    assert listed.json()["pagination"] == {"limit": 50, "offset": 0, "hasMore": False}

    again = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={"token": link_token, "firstName": "New", "lastName": "Admin", "password": PASSWORD},
    )
    assert again.status_code == 404  # single use


async def test_prod_invitation_enrols_totp_and_login_requires_it(gateway, invite, login):
    tenant = new_tenant()
    email = new_email("prod")
    _, token, _ = await invite(tenant, email, role="admin", environment="prod")
    accepted = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={"token": token, "firstName": "Pat", "lastName": "Prod", "password": PASSWORD},
    )
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["adminUser"]["mfaRequired"] is True
    mfa = body["mfa"]
    assert mfa["otpauthUri"].startswith("otpauth://totp/") and mfa["qrCode"].startswith("data:image/png;base64,")
    assert len(mfa["recoveryCodes"]) == 10

    creds = {"email": email, "password": PASSWORD}
    no_code = await gateway.post("/api/v2/auth/login", json=creds)
    assert no_code.status_code == 401 and no_code.json()["mfaRequired"] is True
    assert "accessToken" not in no_code.json()

    wrong = await gateway.post("/api/v2/auth/login", json={**creds, "totpCode": "000000"})
    assert wrong.status_code == 401 and "mfaRequired" not in wrong.json()

    ok = await gateway.post("/api/v2/auth/login", json={**creds, "totpCode": pyotp.TOTP(mfa["secret"]).now()})
    assert ok.status_code == 200, ok.text
    me = (await gateway.get("/api/v2/me", headers=bearer(ok.json()["accessToken"]))).json()
    assert me["environment"] == "prod" and "otp" in me["amr"]

    recovery = mfa["recoveryCodes"][0]
    first = await gateway.post("/api/v2/auth/login", json={**creds, "recoveryCode": recovery})
    assert first.status_code == 200
    reused = await gateway.post("/api/v2/auth/login", json={**creds, "recoveryCode": recovery})
    assert reused.status_code == 401  # recovery codes are single use


async def test_sms_mfa_is_refused_without_a_provider(gateway, invite):
    _, token, _ = await invite(new_tenant(), new_email("sms"), environment="prod")
    response = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={
            "token": token,
            "firstName": "S",
            "lastName": "M",
            "password": PASSWORD,
            "mfaMethod": "sms",
            "phone": "+4915112345678",
        },
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in response.json()["errors"]] == ["mfaMethod"]


async def test_twenty_concurrent_accepts_create_exactly_one_admin(gateway, invite, admin_db):
    tenant = new_tenant()
    email = new_email("race")
    _invitation, token, _ = await invite(tenant, email)
    body = {"token": token, "firstName": "Race", "lastName": "Condition", "password": PASSWORD}
    responses = await asyncio.gather(*(gateway.post("/api/v2/admin/invitations/accept", json=body) for _ in range(20)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] + [404] * 19, statuses
    count = await admin_db.fetchval("SELECT count(*) FROM identity.administrators WHERE tenant_id = $1", tenant)
    assert count == 1


async def test_expired_invitation_is_refused_and_marked_expired(platform, gateway, invite):
    tenant = new_tenant()
    invitation, token, _ = await invite(tenant, new_email("late"))
    async with service_db(platform, "identity") as db:
        await db.execute(
            "UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1::uuid", invitation["id"]
        )
        response = await gateway.post(
            "/api/v2/admin/invitations/accept",
            json={"token": token, "firstName": "Too", "lastName": "Late", "password": PASSWORD},
        )
        assert response.status_code == 410
        assert response.json()["detail"] == "This invitation has expired"
        status = await db.fetchval("SELECT status FROM invitations WHERE id = $1::uuid", invitation["id"])
    assert status == "expired"


async def test_revoke_and_resend_rules(platform, gateway, inbox, invite, make_token):
    tenant = new_tenant()
    email = new_email("resend")
    su = make_token(role="super_admin", tenant_id=tenant)
    invitation, old_token, _ = await invite(tenant, email, inviter_token=su)
    path = f"/api/v2/admin/invitations/{invitation['id']}"

    async with tail_topic(platform, "audit-events") as audit:
        resent = await gateway.post(f"{path}/resend", headers=bearer(su))
        assert resent.status_code == 200 and resent.json()["message"] == "Invitation resent successfully"
        await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "invitation.resend"
        )
    reminder = await inbox.wait_for(email, subject_contains="Reminder")
    new_token = reminder["text"].split("token=")[1].split()[0]
    assert new_token != old_token
    body = {"firstName": "R", "lastName": "S", "password": PASSWORD}
    stale = await gateway.post("/api/v2/admin/invitations/accept", json={**body, "token": old_token})
    assert stale.status_code == 404  # resend rotates the token

    async with tail_topic(platform, "audit-events") as audit:
        revoked = await gateway.delete(path, headers=bearer(su))
        assert revoked.status_code == 200
        await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "invitation.revoke"
        )
    assert (await gateway.get(path, headers=bearer(su))).json()["invitation"]["status"] == "revoked"
    assert (
        await gateway.post("/api/v2/admin/invitations/accept", json={**body, "token": new_token})
    ).status_code == 404
    assert (await gateway.delete(path, headers=bearer(su))).status_code == 409
    assert (await gateway.post(f"{path}/resend", headers=bearer(su))).status_code == 409


async def test_duplicates_hierarchy_and_permissions(gateway, make_token, invite, onboard):
    tenant = new_tenant()
    email = new_email("dup")
    await invite(tenant, email)
    su = make_token(role="super_admin", tenant_id=tenant)
    pending_dup = await gateway.post(
        "/api/v2/admin/invitations", json={"email": email, "role": "auditor"}, headers=bearer(su)
    )
    assert pending_dup.status_code == 409

    existing = await onboard(tenant, role="auditor")
    admin_dup = await gateway.post(
        "/api/v2/admin/invitations", json={"email": existing.email, "role": "auditor"}, headers=bearer(su)
    )
    assert admin_dup.status_code == 409
    assert admin_dup.json()["detail"] == "An administrator with this email already exists"

    admin = make_token(role="admin", tenant_id=tenant)
    above = await gateway.post(
        "/api/v2/admin/invitations", json={"email": new_email(), "role": "super_admin"}, headers=bearer(admin)
    )
    assert above.status_code == 403
    operator = make_token(role="operator", tenant_id=tenant)
    denied = await gateway.post(
        "/api/v2/admin/invitations", json={"email": new_email(), "role": "auditor"}, headers=bearer(operator)
    )
    assert denied.status_code == 403
    assert (await gateway.get("/api/v2/admin/invitations", headers=bearer(operator))).status_code == 200


async def test_other_tenants_invitation_is_404(gateway, make_token, invite):
    invitation, _, _ = await invite(new_tenant(), new_email())
    stranger = make_token(role="super_admin", tenant_id=new_tenant())
    path = f"/api/v2/admin/invitations/{invitation['id']}"
    assert (await gateway.get(path, headers=bearer(stranger))).status_code == 404
    assert (await gateway.delete(path, headers=bearer(stranger))).status_code == 404
    assert (await gateway.post(f"{path}/resend", headers=bearer(stranger))).status_code == 404


async def test_invalid_bodies_are_problem_json_listing_fields(gateway, make_token):
    token = make_token(role="super_admin", tenant_id=new_tenant())
    response = await gateway.post(
        "/api/v2/admin/invitations",
        headers=bearer(token),
        json={"email": "not-an-email", "role": "owner", "message": "x" * 501, "expiresInHours": 169},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert {e["field"] for e in response.json()["errors"]} == {"email", "role", "message", "expiresInHours"}

    accept = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={"token": "short", "firstName": "", "lastName": "L" * 51, "password": "short", "mfaMethod": "pigeon"},
    )
    assert accept.status_code == 422
    assert {e["field"] for e in accept.json()["errors"]} == {"token", "firstName", "lastName", "password", "mfaMethod"}
