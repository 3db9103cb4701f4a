"""Reading and replaying a dead-letter topic (`radiant dlq`, DESIGN.md §4).

A DLQ record is the original message, byte for byte, plus the `x-dlq-*` headers the batch consumer
added (`radiant_contracts.dlq`). This module reads a DLQ topic in bounded batches from a start time to
the end offsets seen when the read began (records dead-lettered meanwhile wait for the next run), keeps
those that match a filter, and puts chosen ones back on their source topic with their original key,
value and headers, as the producer that first published them did. The consumer's dedup (event id, or
metering's (tenant, request_id)) makes a replay safe to repeat.

Memory stays bounded whatever the topic's size: records are fetched `FETCH_RECORDS` at a time and only
the ones a caller keeps (at most `limit`) are held.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.structs import ConsumerRecord

from radiant_contracts.dlq import DlqMetadata, without_dlq_headers
from radiant_contracts.topics import DLQ_SUFFIX

from .kafka_security import KafkaSecurity

#: Records fetched per round trip; what a read holds at most besides the records it keeps.
FETCH_RECORDS = 500
#: How long one fetch waits for records before the read checks whether it reached the end.
FETCH_TIMEOUT_MS = 1000
#: The credentials a DLQ tool logs in with (`DLQ_OPERATOR_KAFKA_USERNAME` / `_PASSWORD`): the ops
#: principal of `radiant_platform.provisioning`, which may read the DLQs and write their sources only.
DLQ_OPERATOR = "dlq-operator"


class DlqError(ValueError):
    """A DLQ command was asked for something it cannot do (not a DLQ topic, no such record)."""


@dataclass(frozen=True)
class RecordId:
    """Where a record is: `partition:offset`, as `list` prints it."""

    partition: int
    offset: int

    @classmethod
    def parse(cls, text: str) -> RecordId:
        partition, sep, offset = text.partition(":")
        if not sep or not partition.isdigit() or not offset.isdigit():
            raise DlqError(f"{text!r} is not PARTITION:OFFSET (e.g. 2:1041)")
        return cls(int(partition), int(offset))

    def __str__(self) -> str:
        return f"{self.partition}:{self.offset}"


@dataclass(frozen=True)
class DeadLetter:
    """One DLQ record and what its headers and envelope say."""

    record: ConsumerRecord[bytes, bytes]
    metadata: DlqMetadata | None  # None: a record without DLQ headers (written by hand?)
    tenant: str | None
    event_type: str | None
    event_id: str | None

    @property
    def id(self) -> RecordId:
        return RecordId(self.record.partition, self.record.offset)

    @property
    def reason(self) -> str:
        return self.metadata.reason if self.metadata else "(no x-dlq-reason header)"

    @property
    def dead_lettered_at(self) -> datetime:
        """When the problem was first seen (the header), else when the DLQ record was written."""
        if self.metadata is not None:
            return self.metadata.first_seen
        return datetime.fromtimestamp(self.record.timestamp / 1000, UTC)

    @property
    def source_topic(self) -> str | None:
        return self.metadata.source_topic if self.metadata else None

    def as_json(self) -> dict[str, Any]:
        """Everything about the record, for `show` (the value as text when it is UTF-8)."""
        value = self.record.value or b""
        try:
            shown: Any = json.loads(value)
        except ValueError:
            shown = value.decode(errors="replace")
        return {
            "id": str(self.id),
            "timestamp": datetime.fromtimestamp(self.record.timestamp / 1000, UTC).isoformat(),
            "key": (self.record.key or b"").decode(errors="replace") or None,
            "tenant": self.tenant,
            "type": self.event_type,
            "eventId": self.event_id,
            "dlq": self.metadata.model_dump(mode="json") if self.metadata else None,
            "headers": {k: (v or b"").decode(errors="replace") for k, v in without_dlq_headers(self.record.headers)},
            "value": shown,
        }


def dead_letter(record: ConsumerRecord[bytes, bytes]) -> DeadLetter:
    """A DLQ record read: the tenant, type and id from its CloudEvent when the value is one, else
    the tenant from the key (every topic is keyed by tenant or by an id of the tenant's)."""
    envelope: dict[str, Any] = {}
    try:
        parsed = json.loads(record.value or b"")
        envelope = parsed if isinstance(parsed, dict) else {}
    except ValueError:
        pass
    tenant = envelope.get("tenantid") if isinstance(envelope.get("tenantid"), str) else None
    if tenant is None and record.key:
        tenant = record.key.decode(errors="replace")
    return DeadLetter(
        record=record,
        metadata=DlqMetadata.from_headers(record.headers or ()),
        tenant=tenant,
        event_type=envelope.get("type") if isinstance(envelope.get("type"), str) else None,
        event_id=envelope.get("id") if isinstance(envelope.get("id"), str) else None,
    )


@dataclass(frozen=True)
class Selection:
    """Which records a command is about; every field given must hold."""

    since: datetime | None = None
    reason: str | None = None  # a case-insensitive part of the reason
    tenant: str | None = None
    ids: frozenset[RecordId] = field(default_factory=frozenset)

    def matches(self, letter: DeadLetter) -> bool:
        if self.ids and letter.id not in self.ids:
            return False
        if self.reason is not None and self.reason.lower() not in letter.reason.lower():
            return False
        if self.tenant is not None and letter.tenant != self.tenant:
            return False
        return self.since is None or letter.dead_lettered_at >= self.since


def require_dlq_topic(topic: str) -> str:
    if not topic.endswith(DLQ_SUFFIX) or topic == DLQ_SUFFIX:
        raise DlqError(f"{topic!r} is not a dead-letter topic (its name ends in {DLQ_SUFFIX}, e.g. usage-events.dlq)")
    return topic


class DlqReader:
    """Reads one DLQ topic without a consumer group (nothing is committed; any number may read)."""

    def __init__(self, bootstrap: str, security: KafkaSecurity, topic: str) -> None:
        self.topic = require_dlq_topic(topic)
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap,
            group_id=None,
            enable_auto_commit=False,
            max_poll_records=FETCH_RECORDS,
            **security.client_kwargs(),
        )

    async def __aenter__(self) -> DlqReader:
        await self._consumer.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._consumer.stop()

    async def _partitions(self) -> list[TopicPartition]:
        # aiokafka's public partitions_for_topic reads metadata only a subscription fetches; a reader
        # without a group asks the cluster itself.
        cluster = await self._consumer._client.fetch_all_metadata()
        partitions = cluster.partitions_for_topic(self.topic)
        if not partitions:
            raise DlqError(f"topic {self.topic} does not exist (or this principal may not describe it)")
        return [TopicPartition(self.topic, p) for p in sorted(partitions)]

    async def scan(self, selection: Selection) -> AsyncIterator[DeadLetter]:
        """Every matching record, partition by partition in offset order, up to the end offsets of
        when the scan began; from `selection.since` on when given (the log's time index)."""
        partitions = await self._partitions()
        ends = await self._consumer.end_offsets(partitions)
        starts = await self._start_offsets(partitions, selection)
        if selection.ids:  # only the partitions named, from the first offset named to the last
            for tp in partitions:
                named = [i.offset for i in selection.ids if i.partition == tp.partition]
                starts[tp] = max(starts[tp], min(named, default=ends[tp]))
                ends[tp] = min(ends[tp], max(named, default=-1) + 1)
        pending = {tp for tp in partitions if starts[tp] < ends[tp]}
        self._consumer.assign(list(pending))
        for tp in pending:
            self._consumer.seek(tp, starts[tp])
        wanted_offsets = {(i.partition, i.offset) for i in selection.ids}
        while pending:
            batch = await self._consumer.getmany(*pending, timeout_ms=FETCH_TIMEOUT_MS, max_records=FETCH_RECORDS)
            for tp, records in batch.items():
                for record in records:
                    if record.offset >= ends[tp]:
                        break
                    if wanted_offsets and (record.partition, record.offset) not in wanted_offsets:
                        continue  # cheaper than decoding: most records of a partition are not the one shown
                    letter = dead_letter(record)
                    if selection.matches(letter):
                        yield letter
            for tp in list(pending):
                if await self._consumer.position(tp) >= ends[tp]:
                    pending.discard(tp)
                    self._consumer.pause(tp)

    async def _start_offsets(self, partitions: list[TopicPartition], selection: Selection) -> dict[TopicPartition, int]:
        beginnings = await self._consumer.beginning_offsets(partitions)
        if selection.since is None:
            return dict(beginnings)
        # The broker's time index is by record timestamp (the DLQ write); first-seen is never later.
        found = await self._consumer.offsets_for_times(
            {tp: int(selection.since.timestamp() * 1000) for tp in partitions}
        )
        ends = await self._consumer.end_offsets(partitions)
        return {tp: found[tp].offset if found.get(tp) is not None else ends[tp] for tp in partitions}

    async def find(self, record_id: RecordId) -> DeadLetter:
        async for letter in self.scan(Selection(ids=frozenset({record_id}))):
            return letter
        raise DlqError(f"no record {record_id} in {self.topic}")


