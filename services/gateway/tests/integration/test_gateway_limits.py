"""The gateway's own bounds (issue 12 #5 and Low), with a gateway instance of our own against the real
Redis and services: bodies over the route's limit (declared or chunked) are refused before they are
read or forwarded, a 405 names the allowed methods, and invalid tokens spend the client address's
allowance like any unauthenticated call."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio

from radiant_gateway.config import Settings
from radiant_gateway.main import create_service_app
from radiant_platform.limits import DEFAULT_MAX_BODY_BYTES
from radiant_testing import bearer

PROBLEM = "application/problem+json"
#: Where the approval and billing services are for this gateway: nowhere. A 413 from it is the
#: gateway's own refusal; a body it forwarded would be answered 503.
NOWHERE = "http://127.0.0.1:1"


def _address() -> tuple[str, int]:
    return (f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.7", 5000)


@pytest_asyncio.fixture
async def own_gateway(platform) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(ip_rate_per_second=1, ip_burst=3, approval_url=NOWHERE, billing_url=NOWHERE)
    app = create_service_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=_address())
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


async def _chunks(body: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _oversize() -> bytes:
    return json.dumps({"email": "a@example.com", "password": "p" * DEFAULT_MAX_BODY_BYTES}).encode()


async def test_a_public_route_refuses_a_declared_oversize_body_with_413(own_gateway):
    response = await own_gateway.post(
        "/api/v2/billing/webhooks/stripe", content=_oversize(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["title"] == "Content Too Large" and body["maxBytes"] == DEFAULT_MAX_BODY_BYTES


async def test_a_body_within_the_limit_is_forwarded(own_gateway):
    response = await own_gateway.post(
        "/api/v2/billing/webhooks/stripe", content=b"{}", headers={"content-type": "application/json"}
    )
    assert response.status_code == 503  # forwarded to the (absent) billing service


async def test_a_chunked_oversize_body_is_counted_and_refused_with_413(own_gateway, make_token):
    response = await own_gateway.post(
        "/api/v2/admin/approvals",
        content=_chunks(_oversize()),
        headers={"content-type": "application/json", **bearer(make_token(role="admin"))},
    )
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == PROBLEM


async def test_405_names_every_method_the_path_answers(own_gateway, make_token):
    response = await own_gateway.patch("/api/v2/admin/approvals", headers=bearer(make_token()))
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["allow"] == "GET, POST"


async def test_invalid_tokens_are_rate_limited_per_client_address(own_gateway):
    forged = bearer("not-a-token")
    statuses = [(await own_gateway.get("/api/v2/me", headers=forged)).status_code for _ in range(6)]
    assert statuses[:3] == [401, 401, 401]  # the burst of three
    assert statuses[-1] == 429
    missing = await own_gateway.get("/api/v2/me")  # no token at all spends the same allowance
    assert missing.status_code == 429
    assert int(missing.headers["retry-after"]) >= 1
    assert missing.headers["content-type"] == PROBLEM


async def test_a_valid_token_from_the_same_address_is_not_limited_by_its_failed_attempts(own_gateway, make_token):
    for _ in range(6):
        await own_gateway.get("/api/v2/me", headers=bearer("not-a-token"))
    assert (await own_gateway.get("/api/v2/me", headers=bearer(make_token()))).status_code == 200
