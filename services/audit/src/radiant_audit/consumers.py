"""`audit-events` → the hash-chained log. Thin: the batch consumer parses, the service chains."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.topics import AUDIT_EVENTS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery
from radiant_platform.gc_tuning import tune_for_batches

from . import service
from .decoding import decode_audit_event
from .deps import AuditDeps

INGEST_GROUP = "audit-ingest"

# Kafka fetch tuning for a busy partition. aiokafka refetches a partition only once its buffer is
# drained, and cannot while a fetch for the member's other (idle) partitions is parked at the
# broker for `fetch_max_wait_ms` (500 ms by default): the busy partition's log showed ~1 MB
# (~2,000 events) processed, then ~400 ms idle waiting for the next fetch. A short wait and larger
# fetches keep it fed (50 ms: an idle member polls ~20 times a second, not 2).
INGEST_FETCH = {"fetch_max_wait_ms": 50, "max_partition_fetch_bytes": 4 * 1024 * 1024}


async def store_audit_events(session: AsyncSession, deliveries: list[Delivery]) -> None:
    await service.record_events(session, [d.event for d in deliveries])


def ingest_consumer(rt: Runtime[AuditDeps]) -> BatchConsumer:
    settings = rt.deps.settings
    # dedup=False: the log's unique (tenant, event id), checked under the tenant's chain lock, is the
    # idempotency key, so the generic processed-events table would only double the writes.
    return BatchConsumer(
        name=INGEST_GROUP,
        topic=AUDIT_EVENTS,
        handler=store_audit_events,
        sessionmaker_provider=rt.session_factory,
        event_types=[AuditRecorded.event_type],
        dedup=False,
        max_records=settings.consumer_max_records,
        decoder=decode_audit_event,
        subscriber_options=INGEST_FETCH,
        # A batch keeps thousands of decoded events and entries alive (two per member while
        # pipelined) and the cyclic collector kept walking them: collections took ~8 µs an event
        # under the benchmark unpaused, ~4 paused (gc callbacks, 100k events). They hold no cycles;
        # metering's ingest pauses it the same way.
        pause_gc=True,
        # Decode and hash the next batch while this one commits; one transaction at a time per member,
        # in partition order, so a tenant's chain links are never interleaved.
        pipeline=settings.ingest_pipeline,
    )


def consumers(rt: Runtime[AuditDeps]) -> list[BatchConsumer]:
    # Several members of the one group in this process (each gets some of the partitions): while
    # one waits for its COPY and commit, another decodes and hashes, so the CPU and the database
    # work overlap instead of taking turns. Each tenant's chain stays on one partition, hence one
    # member; the chain-head row lock keeps it exact across rebalances anyway.
    members = [ingest_consumer(rt) for _ in range(rt.deps.settings.ingest_consumers)]
    tune_for_batches()  # these members hold large batches of decoded events in this process
    return members
