"""The billing screen: composed from billing's records and metering's rollups (one internal call).

The usage period, its projection and the budget position are computed exactly as `/billing/current`
and `/billing/projections` compute them (the same functions), so the three never disagree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.tenant_views import TenantSpend
from radiant_platform.errors import NotFound

from .. import repository as billing_repo
from .. import service as billing
from ..calculations import PROJECTION_METHOD, PROJECTION_METHOD_DESCRIPTION, period_containing, project
from ..deps import BillingDeps
from ..models import Invoice
from ..plans import service as plans
from ..plans.schemas import SubscriptionOut
from ..schemas import ModelUsageOut, PeriodOut
from . import repository as repo
from .schemas import (
    BillingOverviewOut,
    FailedPaymentOut,
    InvoiceSummaryOut,
    OwedOut,
    PaymentState,
    PaymentStatusOut,
    ProjectionSummary,
    UsagePeriodOut,
)

LATEST_INVOICES = 5


async def _plan(session: AsyncSession, tenant_id: str) -> SubscriptionOut | None:
    try:
        return await plans.get_subscription(session, tenant_id)
    except NotFound:
        return None  # a tenant billing has not subscribed yet (its tenant.created not consumed)


def _payment_state(owed: list[OwedOut], failure: Invoice | None, now: datetime) -> PaymentState:
    if failure is not None:
        return "payment_failed"
    if any(o.status == "overdue" or o.next_due < now for o in owed):
        return "overdue"
    return "outstanding" if owed else "current"


async def payment_status(session: AsyncSession, tenant_id: str, auto_pay: bool, now: datetime) -> PaymentStatusOut:
    owed = [
        OwedOut(status=r.status, currency=r.currency, invoices=r.invoices, amount=r.amount, next_due=r.next_due)
        for r in await repo.unpaid_by_status_and_currency(session, tenant_id)
    ]
    failure = await repo.last_failed_payment(session, tenant_id)
    last_failure = None
    if failure is not None:
        assert failure.payment_failed_at is not None  # selected for it
        last_failure = FailedPaymentOut(
            invoice_id=failure.id,
            number=failure.number,
            failed_at=failure.payment_failed_at,
            attempts=failure.payment_attempts,
            grace_until=failure.grace_until,
        )
    return PaymentStatusOut(
        status=_payment_state(owed, failure, now), auto_pay=auto_pay, owed=owed, last_failure=last_failure
    )


async def billing_overview(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, today: date | None = None
) -> BillingOverviewOut:
    today = today or datetime.now(UTC).date()
    settings = await billing.effective_settings(session, tenant_id)
    period = period_containing(today, settings.billing_cycle_day)
    models, _rate = await billing.usage_in_currency(session, deps, tenant_id, period, today, settings.currency)
    totals = billing._totals(models, settings.currency)
    projection = project(period, today, sum((m.billed_cost for m in models), Decimal(0)), settings.currency)
    alerted = await billing_repo.alerted_thresholds(session, tenant_id, period.start)
    return BillingOverviewOut(
        tenant_id=tenant_id,
        as_of=today,
        currency=settings.currency,
        plan=await _plan(session, tenant_id),
        current_period=UsagePeriodOut(
            period=PeriodOut(start=period.start, end=period.end),
            days_elapsed=projection.elapsed_days,
            days_in_period=period.days,
            totals=totals,
            models=[ModelUsageOut(**m.__dict__) for m in models],
        ),
        projection=ProjectionSummary(
            method=PROJECTION_METHOD,
            method_description=PROJECTION_METHOD_DESCRIPTION,
            cost_to_date=projection.cost_to_date,
            daily_average=projection.daily_average,
            projected_total=projection.projected_total,
        ),
        budget=billing._budget_position(settings, totals.billed_cost, projection.projected_total, alerted),
        payment=await payment_status(session, tenant_id, settings.auto_pay, datetime.now(UTC)),
        latest_invoices=[
            InvoiceSummaryOut.model_validate(i) for i in await repo.latest_invoices(session, tenant_id, LATEST_INVOICES)
        ],
    )


async def tenant_spend(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, today: date | None = None
) -> TenantSpend:
    """The dashboard's spend part (identity's `/admin/stats`): the billing screen's period, totals and
    budget position, without the rest."""
    overview = await billing_overview(session, deps, tenant_id, today)
    period, budget = overview.current_period, overview.budget
    return TenantSpend(
        period_start=period.period.start,
        period_end=period.period.end,
        currency=overview.currency,
        request_count=period.totals.request_count,
        total_tokens=period.totals.total_tokens,
        billed_cost=period.totals.billed_cost,
        projected_total=overview.projection.projected_total,
        budget_limit=budget.budget_limit,
        percent_used=budget.percent_used,
        budget_status=budget.status,
        thresholds_crossed=budget.thresholds_crossed,
    )
