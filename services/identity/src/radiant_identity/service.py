"""Business rules: tenants, invitations, administrators, profiles and notifications."""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic.alias_generators import to_camel
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.api import PageRequest
from radiant_contracts.approvals import AdminInvitation, AdminStatusChange, ApprovalPayload, UserRoleChange
from radiant_contracts.envelope import make_event
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.tenant import TenantCreated
from radiant_contracts.permissions import can_manage_role, has_permission
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.approvals import CannotExecute
from radiant_platform.audit import record_audit
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, Forbidden, NotFound, ProblemError, invalid_fields, refusal_keeping_effects
from radiant_platform.outbox import enqueue_event
from radiant_platform.revocation import end_subject_sessions

from . import emails
from . import repository as repo
from .config import Settings
from .deps import SERVICE, SOURCE, IdentityDeps
from .digests import service as digests
from .digests.periods import DIGEST_FREQUENCIES
from .models import Administrator, AdminNotification, AdminProfile, Invitation, Tenant
from .quotas import service as quotas
from .schemas import AcceptInvitationRequest, CreateInvitationRequest, UpdateAdminRequest, UpdateProfileRequest
from .security import (
    expiry_after,
    generate_token,
    hash_password,
    hash_token,
    new_recovery_codes,
    new_totp_secret,
    totp_qr_png_data_uri,
    totp_uri,
    verify_token,
)

log = logging.getLogger(__name__)
P = TypeVar("P", bound=ApprovalPayload)

DEFAULT_NOTIFICATION_SETTINGS: dict[str, Any] = {
    "method": "email",
    "frequency": "immediate",
    "categories": {"security": True, "billing": True, "deployments": True, "approvals": True, "system": True},
}


# --- tenants --------------------------------------------------------------------------------------


async def create_tenant(
    session: AsyncSession,
    *,
    name: str,
    environment: str,
    app_id: str,
    created_by: str | None = None,
    contact_email: str | None = None,
) -> Tenant:
    tenant = Tenant(id=str(uuid.uuid4()), name=name, app_id=app_id, environment=environment, status="active")
    await repo.insert_tenant(session, tenant)
    await enqueue_event(
        session,
        make_event(
            TenantCreated(
                tenant_id=tenant.id,
                name=name,
                app_id=app_id,
                environment=environment,
                changed_by=created_by,
                contact_email=contact_email,
            ),
            tenant_id=tenant.id,
            source=SOURCE,
        ),
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant.id,
        actor=Actor(type="system", id=created_by or "radiant-cli"),
        action="tenant.create",
        resource_type="tenant",
        resource_id=tenant.id,
        environment=environment,
        details={"name": name},
        app_id=app_id,
    )
    return tenant


async def bootstrap(
    session: AsyncSession, settings: Settings, *, tenant_name: str, email: str, environment: str
) -> tuple[Tenant, Invitation, str]:
    """First start: a tenant and a one-time super_admin invitation (never a default password).

    Run by the CLI, outside any server process: it needs the settings only, not the runtime's deps."""
    tenant = await create_tenant(
        session, name=tenant_name, environment=environment, app_id=settings.app_id, contact_email=email.lower()
    )
    invitation, token = await _issue_invitation(
        session,
        settings,
        tenant_id=tenant.id,
        environment=environment,
        email=email.lower(),
        role="super_admin",
        message=None,
        expires_in_hours=48,
        inviter_id=None,
        inviter_name="Radiant setup",
        actor=Actor(type="system", id="radiant-cli"),
    )
    return tenant, invitation, token


# --- invitations ----------------------------------------------------------------------------------


async def create_invitation(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: CreateInvitationRequest
) -> Invitation | FiledApproval:
    """The invitation; or, in prod, for `super_admin` or `admin`, the approval it waits for (nobody
    grants a privileged role alone, so extra accounts cannot outvote the two-person rule)."""
    if not can_manage_role(ctx.role, request.role):
        raise Forbidden("Cannot invite administrator with higher role than your own")
    email = request.email.lower()
    if await repo.admin_email_taken(session, ctx.tenant_id, email):
        raise Conflict("An administrator with this email already exists")
    if await _invitation_needs_approval(session, ctx, request.role):
        return await _request_invitation_approval(session, deps, ctx, request, email)
    inviter_name = (
        await repo.get_display_name(session, ctx.tenant_id, ctx.subject) or ctx.principal.name or "An administrator"
    )
    invitation, _ = await _issue_invitation(
        session,
        deps.settings,
        tenant_id=ctx.tenant_id,
        environment=ctx.environment,
        email=email,
        role=request.role,
        message=request.message,
        expires_in_hours=request.expires_in_hours,
        inviter_id=ctx.subject,
        inviter_name=inviter_name,
        actor=ctx.actor(),
    )
    return invitation


