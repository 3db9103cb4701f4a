"""One forwarder per sink, each its own Kafka consumer group, so a sink that is down never holds
back the others. Offsets are committed only for batches the sink accepted (at-least-once): a
failure rewinds to the last committed offset and everything after it is sent again.

The forwarders read `audit-events` directly (they never touch the audit database), so SIEM
delivery does not wait for, or depend on, the log's storage. The signed chain checkpoints, which
exist only in the database, go to each sink through a `CheckpointExporter` of its own.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.errors import KafkaError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.envelope import parse_event
from radiant_contracts.errors import EventDecodeError
from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.sources import source_refusal
from radiant_contracts.topics import AUDIT_EVENTS
from radiant_platform.kafka_security import KafkaSecurity

from ..config import SiemSinkConfig
from .checkpoint_export import CheckpointExporter
from .formats import ForwardedEvent
from .sinks import Sink, SinkError, build_sink

log = logging.getLogger(__name__)

LATENCY_SAMPLES = 10_000
LAG_REFRESH_S = 2.0


@dataclass
class _Sent:
    sent_at: float
    offsets: dict[TopicPartition, int]  # next offset to read, per partition
    timestamps_ms: list[int]  # Kafka record timestamps, for delivery latency


@dataclass
class SinkStatus:
    state: Literal["starting", "up", "down"] = "starting"
    delivered: int = 0
    skipped_invalid: int = 0
    failures: int = 0
    consecutive_failures: int = 0
    last_error: str | None = None
    last_delivery_at: float | None = None
    lag_records: int | None = None
    latencies_ms: deque[float] = field(default_factory=lambda: deque(maxlen=LATENCY_SAMPLES))

    def latency_percentile(self, p: float) -> float | None:
        if not self.latencies_ms:
            return None
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]


class SinkForwarder:
    def __init__(
        self,
        sink: Sink,
        *,
        bootstrap_servers: str,
        group_id: str,
        topic: str = AUDIT_EVENTS,
        batch_size: int = 1000,
        confirm_delay_ms: int = 100,
        max_backoff_s: float = 10.0,
        start_from: Literal["earliest", "latest"] = "earliest",
        security: KafkaSecurity | None = None,
    ) -> None:
        self.sink = sink
        self.group_id = group_id
        self.topic = topic
        self.status = SinkStatus()
        self.ready = asyncio.Event()  # partitions assigned and starting offsets committed
        self._bootstrap = bootstrap_servers
        self._security = security or KafkaSecurity()  # audit's own Kafka principal
        self._batch_size = batch_size
        self._confirm_delay = confirm_delay_ms / 1000
        self._max_backoff = max_backoff_s
        self._start_from = start_from
        self._sent: deque[_Sent] = deque()
        self._committed: dict[TopicPartition, int] = {}
        self._lag_checked_at = 0.0
        self._stopping = False

    async def run(self) -> None:
        """Forward until stopped. A failure that ends the run (Kafka unreachable at start-up and the
        like) is reported in the status and raised, so that whoever runs the forwarder restarts it."""
        try:
            await self._forward()
        except Exception as exc:
            self.status.state = "down"
            self.status.last_error = f"{type(exc).__name__}: {exc}"
            raise

    async def _forward(self) -> None:
        consumer = AIOKafkaConsumer(
            self.topic,
            bootstrap_servers=self._bootstrap,
            group_id=self.group_id,
            enable_auto_commit=False,
            auto_offset_reset=self._start_from,
            max_poll_records=self._batch_size,
            client_id=f"radiant-audit-{self.group_id}",
            **self._security.client_kwargs(),
        )
        await consumer.start()
        try:
            await self._pin_start(consumer)
            while not self._stopping:
                await self._step(consumer)
        finally:
            with contextlib.suppress(Exception):  # shutting down; unconfirmed batches are resent next time
                await self._confirm_due(consumer, force=True)
            await consumer.stop()
            await self.sink.close()

    def stop(self) -> None:
        self._stopping = True

    async def _pin_start(self, consumer: AIOKafkaConsumer) -> None:
        """Commit the starting position of every partition, so a rewind always has a target."""
        while not consumer.assignment():
            await consumer.getmany(timeout_ms=100, max_records=1)  # joins the group; records are re-read below
        for tp in consumer.assignment():
            committed = await consumer.committed(tp)
            if committed is None:
                committed = await consumer.position(tp)
                await consumer.commit({tp: committed})
            self._committed[tp] = committed
            consumer.seek(tp, committed)
        self.ready.set()

    async def _step(self, consumer: AIOKafkaConsumer) -> None:
        batches = await consumer.getmany(timeout_ms=100, max_records=self._batch_size)
        records = [r for rs in batches.values() for r in rs]
        if records:
            events = self._decode(records)
            try:
                if events:
                    await self.sink.send(events)
            except SinkError as exc:
                await self._failed(consumer, exc)
                return
            self._sent.append(_Sent(time.monotonic(), _next_offsets(records), [r.timestamp for r in records]))
        try:
            await self._confirm_due(consumer)
        except SinkError as exc:
            await self._failed(consumer, exc)
            return
        await self._refresh_lag(consumer)

    def _decode(self, records: Sequence[ConsumerRecord]) -> list[ForwardedEvent]:
        events = []
        for record in records:
            try:
                event = parse_event(record.value or b"", AuditRecorded)
            except EventDecodeError:
                self.status.skipped_invalid += 1  # the ingest consumer routes it to the DLQ
                continue
            if source_refusal(event.type, event.source) is not None:
                # Not part of the audit log (the ingest consumer dead-letters it): a SIEM must not see
                # an event that claims to come from a service that never wrote it as the service's.
                self.status.skipped_invalid += 1
                continue
            events.append(ForwardedEvent(event, record.value or b""))
        return events

    async def _confirm_due(self, consumer: AIOKafkaConsumer, *, force: bool = False) -> None:
        now = time.monotonic()
        due: list[_Sent] = []
        while self._sent and (force or now - self._sent[0].sent_at >= self._confirm_delay):
            due.append(self._sent.popleft())
        if not due:
            return
        await self.sink.confirm()
        offsets: dict[TopicPartition, int] = {}
        for sent in due:
            offsets.update(sent.offsets)
        try:
            await consumer.commit(offsets)
        except KafkaError as exc:  # e.g. a rebalance took the partitions away: resend from Kafka's view
            raise SinkError(f"offset commit failed: {type(exc).__name__}: {exc}") from None
        self._committed.update(offsets)
        wall_ms = time.time() * 1000
        for sent in due:
            self.status.delivered += len(sent.timestamps_ms)
            self.status.latencies_ms.extend(wall_ms - ts for ts in sent.timestamps_ms)
        self.status.state = "up"
        self.status.consecutive_failures = 0
        self.status.last_delivery_at = time.time()

    async def _failed(self, consumer: AIOKafkaConsumer, exc: SinkError) -> None:
        self.status.state = "down"
        self.status.failures += 1
        self.status.consecutive_failures += 1
        self.status.last_error = str(exc)
        if self.status.consecutive_failures % 20 == 1:  # the first failure, then every 20th: no log flood
            log.warning(
                "siem sink %s down (%d consecutive failures): %s; resending from the last committed offset",
                self.sink.name,
                self.status.consecutive_failures,
                exc,
            )
        self._sent.clear()
        await self.sink.reset()
        for tp in consumer.assignment():
            committed = self._committed.get(tp)
            if committed is None:
                committed = await consumer.committed(tp)
            if committed is not None:
                consumer.seek(tp, committed)
        await self._refresh_lag(consumer)  # lag keeps growing while the sink is down: keep it visible
        delay = min(self._max_backoff, 0.2 * 2 ** min(self.status.consecutive_failures - 1, 10))
        await asyncio.sleep(delay)

    async def _refresh_lag(self, consumer: AIOKafkaConsumer) -> None:
        if time.monotonic() - self._lag_checked_at < LAG_REFRESH_S:
            return
        self._lag_checked_at = time.monotonic()
        assignment = list(consumer.assignment())
        if not assignment:
            return
        try:
            ends = await consumer.end_offsets(assignment)
        except KafkaError:
            return
        self.status.lag_records = sum(max(0, ends[tp] - self._committed.get(tp, ends[tp])) for tp in assignment)

    def describe(self) -> dict[str, Any]:
        s = self.status
        return {
            "name": self.sink.name,
            "destination": self.sink.description,
            "consumerGroup": self.group_id,
            "state": s.state,
            "delivered": s.delivered,
            "skippedInvalid": s.skipped_invalid,
            "failures": s.failures,
            "consecutiveFailures": s.consecutive_failures,
            "lastError": s.last_error,
            "lastDeliveryAt": s.last_delivery_at,
            "lagRecords": s.lag_records,
            "latencyP99Ms": s.latency_percentile(99),
        }


def _next_offsets(records: Sequence[ConsumerRecord]) -> dict[TopicPartition, int]:
    offsets: dict[TopicPartition, int] = {}
    for r in records:
        tp = TopicPartition(r.topic, r.partition)
        offsets[tp] = max(offsets.get(tp, 0), r.offset + 1)
    return offsets


class SiemForwarding:
    """All configured sinks: per sink, an event forwarder (from Kafka) and a checkpoint exporter
    (from the database). Each runs as its own worker (restarted on its own after a failure), so one
    sink's trouble never holds back the others, nor a sink's events its checkpoints."""

    def __init__(
        self,
        sinks: Sequence[SiemSinkConfig],
        bootstrap_servers: str,
        sessionmaker: async_sessionmaker[AsyncSession] | None = None,
        *,
        checkpoint_poll_seconds: float = 5.0,
        security: KafkaSecurity | None = None,
    ) -> None:
        self.forwarders = [
            SinkForwarder(
                build_sink(c),
                bootstrap_servers=bootstrap_servers,
                security=security,
                group_id=c.consumer_group,
                batch_size=c.batch_size,
                confirm_delay_ms=c.confirm_delay_ms,
                max_backoff_s=c.max_backoff_s,
            )
            for c in sinks
        ]
        self.exporters = (
            [
                CheckpointExporter(
                    build_sink(c),
                    sessionmaker,
                    poll_seconds=checkpoint_poll_seconds,
                    confirm_delay_ms=c.confirm_delay_ms,
                    max_backoff_s=c.max_backoff_s,
                )
                for c in sinks
            ]
            if sessionmaker is not None
            else []
        )

    def forwarder(self, sink_name: str) -> SinkForwarder:
        return next(f for f in self.forwarders if f.sink.name == sink_name)

    def exporter(self, sink_name: str) -> CheckpointExporter:
        return next(e for e in self.exporters if e.sink.name == sink_name)

    def wake_checkpoint_exporters(self) -> None:
        for exporter in self.exporters:
            exporter.wake()

    def status(self) -> list[dict[str, Any]]:
        exports = {e.sink.name: e.describe() for e in self.exporters}
        return [{**f.describe(), "checkpoints": exports.get(f.sink.name)} for f in self.forwarders]
