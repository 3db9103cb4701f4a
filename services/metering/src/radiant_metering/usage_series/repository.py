"""The usage screen's SQL: daily rollups by model, hourly rows by model and agent, their retention."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, cast, delete, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import UsageRollup
from .models import UsageHourly

_HOURLY_FIGURES = (
    func.sum(UsageHourly.request_count).label("requests"),
    func.sum(UsageHourly.input_tokens).label("input_tokens"),
    func.sum(UsageHourly.output_tokens).label("output_tokens"),
    func.sum(UsageHourly.total_tokens).label("total_tokens"),
    func.sum(UsageHourly.billed_cost).label("billed_cost"),
)


async def daily_by_model(session: AsyncSession, tenant_id: str, start: date, end: date) -> Sequence[Any]:
    """(date, model_id, requests, input_tokens, output_tokens, total_tokens, billed_cost), `end` inclusive."""
    result = await session.execute(
        select(
            UsageRollup.usage_date.label("day"),
            UsageRollup.model_id,
            UsageRollup.request_count.label("requests"),
            UsageRollup.input_tokens,
            UsageRollup.output_tokens,
            UsageRollup.total_tokens,
            UsageRollup.billed_cost,
        )
        .where(UsageRollup.tenant_id == tenant_id, UsageRollup.usage_date.between(start, end))
        .order_by(UsageRollup.usage_date, UsageRollup.model_id)
    )
    return result.all()


async def daily_by_agent(session: AsyncSession, tenant_id: str, start: datetime, end: datetime) -> Sequence[Any]:
    """(day, agent_id, figures…) for the hours in [start, end), days in UTC."""
    day = cast(func.timezone("UTC", UsageHourly.usage_hour), Date).label("day")
    result = await session.execute(
        select(day, UsageHourly.agent_id, *_HOURLY_FIGURES)
        .where(UsageHourly.tenant_id == tenant_id, UsageHourly.usage_hour >= start, UsageHourly.usage_hour < end)
        .group_by(day, UsageHourly.agent_id)
        .order_by(day, UsageHourly.agent_id)
    )
    return result.all()


async def hourly(session: AsyncSession, tenant_id: str, start: datetime, end: datetime) -> Sequence[UsageHourly]:
    """The tenant's hourly rows (by model and agent) for the hours in [start, end)."""
    result = await session.execute(
        select(UsageHourly)
        .where(UsageHourly.tenant_id == tenant_id, UsageHourly.usage_hour >= start, UsageHourly.usage_hour < end)
        .order_by(UsageHourly.usage_hour, UsageHourly.model_id, UsageHourly.agent_id)
    )
    return result.scalars().all()


async def purge_hours_before(session: AsyncSession, cutoff: datetime, limit: int) -> int:
    """Delete up to `limit` hourly rows older than `cutoff` (bounded, so one round never holds long locks)."""
    doomed = select(UsageHourly.tenant_id, UsageHourly.usage_hour, UsageHourly.model_id, UsageHourly.agent_id).where(
        UsageHourly.usage_hour < cutoff
    )
    keys = (await session.execute(doomed.limit(limit))).all()
    if not keys:
        return 0
    columns = (UsageHourly.tenant_id, UsageHourly.usage_hour, UsageHourly.model_id, UsageHourly.agent_id)
    result = await session.execute(delete(UsageHourly).where(tuple_(*columns).in_([tuple(k) for k in keys])))
    return int(getattr(result, "rowcount", 0) or 0)
