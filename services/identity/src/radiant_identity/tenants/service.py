"""The tenant lifecycle's rules: operators create, change, suspend, reactivate and impersonate tenants.

Every operator action is audited twice: in the platform stream (tenant id `platform`), where the
operators' own trail lives, and in the tenant's log, which its administrators and auditors read.

Suspension ends the tenant's sessions at once: its refresh tokens are revoked in the same
transaction, and a mark in Redis (`radiant_platform.revocation`) makes the gateway and every service
refuse its access tokens from that moment. The mark is written last, after every database change
of the request succeeded; `reconcile_revocation_marks` repairs a mark that disagrees with the
tenant's record (a commit that failed after the mark was written, a Redis that lost its data).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.api import CONTROL_CHARACTERS, PageRequest
from radiant_contracts.approvals import TenantDeletion
from radiant_contracts.envelope import make_event
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.tenant import (
    TenantCreated,
    TenantDeleted,
    TenantReactivated,
    TenantSuspended,
    TenantUpdated,
)
from radiant_contracts.payload import EventPayload
from radiant_platform import console_links, revocation, tenant_purge
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.approvals import CannotExecute
from radiant_platform.audit import record_audit
from radiant_platform.auth import PLATFORM_TENANT, Principal
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, Forbidden, NotFound
from radiant_platform.outbox import enqueue_event

from .. import service as identity_service
from ..agents import service as agents_service
from ..config import Settings
from ..deps import SOURCE, IdentityDeps
from ..models import Invitation, Tenant
from ..service_keys.service import store_of
from . import repository as repo
from .models import ImpersonationSession, TenantStatusChange
from .repository import TenantSort
from .schemas import CreateTenantRequest, ImpersonateRequest, TenantSettingsIn, UpdateTenantRequest, settings_out

log = logging.getLogger(__name__)

STATUS_HISTORY_SHOWN = 50
#: A suspended mark that the tenant's record does not back is lifted only after this long, so the
#: reconciler never undoes a suspension whose transaction is still committing.
UNBACKED_MARK_GRACE_SECONDS = 60.0
#: The role an impersonation acts with: all a tenant's administrators can see (writes only if asked).
IMPERSONATION_ROLE = "super_admin"
INACTIVE = ("suspended", "deleted")


@dataclass(frozen=True)
class TenantFacts:
    """What identity knows of a tenant, for an operator's detail view."""

    tenant: Tenant
    administrators_by_role: dict[str, int]
    pending_invitations: int
    last_login_at: datetime | None
    status_history: Sequence[TenantStatusChange]
    active_impersonations: Sequence[ImpersonationSession]


def revocation_mark_seconds(settings: Settings) -> int:
    """How long a lifted suspension's not-before is kept: past the longest-lived access token."""
    longest_minutes = max(settings.access_token_minutes, settings.impersonation_max_minutes)
    return (longest_minutes + 5) * 60


# --- reading --------------------------------------------------------------------------------------


async def list_tenants(
    session: AsyncSession,
    page: PageRequest,
    *,
    status: str | None,
    environment: str | None,
    search: str | None,
    sort: TenantSort,
) -> Sequence[Tenant]:
    """Up to `page.fetch_limit` rows: the endpoint cuts the page and knows whether more follow."""
    return await repo.list_tenants(
        session,
        status=status,
        environment=environment,
        search=search,
        sort=sort,
        limit=page.fetch_limit,
        offset=page.offset,
    )


async def get_tenant(session: AsyncSession, tenant_id: str) -> Tenant:
    tenant = await repo.get_tenant(session, tenant_id)
    if tenant is None:
        raise NotFound("Tenant")
    return tenant


async def tenant_facts(session: AsyncSession, tenant_id: str) -> TenantFacts:
    tenant = await get_tenant(session, tenant_id)
    now = datetime.now(UTC)
    recent = await repo.recent_impersonations(session, tenant_id, limit=STATUS_HISTORY_SHOWN, offset=0)
    return TenantFacts(
        tenant=tenant,
        administrators_by_role=await repo.administrator_counts(session, tenant_id),
        pending_invitations=await repo.pending_invitation_count(session, tenant_id),
        last_login_at=await repo.last_login_at(session, tenant_id),
        status_history=await repo.status_history(session, tenant_id, STATUS_HISTORY_SHOWN),
        active_impersonations=[s for s in recent if is_live(s, now)],
    )


