"""`billing-events`, keyed by tenant id: settings, invoices, budgets and plan changes.

All amounts are exact `Decimal` serialised as strings (see `radiant_contracts.fields`); an event's
amounts are in its `currency`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, ClassVar, Literal, Self

from pydantic import AwareDatetime, Field, StrictBool, StrictInt, StrictStr, model_validator

from radiant_contracts.fields import Count, Currency, Id, Money, NonNegativeMoney, Percent
from radiant_contracts.payload import ContractModel, EventPayload
from radiant_contracts.topics import BILLING_EVENTS

MarginMode = Literal["fixed", "tiered"]
#: A budget alert threshold, in percent of the budget limit (over 100 alerts on overspend).
ThresholdPercent = Annotated[StrictInt, Field(ge=1, le=1000)]


class BillingPeriod(ContractModel):
    """A billing period, both ends inclusive, as printed on the invoice (the seed's DATE columns)."""

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.end < self.start:
            raise ValueError("period end is before its start")
        return self


class MarginTier(ContractModel):
    """Spend up to `up_to` in the period is charged at `margin_percent`; the last tier has no bound."""

    up_to: NonNegativeMoney | None = None
    margin_percent: Percent


class _BillingEvent(EventPayload):
    topic: ClassVar[str] = BILLING_EVENTS


class BillingSettingsUpdated(_BillingEvent):
    """A tenant's billing settings after a change; metering keeps its copy of the margin from this."""

    event_type: ClassVar[str] = "radiant.billing.settings_updated.v1"

    margin_percent: Percent = Decimal("20.00")  # the seed's default margin
    margin_mode: MarginMode = "fixed"
    tiers: list[MarginTier] = Field(default_factory=list)
    tax_enabled: StrictBool = False
    tax_percent: Percent = Decimal("0.00")
    tax_id: Annotated[StrictStr, Field(max_length=50)] | None = None
    currency: Currency = "USD"
    budget_limit: NonNegativeMoney | None = None
    alert_thresholds: list[ThresholdPercent] = Field(default_factory=lambda: [50, 75, 90, 100])
    billing_cycle_day: Annotated[StrictInt, Field(ge=1, le=28)] = 1
    auto_pay: StrictBool = False
    effective_at: AwareDatetime
    updated_by: Id | None = None

    @model_validator(mode="after")
    def _tiers_match_mode(self) -> Self:
        """Tiered pricing without tiers cannot price anything; tiers must rise, only the last unbounded."""
        if self.margin_mode == "tiered":
            if not self.tiers:
                raise ValueError("margin_mode 'tiered' needs at least one tier")
            bounds = [t.up_to for t in self.tiers]
            if any(b is None for b in bounds[:-1]):
                raise ValueError("only the last tier may be unbounded (up_to = null)")
            finite = [b for b in bounds if b is not None]
            if finite != sorted(set(finite)):
                raise ValueError("tier up_to bounds must be strictly increasing")
        return self


class InvoiceLine(ContractModel):
    description: Annotated[StrictStr, Field(min_length=1, max_length=500)]
    quantity: Count
    unit_amount: Money
    amount: Money
    model_id: Id | None = None


class _InvoiceEvent(_BillingEvent):
    """What every invoice event says about the invoice, enough to notify without a lookup."""

    subject_field: ClassVar[str | None] = "invoice_id"

    invoice_id: Id
    number: Id
    period: BillingPeriod
    total: NonNegativeMoney
    currency: Currency
    app_id: Id | None = None


class InvoiceCreated(_InvoiceEvent):
    event_type: ClassVar[str] = "radiant.invoice.created.v1"

    subtotal: NonNegativeMoney
    margin_percent: Percent
    tax: NonNegativeMoney
    tax_percent: Percent
    line_items: list[InvoiceLine] = Field(default_factory=list)
    due_date: AwareDatetime
    provider_invoice_id: Id | None = None


class InvoicePaid(_InvoiceEvent):
    event_type: ClassVar[str] = "radiant.invoice.paid.v1"

    amount_paid: NonNegativeMoney
    paid_at: AwareDatetime
    provider_payment_id: Id | None = None


class InvoicePaymentFailed(_InvoiceEvent):
    event_type: ClassVar[str] = "radiant.invoice.payment_failed.v1"

    failure_reason: Annotated[StrictStr, Field(max_length=1000)] | None = None
    attempt_count: Count = 1
    next_attempt_at: AwareDatetime | None = None


class BudgetThresholdCrossed(_BillingEvent):
    """Month-to-date cost passed `threshold_percent` of the budget; raised once per threshold per period."""

    event_type: ClassVar[str] = "radiant.budget.threshold_crossed.v1"

    threshold_percent: ThresholdPercent
    period: BillingPeriod
    budget_limit: NonNegativeMoney
    month_to_date_cost: NonNegativeMoney
    currency: Currency = "USD"


SubscriptionStatus = Literal["active", "trialing", "past_due", "cancelled", "terminated"]
SubscriptionChange = Literal["created", "upgrade", "downgrade", "renewed", "cancelled", "terminated"]


class PlanLimits(ContractModel):
    """What a plan allows; `null` is unlimited. Storage is in whole GiB (`max_storage_gb * 1024**3`
    bytes, as seed 004 §3 computes it); tokens are input + output tokens per calendar month (UTC)."""

    max_users: Count | None = None
    max_agents: Count | None = None
    max_tokens_per_month: Count | None = None
    max_storage_gb: Count | None = None


class SubscriptionChanged(_BillingEvent):
    """The tenant's plan, its limits or its period changed; identity suspends a tenant on `terminated`.

    Billing publishes it when a tenant gets its first plan (`created`), on an upgrade (at once), when
    a scheduled downgrade takes effect (`downgrade`, at the period's start), and when a period renews
    (`renewed`, possibly on a newer version of the plan). `limits` is then always present and is the
    whole set of limits now in force: a consumer replaces its copy (it never merges). `revision`
    rises by one with every change of the tenant's subscription, so a consumer keeps the highest it
    has seen and ignores an older one redelivered out of order. Events from a payment provider's
    webhook (`provider` stripe/lago) may carry no `limits`: then the limits stay as they were.
    """

    event_type: ClassVar[str] = "radiant.subscription.changed.v1"

    subscription_id: Id | None = None
    change: SubscriptionChange
    previous_plan: Id | None = None
    plan: Id
    status: SubscriptionStatus
    effective_at: AwareDatetime
    provider: Literal["stripe", "lago", "internal"] = "internal"
    # Added with plans (issue 14); optional so that older producers' events still validate.
    revision: Count | None = None
    plan_name: Annotated[StrictStr, Field(min_length=1, max_length=100)] | None = None
    plan_version: Count | None = None
    limits: PlanLimits | None = None
    features: list[Annotated[StrictStr, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=100
    )
    period: BillingPeriod | None = None
    currency: Currency | None = None
    monthly_price: NonNegativeMoney | None = None
