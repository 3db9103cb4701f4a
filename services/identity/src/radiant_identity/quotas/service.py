"""Identity's quota rules: users and agents against the tenant's plan, the copy of its limits, and
telling administrators when a quota reaches 80 % or 100 %."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.events.metering import QuotaThresholdCrossed
from radiant_contracts.permissions import has_permission
from radiant_contracts.quotas import QuotaResource, QuotaStatus, default_limit, thresholds_reached
from radiant_platform import console_links
from radiant_platform.quotas import quota_exceeded

from .. import repository as identity_repo
from . import repository as repo

log = logging.getLogger(__name__)

COUNTED: tuple[QuotaResource, ...] = ("users", "agents")
_LIMIT_COLUMN = {"users": "max_users", "agents": "max_agents"}


async def limit_of(session: AsyncSession, tenant_id: str, resource: QuotaResource) -> int | None:
    """The tenant's plan limit for users or agents (None: unlimited); the default plan's until billing
    has said otherwise."""
    limits = await repo.limits_of(session, tenant_id)
    if limits is None:
        return default_limit(resource)
    value: int | None = getattr(limits, _LIMIT_COLUMN[resource])
    return value


async def _count(session: AsyncSession, tenant_id: str, resource: QuotaResource) -> int:
    return await (repo.count_users if resource == "users" else repo.count_agents)(session, tenant_id)


async def quota_status(session: AsyncSession, tenant_id: str, resource: QuotaResource) -> QuotaStatus:
    return QuotaStatus(
        resource, await _count(session, tenant_id, resource), await limit_of(session, tenant_id, resource)
    )


async def ensure_within_quota(
    session: AsyncSession,
    tenant_id: str,
    resource: QuotaResource,
    *,
    adding: int = 1,
    notify: bool = True,
    console_url: str | None = None,
) -> QuotaStatus:
    """Refuse (403 quota problem) unless `adding` more users or agents fit the tenant's plan. Call it in
    the transaction that creates them, before creating: it holds a per-tenant lock on the resource until
    that transaction ends, so concurrent creations are counted one after another and exactly as many
    as fit succeed. Administrators are told when this creation takes the quota to 80 % or 100 %
    (`notify=False` for a check that creates nothing yet, e.g. before filing an approval); their
    notice links to the console's upgrade prompt under `console_url`."""
    await repo.lock_quota(session, tenant_id, resource)
    status = await quota_status(session, tenant_id, resource)
    if not status.fits(adding):
        raise quota_exceeded(status)
    if notify:
        after = QuotaStatus(resource, status.current + adding, status.limit)
        await _notify_thresholds(session, tenant_id, after, console_url)
    return status


async def statuses(session: AsyncSession, tenant_id: str) -> list[QuotaStatus]:
    return [await quota_status(session, tenant_id, r) for r in COUNTED]


# --- limits from billing --------------------------------------------------------------------------


async def apply_subscription(session: AsyncSession, event: CloudEvent[SubscriptionChanged]) -> None:
    """Replace the tenant's limits with the plan's (an event without `limits` leaves them as they are;
    an older revision than the copy changes nothing)."""
    data = event.data
    limits: Any = getattr(data, "limits", None)
    if limits is None:
        return
    await repo.store_limits(
        session,
        {
            "tenant_id": event.tenantid,
            "max_users": limits.max_users,
            "max_agents": limits.max_agents,
            "max_tokens_per_month": limits.max_tokens_per_month,
            "max_storage_gb": limits.max_storage_gb,
            "plan": data.plan,
            "revision": getattr(data, "revision", None),
            "effective_at": data.effective_at,
            "source_event_id": event.id,
        },
    )


# --- notifications --------------------------------------------------------------------------------


def _recipients(admins: Any) -> list[Any]:
    """The administrators who can act on a quota: add seats, upgrade the plan (super_admin, admin)."""
    return [a for a in admins if has_permission(a.role, "admin:write")]


def _words(resource: str, current: int, limit: int) -> str:
    if resource == "storage":
        return f"{current / 1024**3:.2f} GB of {limit / 1024**3:.2f} GB of storage"
    return f"{current:,} of {limit:,} {resource}" + (" this month" if resource == "tokens" else "")


async def _notify(
    session: AsyncSession,
    tenant_id: str,
    source_event_id: str,
    resource: str,
    threshold: int,
    current: int,
    limit: int,
    console_url: str | None,
) -> None:
    # Imported here: identity's service module imports this one (invitations check the users quota).
    from .. import service as identity_service

    admins = _recipients(await identity_repo.active_admins(session, tenant_id))
    reached = threshold >= 100
    await identity_service.notify(
        session,
        admins,
        tenant_id=tenant_id,
        source_event_id=source_event_id,
        type_="billing",  # the seed's notification types: a quota is the plan's
        category="billing",
        priority="critical" if reached else "high",
        title=f"{resource.title()} quota {'reached' if reached else f'at {threshold}%'}",
        message=f"Your plan's {resource} quota is at {threshold}%: {_words(resource, current, limit)}."
        + (" Upgrade the plan to add more." if reached else ""),
        # the console's billing page with the upgrade prompt open
        action_url=console_links.upgrade(console_url) if console_url else None,
        action_label="Upgrade plan",
    )


async def _notify_thresholds(
    session: AsyncSession, tenant_id: str, after: QuotaStatus, console_url: str | None
) -> None:
    if after.limit is None:
        return
    for threshold in thresholds_reached(after.current, after.limit):
        if await repo.claim_notice(session, tenant_id, after.resource, after.limit, threshold):
            source = f"quota:{after.resource}:{after.limit}:{threshold}"
            await _notify(
                session, tenant_id, source, after.resource, threshold, after.current, after.limit, console_url
            )


async def on_threshold_crossed(
    session: AsyncSession, event: CloudEvent[QuotaThresholdCrossed], console_url: str | None = None
) -> None:
    """Metering's tokens and storage thresholds: the tenant's administrators are told (once per event)."""
    data = event.data
    await _notify(
        session,
        event.tenantid,
        event.id,
        data.resource,
        data.threshold_percent,
        data.current,
        data.limit,
        console_url,
    )
