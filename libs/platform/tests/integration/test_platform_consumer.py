"""The idempotent batch consumer against real Kafka and PostgreSQL."""

from __future__ import annotations

import asyncio
import uuid

from faststream.kafka import KafkaBroker
from sqlalchemy import text

from radiant_contracts import make_event
from radiant_contracts.dlq import DLQ_HEADER_REASON
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.examples import example_payloads
from radiant_platform.consumer import BatchConsumer, Delivery
from radiant_platform.outbox import OutboxRelay, make_producer
from radiant_testing import eventually, kafka_security, tail_topic


def _usage_event(tenant: str):
    payload = example_payloads()[UsageRecorded.event_type]
    payload = payload.model_copy(update={"request_id": str(uuid.uuid4())})
    return make_event(payload, tenant_id=tenant, source="radiant/ai-gateway")


async def _count_effects(sessionmaker) -> int:
    async with sessionmaker() as s:
        return await s.scalar(text("SELECT count(*) FROM effects"))


async def test_duplicate_event_changes_state_once_and_bad_records_go_to_dlq(
    stack, scratch_schema, scratch_topic, kafka_producer
):
    schema, sessionmaker = scratch_schema

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await session.execute(text("INSERT INTO effects VALUES (:e, :t)"), {"e": d.event.id, "t": d.event.tenantid})

    consumer = BatchConsumer(
        name=f"grp-{uuid.uuid4().hex[:8]}",
        topic=scratch_topic,
        handler=record_effect,
        sessionmaker_provider=lambda: sessionmaker,
    )
    broker = KafkaBroker(stack.kafka, security=kafka_security(stack).broker_security())
    consumer.register(broker)
    relay = OutboxRelay(
        sessionmaker, make_producer(stack.kafka, "test-relay", kafka_security(stack)), schema=schema, poll_seconds=0.2
    )

    tenant = str(uuid.uuid4())
    first, second = _usage_event(tenant), _usage_event(tenant)
    async with tail_topic(stack, f"{scratch_topic}.dlq") as dlq:
        await broker.start()
        await relay.start()
        relay_task = asyncio.create_task(relay.run())
        try:
            for raw in (first.to_bytes(), first.to_bytes(), b"{not json", second.to_bytes()):
                # The bad record carries a header with a NUL byte (jsonb cannot hold U+0000): its dead
                # letter must still be stored and published, not fail its batch for ever.
                headers = [("x-bin", b"a\x00b"), ("x-text", b"caf\xe9")] if raw == b"{not json" else None
                await kafka_producer.send_and_wait(scratch_topic, raw, key=tenant.encode(), headers=headers)
            # the same event delivered again later, in another batch
            await asyncio.sleep(0.5)
            await kafka_producer.send_and_wait(scratch_topic, first.to_bytes(), key=tenant.encode())
            await eventually(lambda: _has_effects(sessionmaker, 2))
            dead = await dlq.wait_for(lambda r: True, timeout=20)
            await dlq.drain(1.0)
        finally:
            await relay.stop()
            relay_task.cancel()
            await broker.stop()
            await relay.close()

    async with sessionmaker() as s:
        ids = sorted(r[0] for r in await s.execute(text("SELECT event_id FROM effects")))
    assert ids == sorted([first.id, second.id])  # the duplicate changed nothing
    assert len(dlq.records) == 1
    record = dead[0]
    assert record.value == b"{not json"  # original bytes, untouched
    assert record.key == tenant.encode()
    reason = dict(record.headers)[DLQ_HEADER_REASON].decode()
    assert "undecodable" in reason or "malformed" in reason.lower()
    assert record.headers[:2] == (("x-bin", b"a\x00b"), ("x-text", b"caf\xe9"))  # the producer's, byte for byte
    assert consumer.stats.dead_lettered == 1


async def _has_effects(sessionmaker, n: int) -> bool:
    return await _count_effects(sessionmaker) >= n


async def test_a_refusal_marked_commit_effects_keeps_what_it_recorded(scratch_schema):
    import pytest

    from radiant_platform.db import unit_of_work
    from radiant_platform.errors import ProblemError

    _, sessionmaker = scratch_schema
    with pytest.raises(ProblemError):
        async with unit_of_work(sessionmaker) as session:
            await session.execute(text("INSERT INTO effects VALUES ('kept', 't')"))
            raise ProblemError(409, "expired", commit_effects=True)
    with pytest.raises(ProblemError):
        async with unit_of_work(sessionmaker) as session:
            await session.execute(text("INSERT INTO effects VALUES ('dropped', 't')"))
            raise ProblemError(409, "plain refusal")
    async with sessionmaker() as s:
        assert [r[0] for r in await s.execute(text("SELECT event_id FROM effects"))] == ["kept"]


async def test_an_event_from_a_source_that_may_not_publish_its_type_is_dead_lettered_with_the_reason(
    stack, scratch_schema, scratch_topic, kafka_producer
):
    """Whoever managed to write the topic, a usage event claiming to come from the approval service
    (or an approval decision from anyone but it) is not applied: it lands in the DLQ, saying why."""
    schema, sessionmaker = scratch_schema

    async def record_effect(session, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await session.execute(text("INSERT INTO effects VALUES (:e, :t)"), {"e": d.event.id, "t": d.event.tenantid})

    consumer = BatchConsumer(
        name=f"grp-{uuid.uuid4().hex[:8]}",
        topic=scratch_topic,
        handler=record_effect,
        sessionmaker_provider=lambda: sessionmaker,
    )
    broker = KafkaBroker(stack.kafka, security=kafka_security(stack).broker_security())
    consumer.register(broker)
    relay = OutboxRelay(
        sessionmaker, make_producer(stack.kafka, "test-relay", kafka_security(stack)), schema=schema, poll_seconds=0.2
    )
    tenant = str(uuid.uuid4())
    genuine = _usage_event(tenant)
    forged = make_event(
        genuine.data.model_copy(update={"request_id": "forged"}), tenant_id=tenant, source="radiant/approval"
    )
    async with tail_topic(stack, f"{scratch_topic}.dlq") as dlq:
        await broker.start()
        await relay.start()
        relay_task = asyncio.create_task(relay.run())
        try:
            for event in (forged, genuine):
                await kafka_producer.send_and_wait(scratch_topic, event.to_bytes(), key=tenant.encode())
            [dead] = await dlq.wait_for(lambda r: True, timeout=20)
            await eventually(lambda: _has_effects(sessionmaker, 1))
        finally:
            await relay.stop()
            relay_task.cancel()
            await broker.stop()
            await relay.close()
    assert dead.value == forged.to_bytes()
    reason = dict(dead.headers)[DLQ_HEADER_REASON].decode()
    assert "'radiant/approval' may not publish radiant.usage.recorded.v1" in reason
    async with sessionmaker() as s:
        assert [r[0] for r in await s.execute(text("SELECT event_id FROM effects"))] == [genuine.id]