async def _invitation_needs_approval(session: AsyncSession, ctx: RequestContext, role: str) -> bool:
    """In prod, granting a privileged role by invitation needs a second administrator — once the tenant
    has an active super_admin who could approve. A tenant's first super_admin is the platform's to
    invite (bootstrap, an operator creating the tenant): before it exists, nobody could approve."""
    if not _two_person(ctx.environment) or role not in PRIVILEGED_ROLES:
        return False
    return await repo.has_active_super_admin(session, ctx.tenant_id)


async def _request_invitation_approval(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: CreateInvitationRequest, email: str
) -> FiledApproval:
    if await repo.pending_invitation_exists(session, ctx.tenant_id, email):
        raise Conflict("A pending invitation already exists for this email")
    # Refused now rather than after a second administrator approved; checked again when it is applied.
    await quotas.ensure_within_quota(session, ctx.tenant_id, "users", notify=False)
    change = _typed(
        lambda: AdminInvitation(
            invitation_id=str(uuid.uuid4()),
            email=email,
            role=request.role,
            message=request.message,
            expires_in_hours=request.expires_in_hours,
        )
    )
    filed = await deps.approvals.file(
        ctx,
        change,
        action="invite_admin",
        resource_type="invitation",
        resource_id=change.invitation_id,
        notes=f"Invite {email} as {request.role}",
    )
    await ctx.audit(
        session,
        "user.invite_requested",
        "invitation",
        change.invitation_id,
        details={"email": email, "role": request.role, "approvalId": filed.id},
    )
    return filed


async def _issue_invitation(
    session: AsyncSession,
    settings: Settings,
    *,
    tenant_id: str,
    environment: str,
    email: str,
    role: str,
    message: str | None,
    expires_in_hours: int,
    inviter_id: str | None,
    inviter_name: str,
    actor: Actor,
    invitation_id: uuid.UUID | None = None,
    audit_details: dict[str, Any] | None = None,
) -> tuple[Invitation, str]:
    """`invitation_id` names the invitation ahead (an approved invitation's); `audit_details` adds to
    what `user.invite` records (the approval behind it).

    Audited under seed 004's names, `user.invite` (and `user.accept` on acceptance); the audit query
    finds them under seed 000's `invitation.create`/`invitation.accept` as well."""
    # An expired-but-unswept invitation must not block a new one for the same address.
    await repo.expire_stale_invitations(session, tenant_id, email)
    # A pending invitation holds a seat: the users quota is checked (and locked) before it is created.
    await quotas.ensure_within_quota(session, tenant_id, "users", console_url=settings.console_url)
    token = generate_token()
    invitation = Invitation(
        id=invitation_id or uuid.uuid4(),
        email=email,
        role=role,
        invited_by=inviter_id,
        invited_by_name=inviter_name,
        app_id=settings.app_id,
        tenant_id=tenant_id,
        environment=environment,
        token_hash=hash_token(token),
        expires_at=_hours_from_now(expires_in_hours),
        status="pending",
        message=message,
        created_at=datetime.now(UTC),
    )
    try:
        await repo.insert_invitation(session, invitation)
    except repo.UniqueViolation:
        raise Conflict("A pending invitation already exists for this email") from None
    await _queue_invitation_email(session, settings, invitation, token, reminder=False)
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=actor,
        action="user.invite",
        resource_type="invitation",
        resource_id=str(invitation.id),
        environment=environment,
        details={
            "email": email,
            "role": role,
            "expiresAt": invitation.expires_at.isoformat(),
            **(audit_details or {}),
        },
        app_id=invitation.app_id,
    )
    return invitation, token


def _hours_from_now(hours: int) -> datetime:
    return expiry_after(hours)


async def _queue_invitation_email(
    session: AsyncSession, settings: Settings, invitation: Invitation, token: str, *, reminder: bool
) -> None:
    content = emails.invitation_email(
        inviter_name=invitation.invited_by_name or "An administrator",
        role=invitation.role,
        app_name=settings.app_name,
        environment=invitation.environment,
        accept_link=emails.accept_url(settings.console_url, token),
        expires_at=invitation.expires_at,
        message=invitation.message,
        reminder=reminder,
    )
    await repo.enqueue_email(
        session, to=invitation.email, subject=content.subject, html=content.html, text_body=content.text
    )


async def list_invitations(
    session: AsyncSession, ctx: RequestContext, page: PageRequest, *, status: str | None
) -> Sequence[Invitation]:
    """Up to `page.fetch_limit` rows: the endpoint cuts the page and knows whether more follow."""
    return await repo.list_invitations(
        session, ctx.tenant_id, status=status, limit=page.fetch_limit, offset=page.offset
    )


