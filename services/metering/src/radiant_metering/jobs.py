"""Periodic jobs: daily partitions ahead of time, raw-event retention, Redis month-to-date repair.

Each function is one round of a `PeriodicJob` (main.py sets the interval); a failed round is logged
and retried by the job runner.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import service
from .deps import MeteringDeps

log = logging.getLogger(__name__)


async def maintain_storage(rt: Runtime[MeteringDeps]) -> None:
    """Partitions first, retention second, each its own transaction. Until a day's partition exists,
    ingestion writes that day to the default partition, so a failed round loses nothing."""
    settings = rt.deps.settings
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        created = await service.ensure_partitions(session, today, settings.partitions_ahead_days)
    async with unit_of_work(rt.session_factory()) as session:
        dropped = await service.apply_retention(session, today, settings.raw_retention_days)
    if created or dropped:
        log.info("usage partitions created %s, dropped %s", created, dropped)


async def reconcile_month_to_date(rt: Runtime[MeteringDeps]) -> None:
    """Re-copy this month's exact totals to Redis (repairs copies lost while Redis was down)."""
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_month_to_date(session, rt.deps.mtd, datetime.now(UTC).date())
