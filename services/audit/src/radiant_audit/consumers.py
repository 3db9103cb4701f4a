"""`audit-events` → the hash-chained log. Thin: the batch consumer parses, the service chains."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.topics import AUDIT_EVENTS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from . import service
from .config import Settings

INGEST_GROUP = "audit-ingest"


async def store_audit_events(session: AsyncSession, deliveries: list[Delivery]) -> None:
    await service.record_events(session, [d.event for d in deliveries])  # type: ignore[misc]


def ingest_consumer(rt: Runtime) -> BatchConsumer:
    settings: Settings = rt.settings  # type: ignore[assignment]
    # dedup=False: the log's unique (tenant, event id), checked under the tenant's chain lock, is the
    # idempotency key, so the generic processed-events table would only double the writes.
    return BatchConsumer(
        name=INGEST_GROUP, topic=AUDIT_EVENTS, handler=store_audit_events, sessionmaker_provider=rt.session_factory,
        event_types=[AuditRecorded.event_type], dedup=False, max_records=settings.consumer_max_records,
        batch_timeout_ms=50,
    )


def consumers(rt: Runtime) -> list[BatchConsumer]:
    return [ingest_consumer(rt)]
