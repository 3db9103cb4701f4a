"""The rules of a tenant's own settings.

- A PUT changes only what it names; the row is locked, so concurrent changes apply one after another
  and none is lost. `settings.update` is audited with the keys that changed (dotted, camelCase, as
  the API names them) and their values before and after.
- The security policy is what the platform enforces: at sign-in and refresh (MFA for everyone, the
  session's lifetime, the allow-list; `auth_service`), and at the gateway for every token of the
  tenant (a Redis copy, `radiant_platform.tenant_access`). The copy is written once the database
  changes are in, and `reconcile_access_policies` rewrites every copy from the records every few
  seconds, so a failed commit or a Redis that lost its data is repaired.
- In a prod tenant a security-policy change is filed for approval (`tenant_security_policy`) instead of
  applied; the other sections of the same request apply at once. Identity executes the approved change
  after re-checking that the requester is still active and still holds `settings:write`.
- An allow-list that would refuse the caller's own address is refused: nobody locks themselves out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.approvals import TenantSecurityPolicy
from radiant_contracts.events.approval import ApprovalApproved
from radiant_platform import tenant_access
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.approvals import CannotExecute
from radiant_platform.audit import record_audit
from radiant_platform.context import RequestContext
from radiant_platform.errors import invalid_fields
from radiant_platform.tenant_access import AccessPolicy

from .. import service as identity_service
from ..deps import SERVICE, IdentityDeps
from . import repository as repo
from .models import TenantAdminSettings
from .schemas import USAGE_DETAIL_DAYS_MAX, DataRetention, SecurityPolicy, SettingsUpdate, TenantSettings

RESOURCE_TYPE = "tenant_settings"
SECURITY = "security"


@dataclass(frozen=True)
class StoredSettings:
    """A tenant's settings with the defaults filled in, and the row's bookkeeping (none: defaults)."""

    tenant_id: str
    environment: str
    settings: TenantSettings
    version: int
    updated_at: datetime | None
    updated_by: str | None


@dataclass(frozen=True)
class SettingsChange:
    stored: StoredSettings
    changed_keys: list[str]
    pending: FiledApproval | None
    pending_keys: list[str]


def parse_document(document: dict[str, Any] | None) -> TenantSettings:
    return TenantSettings.model_validate(document or {})


def _document(settings: TenantSettings) -> dict[str, Any]:
    return settings.model_dump(mode="json", by_alias=False)


async def _environment(session: AsyncSession, tenant_id: str, fallback: str) -> str:
    return await repo.tenant_environment(session, tenant_id) or fallback


def _stored(tenant_id: str, environment: str, row: TenantAdminSettings | None) -> StoredSettings:
    if row is None:
        return StoredSettings(tenant_id, environment, TenantSettings(), 0, None, None)
    return StoredSettings(
        tenant_id, environment, parse_document(row.document), row.version, row.updated_at, row.updated_by
    )


# --- reading --------------------------------------------------------------------------------------


async def get_settings(session: AsyncSession, ctx: RequestContext) -> StoredSettings:
    environment = await _environment(session, ctx.tenant_id, ctx.environment)
    return _stored(ctx.tenant_id, environment, await repo.get_settings(session, ctx.tenant_id))


async def tenant_settings(session: AsyncSession, tenant_id: str) -> TenantSettings:
    """A tenant's settings (defaults when it never changed them), for identity's other rules."""
    row = await repo.get_settings(session, tenant_id)
    return parse_document(row.document if row is not None else None)


async def security_policy(session: AsyncSession, tenant_id: str) -> SecurityPolicy:
    """What sign-in and refresh honour."""
    return (await tenant_settings(session, tenant_id)).security


async def allowed_models(session: AsyncSession, tenant_id: str) -> list[str]:
    """The registry models the tenant's agents may use; empty: any active one (for agents/)."""
    return (await tenant_settings(session, tenant_id)).agents.allowed_models


# --- changing -------------------------------------------------------------------------------------


def merged(current: TenantSettings, update: SettingsUpdate) -> TenantSettings:
    """`current` with what `update` names replacing it, section by section, field by field."""
    document = _document(current)
    for name in update.model_fields_set:
        given = getattr(update, name)
        if isinstance(given, BaseModel):
            section = document[name]
            for field in given.model_fields_set:
                section[field] = getattr(given, field)
        else:
            document[name] = given
    return TenantSettings.model_validate(document)


