"""HTTP endpoints: parse, call the service, shape the response. Paths are the gateway's, unchanged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Response
from fastapi.responses import HTMLResponse

from radiant_contracts.permissions import SERVICE_SCOPES, PrincipalKind, permissions_of, platform_permissions_of
from radiant_platform.app import DbSession, Runtime, RuntimeDep
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.auth import CurrentPrincipal, Principal
from radiant_platform.context import ClientInfo, Ctx, RequestContext, require
from radiant_platform.db import unit_of_work
from radiant_platform.pagination import PageParams
from radiant_platform.quotas import QUOTA_RESPONSES
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import auth_service, service
from .deps import Deps
from .members import service as members_service
from .models import Administrator, AdminProfile, Invitation
from .schemas import (
    AcceptedAdmin,
    AcceptInvitationRequest,
    AcceptOut,
    AdminEnvelope,
    AdministratorRecord,
    AdminList,
    AdminOut,
    CreateInvitationRequest,
    InvitationCreated,
    InvitationEnvelope,
    InvitationList,
    InvitationOut,
    InvitationPending,
    InvitationStatus,
    InvitationSummary,
    InviterRef,
    LoginRequest,
    LogoutRequest,
    MarkedRead,
    MessageOut,
    MfaEnrollment,
    NotificationList,
    NotificationOut,
    PendingApproval,
    ProfileEnvelope,
    ProfileOut,
    RecoveryCodesOut,
    RecoveryCodesRequest,
    RefreshRequest,
    RemovalOut,
    ResendOut,
    Role,
    SessionAdmin,
    StepUpOut,
    StepUpRequest,
    TokenPair,
    TotpEnrollRequest,
    TotpVerifyRequest,
    UnreadCount,
    UpdateAdminOut,
    UpdateAdminRequest,
    UpdateProfileRequest,
    UserStatus,
)
from .tenants import service as tenants_service
from .tenants.schemas import impersonation_out

router = APIRouter()
API = "/api/v2"

Reader = Annotated[RequestContext, require("admin:read")]
Writer = Annotated[RequestContext, require("admin:write")]
Remover = Annotated[RequestContext, require("admin:*")]
Anyone = Ctx


# --- identity basics ------------------------------------------------------------------------------


@router.get("/.well-known/jwks.json", tags=["auth"], summary="Public keys that verify access tokens")
async def jwks(deps: Deps) -> dict[str, list[dict[str, str]]]:
    return {"keys": [deps.signing_key.public_jwk()]}


def _granted(principal: Principal) -> tuple[str, ...]:
    """What the caller's kind of principal grants it: a tenant role's, an operator role's (`saas:`)
    or a service key's scopes; never another kind's, whatever the role is called."""
    if principal.kind == PrincipalKind.OPERATOR:
        return platform_permissions_of(principal.role)
    if principal.kind == PrincipalKind.SERVICE:
        return tuple(s for s in principal.scopes if s in SERVICE_SCOPES)
    return permissions_of(principal.role)


@router.get(f"{API}/me", tags=["auth"], summary="The caller's kind, identity, tenant, role and permissions")
async def me(principal: CurrentPrincipal, rt: RuntimeDep) -> dict[str, object]:
    # Operators belong to no tenant and no tenant environment: the console shows the platform's screens.
    in_tenant = principal.kind != PrincipalKind.OPERATOR
    return {
        "id": principal.subject,
        "kind": str(principal.kind),
        "tenantId": principal.tenant_id if in_tenant else None,
        "role": principal.role,
        "environment": principal.environment if in_tenant else None,
        "email": principal.email,
        "name": principal.name,
        "amr": list(principal.amr),
        "permissions": list(_read_only(_granted(principal)) if principal.read_only else _granted(principal)),
        "readOnly": principal.read_only,
        # An operator acting in this tenant's name: the console shows a banner for as long as it lasts.
        "impersonation": await _impersonation_banner(rt, principal),
    }


def _read_only(granted: tuple[str, ...]) -> tuple[str, ...]:
    """What a read-only session may use of its role's permissions: the reads (`x:*` covers `x:read`)."""
    reads = {
        p if p.endswith(":read") else f"{p.partition(':')[0]}:read" for p in granted if p.endswith((":read", ":*"))
    }
    return tuple(sorted(reads))


