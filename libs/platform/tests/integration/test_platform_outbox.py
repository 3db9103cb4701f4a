"""The outbox under crashes: a relay killed (SIGKILL) before or after publishing loses nothing,
and what it publishes twice is applied once by an idempotent consumer."""

from __future__ import annotations

import signal
import subprocess
import sys
import uuid
from pathlib import Path

from faststream.kafka import KafkaBroker
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags
from sqlalchemy import text

from radiant_contracts import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.examples import example_payloads
from radiant_platform.consumer import BatchConsumer
from radiant_platform.db import unit_of_work
from radiant_platform.outbox import OutboxRelay, enqueue_event, make_producer
from radiant_testing import eventually, kafka_security, tail_topic

RELAY = Path(__file__).with_name("relay_process.py")


def _event(tenant: str):
    payload = example_payloads()[UsageRecorded.event_type].model_copy(update={"request_id": str(uuid.uuid4())})
    return make_event(payload, tenant_id=tenant, source="radiant/ai-gateway")


def _run_relay(stack, schema: str, mode: str) -> subprocess.CompletedProcess[str]:
    url = stack.admin_db_url.replace("postgresql://", "postgresql+asyncpg://")
    return subprocess.run(
        [sys.executable, str(RELAY), url, schema, stack.kafka, mode], capture_output=True, text=True, timeout=60
    )


async def _commit_event(sessionmaker, topic: str, event) -> None:
    async with unit_of_work(sessionmaker) as session:
        await enqueue_event(session, event, topic=topic)


async def _unpublished(sessionmaker) -> int:
    async with sessionmaker() as s:
        return await s.scalar(text("SELECT count(*) FROM outbox WHERE published_at IS NULL"))


async def test_relay_killed_between_commit_and_publish_publishes_once_after_restart(
    stack, scratch_schema, scratch_topic
):
    schema, sessionmaker = scratch_schema
    event = _event(str(uuid.uuid4()))
    await _commit_event(sessionmaker, scratch_topic, event)

    async with tail_topic(stack, scratch_topic) as tail:
        crashed = _run_relay(stack, schema, "die-before-publish")
        assert crashed.returncode == -signal.SIGKILL
        assert await _unpublished(sessionmaker) == 1  # the committed event is still waiting

        restarted = _run_relay(stack, schema, "normal")
        assert restarted.returncode == 0, restarted.stderr
        await tail.wait_for(lambda r: True)
        records = await tail.drain(1.5)

    assert [r.value for r in records] == [event.to_bytes()]  # arrived, exactly once
    assert await _unpublished(sessionmaker) == 0


async def test_relay_killed_after_publish_duplicates_are_absorbed_by_the_consumer(stack, scratch_schema, scratch_topic):
    schema, sessionmaker = scratch_schema
    event = _event(str(uuid.uuid4()))
    await _commit_event(sessionmaker, scratch_topic, event)

    async with tail_topic(stack, scratch_topic) as tail:
        crashed = _run_relay(stack, schema, "die-after-publish")
        assert crashed.returncode == -signal.SIGKILL
        assert await _unpublished(sessionmaker) == 1  # published, but not marked: it will go again
        assert _run_relay(stack, schema, "normal").returncode == 0
        records = await tail.wait_for(lambda r: True, count=2)
    assert [r.value for r in records] == [event.to_bytes()] * 2  # at-least-once on the wire

    applied: list[str] = []

    async def apply(session, deliveries) -> None:
        for d in deliveries:
            await session.execute(text("INSERT INTO effects VALUES (:e, :t)"), {"e": d.event.id, "t": d.event.tenantid})
            applied.append(d.event.id)

    consumer = BatchConsumer(
        name=f"grp-{uuid.uuid4().hex[:8]}",
        topic=scratch_topic,
        handler=apply,
        sessionmaker_provider=lambda: sessionmaker,
    )
    broker = KafkaBroker(stack.kafka, security=kafka_security(stack).broker_security())
    consumer.register(broker)
    await broker.start()
    try:
        await eventually(
            lambda: consumer.stats.events + consumer.stats.duplicates >= 2, timeout=20, what="both deliveries consumed"
        )
    finally:
        await broker.stop()
    async with sessionmaker() as s:
        effects = await s.scalar(text("SELECT count(*) FROM effects"))
    assert effects == 1  # exactly once in effect
    assert applied == [event.id]