def is_live(impersonation: ImpersonationSession, at: datetime) -> bool:
    return impersonation.ended_at is None and impersonation.expires_at > at


async def list_impersonations(
    session: AsyncSession, tenant_id: str, page: PageRequest
) -> Sequence[ImpersonationSession]:
    await get_tenant(session, tenant_id)
    return await repo.recent_impersonations(session, tenant_id, limit=page.fetch_limit, offset=page.offset)


# --- creating and changing ------------------------------------------------------------------------


async def create_tenant(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: CreateTenantRequest
) -> tuple[Tenant, Invitation]:
    """The tenant, its `tenant.created`, and a one-time invitation for its first super_admin — the
    same invitation (and email) as `radiant bootstrap` sends, never a default password."""
    now = datetime.now(UTC)
    tenant = Tenant(
        id=str(uuid.uuid4()),
        name=request.name,
        app_id=request.app_id or deps.settings.app_id,
        environment=request.environment,
        status="active",
        settings=_merged_settings({}, request.settings),
        created_by=ctx.subject,
        created_at=now,
        updated_at=now,
        status_changed_at=now,
    )
    await repo.insert_tenant(session, tenant)
    await repo.insert_status_change(session, _status_change(ctx, tenant.id, None, "active", "created", now))
    contact = str(request.super_admin_email).lower()
    await _publish(session, TenantCreated(**_snapshot(tenant, ctx), contact_email=contact), tenant)
    await audit_operator_action(
        session, ctx, tenant, "tenant.create", details={"name": tenant.name, "environment": tenant.environment}
    )
    invitation, _ = await identity_service._issue_invitation(
        session,
        deps.settings,
        tenant_id=tenant.id,
        environment=tenant.environment,
        email=str(request.super_admin_email).lower(),
        role="super_admin",
        message=None,
        expires_in_hours=48,
        inviter_id=ctx.subject,
        inviter_name=ctx.display_name or "The platform team",
        actor=ctx.actor(),
    )
    return tenant, invitation


async def update_tenant(
    session: AsyncSession, ctx: RequestContext, tenant_id: str, request: UpdateTenantRequest
) -> Tenant:
    current = await repo.get_tenant_for_update(session, tenant_id)
    if current is None:
        raise NotFound("Tenant")
    changes: dict[str, Any] = {}
    if request.name is not None and request.name != current.name:
        changes["name"] = request.name
    if request.app_id is not None and request.app_id != current.app_id:
        changes["app_id"] = request.app_id
    if request.settings is not None:
        merged = _merged_settings(current.settings, request.settings)
        if merged != _merged_settings(current.settings, None):
            changes["settings"] = merged
    if not changes:
        return current
    updated = await repo.update_tenant(session, tenant_id, changes)
    assert updated is not None  # locked above
    changed = sorted(changes)
    await _publish(session, TenantUpdated(**_snapshot(updated, ctx), changed_fields=changed), updated)
    await audit_operator_action(
        session, ctx, updated, "tenant.update", details={"changedFields": changed, **_jsonable(changes)}
    )
    return updated


def _merged_settings(stored: dict[str, Any] | None, given: TenantSettingsIn | None) -> dict[str, Any]:
    """The stored settings with the members given replacing theirs (defaults filled in)."""
    merged = settings_out(stored).model_dump(by_alias=False)
    if given is not None:
        merged.update(given.model_dump(by_alias=False, exclude_none=True))
    return merged


def _jsonable(changes: dict[str, Any]) -> dict[str, Any]:
    return {("appId" if k == "app_id" else k): v for k, v in changes.items()}


# --- suspension -----------------------------------------------------------------------------------


