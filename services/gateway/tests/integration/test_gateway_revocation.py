"""The gateway's own token check refuses what the platform revoked — a suspended tenant's tokens, a
revoked token, writes in a read-only session — before forwarding: a gateway instance of our own,
whose billing upstream is a stub that would accept anything, against the real Redis and identity's JWKS."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest_asyncio
import redis.asyncio as aioredis
from aiohttp import web

from radiant_gateway.config import Settings
from radiant_gateway.main import create_service_app
from radiant_platform.revocation import mark_tenant_reactivated, mark_tenant_suspended, revoke_token
from radiant_testing import bearer, eventually


@dataclass
class Upstream:
    url: str
    seen: list[str] = field(default_factory=list)


@pytest_asyncio.fixture
async def accepting_billing() -> AsyncIterator[Upstream]:
    """A stand-in for the billing service that answers 200 to anything it is sent."""
    upstream = Upstream(url="")

    async def anything(request: web.Request) -> web.Response:
        upstream.seen.append(f"{request.method} {request.path}")
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", anything)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    upstream.url = f"http://127.0.0.1:{port}"
    try:
        yield upstream
    finally:
        await runner.cleanup()


@pytest_asyncio.fixture
async def gateway_before_stub(platform, accepting_billing, monkeypatch) -> AsyncIterator[httpx.AsyncClient]:
    monkeypatch.setenv("BILLING_URL", accepting_billing.url)
    app = create_service_app(Settings())
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(f"10.8.{uuid.uuid4().int % 250}.1", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


@pytest_asyncio.fixture
async def redis_client(platform) -> AsyncIterator[aioredis.Redis]:
    client = aioredis.from_url(platform["REDIS_URL"])
    yield client
    await client.aclose()


async def test_a_suspended_tenants_token_is_refused_at_the_gateway(
    gateway_before_stub, accepting_billing, redis_client, make_token
):
    tenant = f"t-{uuid.uuid4()}"
    token = bearer(make_token(role="admin", tenant_id=tenant))
    assert (await gateway_before_stub.get("/api/v2/billing/settings", headers=token)).status_code == 200

    await mark_tenant_suspended(redis_client, tenant, time.time())
    refused = await eventually(
        lambda: gateway_before_stub.get("/api/v2/billing/settings", headers=token),
        until=lambda r: r.status_code == 403,
        timeout=1.0,
        interval=0.05,
        what="the gateway refusing the suspended tenant's token",
    )
    assert refused.json()["type"] == "urn:radiant:problem:tenant-suspended" and refused.json()["tenantId"] == tenant
    refused_at = len(accepting_billing.seen)
    assert (await gateway_before_stub.get("/api/v2/billing/settings", headers=token)).status_code == 403
    assert len(accepting_billing.seen) == refused_at  # refused at the edge: nothing forwarded any more

    # Reactivated: the old token stays refused; a token issued now is accepted.
    await mark_tenant_reactivated(redis_client, tenant, time.time(), keep_seconds=60)
    await eventually(
        lambda: gateway_before_stub.get("/api/v2/billing/settings", headers=token),
        until=lambda r: r.status_code == 401,
        timeout=2,
    )
    fresh = bearer(make_token(role="admin", tenant_id=tenant, iat=time.time()))
    assert (await gateway_before_stub.get("/api/v2/billing/settings", headers=fresh)).status_code == 200


async def test_a_revoked_token_and_a_read_only_sessions_writes_are_refused_at_the_gateway(
    gateway_before_stub, accepting_billing, redis_client, make_token
):
    tenant = f"t-{uuid.uuid4()}"
    jti = str(uuid.uuid4())
    read_only = make_token(role="super_admin", tenant_id=tenant, jti=jti, act={"sub": "op-1"}, read_only=True)
    assert (await gateway_before_stub.get("/api/v2/billing/settings", headers=bearer(read_only))).status_code == 200
    for method, path in (("PUT", "/api/v2/billing/settings"), ("POST", "/api/v2/billing/generate")):
        response = await gateway_before_stub.request(method, path, headers=bearer(read_only), json={})
        assert response.status_code == 403, (method, path)
        assert response.json()["type"] == "urn:radiant:problem:read-only-session"
    assert not any(s.startswith(("PUT", "POST")) for s in accepting_billing.seen)  # nothing was forwarded

    await revoke_token(redis_client, jti, expires_at=time.time() + 900)
    revoked = await eventually(
        lambda: gateway_before_stub.get("/api/v2/billing/settings", headers=bearer(read_only)),
        until=lambda r: r.status_code == 401,
        timeout=1.0,
        interval=0.05,
    )
    assert revoked.json()["detail"] == "This token was revoked"


async def test_a_tenant_token_naming_the_platform_tenant_is_refused_at_the_gateway(
    gateway_before_stub, accepting_billing, make_token
):
    # `platform` is the operators' audit stream, never a tenant: a tenant token claiming it is forged
    # or a bug, and reaches no service (signed with identity's real key, so only the claim is wrong).
    forged = bearer(make_token(role="super_admin", tenant_id="platform"))
    refused = await gateway_before_stub.get("/api/v2/billing/settings", headers=forged)
    assert refused.status_code == 401 and "platform" in refused.json()["detail"]
    assert accepting_billing.seen == []  # refused at the edge, never forwarded
    real = bearer(make_token(role="super_admin", tenant_id=f"t-{uuid.uuid4()}"))
    assert (await gateway_before_stub.get("/api/v2/billing/settings", headers=real)).status_code == 200
