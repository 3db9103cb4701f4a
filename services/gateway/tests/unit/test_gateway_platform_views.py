"""Composing the operators' platform views from the owners' parts, without HTTP: how the parts add up,
and what the view says when one owner, the broker or audit does not answer."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from radiant_contracts.platform_views import (
    IdentityStats,
    InvoiceStats,
    InvoiceTotal,
    OutboxBacklogPart,
    ReadinessOut,
    TenantCount,
    UsageStats,
)
from radiant_gateway import platform_views
from radiant_gateway.platform_views import PartUnavailable
from radiant_platform.kafka_lag import GroupLag, KafkaOffsets, PartitionDepth, PartitionLag, TopicDepth

NOW = datetime(2026, 3, 14, 12, tzinfo=UTC)

IDENTITY = IdentityStats(
    tenants=[
        TenantCount(status="active", environment="dev", count=3),
        TenantCount(status="active", environment="prod", count=2),
        TenantCount(status="suspended", environment="prod", count=1),
    ],
    administrators_by_role={"super_admin": 6, "auditor": 2},
    tenants_signed_in_last_30_days=4,
)
USAGE = UsageStats(
    month=date(2026, 3, 1),
    requests=10,
    input_tokens=1000,
    output_tokens=500,
    total_tokens=1500,
    provider_cost=Decimal("1.5"),
    billed_cost=Decimal("1.8"),
    suspended_requests=1,
    tenants_with_usage_this_month=3,
    tenants_with_usage_last_30_days=5,
)
INVOICES = InvoiceStats(
    outstanding=[
        InvoiceTotal(status="overdue", currency="USD", count=2, total=Decimal("10.50")),
        InvoiceTotal(status="pending", currency="EUR", count=1, total=Decimal("3.00")),
        InvoiceTotal(status="pending", currency="USD", count=3, total=Decimal("4.25")),
    ]
)


class FakeUpstreams:
    """The owners' answers, or the reason one gives none."""

    def __init__(self, parts: dict[str, object], siem: list[dict[str, object]] | None = None) -> None:
        self.parts = parts
        self.siem = siem

    async def internal(self, service, path, model):
        part = self.parts.get(service)
        if part is None:
            raise PartUnavailable(f"{service} answered 503")
        return part

    async def readiness(self, service):
        return ReadinessOut(service=service, ready=service != "billing", checks={"database": "ok"})

    async def siem_status(self):
        if self.siem is None:
            raise PartUnavailable("audit answered 503")
        return self.siem


async def test_stats_add_up_the_owners_parts():
    stats = await platform_views.platform_stats(
        FakeUpstreams({"identity": IDENTITY, "metering": USAGE, "billing": INVOICES}), now=NOW
    )
    assert stats.tenants is not None and stats.administrators is not None and stats.invoices_outstanding is not None
    assert (stats.tenants.total, stats.tenants.by_status, stats.tenants.by_environment) == (
        6,
        {"active": 5, "suspended": 1},
        {"dev": 3, "prod": 3},
    )
    assert (stats.tenants.active_last_30_days, stats.tenants.signed_in_last_30_days) == (5, 4)
    assert (stats.administrators.total, stats.administrators.by_role) == (8, {"auditor": 2, "super_admin": 6})
    assert stats.invoices_outstanding.count == 6
    assert stats.invoices_outstanding.totals == {
        "EUR": Decimal("3.00"),
        "USD": Decimal("14.75"),
    }  # never across currencies
    assert stats.usage_month_to_date == USAGE
    assert [(s.service, s.state) for s in stats.sources] == [("billing", "ok"), ("identity", "ok"), ("metering", "ok")]


async def test_an_owner_that_does_not_answer_leaves_its_part_empty_and_says_so():
    stats = await platform_views.platform_stats(FakeUpstreams({"identity": IDENTITY, "billing": INVOICES}), now=NOW)
    assert stats.usage_month_to_date is None
    assert stats.tenants is not None and stats.tenants.active_last_30_days is None  # metering's figure
    assert stats.tenants.total == 6  # identity's still served
    [metering] = [s for s in stats.sources if s.service == "metering"]
    assert (metering.state, metering.detail) == ("unavailable", "metering answered 503")


OFFSETS = KafkaOffsets(
    groups=(
        GroupLag("audit-siem-soc", (PartitionLag("audit-events", 0, 90, 100), PartitionLag("audit-events", 1, 5, 5))),
        GroupLag("metering-usage", (PartitionLag("usage-events", 0, 7, 7),)),
    ),
    dead_letter_queues=(TopicDepth("usage-events.dlq", (PartitionDepth(0, 3, 10), PartitionDepth(1, 0, 0))),),
    groups_truncated=False,
)
SINK = {
    "name": "soc",
    "consumerGroup": "audit-siem-soc",
    "state": "retrying",
    "lagRecords": 8,
    "lastDeliveryAt": NOW.timestamp() - 60,
    "consecutiveFailures": 2,
    "lastError": "connection refused",
}


async def test_health_reports_lag_per_partition_dlq_depth_and_each_sinks_lag_at_the_broker():
    backlog = OutboxBacklogPart(
        service="identity",
        pending=4,
        pending_capped=False,
        oldest_pending_at=NOW - timedelta(seconds=30),
        dead_lettered=1,
        dead_lettered_since_start=0,
    )

    async def probe():
        return OFFSETS

    health = await platform_views.platform_health(FakeUpstreams({"identity": backlog}, siem=[SINK]), probe, now=NOW)
    siem_group, usage_group = health.kafka.consumer_groups
    assert (siem_group.group, siem_group.lag, [p.lag for p in siem_group.partitions]) == ("audit-siem-soc", 10, [10, 0])
    assert usage_group.lag == 0
    [dlq] = health.kafka.dead_letter_queues
    assert (dlq.topic, dlq.depth, dlq.partitions) == ("usage-events.dlq", 7, {"0": 7, "1": 0})
    [sink] = health.siem.sinks
    assert (sink.name, sink.lag, sink.forwarder_lag_records, sink.consecutive_failures) == ("soc", 10, 8, 2)
    assert sink.last_delivery_at == NOW - timedelta(seconds=60)
    identity = next(o for o in health.outboxes if o.service == "identity")
    assert (identity.state, identity.pending, identity.oldest_pending_age_seconds, identity.dead_lettered) == (
        "ok",
        4,
        30.0,
        1,
    )
    others = [o for o in health.outboxes if o.service != "identity"]
    assert {o.state for o in others} == {"unavailable"}
    assert health.healthy is False  # billing is not ready, and four outboxes did not answer


async def test_a_broker_that_cannot_be_measured_is_reported_not_guessed():
    async def probe():
        raise OSError("connection refused")

    health = await platform_views.platform_health(FakeUpstreams({}, siem=[SINK]), probe, now=NOW)
    assert health.kafka.state == "unavailable" and health.kafka.consumer_groups == []
    assert health.siem.sinks[0].lag is None  # not measured, never 0
    assert health.healthy is False


async def test_audit_not_answering_marks_the_siem_part_unavailable():
    async def probe():
        return OFFSETS

    health = await platform_views.platform_health(FakeUpstreams({}), probe, now=NOW)
    assert (health.siem.state, health.siem.detail) == ("unavailable", "audit answered 503")
    assert health.kafka.state == "ok"