async def _impersonation_banner(rt: Runtime[Any], principal: Principal) -> dict[str, object] | None:
    # Only an operator's impersonation token has a banner: every other `/me` (the console asks on
    # each load, the gateway benchmark at 1,000/s) opens no database session.
    if not tenants_service.may_be_impersonation(principal):
        return None
    async with unit_of_work(rt.session_factory()) as session:
        found = await tenants_service.impersonation_of(session, principal)
    if found is None:
        return None
    return impersonation_out(found, datetime.now(UTC)).model_dump(mode="json", by_alias=True)


# --- invitations ----------------------------------------------------------------------------------


def _invitation_out(inv: Invitation) -> InvitationOut:
    return InvitationOut(
        id=inv.id,
        email=inv.email,
        role=inv.role,
        status=inv.status,
        environment=inv.environment,
        invited_by=InviterRef(id=inv.invited_by, name=inv.invited_by_name or "Unknown"),
        message=inv.message,
        expires_at=inv.expires_at,
        created_at=inv.created_at,
        accepted_at=inv.accepted_at,
    )


def _pending(filed: FiledApproval) -> PendingApproval:
    return PendingApproval(id=filed.id, status=filed.status, type=filed.type)


@router.post(
    f"{API}/admin/invitations",
    status_code=201,
    response_model=InvitationCreated | InvitationPending,
    tags=["invitations"],
    summary="Create invitation (emails a one-time accept link; in prod a super_admin or admin one waits for approval)",
    responses={
        202: {"model": InvitationPending, "description": "prod: granting super_admin or admin waits for approval"},
        409: {"description": "An administrator or a pending invitation already has this email"},
        **QUOTA_RESPONSES,  # the plan's users quota (pending invitations count)
    },
)
async def create_invitation(
    body: CreateInvitationRequest, response: Response, session: DbSession, deps: Deps, ctx: Writer
) -> InvitationCreated | InvitationPending:
    created = await service.create_invitation(session, deps, ctx, body)
    if isinstance(created, FiledApproval):
        response.status_code = 202
        return InvitationPending(
            message="The invitation is sent once another administrator approves it", pending_approval=_pending(created)
        )
    return InvitationCreated(invitation=InvitationSummary.model_validate(created))


@router.get(f"{API}/admin/invitations", response_model=InvitationList, tags=["invitations"], summary="List invitations")
async def list_invitations(
    session: DbSession, ctx: Reader, page: PageParams, status: InvitationStatus | None = None
) -> InvitationList:
    rows, pagination = page.cut(await service.list_invitations(session, ctx, page, status=status))
    return InvitationList(invitations=[_invitation_out(r) for r in rows], pagination=pagination)


@router.post(
    f"{API}/admin/invitations/accept",
    tags=["invitations"],
    response_model=AcceptOut,
    summary="Accept invitation (public): creates the administrator",
)
async def accept_invitation(
    body: AcceptInvitationRequest, session: DbSession, deps: Deps, client: ClientInfo
) -> AcceptOut:
    admin, enrollment = await service.accept_invitation(session, deps, client, body)
    return AcceptOut(
        message="Invitation accepted successfully",
        admin_user=AcceptedAdmin(
            id=admin.id,
            email=admin.email,
            first_name=admin.first_name,
            last_name=admin.last_name,
            role=admin.role,
            mfa_required=admin.mfa_enabled,  # prod, or a tenant whose settings require MFA of everyone
        ),
        mfa=MfaEnrollment(**enrollment) if enrollment else None,
    )


@router.get(
    f"{API}/admin/invitations/{{invitation_id}}",
    response_model=InvitationEnvelope,
    tags=["invitations"],
    summary="Get invitation",
)
async def get_invitation(invitation_id: uuid.UUID, session: DbSession, ctx: Reader) -> InvitationEnvelope:
    return InvitationEnvelope(invitation=_invitation_out(await service.get_invitation(session, ctx, invitation_id)))


@router.post(
    f"{API}/admin/invitations/{{invitation_id}}/resend",
    response_model=ResendOut,
    tags=["invitations"],
    summary="Resend invitation (new token and expiry)",
    responses={409: {"description": "Only a pending invitation can be resent"}},
)
async def resend_invitation(invitation_id: uuid.UUID, session: DbSession, deps: Deps, ctx: Writer) -> ResendOut:
    inv = await service.resend_invitation(session, deps, ctx, invitation_id)
    return ResendOut(message="Invitation resent successfully", expires_at=inv.expires_at)


