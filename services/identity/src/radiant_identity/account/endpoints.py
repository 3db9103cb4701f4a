"""`/api/v2/auth/password/…`: change (signed in), forgot and reset (public). Parse, call, answer."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from radiant_platform.app import DbSession
from radiant_platform.context import ClientInfo, Ctx
from radiant_platform.openapi import input_rules

from ..deps import Deps
from ..endpoints import token_pair
from ..schemas import TokenPair
from . import service
from .schemas import AcceptedOut, ChangePasswordRequest, ForgotPasswordRequest, ResetPasswordRequest

router = APIRouter(prefix="/api/v2/auth/password", tags=["auth"])
#: The page reset emails link to (`/reset-password?token=…`), served like the invitation's accept page.
page_router = APIRouter()
_RESET_PAGE = (Path(__file__).parent.parent / "static" / "reset-password.html").read_text()


@router.post(
    "/change",
    response_model=TokenPair,
    summary="Change your password (the current one and, when a second factor is enrolled, a fresh code): "
    "every earlier session ends, the answer is a new one",
    responses={
        403: {
            "description": "The current password or code is wrong or missing (email MFA: one is mailed, `codeSent`), "
            "or the session is an impersonation"
        },
        404: {"description": "The signed-in account no longer exists"},
        429: {"description": "Too many wrong attempts; `Retry-After` says when to try again"},
    },
    openapi_extra=input_rules(("newPassword", "different from currentPassword")),
)
async def change_password(body: ChangePasswordRequest, session: DbSession, deps: Deps, ctx: Ctx) -> TokenPair:
    return token_pair(await service.change_password(session, deps, ctx, body))


@router.post(
    "/forgot",
    status_code=202,
    response_model=AcceptedOut,
    summary="Forgotten password: a single-use reset link by email, valid one hour (the same answer "
    "whether or not the address has an account)",
    responses={429: {"description": "Too many requests from this address; `Retry-After` says when to try again"}},
)
async def forgot_password(
    body: ForgotPasswordRequest, session: DbSession, deps: Deps, client: ClientInfo
) -> AcceptedOut:
    return AcceptedOut(message=await service.request_password_reset(session, deps, client, body))


@router.post(
    "/reset",
    response_model=AcceptedOut,
    summary="Set a new password with a reset link's token: the link is spent and every session of the account ends",
    responses={
        404: {"description": "The link is unknown or was already used"},
        410: {"description": "The link has expired"},
    },
)
async def reset_password(body: ResetPasswordRequest, session: DbSession, deps: Deps, client: ClientInfo) -> AcceptedOut:
    await service.reset_password(session, deps, client, body)
    return AcceptedOut(message="Your password was reset; sign in with the new one")


@page_router.get("/reset-password", include_in_schema=False)
async def reset_password_page() -> HTMLResponse:
    """A form that posts the token from its own URL to /api/v2/auth/password/reset, or with `kind=operator`
    to /api/v2/saas/auth/password/reset (nothing interpolated)."""
    return HTMLResponse(
        _RESET_PAGE,
        headers={
            "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "connect-src 'self'; form-action 'none'; base-uri 'none'",
            "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
            "Cache-Control": "no-store",
        },
    )
