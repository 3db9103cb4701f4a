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