@router.delete(
    f"{API}/admin/invitations/{{invitation_id}}",
    response_model=MessageOut,
    tags=["invitations"],
    summary="Revoke invitation",
    responses={409: {"description": "Only a pending invitation can be revoked"}},
)
async def revoke_invitation(invitation_id: uuid.UUID, session: DbSession, ctx: Writer) -> MessageOut:
    await service.revoke_invitation(session, ctx, invitation_id)
    return MessageOut(message="Invitation revoked successfully")


# --- auth -----------------------------------------------------------------------------------------


def token_pair(issued: auth_service.IssuedSession) -> TokenPair:
    a = issued.admin
    return TokenPair(
        access_token=issued.access_token,
        expires_in=issued.expires_in,
        refresh_token=issued.refresh_token,
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
    f"{API}/auth/login",
    response_model=TokenPair,
    tags=["auth"],
    summary="Sign in with email, password and (when enrolled) a TOTP or recovery code",
)
async def login(body: LoginRequest, session: DbSession, deps: Deps, client: ClientInfo) -> TokenPair:
    return token_pair(await auth_service.login(session, deps, client, body))


@router.post(
    f"{API}/auth/refresh",
    response_model=TokenPair,
    tags=["auth"],
    summary="Exchange a refresh token for new tokens (rotation; reuse revokes the session)",
)
async def refresh(body: RefreshRequest, session: DbSession, deps: Deps, client: ClientInfo) -> TokenPair:
    return token_pair(await auth_service.refresh(session, deps, client, body.refresh_token))


@router.post(f"{API}/auth/logout", status_code=204, tags=["auth"], summary="End this session (or all sessions)")
async def logout(session: DbSession, ctx: Anyone, body: LogoutRequest | None = None) -> Response:
    body = body or LogoutRequest()
    await auth_service.logout(session, ctx, body.refresh_token, body.all_sessions)
    return Response(status_code=204)


@router.post(
    f"{API}/auth/mfa/totp/enroll",
    response_model=MfaEnrollment,
    tags=["mfa"],
    summary="Start authenticator enrolment (proving the current factor, or the password while none): "
    "secret, otpauth URI and QR code",
    responses={
        403: {"description": "The current factor is missing or wrong (email MFA: a code is mailed, `codeSent`)"},
        429: {"description": "Too many wrong codes; `Retry-After` says when to try again"},
    },
)
async def totp_enroll(
    session: DbSession, deps: Deps, ctx: Anyone, body: TotpEnrollRequest | None = None
) -> MfaEnrollment:
    result = await auth_service.start_totp_enrollment(session, deps, ctx, body or TotpEnrollRequest())
    return MfaEnrollment(**result)


@router.post(
    f"{API}/auth/mfa/totp/verify",
    response_model=RecoveryCodesOut,
    tags=["mfa"],
    summary="Confirm enrolment with a code; returns single-use recovery codes",
    responses={409: {"description": "No authenticator enrolment is in progress"}},
)
async def totp_verify(body: TotpVerifyRequest, session: DbSession, deps: Deps, ctx: Anyone) -> RecoveryCodesOut:
    return RecoveryCodesOut(recovery_codes=await auth_service.verify_totp_enrollment(session, deps, ctx, body.code))


@router.post(
    f"{API}/auth/mfa/recovery-codes",
    response_model=RecoveryCodesOut,
    tags=["mfa"],
    summary="Replace the recovery codes (proving a current authenticator, emailed or recovery code)",
    responses={
        403: {"description": "The current factor is missing or wrong (email MFA: a code is mailed, `codeSent`)"},
        409: {"description": "No second factor is enrolled"},
        429: {"description": "Too many wrong codes; `Retry-After` says when to try again"},
    },
)
async def recovery_codes(
    session: DbSession, deps: Deps, ctx: Anyone, body: RecoveryCodesRequest | None = None
) -> RecoveryCodesOut:
    current_code = (body or RecoveryCodesRequest()).current_code
    return RecoveryCodesOut(
        recovery_codes=await auth_service.regenerate_recovery_codes(session, deps, ctx, current_code)
    )


@router.post(
    f"{API}/auth/step-up",
    response_model=StepUpOut,
    tags=["mfa"],
    summary="Prove a fresh second factor: a new access token for decisions that want one (prod approvals)",
    responses={
        403: {"description": "The code does not match, or none was given (email MFA: one is mailed, `codeSent`)"},
        409: {"description": "No second factor is enrolled"},
        429: {"description": "Too many wrong codes; `Retry-After` says when to try again"},
    },
)
async def step_up(session: DbSession, deps: Deps, ctx: Anyone, body: StepUpRequest | None = None) -> StepUpOut:
    stepped = await auth_service.step_up(session, deps, ctx, (body or StepUpRequest()).code)
    return StepUpOut(access_token=stepped.access_token, expires_in=stepped.expires_in)


