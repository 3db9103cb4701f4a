"""The platform on a three-broker Kafka cluster (issue 18): metering's and audit's ingest go on while one
broker is killed (SIGKILL) and brought back, and while a second instance joins and leaves each consumer
group (rebalances). Totals are exact (nothing lost, nothing counted twice) and every tenant's audit chain
verifies. Each case prints one line of figures.

Events are published by the test with an idempotent producer, `acks=all`, on topics replicated on the
three nodes with `min.insync.replicas=2`, so an acknowledged event is on two nodes at least and a
node's death loses none. The services consume as their own principals (SCRAM, ACLs as single-broker).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiokafka.admin import AIOKafkaAdminClient

from radiant_contracts import make_event
from radiant_contracts.envelope import service_source
from radiant_contracts.events.audit import Actor, AuditRecorded
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import bearer, eventually, service_db
from radiant_testing.fault_stack import FaultStack, parse_env
from radiant_testing.kafka import kafka_client_kwargs, producer_as

from .conftest import Figures, Stopwatch

# Bringing the cluster's stack up (in the first case) and each case's catch-up take minutes on a shared
# machine: past pytest's default 300 s, within make test-cluster's budget.
pytestmark = pytest.mark.timeout(1500)

USAGE_EVENTS = int(os.environ.get("CLUSTER_USAGE_EVENTS", "50000"))
AUDIT_EVENTS = int(os.environ.get("CLUSTER_AUDIT_EVENTS", "10000"))
TENANTS = 20
CHUNK = 500  # events sent, then acknowledged, at a time
CATCH_UP_TIMEOUT = 600  # the shared machine is slow; a lost event shows as a shortfall, not a hang
Record = tuple[str, bytes, bytes, list[tuple[str, bytes]]]


# --- the cluster's nodes --------------------------------------------------------------------------


class Broker:
    """Node `node` of the cluster's stack: node 1 is the `kafka` component, 2 and 3 its peers."""

    def __init__(self, cluster: FaultStack, node: int) -> None:
        self.cluster, self.node = cluster, node

    def pid(self) -> int | None:
        if self.node == 1:
            return self.cluster.pid("kafka")
        path = self.cluster.state / "run" / f"kafka-{self.node}.pid"
        try:
            pid = int(path.read_text().split()[0])
            os.kill(pid, 0)
        except (OSError, ValueError, IndexError):
            return None
        return pid

    def kill(self) -> None:
        """SIGKILL, as a crashed machine: no controlled shutdown, no leadership handed over."""
        pid = self.pid()
        assert pid is not None, f"Kafka node {self.node} is not running"
        os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 30
        while self.pid() is not None and time.monotonic() < deadline:
            time.sleep(0.1)

    def restart(self) -> None:
        """`ensure_running` of the stack's Kafka: starts the missing node and waits until it answers."""
        self.cluster.start("kafka")


async def group_members(stack, group: str) -> tuple[str, int]:
    """The consumer group's state and how many members it has (each process may run several)."""
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(stack))
    await admin.start()
    try:
        [response] = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    _error, _group, state, _protocol_type, _protocol, members, *_ = response.groups[0]
    return state, len(members)


async def in_sync_everywhere(stack) -> bool:
    """Every partition of usage-events and audit-events has its three replicas in sync again."""
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(stack))
    await admin.start()
    try:
        topics = await admin.describe_topics(["usage-events", "audit-events"])
    finally:
        await admin.close()
    return all(len(p["isr"]) == 3 for t in topics for p in t["partitions"])


# --- streaming with something happening on the way --------------------------------------------------

Step = Callable[[], Awaitable[None]]


