"""Business rules: tenants, invitations, administrators, profiles and notifications."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.envelope import make_event
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.tenant import TenantCreated
from radiant_contracts.permissions import can_manage_role, has_permission
from radiant_platform.db import unit_of_work
from radiant_platform.errors import Conflict, Forbidden, NotFound, ProblemError
from radiant_platform.outbox import enqueue_event

from . import emails, repository as repo
from .context import SOURCE, Caller, Client, refuse_after_commit, Identity, record_audit
from .models import AdminProfile, Administrator, Invitation, Tenant
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

DEFAULT_NOTIFICATION_SETTINGS = {
    "method": "email", "frequency": "immediate",
    "categories": {"security": True, "billing": True, "deployments": True, "approvals": True, "system": True},
}


def _field_problem(field: str, message: str) -> ProblemError:
    return ProblemError(422, "The request has invalid fields", title="Validation failed",
                        errors=[{"field": field, "message": message, "type": "value_error"}])


# --- tenants --------------------------------------------------------------------------------------


async def create_tenant(session: AsyncSession, *, name: str, environment: str, app_id: str,
                        created_by: str | None = None) -> Tenant:
    tenant = Tenant(id=str(uuid.uuid4()), name=name, app_id=app_id, environment=environment, status="active")
    await repo.insert_tenant(session, tenant)
    await enqueue_event(session, make_event(
        TenantCreated(tenant_id=tenant.id, name=name, app_id=app_id, environment=environment, changed_by=created_by),
        tenant_id=tenant.id, source=SOURCE,
    ))
    await record_audit(session, tenant_id=tenant.id, actor=Actor(type="system", id=created_by or "radiant-cli"),
                       action="tenant.create", resource_type="tenant", resource_id=tenant.id,
                       environment=environment, details={"name": name}, app_id=app_id)
    return tenant


async def bootstrap(session: AsyncSession, identity: Identity, *, tenant_name: str, email: str,
                    environment: str) -> tuple[Tenant, Invitation, str]:
    """First start: a tenant and a one-time super_admin invitation (never a default password)."""
    tenant = await create_tenant(session, name=tenant_name, environment=environment,
                                 app_id=identity.settings.app_id)
    invitation, token = await _issue_invitation(
        session, identity, tenant_id=tenant.id, environment=environment, email=email.lower(), role="super_admin",
        message=None, expires_in_hours=48, inviter_id=None, inviter_name="Radiant setup",
        actor=Actor(type="system", id="radiant-cli"),
    )
    return tenant, invitation, token


# --- invitations ----------------------------------------------------------------------------------


async def create_invitation(session: AsyncSession, identity: Identity, caller: Caller,
                            request: CreateInvitationRequest) -> Invitation:
    if not can_manage_role(caller.role, request.role):
        raise Forbidden("Cannot invite administrator with higher role than your own")
    email = request.email.lower()
    if await repo.admin_email_taken(session, caller.tenant_id, email):
        raise Conflict("An administrator with this email already exists")
    inviter_name = (await repo.get_display_name(session, caller.tenant_id, caller.principal.subject)
                    or caller.principal.name or "An administrator")
    invitation, _ = await _issue_invitation(
        session, identity, tenant_id=caller.tenant_id, environment=caller.environment, email=email,
        role=request.role, message=request.message, expires_in_hours=request.expires_in_hours,
        inviter_id=caller.principal.subject, inviter_name=inviter_name, actor=caller.actor(),
    )
    return invitation


async def _issue_invitation(session: AsyncSession, identity: Identity, *, tenant_id: str, environment: str,
                            email: str, role: str, message: str | None, expires_in_hours: int,
                            inviter_id: str | None, inviter_name: str, actor: Actor) -> tuple[Invitation, str]:
    # An expired-but-unswept invitation must not block a new one for the same address.
    await repo.expire_stale_invitations(session, tenant_id, email)
    token = generate_token()
    invitation = Invitation(
        id=uuid.uuid4(), email=email, role=role, invited_by=inviter_id, invited_by_name=inviter_name,
        app_id=identity.settings.app_id, tenant_id=tenant_id, environment=environment,
        token_hash=hash_token(token), expires_at=_hours_from_now(expires_in_hours), status="pending",
        message=message, created_at=datetime.now(UTC),
    )
    try:
        await repo.insert_invitation(session, invitation)
    except repo.UniqueViolation:
        raise Conflict("A pending invitation already exists for this email") from None
    await _queue_invitation_email(session, identity, invitation, token, reminder=False)
    await record_audit(session, tenant_id=tenant_id, actor=actor, action="invitation.create",
                       resource_type="invitation", resource_id=str(invitation.id), environment=environment,
                       details={"email": email, "role": role, "expiresAt": invitation.expires_at.isoformat()},
                       app_id=invitation.app_id)
    return invitation, token


def _hours_from_now(hours: int) -> datetime:
    return expiry_after(hours)


async def _queue_invitation_email(session: AsyncSession, identity: Identity, invitation: Invitation, token: str, *,
                                  reminder: bool) -> None:
    settings = identity.settings
    content = emails.invitation_email(
        inviter_name=invitation.invited_by_name or "An administrator", role=invitation.role,
        app_name=settings.app_name, environment=invitation.environment,
        accept_link=emails.accept_url(settings.app_base_url, token), expires_at=invitation.expires_at,
        message=invitation.message, reminder=reminder,
    )
    await repo.enqueue_email(session, to=invitation.email, subject=content.subject, html=content.html,
                             text_body=content.text)


async def list_invitations(session: AsyncSession, caller: Caller, *, status: str | None, limit: int,
                           offset: int) -> Sequence[Invitation]:
    return await repo.list_invitations(session, caller.tenant_id, status=status, limit=limit, offset=offset)


async def get_invitation(session: AsyncSession, caller: Caller, invitation_id: uuid.UUID) -> Invitation:
    invitation = await repo.get_invitation(session, caller.tenant_id, invitation_id)
    if invitation is None:
        raise NotFound("Invitation")
    return invitation


async def resend_invitation(session: AsyncSession, identity: Identity, caller: Caller,
                            invitation_id: uuid.UUID) -> Invitation:
    """A fresh token and expiry; the old link stops working."""
    current = await get_invitation(session, caller, invitation_id)
    token = generate_token()
    rotated = await repo.rotate_invitation_token(session, caller.tenant_id, invitation_id,
                                                 token_hash=hash_token(token), expires_at=_hours_from_now(48))
    if rotated is None:
        raise Conflict(f"Cannot resend {current.status} invitation")
    await _queue_invitation_email(session, identity, rotated, token, reminder=True)
    await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action="invitation.resend",
                       resource_type="invitation", resource_id=str(invitation_id), environment=caller.environment,
                       details={"email": rotated.email, "expiresAt": rotated.expires_at.isoformat()})
    return rotated


async def revoke_invitation(session: AsyncSession, caller: Caller, invitation_id: uuid.UUID) -> Invitation:
    current = await get_invitation(session, caller, invitation_id)
    revoked = await repo.revoke_invitation(session, caller.tenant_id, invitation_id)
    if revoked is None:
        raise Conflict(f"Cannot revoke {current.status} invitation")
    await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action="invitation.revoke",
                       resource_type="invitation", resource_id=str(invitation_id), environment=caller.environment,
                       details={"email": revoked.email})
    return revoked


INVALID_INVITATION = "Invalid or expired invitation"


async def accept_invitation(session: AsyncSession, identity: Identity, client: Client,
                            request: AcceptInvitationRequest) -> tuple[Administrator, dict[str, Any] | None]:
    """Creates the administrator; exactly once per invitation, however many accepts race."""
    invitation = await repo.find_invitation_by_token_hash(session, hash_token(request.token))
    if invitation is None or not verify_token(request.token, invitation.token_hash) \
            or invitation.status != "pending":
        raise ProblemError(404, INVALID_INVITATION)
    if invitation.expires_at <= datetime.now(UTC):
        await repo.mark_invitation_expired(session, invitation.id)
        raise refuse_after_commit(ProblemError(410, "This invitation has expired"))
    _check_mfa_choice(identity, invitation.environment, request)

    claimed = await repo.claim_pending_invitation(session, invitation.id, ip=client.ip)
    if claimed is None:  # another accept won, or it was revoked meanwhile
        raise ProblemError(404, INVALID_INVITATION)

    password_hash = await asyncio.to_thread(hash_password, request.password)
    admin = Administrator(
        id=uuid.uuid4(), tenant_id=claimed.tenant_id, app_id=claimed.app_id, environment=claimed.environment,
        email=claimed.email, first_name=request.first_name, last_name=request.last_name,
        display_name=f"{request.first_name} {request.last_name}", role=claimed.role, status="active",
        password_hash=password_hash, mfa_enabled=False, mfa_method=request.mfa_method,
        phone=request.phone, invitation_id=claimed.id, created_by=claimed.invited_by,
    )
    enrollment = _enrol_mfa_for_production(identity, admin, request) if claimed.environment == "prod" else None
    try:
        await repo.insert_admin(session, admin)
    except repo.UniqueViolation:
        raise Conflict("An administrator with this email already exists") from None
    if enrollment and enrollment.get("recoveryCodes"):
        await repo.replace_recovery_codes(session, admin.id, [hash_token(c) for c in enrollment["recoveryCodes"]])
    await repo.insert_profile(session, AdminProfile(
        admin_id=admin.id, notifications=DEFAULT_NOTIFICATION_SETTINGS, default_environment=claimed.environment,
    ))
    actor = Actor(type="admin", id=str(admin.id), name=admin.display_name, ip=client.ip,
                  user_agent=client.user_agent)
    await record_audit(session, tenant_id=admin.tenant_id, actor=actor, action="invitation.accept",
                       resource_type="invitation", resource_id=str(claimed.id), environment=claimed.environment,
                       details={"email": admin.email, "role": admin.role, "adminId": str(admin.id),
                                "firstName": admin.first_name, "lastName": admin.last_name},
                       app_id=admin.app_id)
    return admin, enrollment


def _check_mfa_choice(identity: Identity, environment: str, request: AcceptInvitationRequest) -> None:
    if request.mfa_method != "sms":
        return
    if environment == "prod" and not request.phone:
        raise _field_problem("phone", "Phone number required for SMS MFA")
    if not identity.settings.sms_provider:
        raise _field_problem("mfaMethod", "SMS MFA needs an SMS provider and none is configured; "
                                          "choose 'authenticator' or 'email'")


def _enrol_mfa_for_production(identity: Identity, admin: Administrator,
                              request: AcceptInvitationRequest) -> dict[str, Any] | None:
    """Production administration requires MFA from the first login on."""
    admin.mfa_enabled = True
    if request.mfa_method != "authenticator":
        return None  # email: codes are mailed at login
    secret = new_totp_secret()
    admin.totp_secret_enc = identity.secret_box.seal(secret)
    uri = totp_uri(secret, admin.email, identity.settings.totp_issuer)
    return {"method": "authenticator", "secret": secret, "otpauthUri": uri, "qrCode": totp_qr_png_data_uri(uri),
            "recoveryCodes": new_recovery_codes()}


async def expire_invitations_job(identity: Identity) -> int:
    assert identity.sessionmaker is not None
    async with unit_of_work(identity.sessionmaker) as session:
        return await repo.expire_all_stale_invitations(session)


# --- administrators -------------------------------------------------------------------------------


async def list_admins(session: AsyncSession, caller: Caller, *, role: str | None, status: str | None, limit: int,
                      offset: int) -> Sequence[Administrator]:
    return await repo.list_admins(session, caller.tenant_id, role=role, status=status, limit=limit, offset=offset)


async def get_admin(session: AsyncSession, caller: Caller, admin_id: uuid.UUID) -> Administrator:
    admin = await repo.get_admin(session, caller.tenant_id, admin_id)
    if admin is None:
        raise NotFound("Administrator")
    return admin


async def _target_for_change(session: AsyncSession, caller: Caller, admin_id: uuid.UUID) -> Administrator:
    target = await repo.get_admin_for_update(session, caller.tenant_id, admin_id)
    if target is None:
        raise NotFound("Administrator")
    if not can_manage_role(caller.role, target.role):
        raise Forbidden("Cannot manage an administrator with a higher role than your own")
    return target


async def update_admin(session: AsyncSession, identity: Identity, caller: Caller, admin_id: uuid.UUID,
                       request: UpdateAdminRequest, bearer: str) -> tuple[Administrator, dict[str, Any] | None]:
    target = await _target_for_change(session, caller, admin_id)
    is_self = str(target.id) == caller.principal.subject
    pending: dict[str, Any] | None = None

    if request.first_name is not None or request.last_name is not None:
        target.first_name = request.first_name or target.first_name
        target.last_name = request.last_name or target.last_name
        target.display_name = f"{target.first_name} {target.last_name}"
        target.updated_at = datetime.now(UTC)
        await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action="user.update",
                           resource_type="administrator", resource_id=str(target.id),
                           environment=caller.environment,
                           details={"firstName": target.first_name, "lastName": target.last_name})

    if request.status is not None and request.status != target.status:
        if is_self:
            raise Forbidden("You cannot change your own status")
        target.status = request.status
        target.updated_at = datetime.now(UTC)
        revoked = await repo.revoke_admin_sessions(session, target.id) if request.status == "suspended" else 0
        action = "user.suspend" if request.status == "suspended" else "user.reactivate"
        await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action=action,
                           resource_type="administrator", resource_id=str(target.id),
                           environment=caller.environment, details={"sessionsRevoked": revoked})

    if request.role is not None and request.role != target.role:
        if is_self:
            raise Forbidden("You cannot change your own role")
        if not can_manage_role(caller.role, request.role):
            raise Forbidden("Cannot assign a role higher than your own")
        if caller.environment == "prod":
            pending = await _request_role_change_approval(identity, caller, target, request.role, bearer)
            await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(),
                               action="user.role_change_requested", resource_type="administrator",
                               resource_id=str(target.id), environment=caller.environment,
                               details={"previousRole": target.role, "newRole": request.role,
                                        "approvalId": pending["id"]})
        else:
            previous = target.role
            target.role = request.role
            target.updated_at = datetime.now(UTC)
            await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action="user.role_change",
                               resource_type="administrator", resource_id=str(target.id),
                               environment=caller.environment,
                               details={"previousRole": previous, "newRole": request.role})
    await session.flush()
    return target, pending


async def _request_role_change_approval(identity: Identity, caller: Caller, target: Administrator, new_role: str,
                                        bearer: str) -> dict[str, Any]:
    """The approval service owns approval requests; it is created as the requesting administrator."""
    body = {
        "type": "user_role_change", "action": "change_role", "resourceType": "administrator",
        "resourceId": str(target.id), "priority": "high",
        "details": {"user_id": str(target.id), "userId": str(target.id), "new_role": new_role, "newRole": new_role,
                    "previous_role": target.role, "email": target.email},
        "notes": f"Change role of {target.email} from {target.role} to {new_role}",
    }
    headers = {"Authorization": f"Bearer {bearer}"}
    if caller.client.ip:
        headers["X-Forwarded-For"] = caller.client.ip
    try:
        response = await identity.http.post(f"{identity.settings.approval_url}/api/v2/admin/approvals",
                                            json=body, headers=headers)
    except httpx.HTTPError as exc:
        log.warning("approval service unreachable: %s", exc)
        raise ProblemError(503, "The approval service is unavailable; try again shortly",
                           headers={"Retry-After": "5"}) from None
    if response.status_code >= 400:
        log.warning("approval service refused the role-change request: %s %s", response.status_code,
                    response.text[:500])
        status = response.status_code if response.status_code in (400, 403, 409, 422) else 502
        raise ProblemError(status, "The approval request for this role change was refused",
                           upstream_status=response.status_code)
    approval = response.json().get("approval", response.json())
    return {"id": str(approval.get("id")), "status": approval.get("status", "pending"), "type": "user_role_change"}


async def delete_admin(session: AsyncSession, caller: Caller, admin_id: uuid.UUID) -> None:
    target = await _target_for_change(session, caller, admin_id)
    if str(target.id) == caller.principal.subject:
        raise Forbidden("You cannot delete yourself")
    target.status = "deleted"
    target.updated_at = datetime.now(UTC)
    revoked = await repo.revoke_admin_sessions(session, target.id)
    await session.flush()
    await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action="user.remove",
                       resource_type="administrator", resource_id=str(target.id), environment=caller.environment,
                       details={"email": target.email, "role": target.role, "sessionsRevoked": revoked})


# --- profiles -------------------------------------------------------------------------------------


def _admin_uuid(caller: Caller) -> uuid.UUID:
    try:
        return uuid.UUID(caller.principal.subject)
    except ValueError:
        raise NotFound("Profile") from None


async def get_profile(session: AsyncSession, caller: Caller) -> AdminProfile:
    admin_id = _admin_uuid(caller)
    if await repo.get_admin(session, caller.tenant_id, admin_id) is None:
        raise NotFound("Profile")
    profile = await repo.get_profile(session, admin_id)
    if profile is None:
        raise NotFound("Profile")
    return profile


async def update_profile(session: AsyncSession, caller: Caller, request: UpdateProfileRequest) -> AdminProfile:
    current = await get_profile(session, caller)
    values = request.model_dump(exclude_unset=True, exclude_none=True, by_alias=False)
    if "notifications" in values:
        values["notifications"] = request.notifications.model_dump(by_alias=False)  # type: ignore[union-attr]
    if not values:
        return current
    updated = await repo.update_profile(session, current.admin_id, values)
    assert updated is not None
    await record_audit(session, tenant_id=caller.tenant_id, actor=caller.actor(), action="profile.update",
                       resource_type="admin_profile", resource_id=str(current.admin_id),
                       environment=caller.environment, details={"fields": sorted(values)})
    return updated


# --- notifications --------------------------------------------------------------------------------


async def list_notifications(session: AsyncSession, caller: Caller, *, unread_only: bool, limit: int,
                             offset: int):
    admin_id = _admin_uuid(caller)
    items = await repo.list_notifications(session, admin_id, caller.tenant_id, unread_only=unread_only,
                                          limit=limit, offset=offset)
    return items, await repo.count_unread(session, admin_id, caller.tenant_id)


async def unread_count(session: AsyncSession, caller: Caller) -> int:
    return await repo.count_unread(session, _admin_uuid(caller), caller.tenant_id)


async def mark_read(session: AsyncSession, caller: Caller, notification_id: uuid.UUID | None) -> int:
    admin_id = _admin_uuid(caller)
    if notification_id is not None and not await repo.notification_exists(session, admin_id, caller.tenant_id,
                                                                          notification_id):
        raise NotFound("Notification")
    return await repo.mark_notifications_read(session, admin_id, caller.tenant_id, notification_id)


async def dismiss(session: AsyncSession, caller: Caller, notification_id: uuid.UUID) -> None:
    if not await repo.dismiss_notification(session, _admin_uuid(caller), caller.tenant_id, notification_id):
        raise NotFound("Notification")


def wants_email(profile: AdminProfile | None, category: str) -> bool:
    settings = (profile.notifications if profile else None) or DEFAULT_NOTIFICATION_SETTINGS
    method = settings.get("method", "email")
    categories = settings.get("categories", {})
    return method in ("email", "both") and settings.get("frequency", "immediate") == "immediate" \
        and categories.get(category, True)


async def notify(session: AsyncSession, identity: Identity, recipients: Sequence[Administrator], *, tenant_id: str,
                 source_event_id: str, type_: str, category: str, priority: str, title: str, message: str,
                 action_url: str | None = None, action_label: str | None = None,
                 email: emails.EmailContent | None = None) -> int:
    """In-app notifications (once per event and recipient) plus email when the profile asks for it."""
    profiles = await repo.profiles_for(session, [r.id for r in recipients])
    created = 0
    for admin in recipients:
        profile = profiles.get(admin.id)
        category_on = ((profile.notifications if profile else DEFAULT_NOTIFICATION_SETTINGS)
                       .get("categories", {}).get(category, True))
        if category != "security" and not category_on:
            continue
        notification_id = await repo.insert_notification(session, {
            "admin_id": admin.id, "tenant_id": tenant_id, "type": type_, "priority": priority, "title": title[:255],
            "message": message, "action_url": action_url, "action_label": action_label,
            "source_event_id": source_event_id,
        })
        if notification_id is None:
            continue
        created += 1
        if wants_email(profile, category):
            content = email or emails.notification_email(title=title, message=message, action_url=action_url)
            await repo.enqueue_email(session, to=admin.email, subject=content.subject, html=content.html,
                                     text_body=content.text)
            await repo.mark_notification_emailed(session, notification_id)
    return created


def eligible_approvers(admins: Sequence[Administrator], requested_by: str) -> list[Administrator]:
    return [a for a in admins if has_permission(a.role, "approvals:*") and str(a.id) != requested_by]


def billing_recipients(admins: Sequence[Administrator]) -> list[Administrator]:
    return [a for a in admins if has_permission(a.role, "billing:read")]
