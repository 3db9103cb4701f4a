"""The SQL of billing's platform figures: invoices not yet paid, over every tenant."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Invoice


async def invoice_totals(session: AsyncSession, statuses: Sequence[str]) -> list[tuple[str, str, int, Decimal]]:
    """(status, currency, count, total) of the invoices in `statuses`."""
    rows = await session.execute(
        select(Invoice.status, Invoice.currency, func.count(), func.coalesce(func.sum(Invoice.total), 0))
        .where(Invoice.status.in_(statuses))
        .group_by(Invoice.status, Invoice.currency)
        .order_by(Invoice.status, Invoice.currency)
    )
    return [(status, currency, int(n), Decimal(total)) for status, currency, n, total in rows]
