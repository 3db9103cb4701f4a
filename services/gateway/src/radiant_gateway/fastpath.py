"""The forwarding fast path: a request the route table forwards skips the framework's layers.

Profiled under the benchmark's load (`GET /api/v2/me` at 1,000 req/s, py-spy), the gateway spent
more CPU in FastAPI's routing over every router and the exception/exit-stack middlewares than in its
own checks and the forwarding together. Here a forwarded request goes straight to `forward_route` — the
same body limit, token, revocation, access-policy, permission and rate-limit checks, the same
forwarding — and a refusal is rendered by the app's own problem+json handlers, so what a client gets
is the same either way.

Everything else takes the full stack, unchanged: the gateway's own views, the console, docs, health,
unknown paths and methods (404/405 with `Allow`), a request before the lifespan has built the deps.
Both ways run inside FastAPI's request telemetry (radiant_platform.app.REQUEST_TELEMETRY): the
server span, sampled by the tracer provider, and the trace propagated to the service.
"""

from __future__ import annotations

import logging
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


class ForwardingFastPath:
    """ASGI wrapper around the app's middleware stack (`install`)."""

    def __init__(self, app: FastAPI, full_stack: ASGIApp) -> None:
        self._app = app
        # `app`, as every ASGI middleware names what it wraps (FastAPI walks `.app` down the stack).
        self.app = full_stack

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

    @staticmethod
    def _forwardable(scope: Scope) -> bool:
        path: str = scope["path"]
        return path.startswith(FORWARDED_PREFIX) or path in FORWARDED_PATHS

    def _handler(self, kind: type[Exception]) -> Handler:
        # The problem+json handlers the platform installed (errors.install_problem_handlers).
        return cast(Handler, self._app.exception_handlers[kind])


def install(app: FastAPI) -> FastAPI:
    """Put the fast path in front of the app's middleware stack, which Starlette builds on first use."""
    build_full_stack = app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        return ForwardingFastPath(app, build_full_stack())

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]
    return app
