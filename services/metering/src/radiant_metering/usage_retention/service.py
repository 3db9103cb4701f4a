"""The rules of a tenant's shorter raw-usage retention.

- Only a preference below the platform's retention changes anything (the platform keeps nobody's
  detail longer than its own retention; `apply_retention` handles that part for every tenant).
- Days are whole UTC days, like the platform's retention: with 7 days, today and the 7 days before it
  are kept.
- Deletes go in bounded batches, each its own transaction, so a round never holds long locks; a
  tenant with more than a round's budget is finished in the next rounds.
- Identity unreachable: the round skips the per-tenant part (logged); the next round catches up.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_platform.db import unit_of_work

from . import repository as repo
from .identity_client import RetentionUnavailable

log = logging.getLogger(__name__)

BATCH = 5_000
#: Batches per tenant and table in one round.
MAX_BATCHES = 20


Delete = Callable[[AsyncSession, str, datetime, int], Awaitable[int]]


class Preferences(Protocol):
    async def shorter_preferences(self) -> dict[str, int]: ...


@dataclass(frozen=True)
class Trimmed:
    tenants: int
    events: int
    hours: int
    #: False when identity could not say the preferences this round.
    asked: bool = True


def cutoff_of(now: datetime, days: int) -> datetime:
    day = now.astimezone(UTC).date() - timedelta(days=days)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


async def _drain(
    factory: async_sessionmaker[AsyncSession], delete: Delete, tenant_id: str, cutoff: datetime, batch: int
) -> int:
    total = 0
    for _ in range(MAX_BATCHES):
        async with unit_of_work(factory) as session:
            deleted = await delete(session, tenant_id, cutoff, batch)
        total += deleted
        if deleted < batch:
            break
    return total


async def trim_round(
    factory: async_sessionmaker[AsyncSession],
    preferences: Preferences,
    *,
    now: datetime,
    platform_days: int,
    batch: int = BATCH,
) -> Trimmed:
    """One round: every tenant that keeps less than `platform_days` loses its older raw rows."""
    try:
        wanted = await preferences.shorter_preferences()
    except RetentionUnavailable as exc:
        log.warning("tenants' usage retention unknown this round (%s); only the platform's retention applied", exc)
        return Trimmed(0, 0, 0, asked=False)
    shorter = {tenant: days for tenant, days in wanted.items() if 0 < days < platform_days}
    events = hours = 0
    for tenant_id, days in sorted(shorter.items()):
        cutoff = cutoff_of(now, days)
        events += await _drain(factory, repo.delete_events_before, tenant_id, cutoff, batch)
        hours += await _drain(factory, repo.delete_hours_before, tenant_id, cutoff, batch)
    return Trimmed(len(shorter), events, hours)
