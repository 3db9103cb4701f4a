"""Audit benchmark (DESIGN.md §8): ingest with hash chain, SIEM forwarding lag, query latency.

Runs against the local stack (`set -a; . .local/stack.env; set +a`), measuring the *running* audit
service for ingest and queries, and an in-process SIEM forwarder (the service's own classes, its own
consumer group) feeding a loopback syslog receiver for the lag.

Phases:
0. history: the §8 query target is "over 5M events", so BENCH_AUDIT_HISTORY events (default
   5,000,000; 0 skips) are bulk-loaded once into fixed tenants `bench-history-<k>` (half of them in
   `bench-history-0`), as valid hash chains with their chain heads, 30 days of time in the order a
   real log is written (occurred_at rises with seq, a few seconds of producer jitter). Loading goes
   straight to the table with COPY (it benchmarks nothing); it resumes where it stopped and is
   skipped once loaded, so only the first run pays for it (several minutes here). Then
   `VACUUM ANALYZE` (as autovacuum would on a live system) when POSTGRES_ADMIN_URL is set.
1. ingest: BENCH_AUDIT_EVENTS events (default 200,000) produced to `audit-events` as fast as
   possible, half of them for one large tenant, into the log as it is (≥ history); events/s =
   events / (first send → last entry chained and committed). The producer runs on the same cores.
2. SIEM lag: a steady BENCH_AUDIT_SIEM_RATE events/s (default 5,000) for BENCH_AUDIT_SIEM_SECONDS
   (default 10) through the forwarder; lag = Kafka record timestamp → sink confirmed (p99).
   The big tenant's chain is then verified through the service (`chain_valid`).
3. query: BENCH_AUDIT_QUERIES (default 200) `GET /api/v2/admin/audit` with tenant + a one-day time
   window + action prefix (or one exact action) on the largest tenant (`bench-history-0`, 2.5M
   events, or the ingest phase's big tenant when history is skipped), straight to the service; p95.
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

from radiant_audit.chain import GENESIS_HASH, format_time, new_entry_hash
from radiant_audit.config import SiemSinkConfig
from radiant_audit.repository import COPY_COLUMNS
from radiant_audit.siem.forwarder import SinkForwarder
from radiant_audit.siem.sinks import SyslogSink
from radiant_contracts.topics import AUDIT_EVENTS
from radiant_platform.provisioning import kafka_admin_security

EVENTS = int(os.environ.get("BENCH_AUDIT_EVENTS", "200000"))
TENANTS = int(os.environ.get("BENCH_AUDIT_TENANTS", "100"))
SIEM_RATE = int(os.environ.get("BENCH_AUDIT_SIEM_RATE", "5000"))
SIEM_SECONDS = float(os.environ.get("BENCH_AUDIT_SIEM_SECONDS", "10"))
QUERIES = int(os.environ.get("BENCH_AUDIT_QUERIES", "200"))
HISTORY = int(os.environ.get("BENCH_AUDIT_HISTORY", "5000000"))
HISTORY_TENANTS = [f"bench-history-{k}" for k in range(100)]
HISTORY_DAYS = 30
HISTORY_CHUNK = 50_000
ACTIONS = [
    "invitation.create",
    "invitation.accept",
    "user.role_change",
    "auth.login",
    "agent.start",
    "settings.update",
    "approval.approve",
    "billing.upgrade",
]
NOW = datetime.now(UTC)


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def event_bytes(tenant: str, i: int) -> bytes:
    """Hand-built CloudEvent JSON: building 200k pydantic models would benchmark the producer instead."""
    at = (NOW - timedelta(seconds=random.randint(0, 30 * 86400))).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    action = ACTIONS[i % len(ACTIONS)]
    # %-formatting, not an f-string: the JSON's own braces stay readable.
    return (
        '{"specversion":"1.0","id":"%s","source":"radiant/identity","type":"radiant.audit.recorded.v1",'
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
    return int(
        await db.fetchval("SELECT coalesce(sum(last_seq), 0) FROM audit.chain_heads WHERE tenant_id = ANY($1)", tenants)
    )


async def ingest_phase(producer: AIOKafkaProducer, db: asyncpg.Connection, big: str, tenants: list[str]) -> float:
    say(f"ingest: building {EVENTS} events ({TENANTS} tenants, half of them for {big})")
    records = [(big if i % 2 == 0 else tenants[1 + i % (len(tenants) - 1)], b"") for i in range(EVENTS)]
    records = [(t, event_bytes(t, i)) for i, (t, _) in enumerate(records)]
    t0 = time.perf_counter()
    await produce(producer, records)
    produced_s = time.perf_counter() - t0
    at_produced = await stored(db, tenants)
    say(
        f"ingest: produced in {produced_s:.1f}s ({EVENTS / produced_s:,.0f}/s), {at_produced:,} chained by then; "
        "waiting for the chain"
    )
    while (count := await stored(db, tenants)) < EVENTS:
        await asyncio.sleep(0.1)
    elapsed = time.perf_counter() - t0
    # The producer shares the cores for its first seconds; after it, the rate is the service's alone
    # (and, with half the events in one tenant, mostly that tenant's one-partition chain).
    after = (EVENTS - at_produced) / max(1e-9, elapsed - produced_s)
    say(
        f"ingest: {count:,} chained in {elapsed:.1f}s → {EVENTS / elapsed:,.0f} events/s "
        f"({after:,.0f}/s once the producer had finished)"
    )
    return EVENTS / elapsed


def history_tenant(i: int) -> str:
    return HISTORY_TENANTS[0] if i % 2 == 0 else HISTORY_TENANTS[1 + (i // 2) % (len(HISTORY_TENANTS) - 1)]


def history_rows(start: int, stop: int, heads: dict[str, tuple[int, str]], t0: datetime) -> list[list[object]]:
    """Entries start..stop-1 of the global history timeline, chained onto `heads` (updated in place)."""
    step = timedelta(days=HISTORY_DAYS) / HISTORY
    rows = []
    for i in range(start, stop):
        tenant = history_tenant(i)
        seq, prev = heads[tenant]
        at = t0 + step * i
        occurred = at - timedelta(milliseconds=random.randint(0, 3000))
        action = random.choice(ACTIONS)
        fields: dict[str, object] = {
            "tenant_id": tenant,
            "seq": seq + 1,
            "prev_hash": prev,
            "event_id": str(uuid.uuid4()),
            "event_type": "radiant.audit.recorded.v1",
            "source": "radiant/identity",  # a service that may publish audit events
            "occurred_at": occurred,
            "recorded_at": at,
            "actor_type": "admin",
            "actor_id": f"admin-{i % 50}",
            "actor_name": "Bench Admin",
            "actor_ip": f"203.0.113.{i % 250}",
            "actor_user_agent": "bench",
            "impersonator": None,
            "action": action,
            "resource_type": action.split(".")[0],
            "resource_id": f"r-{i}",
            "outcome": "success",
            "details": {"i": i},
            "app_id": None,
            "environment": "dev",
            "extra": {},
        }
        fields["hash"] = new_entry_hash(fields, format_time(at))
        heads[tenant] = (seq + 1, fields["hash"])
        rows.append(
            [
                json.dumps(fields[c], separators=(",", ":")) if c in ("details", "extra") else fields[c]
                for c in COPY_COLUMNS
            ]
        )
    return rows


async def history_phase(db: asyncpg.Connection) -> None:
    """Top the history tenants up to HISTORY events (resumable: each chunk commits with its heads)."""
    heads = {t: (0, GENESIS_HASH) for t in HISTORY_TENANTS}
    for r in await db.fetch(
        "SELECT tenant_id, last_seq, last_hash FROM audit.chain_heads WHERE tenant_id = ANY($1)", HISTORY_TENANTS
    ):
        heads[r["tenant_id"]] = (r["last_seq"], r["last_hash"])
    done = sum(seq for seq, _ in heads.values())
    if done >= HISTORY:
        say(f"history: {done:,} events already loaded")
        return
    first = await db.fetchval("SELECT min(occurred_at) FROM audit.audit_log WHERE tenant_id = $1", HISTORY_TENANTS[0])
    t0 = (first + timedelta(seconds=3)) if first else datetime.now(UTC) - timedelta(days=HISTORY_DAYS)
    say(f"history: loading {HISTORY - done:,} events (COPY, hash-chained) — once; later runs skip this")
    started = time.perf_counter()
    while done < HISTORY:
        stop = min(HISTORY, done + HISTORY_CHUNK)
        before = dict(heads)
        rows = history_rows(done, stop, heads, t0)
        async with db.transaction():
            await db.copy_records_to_table("audit_log", schema_name="audit", columns=list(COPY_COLUMNS), records=rows)
            moved = [(t, s, h) for t, (s, h) in heads.items() if (s, h) != before[t]]
            # As the service does it: a head starts at the genesis and only moves forward (triggers).
            await db.executemany(
                "INSERT INTO audit.chain_heads (tenant_id, last_seq, last_hash) VALUES ($1, 0, $2) "
                "ON CONFLICT (tenant_id) DO NOTHING",
                [(t, GENESIS_HASH) for t, _, _ in moved],
            )
            await db.executemany(
                "UPDATE audit.chain_heads SET last_seq = $2, last_hash = $3, updated_at = now() WHERE tenant_id = $1",
                moved,
            )
        done = stop
        say(f"history: {done:,}/{HISTORY:,} ({time.perf_counter() - started:.0f}s)")
    admin = os.environ.get("POSTGRES_ADMIN_URL")
    if admin:
        vacuum = await asyncpg.connect(admin.replace("postgresql+asyncpg://", "postgresql://"))
        try:
            await vacuum.execute("VACUUM (ANALYZE) audit.audit_log")
        finally:
            await vacuum.close()


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
    forwarder = SinkForwarder(
        SyslogSink(config),
        bootstrap_servers=bootstrap,
        security=kafka_admin_security(os.environ),  # its own consumer group, outside audit's
        group_id=f"bench-siem-{uuid.uuid4()}",
        start_from="latest",
        confirm_delay_ms=config.confirm_delay_ms,
    )
    task = asyncio.create_task(forwarder.run())
    await asyncio.wait_for(forwarder.ready.wait(), 30)
    tenant = f"bench-siem-{uuid.uuid4().hex[:8]}"
    total = int(SIEM_RATE * SIEM_SECONDS)
    say(f"siem: {total} events at {SIEM_RATE}/s through the forwarder")
    _tick, per_tick, sent, i = 0.05, max(1, int(SIEM_RATE * 0.05)), 0, 0
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


def _auditor_client(tenant: str) -> httpx.AsyncClient:
    """The running audit service, straight (no gateway), as one of the tenant's auditors."""
    from radiant_identity.keys import SigningKey

    key = SigningKey.load(Path(os.environ["IDENTITY_SIGNING_KEY_FILE"]))
    token = key.issue_access_token(
        subject="bench",
        tenant_id=tenant,
        role="auditor",
        environment="dev",
        amr=["pwd"],
        issuer=os.environ.get("JWT_ISSUER", "radiant-identity"),
        audience=os.environ.get("JWT_AUDIENCE", "radiant-api"),
        ttl=timedelta(minutes=30),
    )
    base = os.environ.get("AUDIT_URL", "http://127.0.0.1:8005")
    return httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300)