async def get_invitation(session: AsyncSession, ctx: RequestContext, invitation_id: uuid.UUID) -> Invitation:
    invitation = await repo.get_invitation(session, ctx.tenant_id, invitation_id)
    if invitation is None:
        raise NotFound("Invitation")
    return invitation


async def resend_invitation(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, invitation_id: uuid.UUID
) -> Invitation:
    """A fresh token and expiry; the old link stops working."""
    current = await get_invitation(session, ctx, invitation_id)
    token = generate_token()
    rotated = await repo.rotate_invitation_token(
        session, ctx.tenant_id, invitation_id, token_hash=hash_token(token), expires_at=_hours_from_now(48)
    )
    if rotated is None:
        raise Conflict(f"Cannot resend {current.status} invitation")
    await _queue_invitation_email(session, deps.settings, rotated, token, reminder=True)
    await ctx.audit(
        session,
        "invitation.resend",
        "invitation",
        str(invitation_id),
        details={"email": rotated.email, "expiresAt": rotated.expires_at.isoformat()},
    )
    return rotated


async def revoke_invitation(session: AsyncSession, ctx: RequestContext, invitation_id: uuid.UUID) -> Invitation:
    current = await get_invitation(session, ctx, invitation_id)
    revoked = await repo.revoke_invitation(session, ctx.tenant_id, invitation_id)
    if revoked is None:
        raise Conflict(f"Cannot revoke {current.status} invitation")
    await ctx.audit(session, "invitation.revoke", "invitation", str(invitation_id), details={"email": revoked.email})
    return revoked


INVALID_INVITATION = "Invalid or expired invitation"


async def accept_invitation(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: AcceptInvitationRequest
) -> tuple[Administrator, dict[str, Any] | None]:
    """Creates the administrator; exactly once per invitation, however many accepts race."""
    invitation = await repo.find_invitation_by_token_hash(session, hash_token(request.token))
    if invitation is None or not verify_token(request.token, invitation.token_hash) or invitation.status != "pending":
        raise ProblemError(404, INVALID_INVITATION)
    if invitation.expires_at <= datetime.now(UTC):
        await repo.mark_invitation_expired(session, invitation.id)
        raise refusal_keeping_effects(ProblemError(410, "This invitation has expired"))
    _check_mfa_choice(deps.settings, invitation.environment, request)

    claimed = await repo.claim_pending_invitation(session, invitation.id, ip=client.ip)
    if claimed is None:  # another accept won, or it was revoked meanwhile
        raise ProblemError(404, INVALID_INVITATION)

    password_hash = await asyncio.to_thread(hash_password, request.password)
    admin = Administrator(
        id=uuid.uuid4(),
        tenant_id=claimed.tenant_id,
        app_id=claimed.app_id,
        environment=claimed.environment,
        email=claimed.email,
        first_name=request.first_name,
        last_name=request.last_name,
        display_name=f"{request.first_name} {request.last_name}",
        role=claimed.role,
        status="active",
        password_hash=password_hash,
        mfa_enabled=False,
        mfa_method=request.mfa_method,
        phone=request.phone,
        invitation_id=claimed.id,
        created_by=claimed.invited_by,
    )
    second_factor_now = claimed.environment == "prod" or await _tenant_requires_mfa(session, claimed.tenant_id)
    enrollment = _enrol_mfa_for_production(deps, admin, request) if second_factor_now else None
    try:
        await repo.insert_admin(session, admin)
    except repo.UniqueViolation:
        raise Conflict("An administrator with this email already exists") from None
    if enrollment and enrollment.get("recoveryCodes"):
        codes = enrollment["recoveryCodes"]
        await repo.replace_recovery_codes(
            session, admin.id, [deps.secret_box.recovery_code_hash(admin.id, c) for c in codes]
        )
    await repo.insert_profile(
        session,
        AdminProfile(
            admin_id=admin.id,
            notifications=DEFAULT_NOTIFICATION_SETTINGS,
            default_environment=claimed.environment,
        ),
    )
    actor = Actor(type="admin", id=str(admin.id), name=admin.display_name, ip=client.ip, user_agent=client.user_agent)
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=admin.tenant_id,
        actor=actor,
        action="user.accept",
        resource_type="invitation",
        resource_id=str(claimed.id),
        environment=claimed.environment,
        details={
            "email": admin.email,
            "role": admin.role,
            "adminId": str(admin.id),
            "firstName": admin.first_name,
            "lastName": admin.last_name,
        },
        app_id=admin.app_id,
    )
    return admin, enrollment


def _check_mfa_choice(settings: Settings, environment: str, request: AcceptInvitationRequest) -> None:
    if request.mfa_method != "sms":
        return
    if environment == "prod" and not request.phone:
        raise invalid_fields(("phone", "Phone number required for SMS MFA"))
    if not settings.sms_provider:
        raise invalid_fields(
            ("mfaMethod", "SMS MFA needs an SMS provider and none is configured; choose 'authenticator' or 'email'")
        )


