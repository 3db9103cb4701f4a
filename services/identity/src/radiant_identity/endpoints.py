"""HTTP endpoints: parse, call the service, shape the response. Paths are the gateway's, unchanged."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import HTMLResponse

from radiant_contracts.permissions import permissions_of
from radiant_platform.app import DbSession
from radiant_platform.auth import CurrentPrincipal, Principal, bearer_token, require

from . import auth_service, service
from .context import Caller, Client, Identity, parse_client
from .schemas import (
    AcceptedAdmin,
    AcceptInvitationRequest,
    AcceptOut,
    AdminEnvelope,
    AdminList,
    AdminOut,
    CreateInvitationRequest,
    InvitationCreated,
    InvitationEnvelope,
    InvitationList,
    InvitationOut,
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
    Pagination,
    PendingApproval,
    ProfileEnvelope,
    ProfileOut,
    RecoveryCodesOut,
    RefreshRequest,
    ResendOut,
    Role,
    SessionAdmin,
    TokenPair,
    TotpEnrollRequest,
    TotpVerifyRequest,
    UnreadCount,
    UpdateAdminOut,
    UpdateAdminRequest,
    UpdateProfileRequest,
)

router = APIRouter()
API = "/api/v2"


def get_identity(request: Request) -> Identity:
    return request.app.state.identity


def get_client(request: Request) -> Client:
    peer = request.client.host if request.client else None
    return parse_client(request.headers.get("x-forwarded-for"), peer, request.headers.get("user-agent"))


IdentityDep = Annotated[Identity, Depends(get_identity)]
ClientDep = Annotated[Client, Depends(get_client)]


def _caller(permission: str | None):
    """A dependency giving the authenticated `Caller`, optionally requiring a seed permission."""
    if permission is None:
        async def any_admin(client: ClientDep, principal: CurrentPrincipal) -> Caller:
            return Caller(principal=principal, client=client)

        return Annotated[Caller, Depends(any_admin)]

    async def permitted(client: ClientDep, principal: Principal = require(permission)) -> Caller:
        return Caller(principal=principal, client=client)

    return Annotated[Caller, Depends(permitted)]


Reader = _caller("admin:read")
Writer = _caller("admin:write")
Remover = _caller("admin:*")
Anyone = _caller(None)
Limit = Annotated[int, Query(ge=1, le=100)]
Offset = Annotated[int, Query(ge=0)]


# --- identity basics ------------------------------------------------------------------------------


@router.get("/.well-known/jwks.json", tags=["auth"], summary="Public keys that verify access tokens")
async def jwks(request: Request) -> dict[str, list[dict[str, str]]]:
    return {"keys": [request.app.state.signing_key.public_jwk()]}


@router.get(f"{API}/me", tags=["auth"], summary="The caller's identity, tenant, role and permissions")
async def me(principal: CurrentPrincipal) -> dict[str, object]:
    return {
        "id": principal.subject,
        "tenantId": principal.tenant_id,
        "role": principal.role,
        "environment": principal.environment,
        "email": principal.email,
        "amr": list(principal.amr),
        "permissions": list(permissions_of(principal.role)),
    }


# --- invitations ----------------------------------------------------------------------------------


def _invitation_out(inv) -> InvitationOut:
    return InvitationOut(
        id=inv.id, email=inv.email, role=inv.role, status=inv.status, environment=inv.environment,
        invited_by=InviterRef(id=inv.invited_by, name=inv.invited_by_name or "Unknown"), message=inv.message,
        expires_at=inv.expires_at, created_at=inv.created_at, accepted_at=inv.accepted_at,
    )


@router.post(f"{API}/admin/invitations", status_code=201, response_model=InvitationCreated,
             tags=["invitations"], summary="Create invitation (emails a one-time accept link)")
async def create_invitation(body: CreateInvitationRequest, session: DbSession, identity: IdentityDep,
                            caller: Writer) -> InvitationCreated:
    inv = await service.create_invitation(session, identity, caller, body)
    return InvitationCreated(invitation=InvitationSummary(id=inv.id, email=inv.email, role=inv.role, status=inv.status,
                                                          expires_at=inv.expires_at, created_at=inv.created_at))


@router.get(f"{API}/admin/invitations", response_model=InvitationList, tags=["invitations"],
            summary="List invitations")
async def list_invitations(session: DbSession, caller: Reader, status: InvitationStatus | None = None,
                           limit: Limit = 50, offset: Offset = 0) -> InvitationList:
    rows = await service.list_invitations(session, caller, status=status, limit=limit, offset=offset)
    return InvitationList(invitations=[_invitation_out(r) for r in rows],
                          pagination=Pagination(limit=limit, offset=offset, has_more=len(rows) == limit))


@router.post(f"{API}/admin/invitations/accept", tags=["invitations"], response_model=AcceptOut,
             summary="Accept invitation (public): creates the administrator")
async def accept_invitation(request: Request, body: AcceptInvitationRequest, session: DbSession,
                            identity: IdentityDep, client: ClientDep):
    async def call() -> AcceptOut:
        admin, enrollment = await service.accept_invitation(session, identity, client, body)
        return AcceptOut(
            message="Invitation accepted successfully",
            admin_user=AcceptedAdmin(id=admin.id, email=admin.email, first_name=admin.first_name,
                                     last_name=admin.last_name, role=admin.role,
                                     mfa_required=admin.environment == "prod"),
            mfa=MfaEnrollment(**{k: v for k, v in enrollment.items()}) if enrollment else None,
        )

    return await call()


@router.get(f"{API}/admin/invitations/{{invitation_id}}", response_model=InvitationEnvelope,
            tags=["invitations"], summary="Get invitation")
async def get_invitation(invitation_id: uuid.UUID, session: DbSession, caller: Reader) -> InvitationEnvelope:
    return InvitationEnvelope(invitation=_invitation_out(await service.get_invitation(session, caller, invitation_id)))


@router.post(f"{API}/admin/invitations/{{invitation_id}}/resend", response_model=ResendOut, tags=["invitations"],
             summary="Resend invitation (new token and expiry)")
async def resend_invitation(invitation_id: uuid.UUID, session: DbSession, identity: IdentityDep,
                            caller: Writer) -> ResendOut:
    inv = await service.resend_invitation(session, identity, caller, invitation_id)
    return ResendOut(message="Invitation resent successfully", expires_at=inv.expires_at)


@router.delete(f"{API}/admin/invitations/{{invitation_id}}", response_model=MessageOut, tags=["invitations"],
               summary="Revoke invitation")
async def revoke_invitation(invitation_id: uuid.UUID, session: DbSession, caller: Writer) -> MessageOut:
    await service.revoke_invitation(session, caller, invitation_id)
    return MessageOut(message="Invitation revoked successfully")


# --- auth -----------------------------------------------------------------------------------------


def _token_pair(issued: auth_service.IssuedSession) -> TokenPair:
    a = issued.admin
    return TokenPair(access_token=issued.access_token, expires_in=issued.expires_in,
                     refresh_token=issued.refresh_token, refresh_expires_in=issued.refresh_expires_in,
                     administrator=SessionAdmin(id=a.id, email=a.email, role=a.role, tenant_id=a.tenant_id,
                                                environment=a.environment, mfa_enabled=a.mfa_enabled))


@router.post(f"{API}/auth/login", response_model=TokenPair, tags=["auth"],
             summary="Sign in with email, password and (when enrolled) a TOTP or recovery code")
async def login(request: Request, body: LoginRequest, session: DbSession, identity: IdentityDep,
                client: ClientDep):
    async def call() -> TokenPair:
        return _token_pair(await auth_service.login(session, identity, client, body))

    return await call()


@router.post(f"{API}/auth/refresh", response_model=TokenPair, tags=["auth"],
             summary="Exchange a refresh token for new tokens (rotation; reuse revokes the session)")
async def refresh(request: Request, body: RefreshRequest, session: DbSession, identity: IdentityDep,
                  client: ClientDep):
    async def call() -> TokenPair:
        return _token_pair(await auth_service.refresh(session, identity, client, body.refresh_token))

    return await call()


@router.post(f"{API}/auth/logout", status_code=204, tags=["auth"], summary="End this session (or all sessions)")
async def logout(session: DbSession, caller: Anyone, body: LogoutRequest | None = None) -> Response:
    body = body or LogoutRequest()
    await auth_service.logout(session, caller, body.refresh_token, body.all_sessions)
    return Response(status_code=204)


@router.post(f"{API}/auth/mfa/totp/enroll", response_model=MfaEnrollment, tags=["mfa"],
             summary="Start authenticator enrolment: secret, otpauth URI and QR code")
async def totp_enroll(session: DbSession, identity: IdentityDep, caller: Anyone,
                      body: TotpEnrollRequest | None = None) -> MfaEnrollment:
    result = await auth_service.start_totp_enrollment(session, identity, caller, body or TotpEnrollRequest())
    return MfaEnrollment(**result)


@router.post(f"{API}/auth/mfa/totp/verify", response_model=RecoveryCodesOut, tags=["mfa"],
             summary="Confirm enrolment with a code; returns single-use recovery codes")
async def totp_verify(body: TotpVerifyRequest, session: DbSession, identity: IdentityDep,
                      caller: Anyone) -> RecoveryCodesOut:
    return RecoveryCodesOut(recovery_codes=await auth_service.verify_totp_enrollment(session, identity, caller,
                                                                                     body.code))


@router.post(f"{API}/auth/mfa/recovery-codes", response_model=RecoveryCodesOut, tags=["mfa"],
             summary="Replace the recovery codes")
async def recovery_codes(session: DbSession, caller: Anyone) -> RecoveryCodesOut:
    return RecoveryCodesOut(recovery_codes=await auth_service.regenerate_recovery_codes(session, caller))


# --- administrators -------------------------------------------------------------------------------


def _admin_out(a) -> AdminOut:
    return AdminOut(id=a.id, email=a.email, first_name=a.first_name, last_name=a.last_name,
                    display_name=a.display_name, role=a.role, status=a.status, environment=a.environment,
                    mfa_enabled=a.mfa_enabled, mfa_method=a.mfa_method, last_login_at=a.last_login_at,
                    created_at=a.created_at, updated_at=a.updated_at)


@router.get(f"{API}/admin/users", response_model=AdminList, tags=["administrators"], summary="List admins")
async def list_admins(session: DbSession, caller: Reader, role: Role | None = None,
                      status: Literal["active", "suspended"] | None = None, limit: Limit = 50,
                      offset: Offset = 0) -> AdminList:
    rows = await service.list_admins(session, caller, role=role, status=status, limit=limit, offset=offset)
    return AdminList(admin_users=[_admin_out(r) for r in rows],
                     pagination=Pagination(limit=limit, offset=offset, has_more=len(rows) == limit))


@router.get(f"{API}/admin/users/{{admin_id}}", response_model=AdminEnvelope, tags=["administrators"],
            summary="Get admin")
async def get_admin(admin_id: uuid.UUID, session: DbSession, caller: Reader) -> AdminEnvelope:
    return AdminEnvelope(admin_user=_admin_out(await service.get_admin(session, caller, admin_id)))


@router.put(f"{API}/admin/users/{{admin_id}}", response_model=UpdateAdminOut, tags=["administrators"],
            summary="Update admin (a role change in prod goes through two-person approval)")
async def update_admin(admin_id: uuid.UUID, body: UpdateAdminRequest, request: Request, response: Response,
                       session: DbSession, identity: IdentityDep, caller: Writer) -> UpdateAdminOut:
    admin, pending = await service.update_admin(session, identity, caller, admin_id, body, bearer_token(request))
    if pending is not None:
        response.status_code = 202
    return UpdateAdminOut(admin_user=_admin_out(admin),
                          pending_approval=PendingApproval(**pending) if pending else None)


@router.delete(f"{API}/admin/users/{{admin_id}}", response_model=MessageOut, tags=["administrators"],
               summary="Delete admin (revokes their sessions)")
async def delete_admin(admin_id: uuid.UUID, session: DbSession, caller: Remover) -> MessageOut:
    await service.delete_admin(session, caller, admin_id)
    return MessageOut(message="Administrator deleted successfully")


# --- profile --------------------------------------------------------------------------------------


def _profile_out(p) -> ProfileOut:
    return ProfileOut(admin_id=p.admin_id, notifications=p.notifications or {}, timezone=p.timezone,
                      language=p.language, date_format=p.date_format, time_format=p.time_format,
                      currency=p.currency, theme=p.theme, default_environment=p.default_environment,
                      sidebar_collapsed=p.sidebar_collapsed, table_rows_per_page=p.table_rows_per_page,
                      updated_at=p.updated_at)


@router.get(f"{API}/admin/profile", response_model=ProfileEnvelope, tags=["profile"],
            summary="The caller's preferences")
async def get_profile(session: DbSession, caller: Anyone) -> ProfileEnvelope:
    return ProfileEnvelope(profile=_profile_out(await service.get_profile(session, caller)))


@router.put(f"{API}/admin/profile", response_model=ProfileEnvelope, tags=["profile"],
            summary="Update the caller's preferences")
async def update_profile(body: UpdateProfileRequest, session: DbSession, caller: Anyone) -> ProfileEnvelope:
    return ProfileEnvelope(profile=_profile_out(await service.update_profile(session, caller, body)))


# --- notifications --------------------------------------------------------------------------------


def _notification_out(n) -> NotificationOut:
    return NotificationOut(id=n.id, type=n.type, priority=n.priority, title=n.title, message=n.message,
                           action_url=n.action_url, action_label=n.action_label, read=n.read, read_at=n.read_at,
                           dismissed=n.dismissed, created_at=n.created_at)


@router.get(f"{API}/admin/notifications", response_model=NotificationList, tags=["notifications"],
            summary="The caller's notifications")
async def list_notifications(session: DbSession, caller: Anyone, unread: bool = False, limit: Limit = 50,
                             offset: Offset = 0) -> NotificationList:
    items, unread_count = await service.list_notifications(session, caller, unread_only=unread, limit=limit,
                                                           offset=offset)
    return NotificationList(notifications=[_notification_out(n) for n in items], unread_count=unread_count,
                            pagination=Pagination(limit=limit, offset=offset, has_more=len(items) == limit))


@router.get(f"{API}/admin/notifications/unread-count", response_model=UnreadCount, tags=["notifications"],
            summary="How many notifications are unread")
async def unread_count(session: DbSession, caller: Anyone) -> UnreadCount:
    return UnreadCount(unread_count=await service.unread_count(session, caller))


@router.post(f"{API}/admin/notifications/read-all", response_model=MarkedRead, tags=["notifications"],
             summary="Mark every notification read")
async def read_all(session: DbSession, caller: Anyone) -> MarkedRead:
    return MarkedRead(updated=await service.mark_read(session, caller, None))


@router.post(f"{API}/admin/notifications/{{notification_id}}/read", response_model=MarkedRead,
             tags=["notifications"], summary="Mark one notification read")
async def read_one(notification_id: uuid.UUID, session: DbSession, caller: Anyone) -> MarkedRead:
    return MarkedRead(updated=await service.mark_read(session, caller, notification_id))


@router.delete(f"{API}/admin/notifications/{{notification_id}}", status_code=204, tags=["notifications"],
               summary="Dismiss a notification")
async def dismiss(notification_id: uuid.UUID, session: DbSession, caller: Anyone) -> Response:
    await service.dismiss(session, caller, notification_id)
    return Response(status_code=204)


_ACCEPT_PAGE = (Path(__file__).parent / "static" / "accept-invitation.html").read_text()


@router.get("/accept-invitation", include_in_schema=False)
async def accept_invitation_page() -> HTMLResponse:
    """The page the invitation email links to: a form that posts to /api/v2/admin/invitations/accept.

    Static: the token is read by the page from its own URL, nothing is interpolated server-side.
    """
    return HTMLResponse(_ACCEPT_PAGE, headers={
        "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                                   "img-src data:; connect-src 'self'; form-action 'none'; base-uri 'none'",
        "Referrer-Policy": "no-referrer",  # the token is in the URL: never pass it on
        "Cache-Control": "no-store",
    })
