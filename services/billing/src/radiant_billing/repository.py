"""All SQL of the billing service. Functions take the caller's session and never commit."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, func, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import BillingSettings, BudgetAlert, Invoice, SettingsChange, StripeEvent

# --- settings ------------------------------------------------------------------------------------


async def get_settings(session: AsyncSession, tenant_id: str) -> BillingSettings | None:
    return await session.get(BillingSettings, tenant_id)


async def ensure_settings(session: AsyncSession, tenant_id: str) -> None:
    """Create the tenant's row with the defaults if it has none (concurrent callers: one insert wins)."""
    await session.execute(insert(BillingSettings).values(tenant_id=tenant_id).on_conflict_do_nothing())


async def lock_settings(session: AsyncSession, tenant_id: str) -> BillingSettings:
    """The tenant's settings row, locked: serialises changes and invoice generation per tenant.
    Created with the defaults first when the tenant has none (one round trip fewer when it has)."""
    locked = (
        select(BillingSettings)
        .where(BillingSettings.tenant_id == tenant_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    row = await session.scalar(locked)
    if row is None:
        await ensure_settings(session, tenant_id)
        row = await session.scalar(locked)
    assert row is not None
    return row


async def update_settings(session: AsyncSession, tenant_id: str, values: dict[str, Any]) -> BillingSettings:
    await ensure_settings(session, tenant_id)
    row = await session.scalar(
        update(BillingSettings)
        .where(BillingSettings.tenant_id == tenant_id)
        .values(**values, updated_at=func.now())
        .returning(BillingSettings)
        .execution_options(populate_existing=True)
    )
    assert row is not None
    return row


async def upsert_tenant_info(
    session: AsyncSession, tenant_id: str, *, app_id: str | None, name: str | None, status: str
) -> None:
    stmt = insert(BillingSettings).values(tenant_id=tenant_id, app_id=app_id, tenant_name=name, tenant_status=status)
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=[BillingSettings.tenant_id],
            set_={
                "app_id": stmt.excluded.app_id,
                "tenant_name": stmt.excluded.tenant_name,
                "tenant_status": stmt.excluded.tenant_status,
                "updated_at": func.now(),
            },
        )
    )


async def set_stripe_customer(session: AsyncSession, tenant_id: str, customer_id: str) -> None:
    await ensure_settings(session, tenant_id)
    await session.execute(
        update(BillingSettings)
        .where(BillingSettings.tenant_id == tenant_id, BillingSettings.stripe_customer_id.is_(None))
        .values(stripe_customer_id=customer_id)
    )


async def tenant_for_stripe_customer(session: AsyncSession, customer_id: str) -> str | None:
    return await session.scalar(
        select(BillingSettings.tenant_id).where(BillingSettings.stripe_customer_id == customer_id).limit(1)
    )


async def settings_with_budget(session: AsyncSession) -> Sequence[BillingSettings]:
    return (
        await session.scalars(
            select(BillingSettings).where(
                BillingSettings.budget_limit.is_not(None), BillingSettings.tenant_status == "active"
            )
        )
    ).all()


async def active_tenant_settings(session: AsyncSession) -> Sequence[BillingSettings]:
    return (await session.scalars(select(BillingSettings).where(BillingSettings.tenant_status == "active"))).all()


# --- pending settings changes (prod approvals) ---------------------------------------------------


async def add_settings_change(
    session: AsyncSession, *, change_id: uuid.UUID, tenant_id: str, requested: dict[str, Any], requested_by: str
) -> None:
    session.add(SettingsChange(id=change_id, tenant_id=tenant_id, requested=requested, requested_by=requested_by))
    await session.flush()


async def set_change_approval(session: AsyncSession, change_id: uuid.UUID, approval_id: str) -> None:
    await session.execute(update(SettingsChange).where(SettingsChange.id == change_id).values(approval_id=approval_id))


async def decide_pending_change(
    session: AsyncSession,
    *,
    tenant_id: str,
    approval_id: str,
    change_id: str | None,
    status: str,
    reason: str | None = None,
) -> SettingsChange | None:
    """Move the pending change behind this approval to `status`; None if none is pending (exactly once)."""
    match = [SettingsChange.approval_id == approval_id]
    if change_id:
        with contextlib.suppress(ValueError):  # not a change id: the approval id alone decides
            match.append(SettingsChange.id == uuid.UUID(change_id))
    return await session.scalar(
        update(SettingsChange)
        .where(SettingsChange.tenant_id == tenant_id, SettingsChange.status == "pending", or_(*match))
        .values(status=status, reason=reason, decided_at=func.now(), approval_id=approval_id)
        .returning(SettingsChange)
    )