async def _tenant_requires_mfa(session: AsyncSession, tenant_id: str) -> bool:
    """A tenant's settings may require a second factor of every role, in any environment: then a new
    administrator or member enrols one on accepting, as in prod."""
    from .settings import service as settings_service  # here: the settings' rules import this module

    return (await settings_service.security_policy(session, tenant_id)).mfa_required


def _enrol_mfa_for_production(
    deps: IdentityDeps, admin: Administrator, request: AcceptInvitationRequest
) -> dict[str, Any] | None:
    """Production administration requires MFA from the first login on."""
    admin.mfa_enabled = True
    if request.mfa_method != "authenticator":
        return None  # email: codes are mailed at login
    secret = new_totp_secret()
    admin.totp_secret_enc = deps.secret_box.seal(secret, admin_id=admin.id)
    uri = totp_uri(secret, admin.email, deps.settings.totp_issuer)
    return {
        "method": "authenticator",
        "secret": secret,
        "otpauthUri": uri,
        "qrCode": totp_qr_png_data_uri(uri),
        "recoveryCodes": new_recovery_codes(),
    }


async def expire_stale_invitations(session: AsyncSession) -> int:
    """Pending invitations past their expiry become `expired` (the periodic sweep)."""
    return await repo.expire_all_stale_invitations(session)


# --- administrators -------------------------------------------------------------------------------


async def list_admins(
    session: AsyncSession, ctx: RequestContext, page: PageRequest, *, role: str | None, status: str | None
) -> Sequence[Administrator]:
    return await repo.list_admins(
        session, ctx.tenant_id, role=role, status=status, limit=page.fetch_limit, offset=page.offset
    )


async def get_admin(session: AsyncSession, ctx: RequestContext, admin_id: uuid.UUID) -> Administrator:
    admin = await repo.get_admin(session, ctx.tenant_id, admin_id)
    if admin is None:
        raise NotFound("Administrator")
    return admin


async def _target_for_change(session: AsyncSession, ctx: RequestContext, admin_id: uuid.UUID) -> Administrator:
    target = await repo.get_admin_for_update(session, ctx.tenant_id, admin_id)
    if target is None:
        raise NotFound("Administrator")
    if not can_manage_role(ctx.role, target.role):
        raise Forbidden("Cannot manage an administrator with a higher role than your own")
    return target


# --- the two-person rule for administrators (DESIGN.md §5, issue 12 finding 4) -------------------

#: Roles whose grant, in prod, needs a second administrator's approval.
PRIVILEGED_ROLES = frozenset({"super_admin", "admin"})
LAST_SUPER_ADMIN = (
    "The last super_admin of a tenant cannot be removed, suspended or demoted: "
    "make another administrator super_admin first"
)
#: What the direct path requires for each status change, checked again when an approved one executes.
STATUS_CHANGE_PERMISSION = {"remove": "admin:*", "suspend": "admin:write", "reactivate": "admin:write"}


def _two_person(environment: str) -> bool:
    return environment == "prod"


def _status_change_needs_approval(environment: str, target_role: str, action: str) -> bool:
    """In prod, removing or suspending any administrator, and giving a privileged one their access back."""
    if not _two_person(environment):
        return False
    return action in ("remove", "suspend") or target_role in PRIVILEGED_ROLES


def _check_keeps_a_super_admin(target: Administrator, active_super_admins: Sequence[uuid.UUID]) -> None:
    """Refuse a change that would take the tenant's last active super_admin away."""
    if target.id in active_super_admins and len(active_super_admins) <= 1:
        raise Conflict(LAST_SUPER_ADMIN)


def _typed(build: Callable[[], P]) -> P:
    """An approval payload built from a request, its refusals as the request's field errors."""
    try:
        return build()
    except ValidationError as exc:
        raise invalid_fields(
            *((".".join(to_camel(str(p)) for p in e["loc"]), e["msg"]) for e in exc.errors(include_url=False))
        ) from None


