"""Factor changes and step-up (issue 12 #11, #12): replacing or adding a second factor, or replacing
recovery codes, needs the current factor in the request itself — whatever it is: an authenticator
code, an emailed code or a recovery code — so a stolen access token cannot re-point MFA; each change
is told to its owner by email and in-app. `POST /auth/step-up` proves a fresh factor for decisions
that want one (approvals in prod).
"""

from __future__ import annotations

import hashlib
import re
import time
import uuid

import httpx
import pyotp

from radiant_testing import bearer, eventually, service_db
from radiant_testing.inbox import Inbox, Message
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant

ENROL = "/api/v2/auth/mfa/totp/enroll"
VERIFY = "/api/v2/auth/mfa/totp/verify"
RECOVERY = "/api/v2/auth/mfa/recovery-codes"
STEP_UP = "/api/v2/auth/step-up"
LOGIN = "/api/v2/auth/login"
APPROVALS = "/api/v2/admin/approvals"


async def _new_mail(inbox: Inbox, to: str, subject_contains: str, seen: set[str]) -> Message:
    """The first message to `to` about `subject_contains` that this test has not read yet."""

    async def unread() -> Message | None:
        for message in await inbox.messages():
            addressed = to in [a.get("address") for a in message.get("to", [])]
            if addressed and subject_contains in message.get("subject", "") and message["id"] not in seen:
                return message
        return None

    message: Message = await eventually(unread, what=f"a new email to {to} about {subject_contains!r}")
    seen.add(message["id"])
    return message


def _code(mail: Message) -> str:
    match = re.search(r"\b(\d{6})\b", mail["text"])
    assert match, mail["text"]
    return match.group(1)


async def _email_mfa_admin(gateway: httpx.AsyncClient, invite, inbox: Inbox, seen: set[str]) -> tuple[str, str]:
    """A prod administrator whose second factor is emailed codes, signed in: (email, access token)."""
    email = new_email("emailmfa")
    _, token, _ = await invite(new_tenant(), email, role="admin", environment="prod")
    accepted = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={"token": token, "firstName": "Em", "lastName": "Ail", "password": PASSWORD, "mfaMethod": "email"},
    )
    assert accepted.status_code == 200, accepted.text
    asked = await gateway.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert asked.status_code == 401 and asked.json()["mfaMethod"] == "email"
    code = _code(await _new_mail(inbox, email, "sign-in code", seen))
    signed_in = await gateway.post(LOGIN, json={"email": email, "password": PASSWORD, "totpCode": code})
    assert signed_in.status_code == 200, signed_in.text
    return email, signed_in.json()["accessToken"]


async def test_enrolling_an_authenticator_over_email_mfa_needs_the_emailed_code(gateway, invite, inbox):
    seen: set[str] = set()
    email, access = await _email_mfa_admin(gateway, invite, inbox, seen)

    # A stolen access token alone cannot put the thief's authenticator on the account.
    refused = await gateway.post(ENROL, headers=bearer(access))
    assert refused.status_code == 403, refused.text
    assert refused.json()["mfaMethod"] == "email" and refused.json()["codeSent"] is True
    wrong = await gateway.post(ENROL, json={"currentCode": "000000"}, headers=bearer(access))
    assert wrong.status_code == 403 and [e["field"] for e in wrong.json()["errors"]] == ["currentCode"]

    # The owner, who reads their mail, can.
    code = _code(await _new_mail(inbox, email, "verification code", seen))
    started = await gateway.post(ENROL, json={"currentCode": code}, headers=bearer(access))
    assert started.status_code == 200, started.text
    secret = started.json()["secret"]
    verified = await gateway.post(VERIFY, json={"code": pyotp.TOTP(secret).now()}, headers=bearer(access))
    assert verified.status_code == 200, verified.text

    # Told by email and in the app; and from now on the authenticator is the factor.
    notice = await _new_mail(inbox, email, "second factor", seen)
    assert "authenticator" in notice["text"]
    # The enrolment ended the sessions from before it (test_identity_session_end): sign in with the new factor.
    assert (await gateway.get("/api/v2/me", headers=bearer(access))).status_code == 401
    recovery = verified.json()["recoveryCodes"][0]
    again = await gateway.post(LOGIN, json={"email": email, "password": PASSWORD, "recoveryCode": recovery})
    assert again.status_code == 200, again.text
    fresh = bearer(again.json()["accessToken"])
    notes = (await gateway.get("/api/v2/admin/notifications", headers=fresh)).json()["notifications"]
    assert any(n["type"] == "security" and "factor" in n["title"].lower() for n in notes), notes
    login = await gateway.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert login.status_code == 401 and login.json()["mfaMethod"] == "authenticator"


