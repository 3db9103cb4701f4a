"""Metering ingestion benchmark against the running local stack (`make bench-metering`).

1. Produce BENCH_EVENTS (default 1,000,000) usage events to a private topic shaped like `usage-events`
   (12 partitions, keyed by tenant): 1,000 tenants, the catalogue's models plus one unknown model,
   ~2 % duplicates (Kafka redeliveries and producer retries) and ~1 % invalid events.
2. Start BENCH_WORKERS ingestion workers (`python -m radiant_metering.worker`: the service's own
   consumer, handler and transaction) and time until the rollups reflect every valid event; check the
   totals are exact (counts, tokens, billed cost to the last 1e-10).
3. For scale, in the same run: (a) raw aiokafka consumption of the same topic, no processing;
   (b) a plain COPY of the same rows into a copy of the raw-events table; (c) the seed's design —
   price lookup, margin lookup, raw insert, rollup upsert, one event at a time — on a sample.
4. Visibility: a steady 5,000 events/s for BENCH_VIS_SECONDS; publish time → rollup committed, p99.
5. With BENCH_PRELOAD=N (e.g. 10000000): N events are then stored straight into the raw table and
   the dedup keys (generate_series, under tenants `bench-preload-*`, kept for the next run: topped
   up, never reloaded), and a second BENCH_EVENTS are ingested on a fresh topic, so the figures show
   whether throughput holds as the raw table grows. BENCH_PIPELINE=0 runs the workers without the
   consumer's pipelining (A/B runs).
The last line printed is one JSON object (target: ratio_vs_copy ≥ 0.35, exact).
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

import asyncpg
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from radiant_contracts import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_metering.pricing import DEFAULT_MARGIN_PERCENT, MarginBook, PriceBook, event_costs
from radiant_metering.repository import STAGE_COLUMNS
from radiant_platform.kafka_admin import create_acls, delete_acls
from radiant_platform.provisioning import AclBinding, kafka_admin_security

EVENTS = int(os.environ.get("BENCH_EVENTS", "1000000"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
TENANTS = int(os.environ.get("BENCH_TENANTS", "1000"))
SEED_SAMPLE = int(os.environ.get("BENCH_SEED_SAMPLE", "3000"))
VIS_RATE = int(os.environ.get("BENCH_VIS_RATE", "5000"))
VIS_SECONDS = float(os.environ.get("BENCH_VIS_SECONDS", "10"))
PRELOAD = int(os.environ.get("BENCH_PRELOAD", "0"))
PIPELINE = os.environ.get("BENCH_PIPELINE", "1") not in ("0", "false", "no")
PRELOAD_CHUNK = 500_000
TARGET_RATIO_VS_COPY = 0.35
KAFKA = os.environ["KAFKA_BOOTSTRAP_SERVERS"]
# The benchmark creates, fills and reads its own topic: it logs in as the Kafka admin (no service
# principal may touch a topic outside the registry), and so do the workers it starts.
KAFKA_LOGIN = kafka_admin_security(os.environ)
DB_URL = os.environ["METERING_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
RUN = uuid.uuid4().hex[:8]


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


async def catalogue(conn) -> tuple[list[str], PriceBook]:
    rows = await conn.fetch(
        "SELECT model_id, effective_from, input_price_per_million, output_price_per_million FROM metering.model_prices"
    )
    models = sorted({r["model_id"] for r in rows if not r["model_id"].startswith("test-")})
    return models, PriceBook([tuple(r) for r in rows])


def build_events(models: list[str], tag: str) -> tuple[list[tuple[bytes, bytes]], list[UsageRecorded], list[str]]:
    """(key, value) records to send, the valid payloads, and their tenants (one per valid payload)."""
    rnd = random.Random(42)
    tenants = [f"bench-{RUN}-{tag}-{i}" for i in range(TENANTS)]
    models = [*models, f"bench-unknown-{RUN}"]
    now = datetime.now(UTC)
    records, valid, valid_tenants = [], [], []
    while len(records) < EVENTS:
        tenant = rnd.choice(tenants)
        roll = rnd.random()
        if roll < 0.01 and valid:  # invalid: negative tokens, or not JSON at all
            bad = (
                b"{not json"
                if roll < 0.005
                else json.dumps(
                    {
                        "specversion": "1.0",
                        "id": str(uuid.uuid4()),
                        "source": "bench",
                        "type": UsageRecorded.event_type,
                        "tenantid": tenant,
                        "data": {"request_id": "x", "input_tokens": -1},
                    }
                ).encode()
            )
            records.append((tenant.encode(), bad))
            continue
        if roll < 0.03 and valid:  # duplicate: redelivery of an earlier record or a producer retry
            records.append(records[rnd.randrange(len(records))])
            continue
        model = rnd.choice(models)
        payload = UsageRecorded(
            request_id=str(uuid.uuid4()),
            provider_id="bench",
            model_id=model,
            model_name=model,
            request_type="chat",
            input_tokens=rnd.randint(1, 8000),
            output_tokens=rnd.randint(0, 2000),
            latency_ms=rnd.randint(50, 5000),
            cached=rnd.random() < 0.1,
            phi_detected=rnd.random() < 0.02,
            app_id="bench",
            environment="dev",
            occurred_at=now,
        )
        event = make_event(payload, tenant_id=tenant, source=USAGE_PRODUCER)
        records.append((tenant.encode(), event.to_bytes()))
        valid.append(payload)
        valid_tenants.append(tenant)
    return records, valid, valid_tenants


async def produce(topic: str, records) -> float:
    producer = AIOKafkaProducer(
        bootstrap_servers=KAFKA,
        **KAFKA_LOGIN.client_kwargs(),
        linger_ms=20,
        max_batch_size=512 * 1024,
        compression_type="lz4" if _has_lz4() else None,
        acks=1,
    )
    await producer.start()
    started = time.perf_counter()
    try:
        pending = []
        for key, value in records:
            pending.append(await producer.send(topic, value, key=key))
            if len(pending) >= 20000:
                await asyncio.gather(*pending)
                pending.clear()
        await asyncio.gather(*pending)
    finally:
        await producer.stop()
    return time.perf_counter() - started


def _has_lz4() -> bool:
    try:
        import lz4  # noqa: F401

        return True
    except ImportError:
        return False


def start_workers(n: int, topic: str) -> list[subprocess.Popen]:
    env = dict(os.environ) | {"METERING_INGEST_PIPELINE": "true" if PIPELINE else "false"}
    if KAFKA_LOGIN.uses_sasl:  # the workers read the benchmark's own topic: as the admin
        env |= {
            "METERING_KAFKA_USERNAME": KAFKA_LOGIN.username or "",
            "METERING_KAFKA_PASSWORD": KAFKA_LOGIN.password or "",
        }
    if "BENCH_MAX_RECORDS" in os.environ:  # otherwise the service's own setting
        env["METERING_INGEST_MAX_RECORDS"] = os.environ["BENCH_MAX_RECORDS"]
    return [
        subprocess.Popen(
            [sys.executable, "-m", "radiant_metering.worker", "--topic", topic, "--group", f"bench-{RUN}"],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(n)
    ]


async def workers_ready(workers: list[subprocess.Popen]) -> None:
    """Each worker prints one line once its consumer has started (imports and connections done)."""
    for w in workers:
        line = await asyncio.to_thread(w.stdout.readline)
        if not line:
            raise RuntimeError("an ingestion worker exited during start-up")


def stop_workers(workers) -> None:
    for w in workers:
        w.send_signal(signal.SIGTERM)
    for w in workers:
        w.wait(timeout=60)


async def bench_count(conn, tag: str) -> int:
    return await conn.fetchval(
        "SELECT coalesce(sum(request_count), 0) FROM metering.usage_month_to_date WHERE tenant_id LIKE $1",
        f"bench-{RUN}-{tag}-%",
    )


async def exact(conn, valid, valid_tenants, prices, tag: str) -> bool:
    margins = MarginBook([])
    expected = defaultdict(lambda: [0, 0, 0, Decimal(0)])
    for tenant, u in zip(valid_tenants, valid, strict=True):
        e = expected[tenant]
        _, billed = event_costs(
            u.input_tokens,
            u.output_tokens,
            prices.price_at(u.model_id, u.occurred_at),
            margins.margin_at(tenant, u.occurred_at),
        )
        e[0] += 1
        e[1] += u.input_tokens
        e[2] += u.output_tokens
        e[3] += billed
    rows = await conn.fetch(
        "SELECT tenant_id, sum(request_count) n, sum(input_tokens) i, sum(output_tokens) o, "
        "sum(billed_cost) b FROM metering.usage_rollups WHERE tenant_id LIKE $1 GROUP BY 1",
        f"bench-{RUN}-{tag}-%",
    )
    actual = {r["tenant_id"]: [r["n"], r["i"], r["o"], r["b"]] for r in rows}
    ok = actual == {k: v for k, v in expected.items()}
    if not ok:
        log(f"NOT exact: {len(actual)} tenants in rollups vs {len(expected)} expected")
    return ok


async def raw_consume_rate(topic: str, total: int) -> float:
    consumer = AIOKafkaConsumer(
        bootstrap_servers=KAFKA,
        **KAFKA_LOGIN.client_kwargs(),
        enable_auto_commit=False,
        max_partition_fetch_bytes=4 << 20,
        fetch_max_bytes=64 << 20,
    )
    await consumer.start()
    try:
        await consumer._client.force_metadata_update()  # fresh topic, no subscription
        parts = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(parts)
        await consumer.seek_to_beginning(*parts)
        seen, started = 0, time.perf_counter()
        while seen < total:
            batch = await consumer.getmany(timeout_ms=1000, max_records=10000)
            seen += sum(len(v) for v in batch.values())
        return seen / (time.perf_counter() - started)
    finally:
        await consumer.stop()


def staging_rows(valid, valid_tenants, prices) -> list[tuple]:
    margin = DEFAULT_MARGIN_PERCENT
    rows = []
    for tenant, u in zip(valid_tenants, valid, strict=True):
        price = prices.price_at(u.model_id, u.occurred_at)
        p, b = event_costs(u.input_tokens, u.output_tokens, price, margin)
        rows.append(
            (
                tenant,
                u.request_id,
                u.request_id,
                u.provider_id,
                u.model_id,
                u.model_name,
                u.request_type,
                u.input_tokens,
                u.output_tokens,
                u.latency_ms,
                u.cached,
                u.phi_detected,
                u.phi_sanitized,
                u.user_id,
                u.app_id,
                u.environment,
                u.occurred_at,
                p,
                b,
                margin,
                not price.known,
            )
        )
    return rows


async def copy_rate(conn, rows) -> float:
    table = f"bench_copy_{RUN}"
    await conn.execute(f"CREATE TABLE metering.{table} (LIKE metering.usage_events INCLUDING DEFAULTS)")
    try:
        started = time.perf_counter()
        for i in range(0, len(rows), 50000):
            await conn.copy_records_to_table(
                table, schema_name="metering", records=rows[i : i + 50000], columns=STAGE_COLUMNS
            )
        return len(rows) / (time.perf_counter() - started)
    finally:
        await conn.execute(f"DROP TABLE metering.{table}")


async def seed_style_rate(conn, valid, valid_tenants) -> float:
    """The seed's Lambda: per event, two lookups and two writes, each its own round trip and commit."""
    raw, rollup = f"bench_seed_raw_{RUN}", f"bench_seed_rollup_{RUN}"
    await conn.execute(f"CREATE TABLE metering.{raw} (LIKE metering.usage_events INCLUDING DEFAULTS)")
    await conn.execute(f"CREATE TABLE metering.{rollup} (LIKE metering.usage_rollups INCLUDING ALL)")
    sample = list(zip(valid_tenants, valid, strict=True))[:SEED_SAMPLE]
    try:
        started = time.perf_counter()
        for tenant, u in sample:
            price = await conn.fetchrow(
                "SELECT input_price_per_million i, output_price_per_million o FROM "
                "metering.model_prices WHERE model_id = $1 ORDER BY effective_from DESC "
                "LIMIT 1",
                u.model_id,
            )
            margin = await conn.fetchval(
                "SELECT margin_percent FROM metering.tenant_margins WHERE tenant_id = $1 "
                "ORDER BY effective_from DESC LIMIT 1",
                tenant,
            ) or Decimal(20)
            pin, pout = (price["i"], price["o"]) if price else (Decimal(1), Decimal(2))
            cost = (u.input_tokens * pin + u.output_tokens * pout) / Decimal(1_000_000)
            billed = cost * (1 + margin / 100)
            await conn.execute(
                f"INSERT INTO metering.{raw} (tenant_id, request_id, event_id, provider_id, model_id, model_name, "
                "request_type, input_tokens, output_tokens, latency_ms, cached, phi_detected, phi_sanitized, app_id, "
                "environment, occurred_at, provider_cost, billed_cost, margin_percent, unpriced) VALUES "
                "($1,$2,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,false)",
                tenant,
                u.request_id,
                u.provider_id,
                u.model_id,
                u.model_name,
                u.request_type,
                u.input_tokens,
                u.output_tokens,
                u.latency_ms,
                u.cached,
                u.phi_detected,
                u.phi_sanitized,
                u.app_id,
                u.environment,
                u.occurred_at,
                cost,
                billed,
                margin,
            )
            await conn.execute(
                f"INSERT INTO metering.{rollup} AS r VALUES ($1, $2::timestamptz::date, $3, $4, 1, $5::bigint, $6::bigint, $5::bigint + $6::bigint, "
                "$7, $8, $9, $10, $11, 0, now()) ON CONFLICT (tenant_id, usage_date, model_id) DO UPDATE SET "
                "request_count = r.request_count + 1, input_tokens = r.input_tokens + $5, "
                "output_tokens = r.output_tokens + $6, total_tokens = r.total_tokens + $5 + $6, "
                "provider_cost = r.provider_cost + $7, billed_cost = r.billed_cost + $8, "
                "cached_requests = r.cached_requests + $9, phi_requests = r.phi_requests + $10, "
                "latency_sum_ms = r.latency_sum_ms + $11, updated_at = now()",
                tenant,
                u.occurred_at,
                u.model_id,
                u.provider_id,
                u.input_tokens,
                u.output_tokens,
                cost,
                billed,
                int(u.cached),
                int(u.phi_detected),
                u.latency_ms,
            )
        return len(sample) / (time.perf_counter() - started)
    finally:
        await conn.execute(f"DROP TABLE metering.{raw}")
        await conn.execute(f"DROP TABLE metering.{rollup}")


