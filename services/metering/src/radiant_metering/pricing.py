"""Pricing rules, pure: which price and margin apply to a usage event, and what it costs.

Rounding (documented once, applied once): an event's provider cost is
    (input_tokens × input price + output_tokens × output price) / 1,000,000
and its billed cost is that *unrounded* provider cost × (1 + margin / 100). Each is rounded half-even
to 10 decimal places (1e-10 USD) when the event is priced, and never again: rollups, month-to-date
totals and the internal rollup API are exact sums of those rounded values. Rounding to the
currency's minor unit (cents) happens once more, at invoicing, in billing.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Context, Decimal

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


@dataclass(frozen=True, slots=True)
class Price:
    input_per_million: Decimal
    output_per_million: Decimal
    known: bool = True  # False: the seed's default for a model missing from the registry


DEFAULT_PRICE = Price(DEFAULT_INPUT_PRICE, DEFAULT_OUTPUT_PRICE, known=False)


class _Timeline:
    """Values that each apply from their start time until the next one; never retroactively."""

    __slots__ = ("_starts", "_values")

    def __init__(self, versions: Iterable[tuple[datetime, object]]) -> None:
        ordered = sorted(versions, key=lambda v: v[0])
        self._starts = [start for start, _ in ordered]
        self._values = [value for _, value in ordered]

    def at(self, when: datetime):
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


def event_costs(input_tokens: int, output_tokens: int, price: Price, margin_percent: Decimal) -> tuple[Decimal, Decimal]:
    """(provider cost, billed cost) of one event, each rounded once as documented above."""
    ctx = _CTX
    provider = ctx.divide(
        ctx.add(ctx.multiply(Decimal(input_tokens), price.input_per_million),
                ctx.multiply(Decimal(output_tokens), price.output_per_million)),
        _MILLION,
    )
    billed = ctx.divide(ctx.multiply(provider, ctx.add(_HUNDRED, margin_percent)), _HUNDRED)
    return provider.quantize(COST_QUANTUM, context=ctx), billed.quantize(COST_QUANTUM, context=ctx)
