"""The gateway's one handler: match the route, authenticate, authorise, rate limit, forward."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from redis.exceptions import RedisError
from starlette.routing import Route as StarletteRoute

from radiant_platform.app import Runtime, get_runtime
from radiant_platform.auth import bearer_token
from radiant_platform.errors import ProblemError

from .config import Settings
from .openapi import MergedOpenAPI
from .proxy import forward
from .ratelimit import RateLimiter
from .routes import AUTHENTICATED, Route, RouteTable

log = logging.getLogger(__name__)

router = APIRouter()
ROUTE_TABLE = RouteTable()
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def _client_ip(request: Request, settings: Settings) -> str:
    peer = request.client.host if request.client else "unknown"
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded and peer in settings.trusted_proxies:
        return forwarded.split(",")[0].strip()
    return peer


async def _enforce_limit(rt: Runtime, subject: str, rate: float, burst: int) -> None:
    limiter: RateLimiter = rt.extras["limiter"]
    try:
        decision = await limiter.hit(subject, rate_per_second=rate, burst=burst)
    except RedisError:
        # Failing open keeps the API up when Redis blips; identity's login throttling still holds.
        log.warning("rate limiter unavailable; request allowed")
        return
    if not decision.allowed:
        raise ProblemError(429, "Too many requests; slow down", headers={"Retry-After": str(decision.retry_after_seconds)})


async def _authorise(rt: Runtime, request: Request, route: Route, client_ip: str) -> None:
    settings: Settings = rt.settings  # type: ignore[assignment]
    if route.is_public:
        await _enforce_limit(rt, f"ip:{client_ip}", settings.ip_rate_per_second, settings.ip_burst)
        return
    assert rt.verifier is not None
    principal = await rt.verifier.verify(bearer_token(request))
    if route.permission != AUTHENTICATED and not principal.can(route.permission):
        raise ProblemError(403, f"Permission '{route.permission}' required", required_permission=route.permission)
    await _enforce_limit(rt, f"tenant:{principal.tenant_id}", settings.tenant_rate_per_second, settings.tenant_burst)


async def gateway(request: Request) -> Response:
    rt = get_runtime(request)
    settings: Settings = rt.settings  # type: ignore[assignment]
    route, path_known = ROUTE_TABLE.match(request.method, request.url.path)
    if route is None:
        if path_known:
            raise ProblemError(405, f"{request.method} is not allowed on this path")
        raise ProblemError(404, "No such API route")
    client_ip = _client_ip(request, settings)
    await _authorise(rt, request, route, client_ip)
    return await forward(rt.extras["upstream"], settings.upstream_url(route.service), request, client_ip)


# Plain Starlette routes, not FastAPI's: the forwarded path needs no parameter parsing or dependency
# solving, and skipping them is a good part of the gateway's CPU per request.
router.routes += [
    StarletteRoute("/api/v2/{path:path}", gateway, methods=METHODS, include_in_schema=False),
    StarletteRoute("/.well-known/jwks.json", gateway, methods=["GET"], include_in_schema=False),
    StarletteRoute("/accept-invitation", gateway, methods=["GET"], include_in_schema=False),
]


@router.get("/openapi.json", include_in_schema=False)
async def openapi(request: Request) -> JSONResponse:
    rt = get_runtime(request)
    merged: MergedOpenAPI = rt.extras["openapi"]
    assert rt.http is not None
    return JSONResponse(await merged.document(rt.http))


@router.get("/docs", include_in_schema=False)
async def docs() -> HTMLResponse:
    return get_swagger_ui_html(openapi_url="/openapi.json", title="Radiant API")
