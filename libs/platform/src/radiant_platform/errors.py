"""RFC 9457 problem details for every HTTP error a service or the gateway returns."""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

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

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        # Never leak a stack trace to the client; the log has it, with the trace id.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, detail="An unexpected error occurred")
