"""Test support for anyone who needs real administrators: onboarding through the real invite → email
→ accept flow, and login. Used by identity's tests and the platform's end-to-end tests (pytest fixtures).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import unquote

import pyotp
import pytest
import pytest_asyncio
import redis.asyncio as aioredis

from radiant_platform.testing import bearer

PASSWORD = "correct horse battery staple"


@dataclass
class Onboarded:
    id: str
    email: str
    tenant_id: str
    environment: str
    role: str
    accept_body: dict
    totp_secret: str | None = None
    recovery_codes: list[str] | None = None

    def totp(self) -> str:
        assert self.totp_secret
        return pyotp.TOTP(self.totp_secret).now()


def new_tenant() -> str:
    return f"t-{uuid.uuid4()}"


def new_email(prefix: str = "admin") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:12]}@example.com"


def token_from_email(message: dict) -> str:
    match = re.search(r"accept-invitation\?token=([A-Za-z0-9_\-%]+)", message["text"])
    assert match, message["text"]
    return unquote(match.group(1))


@pytest_asyncio.fixture(autouse=True)
async def _forget_loopback_login_failures(stack):
    """Every test request reaches identity from 127.0.0.1; earlier runs' failed logins must not lock it out."""
    client = aioredis.from_url(stack["REDIS_URL"])
    keys = [k async for k in client.scan_iter("identity:login:*:ip:127.0.0.1")]
    if keys:
        await client.delete(*keys)
    await client.aclose()
    yield


@pytest.fixture
def invite(gateway, inbox, make_token):
    """Create an invitation as a super_admin of `tenant_id` and return (response, token from the email)."""

    async def _invite(tenant_id: str, email: str, *, role: str = "operator", environment: str = "dev",
                      message: str | None = None, inviter_token: str | None = None):
        token = inviter_token or make_token(role="super_admin", tenant_id=tenant_id, environment=environment)
        body = {"email": email, "role": role}
        if message is not None:
            body["message"] = message
        response = await gateway.post("/api/v2/admin/invitations", json=body, headers=bearer(token))
        assert response.status_code == 201, response.text
        mail = await inbox.wait_for(email)
        return response.json()["invitation"], token_from_email(mail), mail

    return _invite


@pytest.fixture
def onboard(gateway, invite):
    """Invite and accept: a real administrator in `tenant_id`."""

    async def _onboard(tenant_id: str, *, role: str = "operator", environment: str = "dev",
                       email: str | None = None) -> Onboarded:
        email = email or new_email(role)
        invitation, token, _ = await invite(tenant_id, email, role=role, environment=environment)
        body = {"token": token, "firstName": "Ada", "lastName": "Lovelace", "password": PASSWORD}
        response = await gateway.post("/api/v2/admin/invitations/accept", json=body)
        assert response.status_code == 200, response.text
        data = response.json()
        mfa = data.get("mfa") or {}
        return Onboarded(id=data["adminUser"]["id"], email=email, tenant_id=tenant_id, environment=environment,
                         role=role, accept_body=body, totp_secret=mfa.get("secret"),
                         recovery_codes=mfa.get("recoveryCodes"))

    return _onboard


@pytest.fixture
def login(gateway):
    async def _login(admin: Onboarded, **extra):
        body = {"email": admin.email, "password": PASSWORD, **extra}
        return await gateway.post("/api/v2/auth/login", json=body)

    return _login
