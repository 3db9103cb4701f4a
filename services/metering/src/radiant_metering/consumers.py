"""Kafka consumers: usage ingestion, margins from billing, approved model changes. Thin: parse → service."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.envelope import envelope_model
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.billing import BillingSettingsUpdated
from radiant_contracts.events.tenant import TenantDeleted, TenantReactivated, TenantSuspended
from radiant_contracts.events.usage import StorageReported, UsageRecorded
from radiant_contracts.topics import APPROVAL_DECISIONS, BILLING_EVENTS, TENANT_EVENTS, USAGE_EVENTS
from radiant_platform import tenant_purge
from radiant_platform.app import Runtime
from radiant_platform.approvals import DecisionRecords
from radiant_platform.consumer import BatchConsumer, Delivery, fast_decoder

from . import service
from .config import Settings
from .deps import MeteringDeps
from .mtd import MonthToDateCounters
from .quotas.consumers import quota_consumers

SessionmakerProvider = Callable[[], async_sessionmaker[AsyncSession]]


_USAGE_EVENT = envelope_model(UsageRecorded)


decode_usage_event = fast_decoder(_USAGE_EVENT)


def consumers(rt: Runtime[MeteringDeps]) -> list[BatchConsumer]:
    deps = rt.deps
    return [
        usage_consumer(deps.settings, rt.session_factory, deps.mtd),
        billing_consumer(rt.session_factory),
        approval_consumer(rt.session_factory, deps.decisions),
        tenant_status_consumer(rt.session_factory),
        *quota_consumers(rt),
    ]


def usage_consumer(
    settings: Settings,
    sessionmaker_provider: SessionmakerProvider,
    counters: MonthToDateCounters | None,
    *,
    topic: str = USAGE_EVENTS,
    group: str | None = None,
) -> BatchConsumer:
    """Dedup is on (tenant, request_id) inside the handler, so the event-id dedup table is off.

    Also run without the HTTP app by the standalone worker (`worker.py`), hence its explicit arguments."""

    async def ingest(session: AsyncSession, deliveries: list[Delivery]) -> None:
        await service.ingest_usage(session, deliveries, counters)

    return BatchConsumer(
        name=group or settings.ingest_group,
        topic=topic,
        handler=ingest,
        sessionmaker_provider=sessionmaker_provider,
        # Storage gauges travel on the same topic (a new type: older consumers skip it).
        event_types=[UsageRecorded.event_type, StorageReported.event_type],
        dedup=False,
        max_records=settings.ingest_max_records,
        batch_timeout_ms=settings.ingest_batch_timeout_ms,
        decoder=decode_usage_event,
        subscriber_options={"max_partition_fetch_bytes": settings.ingest_partition_fetch_bytes},
        pause_gc=True,
        # Decode the next batch while this one's statement runs in Postgres (offsets still after commit).
        pipeline=settings.ingest_pipeline,
    )


def billing_consumer(sessionmaker_provider: SessionmakerProvider) -> BatchConsumer:
    async def apply(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await service.apply_billing_settings(session, d.event)

    return BatchConsumer(
        name="metering-billing",
        topic=BILLING_EVENTS,
        handler=apply,
        sessionmaker_provider=sessionmaker_provider,
        event_types=[BillingSettingsUpdated.event_type],
    )


def tenant_status_consumer(sessionmaker_provider: SessionmakerProvider) -> BatchConsumer:
    """Metering's copy of tenants' suspensions, so a suspended tenant's usage is flagged (still metered)."""

    async def apply(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await service.apply_tenant_status(session, d.event)
            if isinstance(d.event.data, TenantDeleted):
                await tenant_purge.record_deleted_tenant(session, "metering", d.event)

    return BatchConsumer(
        name="metering-tenant-status",
        topic=TENANT_EVENTS,
        handler=apply,
        sessionmaker_provider=sessionmaker_provider,
        event_types=[TenantSuspended.event_type, TenantReactivated.event_type, TenantDeleted.event_type],
    )


def approval_consumer(sessionmaker_provider: SessionmakerProvider, decisions: DecisionRecords) -> BatchConsumer:
    async def apply(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await service.apply_approval(session, d.event, decisions)

    return BatchConsumer(
        name="metering-approvals",
        topic=APPROVAL_DECISIONS,
        handler=apply,
        sessionmaker_provider=sessionmaker_provider,
        event_types=[ApprovalApproved.event_type],
    )