async def visibility_p99(conn, topic: str) -> float:
    """One tenant (one partition, in order): event k is visible once its month-to-date count reaches k."""
    tenant = f"bench-{RUN}-visibility"
    total = int(VIS_RATE * VIS_SECONDS)
    published: list[float] = []
    visible_at: list[float] = []
    producer = AIOKafkaProducer(bootstrap_servers=KAFKA, **KAFKA_LOGIN.client_kwargs(), linger_ms=0, acks=1)
    await producer.start()

    async def poll() -> None:
        while len(visible_at) < total:
            n = await conn.fetchval(
                "SELECT coalesce(max(request_count), 0) FROM metering.usage_month_to_date WHERE tenant_id = $1", tenant
            )
            now = time.perf_counter()
            while len(visible_at) < min(n, len(published)):
                visible_at.append(now)
            await asyncio.sleep(0.005)

    poller = asyncio.create_task(poll())
    try:
        started = time.perf_counter()
        for k in range(total):
            due = started + k / VIS_RATE
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            payload = UsageRecorded(
                request_id=str(uuid.uuid4()),
                provider_id="bench",
                model_id="gpt-4o",
                model_name="gpt-4o",
                request_type="chat",
                input_tokens=10,
                output_tokens=10,
                latency_ms=10,
                app_id="bench",
                environment="dev",
                occurred_at=datetime.now(UTC),
            )
            value = make_event(payload, tenant_id=tenant, source=USAGE_PRODUCER).to_bytes()
            published.append(time.perf_counter())
            await producer.send(topic, value, key=tenant.encode())
        await asyncio.wait_for(poller, timeout=120)
    finally:
        poller.cancel()
        await producer.stop()
    lags = sorted((v - p) * 1000 for v, p in zip(visible_at, published, strict=False))
    return lags[int(0.99 * (len(lags) - 1))]


