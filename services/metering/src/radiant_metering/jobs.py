"""Background jobs: daily partitions ahead of time, raw-event retention, Redis month-to-date repair."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_platform.db import unit_of_work

from . import repository as repo
from . import service
from .mtd import MonthToDateCounters

log = logging.getLogger(__name__)


def _day_of(partition: str) -> date | None:
    try:
        return datetime.strptime(partition.removeprefix("usage_events_"), "%Y%m%d").date()
    except ValueError:
        return None  # the default partition


async def ensure_partitions(session: AsyncSession, today: date, ahead_days: int) -> list[str]:
    """Daily partitions from yesterday to `ahead_days` ahead; other days go to the default partition."""
    await session.execute(text("SET LOCAL lock_timeout = '5s'"))  # never stall ingestion for long
    existing = await repo.existing_partitions(session)
    created = []
    for offset in range(-1, ahead_days + 1):
        day = today + timedelta(days=offset)
        name = f"usage_events_{day:%Y%m%d}"
        if name in existing:
            continue
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        if await repo.default_partition_has_rows_between(session, start, start + timedelta(days=1)):
            continue  # that day's rows already sit in the default partition; leave them there
        await repo.create_day_partition(session, day)
        created.append(name)
    return created


async def apply_retention(session: AsyncSession, today: date, retention_days: int) -> list[str]:
    """Drop whole daily partitions past retention (cheap), then trim the default partition and dedup keys."""
    await session.execute(text("SET LOCAL lock_timeout = '5s'"))
    cutoff_day = today - timedelta(days=retention_days)
    dropped = []
    for name in sorted(await repo.existing_partitions(session)):
        day = _day_of(name)
        if day is not None and day < cutoff_day:
            await repo.drop_partition(session, name)
            dropped.append(name)
    cutoff = datetime(cutoff_day.year, cutoff_day.month, cutoff_day.day, tzinfo=UTC)
    await repo.purge_default_partition_before(session, cutoff)
    await repo.purge_dedup_keys_before(session, cutoff)
    return dropped


async def maintain_storage(rt) -> None:
    settings = rt.settings
    while True:
        today = datetime.now(UTC).date()
        try:
            async with unit_of_work(rt.session_factory()) as session:
                created = await ensure_partitions(session, today, settings.partitions_ahead_days)
            async with unit_of_work(rt.session_factory()) as session:
                dropped = await apply_retention(session, today, settings.raw_retention_days)
            if created or dropped:
                log.info("usage partitions created %s, dropped %s", created, dropped)
        except Exception:  # noqa: BLE001 - retried next round; ingestion falls back to the default partition
            log.warning("partition maintenance failed; retrying later", exc_info=True)
            await asyncio.sleep(10)
            continue
        await asyncio.sleep(settings.maintenance_interval_seconds)


async def reconcile_month_to_date(rt) -> None:
    counters: MonthToDateCounters = rt.extras["mtd"]
    while True:
        try:
            async with unit_of_work(rt.session_factory()) as session:
                await service.reconcile_month_to_date(session, counters, datetime.now(UTC).date())
        except Exception:  # noqa: BLE001
            log.warning("month-to-date reconcile failed; retrying later", exc_info=True)
        await asyncio.sleep(rt.settings.mtd_reconcile_seconds)
