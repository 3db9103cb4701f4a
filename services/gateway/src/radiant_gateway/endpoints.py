"""The gateway's one handler: match the route, authenticate, authorise, rate limit, forward."""

from __future__ import annotations

import logging
from functools import lru_cache

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from redis.exceptions import RedisError
from starlette.routing import Route as StarletteRoute

from radiant_contracts.permissions import PrincipalKind
from radiant_platform.app import RuntimeDep, get_runtime
from radiant_platform.audit import client_from
from radiant_platform.auth import JwksVerifier, Principal, bearer_token, verify_bearer
from radiant_platform.context import SAFE_METHODS, is_read_permission, read_only_session
from radiant_platform.errors import ProblemError
from radiant_platform.limits import body_too_large
from radiant_platform.revocation import revocations_of
from radiant_platform.tenant_access import access_policies_of

from .deps import Deps, GatewayDeps
from .proxy import forward
from .routes import AUTHENTICATED, GATEWAY, Route

log = logging.getLogger(__name__)

router = APIRouter()
# OPTIONS too: no route answers it, and the gateway's own 405 names the path's methods from the table.
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# What the services are told (and the rate limit is keyed by) when no client address is known.
UNKNOWN_CLIENT = "unknown"
# Longer than any address text: such a header is resolved without the memo, so the memo stays small.
MAX_MEMO_ADDRESS = 64


def client_ip(request: Request, trusted_proxies: tuple[str, ...]) -> str:
    """The client's address by the platform's one trusted-proxy rule (`client_from`)."""
    peer = request.client.host if request.client else None
    forwarded = request.headers.get("x-forwarded-for")
    if forwarded is not None:
        forwarded = forwarded.split(",", 1)[0]  # the rule reads only the first address
        if len(forwarded) > MAX_MEMO_ADDRESS:
            return _resolve.__wrapped__(forwarded, peer, trusted_proxies)
    return _resolve(forwarded, peer, trusted_proxies)


@lru_cache(maxsize=4096)
def _resolve(forwarded_for: str | None, peer: str | None, trusted_proxies: tuple[str, ...]) -> str:
    # Memoised: parsing addresses costs a few µs, on every request, and a gateway sees the same
    # peers (and the same clients forwarded by its proxies) over and over.
    return client_from(forwarded_for, peer, None, trusted_proxies).ip or UNKNOWN_CLIENT


async def _enforce_limit(deps: GatewayDeps, subject: str, rate: float, burst: int) -> None:
    try:
        decision = await deps.limiter.hit(subject, rate_per_second=rate, burst=burst)
    except RedisError:
        # Failing open keeps the API up when Redis blips; identity's login throttling still holds.
        log.warning("rate limiter unavailable; request allowed")
        return
    if not decision.allowed:
        raise ProblemError(
            429, "Too many requests; slow down", headers={"Retry-After": str(decision.retry_after_seconds)}
        )


def _limit_bucket(principal: Principal) -> str:
    """Whose allowance a call spends: a producer's key has its own, so a busy producer never
    throttles its tenant's administrators (nor they it)."""
    if principal.kind == PrincipalKind.SERVICE:
        return f"service-key:{principal.subject}"
    return f"tenant:{principal.tenant_id}"