async def stream(
    stack, records: list[Record], steps: dict[float, Step], *, waiting_for: frozenset[float] = frozenset()
) -> None:
    """Send `records` in acknowledged chunks; `steps[f]` runs once a fraction `f` of them is sent, in
    the background (sending goes on) unless `f` is in `waiting_for` (sending waits for it). Returns
    when everything is acknowledged and every step done."""
    pending = sorted(steps.items())
    started: list[asyncio.Task[None]] = []

    def begin(fraction: float, step: Step) -> Awaitable[None] | None:
        if fraction in waiting_for:
            return step()
        started.append(asyncio.create_task(step()))
        return None

    async with producer_as(stack, enable_idempotence=True, acks="all", linger_ms=5) as producer:
        for i in range(0, len(records), CHUNK):
            while pending and i >= pending[0][0] * len(records):
                waited = begin(*pending.pop(0))
                if waited is not None:
                    await waited
            sent = [await producer.send(t, v, key=k, headers=h) for t, v, k, h in records[i : i + CHUNK]]
            await asyncio.gather(*sent)
    for fraction, step in pending:  # fractions past the last chunk's start
        waited = begin(fraction, step)
        if waited is not None:
            await waited
    for task in started:
        await task


# --- the events ---------------------------------------------------------------------------------


def tenants() -> list[str]:
    return [f"t-cluster-{uuid.uuid4()}" for _ in range(TENANTS)]


def usage_records(tenant_ids: list[str], count: int) -> list[Record]:
    now = datetime.now(UTC)
    records = []
    for i in range(count):
        payload = UsageRecorded(
            request_id=str(uuid.uuid4()),
            provider_id="openai",
            model_id="gpt-4o",
            model_name="gpt-4o",
            request_type="chat",
            input_tokens=100 + i % 7,
            output_tokens=10,
            latency_ms=50,
            app_id="radiant-app",
            environment="dev",
            occurred_at=now,
        )
        event = make_event(payload, tenant_id=tenant_ids[i % len(tenant_ids)], source=USAGE_PRODUCER)
        records.append((event.topic, event.to_bytes(), event.kafka_key(), event.kafka_headers()))
    return records


def audit_records(tenant_ids: list[str], count: int) -> list[Record]:
    actor = Actor(type="admin", id="admin-1", name="Admin", ip="198.51.100.4", user_agent="cluster-suite")
    records = []
    for i in range(count):
        payload = AuditRecorded(
            actor=actor,
            action="invitation.create",
            resource_type="invitation",
            resource_id=f"inv-{i}",
            outcome="success",
            details={"n": i},
            environment="dev",
        )
        event = make_event(payload, tenant_id=tenant_ids[i % len(tenant_ids)], source=service_source("identity"))
        records.append((event.topic, event.to_bytes(), event.kafka_key(), event.kafka_headers()))
    return records


# --- what arrived ----------------------------------------------------------------------------------


async def usage_totals(stack, tenant_ids: list[str]) -> tuple[int, int, int]:
    """(rollups' request count, raw rows, distinct requests) of the tenants."""
    async with service_db(stack, "metering") as conn:
        rolled = await conn.fetchval(
            "SELECT coalesce(sum(request_count), 0) FROM metering.usage_rollups WHERE tenant_id = ANY($1)", tenant_ids
        )
        raw, distinct = await conn.fetchrow(
            "SELECT count(*), count(DISTINCT (tenant_id, request_id)) FROM metering.usage_events "
            "WHERE tenant_id = ANY($1)",
            tenant_ids,
        )
    return int(rolled), int(raw), int(distinct)


async def audit_stored(stack, tenant_ids: list[str]) -> int:
    async with service_db(stack, "audit") as conn:
        return int(await conn.fetchval("SELECT count(*) FROM audit.audit_log WHERE tenant_id = ANY($1)", tenant_ids))


async def wait_for_count(count: Callable[[], Awaitable[int]], expected: int) -> float:
    """Seconds until `count()` reaches `expected` (or the timeout: the figures then show what is missing)."""
    clock = Stopwatch()
    with contextlib.suppress(AssertionError):
        await eventually(count, until=lambda n: n >= expected, timeout=CATCH_UP_TIMEOUT, interval=1.0)
    return clock.elapsed()


async def check_usage(stack, figures: Figures, case: str, tenant_ids: list[str], recovered_in: float, **extra) -> None:
    rolled, raw, distinct = await usage_totals(stack, tenant_ids)
    lost, twice = USAGE_EVENTS - distinct, (rolled - distinct) + (raw - distinct)
    figures.record(case, sent=USAGE_EVENTS, stored=rolled, lost=lost, twice=twice, recovered_in=recovered_in, **extra)
    assert (rolled, raw, distinct) == (USAGE_EVENTS, USAGE_EVENTS, USAGE_EVENTS)