async def suspend_tenant(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, tenant_id: str, reason: str
) -> Tenant:
    """Ends every session of the tenant at once: refresh tokens revoked, access tokens refused
    (the Redis mark), live impersonations ended. Usage its producers report is still metered."""
    now = datetime.now(UTC)
    tenant = await _change_status(session, tenant_id, "active", "suspended", now)
    await repo.insert_status_change(session, _status_change(ctx, tenant_id, "active", "suspended", reason, now))
    sessions_revoked = await repo.revoke_tenant_sessions(session, tenant_id)
    ended = await repo.end_live_impersonations(session, tenant_id, ended_by=ctx.subject, at=now)
    await _publish(session, TenantSuspended(**_snapshot(tenant, ctx), reason=reason), tenant)
    await audit_operator_action(
        session,
        ctx,
        tenant,
        "tenant.suspend",
        details={"reason": reason, "sessionsRevoked": sessions_revoked, "impersonationsEnded": len(ended)},
    )
    await session.flush()  # every database change is in before the mark goes out
    await revocation.mark_tenant_suspended(deps.redis, tenant_id, now.timestamp())
    return tenant


async def reactivate_tenant(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, tenant_id: str, reason: str
) -> Tenant:
    """Its administrators may sign in again; tokens from before the suspension stay refused."""
    now = datetime.now(UTC)
    tenant = await _change_status(session, tenant_id, "suspended", "active", now)
    await repo.insert_status_change(session, _status_change(ctx, tenant_id, "suspended", "active", reason, now))
    await _publish(session, TenantReactivated(**_snapshot(tenant, ctx)), tenant)
    await audit_operator_action(session, ctx, tenant, "tenant.reactivate", details={"reason": reason})
    await session.flush()
    suspended_at = tenant.suspended_at or now
    await revocation.mark_tenant_reactivated(
        deps.redis, tenant_id, suspended_at.timestamp(), revocation_mark_seconds(deps.settings)
    )
    return tenant


async def _change_status(
    session: AsyncSession, tenant_id: str, from_status: str, to_status: str, at: datetime
) -> Tenant:
    changed = await repo.change_status(
        session, tenant_id, from_status=from_status, to_status=to_status, at=at, suspending=to_status == "suspended"
    )
    if changed is not None:
        return changed
    current = await get_tenant(session, tenant_id)  # 404 when there is no such tenant
    raise Conflict(f"The tenant is {current.status}, not {from_status}", tenantStatus=current.status)


async def refuse_if_suspended(session: AsyncSession, tenant_id: str) -> None:
    """Login and refresh: a suspended (or deleted) tenant's administrators get a clear 403."""
    if await repo.tenant_status(session, tenant_id) in INACTIVE:
        raise revocation.tenant_suspended(tenant_id)


async def reconcile_revocation_marks(session: AsyncSession, redis: Redis, settings: Settings) -> int:
    """Make the Redis marks agree with the tenants' records; returns how many were rewritten."""
    keep = revocation_mark_seconds(settings)
    now = datetime.now(UTC)
    desired = {
        tenant_id: revocation.TenantMark(suspended_at.timestamp(), status in INACTIVE)
        for tenant_id, status, suspended_at in await repo.tenants_to_mark(session, now - timedelta(seconds=keep))
    }
    current = await revocation.read_tenant_marks(redis, list(desired))
    rewritten = 0
    for tenant_id, want in desired.items():
        if current.get(tenant_id) == want:
            continue
        if want.suspended:
            await revocation.mark_tenant_suspended(redis, tenant_id, want.not_before)
        else:
            remaining = int(keep - (now.timestamp() - want.not_before))
            if remaining <= 0:
                continue
            await revocation.mark_tenant_reactivated(redis, tenant_id, want.not_before, remaining)
        rewritten += 1
    async for tenant_id, mark in revocation.tenants_marked_suspended(redis):
        backed = tenant_id in desired and desired[tenant_id].suspended
        if backed or now.timestamp() - mark.not_before < UNBACKED_MARK_GRACE_SECONDS:
            continue
        log.warning("tenant %s is marked suspended but its record is not; lifting the mark", tenant_id)
        await revocation.mark_tenant_reactivated(redis, tenant_id, mark.not_before, keep)
        rewritten += 1
    return rewritten