async def update_admin(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    admin_id: uuid.UUID,
    request: UpdateAdminRequest,
) -> tuple[Administrator, FiledApproval | None]:
    """Names apply at once; a role or status change too, except in prod where it is filed for approval
    (a role change always; a suspension always; a reactivation of a super_admin or admin)."""
    # Locked before the target, as every change that could leave the tenant without a super_admin does.
    super_admins = (
        await repo.lock_active_super_admins(session, ctx.tenant_id)
        if request.role is not None or request.status is not None
        else []
    )
    target = await _target_for_change(session, ctx, admin_id)
    is_self = str(target.id) == ctx.subject
    role_change = request.role is not None and request.role != target.role
    status_change = request.status is not None and request.status != target.status
    status_action = "suspend" if request.status == "suspended" else "reactivate"
    if (
        role_change
        and status_change
        and _two_person(ctx.environment)
        and _status_change_needs_approval(ctx.environment, target.role, status_action)
    ):
        raise invalid_fields(
            ("status", "In production change the role and the status in separate requests: each is approved alone")
        )
    pending: FiledApproval | None = None

    if request.first_name is not None or request.last_name is not None:
        target.first_name = request.first_name or target.first_name
        target.last_name = request.last_name or target.last_name
        target.display_name = f"{target.first_name} {target.last_name}"
        target.updated_at = datetime.now(UTC)
        await ctx.audit(
            session,
            "user.update",
            "administrator",
            str(target.id),
            details={"firstName": target.first_name, "lastName": target.last_name},
        )

    if status_change:
        if is_self:
            raise Forbidden("You cannot change your own status")
        if status_action == "suspend":
            _check_keeps_a_super_admin(target, super_admins)
        if _status_change_needs_approval(ctx.environment, target.role, status_action):
            pending = await _request_status_change_approval(session, deps, ctx, target, status_action)
        else:
            await _apply_status(session, deps, target, status_action, ctx.actor(), ctx.environment)

    if role_change:
        assert request.role is not None
        _check_role_change(ctx.role, requester_id=ctx.subject, target=target, new_role=request.role)
        _check_demotion_keeps_a_super_admin(target, request.role, super_admins)
        if _two_person(ctx.environment):
            pending = await _request_role_change_approval(session, deps, ctx, target, request.role)
        else:
            previous = target.role
            target.role = request.role
            target.updated_at = datetime.now(UTC)
            await end_sessions(session, deps, target.id)  # tokens carry the old role: sign in again
            await ctx.audit(
                session,
                "user.role_change",
                "administrator",
                str(target.id),
                details={"previousRole": previous, "newRole": request.role},
            )
    await session.flush()
    return target, pending


def _check_demotion_keeps_a_super_admin(
    target: Administrator, new_role: str, active_super_admins: Sequence[uuid.UUID]
) -> None:
    if target.role == "super_admin" and new_role != "super_admin":
        _check_keeps_a_super_admin(target, active_super_admins)


def _check_role_change(requester_role: str, *, requester_id: str, target: Administrator, new_role: str) -> None:
    """The rules of a role change, on the direct path and again when an approved change is executed."""
    if str(target.id) == requester_id:
        raise Forbidden("You cannot change your own role")
    if not can_manage_role(requester_role, target.role):
        raise Forbidden("Cannot manage an administrator with a higher role than your own")
    if not can_manage_role(requester_role, new_role):
        raise Forbidden("Cannot assign a role higher than your own")


async def _request_role_change_approval(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, target: Administrator, new_role: str
) -> FiledApproval:
    """Identity files the approval (the approval service takes `user_role_change` from identity alone),
    for the requesting administrator; `details` is exactly the typed change executed once approved."""
    change = _typed(
        lambda: UserRoleChange(user_id=str(target.id), previous_role=target.role, new_role=new_role, email=target.email)
    )
    filed = await deps.approvals.file(
        ctx,
        change,
        action="change_role",
        resource_type="administrator",
        resource_id=str(target.id),
        notes=f"Change role of {target.email} from {target.role} to {new_role}",
    )
    await ctx.audit(
        session,
        "user.role_change_requested",
        "administrator",
        str(target.id),
        details={"previousRole": target.role, "newRole": new_role, "approvalId": filed.id},
    )
    return filed


async def _request_status_change_approval(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, target: Administrator, action: str
) -> FiledApproval:
    change = _typed(
        lambda: AdminStatusChange(user_id=str(target.id), action=action, role=target.role, email=target.email)
    )
    filed = await deps.approvals.file(
        ctx,
        change,
        action=f"{action}_admin",
        resource_type="administrator",
        resource_id=str(target.id),
        notes=f"{action.capitalize()} {target.email} ({target.role})",
    )
    await ctx.audit(
        session,
        f"user.{action}_requested",
        "administrator",
        str(target.id),
        details={"email": target.email, "role": target.role, "approvalId": filed.id},
    )
    return filed


