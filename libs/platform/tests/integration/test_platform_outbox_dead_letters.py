"""One bad outbox row never blocks the others (issue 12 #6), against the real Kafka.

A row the producer or the broker refuses for good (too large, an invalid topic) is dead-lettered in
place — kept with its bytes and the reason, logged, counted — and the rows after it are published.
A transient error (the broker unreachable) leaves every row pending, to be retried in order.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator

import pytest_asyncio
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.errors import KafkaConnectionError
from sqlalchemy import text

from radiant_platform.db import unit_of_work
from radiant_platform.outbox import (
    OutboxRecord,
    OutboxRelay,
    dead_lettered_count,
    enqueue_raw,
    enqueue_records,
    make_producer,
    requeue_dead_letters,
)
from radiant_testing import kafka_client_kwargs, kafka_security, tail_topic

MiB = 1024 * 1024
#: A topic whose broker-side limit is far below the producer's (1 MiB): the broker itself refuses.
SMALL_TOPIC_LIMIT = 4096


@pytest_asyncio.fixture
async def small_topic(stack) -> AsyncIterator[str]:
    name = f"test-small-{uuid.uuid4().hex[:10]}"
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(stack))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 1, 1, topic_configs={"max.message.bytes": str(SMALL_TOPIC_LIMIT)})])
        yield name
        await admin.delete_topics([name])
    finally:
        await admin.close()


async def _enqueue(sessionmaker, *records: tuple[str, bytes]) -> None:
    async with unit_of_work(sessionmaker) as session:
        for topic, value in records:
            await enqueue_raw(session, topic, value, key=b"tenant-1")


async def _rows(sessionmaker) -> list[tuple[int, bool, str | None]]:
    """(size, published, failure reason) of every row, in id order."""
    async with sessionmaker() as session:
        rows = await session.execute(
            text("SELECT length(value), published_at IS NOT NULL, failure_reason FROM outbox ORDER BY id")
        )
        return [tuple(r) for r in rows]


def _relay(stack, sessionmaker, schema: str) -> OutboxRelay:
    client = f"dead-letter-test-{uuid.uuid4().hex[:6]}"
    return OutboxRelay(
        sessionmaker,
        make_producer(stack.kafka, client, kafka_security(stack)),
        schema=schema,
        renew_producer=lambda: make_producer(stack.kafka, client, kafka_security(stack)),
    )


async def test_a_row_too_large_for_kafka_is_dead_lettered_and_the_row_after_it_published(
    stack, scratch_schema, scratch_topic, caplog
):
    schema, sessionmaker = scratch_schema
    await _enqueue(sessionmaker, (scratch_topic, b"x" * (MiB + 10)), (scratch_topic, b"normal"))
    relay = _relay(stack, sessionmaker, schema)
    async with tail_topic(stack, scratch_topic) as tail:
        await relay.start()
        try:
            with caplog.at_level(logging.ERROR, logger="radiant_platform.outbox"):
                assert await relay.publish_pending() == 2
            assert await relay.publish_pending() == 0  # nothing is left waiting
        finally:
            await relay.close()
        records = await tail.wait_for(lambda r: True)
        records = await tail.drain(1.0)

    assert [r.value for r in records] == [b"normal"]
    [(big_size, big_published, reason), (_, normal_published, no_reason)] = await _rows(sessionmaker)
    assert (big_size, big_published) == (MiB + 10, False)  # kept, with its bytes, not published
    assert reason is not None and "MessageSizeTooLargeError" in reason and str(MiB + 10) in reason
    assert (normal_published, no_reason) == (True, None)
    assert relay.dead_lettered_total == 1 and relay.published_total == 1
    assert await relay.dead_lettered_count() == 1
    assert "dead-lettered" in caplog.text


async def test_a_row_the_broker_refuses_is_found_alone_and_the_rest_of_its_batch_published(
    stack, scratch_schema, small_topic
):
    schema, sessionmaker = scratch_schema
    # One key, one partition, one broker batch: the broker refuses the batch as a whole.
    await _enqueue(
        sessionmaker,
        (small_topic, b"first"),
        (small_topic, b"b" * (SMALL_TOPIC_LIMIT * 3)),
        (small_topic, b"second"),
        (small_topic, b"third"),
    )
    relay = _relay(stack, sessionmaker, schema)
    async with tail_topic(stack, small_topic) as tail:
        await relay.start()
        try:
            assert await relay.publish_pending() == 4
            await _enqueue(sessionmaker, (small_topic, b"later"))  # the producer still works after the refusal
            assert await relay.publish_pending() == 1
        finally:
            await relay.close()
        await tail.wait_for(lambda r: True, count=4)
        records = await tail.drain(1.0)

    assert [r.value for r in records] == [b"first", b"second", b"third", b"later"]  # in order, once each
    rows = await _rows(sessionmaker)
    assert [published for _, published, _ in rows] == [True, False, True, True, True]
    assert "MessageSizeTooLargeError" in (rows[1][2] or "")


async def test_a_dead_lettered_row_requeued_once_its_cause_is_fixed_is_published(stack, scratch_schema, small_topic):
    schema, sessionmaker = scratch_schema
    big = b"b" * (SMALL_TOPIC_LIMIT * 3)
    await _enqueue(sessionmaker, (small_topic, big))
    relay = _relay(stack, sessionmaker, schema)
    await relay.start()
    try:
        assert await relay.publish_pending() == 1
        async with sessionmaker() as session:
            assert await dead_lettered_count(session) == 1

        admin = AIOKafkaAdminClient(**kafka_client_kwargs(stack))
        await admin.start()
        try:  # the operator raises the topic's limit…
            await admin.alter_configs(
                [ConfigResource(ConfigResourceType.TOPIC, small_topic, configs={"max.message.bytes": str(MiB)})]
            )
        finally:
            await admin.close()
        async with unit_of_work(sessionmaker) as session:  # …and puts the row back
            [(row_id,)] = (await session.execute(text("SELECT id FROM outbox"))).all()
            assert await requeue_dead_letters(session, [row_id]) == 1

        async with tail_topic(stack, small_topic) as tail:
            assert await relay.publish_pending() == 1
            [record] = await tail.wait_for(lambda r: True)
    finally:
        await relay.close()
    assert record.value == big
    assert await _rows(sessionmaker) == [(len(big), True, None)]


async def test_a_row_for_an_invalid_topic_is_dead_lettered_without_waiting_for_it(stack, scratch_schema, scratch_topic):
    schema, sessionmaker = scratch_schema
    await _enqueue(sessionmaker, ("not a topic!", b"lost?"), (scratch_topic, b"normal"))
    relay = _relay(stack, sessionmaker, schema)
    await relay.start()
    try:
        assert await relay.publish_pending() == 2
    finally:
        await relay.close()
    [(_, published, reason), (_, normal_published, _)] = await _rows(sessionmaker)
    assert not published and "not a valid Kafka topic name" in (reason or "")
    assert normal_published


class _UnreachableBroker:
    """The producer's side of a broker that is down (a fake at the boundary: the shared Kafka stays up)."""

    def __init__(self) -> None:
        self.sent = 0

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, topic, value, *, key=None, headers=None):
        self.sent += 1
        raise KafkaConnectionError("Unable to connect to the broker")


