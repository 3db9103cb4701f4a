"""Account self-service through the gateway: changing a password (the current one and a fresh second
factor), a forgotten password by email (single-use, hashed, expiring, the same answer for every
address, throttled), and every earlier session ending with either."""

from __future__ import annotations

import asyncio
import hashlib
import re
from typing import Any
from urllib.parse import unquote

import httpx
import pytest
import redis.asyncio as aioredis

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import PASSWORD, new_email

CHANGE = "/api/v2/auth/password/change"
FORGOT = "/api/v2/auth/password/forgot"
RESET = "/api/v2/auth/password/reset"
NEW_PASSWORD = "a brand new passphrase 42"


@pytest.fixture(autouse=True)
async def _forget_reset_request_counts(platform):
    """Every test request comes from 127.0.0.1: earlier runs' (and the fuzzer's) reset requests must
    not have used up this hour's allowance."""
    redis = aioredis.from_url(platform["REDIS_URL"])
    keys = [k async for k in redis.scan_iter("identity:pwreset:*")]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


async def _mails(inbox, to: str, subject: str) -> list[dict[str, Any]]:
    return [
        m
        for m in await inbox.messages()
        if to in [a.get("address", "").lower() for a in m.get("to", [])] and subject in m.get("subject", "")
    ]


def _reset_token(message: dict[str, Any]) -> str:
    match = re.search(r"reset-password\?token=([A-Za-z0-9_\-%]+)", message["text"])
    assert match, message["text"]
    return unquote(match.group(1))


async def _signed_in(gateway, admin, **extra: Any) -> dict[str, Any]:
    response = await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": PASSWORD, **extra})
    assert response.status_code == 200, response.text
    return response.json()


async def _assert_sessions_ended(gateway, platform, session: dict[str, Any]) -> None:
    """The session's access token is refused at the gateway and by identity itself, its refresh token too."""
    old = bearer(session["accessToken"])

    async def status_at_gateway() -> int:
        return (await gateway.get("/api/v2/admin/profile", headers=old)).status_code

    await eventually(status_at_gateway, until=lambda s: s == 401, timeout=5, what="the old access token refused")
    async with httpx.AsyncClient(base_url=platform.service_url("identity"), timeout=10) as direct:
        assert (await direct.get("/api/v2/admin/profile", headers=old)).status_code == 401
    refreshed = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": session["refreshToken"]})
    assert refreshed.status_code == 401


