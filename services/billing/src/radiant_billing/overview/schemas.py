"""`GET /admin/billing`: the billing screen's answer (camelCase JSON)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from radiant_contracts.api import ApiModel

from ..plans.schemas import SubscriptionOut
from ..schemas import BudgetPosition, ModelUsageOut, PeriodOut, UsageTotals

#: `current`: nothing is owed; `outstanding`: invoices wait for payment, none past due; `overdue`:
#: one is past its due date; `payment_failed`: a payment of an unpaid invoice failed (in its grace
#: period, or past it).
PaymentState = Literal["current", "outstanding", "overdue", "payment_failed"]


class UsagePeriodOut(ApiModel):
    period: PeriodOut
    days_elapsed: int
    days_in_period: int
    totals: UsageTotals
    models: list[ModelUsageOut]


class ProjectionSummary(ApiModel):
    method: str
    method_description: str
    cost_to_date: Decimal
    daily_average: Decimal
    projected_total: Decimal


class OwedOut(ApiModel):
    status: Literal["pending", "overdue"]
    currency: str
    invoices: int
    amount: Decimal
    next_due: datetime


class FailedPaymentOut(ApiModel):
    invoice_id: uuid.UUID
    number: str
    failed_at: datetime
    attempts: int
    grace_until: datetime | None


class PaymentStatusOut(ApiModel):
    status: PaymentState
    auto_pay: bool
    owed: list[OwedOut]
    last_failure: FailedPaymentOut | None = None


class InvoiceSummaryOut(ApiModel):
    id: uuid.UUID
    number: str
    period_start: date
    period_end: date
    total: Decimal
    currency: str
    status: str
    due_date: datetime
    paid_at: datetime | None


class BillingOverviewOut(ApiModel):
    tenant_id: str
    as_of: date
    currency: str
    #: The tenant's plan and its period; null while the tenant has no subscription yet.
    plan: SubscriptionOut | None
    current_period: UsagePeriodOut
    projection: ProjectionSummary
    #: The budget, its alert thresholds and where spending stands against them (no_budget: none set).
    budget: BudgetPosition
    payment: PaymentStatusOut
    #: The newest invoices (at most five), newest period first.
    latest_invoices: list[InvoiceSummaryOut]