async def _apply_status(
    session: AsyncSession,
    deps: IdentityDeps,
    target: Administrator,
    action: str,
    actor: Actor,
    environment: str,
    details: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Suspend, remove or reactivate `target` (locked by the caller): sessions end with the access,
    and the change is audited. What changed, for the caller (and an approval's result)."""
    target.status = {"suspend": "suspended", "remove": "deleted", "reactivate": "active"}[action]
    target.updated_at = datetime.now(UTC)
    revoked = await end_sessions(session, deps, target.id) if action != "reactivate" else 0
    await session.flush()
    result = {"admin_id": str(target.id), "status": target.status, "sessions_revoked": revoked}
    audited = {"remove": "user.remove", "suspend": "user.suspend", "reactivate": "user.reactivate"}[action]
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=target.tenant_id,
        actor=actor,
        action=audited,
        resource_type="administrator",
        resource_id=str(target.id),
        environment=environment,
        details={"email": target.email, "role": target.role, "sessionsRevoked": revoked, **(details or {})},
    )
    return result


async def delete_admin(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, admin_id: uuid.UUID
) -> FiledApproval | None:
    """Remove an administrator (sessions revoked); in prod, file the removal for approval instead.
    The last active super_admin is never removed."""
    super_admins = await repo.lock_active_super_admins(session, ctx.tenant_id)
    target = await _target_for_change(session, ctx, admin_id)
    if str(target.id) == ctx.subject:
        raise Forbidden("You cannot delete yourself")
    _check_keeps_a_super_admin(target, super_admins)
    if _status_change_needs_approval(ctx.environment, target.role, "remove"):
        return await _request_status_change_approval(session, deps, ctx, target, "remove")
    await _apply_status(session, deps, target, "remove", ctx.actor(), ctx.environment)
    return None


async def end_sessions(session: AsyncSession, deps: IdentityDeps, admin_id: uuid.UUID) -> int:
    """End every session of an account now: its refresh tokens are revoked, and the access tokens it
    already holds (which carry its role until they expire) are refused by the gateway and every
    service from this moment (a not-before mark; tokens issued after it are accepted)."""
    revoked = await repo.revoke_admin_sessions(session, admin_id)
    keep = deps.settings.access_token_minutes * 60 + 60  # outlives every access token issued before now
    await end_subject_sessions(deps.redis, str(admin_id), time.time(), keep)
    return revoked


# --- executing approved changes (identity's approval types) --------------------------------------


async def _approval_requester(session: AsyncSession, tenant_id: str, approved: ApprovalApproved) -> Administrator:
    requester = await _live_admin(session, tenant_id, approved.requested_by)
    if requester is None or requester.status != "active":
        raise CannotExecute("the requesting administrator is no longer active in this tenant")
    return requester


def _check_still_holds(requester: Administrator, permission: str) -> None:
    """The requester's permission on the direct path, checked against their role now."""
    if not has_permission(requester.role, permission):
        raise CannotExecute(f"the requesting administrator no longer holds {permission} (role now {requester.role})")


def _approval_actor(approved: ApprovalApproved) -> Actor:
    """An approved change is carried out on the decision of its (last) approver."""
    return Actor(type="admin", id=approved.decided_by)


async def apply_approved_role_change(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, approved: ApprovalApproved, change: UserRoleChange
) -> dict[str, Any]:
    """Execute an approved `user_role_change`: re-check the direct path's rules against the state now,
    apply, end the target's sessions (their tokens carry the old role), audit. Raises `CannotExecute`
    (or `Forbidden`) to refuse; `execute_approval` answers `approval.execution_failed` with the reason."""
    try:
        admin_id = uuid.UUID(change.user_id)
    except ValueError:
        raise CannotExecute("the approval does not name an administrator (details.user_id)") from None
    super_admins = await repo.lock_active_super_admins(session, tenant_id)
    target = await repo.get_admin_for_update(session, tenant_id, admin_id)
    if target is None:
        raise CannotExecute("the administrator no longer exists in this tenant")
    if change.previous_role is not None and target.role != change.previous_role:
        raise CannotExecute(
            f"the administrator's role is now {target.role}, not {change.previous_role} as when the change was approved"
        )
    if target.role == change.new_role:
        raise CannotExecute(f"the administrator already has the role {change.new_role}")
    requester = await _approval_requester(session, tenant_id, approved)
    _check_still_holds(requester, "admin:write")
    _check_role_change(requester.role, requester_id=str(requester.id), target=target, new_role=change.new_role)
    _check_demotion_keeps_a_super_admin(target, change.new_role, super_admins)

    previous_role = target.role
    updated = await repo.set_admin_role(session, tenant_id, target.id, new_role=change.new_role)
    if updated is None:  # locked above, so only if it vanished in between
        raise CannotExecute("the administrator no longer exists in this tenant")
    await end_sessions(session, deps, updated.id)  # tokens carry the old role: sign in again
    result = {"admin_id": str(updated.id), "previous_role": previous_role, "new_role": change.new_role}
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=_approval_actor(approved),
        action="user.role_change",
        resource_type="administrator",
        resource_id=str(updated.id),
        environment=approved.environment,
        details={**result, "approval_id": approved.approval_id, "requested_by": approved.requested_by},
    )
    return result


