"""When a digest period ends: the top of the hour, local midnight, Monday's local midnight."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from radiant_identity.digests.periods import period_end


def test_hourly_ends_at_the_next_top_of_the_hour() -> None:
    assert period_end("hourly", datetime(2026, 3, 1, 10, 59, 59, tzinfo=UTC), "Europe/Berlin") == datetime(
        2026, 3, 1, 11, 0, tzinfo=UTC
    )
    assert period_end("hourly", datetime(2026, 3, 1, 11, 0, tzinfo=UTC), None) == datetime(
        2026, 3, 1, 12, 0, tzinfo=UTC
    )


def test_daily_ends_at_the_recipients_own_midnight() -> None:
    # 23:30 UTC on 1 March is already 2 March in Berlin (UTC+1): its day ends at 2 March 23:00 UTC.
    at = datetime(2026, 3, 1, 23, 30, tzinfo=UTC)
    assert period_end("daily", at, "Europe/Berlin") == datetime(2026, 3, 2, 23, 0, tzinfo=UTC)
    assert period_end("daily", at, "UTC") == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    assert period_end("daily", at, "America/New_York") == datetime(2026, 3, 2, 5, 0, tzinfo=UTC)


def test_daily_across_a_dst_change_is_still_local_midnight() -> None:
    # Europe/Berlin moves to UTC+2 on 29 March 2026: that day's midnight-to-midnight is 23 hours.
    assert period_end("daily", datetime(2026, 3, 29, 12, 0, tzinfo=UTC), "Europe/Berlin") == datetime(
        2026, 3, 29, 22, 0, tzinfo=UTC
    )


def test_weekly_ends_at_the_next_monday_midnight() -> None:
    wednesday = datetime(2026, 3, 4, 9, 0, tzinfo=UTC)
    assert period_end("weekly", wednesday, "UTC") == datetime(2026, 3, 9, 0, 0, tzinfo=UTC)
    monday = datetime(2026, 3, 9, 0, 0, tzinfo=UTC)  # a Monday's first instant belongs to its own week
    assert period_end("weekly", monday, "UTC") == datetime(2026, 3, 16, 0, 0, tzinfo=UTC)


def test_an_unknown_zone_counts_as_utc_and_immediate_is_no_period() -> None:
    at = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert period_end("daily", at, "Mars/Olympus") == datetime(2026, 3, 2, 0, 0, tzinfo=UTC)
    with pytest.raises(ValueError):
        period_end("immediate", at, "UTC")