async def test_trace_context_travels_from_the_enqueuing_span_to_the_kafka_record(stack, scratch_schema, scratch_topic):
    from opentelemetry.sdk.trace import TracerProvider

    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(TracerProvider())
    schema, sessionmaker = scratch_schema
    event = _event(str(uuid.uuid4()))
    with trace.get_tracer("test").start_as_current_span("http request") as span:
        await _commit_event(sessionmaker, scratch_topic, event)
        trace_id = format(span.get_span_context().trace_id, "032x")

    relay = OutboxRelay(sessionmaker, make_producer(stack.kafka, "trace-test", kafka_security(stack)), schema=schema)
    async with tail_topic(stack, scratch_topic) as tail:
        await relay.start()
        try:
            assert await relay.publish_pending() == 1
        finally:
            await relay.close()
        record = (await tail.wait_for(lambda r: True))[0]
    traceparent = dict(record.headers)["traceparent"].decode()
    assert traceparent.split("-")[1] == trace_id


async def test_one_trace_spans_request_outbox_kafka_consumer_and_database(stack, scratch_schema, scratch_topic):
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from sqlalchemy.ext.asyncio import create_async_engine

    from radiant_platform.db import create_sessionmaker
    from radiant_platform.telemetry import trace_statements

    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(TracerProvider())
    exporter = InMemorySpanExporter()
    trace.get_tracer_provider().add_span_processor(SimpleSpanProcessor(exporter))

    schema, sessionmaker = scratch_schema
    url = stack.admin_db_url.replace("postgresql://", "postgresql+asyncpg://")
    traced = create_async_engine(url, connect_args={"server_settings": {"search_path": schema}})
    trace_statements(traced.sync_engine, schema)
    traced_sessions = create_sessionmaker(traced)

    event = _event(str(uuid.uuid4()))
    # Under a caller's sampled trace: the services' provider records only a share of new traces, and
    # whichever test set the global provider first decides which one this process has.
    caller = SpanContext(trace_id=uuid.uuid4().int >> 64, span_id=7, is_remote=True, trace_flags=TraceFlags(1))
    sampled = trace.set_span_in_context(NonRecordingSpan(caller))
    with trace.get_tracer("test").start_as_current_span("POST /api/v2/things", context=sampled) as request_span:
        await _commit_event(sessionmaker, scratch_topic, event)
    trace_id = request_span.get_span_context().trace_id

    relay = OutboxRelay(sessionmaker, make_producer(stack.kafka, "trace-test", kafka_security(stack)), schema=schema)
    await relay.start()
    try:
        await relay.publish_pending()
    finally:
        await relay.close()

    async def apply(session, deliveries) -> None:
        for d in deliveries:
            await session.execute(text("INSERT INTO effects VALUES (:e, :t)"), {"e": d.event.id, "t": d.event.tenantid})

    consumer = BatchConsumer(
        name=f"grp-{uuid.uuid4().hex[:8]}",
        topic=scratch_topic,
        handler=apply,
        sessionmaker_provider=lambda: traced_sessions,
    )
    broker = KafkaBroker(stack.kafka, security=kafka_security(stack).broker_security())
    consumer.register(broker)
    await broker.start()
    try:
        await eventually(lambda: consumer.stats.events, timeout=20, what="the event consumed")
    finally:
        await broker.stop()
        await traced.dispose()

    in_trace = [s for s in exporter.get_finished_spans() if s.context.trace_id == trace_id]
    names = {s.name for s in in_trace}
    assert f"{scratch_topic} publish" in names  # the relay's producer span
    assert f"{scratch_topic} process" in names  # the consumer's span, parented by the Kafka header
    assert "INSERT" in names  # the handler's statement, inside the consumer's span
