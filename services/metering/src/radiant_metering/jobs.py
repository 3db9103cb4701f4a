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
from .usage_retention import service as usage_retention

log = logging.getLogger(__name__)


async def maintain_storage(rt: Runtime[MeteringDeps], now: datetime | None = None) -> None:
    """Partitions first, retention second, each its own transaction. Until a day's partition exists,
    ingestion writes that day to the default partition, so a failed round loses nothing. Then the
    tenants that asked for a shorter raw-usage retention lose their older detail (usage_retention)."""
    settings = rt.deps.settings
    now = now or datetime.now(UTC)
    today = now.date()
    async with unit_of_work(rt.session_factory()) as session:
        created = await service.ensure_partitions(session, today, settings.partitions_ahead_days)
    async with unit_of_work(rt.session_factory()) as session:
        dropped = await service.apply_retention(session, today, settings.raw_retention_days)
    if created or dropped:
        log.info("usage partitions created %s, dropped %s", created, dropped)
    trimmed = await usage_retention.trim_round(
        rt.session_factory(), rt.deps.retention, now=now, platform_days=settings.raw_retention_days
    )
    if trimmed.events or trimmed.hours:
        log.info(
            "tenants' shorter usage retention: %s raw events, %s hourly rows deleted", trimmed.events, trimmed.hours
        )


async def reconcile_month_to_date(rt: Runtime[MeteringDeps]) -> None:
    """Re-copy this month's exact totals to Redis (repairs copies lost while Redis was down)."""
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_month_to_date(session, rt.deps.mtd, datetime.now(UTC).date())
