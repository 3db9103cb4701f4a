"""All SQL of plans, subscriptions, their changes and charges, exchange rates and revenue.
Functions take the caller's session and never commit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import BillingSettings, Invoice
from .models import ExchangeRate, Plan, PlanVersion, Subscription, SubscriptionChange, SubscriptionCharge

# --- catalogue -----------------------------------------------------------------------------------


async def plans(session: AsyncSession) -> Sequence[Plan]:
    return (await session.scalars(select(Plan).order_by(Plan.rank))).all()


async def lock_catalogue(session: AsyncSession) -> Sequence[Plan]:
    """Every plan, locked: one catalogue change at a time (version numbers, the one default)."""
    return (await session.scalars(select(Plan).order_by(Plan.rank).with_for_update())).all()


async def get_plan(session: AsyncSession, plan_id: str) -> Plan | None:
    return await session.get(Plan, plan_id, populate_existing=True)


async def default_plan(session: AsyncSession) -> Plan | None:
    return await session.scalar(select(Plan).where(Plan.is_default.is_(True)))


async def latest_versions(session: AsyncSession) -> dict[str, PlanVersion]:
    rows = await session.scalars(
        select(PlanVersion).distinct(PlanVersion.plan_id).order_by(PlanVersion.plan_id, PlanVersion.version.desc())
    )
    return {v.plan_id: v for v in rows}


async def latest_version(session: AsyncSession, plan_id: str) -> PlanVersion | None:
    return await session.scalar(
        select(PlanVersion).where(PlanVersion.plan_id == plan_id).order_by(PlanVersion.version.desc()).limit(1)
    )


async def get_version(session: AsyncSession, plan_id: str, version: int) -> PlanVersion | None:
    return await session.get(PlanVersion, (plan_id, version))


async def version_counts(session: AsyncSession) -> dict[str, int]:
    rows = await session.execute(select(PlanVersion.plan_id, func.count()).group_by(PlanVersion.plan_id))
    return {plan_id: int(n) for plan_id, n in rows.all()}


async def upsert_plan(session: AsyncSession, plan_id: str, *, rank: int, available: bool) -> None:
    stmt = insert(Plan).values(plan_id=plan_id, rank=rank, available=available, is_default=False)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[Plan.plan_id],
            set_={"rank": stmt.excluded.rank, "available": stmt.excluded.available, "updated_at": func.now()},
        )
    )


async def set_default(session: AsyncSession, plan_id: str) -> None:
    await session.execute(update(Plan).where(Plan.is_default.is_(True)).values(is_default=False))
    await session.execute(update(Plan).where(Plan.plan_id == plan_id).values(is_default=True, updated_at=func.now()))


async def add_version(session: AsyncSession, values: dict[str, Any]) -> PlanVersion:
    row = PlanVersion(**values)
    session.add(row)
    await session.flush()
    return row


# --- subscriptions -------------------------------------------------------------------------------


async def get_subscription(session: AsyncSession, tenant_id: str) -> Subscription | None:
    return await session.get(Subscription, tenant_id, populate_existing=True)


async def lock_subscription(session: AsyncSession, tenant_id: str) -> Subscription | None:
    return await session.scalar(
        select(Subscription)
        .where(Subscription.tenant_id == tenant_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )


async def insert_subscription(session: AsyncSession, values: dict[str, Any]) -> bool:
    """True when this call created the tenant's subscription (a tenant has exactly one)."""
    created = await session.scalar(
        insert(Subscription).values(**values).on_conflict_do_nothing().returning(Subscription.tenant_id)
    )
    return created is not None