async def take_pending_change(session: AsyncSession, *, tenant_id: str, approval_id: str) -> SettingsChange | None:
    """The change billing filed behind this approval, moved from pending to applied (exactly once: a
    redelivered approval finds it no longer pending); None when billing filed none for it."""
    return await session.scalar(
        update(SettingsChange)
        .where(
            SettingsChange.tenant_id == tenant_id,
            SettingsChange.approval_id == approval_id,
            SettingsChange.status == "pending",
        )
        .values(status="applied", decided_at=func.now())
        .returning(SettingsChange)
    )


async def mark_change_failed(session: AsyncSession, change_id: uuid.UUID, reason: str) -> None:
    await session.execute(
        update(SettingsChange).where(SettingsChange.id == change_id).values(status="failed", reason=reason)
    )


async def list_settings_changes(session: AsyncSession, tenant_id: str, limit: int = 20) -> Sequence[SettingsChange]:
    return (
        await session.scalars(
            select(SettingsChange)
            .where(SettingsChange.tenant_id == tenant_id)
            .order_by(SettingsChange.created_at.desc())
            .limit(limit)
        )
    ).all()


# --- invoices ------------------------------------------------------------------------------------


async def get_invoice(session: AsyncSession, tenant_id: str, invoice_id: uuid.UUID) -> Invoice | None:
    return await session.scalar(
        select(Invoice)
        .where(Invoice.id == invoice_id, Invoice.tenant_id == tenant_id)
        .execution_options(populate_existing=True)
    )


async def invoice_for_period(session: AsyncSession, tenant_id: str, start: date, end: date) -> Invoice | None:
    return await session.scalar(
        select(Invoice).where(Invoice.tenant_id == tenant_id, Invoice.period_start == start, Invoice.period_end == end)
    )


async def tenants_invoiced_for(session: AsyncSession, tenant_ids: Sequence[str], start: date, end: date) -> set[str]:
    """Which of the tenants already have their invoice for exactly [start, end]."""
    rows = await session.scalars(
        select(Invoice.tenant_id).where(
            Invoice.tenant_id.in_(tenant_ids), Invoice.period_start == start, Invoice.period_end == end
        )
    )
    return set(rows)


async def overlapping_invoice(session: AsyncSession, tenant_id: str, start: date, end: date) -> Invoice | None:
    """A live invoice whose period overlaps [start, end] (billing the same day twice)."""
    return await session.scalar(
        select(Invoice)
        .where(
            Invoice.tenant_id == tenant_id,
            Invoice.status != "cancelled",
            Invoice.period_start <= end,
            Invoice.period_end >= start,
        )
        .limit(1)
    )


async def insert_invoice(session: AsyncSession, values: dict[str, Any]) -> Invoice | None:
    """Insert unless the tenant already has an invoice for the period (then None)."""
    return await session.scalar(
        insert(Invoice)
        .values(**values)
        # uq_invoices_tenant_period: one computed (Stripe-era) invoice per period; Lago's are by Lago id.
        # The partial index's predicate as a literal: bound as a parameter, Postgres cannot match it to
        # the index once the prepared insert runs with a generic plan (after five runs on a connection).
        .on_conflict_do_nothing(
            index_elements=[Invoice.tenant_id, Invoice.period_start, Invoice.period_end],
            index_where=text("provider = 'stripe'"),
        )
        .returning(Invoice)
    )


async def list_invoices(
    session: AsyncSession,
    tenant_id: str,
    *,
    status: str | None,
    period_from: date | None,
    period_to: date | None,
    limit: int,
    offset: int,
) -> tuple[Sequence[Invoice], int]:
    conditions = [Invoice.tenant_id == tenant_id]
    if status:
        conditions.append(Invoice.status == status)
    if period_from:
        conditions.append(Invoice.period_end >= period_from)
    if period_to:
        conditions.append(Invoice.period_start <= period_to)
    where = and_(*conditions)
    total = await session.scalar(select(func.count()).select_from(Invoice).where(where)) or 0
    rows = (
        await session.scalars(
            select(Invoice)
            .where(where)
            .order_by(Invoice.period_start.desc(), Invoice.created_at.desc())
            .limit(limit)
            .offset(offset)
        )
    ).all()
    return rows, total


async def request_stripe_sync(session: AsyncSession, invoice_id: uuid.UUID) -> None:
    await session.execute(
        update(Invoice)
        .where(Invoice.id == invoice_id, Invoice.stripe_sync_status == "not_requested")
        .values(stripe_sync_status="pending", stripe_next_attempt_at=func.now(), updated_at=func.now())
    )


