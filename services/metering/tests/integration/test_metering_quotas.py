"""Token and storage quotas (issue 14, seed 004 §3): usage past the limit is recorded and flagged,
thresholds are published once per period, the request path's check, and the tenant's four quotas."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import httpx

from radiant_contracts import make_event
from radiant_contracts.events.billing import PlanLimits, SubscriptionChanged
from radiant_contracts.events.usage import StorageReported
from radiant_contracts.quotas import DEFAULT_PLAN_LIMITS
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import bearer, event_json, eventually, tail_topic

QUOTA = "/api/v2/metering/quota"
QUOTAS = "/api/v2/admin/quotas"
GB = 1024**3
USED = 7 * GB // 4  # 1.75 GB of 2: 87 %


async def _send(producer, event) -> None:
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())


async def _give_plan(platform, producer, h, tenant: str, *, tokens: int | None, storage_gb: int | None = 1) -> None:
    event = make_event(
        SubscriptionChanged(
            change="upgrade",
            plan="test-plan",
            status="active",
            effective_at=datetime.now(UTC),
            revision=1,
            limits=PlanLimits(max_users=5, max_agents=2, max_tokens_per_month=tokens, max_storage_gb=storage_gb),
        ),
        tenant_id=tenant,
        source="radiant/billing",
    )
    await _send(producer, event)
    await eventually(lambda: h.fetch(platform, "SELECT 1 FROM metering.quota_limits WHERE tenant_id = $1", tenant))


def _thresholds(records, tenant: str) -> list[tuple[str, int]]:
    found = []
    for record in records:
        event = event_json(record)
        if event["tenantid"] == tenant and event["type"] == "radiant.quota.threshold_crossed.v1":
            found.append((event["data"]["resource"], event["data"]["threshold_percent"]))
    return sorted(found)


async def _total_tokens(h, platform, tenant) -> int:
    rows = await h.fetch(
        platform, "SELECT coalesce(sum(total_tokens), 0) AS n FROM metering.usage_rollups WHERE tenant_id = $1", tenant
    )
    return int(rows[0]["n"])


async def test_tokens_past_the_limit_are_recorded_and_flagged_and_thresholds_published_once(
    platform, gateway, kafka_producer, make_service_key, make_token, tenant, h
):
    await _give_plan(platform, kafka_producer, h, tenant, tokens=10_000)
    events = [h.usage_event(tenant, input_tokens=2000, output_tokens=1000) for _ in range(5)]  # 3,000 each
    async with tail_topic(platform, "metering-events") as metering_events:
        for event in events:
            await _send(kafka_producer, event)
        await eventually(lambda: _total_tokens(h, platform, tenant), until=lambda n: n == 15_000)
        # A redelivery and a producer's retry of the fourth, then one more event: counted once each.
        await _send(kafka_producer, events[3])
        await _send(kafka_producer, h.usage_event(tenant, request_id=events[3].data.request_id))
        sixth = h.usage_event(tenant, input_tokens=500, output_tokens=500)
        await _send(kafka_producer, sixth)
        await eventually(lambda: _total_tokens(h, platform, tenant), until=lambda n: n == 16_000)
        await metering_events.wait_for(lambda r: event_json(r)["tenantid"] == tenant, count=2)
        await asyncio.sleep(2)  # any third threshold event would have been published by now
        published = _thresholds(metering_events.records, tenant)
    assert published == [("tokens", 80), ("tokens", 100)]

    # Every event is stored and billed; those past 10,000 tokens (the 4th, 5th and 6th) are flagged,
    # whether the limit was crossed inside a batch or before it.
    stored = await h.fetch(platform, "SELECT count(*) AS n FROM metering.usage_events WHERE tenant_id = $1", tenant)
    assert stored[0]["n"] == 6
    flagged = await h.fetch(
        platform,
        "SELECT request_id FROM metering.usage_events WHERE tenant_id = $1 AND over_quota ORDER BY occurred_at",
        tenant,
    )
    assert {r["request_id"] for r in flagged} == {
        events[3].data.request_id,
        events[4].data.request_id,
        sixth.data.request_id,
    }
    [rollup] = await h.fetch(
        platform,
        "SELECT sum(over_quota_requests) AS n, sum(over_quota_tokens) AS tokens, sum(total_tokens) AS total "
        "FROM metering.usage_rollups WHERE tenant_id = $1",
        tenant,
    )
    assert (rollup["n"], rollup["tokens"], rollup["total"]) == (3, 7_000, 16_000)

    # The request path's check: denied, nothing left.
    key = await make_service_key(tenant, scopes=("quota:read",))
    answer = await gateway.get(QUOTA, headers=key.headers)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["allowed"] is False
    assert (body["current"], body["limit"], body["remaining"], body["percentage"]) == (16_000, 10_000, 0, 100)
    assert body["upgradeUrl"] == "/admin/billing/upgrade"

    admin = bearer(make_token(role="auditor", tenant_id=tenant))
    view = await gateway.get(QUOTAS, headers=admin)
    assert view.status_code == 200, view.text
    tokens = {q["resource"]: q for q in view.json()["quotas"]}["tokens"]
    assert tokens == {
        "resource": "tokens",
        "current": 16_000,
        "limit": 10_000,
        "percentage": 100,
        "exceeded": True,
        "remaining": 0,
        "unit": "tokens",
    }
    assert view.json()["tokensOverLimit"] == {"requests": 3, "tokens": 7_000}  # the flagged events, whole


async def test_the_quota_check_answers_a_service_key_and_refuses_staff(
    platform, gateway, make_service_key, make_token, tenant, h
):
    key = await make_service_key(tenant, scopes=("quota:read",))
    answer = await gateway.get(QUOTA, headers=key.headers)
    assert answer.status_code == 200, answer.text
    limit = DEFAULT_PLAN_LIMITS["tokens"]
    assert answer.json() | {"periodStart": None, "periodEnd": None} == {
        "resource": "tokens",
        "allowed": True,
        "current": 0,
        "limit": limit,
        "remaining": limit,
        "percentage": 0,
        "periodStart": None,
        "periodEnd": None,
        "upgradeUrl": "/admin/billing/upgrade",
    }
    # Asking whether a request of more than the limit fits: no.
    too_big = await gateway.get(QUOTA, params={"tokens": limit + 1}, headers=key.headers)  # type: ignore[operator]
    assert too_big.json()["allowed"] is False
    # Directly at metering too (the AI request path may skip the gateway): the key is verified there.
    async with httpx.AsyncClient(base_url=platform.service_url("metering")) as metering:
        assert (await metering.get(QUOTA, headers=key.headers)).json()["allowed"] is True
        assert (
            await metering.get(QUOTA, headers=bearer(make_token(role="super_admin", tenant_id=tenant)))
        ).status_code == 403

    for staff in (
        make_token(role="super_admin", tenant_id=tenant),
        make_token(kind="operator"),
    ):
        refused = await gateway.get(QUOTA, headers=bearer(staff))
        assert refused.status_code == 403, refused.text
        assert refused.headers["content-type"].startswith("application/problem+json")
    producer_only = await make_service_key(tenant, scopes=("usage:write",))
    assert (await gateway.get(QUOTA, headers=producer_only.headers)).status_code == 403


async def test_storage_gauge_against_the_plan_newest_report_wins(
    platform, gateway, kafka_producer, make_token, tenant, h
):
    await _give_plan(platform, kafka_producer, h, tenant, tokens=None, storage_gb=2)
    now = datetime.now(UTC)
    newest = make_event(StorageReported(bytes_used=USED, reported_at=now), tenant_id=tenant, source=USAGE_PRODUCER)
    older = make_event(
        StorageReported(bytes_used=10, reported_at=now - timedelta(minutes=5)), tenant_id=tenant, source=USAGE_PRODUCER
    )
    async with tail_topic(platform, "metering-events") as metering_events:
        await _send(kafka_producer, newest)
        await _send(kafka_producer, older)  # late and older: ignored
        await metering_events.wait_for(lambda r: event_json(r)["tenantid"] == tenant)
        await asyncio.sleep(1)
        published = _thresholds(metering_events.records, tenant)
    assert published == [("storage", 80)]
    [threshold] = [event_json(r)["data"] for r in metering_events.records if event_json(r)["tenantid"] == tenant]
    assert threshold["current"] == USED and threshold["limit"] == 2 * GB and threshold["percentage"] == 87

    view = await gateway.get(QUOTAS, headers=bearer(make_token(role="admin", tenant_id=tenant)))
    assert view.status_code == 200, view.text
    quotas = {q["resource"]: q for q in view.json()["quotas"]}
    assert list(quotas) == ["users", "agents", "tokens", "storage"]
    assert quotas["storage"] | {} == {
        "resource": "storage",
        "current": USED,
        "limit": 2 * GB,
        "percentage": 87,
        "exceeded": False,
        "remaining": 2 * GB - USED,
        "unit": "bytes",
    }
    assert quotas["tokens"]["limit"] is None and quotas["tokens"]["percentage"] == 0  # unlimited plan
    assert quotas["users"]["limit"] == 5 and quotas["agents"]["limit"] == 2
    assert (await gateway.get(QUOTAS, headers=bearer(make_token(kind="operator")))).status_code == 403
