"""HTTP models of plans, subscriptions, plan changes, exchange rates and revenue (camelCase JSON,
amounts as decimal strings)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, StrictBool, field_validator, model_validator

from radiant_contracts.api import NOT_NULL, ApiModel, DecimalInput, InputModel, IsoDate, JsonInt

PLAN_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
PlanIdIn = Annotated[str, Field(min_length=1, max_length=64, pattern=PLAN_ID_PATTERN)]
CURRENCY_PATTERN = r"^[A-Z]{3}$"
CurrencyCode = Annotated[str, Field(pattern=CURRENCY_PATTERN)]
PriceIn = Annotated[Decimal, DecimalInput(max_digits=12, decimal_places=2)]
#: Units of a currency per US dollar: positive, at most 10 decimal places.
RateIn = Annotated[Decimal, DecimalInput(max_digits=20, decimal_places=10)]
LimitIn = Annotated[JsonInt, Field(ge=0, le=2_000_000_000)]
TokenLimitIn = Annotated[JsonInt, Field(ge=0, le=10**15)]
Feature = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[a-z0-9][a-z0-9_.:-]*$")]
MAX_PLANS = 20


# --- catalogue -----------------------------------------------------------------------------------


class PlanLimitsIn(InputModel):
    """Each limit a count, or null for unlimited."""

    max_users: LimitIn | None = None
    max_agents: LimitIn | None = None
    max_tokens_per_month: TokenLimitIn | None = None
    max_storage_gb: LimitIn | None = None


class PlanIn(InputModel):
    """One tier. Any difference from the plan's current terms makes a new version: new subscriptions
    and upgrades get it at once, existing subscriptions from their next period (never retroactively)."""

    id: PlanIdIn
    name: Annotated[str, Field(min_length=1, max_length=100)]
    description: Annotated[str, Field(max_length=500)] | None = None
    rank: Annotated[JsonInt, Field(ge=0, le=1_000_000)]
    # A currency code is every key's pattern, which `patternProperties` alone does not say.
    prices: Annotated[
        dict[CurrencyCode, PriceIn],
        Field(
            min_length=1,
            max_length=50,
            json_schema_extra={"propertyNames": {"pattern": CURRENCY_PATTERN}, "additionalProperties": False},
        ),
    ]
    limits: PlanLimitsIn
    features: Annotated[list[Feature], Field(max_length=50)] = Field(default_factory=list)
    available: Annotated[StrictBool | None, NOT_NULL] = None
    default: Annotated[StrictBool | None, NOT_NULL] = None

    @field_validator("prices")
    @classmethod
    def _usd_price(cls, prices: dict[str, Decimal]) -> dict[str, Decimal]:
        if "USD" not in prices:
            raise ValueError("a plan has a USD price (other currencies are optional)")
        return prices


class CatalogueUpdate(InputModel):
    """The plans to create or change; plans not listed stay as they are."""

    plans: Annotated[list[PlanIn], Field(min_length=1, max_length=MAX_PLANS)]

    @model_validator(mode="after")
    def _unique(self) -> CatalogueUpdate:
        ids = [p.id for p in self.plans]
        if len(set(ids)) != len(ids):
            raise ValueError("each plan once")
        if sum(1 for p in self.plans if p.default) > 1:
            raise ValueError("at most one default plan")
        return self


class PlanLimitsOut(ApiModel):
    max_users: int | None
    max_agents: int | None
    max_tokens_per_month: int | None
    max_storage_gb: int | None


class PlanOut(ApiModel):
    id: str
    name: str
    description: str | None
    rank: int
    version: int
    prices: dict[str, Decimal]
    limits: PlanLimitsOut
    features: list[str]
    available: bool
    default: bool
    versions: int


class CatalogueOut(ApiModel):
    plans: list[PlanOut]


# --- a tenant's subscription ---------------------------------------------------------------------


class ScheduledChangeOut(ApiModel):
    change_id: uuid.UUID
    plan: str
    effective_on: date
    status: Literal["scheduled", "pending_approval"]
    approval_id: str | None = None


class ChargeOut(ApiModel):
    kind: Literal["plan_fee", "proration"]
    description: str
    amount: Decimal
    currency: str
    service_start: date
    service_end: date


class SubscriptionOut(ApiModel):
    tenant_id: str
    plan: PlanOut
    plan_version: int
    status: str
    currency: str
    monthly_price: Decimal
    period_start: date
    period_end: date
    revision: int
    scheduled_change: ScheduledChangeOut | None = None
    uninvoiced_charges: list[ChargeOut] = Field(default_factory=list)


class PlanChangeRequest(InputModel):
    plan: PlanIdIn


class ProrationOut(ApiModel):
    """What the upgrade costs for the rest of the period: `(newPrice - oldPrice) x daysLeft /
    cycleDays`, half-up to the currency's minor unit; it is a line of the next invoice."""

    amount: Decimal
    currency: str
    old_price: Decimal
    new_price: Decimal
    days_left: int
    cycle_days: int
    service_start: date
    service_end: date


