"""The tenant lifecycle's periodic job: keep the Redis revocation marks in step with the tenants' records."""

from __future__ import annotations

from radiant_platform import tenant_purge
from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from ..config import Settings
from ..deps import IdentityDeps
from . import service


async def reconcile_revocation_marks(rt: Runtime[IdentityDeps]) -> None:
    """A suspension outlives Redis losing its data, and a mark whose suspension never committed goes."""
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_revocation_marks(session, rt.deps.redis, rt.deps.settings)


def tenant_jobs(settings: Settings) -> list[PeriodicJob[IdentityDeps]]:
    return [
        PeriodicJob(
            "identity-tenant-revocation-marks", settings.revocation_reconcile_seconds, reconcile_revocation_marks
        ),
        # administrators (profiles, factors, sessions by cascade), invitations, notifications, service
        # keys, impersonations, status history; the tenant's own row stays, as deleted (its id never reused)
        tenant_purge.purge_job(service.SCHEMA, settings),
    ]
