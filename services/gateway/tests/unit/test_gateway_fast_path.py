"""Which requests the forwarding fast path takes (fastpath.py), and which it leaves to the full stack:
only the routes the table forwards, never the gateway's own views, unknown paths or methods, a
request before the deps are built. A caller's `traceparent` changes nothing: the trace is the
request telemetry's, around both ways."""

from __future__ import annotations

from types import SimpleNamespace

import httpx
import pytest
from fastapi import FastAPI
from starlette.responses import PlainTextResponse

from radiant_gateway import fastpath
from radiant_gateway.routes import RouteTable
from radiant_platform.errors import ProblemError, install_problem_handlers

TRACED = "00-" + "a" * 32 + "-" + "b" * 16 + "-01"
UNTRACED = "00-" + "a" * 32 + "-" + "b" * 16 + "-00"


@pytest.fixture
def taken() -> list[str]:
    return []


def _gateway(taken: list[str], monkeypatch, *, built: bool = True) -> httpx.AsyncClient:
    app = FastAPI()
    install_problem_handlers(app)
    if built:
        app.state.runtime = SimpleNamespace(_deps=SimpleNamespace(routes=RouteTable()))

    async def full_stack(scope, receive, send) -> None:
        taken.append("full")
        await PlainTextResponse("full")(scope, receive, send)

    async def forward_route(request, deps, route):
        taken.append("fast")
        if request.headers.get("x-refuse"):
            raise ProblemError(403, "Permission 'admin:read' required", required_permission="admin:read")
        return PlainTextResponse(f"forwarded to {route.service}")

    monkeypatch.setattr(fastpath, "forward_route", forward_route)
    wrapper = fastpath.ForwardingFastPath(app, full_stack)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=wrapper), base_url="http://gateway")


@pytest.mark.parametrize(
    ("method", "path", "headers", "way"),
    [
        ("GET", "/api/v2/me", {}, "fast"),
        ("POST", "/api/v2/admin/invitations", {}, "fast"),
        ("GET", "/api/v2/admin/invitations/abc", {}, "fast"),
        ("GET", "/.well-known/jwks.json", {}, "fast"),
        ("GET", "/api/v2/me", {"traceparent": UNTRACED}, "fast"),
        ("GET", "/api/v2/me", {"traceparent": "garbage"}, "fast"),
        ("GET", "/api/v2/me", {"traceparent": TRACED}, "fast"),
        ("GET", "/api/v2/saas/stats", {}, "full"),  # the gateway's own view
        ("GET", "/api/v2/no/such/route", {}, "full"),  # 404 from the full stack
        ("PATCH", "/api/v2/admin/approvals", {}, "full"),  # 405 with Allow from the full stack
        ("HEAD", "/api/v2/me", {}, "full"),
        ("GET", "/console/", {}, "full"),
        ("GET", "/healthz", {}, "full"),
        ("GET", "/openapi.json", {}, "full"),
    ],
)
async def test_only_forwarded_routes_take_the_fast_path(taken, monkeypatch, method, path, headers, way):
    async with _gateway(taken, monkeypatch) as client:
        await client.request(method, path, headers=headers)
    assert taken == [way]


async def test_before_the_deps_are_built_every_request_takes_the_full_stack(taken, monkeypatch):
    async with _gateway(taken, monkeypatch, built=False) as client:
        await client.get("/api/v2/me")
    assert taken == ["full"]


async def test_a_refusal_on_the_fast_path_is_the_platforms_problem_document(taken, monkeypatch):
    async with _gateway(taken, monkeypatch) as client:
        response = await client.get("/api/v2/admin/users", headers={"x-refuse": "1"})
    assert taken == ["fast"]
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Forbidden",
        "status": 403,
        "instance": "/api/v2/admin/users",
        "detail": "Permission 'admin:read' required",
        "required_permission": "admin:read",
    }
