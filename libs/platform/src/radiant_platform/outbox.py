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
import contextlib
import logging
import zlib
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from opentelemetry import propagate, trace
from opentelemetry.trace import SpanKind
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from .db import after_commit, unit_of_work

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


# --- writing --------------------------------------------------------------------------------------


def _encode_headers(headers: Headers) -> list[list[str]]:
    return [[k, v.decode("latin-1")] for k, v in headers]


def _decode_headers(stored: Sequence[Sequence[str]]) -> Headers:
    return [(k, v.encode("latin-1")) for k, v in stored]


async def enqueue_raw(
    session: AsyncSession,
    topic: str,
    value: bytes,
    *,
    key: bytes | None = None,
    headers: Sequence[tuple[str, bytes]] = (),
) -> None:
    """Add one Kafka record to the outbox, inside the caller's transaction."""
    await session.execute(
        text("INSERT INTO outbox (topic, key, value, headers) VALUES (:t, :k, :v, CAST(:h AS jsonb))"),
        {"t": topic, "k": key, "v": value, "h": _json(_encode_headers(list(headers)))},
    )
    wake = session.info.get(OUTBOX_WAKE_KEY)
    if wake is not None:
        after_commit(session, wake)


async def enqueue_event(session: AsyncSession, event: Any, *, topic: str | None = None, key: str | None = None) -> None:
    """Add a CloudEvent to the outbox; topic and key (usually the tenant id) come from the contract."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)  # the trace continues from the request that caused the event
    headers: Headers = [("content-type", CLOUDEVENTS_CONTENT_TYPE), ("ce_type", event.type.encode())]
    headers += [(k, v.encode()) for k, v in carrier.items()]
    record_key = key.encode() if key is not None else event.kafka_key()
    await enqueue_raw(session, topic or event.topic, event.to_bytes(), key=record_key, headers=headers)


def _json(value: Any) -> str:
    import json

    return json.dumps(value, separators=(",", ":"))


# --- relaying -------------------------------------------------------------------------------------


def make_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,  # no duplicates from producer retries
        acks="all",
        linger_ms=5,
        max_batch_size=256 * 1024,
    )


class OutboxRelay:
    """Publishes unpublished outbox rows in id order, one relay at a time per schema."""

    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        producer: AIOKafkaProducer,
        *,
        schema: str,
        batch_size: int = 500,
        poll_seconds: float = 1.0,
        retention_hours: int = 24,
    ) -> None:
        self._sessionmaker = sessionmaker
        self._producer = producer
        self._batch_size = batch_size
        self._poll_seconds = poll_seconds
        self._retention_hours = retention_hours
        # One advisory lock per schema keeps a single publisher, so per-key order is preserved
        # even when several instances of a service run.
        self._lock_id = zlib.crc32(f"outbox:{schema}".encode())
        self._wake = asyncio.Event()
        self._stopping = False
        self.published_total = 0

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
                published = await self.publish_pending()
                cycles += 1
                if cycles % 600 == 0:
                    await self.purge_published()
            except asyncio.CancelledError:
                raise
            except Exception:  # Kafka or the DB is down: keep the rows, retry shortly
                log.exception("outbox relay cycle failed; retrying")
                published = 0
                await asyncio.sleep(min(self._poll_seconds, 1.0))
            if published < self._batch_size:
                await self._sleep_until_woken()

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def _sleep_until_woken(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll_seconds)
        self._wake.clear()

    async def publish_pending(self) -> int:
        """Publish one batch of pending rows; returns how many were published."""
        async with unit_of_work(self._sessionmaker) as session:
            locked = await session.scalar(text("SELECT pg_try_advisory_xact_lock(:id)"), {"id": self._lock_id})
            if not locked:
                return 0
            rows = (
                await session.execute(
                    text(
                        "SELECT id, topic, key, value, headers FROM outbox WHERE published_at IS NULL "
                        "ORDER BY id LIMIT :n"
                    ),
                    {"n": self._batch_size},
                )
            ).all()
            if not rows:
                return 0
            await self._send_all(rows)
            await self._mark_published(session, [r.id for r in rows])
        self.published_total += len(rows)
        return len(rows)

    async def _send_all(self, rows: Sequence[Any]) -> None:
        deliveries = []
        for row in rows:
            headers = _decode_headers(row.headers)
            parent = propagate.extract({k: v.decode("latin-1") for k, v in headers})
            with tracer.start_as_current_span(f"{row.topic} publish", context=parent, kind=SpanKind.PRODUCER):
                carrier: dict[str, str] = {}
                propagate.inject(carrier)
                headers = [(k, v) for k, v in headers if k not in carrier] + [
                    (k, v.encode()) for k, v in carrier.items()
                ]
                deliveries.append(await self._producer.send(row.topic, row.value, key=row.key, headers=headers))
        await asyncio.gather(*deliveries)  # every record acknowledged by all in-sync replicas

    async def _mark_published(self, session: AsyncSession, ids: list[int]) -> None:
        await session.execute(text("UPDATE outbox SET published_at = now() WHERE id = ANY(:ids)"), {"ids": ids})

    async def purge_published(self) -> None:
        async with unit_of_work(self._sessionmaker) as session:
            await session.execute(
                text("DELETE FROM outbox WHERE published_at < now() - make_interval(hours => :h)"),
                {"h": self._retention_hours},
            )