async def _authorise(verifier: JwksVerifier, deps: GatewayDeps, request: Request, route: Route, client_ip: str) -> None:
    settings = deps.settings
    if route.is_public:
        await _enforce_limit(deps, f"ip:{client_ip}", settings.ip_rate_per_second, settings.ip_burst)
        return
    # An access token (JWKS) or a tenant's service key (`rk_…`, one Redis read; a revoked key at once).
    principal = await verify_bearer(get_runtime(request), bearer_token(request))
    # Signed and unexpired is not enough: a suspended tenant's or an ended impersonation's token is refused.
    await revocations_of(request).check(principal)
    # The tenant's own access policy (its IP allow-list, MFA for everyone), from identity's Redis copy.
    await access_policies_of(request).check(principal, client_ip, needs_permission=route.permission != AUTHENTICATED)
    if principal.read_only and (
        request.method not in SAFE_METHODS
        or (route.permission != AUTHENTICATED and not is_read_permission(route.permission))
    ):
        raise read_only_session()
    if route.permission == AUTHENTICATED and principal.kind == PrincipalKind.SERVICE:
        # A service key reaches only the routes its scopes name (recording usage), nothing "any caller" may.
        raise ProblemError(403, "A service key cannot call this route")
    if route.permission != AUTHENTICATED and not principal.can(route.permission):
        raise ProblemError(403, f"Permission '{route.permission}' required", required_permission=route.permission)
    await _enforce_limit(deps, _limit_bucket(principal), settings.tenant_rate_per_second, settings.tenant_burst)


async def gateway(request: Request) -> Response:
    rt = get_runtime(request)
    deps: GatewayDeps = rt.deps
    route, path_known = deps.routes.match(request.method, request.url.path)
    if route is None:
        if path_known:
            allow = deps.routes.allowed_methods(request.url.path)
            raise ProblemError(405, f"{request.method} is not allowed on this path", headers={"Allow": allow})
        raise ProblemError(404, "No such API route")
    return await forward_route(request, deps, route)


async def forward_route(request: Request, deps: GatewayDeps, route: Route) -> Response:
    """Everything the gateway does with a request its route table names: the body limit, the route's
    rule (`authorise_route`), then forwarding to the owning service. The fast path (`fastpath`) and the
    Starlette route above both end here, so they make the same checks."""
    declared = request.headers.get("content-length")
    if declared is not None and _declares_more_than(declared, route.max_body_bytes):
        raise body_too_large(route.max_body_bytes)  # refused before a byte of it is read
    client = await authorise_route(request, deps, route)
    if route.service == GATEWAY:
        raise ProblemError(404, "No such API route")  # served by the gateway's own views, never forwarded
    return await forward(
        deps.upstream, deps.settings.upstream_url(route.service), request, client, max_body_bytes=route.max_body_bytes
    )


async def authorise_route(request: Request, deps: GatewayDeps, route: Route) -> str:
    """The route table's rule for this request (token, revocations, permission, rate limit); returns
    the client's address. The gateway's own views go through it exactly as forwarded routes do."""
    client = client_ip(request, deps.trusted_proxies)
    verifier = get_runtime(request).verifier
    assert verifier is not None
    try:
        await _authorise(verifier, deps, request, route, client)
    except ProblemError as refusal:
        if refusal.status == 401:
            # Guessing tokens is limited like any unauthenticated call: it spends the address's
            # public-route allowance (a caller with a valid token is not affected).
            await _enforce_limit(deps, f"ip:{client}", deps.settings.ip_rate_per_second, deps.settings.ip_burst)
        raise
    return client


def _declares_more_than(content_length: str, max_bytes: int) -> bool:
    # The server has refused a malformed length already; a digit string too long to be small is large.
    return not content_length.isdigit() or len(content_length) > 18 or int(content_length) > max_bytes


# Plain Starlette routes, not FastAPI's: the forwarded path needs no parameter parsing or dependency
# solving, and skipping them is a good part of the gateway's CPU per request.
router.routes += [
    StarletteRoute("/api/v2/{path:path}", gateway, methods=METHODS, include_in_schema=False),
    StarletteRoute("/.well-known/jwks.json", gateway, methods=["GET"], include_in_schema=False),
    StarletteRoute("/accept-invitation", gateway, methods=["GET"], include_in_schema=False),
    StarletteRoute("/reset-password", gateway, methods=["GET"], include_in_schema=False),
]


@router.get("/openapi.json", include_in_schema=False)
async def openapi(rt: RuntimeDep, deps: Deps) -> JSONResponse:
    assert rt.http is not None
    return JSONResponse(await deps.openapi.document(rt.http))
