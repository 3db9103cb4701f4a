"""Pure billing arithmetic: periods, invoice amounts, projections, budget thresholds, invoice states.

Rounding rule (DESIGN.md §4): metering's costs arrive as exact decimal strings and are summed
exactly. Each amount printed on an invoice is rounded ONCE, half-up, to the currency's minor unit:
  1. each line item (one per model) = round(sum of that model's billed cost);
  2. subtotal = sum of the rounded lines (already exact, no further rounding);
  3. tax = round(subtotal x tax percent / 100) when tax is enabled, else 0;
  4. total = subtotal + tax (exact).
So the lines always add up to the subtotal, and Stripe receives the same integer minor units.
The margin is already inside metering's billed cost (applied at the time of use);
`margin_amount` = usage lines - round(provider cost) is shown for information.
The plan's fee and prorations (`plans/`) are lines of their own, each already rounded once when
charged, added to the subtotal as they are. Usage of a tenant billed in another currency than USD is
converted per line (`USD cost x rate`, then rounded), at the exchange rate in effect on the invoice
period's first day (`plans/pricing.py`).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext

# ISO 4217 currencies without minor units or with three decimals; every other currency has two.
ZERO_DECIMAL_CURRENCIES = frozenset(
    {
        "BIF",
        "CLP",
        "DJF",
        "GNF",
        "ISK",
        "JPY",
        "KMF",
        "KRW",
        "PYG",
        "RWF",
        "UGX",
        "UYI",
        "VND",
        "VUV",
        "XAF",
        "XOF",
        "XPF",
    }
)
THREE_DECIMAL_CURRENCIES = frozenset({"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"})

HUNDRED = Decimal(100)


def minor_unit_exponent(currency: str) -> int:
    if currency in ZERO_DECIMAL_CURRENCIES:
        return 0
    if currency in THREE_DECIMAL_CURRENCIES:
        return 3
    return 2


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Half-up to the currency's minor unit; the only rounding function for invoice amounts."""
    return amount.quantize(Decimal(1).scaleb(-minor_unit_exponent(currency)), rounding=ROUND_HALF_UP)


def to_minor_units(amount: Decimal, currency: str) -> int:
    """An already-rounded amount as Stripe's integer minor units (refuses a not-yet-rounded one)."""
    scaled = amount.scaleb(minor_unit_exponent(currency))
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{amount} is not rounded to {currency}'s minor unit")
    return int(scaled)


# --- invoice amounts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelUsage:
    """One model's usage over a period, as metering's rollups report it."""

    model_id: str
    model_name: str
    provider_id: str | None
    request_count: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    provider_cost: Decimal
    billed_cost: Decimal


@dataclass(frozen=True)
class LineItem:
    model_id: str
    description: str
    quantity: int  # requests in the period (informational; the amount is the line total)
    total_tokens: int
    provider_cost: Decimal  # exact, unrounded
    amount: Decimal  # rounded once


@dataclass(frozen=True)
class InvoiceAmounts:
    lines: tuple[LineItem, ...]
    provider_cost: Decimal  # rounded
    subtotal: Decimal
    margin_amount: Decimal
    margin_percent: Decimal
    tax_percent: Decimal
    tax: Decimal
    total: Decimal


def merge_usage(usages: Iterable[ModelUsage]) -> list[ModelUsage]:
    """One entry per model (metering may report a model once per provider or day)."""
    merged: dict[str, ModelUsage] = {}
    for u in usages:
        prev = merged.get(u.model_id)
        if prev is None:
            merged[u.model_id] = u
            continue
        merged[u.model_id] = ModelUsage(
            model_id=u.model_id,
            model_name=prev.model_name or u.model_name,
            provider_id=prev.provider_id,
            request_count=prev.request_count + u.request_count,
            input_tokens=prev.input_tokens + u.input_tokens,
            output_tokens=prev.output_tokens + u.output_tokens,
            total_tokens=prev.total_tokens + u.total_tokens,
            provider_cost=prev.provider_cost + u.provider_cost,
            billed_cost=prev.billed_cost + u.billed_cost,
        )
    return sorted(merged.values(), key=lambda m: m.model_id)


