"""Which usage was recorded while its tenant was suspended (pure; the intervals come from the DB).

A producer's usage of a suspended tenant is still metered and billed (seed 004 §1, DESIGN.md §3.5):
metering only flags it. The rule is the event's own time: usage that *occurred* inside a suspension
interval [from, until) is flagged, whenever it arrives, so a redelivery or a late event is flagged the
same way each time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Interval:
    start: datetime
    end: datetime | None  # None: still suspended

    def holds(self, when: datetime) -> bool:
        return self.start <= when and (self.end is None or when < self.end)


class SuspensionBook:
    """The suspension intervals of a batch's tenants (usually none at all)."""

    def __init__(self, rows: Iterable[tuple[str, datetime, datetime | None]]) -> None:
        self._intervals: dict[str, list[Interval]] = {}
        for tenant_id, start, end in rows:
            self._intervals.setdefault(tenant_id, []).append(Interval(start, end))

    def __bool__(self) -> bool:
        return bool(self._intervals)

    def suspended_at(self, tenant_id: str, when: datetime) -> bool:
        intervals = self._intervals.get(tenant_id)
        return intervals is not None and any(i.holds(when) for i in intervals)
