"""Many tenants' per-model totals for one period, each tenant answered (an empty list: no usage)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as repo


async def per_tenant_totals(
    session: AsyncSession, tenant_ids: Sequence[str], start: date, end: date
) -> dict[str, list[Any]]:
    """Every tenant asked for, in the order asked, with its models' totals (none: no usage)."""
    totals: dict[str, list[Any]] = {tenant_id: [] for tenant_id in tenant_ids}
    for row in await repo.per_tenant_model_totals(session, tenant_ids, start, end):
        totals[row.tenant_id].append(row)
    return totals