async def limited(letters: AsyncIterator[DeadLetter], limit: int | None) -> AsyncIterator[DeadLetter]:
    """The first `limit` of `letters` (all without a limit); the scan stops there."""
    count = 0
    async for letter in letters:
        if limit is not None and count >= limit:
            return
        count += 1
        yield letter


async def collect(letters: AsyncIterator[DeadLetter], limit: int) -> list[DeadLetter]:
    """The first `limit` of `letters`, held (what `list` prints)."""
    return [letter async for letter in limited(letters, limit)]


def replay_producer(bootstrap: str, security: KafkaSecurity) -> AIOKafkaProducer:
    """A producer as careful as the outbox relay's: every in-sync replica acknowledges, idempotent."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, **security.client_kwargs()
    )


@dataclass
class ReplaySummary:
    replayed: int = 0
    skipped: list[tuple[RecordId, str]] = field(default_factory=list)  # and why
    by_topic: dict[str, int] = field(default_factory=dict)

    def line(self, dlq_topic: str) -> str:
        targets = ", ".join(f"{n} to {t}" for t, n in sorted(self.by_topic.items())) or "nothing sent"
        return f"replayed {self.replayed} record(s) from {dlq_topic} ({targets}); skipped {len(self.skipped)}"


def replay_target(letter: DeadLetter, dlq_topic: str) -> str | None:
    """Where a record goes back to: its source topic, which must be the DLQ's own (a record naming
    another topic was not dead-lettered here and is not replayed from here)."""
    source = letter.source_topic
    return source if source is not None and source + DLQ_SUFFIX == dlq_topic else None


async def replay(
    producer: AIOKafkaProducer,
    dlq_topic: str,
    letters: AsyncIterator[DeadLetter],
    *,
    progress: Callable[[int], None] = lambda n: None,
    window: int = FETCH_RECORDS,
) -> ReplaySummary:
    """Send `letters` (a scan: never all held at once) back to their source topic, original key, value and headers (the `x-dlq-*`
    ones removed: a record failing again is dead-lettered afresh). Sends are pipelined `window` at a
    time and each window is acknowledged (`acks` of the producer) before the next."""
    summary = ReplaySummary()
    inflight: list[Awaitable[Any]] = []
    async for letter in letters:
        target = replay_target(letter, dlq_topic)
        if target is None:
            summary.skipped.append((letter.id, "no x-dlq-source-topic of this DLQ's source"))
            progress(1)
            continue
        headers = [(k, v or b"") for k, v in without_dlq_headers(letter.record.headers or ())]
        inflight.append(await producer.send(target, letter.record.value, key=letter.record.key, headers=headers))
        summary.by_topic[target] = summary.by_topic.get(target, 0) + 1
        if len(inflight) >= window:
            await _settle(inflight, summary, progress)
    await _settle(inflight, summary, progress)
    return summary


async def _settle(inflight: list[Awaitable[Any]], summary: ReplaySummary, progress: Callable[[int], None]) -> None:
    for sent in inflight:
        await sent  # raises when the broker refused: the command stops, nothing is reported as replayed
        summary.replayed += 1
        progress(1)
    inflight.clear()
