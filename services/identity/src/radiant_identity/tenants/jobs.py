"""The tenant lifecycle's periodic job: keep the Redis revocation marks in step with the tenants' records."""

from __future__ import annotations

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob
from radiant_platform.tenant_purge import purge_round

from ..config import Settings
from ..deps import IdentityDeps
from . import service


async def reconcile_revocation_marks(rt: Runtime[IdentityDeps]) -> None:
    """A suspension outlives Redis losing its data, and a mark whose suspension never committed goes."""
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_revocation_marks(session, rt.deps.redis, rt.deps.settings)


async def purge_deleted_tenants(rt: Runtime[IdentityDeps]) -> bool:
    """One batch of a deleted tenant's purge, once its retention window has passed (True: more waits)."""
    return await purge_round(rt.session_factory(), service.tenant_purge_of(rt.deps.settings))


def tenant_jobs(settings: Settings) -> list[PeriodicJob[IdentityDeps]]:
    return [
        PeriodicJob(
            "identity-tenant-revocation-marks", settings.revocation_reconcile_seconds, reconcile_revocation_marks
        ),
        PeriodicJob("identity-tenant-purge", settings.tenant_purge_interval_seconds, purge_deleted_tenants),
    ]
