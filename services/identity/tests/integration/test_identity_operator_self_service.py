"""An operator's own account on the real stack: changing the password (current password and a fresh
code), replacing the authenticator, new recovery codes, and a forgotten password by email — each
proving the factors held now, ending the sessions it should, told to the owner, in the platform stream."""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import unquote

import pyotp
import pytest_asyncio
import redis.asyncio as aioredis

from radiant_testing import bearer, eventually
from radiant_testing.operators import OPERATOR_PASSWORD, OnboardedOperator

SAAS = "/api/v2/saas"
LOGIN = f"{SAAS}/auth/login"
NEW_PASSWORD = "a-brand-new-passphrase-42"


@pytest_asyncio.fixture(autouse=True)
async def forget_loopback_reset_requests(platform):
    """Every test request reaches identity from 127.0.0.1: earlier runs' reset requests must not
    exhaust the address's hourly allowance (the per-address limit itself is the rule under test)."""
    client = aioredis.from_url(platform["REDIS_URL"])
    keys = [k async for k in client.scan_iter("identity:operator-pwreset:ip:*")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
    yield


async def _session(operator_login, operator: OnboardedOperator, **extra: Any) -> dict[str, Any]:
    response = await operator_login(operator, **extra)
    assert response.status_code == 200, response.text
    return response.json()


async def _platform_actions(gateway, token: str, operator_id: str) -> list[str]:
    response = await gateway.get(f"{SAAS}/audit", params={"actor": operator_id, "limit": 100}, headers=bearer(token))
    assert response.status_code == 200, response.text
    return [e["action"] for e in response.json()["entries"]]


async def _refused_soon(gateway, headers: dict[str, str]) -> None:
    """An ended session's access token is refused within the revocation marks' half-second cache."""
    await eventually(
        lambda: gateway.get(f"{SAAS}/operators", headers=headers),
        until=lambda r: r.status_code == 401,
        timeout=2.0,
        interval=0.1,
        what="the ended session's access token refused",
    )


async def _sign_in(gateway, operator: OnboardedOperator, password: str, *, refused: bool = False) -> int:
    # A sign-in refused for its password leaves its code unspent: one the helper has not used does.
    code = operator.unused_totp() or operator.totp() if refused else await operator.fresh_totp()
    body = {"email": operator.email, "password": password, "totpCode": code}
    return (await gateway.post(LOGIN, json=body)).status_code


async def test_changing_the_password_needs_the_current_one_and_a_fresh_code_and_ends_other_sessions(
    gateway, inbox, onboard_operator, operator_login
):
    operator = await onboard_operator(role="platform_support")  # any operator: saas:read is enough
    first = await _session(operator_login, operator)
    # The second session with a recovery code: the test spends three authenticator codes after it,
    # and a fourth inside one 30-second step would have to wait for the next.
    other = await _session(operator_login, operator, recoveryCode=operator.recovery_codes[0])
    token = bearer(first["accessToken"])

    wrong_password = await gateway.post(
        f"{SAAS}/me/password",
        json={"currentPassword": "not-my-password", "totpCode": operator.totp(), "newPassword": NEW_PASSWORD},
        headers=token,
    )
    assert wrong_password.status_code == 403 and wrong_password.json()["errors"][0]["field"] == "currentPassword"
    wrong_code = await gateway.post(
        f"{SAAS}/me/password",
        json={"currentPassword": OPERATOR_PASSWORD, "totpCode": "000000", "newPassword": NEW_PASSWORD},
        headers=token,
    )
    assert wrong_code.status_code == 403 and wrong_code.json()["errors"][0]["field"] == "totpCode"
    too_short = await gateway.post(
        f"{SAAS}/me/password",
        json={"currentPassword": OPERATOR_PASSWORD, "totpCode": operator.totp(), "newPassword": "short"},
        headers=token,
    )
    assert too_short.status_code == 422 and too_short.json()["errors"][0]["field"] == "newPassword"

    changed = await gateway.post(
        f"{SAAS}/me/password",
        json={
            "currentPassword": OPERATOR_PASSWORD,
            "totpCode": await operator.fresh_totp(),
            "newPassword": NEW_PASSWORD,
        },
        headers=token,
    )
    assert changed.status_code == 200, changed.text
    fresh = changed.json()
    # Every earlier session ended at once — access and refresh tokens — and the answer is a new one.
    await _refused_soon(gateway, token)
    refreshed = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": other["refreshToken"]})
    assert refreshed.status_code == 401
    assert (await gateway.get(f"{SAAS}/operators", headers=bearer(fresh["accessToken"]))).status_code == 200
    # The old password is gone; the new one signs in (with the authenticator, as always).
    assert await _sign_in(gateway, operator, OPERATOR_PASSWORD, refused=True) == 401
    assert await _sign_in(gateway, operator, NEW_PASSWORD) == 200
    mail = await inbox.wait_for(operator.email, subject_contains="operator account changed")
    assert "password was changed" in mail["text"]
    actions = await _platform_actions(gateway, fresh["accessToken"], operator.id)
    assert "operator.password_change" in actions


async def test_a_code_is_good_once_even_for_a_password_change(gateway, onboard_operator, operator_login):
    operator = await onboard_operator()
    token = bearer((await _session(operator_login, operator))["accessToken"])
    code = await operator.fresh_totp()
    body = {"currentPassword": OPERATOR_PASSWORD, "totpCode": code, "newPassword": NEW_PASSWORD}
    # The sign-in above spent its own code; this one is new, and is accepted once.
    assert (await gateway.post(f"{SAAS}/me/password", json=body, headers=token)).status_code == 200
    fresh = await _session(operator_login, operator, password=NEW_PASSWORD)
    replay = {"currentPassword": NEW_PASSWORD, "totpCode": code, "newPassword": OPERATOR_PASSWORD}
    refused = await gateway.post(f"{SAAS}/me/password", json=replay, headers=bearer(fresh["accessToken"]))
    assert refused.status_code == 403 and refused.json()["errors"][0]["field"] == "totpCode"


async def test_replacing_the_authenticator_takes_effect_only_once_a_code_from_the_new_one_is_shown(
    gateway, inbox, onboard_operator, operator_login
):
    operator = await onboard_operator()
    token = bearer((await _session(operator_login, operator))["accessToken"])
    assert (
        await gateway.post(f"{SAAS}/me/mfa/totp/enroll", json={"currentCode": "123456"}, headers=token)
    ).status_code == 403
    started = await gateway.post(
        f"{SAAS}/me/mfa/totp/enroll", json={"currentCode": await operator.fresh_totp()}, headers=token
    )
    assert started.status_code == 200, started.text
    new_secret = started.json()["secret"]
    assert started.json()["otpauthUri"].startswith("otpauth://totp/") and started.json()["qrCode"].startswith("data:")
    # Until confirmed, the old authenticator is the one that signs in.
    assert await _sign_in(gateway, operator, OPERATOR_PASSWORD) == 200
    wrong = await gateway.post(f"{SAAS}/me/mfa/totp/verify", json={"code": operator.totp()}, headers=token)
    assert wrong.status_code == 403 and wrong.json()["errors"][0]["field"] == "code"

    confirmed = await gateway.post(
        f"{SAAS}/me/mfa/totp/verify", json={"code": pyotp.TOTP(new_secret).now()}, headers=token
    )
    assert confirmed.status_code == 200, confirmed.text
    body = confirmed.json()
    assert len(body["recoveryCodes"]) == 10 and not set(body["recoveryCodes"]) & set(operator.recovery_codes)
    await _refused_soon(gateway, token)  # earlier sessions ended
    # The old authenticator and the old recovery codes no longer sign in; the new ones do.
    assert await _sign_in(gateway, operator, OPERATOR_PASSWORD, refused=True) == 401
    old_recovery = {"email": operator.email, "password": OPERATOR_PASSWORD, "recoveryCode": operator.recovery_codes[0]}
    assert (await gateway.post(LOGIN, json=old_recovery)).status_code == 401
    operator.totp_secret = new_secret
    assert await _sign_in(gateway, operator, OPERATOR_PASSWORD) == 200
    await inbox.wait_for(operator.email, subject_contains="operator account changed")
    actions = await _platform_actions(gateway, body["accessToken"], operator.id)
    assert {"mfa.enroll_start", "mfa.enroll"} <= set(actions)
    # Confirming twice: nothing is in progress any more.
    again = await gateway.post(
        f"{SAAS}/me/mfa/totp/verify", json={"code": pyotp.TOTP(new_secret).now()}, headers=bearer(body["accessToken"])
    )
    assert again.status_code == 409


async def test_new_recovery_codes_replace_the_old_ones(gateway, onboard_operator, operator_login):
    operator = await onboard_operator()
    token = bearer((await _session(operator_login, operator))["accessToken"])
    refused = await gateway.post(
        f"{SAAS}/me/mfa/recovery-codes", json={"currentCode": operator.recovery_codes[0][:6]}, headers=token
    )
    assert refused.status_code == 403  # a recovery code is no proof for new recovery codes
    replaced = await gateway.post(
        f"{SAAS}/me/mfa/recovery-codes", json={"currentCode": await operator.fresh_totp()}, headers=token
    )
    assert replaced.status_code == 200, replaced.text
    codes = replaced.json()["recoveryCodes"]
    assert len(codes) == 10
    old = {"email": operator.email, "password": OPERATOR_PASSWORD, "recoveryCode": operator.recovery_codes[1]}
    assert (await gateway.post(LOGIN, json=old)).status_code == 401
    new = {"email": operator.email, "password": OPERATOR_PASSWORD, "recoveryCode": codes[0]}
    signed_in = await gateway.post(LOGIN, json=new)
    assert signed_in.status_code == 200
    actions = await _platform_actions(gateway, signed_in.json()["accessToken"], operator.id)
    assert "mfa.recovery_codes_regenerate" in actions


async def test_only_operators_manage_an_operator_account(gateway, make_token):
    tenant_admin = bearer(make_token(role="super_admin", tenant_id=f"t-{uuid.uuid4()}"))
    for path, body in (
        ("me/password", {"currentPassword": "x", "totpCode": "123456", "newPassword": NEW_PASSWORD}),
        ("me/mfa/totp/enroll", {"currentCode": "123456"}),
        ("me/mfa/totp/verify", {"code": "123456"}),
        ("me/mfa/recovery-codes", {"currentCode": "123456"}),
    ):
        assert (await gateway.post(f"{SAAS}/{path}", json=body, headers=tenant_admin)).status_code == 403
        assert (await gateway.post(f"{SAAS}/{path}", json=body)).status_code == 401


def _reset_token(message: dict[str, Any]) -> str:
    match = re.search(r"reset-password\?token=([A-Za-z0-9_\-%]+)&kind=operator", message["text"])
    assert match, message["text"]
    return unquote(match.group(1))


async def test_a_forgotten_password_is_reset_once_by_the_emailed_link_and_ends_every_session(
    gateway, inbox, admin_db, onboard_operator, operator_login
):
    operator = await onboard_operator()
    before = await _session(operator_login, operator)
    unknown = await gateway.post(
        f"{SAAS}/auth/password/forgot", json={"email": f"nobody-{uuid.uuid4().hex}@example.com"}
    )
    known = await gateway.post(f"{SAAS}/auth/password/forgot", json={"email": operator.email.upper()})
    assert unknown.status_code == known.status_code == 202
    assert unknown.json() == known.json()  # the same answer whether or not the address is an operator's

    token = _reset_token(await inbox.wait_for(operator.email, subject_contains="Reset your"))
    [stored] = await admin_db.fetch(
        "SELECT token_hash, expires_at - created_at AS ttl FROM identity.operator_password_resets"
        " WHERE operator_id = $1 AND used_at IS NULL",
        uuid.UUID(operator.id),
    )
    assert token not in stored["token_hash"] and re.fullmatch(r"[0-9a-f]{64}", stored["token_hash"])  # hashed
    assert timedelta(minutes=59) < stored["ttl"] <= timedelta(minutes=60, seconds=5)  # one hour

    reset = await gateway.post(f"{SAAS}/auth/password/reset", json={"token": token, "newPassword": NEW_PASSWORD})
    assert reset.status_code == 200, reset.text
    assert reset.json()["sessionsRevoked"] >= 1
    # Every session ended: the access token at once, the refresh token too.
    await _refused_soon(gateway, bearer(before["accessToken"]))
    assert (
        await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": before["refreshToken"]})
    ).status_code == 401
    # Single use; the new password signs in, with the authenticator still asked for.
    again = await gateway.post(f"{SAAS}/auth/password/reset", json={"token": token, "newPassword": OPERATOR_PASSWORD})
    assert again.status_code == 404
    assert await _sign_in(gateway, operator, NEW_PASSWORD) == 200
    no_code = await gateway.post(LOGIN, json={"email": operator.email, "password": NEW_PASSWORD})
    assert no_code.status_code == 401 and no_code.json()["mfaRequired"] is True
    signed_in = await _session(operator_login, operator, password=NEW_PASSWORD)
    actions = await _platform_actions(gateway, signed_in["accessToken"], operator.id)
    assert {"auth.password_reset_request", "auth.password_reset"} <= set(actions)


async def test_concurrent_uses_of_one_link_reset_once_and_a_newer_link_withdraws_the_older(
    gateway, inbox, onboard_operator
):
    operator = await onboard_operator()
    await gateway.post(f"{SAAS}/auth/password/forgot", json={"email": operator.email})
    older = _reset_token(await inbox.wait_for(operator.email, subject_contains="Reset your"))
    await gateway.post(f"{SAAS}/auth/password/forgot", json={"email": operator.email})

    async def newer_token() -> str | None:
        messages = [
            m
            for m in await inbox.messages()
            if operator.email in [a.get("address") for a in m.get("to", [])] and "Reset your" in m.get("subject", "")
        ]
        tokens = {_reset_token(m) for m in messages} - {older}
        return tokens.pop() if tokens else None

    newer = await eventually(newer_token, until=bool, what="the second reset email")
    assert (
        await gateway.post(f"{SAAS}/auth/password/reset", json={"token": older, "newPassword": NEW_PASSWORD})
    ).status_code == 404

    answers = await asyncio.gather(
        *(
            gateway.post(f"{SAAS}/auth/password/reset", json={"token": newer, "newPassword": f"{NEW_PASSWORD}-{i}"})
            for i in range(4)
        )
    )
    assert sorted(r.status_code for r in answers) == [200, 404, 404, 404]


async def test_an_expired_link_is_refused(gateway, inbox, admin_db, onboard_operator):
    operator = await onboard_operator()
    await gateway.post(f"{SAAS}/auth/password/forgot", json={"email": operator.email})
    token = _reset_token(await inbox.wait_for(operator.email, subject_contains="Reset your"))
    await admin_db.execute(
        "UPDATE identity.operator_password_resets SET expires_at = now() - interval '1 second'"
        " WHERE operator_id = $1 AND used_at IS NULL",
        uuid.UUID(operator.id),
    )
    expired = await gateway.post(f"{SAAS}/auth/password/reset", json={"token": token, "newPassword": NEW_PASSWORD})
    assert expired.status_code == 410
    assert await _sign_in(gateway, operator, OPERATOR_PASSWORD) == 200  # the password did not change


async def test_reset_requests_are_limited_per_client_address_and_per_address_asked_for(
    gateway, admin_db, onboard_operator
):
    operator = await onboard_operator()
    answers = [await gateway.post(f"{SAAS}/auth/password/forgot", json={"email": operator.email}) for _ in range(5)]
    assert [a.status_code for a in answers] == [202] * 5  # the same answer beyond the address's limit
    issued = await admin_db.fetchval(
        "SELECT count(*) FROM identity.operator_password_resets WHERE operator_id = $1", uuid.UUID(operator.id)
    )
    assert issued == 3  # three links an hour for one address, then no more mail: nobody floods an inbox
    for i in range(20):
        await gateway.post(
            f"{SAAS}/auth/password/forgot", json={"email": f"someone-{i}-{uuid.uuid4().hex}@example.com"}
        )
    refused = await gateway.post(f"{SAAS}/auth/password/forgot", json={"email": operator.email})
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
