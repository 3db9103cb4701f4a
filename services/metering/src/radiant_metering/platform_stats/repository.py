"""The SQL of metering's platform figures: month-to-date totals and active tenants, over every tenant."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import UsageMonthToDate, UsageRollup


async def month_to_date(session: AsyncSession, month: date) -> Any:
    m = UsageMonthToDate
    return (
        await session.execute(
            select(
                func.coalesce(func.sum(m.request_count), 0).label("requests"),
                func.coalesce(func.sum(m.input_tokens), 0).label("input_tokens"),
                func.coalesce(func.sum(m.output_tokens), 0).label("output_tokens"),
                func.coalesce(func.sum(m.total_tokens), 0).label("total_tokens"),
                func.coalesce(func.sum(m.provider_cost), 0).label("provider_cost"),
                func.coalesce(func.sum(m.billed_cost), 0).label("billed_cost"),
                func.count().filter(m.request_count > 0).label("tenants"),
            ).where(m.month == month)
        )
    ).one()


async def suspended_requests_between(session: AsyncSession, start: date, end: date) -> int:
    r = UsageRollup
    total = await session.scalar(
        select(func.coalesce(func.sum(r.suspended_requests), 0)).where(r.usage_date.between(start, end))
    )
    return int(total or 0)


async def tenants_with_usage_since(session: AsyncSession, since: date) -> int:
    r = UsageRollup
    return int(await session.scalar(select(func.count(func.distinct(r.tenant_id))).where(r.usage_date >= since)) or 0)