def _flat(settings: TenantSettings) -> dict[str, Any]:
    """Dotted camelCase key → value, as the API names them (`security.ipAllowList`)."""
    flat: dict[str, Any] = {}
    for key, value in settings.model_dump(mode="json", by_alias=True).items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": v for inner, v in value.items()})
        else:
            flat[key] = value
    return flat


def changed_keys(before: TenantSettings, after: TenantSettings) -> list[str]:
    old, new = _flat(before), _flat(after)
    return sorted(key for key in new if old.get(key) != new[key])


def _changes(before: TenantSettings, after: TenantSettings, keys: Iterable[str]) -> dict[str, Any]:
    old, new = _flat(before), _flat(after)
    return {key: {"from": old.get(key), "to": new[key]} for key in keys}


def _is_security(key: str) -> bool:
    return key.startswith(f"{SECURITY}.")


def _check_keeps_caller_in(ctx: RequestContext, policy: SecurityPolicy) -> None:
    if not policy.ip_allow_list:
        return
    networks = AccessPolicy.of(policy.ip_allow_list, policy.mfa_required).networks
    if not tenant_access.address_in(ctx.client.ip, networks):
        raise invalid_fields(
            (
                "security.ipAllowList",
                f"does not include your own address ({ctx.client.ip or 'unknown'}): "
                "saving it would lock you out; add your network first",
            )
        )


async def _locked_row(session: AsyncSession, tenant_id: str) -> tuple[TenantAdminSettings, bool]:
    """The tenant's row, locked, and whether it was only just created with the defaults."""
    row = await repo.lock_settings(session, tenant_id)
    if row is not None:
        return row, False
    await repo.ensure_row(session, tenant_id, _document(TenantSettings()))
    row = await repo.lock_settings(session, tenant_id)
    assert row is not None
    return row, True


async def update_settings(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, update: SettingsUpdate
) -> SettingsChange:
    environment = await _environment(session, ctx.tenant_id, ctx.environment)
    row, fresh = await _locked_row(session, ctx.tenant_id)
    before = parse_document(row.document)
    wanted = merged(before, update)
    keys = changed_keys(before, wanted)
    _check_keeps_caller_in(ctx, wanted.security)

    pending_keys = [k for k in keys if _is_security(k)] if environment == "prod" else []
    applied = wanted
    pending: FiledApproval | None = None
    if pending_keys:
        # The security section waits for approval; everything else in the request applies now.
        applied = wanted.model_copy(update={"security": before.security})
        pending = await _request_security_approval(session, deps, ctx, before.security, wanted.security, pending_keys)
    applied_keys = changed_keys(before, applied)
    if applied_keys:
        await repo.save_settings(session, row, _document(applied), by=ctx.subject, at=datetime.now(UTC), first=fresh)
        await ctx.audit(
            session,
            "settings.update",
            RESOURCE_TYPE,
            ctx.tenant_id,
            details={"changedKeys": applied_keys, "changes": _changes(before, applied, applied_keys)},
        )
        if any(_is_security(k) for k in applied_keys):
            await _publish_access_policy(session, deps.redis, ctx.tenant_id, applied.security)
    stored = _stored(ctx.tenant_id, environment, None if fresh and not applied_keys else row)
    return SettingsChange(stored, applied_keys, pending, pending_keys)


def security_change(before: SecurityPolicy, after: SecurityPolicy, keys: Iterable[str]) -> TenantSecurityPolicy:
    """The typed approval payload: exactly the security fields that change."""
    fields = {"security.mfaRequired", "security.sessionLifetimeHours", "security.ipAllowList"}
    named = set(keys) & fields
    try:
        return TenantSecurityPolicy(
            mfa_required=after.mfa_required if "security.mfaRequired" in named else None,
            session_lifetime_hours=after.session_lifetime_hours if "security.sessionLifetimeHours" in named else None,
            ip_allow_list=after.ip_allow_list if "security.ipAllowList" in named else None,
        )
    except ValidationError as exc:  # the direct path's schema has the same bounds: a bug if reached
        raise invalid_fields(*((f"security.{e['loc'][-1]}", e["msg"]) for e in exc.errors())) from None


