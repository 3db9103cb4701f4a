"""The operators' platform views (`GET /api/v2/saas/stats`, `/saas/health`): each owning service's
part as its internal route answers it, and the shapes the gateway composes them into.

Every figure comes from the service that owns the data, over its own internal route (no service reads
another's tables): identity counts tenants and administrators, metering the usage, billing the
invoices, every service its own outbox (the platform seam: `/internal/v1/outbox`), audit its SIEM
sinks; the broker itself gives consumer lag and dead-letter depth.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import Field

from .api import ApiModel
from .fields import NonNegativeMoney

# --- the owners' parts (internal routes) -----------------------------------------------------------

#: Internal routes of the parts (each admits the gateway only).
IDENTITY_STATS_PATH = "/internal/v1/platform/stats"
METERING_STATS_PATH = "/internal/v1/platform/usage"
BILLING_STATS_PATH = "/internal/v1/platform/invoices"


class OutboxBacklogPart(ApiModel):
    """Every service's outbox as the platform seam reports it (`/internal/v1/outbox`)."""

    service: str
    pending: int
    #: True when at least `pending` rows wait (the count stops there).
    pending_capped: bool
    oldest_pending_at: datetime | None
    dead_lettered: int
    dead_lettered_since_start: int


class TenantCount(ApiModel):
    status: str
    environment: str
    count: int


class IdentityStats(ApiModel):
    """Identity's part: tenants by status and environment, administrators, recent sign-ins."""

    tenants: list[TenantCount]
    #: Active administrators of tenants that are not deleted, by role (members are not administrators).
    administrators_by_role: dict[str, int]
    #: Tenants one of whose administrators signed in during the last 30 days.
    tenants_signed_in_last_30_days: int


class UsageStats(ApiModel):
    """Metering's part: the platform's usage this calendar month (UTC) and who used it lately."""

    month: date
    requests: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    provider_cost: NonNegativeMoney
    billed_cost: NonNegativeMoney
    #: Requests recorded while their tenant was suspended (metered and billed all the same).
    suspended_requests: int
    tenants_with_usage_this_month: int
    tenants_with_usage_last_30_days: int
    currency: str = "USD"


class InvoiceTotal(ApiModel):
    status: str
    currency: str
    count: int
    total: NonNegativeMoney


class InvoiceStats(ApiModel):
    """Billing's part: invoices issued and not yet paid (pending, overdue), per status and currency."""

    outstanding: list[InvoiceTotal]


# --- what the gateway answers ----------------------------------------------------------------------

PartState = Literal["ok", "unavailable"]


class PartStatus(ApiModel):
    """Whether a service answered its part; the rest of the view is served when one did not."""

    service: str
    state: PartState
    detail: str | None = None


class TenantStats(ApiModel):
    total: int
    by_status: dict[str, int]
    by_environment: dict[str, int]
    by_status_and_environment: list[TenantCount]
    #: Tenants with usage recorded in the last 30 days (metering).
    active_last_30_days: int | None
    #: Tenants one of whose administrators signed in during the last 30 days (identity).
    signed_in_last_30_days: int | None


class AdministratorStats(ApiModel):
    total: int
    by_role: dict[str, int]


class InvoicesOutstanding(ApiModel):
    count: int
    #: Per currency (invoices are never summed across currencies).
    totals: dict[str, NonNegativeMoney]
    by_status: list[InvoiceTotal]


class PlatformStats(ApiModel):
    generated_at: datetime
    tenants: TenantStats | None
    administrators: AdministratorStats | None
    usage_month_to_date: UsageStats | None
    invoices_outstanding: InvoicesOutstanding | None
    sources: list[PartStatus]


class ReadinessOut(ApiModel):
    service: str
    ready: bool
    #: Each dependency the service checks (database, kafka, redis, …) and its state.
    checks: dict[str, str]
    detail: str | None = None


class OutboxOut(ApiModel):
    service: str
    state: PartState
    pending: int | None = None
    #: True when at least `pending` rows wait (the count stops there).
    pending_capped: bool = False
    oldest_pending_at: datetime | None = None
    oldest_pending_age_seconds: float | None = None
    dead_lettered: int | None = None
    detail: str | None = None


class PartitionLagOut(ApiModel):
    topic: str
    partition: int
    committed_offset: int
    end_offset: int
    lag: int


class ConsumerGroupOut(ApiModel):
    group: str
    lag: int
    partitions: list[PartitionLagOut]


class DeadLetterQueueOut(ApiModel):
    topic: str
    depth: int
    #: Per partition: records held (end offset minus start offset).
    partitions: dict[str, int]


class KafkaOut(ApiModel):
    state: PartState
    detail: str | None = None
    consumer_groups: list[ConsumerGroupOut] = Field(default_factory=list)
    #: More groups exist than were measured (the first ones by name are).
    groups_truncated: bool = False
    dead_letter_queues: list[DeadLetterQueueOut] = Field(default_factory=list)


class SiemSinkOut(ApiModel):
    name: str
    consumer_group: str
    state: str | None
    #: The sink's consumer-group lag measured at the broker (None when the broker was not measured).
    lag: int | None
    #: What the forwarder itself last saw (`/internal/siem/status` of audit).
    forwarder_lag_records: int | None = None
    last_delivery_at: datetime | None = None
    consecutive_failures: int | None = None
    last_error: str | None = None


class SiemOut(ApiModel):
    state: PartState
    detail: str | None = None
    sinks: list[SiemSinkOut] = Field(default_factory=list)


class PlatformHealth(ApiModel):
    generated_at: datetime
    #: Every service ready, the broker measured and every outbox answered (dead letters are reported
    #: beside it: they stay until an operator acts on them).
    healthy: bool
    services: list[ReadinessOut]
    outboxes: list[OutboxOut]
    kafka: KafkaOut
    siem: SiemOut