# --- deletion -------------------------------------------------------------------------------------

SCHEMA = "identity"


@dataclass(frozen=True)
class DeletionOutcome:
    """A deletion done at once (`approval` None), or waiting for a second operator's approval."""

    tenant: Tenant
    approval: FiledApproval | None
    purge_after: datetime | None


def needs_second_operator(tenant: Tenant, settings: Settings) -> bool:
    """Deleting a production tenant is a two-person decision among operators."""
    return tenant.environment in settings.tenant_deletion_approval_environments


def purge_after(deleted_at: datetime, settings: Settings) -> datetime:
    return deleted_at + timedelta(days=settings.tenant_purge_after_days)


async def delete_tenant(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, tenant_id: str, reason: str
) -> DeletionOutcome:
    """Soft-delete the tenant now, or (prod) file the `tenant_deletion` approval a second operator
    decides; identity carries it out when approved (`apply_approved_deletion`)."""
    tenant = await get_tenant(session, tenant_id)
    if tenant.status == "deleted":
        raise Conflict("The tenant is deleted already", tenantStatus=tenant.status)
    if needs_second_operator(tenant, deps.settings):
        # The row lock makes two requests at once file one approval: the second waits, then sees it.
        await repo.get_tenant_for_update(session, tenant.id)
        await refuse_if_deletion_pending(session, deps, tenant.id)
        change = TenantDeletion(
            tenant_id=tenant.id, reason=reason, tenant_name=_readable(tenant.name), environment=tenant.environment
        )
        filed = await deps.approvals.file(
            ctx,
            change,
            action="delete_tenant",
            resource_type="tenant",
            resource_id=tenant.id,
            environment=tenant.environment,
            notes=reason,
        )
        await repo.record_deletion_request(session, tenant.id, filed.id, ctx.subject)
        await audit_operator_action(
            session, ctx, tenant, "tenant.delete_requested", details={"reason": reason, "approvalId": filed.id}
        )
        return DeletionOutcome(tenant, filed, None)
    deleted = await soft_delete(session, deps, tenant.id, reason=reason, actor=ctx.actor(), by=ctx.subject)
    return DeletionOutcome(deleted, None, purge_after(_deleted_at(deleted), deps.settings))


_CONTROL_CHARACTERS = re.compile(f"[{CONTROL_CHARACTERS}]")


def _readable(name: str) -> str:
    """The tenant's name as an approval shows it: names are printable since they are checked
    (`PRINTABLE_NAME`), and a tenant named before that still has its deletion filed, its control
    characters shown as U+FFFD rather than refused by the approval's payload (a 500, found by the fuzzer)."""
    return _CONTROL_CHARACTERS.sub("\ufffd", name).strip() or "\ufffd"


async def refuse_if_deletion_pending(session: AsyncSession, deps: IdentityDeps, tenant_id: str) -> None:
    """409 while the tenant's last `tenant_deletion` approval is still pending at the approval service
    (its own record decides: a decided, cancelled or expired one lets a new request through)."""
    earlier = await repo.deletion_request(session, tenant_id)
    if earlier is None:
        return
    record = await deps.decisions.record(PLATFORM_TENANT, earlier.approval_id)
    if record is not None and record.status == "pending":
        raise Conflict(
            "A deletion of this tenant is already waiting for a second operator's approval",
            approvalId=earlier.approval_id,
        )


