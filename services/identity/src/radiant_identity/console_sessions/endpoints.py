"""Thin: each route parses, calls identity's sign-in rules once (`auth_service`), and moves the
refresh token between the answer and the cookie."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Response

from radiant_platform.app import DbSession
from radiant_platform.context import ClientInfo, Ctx
from radiant_platform.errors import ProblemError

from .. import auth_service
from ..deps import Deps
from ..schemas import LoginRequest, SessionAdmin
from .schemas import ConsoleSession

API = "/api/v2"
#: The cookie goes only to these routes (refresh and sign-out), never to the rest of the API.
COOKIE_PATH = f"{API}/auth/console"
COOKIE_NAME = "radiant_console_refresh"

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


def _answer(issued: auth_service.IssuedSession, response: Response) -> ConsoleSession:
    response.set_cookie(
        COOKIE_NAME,
        issued.refresh_token,
        max_age=issued.refresh_expires_in,
        path=COOKIE_PATH,
        secure=True,
        httponly=True,
        samesite="strict",
    )
    response.headers["Cache-Control"] = "no-store"
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
