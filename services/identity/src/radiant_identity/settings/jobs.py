"""The settings' periodic job: keep the gateway's Redis copies of the access policies in step."""

from __future__ import annotations

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from ..config import Settings
from ..deps import IdentityDeps
from . import service

#: How often notifications past their tenant's retention are looked for.
NOTIFICATION_RETENTION_SECONDS = 3600.0

#: How often notifications past their tenant's retention are looked for.
NOTIFICATION_RETENTION_SECONDS = 3600.0


async def reconcile_access_policies(rt: Runtime[IdentityDeps]) -> None:
    """An allow-list outlives Redis losing its data; until this has run the gateway refuses (503)."""
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_access_policies(session, rt.deps.redis)


async def apply_notification_retention(rt: Runtime[IdentityDeps]) -> bool:
    """One batch; True (run again at once) while full batches go."""
    async with unit_of_work(rt.session_factory()) as session:
        return await service.apply_notification_retention(session) >= service.NOTIFICATION_PURGE_BATCH


def settings_jobs(settings: Settings) -> list[PeriodicJob[IdentityDeps]]:
    return [
        PeriodicJob(
            "identity-tenant-access-policies", settings.revocation_reconcile_seconds, reconcile_access_policies
        ),
        PeriodicJob("identity-notification-retention", NOTIFICATION_RETENTION_SECONDS, apply_notification_retention),
    ]
