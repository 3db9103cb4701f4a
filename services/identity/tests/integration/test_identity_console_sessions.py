"""The console's sessions: the refresh token only in an HttpOnly, Secure, SameSite=Strict cookie
scoped to /api/v2/auth/console — never in a body a script could read — rotated on refresh (reuse
revokes the session, as for /auth/refresh), ended by sign-out."""

from __future__ import annotations

from http.cookies import SimpleCookie

from radiant_testing import bearer
from radiant_testing.onboarding import PASSWORD, new_tenant

CONSOLE = "/api/v2/auth/console"
COOKIE = "radiant_console_refresh"


def _cookie(response) -> SimpleCookie:
    [header] = response.headers.get_list("set-cookie")
    jar = SimpleCookie()
    jar.load(header)
    return jar


def _sent(value: str) -> dict[str, str]:
    # By hand: the test client runs over plain HTTP, where a cookie jar keeps Secure cookies to itself.
    return {"Cookie": f"{COOKIE}={value}"}


async def _console_login(gateway, admin, **extra):
    body = {"email": admin.email, "password": PASSWORD, **extra}
    return await gateway.post(f"{CONSOLE}/login", json=body)


async def test_console_sign_in_sets_the_refresh_token_as_a_strict_http_only_cookie(gateway, onboard):
    admin = await onboard(new_tenant(), environment="prod", role="super_admin")
    signed_in = await _console_login(gateway, admin, totpCode=admin.totp())
    assert signed_in.status_code == 200, signed_in.text
    body = signed_in.json()
    assert "refreshToken" not in body and "refresh_token" not in body
    assert body["administrator"]["email"] == admin.email and body["expiresIn"] > 0
    morsel = _cookie(signed_in)[COOKIE]
    assert len(morsel.value) >= 32
    assert morsel["httponly"] and morsel["secure"]
    assert morsel["samesite"] == "strict" and morsel["path"] == CONSOLE
    assert int(morsel["max-age"]) == body["refreshExpiresIn"]
    assert signed_in.headers["cache-control"] == "no-store"
    me = await gateway.get("/api/v2/me", headers=bearer(body["accessToken"]))
    assert me.status_code == 200 and me.json()["tenantId"] == admin.tenant_id


async def test_the_console_login_keeps_every_rule_of_the_login(gateway, onboard):
    admin = await onboard(new_tenant(), environment="prod", role="super_admin")
    without_code = await _console_login(gateway, admin)
    assert without_code.status_code == 401 and without_code.json()["mfaRequired"] is True
    assert "set-cookie" not in without_code.headers
    recovery = await _console_login(gateway, admin, recoveryCode=admin.recovery_codes[0])
    assert recovery.status_code == 200, recovery.text


async def test_refresh_rotates_the_cookie_and_a_reused_cookie_ends_the_session(gateway, onboard):
    admin = await onboard(new_tenant())
    first = _cookie(await _console_login(gateway, admin))[COOKIE].value
    refreshed = await gateway.post(f"{CONSOLE}/refresh", headers=_sent(first))
    assert refreshed.status_code == 200, refreshed.text
    assert "refreshToken" not in refreshed.json() and refreshed.json()["accessToken"]
    second = _cookie(refreshed)[COOKIE].value
    assert second != first
    reused = await gateway.post(f"{CONSOLE}/refresh", headers=_sent(first))
    assert reused.status_code == 401
    # reuse of a rotated token revokes its whole family: the newer cookie is dead too
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(second))).status_code == 401


async def test_refresh_without_the_cookie_is_refused(gateway):
    missing = await gateway.post(f"{CONSOLE}/refresh")
    assert missing.status_code == 401
    assert missing.headers["content-type"].startswith("application/problem+json")
    forged = await gateway.post(f"{CONSOLE}/refresh", headers=_sent("x" * 43))
    assert forged.status_code == 401


async def test_sign_out_ends_the_cookies_session_and_clears_the_cookie(gateway, onboard):
    admin = await onboard(new_tenant())
    signed_in = await _console_login(gateway, admin)
    cookie = _cookie(signed_in)[COOKIE].value
    token = signed_in.json()["accessToken"]
    out = await gateway.post(f"{CONSOLE}/logout", headers={**bearer(token), **_sent(cookie)})
    assert out.status_code == 204
    cleared = _cookie(out)[COOKIE]
    assert cleared.value == "" and cleared["path"] == CONSOLE and int(cleared["max-age"]) == 0
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(cookie))).status_code == 401


async def test_sign_out_needs_the_sessions_access_token(gateway, onboard):
    admin = await onboard(new_tenant())
    cookie = _cookie(await _console_login(gateway, admin))[COOKIE].value
    assert (await gateway.post(f"{CONSOLE}/logout", headers=_sent(cookie))).status_code == 401
    assert (await gateway.post(f"{CONSOLE}/refresh", headers=_sent(cookie))).status_code == 200