async def update_subscription(session: AsyncSession, tenant_id: str, **values: Any) -> Subscription:
    row = await session.scalar(
        update(Subscription)
        .where(Subscription.tenant_id == tenant_id)
        .values(**values, updated_at=func.now())
        .returning(Subscription)
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def subscriptions_to_renew(session: AsyncSession, today: date, limit: int) -> Sequence[str]:
    rows = await session.scalars(
        select(Subscription.tenant_id)
        .where(Subscription.period_end < today, Subscription.status != "cancelled")
        .order_by(Subscription.period_end)
        .limit(limit)
    )
    return rows.all()


async def tenants_without_subscription(session: AsyncSession, limit: int) -> Sequence[str]:
    rows = await session.scalars(
        select(BillingSettings.tenant_id)
        .outerjoin(Subscription, Subscription.tenant_id == BillingSettings.tenant_id)
        .where(Subscription.tenant_id.is_(None), BillingSettings.tenant_status.in_(("active", "suspended")))
        .order_by(BillingSettings.tenant_id)
        .limit(limit)
    )
    return rows.all()


async def tenant_currency(session: AsyncSession, tenant_id: str) -> str:
    currency = await session.scalar(select(BillingSettings.currency).where(BillingSettings.tenant_id == tenant_id))
    return currency or "USD"


async def tenant_cycle_day(session: AsyncSession, tenant_id: str) -> int:
    day = await session.scalar(select(BillingSettings.billing_cycle_day).where(BillingSettings.tenant_id == tenant_id))
    return day or 1


# --- changes (the MRR ledger) and charges --------------------------------------------------------


async def add_change(session: AsyncSession, values: dict[str, Any]) -> SubscriptionChange:
    row = SubscriptionChange(**values)
    session.add(row)
    await session.flush()
    return row


async def set_change(session: AsyncSession, change_id: uuid.UUID, **values: Any) -> None:
    await session.execute(update(SubscriptionChange).where(SubscriptionChange.id == change_id).values(**values))


async def get_change(session: AsyncSession, change_id: uuid.UUID) -> SubscriptionChange | None:
    return await session.get(SubscriptionChange, change_id, populate_existing=True)


async def take_pending_change(session: AsyncSession, tenant_id: str, approval_id: str) -> SubscriptionChange | None:
    """The downgrade waiting for this approval, locked (a redelivered decision finds none)."""
    return await session.scalar(
        select(SubscriptionChange)
        .where(
            SubscriptionChange.tenant_id == tenant_id,
            SubscriptionChange.approval_id == approval_id,
            SubscriptionChange.status == "pending_approval",
        )
        .with_for_update()
    )


async def pending_change_for(session: AsyncSession, tenant_id: str, approval_id: str) -> SubscriptionChange | None:
    return await session.scalar(
        select(SubscriptionChange).where(
            SubscriptionChange.tenant_id == tenant_id, SubscriptionChange.approval_id == approval_id
        )
    )


async def add_charge(session: AsyncSession, values: dict[str, Any]) -> bool:
    created = await session.scalar(
        insert(SubscriptionCharge).values(**values).on_conflict_do_nothing().returning(SubscriptionCharge.id)
    )
    return created is not None


async def open_charges(session: AsyncSession, tenant_id: str, up_to: date) -> Sequence[SubscriptionCharge]:
    """Charges no invoice carries yet whose service began by `up_to` (in whatever currency they were
    made), locked for the invoice."""
    rows = await session.scalars(
        select(SubscriptionCharge)
        .where(
            SubscriptionCharge.tenant_id == tenant_id,
            SubscriptionCharge.invoice_id.is_(None),
            SubscriptionCharge.service_start <= up_to,
        )
        .order_by(SubscriptionCharge.service_start, SubscriptionCharge.created_at)
        .with_for_update()
    )
    return rows.all()


async def charges_of_invoice(session: AsyncSession, invoice_id: uuid.UUID) -> Sequence[SubscriptionCharge]:
    rows = await session.scalars(select(SubscriptionCharge).where(SubscriptionCharge.invoice_id == invoice_id))
    return rows.all()


async def mark_invoiced(session: AsyncSession, charge_ids: Sequence[uuid.UUID], invoice_id: uuid.UUID) -> None:
    if charge_ids:
        await session.execute(
            update(SubscriptionCharge).where(SubscriptionCharge.id.in_(charge_ids)).values(invoice_id=invoice_id)
        )


async def uninvoiced_charges(session: AsyncSession, tenant_id: str) -> Sequence[SubscriptionCharge]:
    rows = await session.scalars(
        select(SubscriptionCharge)
        .where(SubscriptionCharge.tenant_id == tenant_id, SubscriptionCharge.invoice_id.is_(None))
        .order_by(SubscriptionCharge.service_start)
    )
    return rows.all()


# --- exchange rates ------------------------------------------------------------------------------


async def rate_on(session: AsyncSession, currency: str, day: date) -> ExchangeRate | None:
    """The rate in effect on `day`: the latest one effective on or before it."""
    return await session.scalar(
        select(ExchangeRate)
        .where(ExchangeRate.currency == currency, ExchangeRate.effective_from <= day)
        .order_by(ExchangeRate.effective_from.desc())
        .limit(1)
    )


async def upsert_rate(session: AsyncSession, values: dict[str, Any]) -> None:
    stmt = insert(ExchangeRate).values(**values)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[ExchangeRate.currency, ExchangeRate.effective_from],
            set_={
                "rate": stmt.excluded.rate,
                "source": stmt.excluded.source,
                "created_by": stmt.excluded.created_by,
                "created_at": func.now(),
            },
        )
    )


