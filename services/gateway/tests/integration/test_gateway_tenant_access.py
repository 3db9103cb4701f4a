"""A tenant's IP allow-list at the edge names the client by the gateway's trusted-proxy rule: behind a
proxy the gateway trusts, the address that proxy forwarded; from anyone else, the peer itself — a
gateway instance of our own, trusting one proxy network, in front of the real stack."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import httpx
import pytest_asyncio

from radiant_gateway.config import Settings
from radiant_gateway.main import create_service_app
from radiant_testing import bearer, eventually

SETTINGS = "/api/v2/admin/settings"
PROXY = "10.77.0.5"  # inside the trusted network below


@pytest_asyncio.fixture
async def behind_proxy(platform) -> AsyncIterator[Callable[[str], AsyncIterator[httpx.AsyncClient]]]:
    """`client_from(peer)`: a client of a gateway that trusts 10.77.0.0/16's X-Forwarded-For."""
    app = create_service_app(Settings(trusted_proxies=["10.77.0.0/16"]))
    async with app.router.lifespan_context(app):

        @asynccontextmanager
        async def client_from(peer: str) -> AsyncIterator[httpx.AsyncClient]:
            transport = httpx.ASGITransport(app=app, client=(peer, 5000))
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
                yield client

        yield client_from


async def test_the_allow_list_judges_the_address_the_trusted_proxy_forwarded(gateway, behind_proxy, make_token):
    tenant = f"t-{uuid.uuid4()}"
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    saved = await gateway.put(
        SETTINGS, json={"security": {"ipAllowList": ["127.0.0.1/32", "203.0.113.0/24"]}}, headers=admin
    )
    assert saved.status_code == 200, saved.text

    async with behind_proxy(PROXY) as via_proxy, behind_proxy("192.0.2.50") as direct:

        async def forwarded_for(address: str) -> httpx.Response:
            return await via_proxy.get(SETTINGS, headers={**admin, "X-Forwarded-For": address})

        refused = await eventually(
            lambda: forwarded_for("198.51.100.7"), until=lambda r: r.status_code == 403, what="the allow-list"
        )
        assert refused.json()["type"] == "urn:radiant:problem:ip-not-allowed"
        assert refused.json()["clientIp"] == "198.51.100.7"  # the client the proxy names, not the proxy
        allowed = await forwarded_for("203.0.113.9")
        assert allowed.status_code == 200, allowed.text

        # Without a forwarded address the proxy itself is the client, and it is not on the list.
        alone = await via_proxy.get(SETTINGS, headers=admin)
        assert alone.status_code == 403 and alone.json()["clientIp"] == PROXY
        # A peer the gateway does not trust is the client, whatever it says it forwards.
        spoofed = await direct.get(SETTINGS, headers={**admin, "X-Forwarded-For": "203.0.113.9"})
        assert spoofed.status_code == 403 and spoofed.json()["clientIp"] == "192.0.2.50"
