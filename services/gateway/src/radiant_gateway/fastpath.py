"""The forwarding fast path: a request the route table forwards skips the framework's layers.

Profiled under the benchmark's load (`GET /api/v2/me` at 1,000 req/s, py-spy), the gateway spent
more CPU in FastAPI's routing over every router, the OpenTelemetry ASGI middleware (a recorded
server span with its attributes per request) and the exception/exit-stack middlewares than in its own
checks and the forwarding together. Here a forwarded request goes straight to `forward_route` — the
same body limit, token, revocation, access-policy, permission and rate-limit checks, the same
forwarding — and a refusal is rendered by the app's own problem+json handlers, so what a client gets
is the same either way.

Everything else takes the full stack, unchanged: the gateway's own views, the console, docs, health,
unknown paths and methods (404/405 with `Allow`), a request before the lifespan has built the deps —
and a sample of forwarded requests (`GATEWAY_TRACE_SAMPLE_RATIO`) plus every request whose caller sent
a sampled `traceparent`, which get the server span and the propagated trace as before. Traces are
thus sampled rather than recorded for every request.
"""

from __future__ import annotations

import logging
import random
from collections.abc import Awaitable, Callable
from typing import Any, cast

from fastapi import FastAPI
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from radiant_platform.errors import ProblemError

from .endpoints import forward_route
from .routes import GATEWAY

log = logging.getLogger(__name__)

#: The paths the forwarding route answers (endpoints.router); anything else is never fast-pathed.
FORWARDED_PREFIX = "/api/v2/"
FORWARDED_PATHS = frozenset({"/.well-known/jwks.json", "/accept-invitation", "/reset-password"})

Handler = Callable[[Request, Exception], Awaitable[Any]]


def sampled_by_caller(scope: Scope) -> bool:
    """Whether the caller's W3C `traceparent` asks for this request to be traced (flags bit 0)."""
    for name, value in scope["headers"]:
        if name == b"traceparent":
            # version-traceid-parentid-flags: "00-<32 hex>-<16 hex>-01"; bit 0 of the flags: sampled
            try:
                return len(value) >= 55 and int(value[53:55], 16) & 1 == 1
            except ValueError:
                return False  # a malformed header starts no trace (the instrumented stack ignores it too)
    return False


class ForwardingFastPath:
    """ASGI wrapper around the app's middleware stack (`install`)."""

    def __init__(self, app: FastAPI, full_stack: ASGIApp, *, sample_ratio: float) -> None:
        self._app = app
        # `app`, as every ASGI middleware names what it wraps: FastAPI walks `.app` to find the
        # OpenTelemetry middleware, and then leaves the request spans to it rather than adding its own.
        self.app = full_stack
        self._sample_ratio = sample_ratio
        self._random = random.random

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self._forwardable(scope):
            await self.app(scope, receive, send)
            return
        runtime = getattr(self._app.state, "runtime", None)
        deps = runtime._deps if runtime is not None else None
        if deps is None:
            await self.app(scope, receive, send)
            return
        route, _ = deps.routes.match(scope["method"], scope["path"])
        if route is None or route.service == GATEWAY:
            await self.app(scope, receive, send)  # 404/405 and the gateway's own views
            return
        request = Request(scope, receive, send)
        try:
            response = await forward_route(request, deps, route)
        except ProblemError as refusal:
            response = await self._handler(ProblemError)(request, refusal)
        except Exception as exc:  # noqa: BLE001 - answered like any unhandled error: a logged 500
            response = await self._handler(Exception)(request, exc)
        await response(scope, receive, send)

    def _forwardable(self, scope: Scope) -> bool:
        path: str = scope["path"]
        if not (path.startswith(FORWARDED_PREFIX) or path in FORWARDED_PATHS):
            return False
        # A sampled request takes the instrumented stack: its server span, its trace propagated.
        return not (self._random() < self._sample_ratio or sampled_by_caller(scope))

    def _handler(self, kind: type[Exception]) -> Handler:
        # The problem+json handlers the platform installed (errors.install_problem_handlers).
        return cast(Handler, self._app.exception_handlers[kind])


def install(app: FastAPI, *, sample_ratio: float) -> FastAPI:
    """Put the fast path in front of the app's middleware stack, which Starlette builds on first use."""
    build_full_stack = app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        return ForwardingFastPath(app, build_full_stack(), sample_ratio=sample_ratio)

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]
    return app
