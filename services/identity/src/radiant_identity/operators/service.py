"""Platform operators' rules: invitations (the first one from the CLI), accepting with a password and
an authenticator, listing, and changing an operator's role or status.

Every operator action is audited in the platform stream (tenant id `platform`, actor type
`operator`). Changes that need `saas:write` re-check the requester's own account as it is now, not
as their token remembers it: a suspended or demoted operator's still-valid access token manages
no one. Role and status changes run one at a time (an advisory lock), so at least one active
`platform_admin` always remains, even when two administrators change each other at once.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.api import PageRequest
from radiant_contracts.events.audit import Actor
from radiant_contracts.permissions import PlatformRole, has_platform_permission
from radiant_contracts.platform_views import IdentityStats, TenantCount
from radiant_platform.audit import record_audit
from radiant_platform.auth import PLATFORM_TENANT
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, Forbidden, NotFound, ProblemError, refusal_keeping_effects
from radiant_platform.revocation import revoke_token

from .. import repository as identity_repo
from ..config import Settings
from ..deps import SERVICE, IdentityDeps
from ..security import (
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
from . import emails
from . import repository as repo
from .models import Operator, OperatorInvitation
from .schemas import AcceptOperatorInvitation, CreateOperatorInvitation, UpdateOperator

CLI_ACTOR = Actor(type="system", id="radiant-cli", name="radiant bootstrap-operator")
CLI_INVITER_NAME = "Radiant setup"
INVALID_INVITATION = "Invalid or expired invitation"


# --- the platform audit stream --------------------------------------------------------------------


async def audit_platform(
    session: AsyncSession,
    settings: Settings,
    *,
    actor: Actor,
    action: str,
    resource_type: str,
    resource_id: str | None,
    details: dict[str, Any] | None = None,
    outcome: str = "success",
) -> None:
    """One event in the platform's own stream. Operators are in no tenant environment; the event
    names the deployment's (`RADIANT_ENV`) so a SIEM can tell production's operators apart."""
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=PLATFORM_TENANT,
        actor=actor,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        outcome=outcome,
        details=details,
        environment=settings.environment,
    )


def operator_actor(operator: Operator, client: Client) -> Actor:
    return Actor(type="operator", id=str(operator.id), name=operator.name, ip=client.ip, user_agent=client.user_agent)


async def _audit_by(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    action: str,
    resource_type: str,
    resource_id: str,
    details: dict[str, Any] | None = None,
) -> None:
    await audit_platform(
        session,
        deps.settings,
        actor=ctx.actor(),
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        details=details,
    )


# --- who is asking --------------------------------------------------------------------------------


def operator_uuid(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


async def acting_operator(session: AsyncSession, ctx: RequestContext, permission: str) -> Operator:
    """The requester's account as it is now: active, and its current role holds `permission`."""
    operator_id = operator_uuid(ctx.subject)
    operator = await repo.get_operator(session, operator_id) if operator_id else None
    if operator is None or operator.status != "active" or not has_platform_permission(operator.role, permission):
        raise Forbidden(f"Your operator account is not active or no longer holds '{permission}'")
    return operator


# --- invitations ----------------------------------------------------------------------------------


async def bootstrap_operator(
    session: AsyncSession, settings: Settings, *, email: str, name: str, role: PlatformRole
) -> tuple[OperatorInvitation, str]:
    """The CLI's invitation (`radiant bootstrap-operator`): the first operator, or a new one when no
    operator can sign in any more. Never a default password. A pending invitation for the same
    address is replaced (its link stops working), so a lost link is fixed by running it again."""
    email = email.lower()
    if await repo.operator_email_taken(session, email):
        raise Conflict(f"{email} is already a platform operator")
    for superseded in await repo.revoke_pending_invitations_for(session, email):
        await audit_platform(
            session,
            settings,
            actor=CLI_ACTOR,
            action="operator.invitation_revoke",
            resource_type="operator_invitation",
            resource_id=str(superseded.id),
            details={"email": email, "reason": "superseded by a new invitation from the CLI"},
        )
    return await _issue_invitation(
        session,
        settings,
        email=email,
        name=name,
        role=role,
        expires_in_hours=48,
        inviter_id=None,
        inviter_name=CLI_INVITER_NAME,
        actor=CLI_ACTOR,
    )


async def invite_operator(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: CreateOperatorInvitation
) -> OperatorInvitation:
    inviter = await acting_operator(session, ctx, "saas:write")
    email = request.email.lower()
    if await repo.operator_email_taken(session, email):
        raise Conflict("An operator with this email already exists")
    invitation, _ = await _issue_invitation(
        session,
        deps.settings,
        email=email,
        name=request.name,
        role=request.role,
        expires_in_hours=request.expires_in_hours,
        inviter_id=str(inviter.id),
        inviter_name=inviter.name,
        actor=ctx.actor(),
    )
    return invitation


