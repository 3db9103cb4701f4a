"""Suspension and reactivation from the payment provider's `subscription.changed` (billing-events).

The same lifecycle as an operator's suspension (tenants.service): the status changes conditionally,
the change is recorded with its reason, refresh tokens and impersonations end, `tenant.suspended` /
`tenant.reactivated` are published, both audit streams record it, and the Redis not-before mark is set
(identity's reconcile job rewrites it from the records should Redis be unreachable now). The actor is
billing (a system actor), so a reactivation lifts only a suspension billing made, never an operator's.
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime
from typing import Any

from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.envelope import make_event
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.events.tenant import TenantReactivated, TenantSuspended
from radiant_platform import revocation
from radiant_platform.audit import record_audit
from radiant_platform.auth import PLATFORM_TENANT
from radiant_platform.outbox import enqueue_event

from ..deps import SOURCE, IdentityDeps
from ..models import Tenant
from ..tenants import repository as tenants_repo
from ..tenants.models import TenantStatusChange
from ..tenants.service import revocation_mark_seconds

log = logging.getLogger(__name__)
BILLING = "billing"
BILLING_ACTOR = Actor(type="system", id=BILLING, name="Billing (payment provider)")
PROVIDERS = ("lago", "stripe")


async def on_subscription_changed(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, changed: SubscriptionChanged
) -> None:
    if changed.provider not in PROVIDERS:
        return  # billing's own plan changes: limits, not the lifecycle
    if changed.status == "terminated":
        await _suspend(
            session, deps, tenant_id, f"The {changed.provider} subscription {changed.subscription_id} was terminated"
        )
    elif changed.change == "created" and changed.status == "active":
        await _reactivate_if_billing_suspended(session, deps, tenant_id, changed)


def _snapshot(tenant: Tenant) -> dict[str, Any]:
    return {
        "tenant_id": tenant.id,
        "name": tenant.name,
        "app_id": tenant.app_id,
        "environment": tenant.environment,
        "status": tenant.status,
        "settings": dict(tenant.settings or {}),
        "changed_by": BILLING,
    }


def _change(tenant_id: str, from_status: str, to_status: str, reason: str, at: datetime) -> TenantStatusChange:
    return TenantStatusChange(
        id=uuid.uuid4(),
        tenant_id=tenant_id,
        from_status=from_status,
        to_status=to_status,
        reason=reason[:1000],
        changed_by=BILLING,
        changed_by_name=BILLING_ACTOR.name,
        changed_at=at,
    )


async def _audit(session: AsyncSession, tenant: Tenant, action: str, details: dict[str, Any]) -> None:
    for stream in (PLATFORM_TENANT, tenant.id):  # as an operator's: the platform's trail and the tenant's
        await record_audit(
            session,
            service="identity",
            tenant_id=stream,
            actor=BILLING_ACTOR,
            action=action,
            resource_type="tenant",
            resource_id=tenant.id,
            details={"tenantId": tenant.id, **details},
            environment=tenant.environment,
            app_id=tenant.app_id,
        )


async def _suspend(session: AsyncSession, deps: IdentityDeps, tenant_id: str, reason: str) -> None:
    now = datetime.now(UTC)
    tenant = await tenants_repo.change_status(
        session, tenant_id, from_status="active", to_status="suspended", at=now, suspending=True
    )
    if tenant is None:  # not active (already suspended, deleted) or unknown here: nothing to change
        return
    await tenants_repo.insert_status_change(session, _change(tenant_id, "active", "suspended", reason, now))
    revoked = await tenants_repo.revoke_tenant_sessions(session, tenant_id)
    ended = await tenants_repo.end_live_impersonations(session, tenant_id, ended_by=BILLING, at=now)
    suspended = TenantSuspended(**_snapshot(tenant), reason=reason[:1000])
    await enqueue_event(session, make_event(suspended, tenant_id=tenant_id, source=SOURCE))
    await _audit(
        session,
        tenant,
        "tenant.suspend",
        {"reason": reason, "sessionsRevoked": revoked, "impersonationsEnded": len(ended)},
    )
    await session.flush()
    try:
        await revocation.mark_tenant_suspended(deps.redis, tenant_id, now.timestamp())
    except RedisError:
        log.warning("tenant %s suspended; its Redis mark waits for the reconcile job", tenant_id, exc_info=True)


async def _reactivate_if_billing_suspended(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, changed: SubscriptionChanged
) -> None:
    history = await tenants_repo.status_history(session, tenant_id, 1)
    latest = history[0] if history else None
    if latest is None or latest.to_status != "suspended" or latest.changed_by != BILLING:
        return  # active already, or suspended by an operator: not billing's to lift
    now = datetime.now(UTC)
    tenant = await tenants_repo.change_status(
        session, tenant_id, from_status="suspended", to_status="active", at=now, suspending=False
    )
    if tenant is None:
        return
    reason = f"A new {changed.provider} subscription started ({changed.plan})"
    await tenants_repo.insert_status_change(session, _change(tenant_id, "suspended", "active", reason, now))
    await enqueue_event(session, make_event(TenantReactivated(**_snapshot(tenant)), tenant_id=tenant_id, source=SOURCE))
    await _audit(session, tenant, "tenant.reactivate", {"reason": reason})
    await session.flush()
    suspended_at = tenant.suspended_at or now
    try:
        await revocation.mark_tenant_reactivated(
            deps.redis, tenant_id, suspended_at.timestamp(), revocation_mark_seconds(deps.settings)
        )
    except RedisError:
        log.warning("tenant %s reactivated; its Redis mark waits for the reconcile job", tenant_id, exc_info=True)