async def cleanup(conn) -> None:
    like = f"bench-{RUN}-%"
    # The dedup keys name no tenant: they are found from the raw events they stand for, before those go.
    await conn.execute(
        "DELETE FROM metering.usage_dedup WHERE dedup_key IN (SELECT metering.usage_dedup_key(tenant_id, "
        "request_id) FROM metering.usage_events WHERE tenant_id LIKE $1)",
        like,
    )
    for table in ("usage_rollups", "usage_month_to_date", "usage_events", "models"):
        column = "model_id" if table == "models" else "tenant_id"
        pattern = f"bench-unknown-{RUN}" if table == "models" else like
        await conn.execute(f"DELETE FROM metering.{table} WHERE {column} LIKE $1", pattern)


async def preload(conn, total: int) -> int:
    """Top the raw table and the dedup keys up to `total` events of tenants `bench-preload-*` (today,
    so in the partition the benchmark writes; chunks commit on their own, so a stopped load resumes)."""
    have = await conn.fetchval("SELECT count(*) FROM metering.usage_events WHERE tenant_id LIKE 'bench-preload-%'")
    started = time.perf_counter()
    midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    for first in range(have, total, PRELOAD_CHUNK):
        last = min(first + PRELOAD_CHUNK, total) - 1
        async with conn.transaction():
            await conn.execute(
                "INSERT INTO metering.usage_events (tenant_id, request_id, event_id, provider_id, model_id, "
                "model_name, request_type, input_tokens, output_tokens, latency_ms, cached, phi_detected, "
                "phi_sanitized, app_id, environment, occurred_at, provider_cost, billed_cost, margin_percent, "
                "unpriced) SELECT 'bench-preload-' || (g % 1000), 'preload-' || g, md5(g::text)::uuid::text, "
                "'bench', 'gpt-4o', 'gpt-4o', 'chat', 1 + g % 8000, g % 2000, 50 + g % 5000, g % 10 = 0, "
                "false, false, 'bench', 'dev', $3::timestamptz + (g % 36000) * interval '1 second', "
                "0.001, 0.0012, 20, false FROM generate_series($1::bigint, $2::bigint) g",
                first,
                last,
                midnight,
            )
            await conn.execute(
                "INSERT INTO metering.usage_dedup (dedup_key) SELECT "
                "metering.usage_dedup_key('bench-preload-' || (g % 1000), 'preload-' || g) "
                "FROM generate_series($1::bigint, $2::bigint) g ON CONFLICT DO NOTHING",
                first,
                last,
            )
        log(f"preloaded {last + 1:,} of {total:,} events")
    if have < total:
        log(f"preload of {total - have:,} events took {time.perf_counter() - started:.0f}s")
        await conn.execute("ANALYZE metering.usage_dedup")
    return await conn.fetchval("SELECT count(*) FROM metering.usage_dedup")


