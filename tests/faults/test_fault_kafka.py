"""Case d (issue 18): the Kafka broker killed (SIGKILL) mid-stream and started again, with usage events
and audit events on their topics: afterwards the rollups and the audit log hold every event exactly
once (a slice of each stream is delivered twice, as producer retries after the outage would), each
tenant's audit chain verifies, and every service is ready again without a manual step."""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter

import httpx
import pytest

from radiant_contracts.topics import AUDIT_EVENTS
from radiant_testing import bearer, eventually
from radiant_testing.fault_stack import FaultStack

USAGE = int(os.environ.get("FAULTS_KAFKA_USAGE_EVENTS", "20000"))
AUDIT = int(os.environ.get("FAULTS_KAFKA_AUDIT_EVENTS", "4000"))
AUDIT_TENANTS = 10
SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")

pytestmark = pytest.mark.timeout(1200)


async def test_kafka_restart_mid_stream_then_usage_and_audit_exact(
    fault_stack: FaultStack, stack, gateway, kafka_producer, make_token, usage, audit, figures
) -> None:
    batch = usage.batch(USAGE)
    tenants = [f"t-fault-audit-{uuid.uuid4().hex[:8]}-{i}" for i in range(AUDIT_TENANTS)]
    audits = audit.records(tenants, AUDIT)
    half_usage, half_audit = len(batch.records) // 2, len(audits) // 2

    kafka = fault_stack.pid("kafka")
    await usage.send(kafka_producer, batch.records[:half_usage])
    await usage.send(kafka_producer, audits[:half_audit], topic=AUDIT_EVENTS)

    async def usage_in() -> int:
        return sum((await usage.stored(stack, batch.tenants))[0].values())

    await eventually(usage_in, until=lambda n: n > 0, timeout=300, interval=0.1)  # consumers mid-stream
    fault_stack.kill("kafka", pid=kafka)
    killed = time.monotonic()
    fault_stack.start("kafka")
    # the rest of both streams, and a slice of what came before once more (producer retries)
    await usage.send(kafka_producer, batch.records[half_usage:] + batch.records[: USAGE // 20])
    await usage.send(kafka_producer, audits[half_audit:] + audits[: AUDIT // 20], topic=AUDIT_EVENTS)

    await eventually(usage_in, until=lambda n: n >= USAGE, timeout=600, interval=0.5)
    await eventually(lambda: audit.stored(stack, tenants), until=lambda s: sum(s[0].values()) >= AUDIT, timeout=600)
    for svc in SERVICES:
        await eventually(
            lambda svc=svc: fault_stack_ready(stack, svc), timeout=120, what=f"{svc} ready after the broker's restart"
        )
    recovered_in = time.monotonic() - killed

    requests, _tokens, month_to_date = await usage.stored(stack, batch.tenants)
    lost, twice = usage.lost_and_twice(batch.requests, requests)
    entries, extra = await audit.stored(stack, tenants)
    expected_audit = Counter(t.decode() for t, _ in audits)
    audit_lost, audit_twice = usage.lost_and_twice(expected_audit, entries)
    chains = []
    for tenant in tenants:
        auditor = bearer(make_token(role="auditor", tenant_id=tenant, environment="dev"))
        verified = await gateway.get("/api/v2/admin/audit/verify", headers=auditor)
        assert verified.status_code == 200, verified.text
        chains.append(verified.json()["valid"])
    figures.record(
        "kafka-restart-usage",
        sent=USAGE + USAGE // 20,
        stored=sum(requests.values()),
        lost=lost,
        twice=twice,
        recovered_in=recovered_in,
    )
    figures.record(
        "kafka-restart-audit",
        sent=AUDIT + AUDIT // 20,
        stored=sum(entries.values()),
        lost=audit_lost,
        twice=audit_twice + extra,
        recovered_in=recovered_in,
        chains_valid=f"{sum(chains)}/{len(chains)}",
    )
    assert (lost, twice) == (0, 0) and month_to_date == batch.requests
    assert (audit_lost, audit_twice, extra) == (0, 0, 0)
    assert all(chains)


async def fault_stack_ready(stack, service: str) -> bool:
    async with httpx.AsyncClient(timeout=5) as client:
        try:
            return (await client.get(f"{stack.service_url(service)}/readyz")).status_code == 200
        except httpx.HTTPError:
            return False
