"""Plan arithmetic with exact figures: fees for part periods, upgrade proration (half-up, once),
conversion of USD usage, MRR movements, and which limits a downgrade would break."""

from decimal import Decimal

from radiant_billing.calculations import ModelUsage, compute_invoice
from radiant_billing.plans.models import PlanVersion
from radiant_billing.plans.pricing import TenantMrr, days_left, fee_for, mrr_movement, proration
from radiant_billing.plans.service import exceeded_limits
from radiant_billing.plans.usage_counts import TenantUsage


def test_proration_is_the_price_difference_for_the_days_left_rounded_half_up_once() -> None:
    assert proration(Decimal("0.00"), Decimal("49.00"), 14, 30, "USD") == Decimal("22.87")  # 22.8666…
    assert proration(Decimal("49.00"), Decimal("199.00"), 14, 30, "USD") == Decimal("70.00")
    assert proration(Decimal("0.00"), Decimal("0.01"), 1, 2, "USD") == Decimal("0.01")  # 0.005: half-up, not even
    assert proration(Decimal("0.00"), Decimal("1000"), 1, 3, "JPY") == Decimal("333")  # no minor unit
    assert proration(Decimal("199.00"), Decimal("49.00"), 10, 30, "USD") == Decimal("0")  # nothing credited


def test_a_part_period_fee_and_a_whole_one() -> None:
    assert fee_for(Decimal("49.00"), 31, 31, "USD") == Decimal("49.00")
    assert fee_for(Decimal("49.00"), 10, 31, "USD") == Decimal("15.81")  # 15.8064…
    assert fee_for(Decimal("45.00"), 14, 30, "EUR") == Decimal("21.00")


def test_days_left_counts_today_and_the_last_day() -> None:
    from datetime import date

    assert days_left(date(2026, 12, 1), date(2026, 12, 14)) == 14
    assert days_left(date(2026, 12, 14), date(2026, 12, 14)) == 1


def test_usage_is_converted_per_line_then_rounded_and_plan_lines_are_added_as_they_are() -> None:
    usage = ModelUsage("gpt-4o", "GPT-4o", "openai", 3, 100, 50, 150, Decimal("10.288065"), Decimal("12.345678"))
    amounts = compute_invoice(
        [usage],
        currency="EUR",
        tax_enabled=True,
        tax_percent=Decimal("19.00"),
        configured_margin_percent=Decimal("20.00"),
        exchange_rate=Decimal("0.9235"),
        fixed_amounts=[Decimal("21.00")],
    )
    # 12.345678 USD x 0.9235 = 11.401233633 EUR -> 11.40; never 12.35 relabelled.
    assert [line.amount for line in amounts.lines] == [Decimal("11.40")]
    assert amounts.subtotal == Decimal("32.40")
    assert amounts.tax == Decimal("6.16")  # 32.40 x 19 % = 6.156, rounded once
    assert amounts.total == Decimal("38.56")
    assert amounts.margin_percent == Decimal("20.00")  # the margin is the usage's, in any currency


def test_mrr_movements_add_up() -> None:
    m = mrr_movement(
        [
            TenantMrr("new", Decimal(0), Decimal("49.00")),
            TenantMrr("up", Decimal("49.00"), Decimal("199.00")),
            TenantMrr("down", Decimal("199.00"), Decimal("49.00")),
            TenantMrr("gone", Decimal("49.00"), Decimal(0)),
            TenantMrr("same", Decimal("999.00"), Decimal("999.00")),
        ]
    )
    assert (m.new, m.expansion, m.contraction, m.churn) == (
        Decimal("49.00"),
        Decimal("150.00"),
        Decimal("150.00"),
        Decimal("49.00"),
    )
    assert m.start + m.new + m.expansion - m.contraction - m.churn == m.end == Decimal("1296.00")


def test_a_downgrade_names_each_limit_usage_exceeds_and_what_it_could_not_check() -> None:
    free = PlanVersion(max_users=10, max_agents=2, max_tokens_per_month=1_000_000, max_storage_gb=None)
    exceeded, unverified = exceeded_limits(
        TenantUsage(users=12, agents=2, tokens_this_month=1_000_001, storage_gb=None), free
    )
    assert [(e.limit, e.current, e.allowed) for e in exceeded] == [
        ("max_users", 12, 10),
        ("max_tokens_per_month", 1_000_001, 1_000_000),
    ]  # 2 agents on a plan of 2 fit; storage is unlimited here
    assert unverified == []
    _, unverified = exceeded_limits(TenantUsage(None, None, 0, None), free)
    assert unverified == ["max_users", "max_agents"]
