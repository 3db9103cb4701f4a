"""Platform operators, on the real stack: the first one from `radiant bootstrap-operator`, through the
emailed invitation, accepted with a password and an authenticator, signed in (always with a second
factor); operators invite operators, change each other's role or status (never their own, never the
last platform_admin), and every action lands in the platform audit stream — not in a tenant's.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import uuid
from collections import Counter
from typing import Any

import httpx
import jwt
import pytest

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import token_from_email
from radiant_testing.operators import (
    OPERATOR_PASSWORD,
    OnboardedOperator,
    bootstrap_operator,
    new_operator_email,
    run_radiant,
)

SAAS = "/api/v2/saas"
OPERATORS = f"{SAAS}/operators"
INVITATIONS = f"{SAAS}/operators/invitations"
ACCEPT = f"{SAAS}/operators/invitations/accept"
LOGIN = f"{SAAS}/auth/login"
# Identity's defaults: failed sign-ins a pair (account, client address) may make before it waits.
PAIR_FAILURES = 5


@pytest.fixture
async def identity(platform):
    """Identity called directly, as the gateway does: every check holds behind the gateway too."""
    async with httpx.AsyncClient(base_url=platform.service_url("identity"), timeout=30) as client:
        yield client


async def signed_in(operator_login, operator: OnboardedOperator) -> dict[str, Any]:
    response = await operator_login(operator)
    assert response.status_code == 200, response.text
    return response.json()


def claims_of(token: str) -> dict[str, Any]:
    return jwt.decode(token, options={"verify_signature": False})


async def platform_actions(gateway, token: str, actor_id: str) -> list[dict[str, Any]]:
    response = await gateway.get(f"{SAAS}/audit", params={"actor": actor_id, "limit": 200}, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()["entries"]


# --- the first operator ---------------------------------------------------------------------------


async def test_first_operator_from_the_cli_to_an_operator_token(platform, gateway, inbox, operator_login):
    email = new_operator_email("first")
    code, out, err = await run_radiant(platform, "bootstrap-operator", "--email", email, "--name", "Fay <First>")
    assert code == 0, err
    printed = json.loads(out.strip().splitlines()[-1])
    assert set(printed) == {"invitationId", "email", "role", "token", "acceptUrl", "expiresAt"}
    assert printed["role"] == "platform_admin" and printed["email"] == email
    assert f"Invitation for {email} (platform_admin)" in err

    mail = await inbox.wait_for(email)
    token = token_from_email(mail)
    assert token == printed["token"]
    assert "Fay &lt;First&gt;" in mail["html"]  # the name is escaped, never markup
    link = re.search(r"(https?://\S+/accept-invitation\?token=\S+&kind=operator)", mail["text"]).group(1)
    path = link.removeprefix(platform.service_url("gateway"))
    assert path.startswith("/console/accept-invitation?")  # the console's accept page
    page = await gateway.get(path)
    assert page.status_code == 200 and "<radiant-app>" in page.text
    # identity's own page for it stays too (the same path off the root), for clients without the console
    page = await gateway.get(path.removeprefix("/console"))
    assert page.status_code == 200 and "/api/v2/saas/operators/invitations/accept" in page.text

    accepted = await gateway.post(ACCEPT, json={"token": token, "password": OPERATOR_PASSWORD})
    assert accepted.status_code == 200, accepted.text
    body = accepted.json()
    assert body["operator"]["role"] == "platform_admin" and body["operator"]["mfaEnabled"] is True
    assert body["operator"]["name"] == "Fay <First>"
    mfa = body["mfa"]
    assert mfa["otpauthUri"].startswith("otpauth://totp/") and mfa["qrCode"].startswith("data:image/png;base64,")
    assert len(mfa["recoveryCodes"]) == 10
    # single use: the same link never makes a second account
    again = await gateway.post(ACCEPT, json={"token": token, "password": OPERATOR_PASSWORD})
    assert again.status_code == 404

    operator = OnboardedOperator(
        id=body["operator"]["id"],
        email=email,
        name="Fay <First>",
        role="platform_admin",
        totp_secret=mfa["secret"],
        recovery_codes=mfa["recoveryCodes"],
    )
    session = await signed_in(operator_login, operator)
    claims = claims_of(session["accessToken"])
    assert claims["aud"] == platform.env.get("JWT_OPERATOR_AUDIENCE", "radiant-platform")
    assert "tenant_id" not in claims and "environment" not in claims
    assert claims["sub"] == operator.id and claims["role"] == "platform_admin" and claims["email"] == email
    assert "otp" in claims["amr"]

    listed = await gateway.get(OPERATORS, params={"limit": 200}, headers=bearer(session["accessToken"]))
    assert listed.status_code == 200, listed.text
    assert operator.id in [o["id"] for o in listed.json()["operators"]]

    me = await gateway.get("/api/v2/me", headers=bearer(session["accessToken"]))
    assert me.status_code == 200, me.text
    who = me.json()
    assert (who["kind"], who["id"], who["role"], who["tenantId"]) == ("operator", operator.id, "platform_admin", None)
    assert who["permissions"] == ["saas:*"]


async def test_the_command_refuses_an_address_that_is_already_an_operator(platform, onboard_operator):
    operator = await onboard_operator()
    code, _, err = await run_radiant(platform, "bootstrap-operator", "--email", operator.email, "--name", "Again")
    assert code == 1
    assert err.strip().splitlines() == [f"radiant: {operator.email} is already a platform operator"]


async def test_running_the_command_again_replaces_a_lost_invitation(platform, gateway):
    email = new_operator_email("lost")
    first = await bootstrap_operator(platform, email, "Lost Link")
    second = await bootstrap_operator(platform, email, "Lost Link")
    old = await gateway.post(ACCEPT, json={"token": first["token"], "password": OPERATOR_PASSWORD})
    assert old.status_code == 404  # the first link stopped working
    new = await gateway.post(ACCEPT, json={"token": second["token"], "password": OPERATOR_PASSWORD})
    assert new.status_code == 200, new.text


async def test_concurrent_accepts_of_one_invitation_make_one_operator(platform, gateway, admin_db):
    email = new_operator_email("race")
    invitation = await bootstrap_operator(platform, email, "Rae Race")
    answers = await asyncio.gather(
        *(gateway.post(ACCEPT, json={"token": invitation["token"], "password": OPERATOR_PASSWORD}) for _ in range(5))
    )
    assert sorted(r.status_code for r in answers) == [200, 404, 404, 404, 404]
    assert await admin_db.fetchval("SELECT count(*) FROM identity.operators WHERE email = $1", email) == 1


async def test_an_expired_invitation_is_refused_and_marked_expired(platform, gateway, admin_db):
    invitation = await bootstrap_operator(platform, new_operator_email("late"), "Lee Late")
    invitation_id = uuid.UUID(invitation["invitationId"])
    await admin_db.execute(
        "UPDATE identity.operator_invitations SET expires_at = now() - interval '1 second' WHERE id = $1",
        invitation_id,
    )
    late = await gateway.post(ACCEPT, json={"token": invitation["token"], "password": OPERATOR_PASSWORD})
    assert late.status_code == 410, late.text
    status = await admin_db.fetchval("SELECT status FROM identity.operator_invitations WHERE id = $1", invitation_id)
    assert status == "expired"
    # only its hash was ever stored
    stored = await admin_db.fetchval(
        "SELECT token_hash FROM identity.operator_invitations WHERE id = $1", invitation_id
    )
    assert stored != invitation["token"] and len(stored) == 64


async def test_the_command_refuses_bad_arguments(platform):
    code, _, err = await run_radiant(platform, "bootstrap-operator", "--email", "nope", "--name", "X")
    assert code == 2 and "--email" in err
    code, _, err = await run_radiant(
        platform, "bootstrap-operator", "--email", "a@example.com", "--name", "X", "--role", "super_admin"
    )
    assert code == 2 and "--role" in err  # tenant roles are not platform roles


# --- sign-in: MFA always --------------------------------------------------------------------------


async def test_mfa_cannot_be_skipped(gateway, onboard_operator, operator_login):
    operator = await onboard_operator(role="platform_support")
    without = await gateway.post(LOGIN, json={"email": operator.email, "password": OPERATOR_PASSWORD})
    assert without.status_code == 401 and without.json()["mfaRequired"] is True
    assert "accessToken" not in without.json()
    wrong = await operator_login(operator, totpCode="000000" if operator.totp() != "000000" else "111111")
    assert wrong.status_code == 401 and "accessToken" not in wrong.json()
    bad_password = await gateway.post(
        LOGIN, json={"email": operator.email, "password": "not the password", "totpCode": operator.totp()}
    )
    assert bad_password.status_code == 401
    # a recovery code signs in once
    recovery = operator.recovery_codes[0]
    assert (await operator_login(operator, recoveryCode=recovery)).status_code == 200
    assert (await operator_login(operator, recoveryCode=recovery)).status_code == 401
    # a TOTP code signs in once, even inside its 30-second window
    code = await operator.fresh_totp()
    assert (await operator_login(operator, totpCode=code)).status_code == 200
    assert (await operator_login(operator, totpCode=code)).status_code == 401


def _client_address() -> dict[str, str]:
    """A client address of the benchmarking range (RFC 2544): this test's failures count for it alone."""
    return {"X-Forwarded-For": f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"}


async def test_parallel_wrong_guesses_verify_no_more_than_the_allowed_number(identity, onboard_operator):
    """As for administrators: each attempt is reserved before the password is verified, so parallel
    guesses cannot race past the allowance of the pair (account, address)."""
    operator = await onboard_operator(role="platform_support")
    headers = _client_address()
    guesses = await asyncio.gather(
        *(
            identity.post(LOGIN, json={"email": operator.email, "password": f"wrong guess {i}"}, headers=headers)
            for i in range(20)
        )
    )
    statuses = Counter(r.status_code for r in guesses)
    assert statuses == {401: PAIR_FAILURES, 429: 20 - PAIR_FAILURES}, statuses
    assert int(next(r for r in guesses if r.status_code == 429).headers["retry-after"]) > 0


async def test_a_stranger_failing_from_elsewhere_does_not_lock_the_operator_out(
    identity, onboard_operator, operator_login
):
    operator = await onboard_operator(role="platform_support")
    stranger, owner = _client_address(), _client_address()
    for _ in range(PAIR_FAILURES):
        failed = await identity.post(LOGIN, json={"email": operator.email, "password": "not it"}, headers=stranger)
        assert failed.status_code == 401
    waits = await identity.post(
        LOGIN,
        json={"email": operator.email, "password": OPERATOR_PASSWORD, "totpCode": operator.totp()},
        headers=stranger,
    )
    assert waits.status_code == 429
    body = {"email": operator.email, "password": OPERATOR_PASSWORD, "totpCode": await operator.fresh_totp()}
    signed_in = await identity.post(LOGIN, json=body, headers=owner)
    assert signed_in.status_code == 200, signed_in.text


async def test_an_unknown_or_a_tenant_administrators_account_is_not_an_operator(gateway, onboard, login):
    admin = await onboard(f"t-{uuid.uuid4()}", role="super_admin", environment="prod")
    assert (await login(admin, totpCode=admin.totp())).status_code == 200  # a real administrator...
    as_operator = await gateway.post(
        LOGIN, json={"email": admin.email, "password": "correct horse battery staple", "totpCode": admin.totp()}
    )
    assert as_operator.status_code == 401  # ...is no operator
    unknown = await gateway.post(LOGIN, json={"email": new_operator_email(), "password": "whatever it is"})
    assert unknown.status_code == 401
    assert unknown.json()["detail"] == as_operator.json()["detail"]  # nothing tells which accounts exist


async def test_second_factors_are_keyed_and_bound_to_their_operator(admin_db, onboard_operator, operator_login):
    """A database copy yields no usable factor: recovery codes are keyed hashes, and an
    authenticator secret moved onto another operator's row does not open for them."""
    a = await onboard_operator(role="platform_support")
    b = await onboard_operator(role="platform_support")
    rows = await admin_db.fetch(
        "SELECT code_hash FROM identity.operator_recovery_codes WHERE operator_id = $1", uuid.UUID(a.id)
    )
    assert len(rows) == 10 and all(r["code_hash"].startswith("hmac1$") for r in rows)
    assert not any(code in r["code_hash"] for r in rows for code in a.recovery_codes)

    await admin_db.execute(
        "UPDATE identity.operators SET totp_secret_enc = (SELECT totp_secret_enc FROM identity.operators "
        "WHERE id = $1) WHERE id = $2",
        uuid.UUID(a.id),
        uuid.UUID(b.id),
    )
    with_as_code = await operator_login(b, totpCode=await a.fresh_totp())
    assert with_as_code.status_code == 401, with_as_code.text
    assert (await operator_login(b, recoveryCode=a.recovery_codes[0])).status_code == 401  # a's codes are a's


async def test_refresh_rotates_and_a_reused_refresh_token_ends_the_session(gateway, onboard_operator, operator_login):
    operator = await onboard_operator()
    first = await signed_in(operator_login, operator)
    second = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert second.status_code == 200, second.text
    assert claims_of(second.json()["accessToken"])["aud"] == claims_of(first["accessToken"])["aud"]
    reused = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": first["refreshToken"]})
    assert reused.status_code == 401
    after = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": second.json()["refreshToken"]})
    assert after.status_code == 401  # the whole family was revoked


async def test_logout_ends_the_session(gateway, onboard_operator, operator_login):
    operator = await onboard_operator(role="platform_support")
    session = await signed_in(operator_login, operator)
    out = await gateway.post(
        f"{SAAS}/auth/logout",
        json={"refreshToken": session["refreshToken"]},
        headers=bearer(session["accessToken"]),
    )
    assert out.status_code == 204
    assert (
        await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": session["refreshToken"]})
    ).status_code == 401


# --- who may do what ------------------------------------------------------------------------------


def operator_routes(operator_id: str, invitation_id: str) -> list[tuple[str, str, dict[str, Any] | None]]:
    return [
        ("GET", OPERATORS, None),
        ("GET", f"{OPERATORS}/{operator_id}", None),
        ("PUT", f"{OPERATORS}/{operator_id}", {"status": "suspended"}),
        ("GET", INVITATIONS, None),
        ("POST", INVITATIONS, {"email": new_operator_email(), "name": "Mallory", "role": "platform_admin"}),
        ("DELETE", f"{INVITATIONS}/{invitation_id}", None),
        ("POST", f"{SAAS}/auth/logout", {}),
        ("GET", f"{SAAS}/audit", None),
    ]


async def test_a_tenant_super_admin_gets_403_on_every_operator_route(
    platform, gateway, identity, onboard, login, onboard_operator, operator_login
):
    target = await onboard_operator()
    invitation = await bootstrap_operator(platform, new_operator_email("pending"), "Pending")
    admin = await onboard(f"t-{uuid.uuid4()}", role="super_admin", environment="prod")
    token = (await login(admin, totpCode=admin.totp())).json()["accessToken"]
    async with httpx.AsyncClient(base_url=platform.service_url("audit"), timeout=30) as audit:
        for method, path, body in operator_routes(target.id, invitation["invitationId"]):
            owner = audit if path.startswith(f"{SAAS}/audit") else identity
            for where, client in (("gateway", gateway), ("service", owner)):
                response = await client.request(method, path, json=body, headers=bearer(token))
                assert response.status_code == 403, (where, method, path, response.text)
    # and nothing changed
    operator_token = (await signed_in(operator_login, target))["accessToken"]
    state = await gateway.get(f"{OPERATORS}/{target.id}", headers=bearer(operator_token))
    assert state.json()["operator"]["status"] == "active"


async def test_an_operator_token_gets_403_on_tenant_routes(gateway, identity, onboard_operator, operator_login):
    operator = await onboard_operator()
    token = (await signed_in(operator_login, operator))["accessToken"]
    tenant_routes = [
        ("GET", "/api/v2/admin/users", None),
        ("GET", "/api/v2/admin/invitations", None),
        ("POST", "/api/v2/admin/invitations", {"email": new_operator_email(), "role": "super_admin"}),
        ("GET", "/api/v2/admin/profile", None),
        ("POST", "/api/v2/auth/mfa/totp/enroll", {}),
    ]
    for method, path, body in tenant_routes:
        for where, client in (("gateway", gateway), ("identity", identity)):
            response = await client.request(method, path, json=body, headers=bearer(token))
            assert response.status_code == 403, (where, method, path, response.text)


async def test_platform_support_reads_but_cannot_invite_or_change(gateway, identity, onboard_operator, operator_login):
    support = await onboard_operator(role="platform_support")
    other = await onboard_operator()
    token = (await signed_in(operator_login, support))["accessToken"]
    assert (await gateway.get(OPERATORS, headers=bearer(token))).status_code == 200
    assert (await gateway.get(INVITATIONS, headers=bearer(token))).status_code == 200
    for client in (gateway, identity):
        invite = await client.post(
            INVITATIONS,
            json={"email": new_operator_email(), "name": "Nope", "role": "platform_support"},
            headers=bearer(token),
        )
        assert invite.status_code == 403, invite.text
        change = await client.put(f"{OPERATORS}/{other.id}", json={"status": "suspended"}, headers=bearer(token))
        assert change.status_code == 403, change.text
        promote = await client.put(f"{OPERATORS}/{support.id}", json={"role": "platform_admin"}, headers=bearer(token))
        assert promote.status_code == 403, promote.text
    assert (await gateway.get(f"{OPERATORS}/{other.id}", headers=bearer(token))).json()["operator"][
        "status"
    ] == "active"


# --- operators invite and manage operators --------------------------------------------------------


async def test_an_admin_invites_another_operator_who_signs_in(gateway, inbox, onboard_operator, operator_login):
    admin = await onboard_operator()
    token = (await signed_in(operator_login, admin))["accessToken"]
    email = new_operator_email("invited")
    created = await gateway.post(
        INVITATIONS, json={"email": email, "name": "Ivy Invited", "role": "platform_support"}, headers=bearer(token)
    )
    assert created.status_code == 201, created.text
    invitation = created.json()["invitation"]
    assert (invitation["status"], invitation["role"], invitation["invitedBy"]) == (
        "pending",
        "platform_support",
        admin.id,
    )
    assert "token" not in invitation and "tokenHash" not in invitation  # the secret is only in the email
    duplicate = await gateway.post(
        INVITATIONS, json={"email": email, "name": "Ivy", "role": "platform_support"}, headers=bearer(token)
    )
    assert duplicate.status_code == 409

    mail = await inbox.wait_for(email)
    accepted = await gateway.post(
        ACCEPT, json={"token": token_from_email(mail), "password": OPERATOR_PASSWORD, "name": "Ivy I."}
    )
    assert accepted.status_code == 200, accepted.text
    invited = OnboardedOperator(
        id=accepted.json()["operator"]["id"],
        email=email,
        name="Ivy I.",
        role="platform_support",
        totp_secret=accepted.json()["mfa"]["secret"],
        recovery_codes=accepted.json()["mfa"]["recoveryCodes"],
    )
    session = await signed_in(operator_login, invited)
    assert claims_of(session["accessToken"])["role"] == "platform_support"
    assert session["operator"]["name"] == "Ivy I."
    already = await gateway.post(
        INVITATIONS, json={"email": email, "name": "Ivy", "role": "platform_admin"}, headers=bearer(token)
    )
    assert already.status_code == 409  # already an operator


async def test_a_revoked_invitation_cannot_be_accepted(platform, gateway, onboard_operator, operator_login):
    admin = await onboard_operator()
    token = (await signed_in(operator_login, admin))["accessToken"]
    pending = await bootstrap_operator(platform, new_operator_email("revoked"), "Rex Revoked")
    revoked = await gateway.delete(f"{INVITATIONS}/{pending['invitationId']}", headers=bearer(token))
    assert revoked.status_code == 200 and revoked.json()["invitation"]["status"] == "revoked"
    refused = await gateway.post(ACCEPT, json={"token": pending["token"], "password": OPERATOR_PASSWORD})
    assert refused.status_code == 404
    again = await gateway.delete(f"{INVITATIONS}/{pending['invitationId']}", headers=bearer(token))
    assert again.status_code == 409


async def test_nobody_changes_their_own_role_or_status(gateway, onboard_operator, operator_login):
    admin = await onboard_operator()
    token = (await signed_in(operator_login, admin))["accessToken"]
    for change in ({"role": "platform_support"}, {"status": "suspended"}):
        response = await gateway.put(f"{OPERATORS}/{admin.id}", json=change, headers=bearer(token))
        assert response.status_code == 403, response.text
    renamed = await gateway.put(f"{OPERATORS}/{admin.id}", json={"name": "Ada Admin"}, headers=bearer(token))
    assert renamed.status_code == 200 and renamed.json()["operator"]["name"] == "Ada Admin"
    current = (await gateway.get(f"{OPERATORS}/{admin.id}", headers=bearer(token))).json()["operator"]
    assert (current["role"], current["status"]) == ("platform_admin", "active")


async def test_suspension_ends_the_operators_sessions_until_reactivated(gateway, onboard_operator, operator_login):
    admin = await onboard_operator()
    other = await onboard_operator(role="platform_support")
    token = (await signed_in(operator_login, admin))["accessToken"]
    others_session = await signed_in(operator_login, other)

    suspended = await gateway.put(f"{OPERATORS}/{other.id}", json={"status": "suspended"}, headers=bearer(token))
    assert suspended.status_code == 200 and suspended.json()["operator"]["status"] == "suspended"
    refresh = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": others_session["refreshToken"]})
    assert refresh.status_code == 401
    assert (await operator_login(other)).status_code == 401  # with the right password and code

    reactivated = await gateway.put(f"{OPERATORS}/{other.id}", json={"status": "active"}, headers=bearer(token))
    assert reactivated.status_code == 200
    assert (await operator_login(other)).status_code == 200


async def test_a_suspended_or_demoted_operators_access_token_is_refused_at_once(
    gateway, identity, onboard_operator, operator_login
):
    """Not only the refresh token: the access token in hand stops working (a revoked token id),
    through the gateway and directly on the service, within the revocation cache's half second."""
    admin = await onboard_operator()
    token = (await signed_in(operator_login, admin))["accessToken"]
    for change in ({"status": "suspended"}, {"role": "platform_support"}):
        other = await onboard_operator()
        others_token = (await signed_in(operator_login, other))["accessToken"]
        assert (await gateway.get(OPERATORS, headers=bearer(others_token))).status_code == 200
        changed = await gateway.put(f"{OPERATORS}/{other.id}", json=change, headers=bearer(token))
        assert changed.status_code == 200, changed.text

        async def refused_everywhere(held: str = others_token) -> list[int]:
            return [(await c.get(OPERATORS, headers=bearer(held))).status_code for c in (gateway, identity)]

        statuses = await eventually(
            refused_everywhere, until=lambda found: found == [401, 401], timeout=1.5, interval=0.1, what=str(change)
        )
        assert statuses == [401, 401]


async def test_a_role_change_ends_sessions_and_the_new_token_carries_the_new_role(
    gateway, onboard_operator, operator_login
):
    admin = await onboard_operator()
    other = await onboard_operator()
    token = (await signed_in(operator_login, admin))["accessToken"]
    others_session = await signed_in(operator_login, other)
    demoted = await gateway.put(f"{OPERATORS}/{other.id}", json={"role": "platform_support"}, headers=bearer(token))
    assert demoted.status_code == 200 and demoted.json()["operator"]["role"] == "platform_support"
    refresh = await gateway.post(f"{SAAS}/auth/refresh", json={"refreshToken": others_session["refreshToken"]})
    assert refresh.status_code == 401
    assert claims_of((await signed_in(operator_login, other))["accessToken"])["role"] == "platform_support"


async def test_a_demoted_admins_old_token_manages_no_one(gateway, onboard_operator, operator_login, make_token):
    """A demoted admin's token is revoked at once; and should a token naming them with the old role
    still be valid anywhere (a mark lost with Redis, say), operator changes re-check the requester's
    account as it is now, not as the token says."""
    a = await onboard_operator()
    b = await onboard_operator()
    a_token = (await signed_in(operator_login, a))["accessToken"]
    b_token = (await signed_in(operator_login, b))["accessToken"]
    demoted = await gateway.put(f"{OPERATORS}/{b.id}", json={"role": "platform_support"}, headers=bearer(a_token))
    assert demoted.status_code == 200

    back = await gateway.put(f"{OPERATORS}/{a.id}", json={"status": "suspended"}, headers=bearer(b_token))
    assert back.status_code == 401, back.text  # the token in hand was revoked
    stale = make_token(kind="operator", role="platform_admin", subject=b.id, email=b.email)
    back = await gateway.put(f"{OPERATORS}/{a.id}", json={"status": "suspended"}, headers=bearer(stale))
    assert back.status_code == 403, back.text
    invite = await gateway.post(
        INVITATIONS,
        json={"email": new_operator_email(), "name": "Sneaky", "role": "platform_admin"},
        headers=bearer(stale),
    )
    assert invite.status_code == 403, invite.text
    assert (await gateway.get(f"{OPERATORS}/{a.id}", headers=bearer(a_token))).json()["operator"]["status"] == "active"


async def test_two_admins_removing_each_other_at_once_leave_one_admin(gateway, onboard_operator, operator_login):
    """The last-admin rule under concurrency: changes run one at a time, and each re-checks its
    requester, so of two platform_admins suspending (or demoting) each other at once exactly one wins."""
    for change in ({"status": "suspended"}, {"role": "platform_support"}):
        a = await onboard_operator()
        b = await onboard_operator()
        a_token = (await signed_in(operator_login, a))["accessToken"]
        b_token = (await signed_in(operator_login, b))["accessToken"]
        a_removes_b, b_removes_a = await asyncio.gather(
            gateway.put(f"{OPERATORS}/{b.id}", json=change, headers=bearer(a_token)),
            gateway.put(f"{OPERATORS}/{a.id}", json=change, headers=bearer(b_token)),
        )
        # The loser is refused by the requester re-check (403), or already by its revoked token (401).
        outcomes = sorted([a_removes_b.status_code, b_removes_a.status_code])
        assert outcomes in ([200, 401], [200, 403]), (a_removes_b.text, b_removes_a.text)
        winner = a_token if a_removes_b.status_code == 200 else b_token
        states = [(await gateway.get(f"{OPERATORS}/{o.id}", headers=bearer(winner))).json()["operator"] for o in (a, b)]
        assert sum(s["role"] == "platform_admin" and s["status"] == "active" for s in states) == 1


async def test_bad_input_is_a_problem_with_field_errors(gateway, onboard_operator, operator_login):
    admin = await onboard_operator()
    token = (await signed_in(operator_login, admin))["accessToken"]
    response = await gateway.post(
        INVITATIONS, json={"email": "not-an-email", "name": "", "role": "super_admin"}, headers=bearer(token)
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"email", "name", "role"} <= fields
    weak = await gateway.post(ACCEPT, json={"token": "x" * 64, "password": "short"})
    assert weak.status_code == 422 and "password" in {e["field"] for e in weak.json()["errors"]}
    missing = await gateway.put(f"{OPERATORS}/{uuid.uuid4()}", json={"status": "suspended"}, headers=bearer(token))
    assert missing.status_code == 404


# --- the platform audit stream --------------------------------------------------------------------


async def test_operator_actions_are_in_the_platform_stream_and_in_no_tenants_log(
    gateway, admin_db, onboard_operator, operator_login, make_token
):
    admin = await onboard_operator()
    other = await onboard_operator(role="platform_support")
    token = (await signed_in(operator_login, admin))["accessToken"]
    invited = await gateway.post(
        INVITATIONS,
        json={"email": new_operator_email(), "name": "Audited", "role": "platform_support"},
        headers=bearer(token),
    )
    assert invited.status_code == 201
    assert (
        await gateway.put(f"{OPERATORS}/{other.id}", json={"role": "platform_admin"}, headers=bearer(token))
    ).status_code == 200
    assert (
        await gateway.put(f"{OPERATORS}/{other.id}", json={"status": "suspended"}, headers=bearer(token))
    ).status_code == 200

    wanted = {"operator.accept", "auth.login", "operator.invite", "operator.role_change", "operator.suspend"}
    entries = await eventually(
        lambda: platform_actions(gateway, token, admin.id),
        until=lambda found: wanted <= {e["action"] for e in found},
        what="the admin's actions in the platform stream",
    )
    for entry in entries:
        assert entry["actor"]["type"] == "operator" and entry["actor"]["id"] == admin.id
    change = next(e for e in entries if e["action"] == "operator.role_change")
    assert change["resourceId"] == other.id
    assert (change["details"]["previousRole"], change["details"]["newRole"]) == ("platform_support", "platform_admin")

    # stored in the platform stream only: no tenant's log holds any of them
    tenants = await admin_db.fetch("SELECT DISTINCT tenant_id FROM audit.audit_log WHERE actor_id = $1", admin.id)
    assert [r["tenant_id"] for r in tenants] == ["platform"]
    auditor = make_token(role="auditor", tenant_id=f"t-{uuid.uuid4()}")
    tenant_log = await gateway.get("/api/v2/admin/audit", params={"actor": admin.id}, headers=bearer(auditor))
    assert tenant_log.status_code == 200 and tenant_log.json()["entries"] == []
    # and a tenant's auditor cannot reach the platform stream at all
    assert (await gateway.get(f"{SAAS}/audit", headers=bearer(auditor))).status_code == 403
