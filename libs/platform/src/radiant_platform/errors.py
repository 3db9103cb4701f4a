"""RFC 9457 problem details for every HTTP error a service or the gateway returns."""

from __future__ import annotations

import logging
from enum import StrEnum
from http import HTTPStatus
from types import TracebackType
from typing import Any

import aiokafka.errors
import asyncpg
import httpx
import redis.exceptions
import sqlalchemy.exc
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
RESERVED_MEMBERS = frozenset({"type", "title", "status", "detail", "instance"})


class ProblemError(Exception):
    """Raise from any layer to answer with a problem document (status, title, detail, extras).

    `commit_effects=True` is a refusal whose side effects must still be committed (a request found
    expired is stored as such, a denied attempt is audited, a lockout counter moves): the edge
    commits the session instead of rolling it back, then answers with the problem.
    """

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        title: str | None = None,
        type_: str | None = None,
        headers: dict[str, str] | None = None,
        commit_effects: bool = False,
        **extensions: Any,
    ) -> None:
        super().__init__(detail or title or HTTPStatus(status).phrase)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.type = type_ or "about:blank"
        self.headers = headers or {}
        self.commit_effects = commit_effects
        self.extensions = extensions


def refusal_keeping_effects(problem: ProblemError) -> ProblemError:
    """The one way to say "refuse, but commit what the refusal recorded" (an expired request stored
    as expired, a denied attempt audited, a lockout counter moved): the edge commits, then answers."""
    problem.commit_effects = True
    return problem


def field_error_entry(field: str, message: str, type_: str = "value_error") -> dict[str, str]:
    return {"field": field, "message": message, "type": type_}


def invalid_fields(*errors: tuple[str, str], detail: str = "The request has invalid fields") -> ProblemError:
    """A 422 that names each offending field, the same shape request validation answers with.

    `invalid_fields(("query.end", "must not be before start"))`; a field of a query parameter keeps
    its `query.` prefix, a body field is named as the client spelled it (camelCase).
    """
    return ProblemError(
        422, detail, title="Validation failed", errors=[field_error_entry(field, message) for field, message in errors]
    )


#: The problem type of every answer given while something the request needs is down (a 503).
DEPENDENCY_UNAVAILABLE_TYPE = "urn:radiant:problem:dependency-unavailable"


class Dependency(StrEnum):
    """The classes of dependency a 503 names (`dependency`): a client or an operator learns what is
    down, never a host, a port or a driver's message."""

    DATABASE = "database"
    CACHE = "cache"
    BROKER = "broker"
    SERVICE = "service"  # another Radiant service or an HTTP provider the request needed


#: How long a client should wait before retrying (`Retry-After`, seconds): a restarted PostgreSQL
#: or broker takes seconds to come back, Redis and a service's restart about one.
RETRY_AFTER_SECONDS = {Dependency.DATABASE: 5, Dependency.CACHE: 2, Dependency.BROKER: 5, Dependency.SERVICE: 2}
_DEPENDENCY_NOUNS = {
    Dependency.DATABASE: "The database",
    Dependency.CACHE: "The cache",
    Dependency.BROKER: "The event broker",
    Dependency.SERVICE: "A service this request needs",
}


def dependency_unavailable(
    dependency: Dependency, detail: str | None = None, *, retry_after: int | None = None, **extensions: Any
) -> ProblemError:
    """The 503 answered while `dependency` is down: problem+json naming its class, with `Retry-After`."""
    seconds = RETRY_AFTER_SECONDS[dependency] if retry_after is None else retry_after
    return ProblemError(
        503,
        detail or f"{_DEPENDENCY_NOUNS[dependency]} is unavailable; retry shortly",
        title="Dependency unavailable",
        type_=DEPENDENCY_UNAVAILABLE_TYPE,
        headers={"Retry-After": str(seconds)},
        dependency=dependency.value,
        **extensions,
    )


# Errors that mean "the dependency is not there", as opposed to a query, a key or a message it refused.
_DATABASE_GONE: tuple[type[BaseException], ...] = (
    asyncpg.exceptions.ConnectionDoesNotExistError,  # the server closed the connection (restart, kill)
    asyncpg.exceptions.PostgresConnectionError,  # SQLSTATE class 08
    asyncpg.exceptions.AdminShutdownError,  # 57P01: "terminating connection due to administrator command"
    asyncpg.exceptions.CrashShutdownError,  # 57P02
    asyncpg.exceptions.CannotConnectNowError,  # 57P03: "the database system is starting up / shutting down"
    asyncpg.exceptions.TooManyConnectionsError,  # 53300
    sqlalchemy.exc.DisconnectionError,
    sqlalchemy.exc.TimeoutError,  # the pool waited for a connection in vain
)
_CACHE_GONE: tuple[type[BaseException], ...] = (
    redis.exceptions.ConnectionError,  # refused, reset, and BusyLoadingError (loading its data set)
    redis.exceptions.TimeoutError,
)
_BROKER_GONE: tuple[type[BaseException], ...] = (
    aiokafka.errors.KafkaConnectionError,
    aiokafka.errors.KafkaTimeoutError,
    aiokafka.errors.NodeNotReadyError,
    aiokafka.errors.RequestTimedOutError,
    aiokafka.errors.NotEnoughReplicasError,
    aiokafka.errors.LeaderNotAvailableError,
)


class ServiceUnavailable(ConnectionError):
    """A service this one calls could not answer (down, timing out, or answering 5xx). Raised by the
    clients of peer services (approval, identity, Lago): an HTTP request answers 503 naming `service`,
    and — a `ConnectionError` — a Kafka batch consumer rewinds and retries instead of dead-lettering."""