async def rates(session: AsyncSession, currency: str | None, limit: int) -> Sequence[ExchangeRate]:
    query = select(ExchangeRate).order_by(ExchangeRate.currency, ExchangeRate.effective_from.desc()).limit(limit)
    if currency is not None:
        query = query.where(ExchangeRate.currency == currency)
    return (await session.scalars(query)).all()


# --- revenue -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvoiceSums:
    currency: str
    plan_id: str | None
    tenant_id: str
    invoiced: Decimal
    collected: Decimal
    count: int


async def invoice_sums(session: AsyncSession, start: date, end: date) -> list[InvoiceSums]:
    """Per currency, plan and tenant: the totals of the invoices whose period starts in [start, end]
    (cancelled ones are not revenue) and of those of them that are paid."""
    paid = Invoice.status == "paid"
    rows = await session.execute(
        select(
            Invoice.currency,
            Invoice.plan_id,
            Invoice.tenant_id,
            func.sum(Invoice.total),
            func.coalesce(func.sum(Invoice.total).filter(paid), 0),
            func.count(),
        )
        .where(and_(Invoice.period_start >= start, Invoice.period_start <= end, Invoice.status != "cancelled"))
        .group_by(Invoice.currency, Invoice.plan_id, Invoice.tenant_id)
    )
    return [
        InvoiceSums(currency=c, plan_id=p, tenant_id=t, invoiced=Decimal(i), collected=Decimal(col), count=int(n))
        for c, p, t, i, col, n in rows.all()
    ]


@dataclass(frozen=True)
class LedgerPoint:
    tenant_id: str
    currency: str
    mrr: Decimal
    plan_id: str


async def mrr_as_of(session: AsyncSession, day: date) -> list[LedgerPoint]:
    """Each tenant's MRR after the last applied change effective on or before `day`."""
    rows = await session.execute(
        select(
            SubscriptionChange.tenant_id,
            SubscriptionChange.currency,
            SubscriptionChange.mrr,
            SubscriptionChange.to_plan,
        )
        .distinct(SubscriptionChange.tenant_id)
        .where(SubscriptionChange.status == "applied", SubscriptionChange.effective_on <= day)
        .order_by(
            SubscriptionChange.tenant_id,
            SubscriptionChange.effective_on.desc(),
            SubscriptionChange.applied_at.desc(),
            SubscriptionChange.created_at.desc(),
        )
    )
    return [LedgerPoint(tenant_id=t, currency=c, mrr=Decimal(m), plan_id=p) for t, c, m, p in rows.all()]
