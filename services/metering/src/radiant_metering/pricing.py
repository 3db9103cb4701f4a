"""Pricing rules, pure: which price and margin apply to a usage event, and what it costs.

Rounding (documented once, applied once): an event's provider cost is
    (input_tokens × input price + output_tokens × output price) / 1,000,000
and its billed cost is that *unrounded* provider cost × (1 + margin / 100). Each is rounded half-even
to 10 decimal places (1e-10 USD) when the event is priced, and never again: rollups, month-to-date
totals and the internal rollup API are exact sums of those rounded values. Rounding to the
currency's minor unit (cents) happens once more, at invoicing, in billing.

Ingestion prices with integers (`cost_units`): prices in micro-units, margins in hundredths and
costs in 1e-10 units, the same arithmetic as `event_costs` without Decimal's overhead (equal by
construction and by test); a price or margin finer than the registry's columns falls back to it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Context, Decimal
from functools import lru_cache
from typing import Generic, TypeVar

#: The seed's price for a model the registry does not know (per million tokens).
DEFAULT_INPUT_PRICE = Decimal("1.0")
DEFAULT_OUTPUT_PRICE = Decimal("2.0")
#: The seed's default margin when billing never sent one for the tenant.
DEFAULT_MARGIN_PERCENT = Decimal("20.00")
COST_QUANTUM = Decimal("1e-10")
_MILLION = Decimal(1_000_000)
_HUNDRED = Decimal(100)
# Wide enough that no intermediate product is ever rounded before the one documented rounding.
_CTX = Context(prec=60, rounding=ROUND_HALF_EVEN)


@lru_cache(maxsize=4096)
def _scaled(value: Decimal, places: int) -> int | None:
    """value × 10^places as an int when that is exact and non-negative, else None (use Decimal)."""
    scaled = value.scaleb(places)
    if not scaled.is_finite() or scaled < 0 or scaled != scaled.to_integral_value():
        return None
    return int(scaled)


@dataclass(frozen=True, slots=True)
class Price:
    input_per_million: Decimal
    output_per_million: Decimal
    known: bool = True  # False: the seed's default for a model missing from the registry
    # The prices × 10^6 as ints (None when finer than that): `cost_units` works on these.
    input_micro: int | None = field(default=None, init=False, compare=False, repr=False)
    output_micro: int | None = field(default=None, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "input_micro", _scaled(self.input_per_million, 6))
        object.__setattr__(self, "output_micro", _scaled(self.output_per_million, 6))


DEFAULT_PRICE = Price(DEFAULT_INPUT_PRICE, DEFAULT_OUTPUT_PRICE, known=False)

V = TypeVar("V")


class _Timeline(Generic[V]):
    """Values that each apply from their start time until the next one; never retroactively."""

    __slots__ = ("_starts", "_values")

    def __init__(self, versions: Iterable[tuple[datetime, V]]) -> None:
        ordered = sorted(versions, key=lambda v: v[0])
        self._starts = [start for start, _ in ordered]
        self._values = [value for _, value in ordered]

    def at(self, when: datetime) -> V | None:
        i = bisect_right(self._starts, when)
        return self._values[i - 1] if i else None


class PriceBook:
    """Price versions per model, for the models of one batch."""

    def __init__(self, versions: Iterable[tuple[str, datetime, Decimal, Decimal]]) -> None:
        by_model: dict[str, list[tuple[datetime, Price]]] = {}
        for model_id, start, price_in, price_out in versions:
            by_model.setdefault(model_id, []).append((start, Price(price_in, price_out)))
        self._timelines = {m: _Timeline(v) for m, v in by_model.items()}

    def knows(self, model_id: str) -> bool:
        return model_id in self._timelines

    def price_at(self, model_id: str, when: datetime) -> Price:
        timeline = self._timelines.get(model_id)
        price = timeline.at(when) if timeline is not None else None
        # Usage before a model's first price version (or of an unknown model) gets the seed default.
        return price if price is not None else DEFAULT_PRICE


class MarginBook:
    """Margin history per tenant, for the tenants of one batch."""

    def __init__(self, versions: Iterable[tuple[str, datetime, Decimal]]) -> None:
        by_tenant: dict[str, list[tuple[datetime, Decimal]]] = {}
        for tenant_id, start, margin in versions:
            by_tenant.setdefault(tenant_id, []).append((start, margin))
        self._timelines = {t: _Timeline(v) for t, v in by_tenant.items()}

    def margin_at(self, tenant_id: str, when: datetime) -> Decimal:
        timeline = self._timelines.get(tenant_id)
        margin = timeline.at(when) if timeline is not None else None
        return margin if margin is not None else DEFAULT_MARGIN_PERCENT


def event_costs(
    input_tokens: int, output_tokens: int, price: Price, margin_percent: Decimal
) -> tuple[Decimal, Decimal]:
    """(provider cost, billed cost) of one event, each rounded once as documented above."""
    ctx = _CTX
    provider = ctx.divide(
        ctx.add(
            ctx.multiply(Decimal(input_tokens), price.input_per_million),
            ctx.multiply(Decimal(output_tokens), price.output_per_million),
        ),
        _MILLION,
    )
    billed = ctx.divide(ctx.multiply(provider, ctx.add(_HUNDRED, margin_percent)), _HUNDRED)
    return provider.quantize(COST_QUANTUM, context=ctx), billed.quantize(COST_QUANTUM, context=ctx)


#: Costs travel to the database as integer multiples of this (1e-10 USD = COST_QUANTUM).
COST_UNITS_PER_USD = 10**10


def _round_half_even_div(n: int, d: int) -> int:
    """n / d rounded half-even, for n >= 0 and d > 0."""
    q, r = divmod(n, d)
    twice = 2 * r
    if twice > d or (twice == d and q & 1):
        q += 1
    return q


def cost_units(
    input_tokens: int, output_tokens: int, price: Price, margin_percent: Decimal, margin_centi: int | None = None
) -> tuple[int, int]:
    """`event_costs` in integer 1e-10 units: (provider, billed), rounded once, half-even.

    provider = S / 10^12 USD and billed = S × (10^4 + margin×100) / 10^16 USD, where
    S = input × price_in×10^6 + output × price_out×10^6 (all integers). `margin_centi`, when the caller
    already has it, is `margin_hundredths(margin_percent)`.
    """
    price_in = price.input_micro
    price_out = price.output_micro
    margin = margin_centi if margin_centi is not None else _scaled(margin_percent, 2)
    if price_in is None or price_out is None or margin is None or input_tokens < 0 or output_tokens < 0:
        provider, billed = event_costs(input_tokens, output_tokens, price, margin_percent)
        return int(provider.scaleb(10)), int(billed.scaleb(10))
    s = input_tokens * price_in + output_tokens * price_out
    return _round_half_even_div(s, 100), _round_half_even_div(s * (10_000 + margin), 1_000_000)


def margin_hundredths(margin_percent: Decimal) -> int:
    """The margin as an integer number of hundredths of a percent (the column is numeric(5,2))."""
    scaled = _scaled(margin_percent, 2)
    if scaled is None:
        raise ValueError(f"margin {margin_percent} has more than two decimal places")
    return scaled


# --- tiered margins (billing's `margin_type: tiered`) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class MarginTier:
    """Spend up to `up_to` (the tenant's provider cost so far in the calendar month, USD) is charged
    at `margin_percent`; `None` is unbounded (billing lets only the last tier be)."""

    up_to: Decimal | None
    margin_percent: Decimal


def tiers_from_json(raw: Iterable[dict[str, object]]) -> tuple[MarginTier, ...]:
    """billing's tiers as stored (`{"up_to": "10.00" | null, "margin_percent": "30.00"}`)."""
    return tuple(
        MarginTier(
            None if t.get("up_to") is None else Decimal(str(t["up_to"])),
            Decimal(str(t["margin_percent"])),
        )
        for t in raw
    )


def tiered_billed_cost(
    provider_cost: Decimal, spent_before: Decimal, tiers: tuple[MarginTier, ...]
) -> tuple[Decimal, Decimal]:
    """(billed cost rounded once, the margin of the tier where the event's spend ends) — graduated:

    the event's provider cost is split where the month's spend crosses a tier's `up_to`, and each
    part is charged at its own tier's margin; spend past the last bounded tier stays at the last
    tier's margin. `provider_cost` is the event's exact (unrounded) cost, `spent_before` the month's
    provider cost before it (the sum of the rounded costs already stored). A month's total is then
    the same whatever order its events arrive in, but for the one rounding per event."""
    ctx = _CTX
    remaining = provider_cost
    position = spent_before
    billed = Decimal(0)
    margin = tiers[-1].margin_percent
    for index, tier in enumerate(tiers):
        last = index == len(tiers) - 1
        if not last and tier.up_to is not None and position >= tier.up_to:
            continue  # this tier is used up by what the month has spent already
        room = remaining if last or tier.up_to is None else min(remaining, ctx.subtract(tier.up_to, position))
        billed = ctx.add(billed, ctx.divide(ctx.multiply(room, ctx.add(_HUNDRED, tier.margin_percent)), _HUNDRED))
        remaining = ctx.subtract(remaining, room)
        position = ctx.add(position, room)
        margin = tier.margin_percent
        if remaining <= 0:
            break
    return billed.quantize(COST_QUANTUM, context=ctx), margin


def exact_provider_cost(input_tokens: int, output_tokens: int, price: Price) -> Decimal:
    """The event's provider cost before its one rounding (the first step of `event_costs`)."""
    ctx = _CTX
    return ctx.divide(
        ctx.add(
            ctx.multiply(Decimal(input_tokens), price.input_per_million),
            ctx.multiply(Decimal(output_tokens), price.output_per_million),
        ),
        _MILLION,
    )


class TierBook:
    """Margin versions (mode and tiers) of the tenants of one batch that ever had tiered margins;
    `tiers_at` is None where the version in force is fixed (the base margin then applies)."""

    def __init__(self, versions: Iterable[tuple[str, datetime, str, tuple[MarginTier, ...]]]) -> None:
        by_tenant: dict[str, list[tuple[datetime, tuple[MarginTier, ...] | None]]] = {}
        for tenant_id, start, mode, tiers in versions:
            by_tenant.setdefault(tenant_id, []).append((start, tiers if mode == "tiered" and tiers else None))
        self._timelines = {t: _Timeline(v) for t, v in by_tenant.items()}

    @property
    def tenants(self) -> set[str]:
        return set(self._timelines)

    def tiers_at(self, tenant_id: str, when: datetime) -> tuple[MarginTier, ...] | None:
        timeline = self._timelines.get(tenant_id)
        return timeline.at(when) if timeline is not None else None
