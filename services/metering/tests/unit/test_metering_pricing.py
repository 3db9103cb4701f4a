from datetime import UTC, datetime, timedelta
from decimal import Decimal

from radiant_metering.pricing import (
    DEFAULT_MARGIN_PERCENT,
    DEFAULT_PRICE,
    MarginBook,
    Price,
    PriceBook,
    event_costs,
)

T0 = datetime(2025, 1, 1, tzinfo=UTC)


def test_costs_are_exact_and_rounded_once_half_even_to_ten_places():
    price = Price(Decimal("0.333333"), Decimal("0"))
    provider, billed = event_costs(1, 0, price, Decimal("20.00"))
    # provider 0.000000333333 -> 0.0000003333; billed 0.0000003999996 (from the unrounded cost) -> 0.0000004000
    assert provider == Decimal("0.0000003333")
    assert billed == Decimal("0.0000004000")


def test_half_even_rounding_ties_go_to_the_even_digit():
    # 50 tokens at 0.000001 / M = 0.5e-10: a tie, rounds to even 0; 150 tokens = 1.5e-10: a tie, rounds to 2e-10
    assert event_costs(5, 0, Price(Decimal("0.000001"), Decimal("0")), Decimal("0"))[0] == Decimal("0E-10")
    assert event_costs(50, 0, Price(Decimal("0.000001"), Decimal("0")), Decimal("0"))[0] == Decimal("0E-10")
    assert event_costs(150, 0, Price(Decimal("0.000001"), Decimal("0")), Decimal("0"))[0] == Decimal("2E-10")


def test_seed_formula_input_and_output_prices_and_margin():
    provider, billed = event_costs(1_000, 500, Price(Decimal("2.5"), Decimal("10")), Decimal("20.00"))
    assert provider == Decimal("0.0075000000")  # 1000*2.5/1e6 + 500*10/1e6
    assert billed == Decimal("0.0090000000")
    assert isinstance(provider, Decimal) and isinstance(billed, Decimal)


def test_unknown_model_gets_seed_default_and_is_flagged():
    book = PriceBook([("gpt-4o", T0, Decimal("2.5"), Decimal("10"))])
    price = book.price_at("mystery", T0)
    assert price == DEFAULT_PRICE and not price.known
    assert (price.input_per_million, price.output_per_million) == (Decimal("1.0"), Decimal("2.0"))
    assert not book.knows("mystery") and book.knows("gpt-4o")


def test_price_versions_apply_from_their_time_never_before():
    later = T0 + timedelta(days=10)
    book = PriceBook([("m", later, Decimal("9"), Decimal("9")), ("m", T0, Decimal("1"), Decimal("2"))])
    assert book.price_at("m", later - timedelta(microseconds=1)).input_per_million == Decimal("1")
    assert book.price_at("m", later).input_per_million == Decimal("9")
    # usage before the first version: seed default, flagged
    assert not book.price_at("m", T0 - timedelta(seconds=1)).known


def test_margin_history_and_default():
    later = T0 + timedelta(days=1)
    book = MarginBook([("t", T0, Decimal("10.00")), ("t", later, Decimal("35.50"))])
    assert book.margin_at("t", T0 - timedelta(seconds=1)) == DEFAULT_MARGIN_PERCENT
    assert book.margin_at("t", T0) == Decimal("10.00")
    assert book.margin_at("t", later + timedelta(hours=1)) == Decimal("35.50")
    assert book.margin_at("other", later) == Decimal("20.00")


def test_integer_cost_units_equal_the_decimal_formula():
    import random

    from radiant_metering.pricing import cost_units

    rnd = random.Random(7)
    prices = [
        Decimal("0"),
        Decimal("0.000001"),
        Decimal("0.333333"),
        Decimal("2.5"),
        Decimal("15.123456"),
        Decimal("999999999999.999999"),
        Decimal("0.0000001"),
    ]  # the last is finer than the registry
    margins = [Decimal("0"), Decimal("20.00"), Decimal("12.35"), Decimal("999.99"), Decimal("7.125")]
    cases = [(5, 0), (50, 0), (150, 0), (1, 1), (0, 0)] + [
        (rnd.randint(0, 10**7), rnd.randint(0, 10**7)) for _ in range(300)
    ]
    for i, (tokens_in, tokens_out) in enumerate(cases):
        price = Price(prices[i % len(prices)], prices[(i // 2) % len(prices)])
        margin = margins[i % len(margins)]
        provider, billed = event_costs(tokens_in, tokens_out, price, margin)
        assert cost_units(tokens_in, tokens_out, price, margin) == (provider.scaleb(10), billed.scaleb(10))