async def _request_security_approval(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    before: SecurityPolicy,
    after: SecurityPolicy,
    keys: list[str],
) -> FiledApproval:
    change = security_change(before, after, keys)
    filed = await deps.approvals.file(
        ctx,
        change,
        action="change_security_policy",
        resource_type=RESOURCE_TYPE,
        resource_id=ctx.tenant_id,
        notes="Change the tenant's security policy: " + ", ".join(keys),
    )
    await ctx.audit(
        session,
        "settings.update_requested",
        RESOURCE_TYPE,
        ctx.tenant_id,
        details={"pendingKeys": keys, "approvalId": filed.id, "changes": change.model_dump(mode="json")},
    )
    return filed


async def apply_approved_security_policy(
    session: AsyncSession,
    deps: IdentityDeps,
    tenant_id: str,
    approved: ApprovalApproved,
    change: TenantSecurityPolicy,
) -> dict[str, Any]:
    """Execute an approved `tenant_security_policy`: the requester must still be active and hold
    `settings:write` (as on the direct path); then the fields it names are applied and audited."""
    requester = await identity_service._approval_requester(session, tenant_id, approved)
    identity_service._check_still_holds(requester, "settings:write")
    row, fresh = await _locked_row(session, tenant_id)
    before = parse_document(row.document)
    security = before.security.model_copy(
        update={
            name: value
            for name, value in (
                ("mfa_required", change.mfa_required),
                ("session_lifetime_hours", change.session_lifetime_hours),
                ("ip_allow_list", change.ip_allow_list),
            )
            if value is not None
        }
    )
    after = before.model_copy(update={"security": SecurityPolicy.model_validate(security.model_dump())})
    keys = changed_keys(before, after)
    if not keys:
        raise CannotExecute("the security policy already is as approved: nothing to change")
    await repo.save_settings(
        session, row, _document(after), by=approved.requested_by, at=datetime.now(UTC), first=fresh
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=identity_service._approval_actor(approved),
        action="settings.update",
        resource_type=RESOURCE_TYPE,
        resource_id=tenant_id,
        environment=approved.environment,
        details={
            "changedKeys": keys,
            "changes": _changes(before, after, keys),
            "approvalId": approved.approval_id,
            "requestedBy": approved.requested_by,
        },
    )
    await _publish_access_policy(session, deps.redis, tenant_id, after.security)
    return {"changed_keys": keys}


# --- the gateway's copy ---------------------------------------------------------------------------


def access_policy(security: SecurityPolicy) -> AccessPolicy:
    return AccessPolicy.of(security.ip_allow_list, security.mfa_required)


async def _publish_access_policy(session: AsyncSession, redis: Redis, tenant_id: str, security: SecurityPolicy) -> None:
    await session.flush()  # every database change is in before the copy goes out
    await tenant_access.write_policy(redis, tenant_id, access_policy(security))


async def reconcile_access_policies(session: AsyncSession, redis: Redis) -> int:
    """Rewrite every tenant's copy from the records, then mark the copies ready for the gateway."""
    policies = {
        tenant_id: access_policy(parse_document(document).security)
        for tenant_id, document in await repo.all_documents(session)
    }
    return await tenant_access.rewrite_all(redis, policies)


# --- data retention -------------------------------------------------------------------------------

NOTIFICATION_PURGE_BATCH = 5_000


async def apply_notification_retention(session: AsyncSession) -> int:
    """One bounded round: in-app notifications older than their tenant's `notificationDays` go."""
    return await repo.purge_old_notifications(
        session, default_days=DataRetention().notification_days, batch=NOTIFICATION_PURGE_BATCH
    )


async def shorter_usage_detail(session: AsyncSession) -> list[tuple[str, int]]:
    """The tenants whose `usageDetailDays` is below the platform's raw-usage retention, for metering's
    retention job (every other tenant's raw usage is kept for the platform's full retention)."""
    return list(await repo.usage_detail_days_below(session, USAGE_DETAIL_DAYS_MAX))