async def check_audit(stack, gateway, make_token, figures: Figures, case: str, tenant_ids, recovered_in, **extra):
    stored = await audit_stored(stack, tenant_ids)
    broken = []
    for tenant in tenant_ids:
        token = make_token(role="auditor", tenant_id=tenant)
        answer = await gateway.get("/api/v2/admin/audit/verify", headers=bearer(token))
        assert answer.status_code == 200, answer.text
        verdict = answer.json()
        if not verdict["valid"] or verdict["entriesChecked"] != AUDIT_EVENTS // TENANTS:
            broken.append((tenant, verdict))
    figures.record(
        case,
        sent=AUDIT_EVENTS,
        stored=stored,
        lost=AUDIT_EVENTS - stored,
        twice=0 if stored <= AUDIT_EVENTS else stored - AUDIT_EVENTS,  # (tenant, event id) is unique in the log
        recovered_in=recovered_in,
        chains_verified=f"{TENANTS - len(broken)}/{TENANTS}",
        **extra,
    )
    assert stored == AUDIT_EVENTS and not broken, broken[:3]


# --- a broker killed mid-stream and brought back ---------------------------------------------------


async def kill_and_bring_back(stack, broker: Broker, records: list[Record]) -> tuple[float, float]:
    """Stream `records`; kill the broker a third of the way, start it again at two thirds. Returns
    (seconds it was down, when it was back as a monotonic time)."""
    times: dict[str, float] = {}

    async def kill() -> None:
        await asyncio.to_thread(broker.kill)
        times["killed"] = time.monotonic()

    async def bring_back() -> None:
        while "killed" not in times:
            await asyncio.sleep(0.1)
        await asyncio.to_thread(broker.restart)
        times["back"] = time.monotonic()

    await stream(stack, records, {1 / 3: kill, 2 / 3: bring_back})
    return times["back"] - times["killed"], times["back"]


@pytest.mark.parametrize("node", [2])
async def test_metering_counts_every_usage_event_once_while_a_broker_dies_and_comes_back(
    stack, cluster_stack, figures, node
):
    tenant_ids = tenants()
    records = usage_records(tenant_ids, USAGE_EVENTS)
    down_for, back_at = await kill_and_bring_back(stack, Broker(cluster_stack, node), records)
    await wait_for_count(_first(usage_totals, stack, tenant_ids), USAGE_EVENTS)
    recovered_in = time.monotonic() - back_at  # from the node's return until every event was counted
    await eventually(lambda: in_sync_everywhere(stack), timeout=120, interval=1.0, what="every replica in sync")
    await check_usage(
        stack,
        figures,
        f"metering ingest, kafka node {node} killed (SIGKILL) and restarted",
        tenant_ids,
        recovered_in,
        broker_down=f"{down_for:.1f}s",
    )


@pytest.mark.parametrize("node", [1])
async def test_every_audit_chain_verifies_after_a_broker_dies_mid_stream(
    stack, cluster_stack, gateway, make_token, figures, node
):
    tenant_ids = tenants()
    records = audit_records(tenant_ids, AUDIT_EVENTS)
    down_for, back_at = await kill_and_bring_back(stack, Broker(cluster_stack, node), records)
    await wait_for_count(lambda: audit_stored(stack, tenant_ids), AUDIT_EVENTS)
    recovered_in = time.monotonic() - back_at
    await eventually(lambda: in_sync_everywhere(stack), timeout=120, interval=1.0, what="every replica in sync")
    await check_audit(
        stack,
        gateway,
        make_token,
        figures,
        f"audit ingest, kafka node {node} killed (SIGKILL) and restarted",
        tenant_ids,
        recovered_in,
        broker_down=f"{down_for:.1f}s",
    )


def _first(count, stack, tenant_ids):
    async def rolled() -> int:
        return (await count(stack, tenant_ids))[0]

    return rolled


