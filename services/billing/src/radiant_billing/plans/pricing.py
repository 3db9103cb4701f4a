"""Pure plan arithmetic: prices per currency, fees for a (part) period, proration, conversion of USD
usage, and the MRR movements of a period. No I/O; every amount is an exact `Decimal`.

Rounding (as invoices, `calculations.py`): each charge is rounded once, half-up, to the currency's
minor unit, when it is created; an invoice then adds rounded lines and rounds tax once.

- A plan's monthly price in a currency is the price set for that currency; a plan has no price in a
  currency it does not list (it is never a converted USD price: operators set prices per currency).
- A period's fee is `price x days used / days of the full billing cycle` (the whole price for a
  whole period; the first period of a new tenant from its first day).
- An upgrade on day d of a period costs `(new price - old price) x days left / days of the cycle`,
  counting day d as a day of the new plan.
- Usage (priced by metering in USD) is converted per invoice line: `USD amount x rate`, where the
  rate is the exchange rate in effect on the invoice period's first day (`exchange_rates`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from ..calculations import round_money

BASE_CURRENCY = "USD"


class NoPriceInCurrency(LookupError):
    pass


def price_in(prices: Mapping[str, str], currency: str) -> Decimal:
    """The monthly price in `currency`; `NoPriceInCurrency` when the plan has none."""
    try:
        return Decimal(prices[currency])
    except KeyError:
        raise NoPriceInCurrency(currency) from None


def _exact(numerator: Decimal, days: int, of_days: int) -> Decimal:
    # Fifty digits hold any price x days / days exactly enough that half-up rounding to the minor
    # unit is the rounding of the true rational value.
    with localcontext() as ctx:
        ctx.prec = 50
        return numerator * days / of_days


def fee_for(price: Decimal, days: int, cycle_days: int, currency: str) -> Decimal:
    """The fee for `days` of a cycle of `cycle_days` (the whole price for the whole cycle)."""
    if days >= cycle_days:
        return round_money(price, currency)
    return round_money(_exact(price, days, cycle_days), currency)


def days_left(today: date, period_end: date) -> int:
    """Days from today to the period's end, both counted."""
    return max(0, (period_end - today).days + 1)


def proration(old_price: Decimal, new_price: Decimal, days: int, cycle_days: int, currency: str) -> Decimal:
    """What an upgrade costs for the rest of the period (never negative: downgrades wait for the
    period's end, so nothing is credited)."""
    return max(Decimal(0), round_money(_exact(new_price - old_price, days, cycle_days), currency))


def convert(amount_usd: Decimal, rate: Decimal) -> Decimal:
    """A USD amount in the target currency, exactly (rounding is the caller's, once per line)."""
    with localcontext() as ctx:
        ctx.prec = 50
        return amount_usd * rate


# --- MRR movements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TenantMrr:
    tenant_id: str
    start: Decimal  # MRR just before the period (0: none)
    end: Decimal  # MRR at the period's end


@dataclass(frozen=True)
class MrrMovement:
    start: Decimal
    end: Decimal
    new: Decimal
    expansion: Decimal
    contraction: Decimal
    churn: Decimal


def mrr_movement(tenants: Iterable[TenantMrr]) -> MrrMovement:
    """Each tenant's net change over the period, classified: from nothing is new, to nothing is
    churn, otherwise expansion or contraction. start + new + expansion - contraction - churn = end."""
    start = end = new = expansion = contraction = churn = Decimal(0)
    for t in tenants:
        start += t.start
        end += t.end
        delta = t.end - t.start
        if t.start == 0 and t.end > 0:
            new += t.end
        elif t.start > 0 and t.end == 0:
            churn += t.start
        elif delta > 0:
            expansion += delta
        elif delta < 0:
            contraction -= delta
    return MrrMovement(start=start, end=end, new=new, expansion=expansion, contraction=contraction, churn=churn)