class UpgradeOut(ApiModel):
    subscription: SubscriptionOut
    proration: ProrationOut


class DowngradeOut(ApiModel):
    """Scheduled: the plan changes on `effectiveOn` (the next period's first day); in a production
    tenant it waits for approval first (202)."""

    status: Literal["scheduled", "pending_approval"]
    change_id: uuid.UUID
    plan: str
    effective_on: date
    approval_id: str | None = None
    subscription: SubscriptionOut


# --- exchange rates ------------------------------------------------------------------------------


class ExchangeRateIn(InputModel):
    currency: CurrencyCode
    rate: RateIn
    effective_from: IsoDate
    source: Annotated[str, Field(min_length=1, max_length=200)]

    @field_validator("currency")
    @classmethod
    def _not_usd(cls, currency: str) -> str:
        if currency == "USD":
            raise ValueError("rates are from USD; USD needs none")
        return currency

    @field_validator("rate")
    @classmethod
    def _positive(cls, rate: Decimal) -> Decimal:
        if rate <= 0:
            raise ValueError("must be greater than 0")
        return rate


class ExchangeRatesUpdate(InputModel):
    rates: Annotated[list[ExchangeRateIn], Field(min_length=1, max_length=200)]


class ExchangeRateOut(ApiModel):
    currency: str
    rate: Decimal
    effective_from: date
    source: str
    created_by: str | None


class ExchangeRatesOut(ApiModel):
    base: Literal["USD"] = "USD"
    rates: list[ExchangeRateOut]


# --- revenue -------------------------------------------------------------------------------------


class RevenueSums(ApiModel):
    invoiced: Decimal
    collected: Decimal
    outstanding: Decimal
    invoice_count: int


class PlanRevenue(RevenueSums):
    plan: str | None


class TenantRevenue(RevenueSums):
    tenant_id: str


class MrrOut(ApiModel):
    """Monthly recurring revenue (the monthly prices of the subscriptions in force) at the period's
    start and end, and how it moved: each tenant's net change counted once, as new (from none),
    churn (to none), expansion or contraction. start + new + expansion - contraction - churn = end."""

    start: Decimal
    end: Decimal
    new: Decimal
    expansion: Decimal
    contraction: Decimal
    churn: Decimal
    change: Decimal
    paying_tenants: int


class CurrencyRevenue(RevenueSums):
    currency: str
    by_plan: list[PlanRevenue]
    by_tenant: list[TenantRevenue]
    tenants_total: int
    mrr: MrrOut


class RevenueOut(ApiModel):
    """Per currency (amounts in different currencies are never added). Invoices count in the period
    their billing period starts in; collected = paid invoices' totals; outstanding = the rest."""

    period_start: date
    period_end: date
    currencies: list[CurrencyRevenue]