# --- administrators -------------------------------------------------------------------------------


def _user_out(user: Administrator | Invitation) -> AdminOut:
    """An account as it is, or a pending user (their invitation) in the same shape: no name yet."""
    if isinstance(user, Administrator):
        return AdminOut.model_validate(user)
    return AdminOut(
        id=user.id,
        email=user.email,
        first_name="",
        last_name="",
        display_name=user.email,
        role=user.role,
        status="pending",
        environment=user.environment,
        mfa_enabled=False,
        mfa_method=None,
        last_login_at=None,
        created_at=user.created_at,
        updated_at=user.created_at,
    )


@router.get(
    f"{API}/admin/users",
    response_model=AdminList,
    tags=["administrators"],
    summary="List users — administrators and members, each with their role (`status=pending`: invited, "
    "not signed up yet, by their invitation's id)",
)
async def list_admins(
    session: DbSession,
    ctx: Reader,
    page: PageParams,
    role: Role | None = None,
    status: UserStatus | None = None,
) -> AdminList:
    if status == "pending":
        pending, pagination = page.cut(await members_service.list_pending(session, ctx, page, role=role))
        return AdminList(admin_users=[_user_out(p) for p in pending], pagination=pagination)
    rows, pagination = page.cut(await service.list_admins(session, ctx, page, role=role, status=status))
    return AdminList(admin_users=[AdminOut.model_validate(r) for r in rows], pagination=pagination)


@router.get(
    f"{API}/admin/users/{{admin_id}}",
    response_model=AdminEnvelope,
    tags=["administrators"],
    summary="Get a user (an administrator or member, or a pending user by their invitation's id)",
    responses={404: {"description": "No user with this id in the tenant"}},
)
async def get_admin(admin_id: uuid.UUID, session: DbSession, ctx: Reader) -> AdminEnvelope:
    return AdminEnvelope(admin_user=_user_out(await members_service.get_user(session, ctx, admin_id)))


@router.put(
    f"{API}/admin/users/{{admin_id}}",
    response_model=UpdateAdminOut,
    tags=["administrators"],
    summary="Update admin (in prod a role change or a suspension goes through two-person approval)",
    responses={
        202: {"model": UpdateAdminOut, "description": "prod: the role or status change waits for approval"},
        409: {"description": "The change would leave the tenant without an active super_admin"},
    },
)
async def update_admin(
    admin_id: uuid.UUID,
    body: UpdateAdminRequest,
    response: Response,
    session: DbSession,
    deps: Deps,
    ctx: Writer,
) -> UpdateAdminOut:
    admin, pending = await service.update_admin(session, deps, ctx, admin_id, body)
    if pending is not None:
        response.status_code = 202
    return UpdateAdminOut(
        admin_user=AdminOut.model_validate(admin), pending_approval=_pending(pending) if pending else None
    )


@router.delete(
    f"{API}/admin/users/{{admin_id}}",
    response_model=RemovalOut,
    tags=["administrators"],
    summary="Remove a user (revokes their sessions; a pending user's invitation is withdrawn; in prod "
    "the removal of an account goes through two-person approval)",
    responses={
        202: {"model": RemovalOut, "description": "prod: the removal waits for approval"},
        404: {"description": "No user with this id in the tenant"},
        409: {"description": "The last active super_admin of a tenant cannot be removed"},
    },
)
async def delete_admin(
    admin_id: uuid.UUID, response: Response, session: DbSession, deps: Deps, ctx: Remover
) -> RemovalOut:
    removed = await members_service.remove(session, deps, ctx, admin_id)
    if isinstance(removed, FiledApproval):
        response.status_code = 202
        return RemovalOut(
            message="The removal is applied once another administrator approves it", pending_approval=_pending(removed)
        )
    if isinstance(removed, Invitation):
        return RemovalOut(message="Invitation withdrawn: the pending user was removed")
    return RemovalOut(message="Administrator deleted successfully")


# --- profile --------------------------------------------------------------------------------------


def _profile_out(p: AdminProfile) -> ProfileOut:
    return ProfileOut(
        admin_id=p.admin_id,
        notifications=p.notifications or {},
        timezone=p.timezone,
        language=p.language,
        date_format=p.date_format,
        time_format=p.time_format,
        currency=p.currency,
        theme=p.theme,
        default_environment=p.default_environment,
        sidebar_collapsed=p.sidebar_collapsed,
        table_rows_per_page=p.table_rows_per_page,
        updated_at=p.updated_at,
    )


