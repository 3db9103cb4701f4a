"""The settings' periodic job: keep the gateway's Redis copies of the access policies in step."""

from __future__ import annotations

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from ..config import Settings
from ..deps import IdentityDeps
from . import service


async def reconcile_access_policies(rt: Runtime[IdentityDeps]) -> None:
    """An allow-list outlives Redis losing its data; until this has run the gateway refuses (503)."""
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_access_policies(session, rt.deps.redis)


def settings_jobs(settings: Settings) -> list[PeriodicJob[IdentityDeps]]:
    return [
        PeriodicJob("identity-tenant-access-policies", settings.revocation_reconcile_seconds, reconcile_access_policies)
    ]