async def apply_approved_deletion(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, approved: ApprovalApproved, change: TenantDeletion
) -> dict[str, Any]:
    """The executor of an approved `tenant_deletion` (an operator approval: the platform's stream).
    Re-checks the direct path's rules: the tenant exists and is not deleted already."""
    if tenant_id != PLATFORM_TENANT:
        raise CannotExecute("tenant_deletion is an operator approval; one requested in a tenant is not applied")
    current = await repo.get_tenant(session, change.tenant_id)
    if current is None:
        raise CannotExecute(f"tenant {change.tenant_id} does not exist")
    if current.status == "deleted":
        raise CannotExecute(f"tenant {change.tenant_id} is deleted already")
    approver = Actor(type="operator", id=approved.decided_by or "unknown", name=None)
    deleted = await soft_delete(
        session,
        deps,
        change.tenant_id,
        reason=change.reason,
        actor=approver,
        by=approved.decided_by or approved.requested_by,
        approval=approved,
    )
    at = _deleted_at(deleted)
    return {
        "tenant_id": deleted.id,
        "deleted_at": at.isoformat(),
        "purge_after": purge_after(at, deps.settings).isoformat(),
    }


async def soft_delete(
    session: AsyncSession,
    deps: IdentityDeps,
    tenant_id: str,
    *,
    reason: str,
    actor: Actor,
    by: str,
    approval: ApprovalApproved | None = None,
) -> Tenant:
    """The tenant behaves as suspended from now on (sessions end, its tokens and service keys are
    refused, sign-in is refused), `tenant.deleted` goes out, and its purge is scheduled here as in
    every owning service."""
    now = datetime.now(UTC)
    marked = await repo.mark_deleted(session, tenant_id, at=now)
    if marked is None:
        current = await get_tenant(session, tenant_id)  # 404 when there is no such tenant
        raise Conflict(f"The tenant is {current.status}", tenantStatus=current.status)
    tenant, previous = marked
    await repo.insert_status_change(
        session,
        TenantStatusChange(
            id=uuid.uuid4(),
            tenant_id=tenant_id,
            from_status=previous,
            to_status="deleted",
            reason=reason,
            changed_by=by,
            changed_by_name=actor.name,
            changed_at=now,
        ),
    )
    sessions_revoked = await repo.revoke_tenant_sessions(session, tenant_id)
    ended = await repo.end_live_impersonations(session, tenant_id, ended_by=by, at=now)
    keys = await repo.revoke_tenant_service_keys(session, tenant_id, by)
    # Its agents stop and are deleted (the runtime is told), as DELETE /admin/agents/{id} does.
    agents_retired = await agents_service.retire_tenant_agents(session, tenant_id, actor=actor, by=by)
    await tenant_purge.record_deletion(session, SCHEMA, tenant_id=tenant_id, deleted_at=now, reason=reason)
    snapshot = {**_snapshot(tenant, None), "changed_by": by}
    approval_id = approval.approval_id if approval is not None else None
    await _publish(session, TenantDeleted(**snapshot, reason=reason, deleted_at=now, approval_id=approval_id), tenant)
    details: dict[str, Any] = {
        "reason": reason,
        "previousStatus": previous,
        "sessionsRevoked": sessions_revoked,
        "impersonationsEnded": len(ended),
        "serviceKeysRevoked": len(keys),
        "agentsRetired": agents_retired,
        "purgeAfter": purge_after(now, deps.settings).isoformat(),
    }
    if approval is not None:
        details |= {"approvalId": approval.approval_id, "requestedBy": approval.requested_by}
    await _audit_streams(session, actor, tenant, "tenant.delete", details)
    await session.flush()  # every database change is in before the marks go out
    try:
        await revocation.mark_tenant_suspended(deps.redis, tenant_id, now.timestamp())
        store = store_of(deps)
        for key_id in keys:
            await store.withdraw(key_id)
    except RedisError:
        # The record is what counts: the reconcilers (revocation marks, key store) repair Redis within
        # seconds, and while Redis is down every token check answers 503 rather than let one through.
        log.warning("tenant %s deleted, but Redis refused its revocation marks; the reconcilers repair them", tenant_id)
    return tenant


def _deleted_at(tenant: Tenant) -> datetime:
    return tenant.status_changed_at or datetime.now(UTC)


# --- impersonation --------------------------------------------------------------------------------


