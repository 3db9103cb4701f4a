"""The usage screen: the series a dashboard draws, from metering's own tables, in one answer.

Every day of the period and every hour of the last 48 is present (zero when nothing was used), so a
chart needs no gap filling. Sums are exact (`Decimal`); nothing is rounded here — the costs are the
rollups' own, rounded once per event at ingestion.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as repo

HOURS_SHOWN = 48
#: `agent_id` stored for usage no agent was named in; answered as null.
NO_AGENT = ""
PURGE_BATCH = 10_000


@dataclass
class Figures:
    requests: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    billed_cost: Decimal = Decimal(0)

    def add(self, row: Any) -> None:
        self.requests += int(row.requests if hasattr(row, "requests") else row.request_count)
        self.input_tokens += int(row.input_tokens)
        self.output_tokens += int(row.output_tokens)
        self.total_tokens += int(row.total_tokens)
        self.billed_cost += Decimal(row.billed_cost)


@dataclass
class Series:
    """Figures per bucket (a day or an hour) in total, by model and by agent, and over the whole span."""

    buckets: list[Any]
    total: dict[Any, Figures] = field(default_factory=dict)
    by_model: dict[tuple[Any, str], Figures] = field(default_factory=lambda: defaultdict(Figures))
    by_agent: dict[tuple[Any, str | None], Figures] = field(default_factory=lambda: defaultdict(Figures))
    models: dict[str, Figures] = field(default_factory=lambda: defaultdict(Figures))
    agents: dict[str | None, Figures] = field(default_factory=lambda: defaultdict(Figures))
    totals: Figures = field(default_factory=Figures)

    def __post_init__(self) -> None:
        self.total = {bucket: Figures() for bucket in self.buckets}


@dataclass(frozen=True)
class UsageDashboard:
    start: date
    end: date
    days: Series
    hours: Series
    hours_from: datetime
    hours_to: datetime


def _agent(stored: str) -> str | None:
    return None if stored == NO_AGENT else stored


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _hour_floor(at: datetime) -> datetime:
    return at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _by_model(series: Series, rows: Iterable[Any], bucket_of: Any) -> None:
    for row in rows:
        bucket = bucket_of(row)
        series.total[bucket].add(row)
        series.by_model[(bucket, row.model_id)].add(row)
        series.models[row.model_id].add(row)
        series.totals.add(row)


def _by_agent(series: Series, rows: Iterable[Any], bucket_of: Any) -> None:
    for row in rows:
        agent = _agent(row.agent_id)
        series.by_agent[(bucket_of(row), agent)].add(row)
        series.agents[agent].add(row)


async def usage_dashboard(
    session: AsyncSession, tenant_id: str, start: date, end: date, now: datetime | None = None
) -> UsageDashboard:
    now = now or datetime.now(UTC)
    days = Series(_days(start, end))
    _by_model(days, await repo.daily_by_model(session, tenant_id, start, end), lambda r: r.day)
    day_start = datetime(start.year, start.month, start.day, tzinfo=UTC)
    day_end = datetime(end.year, end.month, end.day, tzinfo=UTC) + timedelta(days=1)
    _by_agent(days, await repo.daily_by_agent(session, tenant_id, day_start, day_end), lambda r: r.day)

    last = _hour_floor(now)
    first = last - timedelta(hours=HOURS_SHOWN - 1)
    hours = Series([first + timedelta(hours=i) for i in range(HOURS_SHOWN)])
    rows = await repo.hourly(session, tenant_id, first, last + timedelta(hours=1))
    _by_model(hours, rows, lambda r: _hour_floor(r.usage_hour))
    _by_agent(hours, rows, lambda r: _hour_floor(r.usage_hour))
    return UsageDashboard(start, end, days, hours, first, last + timedelta(hours=1))


async def purge_before(session: AsyncSession, today: date, retention_days: int) -> int:
    """One bounded round of the hourly series' retention (as long as the raw events are kept)."""
    cutoff = datetime(today.year, today.month, today.day, tzinfo=UTC) - timedelta(days=retention_days)
    return await repo.purge_hours_before(session, cutoff, PURGE_BATCH)