@router.get(
    f"{API}/admin/profile", response_model=ProfileEnvelope, tags=["profile"], summary="The caller's preferences"
)
async def get_profile(session: DbSession, ctx: Anyone) -> ProfileEnvelope:
    return ProfileEnvelope(profile=_profile_out(await service.get_profile(session, ctx)))


@router.put(
    f"{API}/admin/profile", response_model=ProfileEnvelope, tags=["profile"], summary="Update the caller's preferences"
)
async def update_profile(body: UpdateProfileRequest, session: DbSession, ctx: Anyone) -> ProfileEnvelope:
    return ProfileEnvelope(profile=_profile_out(await service.update_profile(session, ctx, body)))


# --- notifications --------------------------------------------------------------------------------


@router.get(
    f"{API}/admin/notifications",
    response_model=NotificationList,
    tags=["notifications"],
    summary="The caller's notifications",
)
async def list_notifications(
    session: DbSession, ctx: Anyone, page: PageParams, unread: bool = False
) -> NotificationList:
    rows, unread_count = await service.list_notifications(session, ctx, page, unread_only=unread)
    items, pagination = page.cut(rows)
    return NotificationList(
        notifications=[NotificationOut.model_validate(n) for n in items],
        unread_count=unread_count,
        pagination=pagination,
    )


@router.get(
    f"{API}/admin/notifications/unread-count",
    response_model=UnreadCount,
    tags=["notifications"],
    summary="How many notifications are unread",
)
async def unread_count(session: DbSession, ctx: Anyone) -> UnreadCount:
    return UnreadCount(unread_count=await service.unread_count(session, ctx))


@router.post(
    f"{API}/admin/notifications/read-all",
    response_model=MarkedRead,
    tags=["notifications"],
    summary="Mark every notification read",
)
async def read_all(session: DbSession, ctx: Anyone) -> MarkedRead:
    return MarkedRead(updated=await service.mark_read(session, ctx, None))


@router.post(
    f"{API}/admin/notifications/{{notification_id}}/read",
    response_model=MarkedRead,
    tags=["notifications"],
    summary="Mark one notification read",
)
async def read_one(notification_id: uuid.UUID, session: DbSession, ctx: Anyone) -> MarkedRead:
    return MarkedRead(updated=await service.mark_read(session, ctx, notification_id))


@router.delete(
    f"{API}/admin/notifications/{{notification_id}}",
    status_code=204,
    tags=["notifications"],
    summary="Dismiss a notification",
)
async def dismiss(notification_id: uuid.UUID, session: DbSession, ctx: Anyone) -> Response:
    await service.dismiss(session, ctx, notification_id)
    return Response(status_code=204)


_ACCEPT_PAGE = (Path(__file__).parent / "static" / "accept-invitation.html").read_text()


@router.get("/accept-invitation", include_in_schema=False)
async def accept_invitation_page() -> HTMLResponse:
    """The page the invitation email links to: a form that posts to /api/v2/admin/invitations/accept.

    Static: the token is read by the page from its own URL, nothing is interpolated server-side.
    """
    return HTMLResponse(
        _ACCEPT_PAGE,
        headers={
            "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
            "img-src data:; connect-src 'self'; form-action 'none'; base-uri 'none'",
            "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
            "Cache-Control": "no-store",
        },
    )


# --- internal (service to service, not routed by the gateway) -------------------------------------

internal = APIRouter(prefix="/internal/v1", tags=["internal"])
#: Billing asks who an administrator is now before it applies an approved change in their name.
DirectoryReader = Annotated[ServiceCaller, require_service("billing")]


@internal.get(
    "/tenants/{tenant_id}/administrators/{admin_id}",
    response_model=AdministratorRecord,
    summary="An administrator's role, status and permissions now (billing)",
    responses={**INTERNAL_RESPONSES, 404: {"description": "No live administrator with this id in the tenant"}},
)
async def administrator_record(
    tenant_id: str, admin_id: str, session: DbSession, _: DirectoryReader
) -> AdministratorRecord:
    admin = await service.administrator_record(session, tenant_id, admin_id)
    return AdministratorRecord(
        id=admin.id,
        tenant_id=admin.tenant_id,
        role=admin.role,
        status=admin.status,
        permissions=list(permissions_of(admin.role)),
    )
