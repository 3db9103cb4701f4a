"""Kafka for tests: read a topic from now on, decode CloudEvents, a throwaway topic.

Every client here logs in as the stack's Kafka admin (`KAFKA_ADMIN_USERNAME`, a super user) when
the stack runs SASL: a test plays every producer and reads every topic. A test about what one
principal may do connects as that principal instead (`kafka_security(stack, "producer-usage")`,
`producer_as`).
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from radiant_platform.kafka_security import ADMIN, KafkaSecurity, kafka_security_from_env
from radiant_platform.provisioning import KAFKA_ADMIN
from radiant_testing.stack import StackEnv


def kafka_security(stack: StackEnv, principal: str = ADMIN) -> KafkaSecurity:
    """How to connect to the stack's Kafka as `principal` (a name of
    `radiant_platform.provisioning.KAFKA_PRINCIPALS`, e.g. `"producer-usage"`; default the admin)."""
    default_username = KAFKA_ADMIN if principal == ADMIN else principal
    return kafka_security_from_env(principal, stack.env, default_username=default_username)


def kafka_client_kwargs(stack: StackEnv, principal: str = ADMIN) -> dict[str, Any]:
    """`bootstrap_servers` and the login, for any aiokafka client: `AIOKafkaConsumer(**kafka_client_kwargs(stack))`."""
    return {"bootstrap_servers": stack.kafka, **kafka_security(stack, principal).client_kwargs()}


def kafka_login_env(stack: StackEnv, service: str, principal: str = ADMIN) -> dict[str, str]:
    """Environment that makes a service process (e.g. `python -m radiant_metering.worker` on a test's
    private topic, which its own principal may not read) log in to Kafka as `principal`."""
    security = kafka_security(stack, principal)
    if not security.uses_sasl:
        return {}
    prefix = service.upper()
    return {f"{prefix}_KAFKA_USERNAME": security.username or "", f"{prefix}_KAFKA_PASSWORD": security.password or ""}


@asynccontextmanager
async def producer_as(stack: StackEnv, principal: str = ADMIN, **options: Any) -> AsyncIterator[AIOKafkaProducer]:
    """A started producer logged in as `principal`."""
    producer = AIOKafkaProducer(**kafka_client_kwargs(stack, principal), **options)
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


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
    consumer = AIOKafkaConsumer(**kafka_client_kwargs(stack), enable_auto_commit=False)
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
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(stack))
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1), NewTopic(f"{name}.dlq", 1, 1)])
        yield name
        await admin.delete_topics([name, f"{name}.dlq"])
    finally:
        await admin.close()
