"""HTTP request and response models (camelCase JSON, amounts as decimal strings)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, ValidationInfo, field_validator, model_validator

from radiant_contracts.api import NOT_NULL, ApiModel, DecimalInput, InputModel, JsonInt, Pagination

# Decimal strings or JSON numbers (read through their shortest text, so no binary float leaks in),
# documented as exactly what is accepted (pattern, range, decimal places).
PercentIn = Annotated[Decimal, DecimalInput(max_digits=5, decimal_places=2, maximum=100)]
MoneyIn = Annotated[Decimal, DecimalInput(max_digits=12, decimal_places=2)]


# --- settings ------------------------------------------------------------------------------------


class MarginTierIn(InputModel):
    up_to: MoneyIn | None = None  # monthly volume up to which this tier's margin applies; last: none
    margin_percent: PercentIn


class SettingsUpdate(InputModel):
    """Every field optional: only the fields sent change; `null` clears taxId, budgetLimit and tiers,
    and is refused for the others (they always have a value)."""

    # At least one setting, as the document says (minProperties).
    model_config = InputModel.model_config | {"json_schema_extra": {"minProperties": 1}}

    margin_percent: Annotated[PercentIn | None, NOT_NULL] = None
    margin_type: Annotated[Literal["fixed", "tiered"] | None, NOT_NULL] = None
    tiers: list[MarginTierIn] | None = Field(None, max_length=20)
    tax_enabled: Annotated[StrictBool | None, NOT_NULL] = None
    tax_percent: Annotated[PercentIn | None, NOT_NULL] = None
    tax_id: Annotated[str, Field(max_length=50)] | None = None
    currency: Annotated[Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None, NOT_NULL] = None
    billing_cycle_day: Annotated[Annotated[JsonInt, Field(ge=1, le=28)] | None, NOT_NULL] = None
    auto_pay: Annotated[StrictBool | None, NOT_NULL] = None
    budget_limit: MoneyIn | None = None
    alert_thresholds: Annotated[
        Annotated[list[Annotated[JsonInt, Field(ge=1, le=1000)]], Field(min_length=1, max_length=10)] | None,
        NOT_NULL,
    ] = None

    @model_validator(mode="after")
    def _not_empty(self) -> SettingsUpdate:
        if not self.model_fields_set:
            raise ValueError("send at least one setting to change")
        return self


class MarginTierOut(ApiModel):
    up_to: Decimal | None = None
    margin_percent: Decimal


class SettingsOut(ApiModel):
    tenant_id: str
    margin_percent: Decimal
    margin_type: str
    tiers: list[MarginTierOut]
    tax_enabled: bool
    tax_percent: Decimal
    tax_id: str | None
    currency: str
    billing_cycle_day: int
    auto_pay: bool
    budget_limit: Decimal | None
    alert_thresholds: list[int]
    stripe_customer_id: str | None = None
    updated_at: datetime | None = None


class SettingsChangePending(ApiModel):
    """202: in production the change waits for a second administrator's approval."""

    status: Literal["pending_approval"] = "pending_approval"
    change_id: uuid.UUID
    approval_id: str
    requested: dict[str, Any]
    current: SettingsOut


# --- usage, projections --------------------------------------------------------------------------


class PeriodOut(ApiModel):
    start: date
    end: date


class ModelUsageOut(ApiModel):
    model_id: str
    model_name: str
    provider_id: str | None
    request_count: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    provider_cost: Decimal
    billed_cost: Decimal


class UsageTotals(ApiModel):
    request_count: int
    total_tokens: int
    provider_cost: Decimal
    billed_cost: Decimal


class BudgetPosition(ApiModel):
    budget_limit: Decimal | None
    spent: Decimal
    percent_used: Decimal | None
    projected_percent: Decimal | None = None
    alert_thresholds: list[int]
    thresholds_crossed: list[int]
    status: Literal["no_budget", "within_budget", "at_risk", "over_budget"]


class CurrentPeriodOut(ApiModel):
    tenant_id: str
    period: PeriodOut
    as_of: date
    days_elapsed: int
    days_in_period: int
    currency: str
    exchange_rate: Decimal | None = Field(
        None,
        description="Units of `currency` per USD the USD-priced usage was converted at: the rate in effect on "
        "the period's first day, the one its invoice uses (null: billed in USD, or no usage to convert). "
        "Without a rate a non-USD tenant with usage gets a 409 naming the currency.",
    )
    models: list[ModelUsageOut]
    totals: UsageTotals
    budget: BudgetPosition


class ProjectionOut(ApiModel):
    tenant_id: str
    period: PeriodOut
    as_of: date
    currency: str
    exchange_rate: Decimal | None = Field(
        None,
        description="Units of `currency` per USD the USD-priced usage was converted at: the rate in effect on "
        "the period's first day, the one its invoice uses (null: billed in USD, or no usage to convert). "
        "Without a rate a non-USD tenant with usage gets a 409 naming the currency.",
    )
    method: str
    method_description: str
    days_elapsed: int
    days_in_period: int
    cost_to_date: Decimal
    daily_average: Decimal
    projected_total: Decimal
    budget: BudgetPosition


# --- invoices ------------------------------------------------------------------------------------


class GenerateInvoiceRequest(InputModel):
    """The period, both ends inclusive: periodEnd not before periodStart, at most 366 days after it
    (rules the endpoint documents in `x-input-rules`; the error names periodEnd)."""

    period_start: date
    period_end: date
    send_to_stripe: StrictBool = False

    @field_validator("period_end")
    @classmethod
    def _ordered(cls, period_end: date, info: ValidationInfo) -> date:
        period_start = info.data.get("period_start")
        if period_start is None:
            return period_end  # periodStart is itself invalid; its own error says so
        if period_end < period_start:
            raise ValueError("must not be before periodStart")
        if (period_end - period_start).days > 366:
            raise ValueError("a billing period spans at most 366 days")
        return period_end


class LineItemOut(ApiModel):
    #: `usage` (a model's usage), `plan_fee` (the plan's monthly fee) or `proration` (an upgrade's).
    kind: str = "usage"
    model_id: str | None = None
    description: str
    quantity: int
    total_tokens: int | None = None
    provider_cost: Decimal | None = None
    amount: Decimal


class InvoiceOut(ApiModel):
    id: uuid.UUID
    number: str
    tenant_id: str
    app_id: str | None
    period_start: date
    period_end: date
    line_items: list[LineItemOut]
    provider_cost: Decimal
    subtotal: Decimal
    margin_percent: Decimal
    margin_amount: Decimal
    tax_percent: Decimal
    tax: Decimal
    total: Decimal
    currency: str
    status: str
    due_date: datetime
    paid_at: datetime | None
    stripe_invoice_id: str | None
    stripe_sync_status: str
    stripe_last_error: str | None = None
    #: Who issued the invoice (`stripe`: computed by billing, pushed to Stripe; `lago`: Lago's).
    provider: str = "stripe"
    #: The invoice's id at its provider (Stripe's or Lago's).
    provider_invoice_id: str | None = None
    #: The tenant's plan when the invoice was issued; the USD rate its usage was converted at.
    plan_id: str | None = None
    exchange_rate: Decimal | None = None
    created_at: datetime
    updated_at: datetime


class InvoiceList(ApiModel):
    invoices: list[InvoiceOut]
    total: int  # matching the filters, across all pages
    pagination: Pagination
