"""Which usage counts as recorded while suspended: the event's own time inside an interval."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radiant_metering.suspensions import SuspensionBook

T = datetime(2026, 3, 1, 12, tzinfo=UTC)


def test_an_interval_holds_from_its_start_until_before_its_end():
    book = SuspensionBook([("t1", T, T + timedelta(hours=1))])
    assert not book.suspended_at("t1", T - timedelta(microseconds=1))
    assert book.suspended_at("t1", T)
    assert book.suspended_at("t1", T + timedelta(minutes=59))
    assert not book.suspended_at("t1", T + timedelta(hours=1))
    assert not book.suspended_at("t2", T)  # another tenant


def test_an_open_interval_is_a_suspension_still_in_force_and_an_empty_book_is_falsy():
    book = SuspensionBook([("t1", T - timedelta(days=2), T - timedelta(days=1)), ("t1", T, None)])
    assert book and book.suspended_at("t1", T + timedelta(days=365))
    assert not book.suspended_at("t1", T - timedelta(hours=1))
    assert not SuspensionBook([])