def effective_margin_percent(provider_cost: Decimal, billed_cost: Decimal, fallback: Decimal) -> Decimal:
    """The margin actually charged over the period (2 dp); the configured one when there was no cost."""
    if provider_cost <= 0:
        return fallback
    return ((billed_cost / provider_cost - 1) * HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _in_currency(amount_usd: Decimal, exchange_rate: Decimal | None) -> Decimal:
    """Metering prices in USD; a tenant billed in another currency gets `USD x rate`, exactly
    (rounded once, per line, by the caller) — never the USD figure under another currency's name."""
    if exchange_rate is None:
        return amount_usd
    with localcontext() as ctx:
        ctx.prec = 50
        return amount_usd * exchange_rate


def compute_invoice(
    usages: Sequence[ModelUsage],
    *,
    currency: str,
    tax_enabled: bool,
    tax_percent: Decimal,
    configured_margin_percent: Decimal,
    exchange_rate: Decimal | None = None,
    fixed_amounts: Sequence[Decimal] = (),
) -> InvoiceAmounts:
    """`exchange_rate`: units of `currency` per USD for the usage lines (None: billed in USD).
    `fixed_amounts`: lines already rounded in `currency` (the plan's fee, prorations), added to the
    subtotal as they are; the margin shown is the usage lines' only."""
    models = merge_usage(usages)
    lines = tuple(
        LineItem(
            model_id=m.model_id,
            description=f"{m.model_name or m.model_id}: {m.request_count} requests, {m.total_tokens} tokens",
            quantity=m.request_count,
            total_tokens=m.total_tokens,
            provider_cost=_in_currency(m.provider_cost, exchange_rate),
            amount=round_money(_in_currency(m.billed_cost, exchange_rate), currency),
        )
        for m in models
    )
    usage_subtotal = sum((line.amount for line in lines), Decimal(0))
    subtotal = usage_subtotal + sum(fixed_amounts, Decimal(0))
    subtotal = round_money(subtotal, currency)  # only fixes the scale (e.g. 0 -> 0.00); already exact
    provider_total = sum((_in_currency(m.provider_cost, exchange_rate) for m in models), Decimal(0))
    billed_total = sum((m.billed_cost for m in models), Decimal(0))
    usd_provider_total = sum((m.provider_cost for m in models), Decimal(0))
    rate = tax_percent if tax_enabled else Decimal("0.00")
    tax = round_money(subtotal * rate / HUNDRED, currency)
    provider_rounded = round_money(provider_total, currency)
    return InvoiceAmounts(
        lines=lines,
        provider_cost=provider_rounded,
        subtotal=subtotal,
        margin_amount=round_money(usage_subtotal, currency) - provider_rounded,
        margin_percent=effective_margin_percent(usd_provider_total, billed_total, configured_margin_percent),
        tax_percent=rate,
        tax=tax,
        total=subtotal + tax,
    )


# --- periods -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


def _add_months(d: date, months: int) -> date:
    month_index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(month_index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def period_containing(day: date, cycle_day: int) -> Period:
    """The billing period (cycle day to the day before the next cycle day) that contains `day`."""
    if not 1 <= cycle_day <= 28:
        raise ValueError("billing cycle day must be 1-28")
    start = date(day.year, day.month, cycle_day)
    if day < start:
        start = _add_months(start, -1)
    return Period(start, _add_months(start, 1) - timedelta(days=1))


def last_closed_period(today: date, cycle_day: int) -> Period:
    current = period_containing(today, cycle_day)
    return period_containing(current.start - timedelta(days=1), cycle_day)


# --- projections and budgets --------------------------------------------------------------------

PROJECTION_METHOD = "linear_daily_average"
PROJECTION_METHOD_DESCRIPTION = (
    "Billed cost so far divided by the days elapsed in the period (today counted as a full day), "
    "multiplied by the number of days in the period. Tax is not included."
)


@dataclass(frozen=True)
class Projection:
    elapsed_days: int
    period_days: int
    cost_to_date: Decimal
    daily_average: Decimal
    projected_total: Decimal


def project(period: Period, today: date, cost_to_date: Decimal, currency: str) -> Projection:
    elapsed = max(1, min(period.days, (today - period.start).days + 1))
    daily = cost_to_date / elapsed
    return Projection(
        elapsed_days=elapsed,
        period_days=period.days,
        cost_to_date=round_money(cost_to_date, currency),
        daily_average=round_money(daily, currency),
        projected_total=round_money(daily * period.days, currency),
    )


def percent_of(amount: Decimal, limit: Decimal) -> Decimal | None:
    if limit <= 0:
        return None
    return (amount / limit * HUNDRED).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def crossed_thresholds(cost: Decimal, budget_limit: Decimal, thresholds: Iterable[int]) -> list[int]:
    """Thresholds (percent of the budget) that `cost` has reached, lowest first."""
    return sorted({t for t in thresholds if cost * HUNDRED >= budget_limit * t})


# --- invoice status machine ---------------------------------------------------------------------

INVOICE_STATUSES = ("draft", "pending", "paid", "overdue", "cancelled")
# draft -> pending (sent to Stripe) -> paid | overdue | cancelled; overdue can still be paid.
ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    "pending": frozenset({"draft"}),
    "paid": frozenset({"draft", "pending", "overdue"}),
    "overdue": frozenset({"pending"}),
    "cancelled": frozenset({"draft", "pending", "overdue"}),
}


def sources_for(target: str) -> frozenset[str]:
    """The states an invoice may move to `target` from (used in conditional UPDATEs)."""
    return ALLOWED_TRANSITIONS.get(target, frozenset())


def can_transition(current: str, target: str) -> bool:
    return current in sources_for(target)
