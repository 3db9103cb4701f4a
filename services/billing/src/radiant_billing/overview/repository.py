"""The billing screen's SQL: the latest invoices, what is owed, the last failed payment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Invoice

#: Invoices a tenant still has to pay.
UNPAID = ("pending", "overdue")


async def latest_invoices(session: AsyncSession, tenant_id: str, limit: int) -> Sequence[Invoice]:
    result = await session.scalars(
        select(Invoice)
        .where(Invoice.tenant_id == tenant_id, Invoice.status != "cancelled")
        .order_by(Invoice.period_start.desc(), Invoice.created_at.desc())
        .limit(limit)
    )
    return result.all()


async def unpaid_by_status_and_currency(session: AsyncSession, tenant_id: str) -> Sequence[Any]:
    """(status, currency, invoices, amount, earliest due date) of the unpaid invoices."""
    result = await session.execute(
        select(
            Invoice.status,
            Invoice.currency,
            func.count().label("invoices"),
            func.sum(Invoice.total).label("amount"),
            func.min(Invoice.due_date).label("next_due"),
        )
        .where(Invoice.tenant_id == tenant_id, Invoice.status.in_(UNPAID))
        .group_by(Invoice.status, Invoice.currency)
        .order_by(Invoice.status, Invoice.currency)
    )
    return result.all()


async def last_failed_payment(session: AsyncSession, tenant_id: str) -> Invoice | None:
    """The unpaid invoice whose payment failed last, if any."""
    result = await session.scalars(
        select(Invoice)
        .where(Invoice.tenant_id == tenant_id, Invoice.status.in_(UNPAID), Invoice.payment_failed_at.is_not(None))
        .order_by(Invoice.payment_failed_at.desc())
        .limit(1)
    )
    return result.first()
