"""kill -9 of an ingestion worker mid-stream, then a restart: nothing lost, nothing counted twice.

The worker is the service's own consumer (`python -m radiant_metering.worker`) on a private topic and
group, writing to the real metering schema, so the service's consumer is not disturbed.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid

from radiant_testing import eventually, kafka_login_env


def _start_worker(platform, topic: str, group: str) -> subprocess.Popen:
    # The private topic is no topic of metering's principal: the worker logs in as the Kafka admin.
    env = {**os.environ, **platform.env, **kafka_login_env(platform, "metering"), "METERING_INGEST_MAX_RECORDS": "500"}
    return subprocess.Popen(
        [sys.executable, "-m", "radiant_metering.worker", "--topic", topic, "--group", group],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


async def test_kill_9_mid_stream_then_restart_gives_exact_totals(platform, kafka_producer, fresh_topic, h):
    tenants = [f"t-{uuid.uuid4()}" for _ in range(3)]
    events = [h.usage_event(tenants[i % 3], input_tokens=i + 1, output_tokens=1) for i in range(6000)]
    group = f"test-crash-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(platform, fresh_topic, group)
    try:
        for e in events:
            await kafka_producer.send(fresh_topic, e.to_bytes(), key=e.kafka_key())
        await kafka_producer.flush()

        async def total() -> int:
            return sum([await h.request_count(platform, t) for t in tenants])

        await eventually(lambda: _above(total, 0), timeout=60, interval=0.05)
        os.kill(worker.pid, signal.SIGKILL)  # mid-stream: some batches committed, others in flight
        worker.wait()
        partial = await total()
        # redeliver a slice of everything, as a producer retry would
        for e in events[:500]:
            await kafka_producer.send(fresh_topic, e.to_bytes(), key=e.kafka_key())
        await kafka_producer.flush()
        worker = _start_worker(platform, fresh_topic, group)
        await eventually(lambda: _above(total, len(events) - 1), timeout=90)
        await asyncio.sleep(1.0)  # let any (wrong) extra batches land before the exact check
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    assert partial < len(events), "the kill should have happened mid-stream"
    for _i, tenant in enumerate(tenants):
        [row] = await h.fetch(
            platform,
            "SELECT sum(request_count) AS n, sum(input_tokens) AS i FROM metering.usage_rollups WHERE tenant_id = $1",
            tenant,
        )
        mine = [e for e in events if e.tenantid == tenant]
        assert row["n"] == len(mine)
        assert row["i"] == sum(e.data.input_tokens for e in mine)
        [mtd] = await h.fetch(
            platform, "SELECT request_count FROM metering.usage_month_to_date WHERE tenant_id = $1", tenant
        )
        assert mtd["request_count"] == len(mine)


async def _above(total, n) -> bool:
    return await total() > n
