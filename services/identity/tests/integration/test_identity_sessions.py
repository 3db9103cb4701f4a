"""Login throttling and lockout, refresh rotation with reuse detection, logout, MFA enrolment."""

from __future__ import annotations

import uuid

import httpx
import pyotp

from radiant_testing import bearer, event_json, tail_topic
from radiant_testing.onboarding import PASSWORD, new_tenant


async def test_unknown_account_and_wrong_password_look_the_same(gateway, onboard, login):
    admin = await onboard(new_tenant())
    wrong = await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": "wrong password!"})
    unknown = await gateway.post(
        "/api/v2/auth/login", json={"email": f"nobody-{uuid.uuid4().hex}@example.com", "password": "whatever"}
    )
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"]


async def test_lockout_after_repeated_failures(platform, gateway, onboard, login):
    admin = await onboard(new_tenant())
    async with tail_topic(platform, "audit-events") as audit:
        for _ in range(5):
            failed = await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": "nope nope"})
            assert failed.status_code == 401
        failures = await audit.wait_for(
            lambda r: (
                event_json(r)["tenantid"] == admin.tenant_id and event_json(r)["data"]["action"] == "auth.login_failed"
            ),
            count=5,
        )
        assert event_json(failures[-1])["data"]["outcome"] == "failure"
    locked = await login(admin)  # even the right password is refused while locked
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) > 0


async def test_per_ip_lockout(platform, onboard):
    """Direct to identity, as the gateway would call it, with the client address it forwards."""
    ip = f"198.51.100.{uuid.uuid4().int % 250 + 1}"
    headers = {"X-Forwarded-For": ip}
    async with httpx.AsyncClient(base_url=platform.service_url("identity")) as identity:
        for i in range(50):
            email = f"spray-{uuid.uuid4().hex[:8]}@example.com"  # a different account each time
            r = await identity.post("/api/v2/auth/login", json={"email": email, "password": "x"}, headers=headers)
            assert r.status_code == 401, (i, r.text)
        blocked = await identity.post(
            "/api/v2/auth/login", json={"email": "any@example.com", "password": "x"}, headers=headers
        )
        assert blocked.status_code == 429
        admin = await onboard(new_tenant())
        other_ip = await identity.post(
            "/api/v2/auth/login",
            json={"email": admin.email, "password": "correct horse battery staple"},
            headers={"X-Forwarded-For": "192.0.2.77"},
        )
        assert other_ip.status_code == 200


async def test_refresh_rotates_and_reuse_revokes_the_family(platform, gateway, onboard, login):
    admin = await onboard(new_tenant())
    first = (await login(admin)).json()
    second = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert second.status_code == 200
    rotated = second.json()
    assert rotated["refreshToken"] != first["refreshToken"]
    assert (await gateway.get("/api/v2/me", headers=bearer(rotated["accessToken"]))).status_code == 200

    async with tail_topic(platform, "audit-events") as audit:
        reuse = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": first["refreshToken"]})
        assert reuse.status_code == 401
        await audit.wait_for(
            lambda r: (
                event_json(r)["tenantid"] == admin.tenant_id and event_json(r)["data"]["action"] == "auth.refresh_reuse"
            )
        )
    # The thief's use killed the legitimate holder's newer token as well.
    after = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": rotated["refreshToken"]})
    assert after.status_code == 401


async def test_logout_revokes_the_session(gateway, onboard, login):
    admin = await onboard(new_tenant())
    tokens = (await login(admin)).json()
    out = await gateway.post(
        "/api/v2/auth/logout", json={"refreshToken": tokens["refreshToken"]}, headers=bearer(tokens["accessToken"])
    )
    assert out.status_code == 204
    refreshed = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": tokens["refreshToken"]})
    assert refreshed.status_code == 401


async def test_totp_enrolment_then_required_at_login_and_reenrolment_needs_factor(gateway, onboard, login):
    admin = await onboard(new_tenant())
    access = (await login(admin)).json()["accessToken"]
    # With no factor enrolled yet, the password is the factor a first enrolment proves.
    without = await gateway.post("/api/v2/auth/mfa/totp/enroll", headers=bearer(access))
    assert without.status_code == 403 and without.json()["errors"][0]["field"] == "currentPassword"
    started = await gateway.post(
        "/api/v2/auth/mfa/totp/enroll", json={"currentPassword": PASSWORD}, headers=bearer(access)
    )
    assert started.status_code == 200
    enrol = started.json()
    assert enrol["qrCode"].startswith("data:image/png;base64,") and "secret=" in enrol["otpauthUri"]

    bad = await gateway.post("/api/v2/auth/mfa/totp/verify", json={"code": "000000"}, headers=bearer(access))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "code"
    code = pyotp.TOTP(enrol["secret"]).now()
    verified = await gateway.post("/api/v2/auth/mfa/totp/verify", json={"code": code}, headers=bearer(access))
    assert verified.status_code == 200 and len(verified.json()["recoveryCodes"]) == 10

    assert (await login(admin)).json()["mfaRequired"] is True
    # The enrolment ended the sessions from before it (test_identity_session_end): sign in with the factor.
    signed_in = await login(admin, recoveryCode=verified.json()["recoveryCodes"][1])
    assert signed_in.status_code == 200, signed_in.text
    access = signed_in.json()["accessToken"]
    again = await gateway.post("/api/v2/auth/mfa/totp/enroll", headers=bearer(access))
    assert again.status_code == 403  # replacing the factor needs the factor
    recovery = verified.json()["recoveryCodes"][0]
    with_factor = await gateway.post(
        "/api/v2/auth/mfa/totp/enroll", json={"currentCode": recovery}, headers=bearer(access)
    )
    assert with_factor.status_code == 200
