"""When a digest period ends, in the recipient's own time zone (pure: no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DIGEST_FREQUENCIES = ("hourly", "daily", "weekly")


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def period_end(frequency: str, at: datetime, timezone: str | None) -> datetime:
    """The end of the period `at` falls in (UTC): the next top of the hour, the next local midnight,
    or the next Monday's local midnight. Local midnights are found on the wall clock, so a day with
    a DST change is still one digest at midnight."""
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"not a digest frequency: {frequency}")
    zone = _zone(timezone)
    local = at.astimezone(zone)
    if frequency == "hourly":
        # Whole hours in UTC are whole hours locally too, except in the few half-hour zones; those
        # get their digest at the top of the UTC hour.
        start = at.astimezone(UTC).replace(minute=0, second=0, microsecond=0)
        return start + timedelta(hours=1)
    days = 1 if frequency == "daily" else 7 - local.weekday()
    next_day = (local + timedelta(days=days)).date()
    return datetime(next_day.year, next_day.month, next_day.day, tzinfo=zone).astimezone(UTC)
