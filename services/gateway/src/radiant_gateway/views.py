"""The gateway's own routes: the operators' platform views (`/api/v2/saas/stats`, `/saas/health`).

Thin, like every endpoint: the route table authorises (`authorise_route`: token, revocations,
`saas:read`, rate limit — the same path forwarded routes take), `platform_views` composes.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.openapi.utils import get_openapi

from radiant_contracts.platform_views import PlatformHealth, PlatformStats
from radiant_platform.app import get_runtime

from . import platform_views
from .deps import GatewayDeps
from .endpoints import authorise_route
from .routes import API

views = APIRouter(tags=["platform"])


def views_openapi(version: str) -> dict[str, Any]:
    """The views' own OpenAPI document, merged into the public one like a service's."""
    return get_openapi(title="Radiant gateway views", version=version, routes=views.routes)


async def _authorised(request: Request) -> GatewayDeps:
    deps: GatewayDeps = get_runtime(request).deps
    route, _ = deps.routes.match(request.method, request.url.path)
    assert route is not None, f"{request.url.path} is missing from the route table"
    await authorise_route(request, deps, route)
    return deps


Operator = Annotated[GatewayDeps, Depends(_authorised)]


@views.get(
    f"{API}/saas/stats",
    response_model=PlatformStats,
    summary="Platform statistics",
    description=(
        "Tenants by status and environment, administrators by role, tenants active in the last 30 days "
        "(with usage; and with an administrator's sign-in), the platform's usage and billed cost this "
        "calendar month (UTC), and the invoices issued and not yet paid — each part from the service that "
        "owns it, measured now. A service that does not answer leaves its part `null` and says so in `sources`."
    ),
)
async def stats(deps: Operator) -> PlatformStats:
    return await platform_views.platform_stats(deps.upstreams)


@views.get(
    f"{API}/saas/health",
    response_model=PlatformHealth,
    summary="Platform health",
    description=(
        "Every service's readiness with its dependencies, Kafka consumer lag per group and partition "
        "(end offset minus committed offset, at the broker), each service's outbox backlog (unpublished "
        "rows and the oldest one's age, dead letters), every dead-letter topic's depth, and the SIEM sinks' "
        "lag. A part that cannot be measured is reported `unavailable`; the others are still served."
    ),
)
async def health(deps: Operator) -> PlatformHealth:
    return await platform_views.platform_health(deps.upstreams, deps.offsets)
