"""`radiant dlq` end to end on the dev stack: usage events metering dead-lettered are listed with their
reason, filtered, shown whole, and replayed to usage-events; metering counts a replayed event once,
and once again after a second replay; a record still invalid goes back to the DLQ, counted nowhere.

The valid events are dead-lettered the way a consumer whose handler failed does it (the original bytes
plus `radiant_contracts.dlq.dlq_headers`, "handler error: …"): the metering of today refuses no valid
event, so the test writes what an earlier, faulty consumer would have left. The invalid ones are refused
by the running metering consumer itself. The command runs as the `dlq-operator` principal of the stack,
as `python -m radiant_platform.dlq_cli` (what `radiant dlq` runs, without loading identity's command
first); the last test runs the installed `radiant dlq`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from radiant_contracts.dlq import DLQ_HEADER_REASON, dlq_headers
from radiant_testing import eventually, tail_topic

DLQ = "usage-events.dlq"
HANDLER_ERROR = "handler error: OperationalError: price book unavailable"
RADIANT = Path(sys.executable).with_name("radiant")


def radiant_dlq(stack, *args: str) -> subprocess.CompletedProcess[str]:
    """The command on the DLQ's last ten minutes (the topic keeps 30 days of every other test's)."""
    env = {**os.environ, **stack.env}
    since = [] if args[0] == "show" else ["--since", "10m"]  # before the test's own: its --since wins
    command = [sys.executable, "-m", "radiant_platform.dlq_cli", args[0], *since, *args[1:], "--topic", DLQ]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


def listed(stack, *filters: str) -> list[dict[str, Any]]:
    done = radiant_dlq(stack, "list", "--json", *filters)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


async def _dead_letter_as_a_failed_handler(producer, event) -> None:
    """What BatchConsumer._dead_letter_one writes: same key and bytes, the x-dlq-* headers added."""
    headers = dlq_headers(reason=HANDLER_ERROR, topic="usage-events", partition=0, offset=0, consumer="metering-usage")
    await producer.send_and_wait(DLQ, event.to_bytes(), key=event.kafka_key(), headers=headers)


async def test_dead_lettered_usage_is_listed_shown_and_replayed_once(platform, kafka_producer, tenant, h):
    valid = [h.usage_event(tenant, input_tokens=100 * (i + 1), output_tokens=10) for i in range(3)]
    negative = h.usage_event(tenant).model_dump(mode="json")
    negative["data"]["input_tokens"] = -5
    async with tail_topic(platform, DLQ) as dlq:
        await kafka_producer.send_and_wait("usage-events", json.dumps(negative).encode(), key=tenant.encode())
        await kafka_producer.send_and_wait("usage-events", b"{oops", key=tenant.encode())
        await dlq.wait_for(lambda r: r.key == tenant.encode(), count=2)  # metering refused both
    for event in valid:
        await _dead_letter_as_a_failed_handler(kafka_producer, event)

    # list: every record of the tenant with why; filters by reason
    # (A metering restarted before its offsets were committed dead-letters a record again: the DLQ is
    # at-least-once too, so the invalid two may be listed more than once.)
    records = listed(platform, "--tenant", tenant)
    reasons = {r["reason"] for r in records}
    assert len(reasons) == 3, reasons
    assert any("input_tokens" in r for r in reasons) and any("not valid JSON" in r for r in reasons), reasons
    assert [r["eventId"] for r in records if r["reason"] == HANDLER_ERROR] == [e.id for e in valid]
    by_reason = listed(platform, "--tenant", tenant, "--reason", "INPUT_TOKENS")
    assert by_reason and [r["id"] for r in by_reason] == [r["id"] for r in records if "input_tokens" in r["reason"]]
    assert {r["eventId"] for r in by_reason} == {negative["id"]}
    assert len(listed(platform, "--tenant", tenant, "--limit", "2")) == 2
    assert listed(platform, "--tenant", tenant, "--since", "2099-01-01T00:00:00Z") == []  # the last --since wins

    # show: one record whole, its original bytes readable
    first = next(r for r in records if r["reason"] == HANDLER_ERROR)
    shown = radiant_dlq(platform, "show", first["id"])
    assert shown.returncode == 0, shown.stderr
    whole = json.loads(shown.stdout)
    assert whole["dlq"]["reason"] == HANDLER_ERROR and whole["dlq"]["source_topic"] == "usage-events"
    assert whole["value"]["id"] == first["eventId"] and whole["value"]["data"]["input_tokens"] in (100, 200, 300)

    # without --yes and no terminal to ask on, nothing is sent
    unasked = radiant_dlq(platform, "replay", "--tenant", tenant, "--reason", "handler error")
    assert unasked.returncode == 1 and "pass --yes" in unasked.stdout and "nothing replayed" in unasked.stdout
    assert await h.request_count(platform, tenant) == 0

    # replay the three the faulty handler refused: counted once
    replayed = radiant_dlq(platform, "replay", "--tenant", tenant, "--reason", "handler error", "--yes")
    assert replayed.returncode == 0, replayed.stderr
    assert "replayed 3 record(s) from usage-events.dlq (3 to usage-events); skipped 0" in replayed.stdout
    await eventually(lambda: h.request_count(platform, tenant), until=lambda n: n >= 3)

    # again: metering's (tenant, request_id) dedup keeps them once; a later event proves the
    # replayed ones (same key, same partition, earlier offsets) were consumed before it
    again = radiant_dlq(platform, "replay", "--tenant", tenant, "--reason", "handler error", "--yes")
    assert "replayed 3 record(s)" in again.stdout, again.stderr
    await kafka_producer.send_and_wait(
        "usage-events", h.usage_event(tenant, input_tokens=7).to_bytes(), key=tenant.encode()
    )
    assert await eventually(lambda: h.request_count(platform, tenant), until=lambda n: n >= 4) == 4
    [row] = await h.fetch(platform, "SELECT * FROM metering.usage_rollups WHERE tenant_id = $1", tenant)
    assert row["input_tokens"] == 100 + 200 + 300 + 7

    # an invalid record replayed is refused again with its reason and counted nowhere
    async with tail_topic(platform, DLQ) as dlq:
        bad = radiant_dlq(platform, "replay", "--tenant", tenant, "--reason", "input_tokens", "--yes")
        assert f"replayed {len(by_reason)} record(s)" in bad.stdout, bad.stderr
        [back, *_] = await dlq.wait_for(lambda r: r.key == tenant.encode(), count=1, timeout=60)
    assert "input_tokens" in dict(back.headers)[DLQ_HEADER_REASON].decode()
    assert back.value == json.dumps(negative).encode()
    assert await h.request_count(platform, tenant) == 4


def test_nothing_matching_replays_nothing_and_a_topic_that_is_not_a_dlq_is_refused(platform, tenant):
    nothing = radiant_dlq(platform, "replay", "--tenant", tenant, "--yes")
    assert nothing.returncode == 0 and "nothing replayed" in nothing.stdout, nothing.stderr
    wrong = subprocess.run(
        [str(RADIANT), "dlq", "list", "--topic", "usage-events"],
        env={**os.environ, **platform.env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wrong.returncode == 2 and "not a dead-letter topic" in wrong.stderr
