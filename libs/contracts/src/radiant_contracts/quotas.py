"""Quotas (seed 004 §3), defined once: a resource's status against its plan's limit, and the shapes
every service answers with — the refusal problem (`radiant_platform.quotas.quota_exceeded`) and the
status a dashboard shows (`QuotaOut`, `GET /api/v2/admin/quotas`).

The arithmetic is the seed's `QuotaService.check_quota`: `exceeded = current >= limit` and
`percentage = min(100, floor(current / limit × 100))`, in integers (never a float). A limit of
`None` is unlimited: never exceeded, 0 %. A limit of 0 is exhausted from the start (100 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from radiant_contracts.api import ApiModel

QuotaResource = Literal["users", "agents", "tokens", "storage"]
QUOTA_RESOURCES: tuple[QuotaResource, ...] = ("users", "agents", "tokens", "storage")
#: Where a refused administrator can raise the limit (seed 004 §3 `upgrade_url`).
UPGRADE_URL = "/admin/billing/upgrade"
#: The problem `type` of every quota refusal.
QUOTA_EXCEEDED_TYPE = "urn:radiant:problem:quota-exceeded"
#: A quota refusal is a 403: the plan does not allow it (retrying later does not help, unlike a 429's
#: rate limit; an upgrade does).
QUOTA_EXCEEDED_STATUS = 403
#: The thresholds administrators are notified at (percent of the limit), once per period.
QUOTA_THRESHOLDS: tuple[int, ...] = (80, 100)
#: The default plan's limits (None: unlimited), which identity and metering hold a tenant to until
#: billing's first `subscription.changed` for it arrives (billing gives every new tenant the default
#: plan, whose limits then replace these). Keep in step with billing's default plan.
DEFAULT_PLAN_LIMITS: dict[QuotaResource, int | None] = {  # billing's `free` plan, version 1
    "users": 3,
    "agents": 1,
    "tokens": 1_000_000,  # per calendar month (UTC), input + output
    "storage": 1,  # GB (1024**3 bytes)
}
#: Bytes in one of the plan's `max_storage_gb` (seed 004 §3: `max_storage_gb * 1024 * 1024 * 1024`).
BYTES_PER_GB = 1024**3


def default_limit(resource: QuotaResource) -> int | None:
    """The default plan's limit in the resource's unit (storage in bytes)."""
    limit = DEFAULT_PLAN_LIMITS[resource]
    return limit * BYTES_PER_GB if resource == "storage" and limit is not None else limit


def percentage_of(current: int, limit: int | None) -> int:
    if limit is None:
        return 0
    if limit <= 0:
        return 100
    return min(100, current * 100 // limit)


def thresholds_reached(current: int, limit: int | None) -> list[int]:
    """The notification thresholds `current` has reached (`current / limit >= t %`), exactly."""
    if limit is None:
        return []
    return [t for t in QUOTA_THRESHOLDS if current * 100 >= t * limit]


@dataclass(frozen=True, slots=True)
class QuotaStatus:
    resource: QuotaResource
    current: int
    limit: int | None  # None: unlimited

    @property
    def exceeded(self) -> bool:
        return self.limit is not None and self.current >= self.limit

    @property
    def percentage(self) -> int:
        return percentage_of(self.current, self.limit)

    def fits(self, more: int = 1) -> bool:
        """Whether `more` can be added without going past the limit."""
        return self.limit is None or self.current + more <= self.limit

    @property
    def remaining(self) -> int | None:
        return None if self.limit is None else max(0, self.limit - self.current)


class QuotaOut(ApiModel):
    """One quota as `GET /api/v2/admin/quotas` shows it (storage in bytes, tokens per calendar month)."""

    resource: QuotaResource
    current: int
    limit: int | None
    percentage: int
    exceeded: bool
    remaining: int | None
    unit: Literal["users", "agents", "tokens", "bytes"]

    @classmethod
    def of(cls, status: QuotaStatus) -> QuotaOut:
        unit = "tokens" if status.resource == "tokens" else "bytes" if status.resource == "storage" else status.resource
        return cls(
            resource=status.resource,
            current=status.current,
            limit=status.limit,
            percentage=status.percentage,
            exceeded=status.exceeded,
            remaining=status.remaining,
            unit=unit,
        )