async def impersonate(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, tenant_id: str, request: ImpersonateRequest
) -> tuple[ImpersonationSession, str, int]:
    """A time-boxed access token for the tenant, naming the operator in its `act` claim (RFC 8693);
    read-only unless the operator holds `saas:write` and asks for write. The tenant's super_admins
    are told. Returns the session, the token and its lifetime in seconds."""
    tenant = await get_tenant(session, tenant_id)
    if tenant.status != "active":
        raise Conflict(f"The tenant is {tenant.status}; reactivate it before impersonating", tenantStatus=tenant.status)
    if request.write:
        if not ctx.can("saas:write"):
            raise Forbidden("Impersonating with write access requires the saas:write permission")
        if not settings_out(tenant.settings).allow_write_impersonation:
            raise Forbidden("This tenant's settings allow read-only impersonation only")
    seconds = max(1, round(min(request.duration_minutes, deps.settings.impersonation_max_minutes) * 60))
    started = datetime.now(UTC)
    impersonation = ImpersonationSession(
        id=uuid.uuid4(),
        tenant_id=tenant.id,
        operator_id=ctx.subject,
        operator_email=ctx.principal.email,
        operator_name=ctx.principal.name,
        reason=request.reason,
        read_only=not request.write,
        started_at=started,
        expires_at=started + timedelta(seconds=seconds),
    )
    await repo.insert_impersonation(session, impersonation)
    token = _impersonation_token(deps, ctx, tenant, impersonation, seconds)
    await audit_operator_action(
        session,
        ctx,
        tenant,
        "tenant.impersonate",
        resource_type="impersonation_session",
        resource_id=str(impersonation.id),
        details={
            "reason": request.reason,
            "readOnly": impersonation.read_only,
            "expiresAt": impersonation.expires_at.isoformat(),
        },
    )
    await _tell_super_admins(session, deps, tenant, impersonation)
    return impersonation, token, seconds


def _impersonation_token(
    deps: IdentityDeps, ctx: RequestContext, tenant: Tenant, impersonation: ImpersonationSession, seconds: int
) -> str:
    """Subject and `jti` are the session's id, so the tenant's log shows every action of one session
    under one actor, and ending the session revokes exactly this token."""
    s = deps.settings
    operator = ctx.display_name or ctx.subject
    return deps.signing_key.issue_access_token(
        subject=str(impersonation.id),
        tenant_id=tenant.id,
        role=IMPERSONATION_ROLE,
        environment=tenant.environment,
        amr=list(ctx.principal.amr),
        issuer=s.jwt_issuer,
        audience=s.jwt_audience,
        ttl=timedelta(seconds=seconds),
        extra={
            "jti": str(impersonation.id),
            "act": {"sub": ctx.subject},
            "read_only": impersonation.read_only,
            "name": f"{operator} (platform operator)",
            "email": ctx.principal.email,
        },
    )


async def _tell_super_admins(
    session: AsyncSession, deps: IdentityDeps, tenant: Tenant, impersonation: ImpersonationSession
) -> None:
    who = impersonation.operator_name or impersonation.operator_email or "A platform operator"
    access = "read-only" if impersonation.read_only else "read and write"
    await identity_service.notify(
        session,
        await repo.super_admins(session, tenant.id),
        tenant_id=tenant.id,
        source_event_id=f"impersonation:{impersonation.id}",
        type_="security",
        category="security",
        priority="high",
        title=f"A platform operator is accessing {tenant.name}",
        message=(
            f"{who} started a {access} support session in {tenant.name} until "
            f"{impersonation.expires_at:%Y-%m-%d %H:%M} UTC. Reason: {impersonation.reason}. "
            f"Every action taken in it is in your audit log under actor {impersonation.id}."
        ),
        action_url=console_links.audit(deps.settings.console_url, actor=str(impersonation.id)),
        action_label="View activity",
    )


