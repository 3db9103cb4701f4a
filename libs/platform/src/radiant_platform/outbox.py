"""Transactional outbox: events are rows written in the caller's transaction; a relay publishes them.

Why not publish after commit: a crash between the commit and the publish would lose the event, and
publishing before the commit would announce a change that may roll back. The relay publishes with
an idempotent producer (`acks=all`) and marks rows published afterwards; a crash between the two
republishes a row, which consumers absorb because they deduplicate on the event id.

Evaluated `faststream-outbox` (0.19): it stores FastStream publish commands in its own table and
relays them, but it owns the table layout and session handling; we need the outbox rows in each
service's schema, written through the edge-owned session, and raw DLQ records with their original
bytes, so this small relay is kept instead.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import re
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka import errors as Errors
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .db import after_commit, unit_of_work
from .kafka_security import KafkaSecurity

log = logging.getLogger(__name__)
tracer = trace.get_tracer("radiant.outbox")

OUTBOX_WAKE_KEY = "outbox_wake"
CLOUDEVENTS_CONTENT_TYPE = b"application/cloudevents+json"

Headers = list[tuple[str, bytes]]


# --- schema (used by every service's first migration) -------------------------------------------

OUTBOX_DDL = """
CREATE TABLE IF NOT EXISTS {schema}.outbox (
    id           bigserial PRIMARY KEY,
    topic        text        NOT NULL,
    key          bytea,
    value        bytea       NOT NULL,
    headers      jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);
CREATE INDEX IF NOT EXISTS ix_outbox_unpublished ON {schema}.outbox (id) WHERE published_at IS NULL;
"""


def outbox_ddl(schema: str) -> list[str]:
    return [s.strip() for s in OUTBOX_DDL.format(schema=schema).split(";") if s.strip()]


# A row the producer refuses for good (too large, invalid topic, …) is dead-lettered in place: kept,
# with its bytes and the reason, out of the relay's way (each service's migration adds these).
OUTBOX_DEAD_LETTER_DDL = """
ALTER TABLE {schema}.outbox ADD COLUMN IF NOT EXISTS failed_at timestamptz;
ALTER TABLE {schema}.outbox ADD COLUMN IF NOT EXISTS failure_reason text;
CREATE INDEX IF NOT EXISTS ix_outbox_dead_lettered ON {schema}.outbox (id) WHERE failed_at IS NOT NULL;
"""


def outbox_dead_letter_ddl(schema: str) -> list[str]:
    return [s.strip() for s in OUTBOX_DEAD_LETTER_DDL.format(schema=schema).split(";") if s.strip()]


# --- writing --------------------------------------------------------------------------------------


# Headers are stored as [name, value as latin-1] pairs. jsonb cannot hold U+0000, and a record from
# outside (a dead letter keeps the producer's headers) may carry a NUL byte: such a header is stored as
# [name, value in base64, "b64"] instead, so its record is kept, byte for byte, rather than its batch
# failing for ever. Pairs stored before keep reading as they are.
_BASE64 = "b64"


def _encode_headers(headers: Headers) -> list[list[str]]:
    return [_encode_header(k, v) for k, v in headers]


def _encode_header(name: str, value: bytes) -> list[str]:
    if "\x00" in name or b"\x00" in value:
        return [base64.b64encode(name.encode()).decode(), base64.b64encode(value).decode(), _BASE64]
    return [name, value.decode("latin-1")]


def _decode_headers(stored: Sequence[Sequence[str]]) -> Headers:
    return [_decode_header(*entry) for entry in stored]


def _decode_header(name: str, value: str, encoding: str | None = None) -> tuple[str, bytes]:
    if encoding == _BASE64:
        return base64.b64decode(name).decode(), base64.b64decode(value)
    return name, value.encode("latin-1")


@dataclass(frozen=True, slots=True)
class OutboxRecord:
    """One Kafka record to publish: its topic, bytes, key and headers."""

    topic: str
    value: bytes
    key: bytes | None = None
    headers: tuple[tuple[str, bytes], ...] = ()


# The records in one statement, in their order (ids are drawn as the rows come out, so the relay publishes
# them in the order given): a batch consumer's dead letters or a batch's threshold events, one round
# trip instead of one per record (that was a fifth of metering's ingestion CPU when a batch had many).
_INSERT_RECORDS = text(
    "INSERT INTO outbox (topic, key, value, headers) SELECT r.topic, r.key, r.value, r.headers "
    "FROM unnest(CAST(:t AS text[]), CAST(:k AS bytea[]), CAST(:v AS bytea[]), CAST(:h AS jsonb[])) "
    "WITH ORDINALITY AS r(topic, key, value, headers, n) ORDER BY r.n"
)


async def enqueue_records(session: AsyncSession, records: Sequence[OutboxRecord]) -> None:
    """Add Kafka records to the outbox, in order, inside the caller's transaction."""
    if not records:
        return
    await session.execute(
        _INSERT_RECORDS,
        {
            "t": [r.topic for r in records],
            "k": [r.key for r in records],
            "v": [r.value for r in records],
            "h": [_json(_encode_headers(list(r.headers))) for r in records],
        },
    )
    wake = session.info.get(OUTBOX_WAKE_KEY)
    if wake is not None:
        after_commit(session, wake)


