"""HTTP request and response models (camelCase JSON, amounts as decimal strings)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StrictBool, model_validator
from pydantic.alias_generators import to_camel

from radiant_contracts.api import ApiModel, InputModel, Pagination


def _number_as_text(value: Any) -> Any:
    """JSON numbers are read through their shortest text (20.5 -> "20.5"), so no binary float leaks in."""
    if isinstance(value, float):
        return repr(value)
    return value


DecimalIn = Annotated[Decimal, BeforeValidator(_number_as_text)]
PercentIn = Annotated[DecimalIn, Field(ge=0, le=100, max_digits=5, decimal_places=2, allow_inf_nan=False)]
MoneyIn = Annotated[DecimalIn, Field(ge=0, max_digits=12, decimal_places=2, allow_inf_nan=False)]


# --- settings ------------------------------------------------------------------------------------


class MarginTierIn(InputModel):
    up_to: MoneyIn | None = None  # monthly volume up to which this tier's margin applies; last: none
    margin_percent: PercentIn


class SettingsUpdate(InputModel):
    """Every field optional: only the fields sent change; `null` clears taxId and budgetLimit."""

    margin_percent: PercentIn | None = None
    margin_type: Literal["fixed", "tiered"] | None = None
    tiers: list[MarginTierIn] | None = Field(None, max_length=20)
    tax_enabled: StrictBool | None = None
    tax_percent: PercentIn | None = None
    tax_id: Annotated[str, Field(max_length=50)] | None = None
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] | None = None
    billing_cycle_day: Annotated[int, Field(ge=1, le=28, strict=True)] | None = None
    auto_pay: StrictBool | None = None
    budget_limit: MoneyIn | None = None
    alert_thresholds: (
        Annotated[list[Annotated[int, Field(ge=1, le=1000, strict=True)]], Field(min_length=1, max_length=10)] | None
    ) = None

    @model_validator(mode="after")
    def _not_empty(self) -> SettingsUpdate:
        if not self.model_fields_set:
            raise ValueError("send at least one setting to change")
        for name in (
            "margin_percent",
            "margin_type",
            "tax_enabled",
            "tax_percent",
            "currency",
            "billing_cycle_day",
            "auto_pay",
            "alert_thresholds",
        ):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(f"{to_camel(name)} cannot be null")
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
    models: list[ModelUsageOut]
    totals: UsageTotals
    budget: BudgetPosition


class ProjectionOut(ApiModel):
    tenant_id: str
    period: PeriodOut
    as_of: date
    currency: str
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
    period_start: date
    period_end: date
    send_to_stripe: StrictBool = False

    @model_validator(mode="after")
    def _ordered(self) -> GenerateInvoiceRequest:
        if self.period_end < self.period_start:
            raise ValueError("periodEnd must not be before periodStart")
        if (self.period_end - self.period_start).days > 366:
            raise ValueError("a billing period spans at most 366 days")
        return self


class LineItemOut(ApiModel):
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
    created_at: datetime
    updated_at: datetime


class InvoiceList(ApiModel):
    invoices: list[InvoiceOut]
    total: int  # matching the filters, across all pages
    pagination: Pagination