async def _issue_invitation(
    session: AsyncSession,
    settings: Settings,
    *,
    email: str,
    name: str,
    role: PlatformRole,
    expires_in_hours: int,
    inviter_id: str | None,
    inviter_name: str,
    actor: Actor,
) -> tuple[OperatorInvitation, str]:
    # An expired-but-unswept invitation must not block a new one for the same address.
    await repo.expire_stale_invitations(session, email)
    token = generate_token()
    invitation = OperatorInvitation(
        id=uuid.uuid4(),
        email=email,
        name=name,
        role=str(role),
        invited_by=inviter_id,
        invited_by_name=inviter_name,
        token_hash=hash_token(token),
        expires_at=expiry_after(expires_in_hours),
        status="pending",
        created_at=datetime.now(UTC),
    )
    try:
        await repo.insert_invitation(session, invitation)
    except repo.UniqueViolation:
        raise Conflict("A pending invitation already exists for this email") from None
    content = emails.operator_invitation_email(
        name=name,
        inviter_name=inviter_name,
        role=invitation.role,
        app_name=settings.app_name,
        accept_link=emails.accept_url(settings.console_url, token),
        expires_at=invitation.expires_at,
    )
    await identity_repo.enqueue_email(
        session, to=email, subject=content.subject, html=content.html, text_body=content.text
    )
    await audit_platform(
        session,
        settings,
        actor=actor,
        action="operator.invite",
        resource_type="operator_invitation",
        resource_id=str(invitation.id),
        details={"email": email, "role": invitation.role, "expiresAt": invitation.expires_at.isoformat()},
    )
    return invitation, token


async def list_invitations(
    session: AsyncSession, page: PageRequest, *, status: str | None
) -> Sequence[OperatorInvitation]:
    """Up to `page.fetch_limit` rows: the endpoint cuts the page and knows whether more follow."""
    await repo.expire_stale_invitations(session)
    return await repo.list_invitations(session, status=status, limit=page.fetch_limit, offset=page.offset)


async def revoke_invitation(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, invitation_id: uuid.UUID
) -> OperatorInvitation:
    current = await repo.get_invitation(session, invitation_id)
    if current is None:
        raise NotFound("Invitation")
    await acting_operator(session, ctx, "saas:write")
    revoked = await repo.revoke_invitation(session, invitation_id)
    if revoked is None:
        raise Conflict(f"Cannot revoke a {current.status} invitation")
    await _audit_by(
        session,
        deps,
        ctx,
        "operator.invitation_revoke",
        "operator_invitation",
        str(invitation_id),
        {"email": revoked.email},
    )
    return revoked


async def accept_invitation(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: AcceptOperatorInvitation
) -> tuple[Operator, dict[str, Any]]:
    """Creates the operator with a password and an authenticator, exactly once per invitation however
    many accepts race. The TOTP secret and the recovery codes are shown in this answer only."""
    invitation = await repo.find_invitation_by_token_hash(session, hash_token(request.token))
    if invitation is None or not verify_token(request.token, invitation.token_hash) or invitation.status != "pending":
        raise ProblemError(404, INVALID_INVITATION)
    if invitation.expires_at <= datetime.now(UTC):
        await repo.mark_invitation_expired(session, invitation.id)
        raise refusal_keeping_effects(ProblemError(410, "This invitation has expired"))
    claimed = await repo.claim_pending_invitation(session, invitation.id, ip=client.ip)
    if claimed is None:  # another accept won, or it was revoked meanwhile
        raise ProblemError(404, INVALID_INVITATION)

    secret = new_totp_secret()
    operator_id = uuid.uuid4()
    operator = Operator(
        id=operator_id,
        email=claimed.email,
        name=request.name or claimed.name,
        role=claimed.role,
        status="active",
        password_hash=await asyncio.to_thread(hash_password, request.password),
        totp_secret_enc=deps.secret_box.seal(secret, admin_id=operator_id),  # bound to its owner
        invitation_id=claimed.id,
        invited_by=claimed.invited_by,
    )
    try:
        await repo.insert_operator(session, operator)
    except repo.UniqueViolation:
        raise Conflict("An operator with this email already exists") from None
    recovery_codes = new_recovery_codes()
    await repo.replace_recovery_codes(
        session, operator.id, [deps.secret_box.recovery_code_hash(operator.id, c) for c in recovery_codes]
    )
    await audit_platform(
        session,
        deps.settings,
        actor=operator_actor(operator, client),
        action="operator.accept",
        resource_type="operator_invitation",
        resource_id=str(claimed.id),
        details={"email": operator.email, "role": operator.role, "operatorId": str(operator.id), "mfa": "totp"},
    )
    uri = totp_uri(secret, operator.email, f"{deps.settings.totp_issuer} platform")
    enrollment = {
        "secret": secret,
        "otpauthUri": uri,
        "qrCode": totp_qr_png_data_uri(uri),
        "recoveryCodes": recovery_codes,
    }
    return operator, enrollment


