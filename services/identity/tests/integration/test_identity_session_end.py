"""Ending a session ends its access tokens too, not only its refresh tokens: a reused refresh token
(someone holds a copy) and a new authenticator end every session of the account, so an access token
issued before — the thief's or the old factor's — is refused by the gateway at once rather than kept
for the rest of its lifetime."""

from __future__ import annotations

import pyotp

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import PASSWORD, new_tenant

SAAS = "/api/v2/saas"


async def _refused_soon(gateway, path: str, access_token: str) -> None:
    """Refused within the revocation marks' half-second cache."""
    await eventually(
        lambda: gateway.get(path, headers=bearer(access_token)),
        until=lambda r: r.status_code == 401,
        timeout=3.0,
        interval=0.1,
        what=f"the ended session's access token refused on {path}",
    )


async def test_a_reused_refresh_token_ends_the_accounts_access_tokens_too(gateway, onboard, login):
    admin = await onboard(new_tenant())
    first = (await login(admin)).json()
    rotated = (await gateway.post("/api/v2/auth/refresh", json={"refreshToken": first["refreshToken"]})).json()
    other = (await login(admin)).json()  # another session of the same account
    for session in (first, rotated, other):
        assert (await gateway.get("/api/v2/me", headers=bearer(session["accessToken"]))).status_code == 200

    reuse = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert reuse.status_code == 401
    for session in (first, rotated, other):
        await _refused_soon(gateway, "/api/v2/me", session["accessToken"])
    refreshed = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": other["refreshToken"]})
    assert refreshed.status_code == 401
    assert (await login(admin)).status_code == 200  # the owner signs in again


async def test_enrolling_an_authenticator_ends_the_sessions_from_before(gateway, onboard, login):
    admin = await onboard(new_tenant())
    access = (await login(admin)).json()["accessToken"]
    other = (await login(admin)).json()["accessToken"]
    started = await gateway.post(
        "/api/v2/auth/mfa/totp/enroll", json={"currentPassword": PASSWORD}, headers=bearer(access)
    )
    assert started.status_code == 200, started.text
    secret = started.json()["secret"]
    verified = await gateway.post(
        "/api/v2/auth/mfa/totp/verify", json={"code": pyotp.TOTP(secret).now()}, headers=bearer(access)
    )
    assert verified.status_code == 200, verified.text

    for token in (access, other):
        await _refused_soon(gateway, "/api/v2/me", token)
    again = await login(admin, recoveryCode=verified.json()["recoveryCodes"][0])  # the new factor signs in
    assert again.status_code == 200, again.text
    assert (await gateway.get("/api/v2/me", headers=bearer(again.json()["accessToken"]))).status_code == 200


async def test_a_reused_operator_refresh_token_ends_the_operators_access_tokens_too(
    gateway, onboard_operator, operator_login
):
    operator = await onboard_operator()
    first = (await operator_login(operator)).json()
    rotated = (await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": first["refreshToken"]})).json()
    assert (await gateway.get(f"{SAAS}/operators", headers=bearer(rotated["accessToken"]))).status_code == 200

    reuse = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert reuse.status_code == 401
    for session in (first, rotated):
        await _refused_soon(gateway, f"{SAAS}/operators", session["accessToken"])
