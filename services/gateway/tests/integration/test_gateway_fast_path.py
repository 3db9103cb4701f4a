"""The forwarding fast path (fastpath.py) answers exactly what the full framework stack answers.

Two gateways of our own against the real Redis and services: one sends every forwarded request down
the fast path, the other every one through the full stack.
The same requests get the same status, headers that matter and body from both: a forwarded answer,
each refusal the route table's rule makes (token, permission, body limit), the 404/405 of the table,
an unreachable service, and the gateway's own views (never fast-pathed)."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest
import pytest_asyncio

from radiant_gateway.config import Settings
from radiant_gateway.main import create_service_app
from radiant_platform.limits import DEFAULT_MAX_BODY_BYTES
from radiant_testing import bearer

NOWHERE = "http://127.0.0.1:1"


async def _client(fast_path: bool) -> AsyncIterator[httpx.AsyncClient]:
    app = create_service_app(Settings(billing_url=NOWHERE), fast_path=fast_path)
    async with app.router.lifespan_context(app):
        address = (f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.9", 5000)
        transport = httpx.ASGITransport(app=app, client=address)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


@pytest_asyncio.fixture
async def fast(platform) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(True):
        yield client


@pytest_asyncio.fixture
async def full(platform) -> AsyncIterator[httpx.AsyncClient]:
    async for client in _client(False):
        yield client


def _seen(response: httpx.Response) -> tuple[int, str | None, str | None, str | None, object]:
    try:
        body: object = response.json()
    except json.JSONDecodeError:
        body = response.text
    headers = response.headers
    return (
        response.status_code,
        headers.get("content-type"),
        headers.get("www-authenticate"),
        headers.get("allow") or headers.get("retry-after"),
        body,
    )


@pytest.mark.parametrize(
    ("method", "path", "role", "content"),
    [
        ("GET", "/api/v2/me", "auditor", None),  # forwarded to identity
        ("GET", "/api/v2/me", None, None),  # no token: 401
        ("GET", "/api/v2/admin/users", "garbage-token", None),  # an invalid token: 401
        ("POST", "/api/v2/admin/invitations", "auditor", b"{}"),  # permission missing: 403
        ("PATCH", "/api/v2/admin/approvals", "admin", None),  # 405 with Allow
        ("HEAD", "/api/v2/me", "auditor", None),  # not in the table: 405
        ("GET", "/api/v2/no/such/route", "admin", None),  # 404
        ("POST", "/api/v2/billing/generate", "admin", b"x" * (DEFAULT_MAX_BODY_BYTES + 1)),  # 413
        ("GET", "/api/v2/billing/current", "admin", None),  # the service is unreachable: 503
        ("GET", "/api/v2/saas/stats", "admin", None),  # the gateway's own view: a tenant token, 403
    ],
)
async def test_the_fast_path_answers_what_the_full_stack_answers(fast, full, make_token, method, path, role, content):
    tenant = f"fast-{uuid.uuid4()}"
    if role == "garbage-token":
        headers = {"authorization": "Bearer not-a-token"}
    elif role is None:
        headers = {}
    else:
        # One token for both: the same subject, so identity's answer is the same document.
        headers = bearer(make_token(role=role, tenant_id=tenant))
    answers = [await client.request(method, path, headers=headers, content=content) for client in (fast, full)]
    assert _seen(answers[0]) == _seen(answers[1])
    assert answers[0].status_code != 500
