"""A deleted tenant's usage, purged after the retention window (radiant_platform.tenant_purge).

`tenant.deleted` (tenant-events) starts the window in `metering.tenant_deletions`; the periodic job
then deletes the tenant's rows from every table of the schema that holds them — raw usage events
(every partition), dedup keys, daily rollups, month-to-date counters, margins, suspensions, quotas —
in batches, and audits the purge in the platform stream. The model registry is the platform's and
has no tenant rows.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.tenant import TenantDeleted
from radiant_platform import tenant_purge
from radiant_platform.app import Runtime

from .config import Settings
from .deps import MeteringDeps

SCHEMA = "metering"


def tenant_purge_of(settings: Settings) -> tenant_purge.TenantPurge:
    return tenant_purge.TenantPurge(
        schema=SCHEMA,
        service="metering",
        after=timedelta(days=settings.tenant_purge_after_days),
        batch=settings.tenant_purge_batch,
    )


async def record_tenant_deletion(session: AsyncSession, event: CloudEvent[TenantDeleted]) -> bool:
    """Start the tenant's retention window (idempotent: a redelivered event never moves it)."""
    data = event.data
    return await tenant_purge.record_deletion(
        session, SCHEMA, tenant_id=data.tenant_id, deleted_at=data.deleted_at or event.time, reason=data.reason
    )


async def purge_deleted_tenants(rt: Runtime[MeteringDeps]) -> bool:
    """One batch of a due purge (True: more is waiting, run again at once)."""
    return await tenant_purge.purge_round(rt.session_factory(), tenant_purge_of(rt.deps.settings))
