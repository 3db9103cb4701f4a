"""Billing's platform figures: what tenants owe — invoices issued and not yet paid."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.platform_views import InvoiceStats, InvoiceTotal

from . import repository as repo

#: Issued and awaiting payment (`calculations.INVOICE_STATUSES`): a draft is not sent, a paid or
#: cancelled one is settled.
OUTSTANDING = ("pending", "overdue")


async def outstanding_invoices(session: AsyncSession) -> InvoiceStats:
    rows = await repo.invoice_totals(session, OUTSTANDING)
    return InvoiceStats(
        outstanding=[InvoiceTotal(status=s, currency=c, count=n, total=total) for s, c, n, total in rows]
    )
