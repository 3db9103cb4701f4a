"""Real administrators for tests: onboarded through identity's own invite → email → accept flow, and
logged in — over HTTP (the gateway), SMTP (the inbox) and Redis only.

Not registered by the plugin (its autouse fixture would reach for the stack in every unit test):
a suite that needs administrators imports the fixtures in its `conftest.py`:

    from radiant_testing.onboarding import forget_loopback_login_failures, invite, login, onboard  # noqa: F401
"""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

import httpx
import pyotp
import pytest
import pytest_asyncio
import redis.asyncio as aioredis

from radiant_testing.inbox import Inbox, Message
from radiant_testing.polling import eventually
from radiant_testing.stack import StackEnv
from radiant_testing.tokens import TokenFactory, bearer

PASSWORD = "correct horse battery staple"
# Identity counts failed logins per client address under these keys; every test request comes from
# loopback, so one test's deliberate failures would lock out the next.
LOOPBACK_LOGIN_FAILURE_KEYS = "identity:login:*:ip:127.0.0.1"

Invite = Callable[..., Awaitable[tuple[dict[str, Any], str, Message]]]


@dataclass
class Onboarded:
    id: str
    email: str
    tenant_id: str
    environment: str
    role: str
    accept_body: dict[str, Any]
    totp_secret: str | None = None
    recovery_codes: list[str] | None = None

    def totp(self) -> str:
        assert self.totp_secret
        return pyotp.TOTP(self.totp_secret).now()


Onboard = Callable[..., Awaitable[Onboarded]]
Login = Callable[..., Awaitable[httpx.Response]]


def new_tenant() -> str:
    return f"t-{uuid.uuid4()}"


def new_email(prefix: str = "admin") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def token_from_email(message: Message) -> str:
    match = re.search(r"accept-invitation\?token=([A-Za-z0-9_\-%]+)", message["text"])
    assert match, message["text"]
    return unquote(match.group(1))


@pytest_asyncio.fixture(autouse=True)
async def forget_loopback_login_failures(stack: StackEnv) -> AsyncIterator[None]:
    """Every test request reaches identity from 127.0.0.1; earlier runs' failed logins must not lock it out."""
    client = aioredis.from_url(stack["REDIS_URL"])
    keys = [k async for k in client.scan_iter(LOOPBACK_LOGIN_FAILURE_KEYS)]
    if keys:
        await client.delete(*keys)
    await client.aclose()
    yield


async def _approve_as_another_super_admin(
    gateway: httpx.AsyncClient, make_token: TokenFactory, tenant_id: str, environment: str, approval_id: str
) -> None:
    """In prod a privileged invitation waits for a second administrator: one approves it (with a fresh
    second factor, as a decision needs) and identity issues the invitation once it executes."""
    approver = bearer(
        make_token(role="super_admin", tenant_id=tenant_id, environment=environment, mfa_time=int(time.time()))
    )
    decided = await gateway.post(
        f"/api/v2/admin/approvals/{approval_id}/process", json={"action": "approve"}, headers=approver
    )
    assert decided.status_code == 200, decided.text

    async def execution() -> dict[str, Any]:
        response = await gateway.get(f"/api/v2/admin/approvals/{approval_id}", headers=approver)
        return response.json()["approval"]["execution"] or {}

    done = await eventually(execution, until=lambda e: e.get("status") in ("executed", "failed"), what="execution")
    assert done["status"] == "executed", f"the approved invitation was not issued: {done}"


@pytest.fixture
def invite(gateway: httpx.AsyncClient, inbox: Inbox, make_token: TokenFactory) -> Invite:
    """Create an invitation as a super_admin of `tenant_id` and return (invitation, token from the email, email).

    A prod invitation to `super_admin` or `admin` in a tenant that has a super_admin waits for approval
    (202): `inviter_token` must then be a real administrator's (identity re-checks the requester when
    it executes), and another super_admin approves it here before the email is awaited.
    """

    async def _invite(
        tenant_id: str,
        email: str,
        *,
        role: str = "operator",
        environment: str = "dev",
        message: str | None = None,
        inviter_token: str | None = None,
    ) -> tuple[dict[str, Any], str, Message]:
        token = inviter_token or make_token(role="super_admin", tenant_id=tenant_id, environment=environment)
        body = {"email": email, "role": role}
        if message is not None:
            body["message"] = message
        response = await gateway.post("/api/v2/admin/invitations", json=body, headers=bearer(token))
        if response.status_code == 202:
            pending = response.json()["pendingApproval"]
            await _approve_as_another_super_admin(gateway, make_token, tenant_id, environment, pending["id"])
            mail = await inbox.wait_for(email)
            listed = await gateway.get("/api/v2/admin/invitations?status=pending", headers=bearer(token))
            [invitation] = [i for i in listed.json()["invitations"] if i["email"] == email]
            return invitation, token_from_email(mail), mail
        assert response.status_code == 201, response.text
        mail = await inbox.wait_for(email)
        return response.json()["invitation"], token_from_email(mail), mail

    return _invite


PRIVILEGED_ROLES = ("super_admin", "admin")


@pytest.fixture
def onboard(gateway: httpx.AsyncClient, invite: Invite, make_token: TokenFactory) -> Onboard:
    """Invite and accept: a real administrator in `tenant_id`.

    A tenant's first prod super_admin is invited directly (nobody could approve yet); every later
    prod super_admin or admin is invited by that first one and approved by another (issue 12 #4)."""
    first_super_admins: dict[tuple[str, str], Onboarded] = {}

    async def _onboard(
        tenant_id: str, *, role: str = "operator", environment: str = "dev", email: str | None = None
    ) -> Onboarded:
        email = email or new_email(role)
        root = first_super_admins.get((tenant_id, environment))
        inviter_token = None
        if root is not None and environment == "prod" and role in PRIVILEGED_ROLES:
            inviter_token = make_token(
                role="super_admin", tenant_id=tenant_id, environment=environment, subject=root.id
            )
        _, token, _ = await invite(tenant_id, email, role=role, environment=environment, inviter_token=inviter_token)
        body = {"token": token, "firstName": "Ada", "lastName": "Lovelace", "password": PASSWORD}
        response = await gateway.post("/api/v2/admin/invitations/accept", json=body)
        assert response.status_code == 200, response.text
        data = response.json()
        mfa = data.get("mfa") or {}
        onboarded = Onboarded(
            id=data["adminUser"]["id"],
            email=email,
            tenant_id=tenant_id,
            environment=environment,
            role=role,
            accept_body=body,
            totp_secret=mfa.get("secret"),
            recovery_codes=mfa.get("recoveryCodes"),
        )
        if role == "super_admin":
            first_super_admins.setdefault((tenant_id, environment), onboarded)
        return onboarded

    return _onboard


@pytest.fixture
def login(gateway: httpx.AsyncClient) -> Login:
    async def _login(admin: Onboarded, **extra: Any) -> httpx.Response:
        body = {"email": admin.email, "password": PASSWORD, **extra}
        return await gateway.post("/api/v2/auth/login", json=body)

    return _login