# --- operators ------------------------------------------------------------------------------------


async def list_operators(
    session: AsyncSession, page: PageRequest, *, role: str | None, status: str | None
) -> Sequence[Operator]:
    return await repo.list_operators(session, role=role, status=status, limit=page.fetch_limit, offset=page.offset)


async def get_operator(session: AsyncSession, operator_id: uuid.UUID) -> Operator:
    operator = await repo.get_operator(session, operator_id)
    if operator is None:
        raise NotFound("Operator")
    return operator


async def update_operator(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, operator_id: uuid.UUID, request: UpdateOperator
) -> Operator:
    """Name, role, status. Nobody changes their own role or status, and the last active
    platform_admin is never demoted or suspended. A changed role or a suspension ends the
    operator's sessions: their tokens carry the old role."""
    await repo.lock_operator_changes(session)  # first: the checks below see every earlier change
    target = await repo.get_operator_for_update(session, operator_id)
    if target is None:
        raise NotFound("Operator")
    requester = await acting_operator(session, ctx, "saas:write")
    new_role = str(request.role) if request.role is not None else target.role
    new_status = request.status or target.status
    if (new_role, new_status) != (target.role, target.status):
        if target.id == requester.id:
            raise Forbidden("You cannot change your own role or status")
        await _ensure_an_admin_remains(session, target, new_role=new_role, new_status=new_status)

    if request.name is not None and request.name != target.name:
        previous_name, target.name = target.name, request.name
        target.updated_at = datetime.now(UTC)
        await _audit_by(
            session,
            deps,
            ctx,
            "operator.update",
            "operator",
            str(target.id),
            {"previous": previous_name, "name": target.name},
        )
    if new_role != target.role:
        previous_role, target.role = target.role, new_role
        target.updated_at = datetime.now(UTC)
        revoked = await end_sessions(session, deps, target)
        await _audit_by(
            session,
            deps,
            ctx,
            "operator.role_change",
            "operator",
            str(target.id),
            {"previousRole": previous_role, "newRole": new_role, "sessionsRevoked": revoked},
        )
    if new_status != target.status:
        target.status = new_status
        target.updated_at = datetime.now(UTC)
        revoked = await end_sessions(session, deps, target) if new_status == "suspended" else 0
        action = "operator.suspend" if new_status == "suspended" else "operator.reactivate"
        await _audit_by(session, deps, ctx, action, "operator", str(target.id), {"sessionsRevoked": revoked})
    await session.flush()
    return target


async def end_sessions(session: AsyncSession, deps: IdentityDeps, operator: Operator) -> int:
    """Revoke the operator's refresh tokens, and refuse at once the access tokens issued with them
    (their ids marked in Redis, checked by the gateway and every service) rather than letting them
    live out their 15 minutes with a role or an account that is gone. The marks are written before
    the transaction commits: should it then fail, a few tokens were refused early, never kept."""
    for token_id, expires_at in await repo.live_access_tokens(session, operator.id):
        await revoke_token(deps.redis, token_id, expires_at.timestamp())
    return await repo.revoke_operator_sessions(session, operator.id)


def leaves_no_admin(target: Operator, *, new_role: str, new_status: str, other_active_admins: int) -> bool:
    """Whether this change would take away the platform's last active platform_admin."""
    is_active_admin = target.role == PlatformRole.PLATFORM_ADMIN and target.status == "active"
    stays_active_admin = new_role == PlatformRole.PLATFORM_ADMIN and new_status == "active"
    return is_active_admin and not stays_active_admin and other_active_admins == 0


async def _ensure_an_admin_remains(session: AsyncSession, target: Operator, *, new_role: str, new_status: str) -> None:
    others = await repo.count_active_platform_admins(session, excluding=target.id)
    if leaves_no_admin(target, new_role=new_role, new_status=new_status, other_active_admins=others):
        raise Conflict("This is the last active platform_admin; make another operator platform_admin first")


# --- the platform's figures (`/saas/stats`, identity's part) ---------------------------------------

#: Members use the tenant's agents; they administer nothing, so they are not counted as administrators.
NOT_ADMINISTRATORS = ("member",)
RECENT_SIGN_IN = timedelta(days=30)


async def platform_stats(session: AsyncSession, now: datetime | None = None) -> IdentityStats:
    now = now or datetime.now(UTC)
    tenants = await repo.tenants_by_status_and_environment(session)
    return IdentityStats(
        tenants=[TenantCount(status=s, environment=e, count=n) for s, e, n in sorted(tenants)],
        administrators_by_role=await repo.active_administrators_by_role(session, excluding_roles=NOT_ADMINISTRATORS),
        tenants_signed_in_last_30_days=await repo.tenants_signed_in_since(session, now - RECENT_SIGN_IN),
    )