async def chain_valid(big: str) -> bool:
    """The ingest phase's big tenant (half the events, chained by concurrent batches) verifies end to end."""
    async with _auditor_client(big) as client:
        response = await client.get("/api/v2/admin/audit/verify")
    response.raise_for_status()
    report = response.json()
    say(f"verify: {big}: valid {report['valid']}, {report['entriesChecked']:,} entries checked")
    return bool(report["valid"])


async def query_phase(db: asyncpg.Connection, big: str) -> float:
    first, last = await db.fetchrow(
        "SELECT min(occurred_at), max(occurred_at) FROM audit.audit_log WHERE tenant_id = $1", big
    )
    tenant_events = await db.fetchval("SELECT last_seq FROM audit.chain_heads WHERE tenant_id = $1", big)
    say(f"query: tenant {big} ({tenant_events:,} events, {first:%Y-%m-%d} .. {last:%Y-%m-%d})")
    window_starts = max(1, int((last - first).total_seconds()) - 86400)

    latencies = []
    async with _auditor_client(big) as client:
        for n in range(QUERIES + 20):
            start = first + timedelta(seconds=random.randint(0, window_starts))
            params = {
                "action": random.choice(["invitation.", "user.", "approval.", "settings.update"]),
                "from": start.isoformat(),
                "to": (start + timedelta(days=1)).isoformat(),
                "limit": 50,
            }
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
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap,
        **kafka_admin_security(os.environ).client_kwargs(),  # the benchmark plays every service
        acks="all",
        enable_idempotence=True,
        linger_ms=20,
        max_batch_size=512 * 1024,
    )
    await producer.start()
    try:
        if HISTORY:
            await history_phase(db)
        events_per_s = await ingest_phase(producer, db, big, tenants)
        is_chain_valid = await chain_valid(big)
        siem_p99 = await siem_phase(producer, bootstrap)
        log_events = int(await db.fetchval("SELECT coalesce(sum(last_seq), 0) FROM audit.chain_heads"))
        query_p95 = await query_phase(db, HISTORY_TENANTS[0] if HISTORY else big)
    finally:
        await producer.stop()
        await db.close()
    print(
        json.dumps(
            {
                "benchmark": "audit",
                "events": EVENTS,
                "events_per_s": round(events_per_s),
                "siem_lag_p99_ms": None if siem_p99 is None else round(siem_p99),
                "query_p95_ms": round(query_p95, 1),
                "query_log_events": log_events,
                "chain_valid": is_chain_valid,
                # DESIGN.md §8; the service's ingest is pipelined unless AUDIT_INGEST_PIPELINE=false
                "target_events_per_s": 25_000,
                "target_siem_lag_p99_ms": 2_000,
                "target_query_p95_ms": 50,
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())
