"""The hourly series' retention: kept as long as the raw events (`METERING_RAW_RETENTION_DAYS`)."""

from __future__ import annotations

from datetime import UTC, datetime

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from ..deps import MeteringDeps
from . import service

PURGE_INTERVAL_SECONDS = 3600.0


async def purge_old_hours(rt: Runtime[MeteringDeps]) -> bool:
    """One bounded batch; True while older rows remain, so the runner goes again at once."""
    async with unit_of_work(rt.session_factory()) as session:
        deleted = await service.purge_before(session, datetime.now(UTC).date(), rt.deps.settings.raw_retention_days)
    return deleted >= service.PURGE_BATCH


def usage_series_jobs() -> list[PeriodicJob[MeteringDeps]]:
    return [PeriodicJob("metering-usage-hourly-retention", PURGE_INTERVAL_SECONDS, purge_old_hours)]
