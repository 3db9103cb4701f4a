"""Operators' HTTP endpoints (`/api/v2/saas/...`): parse, call the service, shape the response.

Only operator tokens pass: `require("saas:…")` admits a principal of the kind `operator` whose
platform role holds the permission; a tenant's token (whatever its role) never does.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from radiant_contracts.platform_views import IDENTITY_STATS_PATH, IdentityStats
from radiant_platform.app import DbSession
from radiant_platform.context import AnyCtx, ClientInfo, RequestContext, require
from radiant_platform.errors import Forbidden
from radiant_platform.pagination import PageParams
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from ..deps import Deps
from . import auth_service, self_service, service
from .models import Operator
from .schemas import (
    AcceptedOperator,
    AcceptOperatorInvitation,
    ChangeOwnPassword,
    ConfirmTotpReenrolment,
    CreateOperatorInvitation,
    ForgotOperatorPassword,
    NewTotp,
    OperatorEnvelope,
    OperatorInvitationEnvelope,
    OperatorInvitationList,
    OperatorInvitationOut,
    OperatorInvitationStatus,
    OperatorList,
    OperatorLogin,
    OperatorLogout,
    OperatorOut,
    OperatorRefresh,
    OperatorRole,
    OperatorStatus,
    OperatorTokenPair,
    PasswordResetDone,
    PasswordResetRequested,
    RecoveryCodes,
    ReenrolledOperator,
    RegenerateRecoveryCodes,
    ResetOperatorPassword,
    SessionOperator,
    StartTotpReenrolment,
    TotpEnrollment,
    UpdateOperator,
)

router = APIRouter(tags=["operators"])
SAAS = "/api/v2/saas"

Reader = Annotated[RequestContext, require("saas:read")]
Writer = Annotated[RequestContext, require("saas:write")]


async def _operator_context(ctx: AnyCtx) -> RequestContext:
    if not ctx.principal.is_operator:
        raise Forbidden("This endpoint is for platform operators")
    return ctx


#: Any signed-in operator, whatever their role (signing out).
AnyOperator = Annotated[RequestContext, Depends(_operator_context)]


def _operator_out(operator: Operator) -> OperatorOut:
    return OperatorOut.model_validate(operator)


# --- sign-in --------------------------------------------------------------------------------------


def _token_pair(issued: auth_service.IssuedOperatorSession) -> OperatorTokenPair:
    o = issued.operator
    return OperatorTokenPair(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_token=issued.refresh_token,
        refresh_expires_in=issued.refresh_expires_in,
        operator=SessionOperator(id=o.id, email=o.email, name=o.name, role=o.role),
    )


@router.post(
    f"{SAAS}/auth/login",
    response_model=OperatorTokenPair,
    summary="Operator sign-in: email, password and a TOTP (or recovery) code, always",
)
async def login(body: OperatorLogin, session: DbSession, deps: Deps, client: ClientInfo) -> OperatorTokenPair:
    return _token_pair(await auth_service.login(session, deps, client, body))


@router.post(
    f"{SAAS}/auth/refresh",
    response_model=OperatorTokenPair,
    summary="Exchange an operator's refresh token for new tokens (rotation; reuse ends the session)",
)
async def refresh(body: OperatorRefresh, session: DbSession, deps: Deps, client: ClientInfo) -> OperatorTokenPair:
    return _token_pair(await auth_service.refresh(session, deps, client, body.refresh_token))


@router.post(f"{SAAS}/auth/logout", status_code=204, summary="End this operator session (or all of them)")
async def logout(session: DbSession, deps: Deps, ctx: AnyOperator, body: OperatorLogout | None = None) -> Response:
    body = body or OperatorLogout()
    await auth_service.logout(session, deps, ctx, body.refresh_token, body.all_sessions)
    return Response(status_code=204)


# --- self-service: the operator's own account (any operator: `saas:read`) ------------------------

#: What a refused proof answers (a wrong password or code, or a throttled one).
FACTOR_RESPONSES: dict[int | str, dict[str, str]] = {
    403: {"description": "The current password or code does not match (`errors` names the field)"},
    429: {"description": "Too many wrong codes or passwords; see Retry-After"},
}


@router.post(
    f"{SAAS}/me/password",
    response_model=OperatorTokenPair,
    summary="Change my password (the current password and a fresh authenticator code); ends my other sessions",
    responses=FACTOR_RESPONSES,
)
async def change_own_password(
    body: ChangeOwnPassword, session: DbSession, deps: Deps, ctx: Reader, client: ClientInfo
) -> OperatorTokenPair:
    issued = await self_service.change_password(
        session,
        deps,
        ctx,
        client,
        current_password=body.current_password,
        totp_code=body.totp_code,
        new_password=body.new_password,
    )
    return _token_pair(issued)


@router.post(
    f"{SAAS}/me/mfa/totp/enroll",
    response_model=NewTotp,
    summary="Start replacing my authenticator (a code from the current one); shown once",
    responses=FACTOR_RESPONSES,
)
async def start_totp_reenrolment(body: StartTotpReenrolment, session: DbSession, deps: Deps, ctx: Reader) -> NewTotp:
    return NewTotp(**await self_service.start_totp_reenrolment(session, deps, ctx, body.current_code))


@router.post(
    f"{SAAS}/me/mfa/totp/verify",
    response_model=ReenrolledOperator,
    summary="Confirm my new authenticator (a code from it): new recovery codes, my other sessions end",
    responses={**FACTOR_RESPONSES, 409: {"description": "No enrolment in progress, or it changed meanwhile"}},
)
async def confirm_totp_reenrolment(
    body: ConfirmTotpReenrolment, session: DbSession, deps: Deps, ctx: Reader, client: ClientInfo
) -> ReenrolledOperator:
    issued, codes = await self_service.confirm_totp_reenrolment(session, deps, ctx, client, body.code)
    return ReenrolledOperator(**_token_pair(issued).model_dump(), recovery_codes=codes)


@router.post(
    f"{SAAS}/me/mfa/recovery-codes",
    response_model=RecoveryCodes,
    summary="Replace my recovery codes (a code from my authenticator); shown once",
    responses=FACTOR_RESPONSES,
)
async def regenerate_recovery_codes(
    body: RegenerateRecoveryCodes, session: DbSession, deps: Deps, ctx: Reader, client: ClientInfo
) -> RecoveryCodes:
    codes = await self_service.regenerate_recovery_codes(session, deps, ctx, client, body.current_code)
    return RecoveryCodes(recovery_codes=codes)


@router.post(
    f"{SAAS}/auth/password/forgot",
    status_code=202,
    response_model=PasswordResetRequested,
    summary="Forgotten operator password (public): emails a single-use, one-hour link; the same answer for any address",
    responses={429: {"description": "Too many requests from this address; see Retry-After"}},
)
async def forgot_password(
    body: ForgotOperatorPassword, session: DbSession, deps: Deps, client: ClientInfo
) -> PasswordResetRequested:
    return PasswordResetRequested(message=await self_service.request_password_reset(session, deps, client, body.email))


@router.post(
    f"{SAAS}/auth/password/reset",
    response_model=PasswordResetDone,
    summary="Reset an operator password with the emailed link (public): ends every session of the account",
    responses={
        404: {"description": "No such link, or already used"},
        410: {"description": "The link has expired"},
    },
)
async def reset_password(
    body: ResetOperatorPassword, session: DbSession, deps: Deps, client: ClientInfo
) -> PasswordResetDone:
    revoked = await self_service.reset_password(session, deps, client, token=body.token, new_password=body.new_password)
    return PasswordResetDone(
        message="Password reset; sign in with it and a code from your authenticator", sessions_revoked=revoked
    )


# --- invitations (literal paths before `/operators/{operator_id}`) --------------------------------


@router.post(
    f"{SAAS}/operators/invitations/accept",
    response_model=AcceptedOperator,
    summary="Accept an operator invitation (public): sets the password and enrols the authenticator",
)
async def accept_invitation(
    body: AcceptOperatorInvitation, session: DbSession, deps: Deps, client: ClientInfo
) -> AcceptedOperator:
    operator, enrollment = await service.accept_invitation(session, deps, client, body)
    return AcceptedOperator(
        message="Invitation accepted; sign in with your password and a code from your authenticator",
        operator=_operator_out(operator),
        mfa=TotpEnrollment(**enrollment),
    )


@router.post(
    f"{SAAS}/operators/invitations",
    status_code=201,
    response_model=OperatorInvitationEnvelope,
    summary="Invite an operator (emails a one-time accept link)",
)
async def create_invitation(
    body: CreateOperatorInvitation, session: DbSession, deps: Deps, ctx: Writer
) -> OperatorInvitationEnvelope:
    invitation = await service.invite_operator(session, deps, ctx, body)
    return OperatorInvitationEnvelope(invitation=OperatorInvitationOut.model_validate(invitation))


@router.get(f"{SAAS}/operators/invitations", response_model=OperatorInvitationList, summary="List operator invitations")
async def list_invitations(
    session: DbSession, ctx: Reader, page: PageParams, status: OperatorInvitationStatus | None = None
) -> OperatorInvitationList:
    rows, pagination = page.cut(await service.list_invitations(session, page, status=status))
    return OperatorInvitationList(
        invitations=[OperatorInvitationOut.model_validate(r) for r in rows], pagination=pagination
    )


@router.delete(
    f"{SAAS}/operators/invitations/{{invitation_id}}",
    response_model=OperatorInvitationEnvelope,
    summary="Revoke a pending operator invitation",
)
async def revoke_invitation(
    invitation_id: uuid.UUID, session: DbSession, deps: Deps, ctx: Writer
) -> OperatorInvitationEnvelope:
    invitation = await service.revoke_invitation(session, deps, ctx, invitation_id)
    return OperatorInvitationEnvelope(invitation=OperatorInvitationOut.model_validate(invitation))


# --- operators ------------------------------------------------------------------------------------


@router.get(f"{SAAS}/operators", response_model=OperatorList, summary="List platform operators")
async def list_operators(
    session: DbSession,
    ctx: Reader,
    page: PageParams,
    role: OperatorRole | None = None,
    status: OperatorStatus | None = None,
) -> OperatorList:
    rows, pagination = page.cut(await service.list_operators(session, page, role=role, status=status))
    return OperatorList(operators=[_operator_out(r) for r in rows], pagination=pagination)


@router.get(f"{SAAS}/operators/{{operator_id}}", response_model=OperatorEnvelope, summary="Get an operator")
async def get_operator(operator_id: uuid.UUID, session: DbSession, ctx: Reader) -> OperatorEnvelope:
    return OperatorEnvelope(operator=_operator_out(await service.get_operator(session, operator_id)))


@router.put(
    f"{SAAS}/operators/{{operator_id}}",
    response_model=OperatorEnvelope,
    summary="Rename, change the role of, suspend or reactivate an operator (never yourself; "
    "the last active platform_admin stays)",
)
async def update_operator(
    operator_id: uuid.UUID, body: UpdateOperator, session: DbSession, deps: Deps, ctx: Writer
) -> OperatorEnvelope:
    operator = await service.update_operator(session, deps, ctx, operator_id, body)
    return OperatorEnvelope(operator=_operator_out(operator))


# --- internal: identity's part of the operators' platform view (`/saas/stats`, composed by the gateway)

internal = APIRouter(tags=["internal"])
StatsCaller = Annotated[ServiceCaller, require_service("gateway")]


@internal.get(
    IDENTITY_STATS_PATH,
    response_model=IdentityStats,
    summary="Tenants by status and environment, administrators, recent sign-ins (gateway only)",
    responses=INTERNAL_RESPONSES,
)
async def platform_stats(session: DbSession, _: StatsCaller) -> IdentityStats:
    return await service.platform_stats(session)