async def apply_approved_invitation(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, approved: ApprovalApproved, change: AdminInvitation
) -> dict[str, Any]:
    """Execute an approved `admin_invitation`: the requester must still be active, hold `admin:write`
    and rank at least the role granted; the address must still be free. Then the invitation is issued
    (and mailed) in the requester's name, with the id the approval named (never twice)."""
    try:
        invitation_id = uuid.UUID(change.invitation_id)
    except ValueError:
        raise CannotExecute("the approval does not name an invitation id (details.invitation_id)") from None
    requester = await _approval_requester(session, tenant_id, approved)
    _check_still_holds(requester, "admin:write")
    if not can_manage_role(requester.role, change.role):
        raise CannotExecute(f"the requesting administrator ({requester.role}) may no longer grant {change.role}")
    if await repo.get_invitation(session, tenant_id, invitation_id) is not None:
        raise CannotExecute("this invitation was already issued")
    email = change.email.lower()
    if await repo.admin_email_taken(session, tenant_id, email):
        raise CannotExecute("an administrator with this email already exists")
    invitation, _ = await _issue_invitation(
        session,
        deps.settings,
        tenant_id=tenant_id,
        environment=approved.environment,
        email=email,
        role=change.role,
        message=change.message,
        expires_in_hours=change.expires_in_hours,
        inviter_id=str(requester.id),
        inviter_name=requester.display_name,
        actor=_approval_actor(approved),
        invitation_id=invitation_id,
        audit_details={"approvalId": approved.approval_id, "requestedBy": approved.requested_by},
    )
    return {"invitation_id": str(invitation.id), "email": email, "role": change.role}


async def apply_approved_status_change(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, approved: ApprovalApproved, change: AdminStatusChange
) -> dict[str, Any]:
    """Execute an approved `admin_status_change` with the direct path's rules re-checked now: the
    requester is active, holds the permission, is not the target and outranks or equals it; the tenant
    keeps an active super_admin."""
    try:
        admin_id = uuid.UUID(change.user_id)
    except ValueError:
        raise CannotExecute("the approval does not name an administrator (details.user_id)") from None
    super_admins = await repo.lock_active_super_admins(session, tenant_id)
    target = await repo.get_admin_for_update(session, tenant_id, admin_id)
    if target is None:
        raise CannotExecute("the administrator no longer exists in this tenant")
    requester = await _approval_requester(session, tenant_id, approved)
    _check_still_holds(requester, STATUS_CHANGE_PERMISSION[change.action])
    if requester.id == target.id:
        raise CannotExecute("an administrator cannot change their own status")
    if not can_manage_role(requester.role, target.role):
        raise CannotExecute(f"the requesting administrator ({requester.role}) may not manage a {target.role}")
    wanted = {"suspend": "suspended", "remove": "deleted", "reactivate": "active"}[change.action]
    if target.status == wanted:
        raise CannotExecute(f"the administrator is already {wanted}")
    if change.action != "reactivate":
        _check_keeps_a_super_admin(target, super_admins)
    details = {"approvalId": approved.approval_id, "requestedBy": approved.requested_by}
    return await _apply_status(
        session, deps, target, change.action, _approval_actor(approved), approved.environment, details
    )


async def _live_admin(session: AsyncSession, tenant_id: str, admin_ref: str) -> Administrator | None:
    try:
        admin_id = uuid.UUID(admin_ref)
    except ValueError:
        return None
    return await repo.get_admin(session, tenant_id, admin_id)


async def administrator_record(session: AsyncSession, tenant_id: str, admin_ref: str) -> Administrator:
    """An administrator as another service asks about them (billing, before it applies an approved
    change in their name): live ones only."""
    admin = await _live_admin(session, tenant_id, admin_ref)
    if admin is None:
        raise NotFound("Administrator")
    return admin


# --- profiles -------------------------------------------------------------------------------------


def _admin_uuid(ctx: RequestContext) -> uuid.UUID:
    try:
        return uuid.UUID(ctx.subject)
    except ValueError:
        raise NotFound("Profile") from None


async def get_profile(session: AsyncSession, ctx: RequestContext) -> AdminProfile:
    admin_id = _admin_uuid(ctx)
    if await repo.get_admin(session, ctx.tenant_id, admin_id) is None:
        raise NotFound("Profile")
    profile = await repo.get_profile(session, admin_id)
    if profile is None:
        raise NotFound("Profile")
    return profile


async def update_profile(session: AsyncSession, ctx: RequestContext, request: UpdateProfileRequest) -> AdminProfile:
    current = await get_profile(session, ctx)
    values = request.model_dump(exclude_unset=True, exclude_none=True, by_alias=False)
    if "notifications" in values:
        values["notifications"] = request.notifications.model_dump(by_alias=False)  # type: ignore[union-attr]
    if not values:
        return current
    updated = await repo.update_profile(session, current.admin_id, values)
    assert updated is not None
    await ctx.audit(
        session, "profile.update", "admin_profile", str(current.admin_id), details={"fields": sorted(values)}
    )
    return updated