async def test_changing_the_password_needs_the_current_one_and_ends_every_other_session(
    gateway, platform, onboard, inbox, make_token
):
    admin = await onboard(f"t-{__import__('uuid').uuid4()}", role="admin")
    first, second = await _signed_in(gateway, admin), await _signed_in(gateway, admin)
    token = bearer(first["accessToken"])

    wrong = await gateway.post(
        CHANGE, headers=token, json={"currentPassword": "not it at all", "newPassword": NEW_PASSWORD}
    )
    assert wrong.status_code == 403 and wrong.json()["errors"][0]["field"] == "currentPassword"
    short = await gateway.post(CHANGE, headers=token, json={"currentPassword": PASSWORD, "newPassword": "short"})
    assert short.status_code == 422
    same = await gateway.post(CHANGE, headers=token, json={"currentPassword": PASSWORD, "newPassword": PASSWORD})
    assert same.status_code == 422 and same.json()["errors"][0]["field"] == "newPassword"

    changed = await gateway.post(CHANGE, headers=token, json={"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD})
    assert changed.status_code == 200, changed.text
    fresh = changed.json()
    assert (await gateway.get("/api/v2/admin/profile", headers=bearer(fresh["accessToken"]))).status_code == 200
    # Both earlier sessions ended, the one that asked included; the new session goes on.
    await _assert_sessions_ended(gateway, platform, first)
    await _assert_sessions_ended(gateway, platform, second)
    assert (await gateway.post("/api/v2/auth/refresh", json={"refreshToken": fresh["refreshToken"]})).status_code == 200
    old_login = await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": PASSWORD})
    assert old_login.status_code == 401
    await _signed_in(gateway, admin, password=NEW_PASSWORD)
    notice = await inbox.wait_for(admin.email, subject_contains="password was changed")
    assert "signed out" in notice["text"]

    # An impersonating operator cannot change the account's password.
    impersonation = make_token(role="admin", tenant_id=admin.tenant_id, subject=admin.id, act={"sub": "op-1"})
    refused = await gateway.post(
        CHANGE, headers=bearer(impersonation), json={"currentPassword": NEW_PASSWORD, "newPassword": PASSWORD + "x"}
    )
    assert refused.status_code == 403

    auditor = bearer(make_token(role="auditor", tenant_id=admin.tenant_id))
    entries = await eventually(
        lambda: _audit(gateway, auditor, "auth.password_change"),
        until=lambda e: {x["outcome"] for x in e} == {"success", "failure"},
        what="the password change and the failed attempt audited",
    )
    assert all(e["resourceId"] == admin.id for e in entries)


async def _audit(gateway, auditor: dict[str, str], action: str) -> list[dict[str, Any]]:
    response = await gateway.get("/api/v2/admin/audit", params={"action": action}, headers=auditor)
    assert response.status_code == 200, response.text
    return response.json()["entries"]


async def test_with_mfa_enrolled_a_password_change_also_needs_a_fresh_second_factor(gateway, onboard):
    admin = await onboard(f"t-{__import__('uuid').uuid4()}", role="operator", environment="prod")
    session = await _signed_in(gateway, admin, totpCode=admin.totp())
    token = bearer(session["accessToken"])
    body = {"currentPassword": PASSWORD, "newPassword": NEW_PASSWORD}
    missing = await gateway.post(CHANGE, headers=token, json=body)
    assert missing.status_code == 403 and missing.json()["errors"][0]["field"] == "code"
    bad = await gateway.post(CHANGE, headers=token, json={**body, "code": "000000"})
    assert bad.status_code == 403
    assert admin.recovery_codes
    changed = await gateway.post(CHANGE, headers=token, json={**body, "code": admin.recovery_codes[0]})
    assert changed.status_code == 200, changed.text
    # The new session's token says the second factor was proved (prod administration needs it).
    me = await gateway.get("/api/v2/me", headers=bearer(changed.json()["accessToken"]))
    assert me.status_code == 200 and "mfa" in me.json()["amr"]
    # The second factor is still asked for at sign-in with the new password.
    again = await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": NEW_PASSWORD})
    assert again.status_code == 401 and again.json().get("mfaRequired") is True


async def test_a_forgotten_password_is_reset_once_by_emailed_link_and_every_session_ends(
    gateway, platform, onboard, inbox, admin_db
):
    admin = await onboard(f"t-{__import__('uuid').uuid4()}", role="auditor")
    session = await _signed_in(gateway, admin)

    # The same answer whether or not the address has an account.
    unknown = await gateway.post(FORGOT, json={"email": new_email("nobody")})
    known = await gateway.post(FORGOT, json={"email": admin.email.upper()})
    assert unknown.status_code == known.status_code == 202
    assert unknown.json() == known.json()
    mail = await inbox.wait_for(admin.email, subject_contains="Reset your")
    token = _reset_token(mail)
    # The link opens the reset page (through the gateway), which interpolates nothing and leaks no referrer.
    page = await gateway.get("/reset-password", params={"token": token})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert page.headers["referrer-policy"] == "no-referrer" and token not in page.text
    stored = await admin_db.fetch(
        "SELECT token_hash, expires_at - created_at AS lifetime, used_at FROM identity.password_resets "
        "WHERE admin_id = $1::uuid",
        admin.id,
    )
    assert [r["token_hash"] for r in stored] == [hashlib.sha256(token.encode()).hexdigest()]
    assert abs(stored[0]["lifetime"].total_seconds() - 3600) < 5 and stored[0]["used_at"] is None

    # Two uses at once: exactly one wins; the link is spent.
    answers = await asyncio.gather(
        *(gateway.post(RESET, json={"token": token, "newPassword": NEW_PASSWORD}) for _ in range(2))
    )
    assert sorted(a.status_code for a in answers) == [200, 404], [a.text for a in answers]
    again = await gateway.post(RESET, json={"token": token, "newPassword": NEW_PASSWORD + "!"})
    assert again.status_code == 404
    await _assert_sessions_ended(gateway, platform, session)
    assert (
        await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": PASSWORD})
    ).status_code == 401
    await _signed_in(gateway, admin, password=NEW_PASSWORD)
    await inbox.wait_for(admin.email, subject_contains="password was reset")


async def test_an_expired_or_superseded_reset_link_is_refused(gateway, onboard, inbox, admin_db):
    admin = await onboard(f"t-{__import__('uuid').uuid4()}", role="operator")
    assert (await gateway.post(FORGOT, json={"email": admin.email})).status_code == 202
    first = _reset_token(await inbox.wait_for(admin.email, subject_contains="Reset your"))
    await admin_db.execute(
        "UPDATE identity.password_resets SET expires_at = now() - interval '1 second', "
        "created_at = now() - interval '61 minutes' WHERE admin_id = $1::uuid",
        admin.id,
    )
    expired = await gateway.post(RESET, json={"token": first, "newPassword": NEW_PASSWORD})
    assert expired.status_code == 410, expired.text
    assert expired.headers["content-type"].startswith("application/problem+json")

    # A newer link replaces the older one.
    assert (await gateway.post(FORGOT, json={"email": admin.email})).status_code == 202
    links = await eventually(
        lambda: _mails(inbox, admin.email, "Reset your"), until=lambda m: len(m) >= 2, what="the second link"
    )
    tokens = {_reset_token(m) for m in links} - {first}
    second = tokens.pop()
    assert (await gateway.post(FORGOT, json={"email": admin.email})).status_code == 202
    links = await eventually(
        lambda: _mails(inbox, admin.email, "Reset your"), until=lambda m: len(m) >= 3, what="the third link"
    )
    third = ({_reset_token(m) for m in links} - {first, second}).pop()
    superseded = await gateway.post(RESET, json={"token": second, "newPassword": NEW_PASSWORD})
    assert superseded.status_code == 404
    assert (await gateway.post(RESET, json={"token": third, "newPassword": NEW_PASSWORD})).status_code == 200


async def test_reset_requests_are_throttled_per_address_asked_and_per_client(gateway, platform, onboard, inbox):
    admin = await onboard(f"t-{__import__('uuid').uuid4()}", role="operator")
    redis = aioredis.from_url(platform["REDIS_URL"])
    ip_keys = [k async for k in redis.scan_iter("identity:pwreset:ip:*")]
    if ip_keys:
        await redis.delete(*ip_keys)
    try:
        # Per address asked for: beyond three an hour, the same answer and no more mail.
        for _ in range(5):
            answer = await gateway.post(FORGOT, json={"email": admin.email})
            assert answer.status_code == 202
        await eventually(lambda: _mails(inbox, admin.email, "Reset your"), until=lambda m: len(m) >= 3, what="links")
        await asyncio.sleep(2)  # the mailer polls every second: a fourth would have arrived by now
        assert len(await _mails(inbox, admin.email, "Reset your")) == 3
        # Per client address: 429 with Retry-After, whatever the address asked for.
        statuses = [(await gateway.post(FORGOT, json={"email": new_email("spray")})).status_code for _ in range(20)]
        assert statuses[-1] == 429 and 202 in statuses
        refused = await gateway.post(FORGOT, json={"email": new_email("spray")})
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    finally:
        ip_keys = [k async for k in redis.scan_iter("identity:pwreset:ip:*")]
        if ip_keys:
            await redis.delete(*ip_keys)
        await redis.aclose()
