"""The pipelined batch consumer against real PostgreSQL, its Kafka consumer stood in for.

What must hold while batch n+1 is decoded during batch n's transaction: a batch's offsets are
committed only after its database commit and only up to its own records (the consumer's position is
already past n+1), batches are applied one at a time in order, and a batch the database could not
take is rewound together with the one fetched after it, so nothing is skipped.
"""

from __future__ import annotations

import asyncio
import gc
import uuid
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from aiokafka import ConsumerRecord, TopicPartition
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from radiant_contracts import make_event
from radiant_contracts.envelope import decode_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.examples import example_payloads
from radiant_platform import consumer as consumer_module
from radiant_platform.consumer import BatchConsumer, Delivery

TOPIC = "usage-events"


def _value(tenant: str) -> bytes:
    payload = example_payloads()[UsageRecorded.event_type].model_copy(update={"request_id": str(uuid.uuid4())})
    return make_event(payload, tenant_id=tenant, source="radiant/ai-gateway").to_bytes()


def _records(partition: int, first_offset: int, n: int, tenant: str) -> tuple[ConsumerRecord, ...]:
    return tuple(
        ConsumerRecord(TOPIC, partition, first_offset + i, 0, 0, tenant.encode(), _value(tenant), None, 0, 0, [])
        for i in range(n)
    )


@dataclass
class StandInConsumer:
    """What the batch consumer asks of aiokafka's consumer: its assignment, commit(offsets), seek."""

    sessionmaker: Any
    assigned: set[TopicPartition] = field(default_factory=lambda: {TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)})
    commits: list[tuple[dict[TopicPartition, int], int]] = field(default_factory=list)
    seeks: list[tuple[TopicPartition, int]] = field(default_factory=list)

    def assignment(self) -> set[TopicPartition]:
        return set(self.assigned)

    async def commit(self, offsets: dict[TopicPartition, int]) -> None:
        # What another reader of the database sees at the moment the offsets move.
        async with self.sessionmaker() as s:
            stored = await s.scalar(text("SELECT count(*) FROM effects"))
        self.commits.append((dict(offsets), stored))

    def seek(self, tp: TopicPartition, offset: int) -> None:
        self.seeks.append((tp, offset))


@dataclass
class Batch:
    raw_message: tuple[ConsumerRecord, ...]
    consumer: StandInConsumer


def _pipelined_consumer(sessionmaker, handler, **options: Any) -> BatchConsumer:
    """A pipelined consumer of the test topic under a fresh group, without the processed-events dedup."""
    return BatchConsumer(
        name=f"grp-{uuid.uuid4().hex[:8]}",
        topic=TOPIC,
        handler=handler,
        sessionmaker_provider=lambda: sessionmaker,
        dedup=False,
        pipeline=True,
        **options,
    )


async def _store_effects(session, deliveries: list[Delivery]) -> None:
    """A handler's effect: one row per event, in the batch's transaction."""
    for d in deliveries:
        await session.execute(text("INSERT INTO effects VALUES (:e, :t)"), {"e": d.event.id, "t": d.event.tenantid})


async def _effects(sessionmaker) -> list[str]:
    async with sessionmaker() as s:
        return sorted(r[0] for r in await s.execute(text("SELECT event_id FROM effects")))


def _ids(records) -> list[str]:
    return sorted(decode_event(r.value).id for r in records)


async def test_the_next_batch_is_decoded_during_the_commit_and_offsets_follow_each_database_commit(scratch_schema):
    _, sessionmaker = scratch_schema
    gate = asyncio.Event()
    decoded: list[int] = []  # offsets, in the order the decoder saw them
    applied: list[list[int]] = []

    def decoder(raw: bytes):
        event = decode_event(raw)
        decoded.append(len(decoded))
        return event

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        applied.append([d.record.offset for d in deliveries])
        await _store_effects(session, deliveries)
        if len(applied) == 1:
            await gate.wait()  # batch 1's transaction stays open until the test lets it commit

    consumer = _pipelined_consumer(sessionmaker, record_effect, decoder=decoder)
    kafka = StandInConsumer(sessionmaker)
    tenant = str(uuid.uuid4())
    first, second = _records(0, 10, 3, tenant), _records(0, 13, 2, tenant)

    await consumer.consume_batch(Batch(first, kafka))  # type: ignore[arg-type]
    next_batch = asyncio.create_task(consumer.consume_batch(Batch(second, kafka)))  # type: ignore[arg-type]
    for _ in range(200):
        if len(decoded) == 5:
            break
        await asyncio.sleep(0.01)
    assert len(decoded) == 5  # batch 2 was decoded while batch 1's transaction was still open
    assert applied == [[10, 11, 12]]  # ... but not applied before batch 1 committed
    assert kafka.commits == []  # and no offset moved before a database commit
    assert not next_batch.done()

    gate.set()
    await next_batch
    await consumer.drain()

    tp = TopicPartition(TOPIC, 0)
    # Each batch's own offsets (never the position past batch 2), each after its rows were visible.
    assert kafka.commits == [({tp: 13}, 3), ({tp: 15}, 5)]
    assert applied == [[10, 11, 12], [13, 14]]
    assert await _effects(sessionmaker) == sorted(_ids(first) + _ids(second))
    assert kafka.seeks == []