async def lock_invoice_for_sync(session: AsyncSession, invoice_id: uuid.UUID) -> Invoice | None:
    """The invoice, locked, if it still waits for Stripe and nobody else is pushing it right now."""
    return await session.scalar(
        select(Invoice)
        .where(Invoice.id == invoice_id, Invoice.stripe_sync_status == "pending")
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )


async def invoices_due_for_sync(session: AsyncSession, now: datetime, limit: int = 50) -> Sequence[uuid.UUID]:
    return (
        await session.scalars(
            select(Invoice.id)
            .where(Invoice.stripe_sync_status == "pending", Invoice.stripe_next_attempt_at <= now)
            .order_by(Invoice.stripe_next_attempt_at)
            .limit(limit)
        )
    ).all()


async def update_invoice(session: AsyncSession, invoice_id: uuid.UUID, **values: Any) -> None:
    await session.execute(update(Invoice).where(Invoice.id == invoice_id).values(**values, updated_at=func.now()))


async def transition_invoice(
    session: AsyncSession, invoice_id: uuid.UUID, *, target: str, allowed_from: frozenset[str], **values: Any
) -> Invoice | None:
    """Conditional state change: only from an allowed state; None when the invoice was elsewhere."""
    return await session.scalar(
        update(Invoice)
        .where(Invoice.id == invoice_id, Invoice.status.in_(allowed_from))
        .values(status=target, updated_at=func.now(), **values)
        .returning(Invoice)
        .execution_options(populate_existing=True)
    )


async def find_invoice_for_stripe(
    session: AsyncSession, *, radiant_invoice_id: str | None, stripe_invoice_id: str | None
) -> Invoice | None:
    if radiant_invoice_id:
        try:
            found = await session.get(Invoice, uuid.UUID(radiant_invoice_id), populate_existing=True)
        except ValueError:
            found = None
        if found is not None:
            return found
    if stripe_invoice_id:
        return await session.scalar(select(Invoice).where(Invoice.stripe_invoice_id == stripe_invoice_id).limit(1))
    return None


async def mark_overdue(session: AsyncSession, now: datetime) -> Sequence[Invoice]:
    """Pending invoices past their due date, or past the grace period after a failed payment."""
    return (
        await session.scalars(
            update(Invoice)
            .where(
                Invoice.status == "pending",
                or_(Invoice.due_date < now, and_(Invoice.grace_until.is_not(None), Invoice.grace_until < now)),
            )
            .values(status="overdue", updated_at=func.now())
            .returning(Invoice)
        )
    ).all()


# --- budgets -------------------------------------------------------------------------------------


async def record_budget_alert(
    session: AsyncSession,
    *,
    tenant_id: str,
    period_start: date,
    period_end: date,
    threshold: int,
    budget_limit: Decimal,
    cost: Decimal,
) -> bool:
    """True only for the first crossing of this threshold in this period."""
    inserted = await session.scalar(
        insert(BudgetAlert)
        .values(
            tenant_id=tenant_id,
            period_start=period_start,
            period_end=period_end,
            threshold_percent=threshold,
            budget_limit=budget_limit,
            cost_at_crossing=cost,
        )
        .on_conflict_do_nothing()
        .returning(BudgetAlert.threshold_percent)
    )
    return inserted is not None


async def alerted_thresholds(session: AsyncSession, tenant_id: str, period_start: date) -> list[int]:
    return list(
        (
            await session.scalars(
                select(BudgetAlert.threshold_percent)
                .where(BudgetAlert.tenant_id == tenant_id, BudgetAlert.period_start == period_start)
                .order_by(BudgetAlert.threshold_percent)
            )
        ).all()
    )


# --- Stripe webhook events -----------------------------------------------------------------------


async def claim_stripe_event(session: AsyncSession, event_id: str, event_type: str) -> bool:
    """Record the event as processed; False when it was processed before (a redelivery)."""
    claimed = await session.scalar(
        insert(StripeEvent)
        .values(event_id=event_id, event_type=event_type, outcome="processing")
        .on_conflict_do_nothing()
        .returning(StripeEvent.event_id)
    )
    return claimed is not None


async def set_stripe_event_outcome(session: AsyncSession, event_id: str, outcome: str, tenant_id: str | None) -> None:
    await session.execute(
        update(StripeEvent).where(StripeEvent.event_id == event_id).values(outcome=outcome, tenant_id=tenant_id)
    )
