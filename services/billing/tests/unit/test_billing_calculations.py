from datetime import date
from decimal import Decimal

import pytest

from radiant_billing.calculations import (
    ModelUsage,
    Period,
    can_transition,
    compute_invoice,
    crossed_thresholds,
    last_closed_period,
    period_containing,
    project,
    round_money,
    to_minor_units,
)


def usage(model: str, provider: str, billed: str, requests: int = 1) -> ModelUsage:
    return ModelUsage(
        model_id=model,
        model_name=model.upper(),
        provider_id="p",
        request_count=requests,
        input_tokens=10,
        output_tokens=5,
        total_tokens=15,
        provider_cost=Decimal(provider),
        billed_cost=Decimal(billed),
    )


def test_lines_are_rounded_once_and_add_up_to_the_subtotal():
    amounts = compute_invoice(
        [usage("a", "1.0004", "1.20048"), usage("b", "2.5", "3.0"), usage("a", "0.0001", "0.00012")],
        currency="USD",
        tax_enabled=True,
        tax_percent=Decimal("8.25"),
        configured_margin_percent=Decimal("20"),
    )
    assert [(li.model_id, li.amount) for li in amounts.lines] == [("a", Decimal("1.20")), ("b", Decimal("3.00"))]
    assert amounts.lines[0].quantity == 2  # the two rows of model a merged
    assert amounts.subtotal == Decimal("4.20")
    assert amounts.tax == Decimal("0.35")  # 4.20 * 8.25% = 0.3465 -> 0.35 (half up)
    assert amounts.total == Decimal("4.55")
    assert amounts.margin_percent == Decimal("20.00")
    assert amounts.provider_cost == Decimal("3.50")
    assert amounts.margin_amount == Decimal("0.70")


def test_tax_disabled_means_no_tax_whatever_the_rate():
    amounts = compute_invoice(
        [usage("a", "10", "12")],
        currency="USD",
        tax_enabled=False,
        tax_percent=Decimal("19"),
        configured_margin_percent=Decimal("20"),
    )
    assert (amounts.tax, amounts.tax_percent, amounts.total) == (Decimal("0.00"), Decimal("0.00"), Decimal("12.00"))


def test_an_empty_period_is_a_zero_invoice_with_the_configured_margin():
    amounts = compute_invoice(
        [], currency="USD", tax_enabled=True, tax_percent=Decimal("10"), configured_margin_percent=Decimal("15.00")
    )
    assert amounts.lines == () and amounts.total == Decimal("0.00") and amounts.margin_percent == Decimal("15.00")


@pytest.mark.parametrize(
    ("amount", "currency", "rounded", "minor"),
    [
        ("1.005", "USD", "1.01", 101),
        ("1.004", "USD", "1.00", 100),
        ("99.5", "JPY", "100", 100),
        ("1.0005", "KWD", "1.001", 1001),
    ],
)
def test_rounding_is_half_up_to_the_currency_minor_unit(amount, currency, rounded, minor):
    value = round_money(Decimal(amount), currency)
    assert value == Decimal(rounded) and str(value) == rounded
    assert to_minor_units(value, currency) == minor


def test_minor_units_refuse_an_unrounded_amount():
    with pytest.raises(ValueError):
        to_minor_units(Decimal("1.005"), "USD")


@pytest.mark.parametrize(
    ("today", "cycle_day", "start", "end"),
    [
        (date(2024, 12, 21), 1, date(2024, 12, 1), date(2024, 12, 31)),
        (date(2024, 12, 14), 15, date(2024, 11, 15), date(2024, 12, 14)),
        (date(2024, 12, 15), 15, date(2024, 12, 15), date(2025, 1, 14)),
        (date(2025, 1, 3), 28, date(2024, 12, 28), date(2025, 1, 27)),
        (date(2024, 2, 29), 1, date(2024, 2, 1), date(2024, 2, 29)),
    ],
)
def test_the_period_runs_from_the_cycle_day_to_the_day_before_the_next(today, cycle_day, start, end):
    assert period_containing(today, cycle_day) == Period(start, end)


def test_the_last_closed_period_is_the_one_before_today():
    assert last_closed_period(date(2025, 1, 1), 1) == Period(date(2024, 12, 1), date(2024, 12, 31))
    assert last_closed_period(date(2025, 1, 20), 15) == Period(date(2024, 12, 15), date(2025, 1, 14))


def test_projection_is_the_daily_average_over_the_whole_period():
    p = project(Period(date(2024, 12, 1), date(2024, 12, 31)), date(2024, 12, 10), Decimal("100"), "USD")
    assert (p.elapsed_days, p.period_days) == (10, 31)
    assert p.daily_average == Decimal("10.00")
    assert p.projected_total == Decimal("310.00")


def test_thresholds_reached_are_inclusive():
    assert crossed_thresholds(Decimal("75"), Decimal("100"), [50, 75, 90, 100]) == [50, 75]
    assert crossed_thresholds(Decimal("74.99"), Decimal("100"), [100, 50]) == [50]


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        ("draft", "pending", True),
        ("pending", "paid", True),
        ("overdue", "paid", True),
        ("pending", "overdue", True),
        ("paid", "cancelled", False),
        ("paid", "pending", False),
        ("cancelled", "paid", False),
        ("draft", "overdue", False),
    ],
)
def test_invoice_status_machine(current, target, allowed):
    assert can_transition(current, target) is allowed