async def test_a_batch_the_database_refused_is_rewound_with_the_one_fetched_after_it(scratch_schema):
    _, sessionmaker = scratch_schema
    outage = {"left": 1}

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        if outage["left"]:
            outage["left"] -= 1
            raise OperationalError("INSERT", {}, ConnectionRefusedError("database unreachable"))
        await _store_effects(session, deliveries)

    consumer = _pipelined_consumer(sessionmaker, record_effect)
    kafka = StandInConsumer(sessionmaker)
    tenant = str(uuid.uuid4())
    first = _records(0, 20, 3, tenant)
    second = (*_records(0, 23, 2, tenant), *_records(1, 7, 2, tenant))  # also another partition

    await consumer.consume_batch(Batch(first, kafka))  # type: ignore[arg-type]
    await consumer.consume_batch(Batch(second, kafka))  # type: ignore[arg-type]
    p0, p1 = TopicPartition(TOPIC, 0), TopicPartition(TOPIC, 1)
    assert kafka.commits == []  # nothing of either batch counts as consumed
    assert await _effects(sessionmaker) == []  # batch 2 was not applied past the failed batch 1
    # Partition 0 back to batch 1's start (at once, and again with batch 2), partition 1 to batch 2's.
    assert set(kafka.seeks) == {(p0, 20), (p1, 7)}
    assert (p0, 23) not in kafka.seeks and (p0, 25) not in kafka.seeks

    # The redelivery, in the order the rewound fetch brings it, is applied once.
    await consumer.consume_batch(Batch((*first, *second[:2]), kafka))  # type: ignore[arg-type]
    await consumer.consume_batch(Batch(second[2:], kafka))  # type: ignore[arg-type]
    await consumer.drain()
    assert kafka.commits == [({p0: 25}, 5), ({p1: 9}, 7)]
    assert await _effects(sessionmaker) == sorted(_ids(first) + _ids(second))


async def test_a_revoked_partition_is_not_committed_nor_sought(scratch_schema):
    """After a rebalance took a partition away, its new owner redoes what was not committed."""
    _, sessionmaker = scratch_schema

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        kafka.assigned.discard(TopicPartition(TOPIC, 1))  # revoked while the batch was applied

    consumer = _pipelined_consumer(sessionmaker, record_effect)
    kafka = StandInConsumer(sessionmaker)
    tenant = str(uuid.uuid4())
    batch = (*_records(0, 0, 2, tenant), *_records(1, 0, 2, tenant))
    await consumer.consume_batch(Batch(batch, kafka))  # type: ignore[arg-type]
    await consumer.drain()
    assert kafka.commits == [({TopicPartition(TOPIC, 0): 2}, 0)]


async def test_a_batch_in_flight_that_fails_unexpectedly_is_rewound_not_skipped(scratch_schema):
    """Whatever breaks a batch in flight (here its offset commit), the next batch neither raises into
    the subscriber (which would drop it) nor gets applied past it: both are fetched again."""
    _, sessionmaker = scratch_schema

    class BrokenCommit(StandInConsumer):
        async def commit(self, offsets: dict[TopicPartition, int]) -> None:
            raise RuntimeError("the client broke")

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        await _store_effects(session, deliveries)

    consumer = _pipelined_consumer(sessionmaker, record_effect)
    kafka = BrokenCommit(sessionmaker)
    tenant = str(uuid.uuid4())
    first, second = _records(0, 40, 2, tenant), _records(1, 3, 2, tenant)
    await consumer.consume_batch(Batch(first, kafka))  # type: ignore[arg-type]
    await consumer.consume_batch(Batch(second, kafka))  # type: ignore[arg-type]
    assert set(kafka.seeks) == {(TopicPartition(TOPIC, 0), 40), (TopicPartition(TOPIC, 1), 3)}
    assert await _effects(sessionmaker) == _ids(first)  # batch 2 waits for its redelivery


class _Tracked:
    """A decoded event the test can hold a weak reference to (pydantic models take none)."""

    def __init__(self, raw: bytes) -> None:
        event = decode_event(raw)
        self.id, self.type, self.source, self.tenantid = event.id, event.type, event.source, event.tenantid


async def test_an_applied_batch_is_freed_before_the_garbage_collector_resumes(scratch_schema, monkeypatch):
    """The collector is paused while a batch is processed; resumed while the batch is still alive,
    its first collection walks every object of it (~100 ms a 16,000-event batch)."""
    _, sessionmaker = scratch_schema
    applied: list[weakref.ref[_Tracked]] = []
    alive_when_resumed: list[int] = []  # at each resumption, the applied events still alive
    real_pause = consumer_module.collector_paused

    @contextmanager
    def watched_pause() -> Iterator[None]:
        with real_pause():
            yield
        if gc.isenabled():  # this exit resumed the collector
            alive_when_resumed.append(sum(ref() is not None for ref in applied))

    monkeypatch.setattr(consumer_module, "collector_paused", watched_pause)

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        applied.extend(weakref.ref(d.event) for d in deliveries)
        await _store_effects(session, deliveries)

    consumer = _pipelined_consumer(sessionmaker, record_effect, decoder=_Tracked, pause_gc=True)
    kafka = StandInConsumer(sessionmaker)
    tenant = str(uuid.uuid4())
    first, second = _records(0, 50, 3, tenant), _records(0, 53, 2, tenant)
    assert gc.isenabled()
    await consumer.consume_batch(Batch(first, kafka))  # type: ignore[arg-type]
    await consumer.consume_batch(Batch(second, kafka))  # type: ignore[arg-type]
    await consumer.drain()

    assert len(applied) == 5 and await _effects(sessionmaker) == sorted(_ids(first) + _ids(second))
    assert gc.isenabled()
    # Resumed after each decode (the batch then waits, alive, for its turn) and after each apply.
    assert len(alive_when_resumed) == 4
    assert alive_when_resumed == [0, 0, 0, 0]
