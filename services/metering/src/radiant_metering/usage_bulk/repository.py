"""The bulk rollup read's SQL: per tenant and model, over the daily rollups (their primary key leads
with the tenant, so `tenant_id = ANY(...)` walks the index once per tenant asked for)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import UsageRollup


async def per_tenant_model_totals(
    session: AsyncSession, tenant_ids: Sequence[str], start: date, end: date
) -> Sequence[Any]:
    """(tenant_id, model_id, provider_id, request_count, input/output/total tokens, provider/billed cost,
    unpriced_requests) for the tenants' days in [start, end], ordered by tenant and model."""
    r = UsageRollup
    result = await session.execute(
        select(
            r.tenant_id,
            r.model_id,
            func.max(r.provider_id).label("provider_id"),
            func.sum(r.request_count).label("request_count"),
            func.sum(r.input_tokens).label("input_tokens"),
            func.sum(r.output_tokens).label("output_tokens"),
            func.sum(r.total_tokens).label("total_tokens"),
            func.sum(r.provider_cost).label("provider_cost"),
            func.sum(r.billed_cost).label("billed_cost"),
            func.sum(r.unpriced_requests).label("unpriced_requests"),
        )
        .where(r.tenant_id == func.any(list(tenant_ids)), r.usage_date.between(start, end))
        .group_by(r.tenant_id, r.model_id)
        .order_by(r.tenant_id, r.model_id)
    )
    return result.all()
