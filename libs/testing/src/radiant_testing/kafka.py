"""Kafka for tests: read a topic from now on, decode CloudEvents, a throwaway topic."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from radiant_testing.stack import StackEnv


class TopicTail:
    """Reads a topic from the moment it was opened; `wait_for` returns the records that match."""

    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self._consumer = consumer
        self.records: list[ConsumerRecord[bytes, bytes]] = []

    async def wait_for(
        self,
        predicate: Callable[[ConsumerRecord[bytes, bytes]], bool],
        *,
        count: int = 1,
        timeout: float = 20.0,  # noqa: ASYNC109 - a deadline that reports what was seen
    ) -> list[ConsumerRecord[bytes, bytes]]:
        # Not `eventually`: the wait is Kafka's own long poll, so records are seen as soon as they land.
        deadline = time.monotonic() + timeout
        while True:
            matched = [r for r in self.records if predicate(r)]
            if len(matched) >= count:
                return matched
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} matching records within {timeout}s, saw {len(matched)}")
            await self._fetch(min(remaining, 0.5))

    async def drain(self, seconds: float) -> list[ConsumerRecord[bytes, bytes]]:
        """Everything that arrives within `seconds` (to prove something did *not* happen)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            await self._fetch(left)
        return self.records

    async def _fetch(self, seconds: float) -> None:
        batches = await self._consumer.getmany(timeout_ms=int(seconds * 1000))
        for records in batches.values():
            self.records.extend(records)


@asynccontextmanager
async def tail_topic(stack: StackEnv, topic: str) -> AsyncIterator[TopicTail]:
    consumer = AIOKafkaConsumer(bootstrap_servers=stack.kafka, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = await _partitions(consumer, topic)
        consumer.assign(partitions)
        for tp, offset in (await consumer.end_offsets(partitions)).items():
            consumer.seek(tp, offset)
        yield TopicTail(consumer)
    finally:
        await consumer.stop()


async def _partitions(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    known = consumer.partitions_for_topic(topic)
    if not known:
        await consumer._client.force_metadata_update()  # private, but the only way to learn a topic on first use
        known = consumer.partitions_for_topic(topic)
    return [TopicPartition(topic, p) for p in (known or ())]


def event_json(record: ConsumerRecord[bytes, bytes]) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(record.value)
    return decoded


@asynccontextmanager
async def new_topic(stack: StackEnv, *, partitions: int = 3) -> AsyncIterator[str]:
    """A new topic and its DLQ (the broker does not auto-create topics), deleted afterwards."""
    name = f"test-{uuid.uuid4().hex[:10]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.kafka)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1), NewTopic(f"{name}.dlq", 1, 1)])
        yield name
        await admin.delete_topics([name, f"{name}.dlq"])
    finally:
        await admin.close()
