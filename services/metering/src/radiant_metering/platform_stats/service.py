"""Metering's platform figures: this calendar month's usage over every tenant, and who used it."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.platform_views import UsageStats

from . import repository as repo

#: "Active" tenants: usage recorded on one of the last 30 days (today, UTC, included).
ACTIVE_DAYS = 30


async def platform_usage(session: AsyncSession, today: date) -> UsageStats:
    month = today.replace(day=1)
    totals = await repo.month_to_date(session, month)
    return UsageStats(
        month=month,
        requests=totals.requests,
        input_tokens=totals.input_tokens,
        output_tokens=totals.output_tokens,
        total_tokens=totals.total_tokens,
        provider_cost=totals.provider_cost,
        billed_cost=totals.billed_cost,
        suspended_requests=await repo.suspended_requests_between(session, month, today),
        tenants_with_usage_this_month=totals.tenants,
        tenants_with_usage_last_30_days=await repo.tenants_with_usage_since(
            session, today - timedelta(days=ACTIVE_DAYS - 1)
        ),
    )