# --- two instances per consumer group ------------------------------------------------------------


class SecondInstance:
    """Another process of a service's consumer group, on the cluster's stack: started and stopped
    (SIGTERM, a graceful leave: the group rebalances both times) while events stream."""

    def __init__(self, cluster: FaultStack, command: list[str], name: str, env: dict[str, str]) -> None:
        self.cluster, self.command, self.name, self.extra = cluster, command, name, env
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def log_path(self) -> Path:
        return self.cluster.state / "logs" / f"{self.name}.log"

    def start(self) -> None:
        env = {**os.environ, **parse_env(self.cluster.state / "stack.env"), **self.extra}
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(self.command, env=env, stdout=log, stderr=subprocess.STDOUT)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=90)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


async def join_then_leave(stack, second: SecondInstance, group: str, records: list[Record]) -> str:
    """Stream `records`: a quarter of the way the second instance starts, and sending waits until the
    group has rebalanced with its members in; at three quarters it leaves (SIGTERM) while sending goes
    on. Returns the group's member counts (before -> with it -> after)."""
    counts: list[int] = []

    async def settled(*, more_than: int | None = None, fewer_than: int | None = None) -> int:
        def holds(found: tuple[str, int]) -> bool:
            state, members = found
            grew = more_than is None or members > more_than
            shrank = fewer_than is None or members < fewer_than
            return state == "Stable" and grew and shrank

        found = await eventually(
            lambda: group_members(stack, group), until=holds, timeout=300, interval=0.5, what=f"{group} rebalanced"
        )
        return found[1]

    async def join() -> None:
        counts.append((await group_members(stack, group))[1])
        await asyncio.to_thread(second.start)
        counts.append(await settled(more_than=counts[0]))

    async def leave() -> None:
        await asyncio.to_thread(second.stop)
        counts.append(await settled(fewer_than=counts[1]))

    try:
        await stream(stack, records, {1 / 4: join, 3 / 4: leave}, waiting_for=frozenset({1 / 4}))
    finally:
        second.stop()
    return "->".join(map(str, counts))


async def test_two_metering_workers_in_the_group_count_every_event_once_across_rebalances(
    stack, cluster_stack, figures
):
    tenant_ids = tenants()
    records = usage_records(tenant_ids, USAGE_EVENTS)
    worker = SecondInstance(
        cluster_stack, [sys.executable, "-m", "radiant_metering.worker"], f"metering-worker-{uuid.uuid4().hex[:6]}", {}
    )
    clock = Stopwatch()
    members = await join_then_leave(stack, worker, "metering-usage", records)
    left_at = clock.elapsed()
    caught_up = await wait_for_count(_first(usage_totals, stack, tenant_ids), USAGE_EVENTS)
    await check_usage(
        stack,
        figures,
        "metering ingest, a second worker joins the group and leaves mid-stream",
        tenant_ids,
        caught_up,
        streamed_in=f"{left_at:.1f}s",
        group_members=members,
    )


async def test_two_audit_ingesters_in_the_group_keep_every_chain_intact_across_rebalances(
    stack, cluster_stack, gateway, make_token, figures
):
    tenant_ids = tenants()
    records = audit_records(tenant_ids, AUDIT_EVENTS)
    port = int(stack["AUDIT_PORT"]) + 100
    second = SecondInstance(
        cluster_stack,
        [sys.executable, "-m", "radiant_audit", "serve"],
        f"audit-second-{uuid.uuid4().hex[:6]}",
        {"AUDIT_PORT": str(port)},
    )

    clock = Stopwatch()
    members = await join_then_leave(stack, second, "audit-ingest", records)
    left_at = clock.elapsed()
    caught_up = await wait_for_count(lambda: audit_stored(stack, tenant_ids), AUDIT_EVENTS)
    await check_audit(
        stack,
        gateway,
        make_token,
        figures,
        "audit ingest, a second instance joins the group and leaves mid-stream",
        tenant_ids,
        caught_up,
        streamed_in=f"{left_at:.1f}s",
        group_members=members,
    )