@dataclass
class Round:
    topic: str
    events_per_s: float
    exact: bool
    workers: list[subprocess.Popen]
    valid: list[UsageRecorded]
    valid_tenants: list[str]


def dlq_grants(topic: str) -> list[AclBinding]:
    """The workers put invalid records on the topic's DLQ through the outbox, which the stack's metering
    service publishes as its own principal: it may write the DLQs of the registry's topics only, so
    without this every bench DLQ record was refused, dead-lettered and logged (a fifth of a core)."""
    if not KAFKA_LOGIN.uses_sasl:
        return []
    principal = f"User:{os.environ.get('METERING_KAFKA_USERNAME', 'metering')}"
    return [AclBinding("TOPIC", f"{topic}.dlq", "LITERAL", principal, "WRITE")]


async def ingest_round(conn, admin, models, prices, tag: str, topics: list[str]) -> Round:
    """Produce EVENTS to a fresh topic, start the workers, time until the rollups hold every valid event."""
    topic = f"bench-usage-{RUN}-{tag}"
    await admin.create_topics([NewTopic(topic, 12, 1), NewTopic(f"{topic}.dlq", 1, 1)])
    topics.append(topic)
    await create_acls(admin, dlq_grants(topic))
    log(f"[{tag}] building {EVENTS} events over {TENANTS} tenants and {len(models) + 1} models")
    records, valid, valid_tenants = build_events(models, tag)
    log(f"[{tag}] {len(valid)} valid, {EVENTS - len(valid)} duplicates/invalid; producing to {topic}")
    produce_s = await produce(topic, records)
    log(f"[{tag}] produced in {produce_s:.1f}s ({EVENTS / produce_s:,.0f}/s); starting {WORKERS} worker(s)")
    launched = time.perf_counter()
    workers = start_workers(WORKERS, topic)
    await workers_ready(workers)
    # The clock starts when the workers can consume (process start-up and imports excluded; the
    # consumer-group join and partition assignment are included).
    started = time.perf_counter()
    while (n := await bench_count(conn, tag)) < len(valid):
        await asyncio.sleep(0.02)
        if time.perf_counter() - started > 3600:
            raise RuntimeError(f"only {n} of {len(valid)} events reached the rollups")
    ingest_s = time.perf_counter() - started
    events_per_s = EVENTS / ingest_s
    log(
        f"[{tag}] ingested in {ingest_s:.1f}s after {started - launched:.1f}s of worker start-up: {events_per_s:,.0f} "
        f"events/s (all records, dups and invalid included; pipeline {'on' if PIPELINE else 'off'})"
    )
    is_exact = await exact(conn, valid, valid_tenants, prices, tag)
    return Round(topic, events_per_s, is_exact, workers, valid, valid_tenants)