async def test_a_transient_error_keeps_every_row_pending_and_they_are_published_in_order_later(
    stack, scratch_schema, scratch_topic
):
    schema, sessionmaker = scratch_schema
    await _enqueue(sessionmaker, *((scratch_topic, f"event-{i}".encode()) for i in range(3)))
    down = _UnreachableBroker()
    relay = OutboxRelay(sessionmaker, down, schema=schema)  # type: ignore[arg-type]
    try:
        await relay.publish_pending()
        raise AssertionError("the relay reported success while the broker was down")
    except KafkaConnectionError:
        pass
    assert down.sent == 1  # it stopped at the first row instead of trying the others out of order
    assert await _rows(sessionmaker) == [(7, False, None)] * 3  # nothing published, nothing dead-lettered

    relay = _relay(stack, sessionmaker, schema)
    async with tail_topic(stack, scratch_topic) as tail:
        await relay.start()
        try:
            assert await relay.publish_pending() == 3
        finally:
            await relay.close()
        records = await tail.wait_for(lambda r: True, count=3)
    assert [r.value for r in records] == [b"event-0", b"event-1", b"event-2"]


async def test_records_enqueued_in_one_statement_are_published_in_their_order_with_keys_and_headers(
    stack, scratch_schema, scratch_topic
):
    schema, sessionmaker = scratch_schema
    records = [
        OutboxRecord(scratch_topic, f"v{i}".encode(), b"tenant-1" if i % 3 else None, (("n", str(i).encode()),))
        for i in range(250)
    ]
    records.append(OutboxRecord(scratch_topic, b"\x00\xff raw bytes", b"tenant-1", (("bin", b"\xe9\x00"),)))
    async with unit_of_work(sessionmaker) as session:
        await enqueue_records(session, records)
        await enqueue_records(session, [])  # nothing to add: no statement, no error
    relay = _relay(stack, sessionmaker, schema)
    async with tail_topic(stack, scratch_topic) as tail:
        await relay.start()
        try:
            assert await relay.publish_pending() == len(records)
        finally:
            await relay.close()
        seen = await tail.wait_for(lambda r: True, count=len(records))

    keyed = [r for r in seen if r.key == b"tenant-1"]  # one key, one partition: its order is kept
    assert [r.value for r in keyed] == [r.value for r in records if r.key == b"tenant-1"]
    assert sorted(r.value for r in seen if r.key is None) == sorted(r.value for r in records if r.key is None)
    by_value = {r.value: dict(r.headers) for r in seen}
    assert by_value[b"v7"]["n"] == b"7"  # (the relay may add the trace context beside)
    assert by_value[b"\x00\xff raw bytes"]["bin"] == b"\xe9\x00"
    assert [size for size, *_ in await _rows(sessionmaker)] == [len(r.value) for r in records]  # stored in order