# httpx.TimeoutException: connect, read, write and pool timeouts (a peer that hangs is as gone as one that refuses).
_SERVICE_GONE: tuple[type[BaseException], ...] = (httpx.ConnectError, httpx.TimeoutException, ServiceUnavailable)
_CLASSES = (
    (_DATABASE_GONE, Dependency.DATABASE),
    (_CACHE_GONE, Dependency.CACHE),
    (_BROKER_GONE, Dependency.BROKER),
    (_SERVICE_GONE, Dependency.SERVICE),
)
# A bare socket error (refused, reset, a connect timeout) is the driver's when it was raised inside it.
_DRIVER_MODULES = {
    "asyncpg": Dependency.DATABASE,
    "redis": Dependency.CACHE,
    "aiokafka": Dependency.BROKER,
    "httpcore": Dependency.SERVICE,
    "httpx": Dependency.SERVICE,
}


def unavailable_dependency(exc: BaseException) -> Dependency | None:
    """The class of dependency an error says is unreachable, or None for any other error (a bug, a
    constraint, a malformed answer: still a 500). Follows the chain of causes, as SQLAlchemy wraps
    asyncpg's errors and the drivers wrap socket errors."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen and len(seen) < 16:
        seen.add(id(current))
        found = _classify_one(current)
        if found is not None:
            return found
        current = current.__cause__ or current.__context__
    return None


def _classify_one(exc: BaseException) -> Dependency | None:
    for classes, dependency in _CLASSES:
        if isinstance(exc, classes):
            return dependency
    if isinstance(exc, sqlalchemy.exc.DBAPIError) and exc.connection_invalidated:
        return Dependency.DATABASE
    if isinstance(exc, asyncpg.exceptions.InterfaceError) and "connection" in str(exc) and "closed" in str(exc):
        return Dependency.DATABASE  # "connection is closed": the pool handed out one the server dropped
    if isinstance(exc, OSError):  # ConnectionRefusedError, ConnectionResetError, TimeoutError, gaierror
        return _raised_inside_driver(exc.__traceback__)
    return None


def _raised_inside_driver(tb: TracebackType | None) -> Dependency | None:
    """The driver whose code raised the socket error: the innermost frame of a known driver."""
    found = None
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", "")).split(".", 1)[0]
        found = _DRIVER_MODULES.get(module, found)
        tb = tb.tb_next
    return found


class NotFound(ProblemError):
    def __init__(self, what: str = "Resource") -> None:
        super().__init__(404, f"{what} not found")


class Conflict(ProblemError):
    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(409, detail, **extensions)


class Forbidden(ProblemError):
    def __init__(self, detail: str = "You do not have permission to perform this action") -> None:
        super().__init__(403, detail)


def problem_response(
    request: Request,
    status: int,
    *,
    title: str | None = None,
    detail: str | None = None,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": type_,
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "instance": request.url.path,
    }
    if detail:
        body["detail"] = detail
    clashing = RESERVED_MEMBERS.intersection(extensions)
    if clashing:
        # An extension must never change what the standard members say (RFC 9457 §3.2).
        raise ValueError(f"problem extensions may not redefine {sorted(clashing)}")
    body.update(extensions)
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_JSON)


def _field_errors(exc: RequestValidationError) -> list[dict[str, str]]:
    errors = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ())]
        # `body.email` -> `email`; keep `query.limit` so a client knows where the field was.
        if loc and loc[0] == "body":
            loc = loc[1:]
        errors.append({"field": ".".join(loc) or "body", "message": err.get("msg", ""), "type": err.get("type", "")})
    return errors


#: The methods a 405's `Allow` may name.
HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> str:
    """Every method the path answers (RFC 9110 §15.5.6). Starlette's own 405 names only the first
    route that matched the path, though GET and POST on one path are two routes; each method is
    tried against the routing table instead (only on this error path)."""
    routes = request.app.router.routes
    allowed = [
        method
        for method in HTTP_METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]
    return ", ".join(allowed)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            request,
            exc.status,
            title=exc.title,
            detail=exc.detail,
            type_=exc.type,
            headers=exc.headers,
            **exc.extensions,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem_response(
            request,
            422,
            title="Validation failed",
            detail="The request has invalid fields",
            errors=_field_errors(exc),
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        return problem_response(
            request,
            exc.status_code,
            detail=str(exc.detail) if exc.detail else None,
            headers=headers,
        )

    async def _unavailable_or_unexpected(request: Request, exc: Exception) -> JSONResponse:
        dependency = unavailable_dependency(exc)
        if dependency is None:
            return _unexpected_error(request, exc)
        # An outage is not a bug: one line in the log (what, not a stack trace), a 503 to the client.
        log.warning(
            "%s unavailable on %s %s: %s: %s", dependency, request.method, request.url.path, type(exc).__name__, exc
        )
        problem = dependency_unavailable(dependency)
        return await _problem(request, problem)

    # The drivers' own error bases: an outage is told from a bug here, in the handler that would
    # otherwise answer 500 (the server's last-resort handler re-raises; these answer and are done).
    for base in (
        sqlalchemy.exc.SQLAlchemyError,
        asyncpg.exceptions.PostgresError,
        asyncpg.exceptions.InterfaceError,
        redis.exceptions.RedisError,
        aiokafka.errors.KafkaError,
        httpx.TransportError,
        OSError,
    ):
        app.add_exception_handler(base, _unavailable_or_unexpected)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        return await _unavailable_or_unexpected(request, exc)


def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Never leak a stack trace to the client; the log has it, with the trace id.
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(request, 500, detail="An unexpected error occurred")