async def enqueue_raw(
    session: AsyncSession,
    topic: str,
    value: bytes,
    *,
    key: bytes | None = None,
    headers: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Add one Kafka record to the outbox, inside the caller's transaction."""
    await enqueue_records(session, [OutboxRecord(topic, value, key, tuple(headers))])


def event_record(event: Any, *, topic: str | None = None, key: str | None = None) -> OutboxRecord:
    """A CloudEvent as an outbox record; topic and key (usually the tenant id) come from the contract."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)  # the trace continues from the request that caused the event
    headers: Headers = [("content-type", CLOUDEVENTS_CONTENT_TYPE), ("ce_type", event.type.encode())]
    headers += [(k, v.encode()) for k, v in carrier.items()]
    record_key = key.encode() if key is not None else event.kafka_key()
    return OutboxRecord(topic or event.topic, event.to_bytes(), record_key, tuple(headers))


async def enqueue_event(session: AsyncSession, event: Any, *, topic: str | None = None, key: str | None = None) -> None:
    """Add a CloudEvent to the outbox; topic and key (usually the tenant id) come from the contract."""
    await enqueue_records(session, [event_record(event, topic=topic, key=key)])


async def enqueue_events(session: AsyncSession, events: Sequence[Any]) -> None:
    """Add CloudEvents to the outbox in one statement, in order (see `enqueue_event`)."""
    await enqueue_records(session, [event_record(e) for e in events])


def _json(value: Any) -> str:
    import json

    return json.dumps(value, separators=(",", ":"))


# --- relaying -------------------------------------------------------------------------------------


def make_producer(bootstrap_servers: str, client_id: str, security: KafkaSecurity | None = None) -> AIOKafkaProducer:
    """The relay's producer, authenticated as the service's own principal when `security` says so."""
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,  # no duplicates from producer retries
        acks="all",
        linger_ms=5,
        max_batch_size=256 * 1024,
        **(security or KafkaSecurity()).client_kwargs(),
    )


#: Refusals that no retry of the same record can cure: the row is dead-lettered, the others go on.
PERMANENT_ERRORS: tuple[type[BaseException], ...] = (
    Errors.MessageSizeTooLargeError,  # larger than the producer's max_request_size, or the topic's limit
    Errors.RecordListTooLargeError,
    Errors.InvalidTopicError,
    Errors.TopicAuthorizationFailedError,  # this service's principal may not write that topic (ACLs)
    Errors.CorruptRecordException,
    Errors.InvalidTimestampError,
    Errors.PolicyViolationError,
    Errors.UnsupportedForMessageFormatError,
)
#: After these the idempotent producer's sequence numbers no longer match the broker's: every later
#: record to the partition would fail too, so the producer is replaced (see `renew_producer`).
PRODUCER_STATE_ERRORS: tuple[type[BaseException], ...] = (
    Errors.OutOfOrderSequenceNumber,
    Errors.UnknownProducerId,
    Errors.InvalidProducerEpoch,
    Errors.ProducerFenced,
)
#: Kafka's rule for topic names; anything else can never be created or written.
TOPIC_NAME = re.compile(r"^[A-Za-z0-9._-]{1,249}$")
MAX_REASON = 1000


class InvalidTopicName(Errors.InvalidTopicError):  # type: ignore[misc]
    """A row whose topic Kafka could never accept (refused here, before the producer waits 40 s for it)."""


def _is_permanent(error: BaseException | None) -> bool:
    return isinstance(error, PERMANENT_ERRORS)


def _reason(error: BaseException, row: Any) -> str:
    return f"{type(error).__name__}: {error} (a record of {len(row.value)} bytes for {row.topic!r})"[:MAX_REASON]


@dataclass
class _Attempt:
    """What became of one row in a relay cycle: delivered (no error), or the error it met."""

    error: BaseException | None = None
    #: The error came back from the broker (the whole broker batch fails with it), not from the
    #: producer before sending: the row is tried again alone before it is blamed.
    from_broker: bool = False


@dataclass
class DeliveryOutcome:
    published: list[int] = field(default_factory=list)
    dead_lettered: list[tuple[int, str]] = field(default_factory=list)
    #: The transient error (broker down, timeout) the first undelivered row waits on; that row and
    #: every row after it stay pending, so they are retried in order.
    blocked_by: BaseException | None = None


class OutboxRelay:
    """Publishes unpublished outbox rows in id order, one relay at a time per schema.

    A row the producer refuses for good (`PERMANENT_ERRORS`: a record over the size limit, an
    invalid or forbidden topic) is dead-lettered in place — `failed_at` and `failure_reason` set,
    its bytes kept — logged as an error and counted (`dead_lettered_total`, `dead_lettered_count()`,
    shown by `/readyz`), and the rows after it are published: one bad row never blocks the others.
    A copy to `<topic>.dlq` would not do: the usual reason is a record too large for any topic.
    Transient errors (broker down, timeouts) leave the row and every row after it pending, retried
    in order. `requeue_dead_letters` puts rows back once their cause is fixed (e.g. an ACL).

    `renew_producer` builds a replacement producer: a refusal by the broker leaves the idempotent
    producer's sequence numbers out of step, so it is replaced before anything else is sent.
    """

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        producer: AIOKafkaProducer,
        *,
        schema: str,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        retention_hours: int = 24,
        renew_producer: Callable[[], AIOKafkaProducer] | None = None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._producer = producer
        self._renew_producer = renew_producer
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._retention_hours = retention_hours
        # One advisory lock per schema keeps a single publisher, so per-key order is preserved
        # even when several instances of a service run.
        self._lock_id = zlib.crc32(f"outbox:{schema}".encode())
        self._wake = asyncio.Event()
        self._stopping = False
        self.published_total = 0
        self.dead_lettered_total = 0

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        """Connect the producer; `run()` then publishes until `stop()`."""
        await self._producer.start()

    async def close(self) -> None:
        await self._producer.stop()

    async def run(self) -> None:
        cycles = 0
        while not self._stopping:
            try:
                handled = await self.publish_pending()
                cycles += 1
                if cycles % 600 == 0:
                    await self.purge_published()
            except asyncio.CancelledError:
                raise
            except Exception:  # Kafka or the DB is down: keep the rows, retry shortly
                log.exception("outbox relay cycle failed; retrying")
                handled = 0
                await asyncio.sleep(min(self._poll_seconds, 1.0))
            if handled < self._batch_size:
                await self._sleep_until_woken()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def _sleep_until_woken(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll_seconds)
        self._wake.clear()

    async def publish_pending(self) -> int:
        """Publish one batch of pending rows; returns how many left the queue (published or
        dead-lettered). Raises, after recording what was done, when a transient error stopped it."""
        async with unit_of_work(self._sessionmaker) as session:
            locked = await session.scalar(text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": self._lock_id})
            if not locked:
                return 0
            rows = (
                await session.execute(
                    text(
                        "SELECT id, topic, key, value, headers FROM outbox "
                        "WHERE published_at IS NULL AND failed_at IS NULL ORDER BY id LIMIT :n"
                    ),
                    {"n": self._batch_size},
                )
            ).all()
            if not rows:
                return 0
            outcome = await self._send_all(rows)
            if outcome.published:
                await self._mark_published(session, outcome.published)
            if outcome.dead_lettered:
                await self._mark_dead_lettered(session, outcome.dead_lettered)
        self.published_total += len(outcome.published)
        self.dead_lettered_total += len(outcome.dead_lettered)
        if outcome.blocked_by is not None:
            raise outcome.blocked_by
        return len(outcome.published) + len(outcome.dead_lettered)

    async def _send_all(self, rows: Sequence[Any]) -> DeliveryOutcome:
        attempts = await self._send_pipelined(rows)
        blamed = [i for i, attempt in enumerate(attempts) if attempt.from_broker and _is_permanent(attempt.error)]
        if blamed:
            # The broker refused a whole batch: find which rows it refuses on their own.
            await self._replace_producer()
            for i in blamed:
                attempts[i] = await self._send_alone(rows[i])
                if attempts[i].error is not None and not _is_permanent(attempts[i].error):
                    break  # a transient error: the rest waits for the next cycle, in order
        if any(isinstance(a.error, PRODUCER_STATE_ERRORS) for a in attempts):
            await self._replace_producer()
        return _outcome(rows, attempts)

    async def _send_pipelined(self, rows: Sequence[Any]) -> list[_Attempt]:
        """Every row sent without waiting, then every acknowledgement awaited (`acks=all`)."""
        attempts = [_Attempt() for _ in rows]
        deliveries: list[tuple[int, asyncio.Future[Any]]] = []
        for i, row in enumerate(rows):
            try:
                deliveries.append((i, await self._send(row)))
            except PERMANENT_ERRORS as exc:
                attempts[i] = _Attempt(exc)
            except Exception as exc:  # noqa: BLE001 - transient: this row and the rest wait
                for j in range(i, len(rows)):
                    attempts[j] = _Attempt(exc)
                break
        results = await asyncio.gather(*(delivery for _, delivery in deliveries), return_exceptions=True)
        for (i, _), result in zip(deliveries, results, strict=True):
            if isinstance(result, BaseException):
                attempts[i] = _Attempt(result, from_broker=True)
        return attempts

    async def _send_alone(self, row: Any) -> _Attempt:
        try:
            delivery = await self._send(row)
        except Exception as exc:  # noqa: BLE001 - classified by the caller
            return _Attempt(exc)
        try:
            await delivery
        except Exception as exc:  # noqa: BLE001
            if _is_permanent(exc):
                await self._replace_producer()  # the refusal left the sequence numbers behind
            return _Attempt(exc, from_broker=True)
        return _Attempt()

    async def _send(self, row: Any) -> asyncio.Future[Any]:
        """Hand one row to the producer; the future resolves when the broker has it."""
        if not TOPIC_NAME.match(row.topic):
            raise InvalidTopicName(f"{row.topic!r} is not a valid Kafka topic name")
        headers = _decode_headers(row.headers)
        parent = propagate.extract({k: v.decode("latin-1") for k, v in headers})
        with tracer.start_as_current_span(f"{row.topic} publish", context=parent, kind=SpanKind.PRODUCER):
            carrier: dict[str, str] = {}
            propagate.inject(carrier)
            headers = [(k, v) for k, v in headers if k not in carrier] + [(k, v.encode()) for k, v in carrier.items()]
            return await self._producer.send(row.topic, row.value, key=row.key, headers=headers)  # type: ignore[no-any-return]

    async def _replace_producer(self) -> None:
        if self._renew_producer is None:
            log.warning("outbox producer out of step with the broker and no renew_producer given; retrying as is")
            return
        old, self._producer = self._producer, self._renew_producer()
        await self._producer.start()
        with contextlib.suppress(Exception):
            await old.stop()

    async def _mark_published(self, session: AsyncSession, ids: list[int]) -> None:
        await session.execute(text("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)"), {"ids": ids})

    async def _mark_dead_lettered(self, session: AsyncSession, dead: list[tuple[int, str]]) -> None:
        await session.execute(
            text("UPDATE outbox SET failed_at = now(), failure_reason = :reason WHERE id = :id"),
            [{"id": row_id, "reason": reason} for row_id, reason in dead],
        )

    async def dead_lettered_count(self) -> int:
        """Rows waiting for an operator (shown by `/readyz`)."""
        async with self._sessionmaker() as session:
            return await dead_lettered_count(session)

    async def purge_published(self) -> None:
        async with unit_of_work(self._sessionmaker) as session:
            await session.execute(
                text("DELETE FROM outbox WHERE published_at < now() - make_interval(hours => :h)"),
                {"h": self._retention_hours},
            )


def _outcome(rows: Sequence[Any], attempts: list[_Attempt]) -> DeliveryOutcome:
    """Rows in id order up to the first transient error: published or dead-lettered; the rest wait."""
    outcome = DeliveryOutcome()
    for row, attempt in zip(rows, attempts, strict=True):
        if attempt.error is None:
            outcome.published.append(row.id)
        elif _is_permanent(attempt.error):
            reason = _reason(attempt.error, row)
            log.error("outbox row %s dead-lettered, not published: %s", row.id, reason)
            outcome.dead_lettered.append((row.id, reason))
        else:
            outcome.blocked_by = attempt.error
            break
    return outcome


#: Counting a backlog stops here: beyond it the number matters less than that it is that large, and
#: the count stays one bounded index scan however far the relay has fallen behind.
BACKLOG_COUNT_LIMIT = 100_000


@dataclass(frozen=True, slots=True)
class OutboxBacklog:
    """What waits in a service's outbox: rows not yet published (and not dead-lettered), the oldest
    one's age, and the dead letters waiting for an operator."""

    pending: int
    pending_capped: bool  # True: at least `pending` (BACKLOG_COUNT_LIMIT) rows wait
    oldest_pending_at: datetime | None
    dead_lettered: int


async def outbox_backlog(session: AsyncSession) -> OutboxBacklog:
    """One bounded scan of the pending index and one row for the oldest (both partial indexes)."""
    waiting = "published_at IS NULL AND failed_at IS NULL"
    pending = int(
        await session.scalar(
            text(f"SELECT count(*) FROM (SELECT 1 FROM outbox WHERE {waiting} LIMIT :cap) AS w"),
            {"cap": BACKLOG_COUNT_LIMIT},
        )
        or 0
    )
    oldest = await session.scalar(text(f"SELECT created_at FROM outbox WHERE {waiting} ORDER BY id LIMIT 1"))
    return OutboxBacklog(pending, pending >= BACKLOG_COUNT_LIMIT, oldest, await dead_lettered_count(session))


async def dead_lettered_count(session: AsyncSession) -> int:
    return int(await session.scalar(text("SELECT count(*) FROM outbox WHERE failed_at IS NOT NULL")) or 0)


async def requeue_dead_letters(session: AsyncSession, ids: Sequence[int]) -> int:
    """Put dead-lettered rows back in the queue (their cause fixed); returns how many. They are
    published after the rows already waiting, not in their original place."""
    result = await session.execute(
        text(
            "UPDATE outbox SET failed_at = NULL, failure_reason = NULL WHERE id = ANY(:ids) AND failed_at IS NOT NULL"
        ),
        {"ids": list(ids)},
    )
    return int(getattr(result, "rowcount", 0) or 0)
