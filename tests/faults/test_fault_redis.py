"""Case c (issue 18): Redis flushed (FLUSHALL), then killed and restarted. The month-to-date counters,
the quota limits and the producers' keys are copies of the database; they are rebuilt without a
manual step, and meanwhile the AI request path's quota check never wrongly allows (a tenant over its
tokens) nor wrongly refuses (a tenant under them, a valid key answered 401): it answers from the
database or, while a key cannot be verified yet, 503 with Retry-After."""

from __future__ import annotations

import time
from typing import Any

import httpx
import redis.asyncio as aioredis

from radiant_testing import eventually, service_db
from radiant_testing.fault_stack import FaultStack
from radiant_testing.onboarding import new_tenant

OVER_EVENTS, OVER_TOKENS = 250, 5000  # 1.25M tokens: past the default plan's 1M a month
UNDER_EVENTS, UNDER_TOKENS = 10, 1000
READY_MARKS = ("metering:mtd-ready", "metering:quota-limits-ready", "rk:published")


async def quota_answer(gateway: httpx.AsyncClient, key: Any) -> tuple[int, bool | None]:
    response = await gateway.get("/api/v2/metering/quota", headers=key.headers)
    if response.status_code == 503:  # a key that cannot be verified yet: "retry", naming the cache
        named = response.json().get("dependency") == "cache" and int(response.headers.get("retry-after", 0)) > 0
        return (503 if named else 599), None
    return response.status_code, response.json().get("allowed") if response.status_code == 200 else None


async def mtd_in_db(stack, tenant: str) -> int:
    async with service_db(stack, "metering") as conn:
        return int(
            await conn.fetchval(
                "SELECT coalesce(sum(request_count), 0) FROM metering.usage_month_to_date WHERE tenant_id = $1", tenant
            )
        )


async def mtd_in_redis(redis: aioredis.Redis, tenant: str) -> int:
    total = 0
    async for key in redis.scan_iter(match=f"metering:mtd:{tenant}:*"):
        total += int(await redis.hget(key, "request_count") or 0)
    return total


async def through_the_rebuild(gateway, over_key, under_key, redis, stack, tenants) -> dict[str, Any]:
    """Ask both tenants' quota until Redis holds every copy again; every answer is checked."""
    started = time.monotonic()
    seen: dict[str, Any] = {"answers": 0, "wrong": [], "unavailable": 0}

    async def rebuilt() -> bool:
        for key, expected in ((over_key, False), (under_key, True)):
            status, allowed = await quota_answer(gateway, key)
            seen["answers"] += 1
            if status == 503:
                seen["unavailable"] += 1
            elif status != 200 or allowed is not expected:
                seen["wrong"].append((status, allowed, expected))
        marks = await redis.exists(*READY_MARKS)
        copies = [await mtd_in_redis(redis, t) == await mtd_in_db(stack, t) for t in tenants]
        return marks == len(READY_MARKS) and all(copies)

    try:
        await eventually(rebuilt, timeout=90, interval=0.2, what="Redis's copies rebuilt")
    except AssertionError:
        seen["recovered_in"] = float("inf")  # never rebuilt: the figures say so, the test fails below
    else:
        seen["recovered_in"] = time.monotonic() - started
    return seen


async def test_redis_flush_and_restart_rebuild_and_quotas_are_never_wrong(
    fault_stack: FaultStack, stack, gateway: httpx.AsyncClient, kafka_producer, make_service_key, usage, figures
) -> None:
    over, under = new_tenant(), new_tenant()
    await usage.send(kafka_producer, usage.of_tenant(over, OVER_EVENTS, input_tokens=OVER_TOKENS))
    await usage.send(kafka_producer, usage.of_tenant(under, UNDER_EVENTS, input_tokens=UNDER_TOKENS))
    await eventually(lambda: mtd_in_db(stack, over), until=lambda n: n == OVER_EVENTS, timeout=120)
    await eventually(lambda: mtd_in_db(stack, under), until=lambda n: n == UNDER_EVENTS, timeout=120)
    over_key = await make_service_key(tenant_id=over, scopes=("quota:read",))
    under_key = await make_service_key(tenant_id=under, scopes=("quota:read",))
    assert await eventually(lambda: quota_answer(gateway, over_key), until=lambda a: a == (200, False)) == (200, False)
    assert await eventually(lambda: quota_answer(gateway, under_key), until=lambda a: a == (200, True)) == (200, True)

    redis = aioredis.from_url(stack["REDIS_URL"])
    try:
        await redis.flushall()
        flushed = await through_the_rebuild(gateway, over_key, under_key, redis, stack, [over, under])
        await redis.aclose()

        fault_stack.kill("redis")
        fault_stack.start("redis")
        redis = aioredis.from_url(stack["REDIS_URL"])
        restarted = await through_the_rebuild(gateway, over_key, under_key, redis, stack, [over, under])
        copies = {t: await mtd_in_redis(redis, t) for t in (over, under)}
    finally:
        await redis.aclose()

    expected = {over: OVER_EVENTS, under: UNDER_EVENTS}
    lost = sum(max(0, expected[t] - copies[t]) for t in expected)
    twice = sum(max(0, copies[t] - expected[t]) for t in expected)
    for name, seen in (("redis-flushall", flushed), ("redis-restart", restarted)):
        figures.record(
            name,
            sent=OVER_EVENTS + UNDER_EVENTS,
            stored=sum(copies.values()),
            lost=lost,
            twice=twice,
            recovered_in=seen["recovered_in"],
            quota_answers=seen["answers"],
            answered_503=seen["unavailable"],
            wrong=len(seen["wrong"]),
        )
    assert flushed["wrong"] == [] and restarted["wrong"] == [], (flushed["wrong"][:5], restarted["wrong"][:5])
    assert (lost, twice) == (0, 0)
    assert flushed["recovered_in"] < float("inf") and restarted["recovered_in"] < float("inf"), "not rebuilt"
