"""Tiered margins, pure: graduated over the month's provider spend, rounded once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

from radiant_metering.pricing import (
    DEFAULT_PRICE,
    MarginTier,
    Price,
    TierBook,
    cost_units,
    exact_provider_cost,
    tiered_billed_cost,
    tiers_from_json,
)

TIERS = (MarginTier(D("10.00"), D("30.00")), MarginTier(D("100.00"), D("20.00")), MarginTier(None, D("10.00")))


def test_each_part_of_the_spend_is_charged_at_its_tiers_margin():
    assert tiered_billed_cost(D("5"), D("0"), TIERS) == (D("6.5000000000"), D("30.00"))
    assert tiered_billed_cost(D("5"), D("8"), TIERS) == (D("6.2000000000"), D("20.00"))  # 2 × 1.3 + 3 × 1.2
    assert tiered_billed_cost(D("100"), D("0"), TIERS) == (D("121.0000000000"), D("20.00"))  # 10 × 1.3 + 90 × 1.2
    assert tiered_billed_cost(D("1"), D("150"), TIERS) == (D("1.1000000000"), D("10.00"))
    assert tiered_billed_cost(D("0"), D("10"), TIERS) == (D("0E-10"), D("20.00"))


def test_a_months_total_does_not_depend_on_how_its_spend_is_cut_into_events():
    one = tiered_billed_cost(D("150"), D("0"), TIERS)[0]
    pieces, spent = D(0), D(0)
    for part in (D("3"), D("9.5"), D("40"), D("47.5"), D("50")):
        pieces += tiered_billed_cost(part, spent, TIERS)[0]
        spent += part
    assert one == pieces == D("10") * D("1.3") + D("90") * D("1.2") + D("50") * D("1.1")


def test_past_the_last_bounded_tier_its_margin_stays():
    bounded = (MarginTier(D("1"), D("50.00")), MarginTier(D("2"), D("25.00")))
    assert tiered_billed_cost(D("3"), D("0"), bounded) == (D("1.5") + D("1.25") + D("1.25"), D("25.00"))


def test_a_single_unbounded_tier_equals_the_fixed_margin_to_the_last_unit():
    price = Price(D("2.5"), D("10"))
    for tokens in ((1, 0), (1234, 567), (999_999, 1)):
        provider = exact_provider_cost(*tokens, price)
        billed, _ = tiered_billed_cost(provider, D("0"), (MarginTier(None, D("17.35")),))
        assert int(billed.scaleb(10)) == cost_units(*tokens, price, D("17.35"))[1]
    assert exact_provider_cost(1_000_000, 0, DEFAULT_PRICE) == D("1")


def test_tiers_apply_from_their_effective_time_and_a_later_fixed_version_ends_them():
    start = datetime(2026, 12, 1, tzinfo=UTC)
    book = TierBook(
        [
            ("t", start, "tiered", TIERS),
            ("t", start + timedelta(days=10), "fixed", ()),
        ]
    )
    assert book.tiers_at("t", start - timedelta(seconds=1)) is None
    assert book.tiers_at("t", start) == TIERS
    assert book.tiers_at("t", start + timedelta(days=10)) is None
    assert book.tiers_at("other", start) is None and book.tenants == {"t"}
    assert tiers_from_json([{"up_to": "10.00", "margin_percent": "30.00"}, {"up_to": None, "margin_percent": "5"}]) == (
        MarginTier(D("10.00"), D("30.00")),
        MarginTier(None, D("5")),
    )