async def end_impersonation(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, tenant_id: str, session_id: uuid.UUID
) -> ImpersonationSession:
    """Ends a session early: its token is refused from now on. The operator who started it may end
    it, and so may any operator holding `saas:write`."""
    found = await repo.get_impersonation(session, session_id)
    if found is None or found.tenant_id != tenant_id:
        raise NotFound("Impersonation session")
    if found.operator_id != ctx.subject and not ctx.can("saas:write"):
        raise Forbidden("Only the operator who started this session, or one holding saas:write, may end it")
    ended = await repo.end_impersonation(session, tenant_id, session_id, ended_by=ctx.subject, at=datetime.now(UTC))
    if ended is None:
        raise Conflict("This impersonation session has already ended")
    tenant = await get_tenant(session, tenant_id)
    await audit_operator_action(
        session,
        ctx,
        tenant,
        "tenant.impersonation_end",
        resource_type="impersonation_session",
        resource_id=str(session_id),
        details={"operatorId": ended.operator_id},
    )
    await session.flush()
    await revocation.revoke_token(deps.redis, str(session_id), ended.expires_at.timestamp())
    return ended


def _impersonation_token_id(principal: Principal) -> str | None:
    """The token id to look an impersonation session up by: only an operator acting as someone has one."""
    return principal.token_id if principal.actor_subject is not None else None


def may_be_impersonation(principal: Principal) -> bool:
    """Whether the token could be an impersonation session's: only then is there a session to find."""
    return _impersonation_token_id(principal) is not None


async def impersonation_of(session: AsyncSession, principal: Principal) -> ImpersonationSession | None:
    """The impersonation session a token belongs to, if it is one (for `GET /me`'s banner)."""
    token_id = _impersonation_token_id(principal)
    if token_id is None:
        return None
    try:
        session_id = uuid.UUID(token_id)
    except ValueError:
        return None
    found = await repo.get_impersonation(session, session_id)
    return found if found is not None and found.tenant_id == principal.tenant_id else None


# --- shared pieces --------------------------------------------------------------------------------


async def _audit_streams(
    session: AsyncSession, actor: Actor, tenant: Tenant, action: str, details: dict[str, Any]
) -> None:
    """As `audit_operator_action`, for an actor without a request (an approval being carried out)."""
    for stream in (PLATFORM_TENANT, tenant.id):
        await record_audit(
            session,
            service="identity",
            tenant_id=stream,
            actor=actor,
            action=action,
            resource_type="tenant",
            resource_id=tenant.id,
            details={"tenantId": tenant.id, **details},
            environment=tenant.environment,
            app_id=tenant.app_id,
        )


async def audit_operator_action(
    session: AsyncSession,
    ctx: RequestContext,
    tenant: Tenant,
    action: str,
    *,
    details: dict[str, Any],
    resource_type: str = "tenant",
    resource_id: str | None = None,
) -> None:
    """Once in the platform stream (the operators' trail) and once in the tenant's own log."""
    for stream in (PLATFORM_TENANT, tenant.id):
        await ctx.audit(
            session,
            action,
            resource_type,
            resource_id or tenant.id,
            details={"tenantId": tenant.id, **details},
            tenant_id=stream,
            environment=tenant.environment,
            app_id=tenant.app_id,
        )


def _snapshot(tenant: Tenant, ctx: RequestContext | None) -> dict[str, Any]:
    """The tenant's full state: `tenant-events` is compacted, the last event is all that remains."""
    return {
        "tenant_id": tenant.id,
        "name": tenant.name,
        "app_id": tenant.app_id,
        "environment": tenant.environment,
        "status": tenant.status,
        "settings": dict(tenant.settings or {}),
        "changed_by": ctx.subject if ctx is not None else None,
    }


async def _publish(session: AsyncSession, payload: EventPayload, tenant: Tenant) -> None:
    await enqueue_event(session, make_event(payload, tenant_id=tenant.id, source=SOURCE))


def _status_change(
    ctx: RequestContext, tenant_id: str, from_status: str | None, to_status: str, reason: str, at: datetime
) -> TenantStatusChange:
    return TenantStatusChange(
        id=uuid.uuid4(),
        tenant_id=tenant_id,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        changed_by=ctx.subject,
        changed_by_name=ctx.display_name,
        changed_at=at,
    )