async def test_replacing_recovery_codes_needs_a_current_code_and_is_notified(gateway, onboard, login, inbox):
    admin = await onboard(new_tenant(), role="admin", environment="prod")
    assert admin.recovery_codes
    signed_in = await login(admin, recoveryCode=admin.recovery_codes[0])
    access = signed_in.json()["accessToken"]

    refused = await gateway.post(RECOVERY, headers=bearer(access))
    assert refused.status_code == 403, refused.text
    assert refused.json()["mfaMethod"] == "authenticator"

    replaced = await gateway.post(RECOVERY, json={"currentCode": admin.totp()}, headers=bearer(access))
    assert replaced.status_code == 200, replaced.text
    fresh = replaced.json()["recoveryCodes"]
    assert len(fresh) == 10 and not set(fresh) & set(admin.recovery_codes)
    notice = await inbox.wait_for(admin.email, subject_contains="second factor")
    assert "recovery codes" in notice["text"]
    old = await login(admin, recoveryCode=admin.recovery_codes[1])
    assert old.status_code == 401  # the previous codes ended with the replacement


async def test_wrong_codes_while_signed_in_are_throttled(gateway, onboard, login):
    admin = await onboard(new_tenant(), role="admin", environment="prod")
    access = (await login(admin, totpCode=admin.totp())).json()["accessToken"]
    for _ in range(5):
        wrong = await gateway.post(STEP_UP, json={"code": "000000"}, headers=bearer(access))
        assert wrong.status_code == 403, wrong.text
    throttled = await gateway.post(STEP_UP, json={"code": _other_code(admin.totp_secret)}, headers=bearer(access))
    assert throttled.status_code == 429 and int(throttled.headers["retry-after"]) > 0


def _other_code(secret: str | None) -> str:
    """A valid authenticator code that the sign-in did not already use (the next 30-second step)."""
    assert secret
    return pyotp.TOTP(secret).at(time.time() + 30)


async def test_after_a_step_up_a_prod_decision_is_allowed(gateway, onboard, make_token, platform):
    tenant = new_tenant()
    approver = await onboard(tenant, role="super_admin", environment="prod")
    requester = bearer(make_token(role="admin", tenant_id=tenant, environment="prod", subject=str(uuid.uuid4())))
    created = await gateway.post(
        APPROVALS,
        json={
            "type": "deployment",
            "action": "deploy",
            "resourceType": "agent",
            "resourceId": str(uuid.uuid4()),
            "details": {"version": "2.4.0"},
        },
        headers=requester,
    )
    assert created.status_code == 201, created.text
    approval_id = created.json()["approval"]["id"]

    # The approver signed in an hour ago: their second factor is stale for a decision.
    stale = make_token(
        role="super_admin", tenant_id=tenant, environment="prod", subject=approver.id, mfa_time=int(time.time()) - 3600
    )
    decide = {"action": "approve"}
    refused = await gateway.post(f"{APPROVALS}/{approval_id}/process", json=decide, headers=bearer(stale))
    assert refused.status_code == 403 and refused.json()["stepUpRequired"] is True

    stepped = await gateway.post(STEP_UP, json={"code": approver.totp()}, headers=bearer(stale))
    assert stepped.status_code == 200, stepped.text
    fresh = stepped.json()["accessToken"]
    me = (await gateway.get("/api/v2/me", headers=bearer(fresh))).json()
    assert me["id"] == approver.id and "otp" in me["amr"]
    allowed = await gateway.post(f"{APPROVALS}/{approval_id}/process", json=decide, headers=bearer(fresh))
    assert allowed.status_code == 200, allowed.text


async def test_a_step_up_for_an_email_mfa_admin_mails_a_code(gateway, invite, inbox):
    seen: set[str] = set()
    email, access = await _email_mfa_admin(gateway, invite, inbox, seen)
    asked = await gateway.post(STEP_UP, json={}, headers=bearer(access))
    assert asked.status_code == 403 and asked.json()["codeSent"] is True
    code = _code(await _new_mail(inbox, email, "verification code", seen))
    stepped = await gateway.post(STEP_UP, json={"code": code}, headers=bearer(access))
    assert stepped.status_code == 200, stepped.text
    again = await gateway.post(STEP_UP, json={"code": code}, headers=bearer(access))
    assert again.status_code == 403  # an emailed code is good once


async def test_recovery_codes_are_stored_keyed_per_administrator(platform, onboard):
    admin = await onboard(new_tenant(), environment="prod")
    assert admin.recovery_codes
    async with service_db(platform, "identity") as db:
        stored = [
            r["code_hash"]
            for r in await db.fetch("SELECT code_hash FROM mfa_recovery_codes WHERE admin_id = $1", uuid.UUID(admin.id))
        ]
        sealed = await db.fetchval("SELECT totp_secret_enc FROM administrators WHERE id = $1", uuid.UUID(admin.id))
    assert len(stored) == 10
    unkeyed = {hashlib.sha256(code.encode()).hexdigest() for code in admin.recovery_codes}
    assert not unkeyed & set(stored) and all(h.startswith("hmac1$") for h in stored)
    assert sealed.startswith("v2$")  # sealed with a key version, bound to the administrator
