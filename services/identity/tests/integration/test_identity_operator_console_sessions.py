"""Operators' console sessions: the refresh token only in an HttpOnly, Secure, SameSite=Strict cookie
scoped to /api/v2/saas/auth/console (its own name and path, apart from administrators'), rotated on
refresh (a reused cookie ends the account's sessions), ended by sign-out; the sign-in keeps every rule
of /saas/auth/login (a code, always)."""

from __future__ import annotations

from http.cookies import SimpleCookie

from radiant_testing import bearer
from radiant_testing.onboarding import PASSWORD, new_tenant
from radiant_testing.operators import OPERATOR_PASSWORD

CONSOLE = "/api/v2/saas/auth/console"
COOKIE = "radiant_operator_console_refresh"
ADMIN_CONSOLE = "/api/v2/auth/console"


def _cookie(response) -> SimpleCookie:
    [header] = response.headers.get_list("set-cookie")
    jar = SimpleCookie()
    jar.load(header)
    return jar


def _sent(value: str, name: str = COOKIE) -> dict[str, str]:
    # By hand: the test client runs over plain HTTP, where a cookie jar keeps Secure cookies to itself.
    return {"Cookie": f"{name}={value}"}


async def _console_login(gateway, operator, **extra):
    body = {"email": operator.email, "password": OPERATOR_PASSWORD, **extra}
    if "totpCode" not in extra and "recoveryCode" not in extra:
        body["totpCode"] = await operator.fresh_totp()
    return await gateway.post(f"{CONSOLE}/login", json=body)


async def test_operator_console_sign_in_sets_a_strict_http_only_cookie_on_its_own_path(gateway, onboard_operator):
    operator = await onboard_operator()
    signed_in = await _console_login(gateway, operator)
    assert signed_in.status_code == 200, signed_in.text
    body = signed_in.json()
    assert "refreshToken" not in body and "refresh_token" not in body
    assert body["operator"] == {
        "id": operator.id,
        "email": operator.email,
        "name": operator.name,
        "role": "platform_admin",
    }
    morsel = _cookie(signed_in)[COOKIE]
    assert len(morsel.value) >= 32
    assert morsel["httponly"] and morsel["secure"]
    assert morsel["samesite"] == "strict" and morsel["path"] == CONSOLE
    assert int(morsel["max-age"]) == body["refreshExpiresIn"]
    assert signed_in.headers["cache-control"] == "no-store"
    tenants = await gateway.get("/api/v2/saas/tenants", headers=bearer(body["accessToken"]))
    assert tenants.status_code == 200, tenants.text


async def test_the_operator_console_login_always_asks_for_a_code(gateway, onboard_operator):
    operator = await onboard_operator()
    without_code = await gateway.post(f"{CONSOLE}/login", json={"email": operator.email, "password": OPERATOR_PASSWORD})
    assert without_code.status_code == 401 and without_code.json()["mfaRequired"] is True
    assert "set-cookie" not in without_code.headers
    wrong = await _console_login(gateway, operator, totpCode="000000")
    assert wrong.status_code == 401 and "set-cookie" not in wrong.headers
    recovery = await _console_login(gateway, operator, recoveryCode=operator.recovery_codes[0])
    assert recovery.status_code == 200, recovery.text


async def test_operator_refresh_rotates_the_cookie_and_a_reused_cookie_ends_the_sessions(gateway, onboard_operator):
    operator = await onboard_operator()
    signed_in = await _console_login(gateway, operator)
    first = _cookie(signed_in)[COOKIE].value
    refreshed = await gateway.post(f"{CONSOLE}/refresh", headers=_sent(first))
    assert refreshed.status_code == 200, refreshed.text
    assert "refreshToken" not in refreshed.json() and refreshed.json()["operator"]["id"] == operator.id
    second = _cookie(refreshed)[COOKIE].value
    assert second != first
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(first))).status_code == 401
    # the reuse ended the account's sessions: the newer cookie and its access token are dead too
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(second))).status_code == 401
    later = await gateway.get("/api/v2/saas/tenants", headers=bearer(refreshed.json()["accessToken"]))
    assert later.status_code == 401


async def test_operator_refresh_needs_its_own_cookie(gateway, onboard, onboard_operator):
    missing = await gateway.post(f"{CONSOLE}/refresh")
    assert missing.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent("x" * 43))).status_code == 401
    # an administrator's console cookie, even under the operators' name, opens no operator session
    admin = await onboard(new_tenant())
    admin_in = await gateway.post(f"{ADMIN_CONSOLE}/login", json={"email": admin.email, "password": PASSWORD})
    admin_cookie = _cookie(admin_in)["radiant_console_refresh"].value
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(admin_cookie))).status_code == 401
    # and an operator's cookie is not an administrator's
    operator = await onboard_operator()
    operator_cookie = _cookie(await _console_login(gateway, operator))[COOKIE].value
    crossed = await gateway.post(f"{ADMIN_CONSOLE}/refresh", headers=_sent(operator_cookie, "radiant_console_refresh"))
    assert crossed.status_code == 401


async def test_operator_sign_out_ends_the_cookies_session_and_clears_the_cookie(gateway, onboard_operator):
    operator = await onboard_operator()
    signed_in = await _console_login(gateway, operator)
    cookie = _cookie(signed_in)[COOKIE].value
    token = signed_in.json()["accessToken"]
    assert (await gateway.post(f"{CONSOLE}/logout", headers=_sent(cookie))).status_code == 401  # needs the token
    out = await gateway.post(f"{CONSOLE}/logout", headers={**bearer(token), **_sent(cookie)})
    assert out.status_code == 204
    cleared = _cookie(out)[COOKIE]
    assert cleared.value == "" and cleared["path"] == CONSOLE and int(cleared["max-age"]) == 0
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(cookie))).status_code == 401


async def test_an_administrator_cannot_use_the_operators_sign_out(gateway, onboard):
    admin = await onboard(new_tenant())
    admin_in = await gateway.post(f"{ADMIN_CONSOLE}/login", json={"email": admin.email, "password": PASSWORD})
    refused = await gateway.post(f"{CONSOLE}/logout", headers=bearer(admin_in.json()["accessToken"]))
    assert refused.status_code in (401, 403)