# --- notifications --------------------------------------------------------------------------------


async def list_notifications(
    session: AsyncSession, ctx: RequestContext, page: PageRequest, *, unread_only: bool
) -> tuple[Sequence[AdminNotification], int]:
    """Up to `page.fetch_limit` notifications (the endpoint cuts the page) and the unread count."""
    admin_id = _admin_uuid(ctx)
    items = await repo.list_notifications(
        session, admin_id, ctx.tenant_id, unread_only=unread_only, limit=page.fetch_limit, offset=page.offset
    )
    return items, await repo.count_unread(session, admin_id, ctx.tenant_id)


async def unread_count(session: AsyncSession, ctx: RequestContext) -> int:
    return await repo.count_unread(session, _admin_uuid(ctx), ctx.tenant_id)


async def mark_read(session: AsyncSession, ctx: RequestContext, notification_id: uuid.UUID | None) -> int:
    admin_id = _admin_uuid(ctx)
    if notification_id is not None and not await repo.notification_exists(
        session, admin_id, ctx.tenant_id, notification_id
    ):
        raise NotFound("Notification")
    return await repo.mark_notifications_read(session, admin_id, ctx.tenant_id, notification_id)


async def dismiss(session: AsyncSession, ctx: RequestContext, notification_id: uuid.UUID) -> None:
    if not await repo.dismiss_notification(session, _admin_uuid(ctx), ctx.tenant_id, notification_id):
        raise NotFound("Notification")


def wants_email(profile: AdminProfile | None, category: str) -> bool:
    settings = (profile.notifications if profile else None) or DEFAULT_NOTIFICATION_SETTINGS
    method = settings.get("method", "email")
    categories = settings.get("categories", {})
    return (
        method in ("email", "both")
        and settings.get("frequency", "immediate") == "immediate"
        and categories.get(category, True)
    )


async def notify(
    session: AsyncSession,
    recipients: Sequence[Administrator],
    *,
    tenant_id: str,
    source_event_id: str,
    type_: str,
    category: str,
    priority: str,
    title: str,
    message: str,
    action_url: str | None = None,
    action_label: str | None = None,
    email: emails.EmailContent | None = None,
) -> int:
    """In-app notifications (once per event and recipient) plus email when the profile asks for it."""
    profiles = await repo.profiles_for(session, [r.id for r in recipients])
    created = 0
    for admin in recipients:
        profile = profiles.get(admin.id)
        category_on = (
            (profile.notifications if profile else DEFAULT_NOTIFICATION_SETTINGS)
            .get("categories", {})
            .get(category, True)
        )
        if category != "security" and not category_on:
            continue
        notification_id = await repo.insert_notification(
            session,
            {
                "admin_id": admin.id,
                "tenant_id": tenant_id,
                "type": type_,
                "priority": priority,
                "title": title[:255],
                "message": message,
                "action_url": action_url,
                "action_label": action_label,
                "source_event_id": source_event_id,
            },
        )
        if notification_id is None:
            continue
        created += 1
        if wants_email(profile, category):
            content = email or emails.notification_email(title=title, message=message, action_url=action_url)
            await repo.enqueue_email(
                session, to=admin.email, subject=content.subject, html=content.html, text_body=content.text
            )
            await repo.mark_notification_emailed(session, notification_id)
        elif (frequency := wants_digest(profile, category)) is not None:
            assert profile is not None  # only a stored profile asks for a digest
            await digests.queue_for_digest(
                session, notification_id, frequency=frequency, timezone=profile.timezone, now=datetime.now(UTC)
            )
    return created


def wants_digest(profile: AdminProfile | None, category: str) -> str | None:
    """The digest frequency (`hourly`, `daily`, `weekly`) when the profile wants this category by
    email, but not one email each; None otherwise."""
    settings = (profile.notifications if profile else None) or DEFAULT_NOTIFICATION_SETTINGS
    frequency = settings.get("frequency", "immediate")
    if frequency not in DIGEST_FREQUENCIES:
        return None
    if settings.get("method", "email") not in ("email", "both") or not settings.get("categories", {}).get(
        category, True
    ):
        return None
    return str(frequency)


def eligible_approvers(admins: Sequence[Administrator], requested_by: str) -> list[Administrator]:
    return [a for a in admins if has_permission(a.role, "approvals:*") and str(a.id) != requested_by]


def billing_recipients(admins: Sequence[Administrator]) -> list[Administrator]:
    return [a for a in admins if has_permission(a.role, "billing:read")]
