"""Audit benchmark (DESIGN.md §8): ingest with hash chain, SIEM forwarding lag, query latency.

Runs against the local stack (`set -a; . .local/stack.env; set +a`), measuring the *running* audit
service for ingest and queries, and an in-process SIEM forwarder (the service's own classes, its own
consumer group) feeding a loopback syslog receiver for the lag.

Phases:
1. ingest: BENCH_AUDIT_EVENTS events (default 200,000; the §8 query target speaks of 5M, which takes
   several minutes to load here) produced to `audit-events` as fast as possible, half of them for one
   large tenant; events/s = events / (first send → last entry chained and committed).
2. SIEM lag: a steady BENCH_AUDIT_SIEM_RATE events/s (default 5,000) for BENCH_AUDIT_SIEM_SECONDS
   (default 10) through the forwarder; lag = Kafka record timestamp → sink confirmed (p99).
3. query: BENCH_AUDIT_QUERIES (default 200) `GET /api/v2/admin/audit` with tenant + time window +
   action prefix on the large tenant, straight to the service; p95 latency.
The last line is the JSON summary.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
from aiokafka import AIOKafkaProducer

from radiant_audit.config import SiemSinkConfig
from radiant_audit.siem.forwarder import SinkForwarder
from radiant_audit.siem.sinks import SyslogSink
from radiant_contracts.topics import AUDIT_EVENTS

EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", "200000"))
TENANTS = int(os.environ.get("BENCH_AUDIT_TENANTS", "100"))
SIEM_RATE = int(os.environ.get("BENCH_AUDIT_SIEM_RATE", "5000"))
SIEM_SECONDS = float(os.environ.get("BENCH_AUDIT_SIEM_SECONDS", "10"))
QUERIES = int(os.environ.get("BENCH_AUDIT_QUERIES", "200"))
ACTIONS = ["invitation.create", "invitation.accept", "user.role_change", "auth.login", "agent.start",
           "settings.update", "approval.approve", "billing.upgrade"]
NOW = datetime.now(UTC)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def event_bytes(tenant: str, i: int) -> bytes:
    """Hand-built CloudEvent JSON: building 200k pydantic models would benchmark the producer instead."""
    at = (NOW - timedelta(seconds=random.randint(0, 30 * 86400))).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    action = ACTIONS[i % len(ACTIONS)]
    return (
        '{"specversion":"1.0","id":"%s","source":"radiant/bench","type":"radiant.audit.recorded.v1",'
        '"time":"%s","datacontenttype":"application/json","tenantid":"%s","subject":"r-%d",'
        '"data":{"actor":{"type":"admin","id":"admin-%d","name":"Bench Admin","ip":"203.0.113.%d",'
        '"user_agent":"bench"},"action":"%s","resource_type":"invitation","resource_id":"r-%d",'
        '"outcome":"success","details":{"i":%d},"environment":"dev"}}'
        % (uuid.uuid4(), at, tenant, i, i % 50, i % 250, action, i, i)
    ).encode()


async def produce(producer: AIOKafkaProducer, records: list[tuple[str, bytes]]) -> None:
    futures = []
    for tenant, value in records:
        futures.append(await producer.send(AUDIT_EVENTS, value, key=tenant.encode()))
        if len(futures) >= 5000:
            await asyncio.gather(*futures)
            futures = []
    await asyncio.gather(*futures)


async def stored(db: asyncpg.Connection, tenants: list[str]) -> int:
    return await db.fetchval("SELECT coalesce(sum(last_seq), 0) FROM audit.chain_heads WHERE tenant_id = ANY($1)",
                             tenants) or 0


async def ingest_phase(producer: AIOKafkaProducer, db: asyncpg.Connection, big: str, tenants: list[str]) -> float:
    say(f"ingest: building {EVENTS} events ({TENANTS} tenants, half of them for {big})")
    records = [(big if i % 2 == 0 else tenants[1 + i % (len(tenants) - 1)], b"") for i in range(EVENTS)]
    records = [(t, event_bytes(t, i)) for i, (t, _) in enumerate(records)]
    t0 = time.perf_counter()
    await produce(producer, records)
    produced_s = time.perf_counter() - t0
    say(f"ingest: produced in {produced_s:.1f}s ({EVENTS / produced_s:,.0f}/s); waiting for the chain")
    while (count := await stored(db, tenants)) < EVENTS:
        await asyncio.sleep(0.1)
    elapsed = time.perf_counter() - t0
    say(f"ingest: {count} chained in {elapsed:.1f}s → {EVENTS / elapsed:,.0f} events/s")
    return EVENTS / elapsed


async def null_syslog_receiver() -> asyncio.AbstractServer:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while await reader.read(1 << 16):
            pass
        writer.close()

    return await asyncio.start_server(handle, "127.0.0.1", 0)


async def siem_phase(producer: AIOKafkaProducer, bootstrap: str) -> float | None:
    server = await null_syslog_receiver()
    port = server.sockets[0].getsockname()[1]
    config = SiemSinkConfig(name="bench", type="syslog", host="127.0.0.1", port=port)
    forwarder = SinkForwarder(SyslogSink(config), bootstrap_servers=bootstrap, group_id=f"bench-siem-{uuid.uuid4()}",
                              start_from="latest", confirm_delay_ms=config.confirm_delay_ms)
    task = asyncio.create_task(forwarder.run())
    await asyncio.wait_for(forwarder.ready.wait(), 30)
    tenant = f"bench-siem-{uuid.uuid4().hex[:8]}"
    total = int(SIEM_RATE * SIEM_SECONDS)
    say(f"siem: {total} events at {SIEM_RATE}/s through the forwarder")
    tick, per_tick, sent, i = 0.05, max(1, int(SIEM_RATE * 0.05)), 0, 0
    t0 = time.perf_counter()
    while sent < total:
        batch = [(tenant, event_bytes(tenant, i + k)) for k in range(min(per_tick, total - sent))]
        i += len(batch)
        await produce(producer, batch)
        sent += len(batch)
        await asyncio.sleep(max(0.0, t0 + sent / SIEM_RATE - time.perf_counter()))
    deadline = time.monotonic() + 60
    while forwarder.status.delivered < total and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    p99 = forwarder.status.latency_percentile(99)
    say(f"siem: delivered {forwarder.status.delivered}, p99 lag {p99:.0f} ms" if p99 is not None else "siem: none")
    forwarder.stop()
    await task
    server.close()
    return p99


async def query_phase(big: str) -> float:
    from radiant_identity.keys import SigningKey

    key = SigningKey.load(Path(os.environ["IDENTITY_SIGNING_KEY_FILE"]))
    token = key.issue_access_token(subject="bench", tenant_id=big, role="auditor", environment="dev", amr=["pwd"],
                                   issuer=os.environ.get("JWT_ISSUER", "radiant-identity"),
                                   audience=os.environ.get("JWT_AUDIENCE", "radiant-api"), ttl=timedelta(minutes=30))
    base = os.environ.get("AUDIT_URL", "http://127.0.0.1:8005")
    latencies = []
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        for n in range(QUERIES + 20):
            start = NOW - timedelta(days=random.randint(1, 29))
            params = {"action": random.choice(["invitation.", "user.", "approval.", "settings.update"]),
                      "from": start.isoformat(), "to": (start + timedelta(days=1)).isoformat(), "limit": 50}
            t = time.perf_counter()
            response = await client.get("/api/v2/admin/audit", params=params)
            elapsed = (time.perf_counter() - t) * 1000
            response.raise_for_status()
            if n >= 20:  # warm-up excluded
                latencies.append(elapsed)
    p95 = statistics.quantiles(latencies, n=100)[94]
    say(f"query: {QUERIES} queries, p50 {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms")
    return p95


async def main() -> None:
    bootstrap = os.environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
    run = uuid.uuid4().hex[:8]
    tenants = [f"bench-{run}-{k}" for k in range(TENANTS)]
    big = tenants[0]
    db = await asyncpg.connect(os.environ["AUDIT_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://"))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=20,
                                max_batch_size=512 * 1024)
    await producer.start()
    try:
        events_per_s = await ingest_phase(producer, db, big, tenants)
        siem_p99 = await siem_phase(producer, bootstrap)
        query_p95 = await query_phase(big)
    finally:
        await producer.stop()
        await db.close()
    print(json.dumps({"benchmark": "audit", "events": EVENTS, "events_per_s": round(events_per_s),
                      "siem_lag_p99_ms": None if siem_p99 is None else round(siem_p99),
                      "query_p95_ms": round(query_p95, 1)}))


if __name__ == "__main__":
    asyncio.run(main())