async def main() -> None:
    conn = await asyncpg.connect(DB_URL)
    admin = AIOKafkaAdminClient(bootstrap_servers=KAFKA, **KAFKA_LOGIN.client_kwargs())
    await admin.start()
    topics: list[str] = []
    workers: list[subprocess.Popen] = []
    try:
        models, prices = await catalogue(conn)
        first = await ingest_round(conn, admin, models, prices, "a", topics)
        workers, events_per_s = first.workers, first.events_per_s
        p99 = await visibility_p99(conn, first.topic)
        log(f"p99 visibility at {VIS_RATE}/s: {p99:.0f} ms")
        stop_workers(workers)
        workers = []
        raw = await raw_consume_rate(first.topic, EVENTS)
        log(f"raw aiokafka consume: {raw:,.0f} msgs/s")
        valid, valid_tenants = first.valid, first.valid_tenants
        rows = staging_rows(valid, valid_tenants, prices)
        copy = await copy_rate(conn, rows)
        log(f"plain COPY: {copy:,.0f} rows/s")
        seed = await seed_style_rate(conn, valid, valid_tenants)
        log(f"seed-style per-event: {seed:,.0f} events/s")
        result = {
            "benchmark": "metering",
            "events": EVENTS,
            "pipeline": PIPELINE,
            "events_per_s": round(events_per_s),
            "raw_consume_per_s": round(raw),
            "copy_rows_per_s": round(copy),
            "ratio_vs_copy": round(events_per_s / copy, 3),
            "target_ratio_vs_copy": TARGET_RATIO_VS_COPY,
            "seed_style_events_per_s": round(seed),
            "speedup_vs_seed_style": round(events_per_s / seed, 1),
            "p99_visibility_ms": round(p99),
            "exact": first.exact,
            "preload_events": 0,
        }
        if PRELOAD:
            dedup_keys = await preload(conn, PRELOAD)
            later = await ingest_round(conn, admin, models, prices, "b", topics)
            workers = later.workers
            stop_workers(workers)
            workers = []
            result |= {
                "preload_events": PRELOAD,
                "dedup_keys_stored": dedup_keys,
                "events_per_s_after_preload": round(later.events_per_s),
                "ratio_vs_copy_after_preload": round(later.events_per_s / copy, 3),
                "exact_after_preload": later.exact,
            }
    finally:
        if workers:
            stop_workers(workers)
        log("cleaning up bench rows and topics")
        await cleanup(conn)
        await admin.delete_topics([name for t in topics for name in (t, f"{t}.dlq")])
        await delete_acls(admin, [grant for t in topics for grant in dlq_grants(t)])
        await admin.close()
        await conn.close()
    print(json.dumps(result))


if __name__ == "__main__":
    asyncio.run(main())
