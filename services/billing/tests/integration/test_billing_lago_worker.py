"""Billing's Lago consumers as the service runs them (`python -m radiant_billing.providers.worker`),
with `BILLING_PROVIDER=lago`, on private topics and groups, against the stack's Lago (Prism serving
Lago's document with request validation: a call it does not validate is refused and never recorded).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from datetime import UTC, datetime
from pathlib import Path

from radiant_contracts.envelope import make_event
from radiant_contracts.events.tenant import TenantCreated
from radiant_contracts.events.usage import UsageRecorded
from radiant_testing import eventually, kafka_login_env, service_db


def _start(platform, consumer: str, topic: str, group: str, log: Path) -> subprocess.Popen:
    # The private topic is no topic of billing's principal: the worker logs in as the Kafka admin.
    env = {**os.environ, **platform.env, **kafka_login_env(platform, "billing"), "BILLING_PROVIDER": "lago"}
    command = [sys.executable, "-m", "radiant_billing.providers.worker", "--consumer", consumer]
    with log.open("ab") as out:
        return subprocess.Popen([*command, "--topic", topic, "--group", group], env=env, stdout=out, stderr=out)


def _stop(worker: subprocess.Popen) -> None:
    if worker.poll() is None:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)


def _usage(tenant: str, request_id: str) -> object:
    data = UsageRecorded(
        request_id=request_id,
        provider_id="openai",
        model_id="gpt-4o",
        model_name="GPT-4o",
        request_type="chat",
        input_tokens=1200,
        output_tokens=350,
        latency_ms=842,
        app_id="radiant-app",
        environment="dev",
        occurred_at=datetime.now(UTC),
    )
    return make_event(data, tenant_id=tenant, source="radiant/ai-gateway")


async def _send(producer, topic: str, events) -> None:
    for event in events:
        await producer.send(topic, event.to_bytes(), key=event.kafka_key())
    await producer.flush()


async def test_a_tenant_created_with_lago_gets_its_customer_and_subscription(
    platform, kafka_producer, fresh_topic, tmp_path
):
    tenant = str(uuid.uuid4())
    created = TenantCreated(tenant_id=tenant, name="Lago Co", app_id="radiant-app", environment="dev")
    await _send(kafka_producer, fresh_topic, [make_event(created, tenant_id=tenant, source="radiant/identity")])
    worker = _start(platform, "tenants", fresh_topic, f"test-lago-tenants-{uuid.uuid4().hex[:8]}", tmp_path / "w.log")
    try:

        async def account() -> dict[str, str]:
            async with service_db(platform, "billing") as db:
                rows = await db.fetch(
                    "SELECT kind, status, external_id, wanted FROM billing.provider_syncs WHERE tenant_id = $1", tenant
                )
            return {r["kind"]: (r["status"], r["external_id"]) for r in rows}

        synced = await eventually(
            account, until=lambda a: len(a) == 2 and all(s == "synced" for s, _ in a.values()), timeout=60
        )
    finally:
        _stop(worker)
    assert synced == {"customer": ("synced", tenant), "subscription": ("synced", f"radiant-{tenant}")}


async def test_250_usage_events_reach_lago_in_3_batches_and_a_restart_sends_nothing_twice(
    platform, kafka_producer, fresh_topic, tmp_path
):
    tenant = f"t-lago-{uuid.uuid4().hex[:10]}"
    group = f"test-lago-usage-{uuid.uuid4().hex[:8]}"
    events = [_usage(tenant, f"req-{uuid.uuid4()}") for _ in range(250)]

    async def batches() -> list[list[str]]:
        async with service_db(platform, "billing") as db:
            rows = await db.fetch(
                "SELECT transaction_ids FROM billing.lago_usage_batches WHERE consumer = $1 ORDER BY sent_at", group
            )
        return [list(r["transaction_ids"]) for r in rows]

    await _send(kafka_producer, fresh_topic, events[:100])
    worker = _start(platform, "usage", fresh_topic, group, tmp_path / "w.log")
    try:
        await eventually(batches, until=lambda b: len(b) >= 1, timeout=60, what="the first batch")
        os.kill(worker.pid, signal.SIGKILL)  # mid-way: the rest is not even published yet
        worker.wait()
        # the rest, and a producer retrying 30 of the first (same request ids, new event ids)
        retried = [_usage(tenant, e.data.request_id) for e in events[:30]]
        await _send(kafka_producer, fresh_topic, [*events[100:], *retried])
        worker = _start(platform, "usage", fresh_topic, group, tmp_path / "w.log")
        sent = await eventually(batches, until=lambda b: sum(map(len, b)) >= 250, timeout=60, what="all 250 sent")
    finally:
        _stop(worker)
    assert [len(b) for b in sent] == [100, 100, 50], (tmp_path / "w.log").read_text()[-2000:]
    every_id = [t for b in sent for t in b]
    assert len(every_id) == len(set(every_id)) == 250  # nothing sent twice, same transaction ids as request ids
    assert set(every_id) == {e.data.request_id for e in events}
