"""Thin: each route parses, calls identity's sign-in rules once (`auth_service`, or the operators'
`operators.auth_service`), and moves the refresh token between the answer and the cookie.

Operators sign in to the console's platform pages the same way, on their own routes
(`/saas/auth/console/…`) with their own cookie on their own path: a browser holding both kinds of
session sends each refresh cookie only to its own refresh route."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Depends, Response

from radiant_platform.app import DbSession
from radiant_platform.context import AnyCtx, ClientInfo, Ctx, RequestContext
from radiant_platform.errors import Forbidden, ProblemError

from .. import auth_service
from ..deps import Deps
from ..operators import auth_service as operator_auth
from ..operators.schemas import OperatorLogin, SessionOperator
from ..schemas import LoginRequest, SessionAdmin
from .schemas import ConsoleSession, OperatorConsoleSession

API = "/api/v2"
#: The cookie goes only to these routes (refresh and sign-out), never to the rest of the API.
COOKIE_PATH = f"{API}/auth/console"
COOKIE_NAME = "radiant_console_refresh"

#: Operators' cookie: its own name and path (the operators' refresh and sign-out routes only).
OPERATOR_COOKIE_PATH = f"{API}/saas/auth/console"
OPERATOR_COOKIE_NAME = "radiant_operator_console_refresh"

router = APIRouter(tags=["auth"])

RefreshCookie = Annotated[
    str | None,
    Cookie(
        alias=COOKIE_NAME,
        max_length=512,
        description="The console's refresh token, set by the console's sign-in (HttpOnly, Secure, SameSite=Strict)",
    ),
]
NO_SESSION: dict[int | str, dict[str, Any]] = {
    401: {"description": "No console session: the refresh cookie is missing, unknown, used or expired"}
}


OperatorRefreshCookie = Annotated[
    str | None,
    Cookie(
        alias=OPERATOR_COOKIE_NAME,
        max_length=512,
        description="An operator's console refresh token, set by the operators' console sign-in (HttpOnly, Secure, SameSite=Strict)",
    ),
]


def _set_refresh_cookie(response: Response, name: str, path: str, token: str, max_age: int) -> None:
    response.set_cookie(name, token, max_age=max_age, path=path, secure=True, httponly=True, samesite="strict")
    response.headers["Cache-Control"] = "no-store"


def _answer(issued: auth_service.IssuedSession, response: Response) -> ConsoleSession:
    _set_refresh_cookie(response, COOKIE_NAME, COOKIE_PATH, issued.refresh_token, issued.refresh_expires_in)
    a = issued.admin
    return ConsoleSession(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_expires_in=issued.refresh_expires_in,
        administrator=SessionAdmin(
            id=a.id,
            email=a.email,
            role=a.role,
            tenant_id=a.tenant_id,
            environment=a.environment,
            mfa_enabled=a.mfa_enabled,
        ),
    )


@router.post(
    f"{API}/auth/console/login",
    response_model=ConsoleSession,
    summary="Console sign-in: as /auth/login, the refresh token set as an HttpOnly cookie instead of returned",
)
async def console_login(
    body: LoginRequest, response: Response, session: DbSession, deps: Deps, client: ClientInfo
) -> ConsoleSession:
    return _answer(await auth_service.login(session, deps, client, body), response)


@router.post(
    f"{API}/auth/console/refresh",
    response_model=ConsoleSession,
    summary="Console silent refresh: rotates the refresh cookie (reuse revokes the session) and returns a new access token",
    responses=NO_SESSION,
)
async def console_refresh(
    response: Response, session: DbSession, deps: Deps, client: ClientInfo, refresh_cookie: RefreshCookie = None
) -> ConsoleSession:
    if not refresh_cookie:
        raise ProblemError(401, "No console session")
    return _answer(await auth_service.refresh(session, deps, client, refresh_cookie), response)


@router.post(
    f"{API}/auth/console/logout",
    status_code=204,
    summary="Console sign-out: ends the cookie's session and clears the cookie",
)
async def console_logout(ctx: Ctx, session: DbSession, refresh_cookie: RefreshCookie = None) -> Response:
    await auth_service.logout(session, ctx, refresh_cookie, all_sessions=False)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, secure=True, httponly=True, samesite="strict")
    return response


# --- operators -------------------------------------------------------------------------------------


async def _operator_context(ctx: AnyCtx) -> RequestContext:
    if not ctx.principal.is_operator:
        raise Forbidden("This endpoint is for platform operators")
    return ctx


AnyOperator = Annotated[RequestContext, Depends(_operator_context)]


def _operator_answer(issued: operator_auth.IssuedOperatorSession, response: Response) -> OperatorConsoleSession:
    _set_refresh_cookie(
        response, OPERATOR_COOKIE_NAME, OPERATOR_COOKIE_PATH, issued.refresh_token, issued.refresh_expires_in
    )
    o = issued.operator
    return OperatorConsoleSession(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_expires_in=issued.refresh_expires_in,
        operator=SessionOperator(id=o.id, email=o.email, name=o.name, role=o.role),
    )


@router.post(
    f"{API}/saas/auth/console/login",
    response_model=OperatorConsoleSession,
    tags=["operators"],
    summary="Operators' console sign-in: as /saas/auth/login (a code always), the refresh token set as an HttpOnly cookie",
)
async def operator_console_login(
    body: OperatorLogin, response: Response, session: DbSession, deps: Deps, client: ClientInfo
) -> OperatorConsoleSession:
    return _operator_answer(await operator_auth.login(session, deps, client, body), response)


@router.post(
    f"{API}/saas/auth/console/refresh",
    response_model=OperatorConsoleSession,
    tags=["operators"],
    summary="Operators' console silent refresh: rotates the refresh cookie (reuse ends the account's sessions)",
    responses=NO_SESSION,
)
async def operator_console_refresh(
    response: Response,
    session: DbSession,
    deps: Deps,
    client: ClientInfo,
    refresh_cookie: OperatorRefreshCookie = None,
) -> OperatorConsoleSession:
    if not refresh_cookie:
        raise ProblemError(401, "No console session")
    return _operator_answer(await operator_auth.refresh(session, deps, client, refresh_cookie), response)


@router.post(
    f"{API}/saas/auth/console/logout",
    status_code=204,
    tags=["operators"],
    summary="Operators' console sign-out: ends the cookie's session and clears the cookie",
)
async def operator_console_logout(
    ctx: AnyOperator, session: DbSession, deps: Deps, refresh_cookie: OperatorRefreshCookie = None
) -> Response:
    await operator_auth.logout(session, deps, ctx, refresh_cookie, all_sessions=False)
    response = Response(status_code=204)
    response.delete_cookie(
        OPERATOR_COOKIE_NAME, path=OPERATOR_COOKIE_PATH, secure=True, httponly=True, samesite="strict"
    )
    return response
