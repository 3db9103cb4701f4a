"""Case a (issue 18): kill -9 of the metering service during a 200k-event ingest on `usage-events`,
then a restart: the daily rollups and the month-to-date counters are exact — nothing lost, nothing
counted twice — with a slice of the stream delivered again, as producer retries would."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from radiant_testing import eventually
from radiant_testing.fault_stack import FaultStack

EVENTS = int(os.environ.get("FAULTS_METERING_EVENTS", "200000"))
REDELIVERED = EVENTS // 20

pytestmark = pytest.mark.timeout(1200)  # 200k events through one metering process, on a shared machine


async def test_kill_9_metering_mid_ingest_then_restart_gives_exact_rollups(
    fault_stack: FaultStack, stack, kafka_producer, usage, figures
) -> None:
    batch = usage.batch(EVENTS)
    expected = batch.requests

    async def ingested() -> int:
        return sum((await usage.stored(stack, batch.tenants))[0].values())

    metering = fault_stack.pid("metering")
    sending = asyncio.create_task(usage.send(kafka_producer, batch.records))
    try:
        # mid-stream: some batches committed, others in flight, more still being produced
        await eventually(ingested, until=lambda n: n >= EVENTS // 10, timeout=300, interval=0.1)
        fault_stack.kill("metering", pid=metering)
        at_kill = await ingested()
        await sending
    finally:
        sending.cancel()
    await usage.send(kafka_producer, batch.records[:REDELIVERED])  # redeliveries while it is down

    restarted = time.monotonic()
    fault_stack.start("metering")
    await eventually(ingested, until=lambda n: n >= EVENTS, timeout=300, interval=0.5)
    recovered_in = time.monotonic() - restarted
    await asyncio.sleep(2)  # any (wrong) extra batch lands before the exact check

    requests, tokens, month_to_date = await usage.stored(stack, batch.tenants)
    lost, twice = usage.lost_and_twice(expected, requests)
    figures.record(
        "kill-9-metering-200k",
        sent=EVENTS + REDELIVERED,
        stored=sum(requests.values()),
        lost=lost,
        twice=twice,
        recovered_in=recovered_in,
        at_kill=at_kill,
        redelivered=REDELIVERED,
    )
    assert at_kill < EVENTS, "the kill should have happened mid-ingest"
    assert (lost, twice) == (0, 0)
    assert tokens == batch.input_tokens
    assert month_to_date == expected
