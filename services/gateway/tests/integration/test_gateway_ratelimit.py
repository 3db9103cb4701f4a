"""Rate limits, with a gateway instance of our own (tight limits) against the real Redis and services."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest_asyncio
import redis.asyncio as aioredis
from redis.exceptions import RedisError

from radiant_gateway.config import Settings
from radiant_gateway.main import create_service_app
from radiant_gateway.ratelimit import RateLimiter
from radiant_testing import bearer


@pytest_asyncio.fixture
async def tight_gateway(platform) -> AsyncIterator[httpx.AsyncClient]:
    settings = Settings(tenant_rate_per_second=1, tenant_burst=3, ip_rate_per_second=1, ip_burst=2)
    app = create_service_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(f"10.9.{uuid.uuid4().int % 250}.1", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client


async def test_tenant_over_its_limit_gets_429_with_retry_after_and_other_tenants_do_not(tight_gateway, make_token):
    busy = bearer(make_token(tenant_id=str(uuid.uuid4())))
    statuses = [(await tight_gateway.get("/api/v2/me", headers=busy)).status_code for _ in range(6)]
    assert statuses[:3] == [200, 200, 200]  # the burst of three at once
    assert 429 in statuses[3:]
    limited = await tight_gateway.get("/api/v2/me", headers=busy)
    assert limited.status_code == 429
    assert int(limited.headers["retry-after"]) >= 1
    assert limited.headers["content-type"].startswith("application/problem+json")

    quiet = bearer(make_token(tenant_id=str(uuid.uuid4())))
    assert (await tight_gateway.get("/api/v2/me", headers=quiet)).status_code == 200


async def test_public_routes_are_limited_per_client_ip(tight_gateway):
    statuses = [(await tight_gateway.get("/.well-known/jwks.json")).status_code for _ in range(6)]
    assert statuses[:2] == [200, 200]
    assert statuses[-1] == 429


async def test_gcra_allows_the_burst_then_names_the_wait(stack):
    client = aioredis.from_url(stack["REDIS_URL"])
    limiter = RateLimiter(client, prefix=f"test:{uuid.uuid4().hex}")
    try:
        decisions = [await limiter.hit("s", rate_per_second=0.01, burst=5) for _ in range(6)]
        assert [d.allowed for d in decisions] == [True] * 5 + [False]
        assert decisions[-1].retry_after_seconds > 90  # the next slot is 100 s away at 0.01/s
    finally:
        await client.aclose()


@pytest_asyncio.fixture
async def two_gateway_processes(platform) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient]]:
    """Two gateways with their own runtimes (Redis clients, caches), as two GATEWAY_WORKERS are."""
    settings = Settings(tenant_rate_per_second=0.01, tenant_burst=4)
    first, second = create_service_app(settings), create_service_app(settings)
    async with first.router.lifespan_context(first), second.router.lifespan_context(second):
        address = (f"10.8.{uuid.uuid4().int % 250}.1", 5000)
        async with (
            httpx.AsyncClient(transport=httpx.ASGITransport(app=first, client=address), base_url="http://gw") as a,
            httpx.AsyncClient(transport=httpx.ASGITransport(app=second, client=address), base_url="http://gw") as b,
        ):
            yield a, b


async def test_a_tenants_limit_is_one_allowance_across_gateway_processes(two_gateway_processes, make_token):
    """Calls spread over two processes spend one allowance: the burst of four, then 429 from both."""
    first, second = two_gateway_processes
    tenant = bearer(make_token(tenant_id=str(uuid.uuid4())))
    statuses = [(await (first, second)[i % 2].get("/api/v2/me", headers=tenant)).status_code for i in range(8)]
    assert statuses[:4] == [200] * 4
    assert statuses[4:] == [429] * 4  # at 0.01/s no slot frees up during the test


class _CountingConnection(aioredis.Connection):
    """A real connection that counts what it writes: one write is one round trip to Redis."""

    writes = 0

    async def send_packed_command(self, command, check_health=True):  # type: ignore[no-untyped-def]
        type(self).writes += 1
        await super().send_packed_command(command, check_health)


@pytest_asyncio.fixture
async def counted_limiter(stack) -> AsyncIterator[tuple[RateLimiter, type[_CountingConnection]]]:
    counting = type("Counting", (_CountingConnection,), {"writes": 0})
    pool = aioredis.ConnectionPool.from_url(stack["REDIS_URL"], connection_class=counting)
    client = aioredis.Redis(connection_pool=pool)
    try:
        yield RateLimiter(client, prefix=f"test:{uuid.uuid4().hex}"), counting
    finally:
        await client.aclose()


async def test_hits_made_together_go_to_redis_in_one_round_trip(counted_limiter):
    limiter, connection = counted_limiter
    await limiter.hit("warm-up", rate_per_second=100, burst=10)  # connects, loads the script
    connection.writes = 0
    decisions = await asyncio.gather(*(limiter.hit(f"s{i}", rate_per_second=100, burst=10) for i in range(20)))
    assert all(d.allowed for d in decisions)
    assert connection.writes == 1


async def test_hits_made_together_on_one_key_are_each_decided_on_their_own(counted_limiter):
    """Eight at once against a burst of five: five allowed, three told to wait, as one by one."""
    limiter, _ = counted_limiter
    decisions = await asyncio.gather(*(limiter.hit("same", rate_per_second=0.01, burst=5) for _ in range(8)))
    assert [d.allowed for d in decisions] == [True] * 5 + [False] * 3
    assert all(d.retry_after_seconds > 90 for d in decisions[5:])


async def test_hits_made_together_survive_a_flushed_script_cache(counted_limiter):
    limiter, _ = counted_limiter
    await limiter.hit("warm-up", rate_per_second=100, burst=10)
    await limiter._redis.script_flush()  # as after a Redis restart
    decisions = await asyncio.gather(*(limiter.hit(f"s{i}", rate_per_second=100, burst=10) for i in range(5)))
    assert all(d.allowed for d in decisions)


async def test_every_caller_of_a_pipeline_gets_redis_unreachable():
    client = aioredis.Redis(port=1, socket_connect_timeout=0.5, retry=None)  # nothing listens on port 1
    limiter = RateLimiter(client, prefix="unreachable")
    try:
        outcomes = await asyncio.gather(
            *(limiter.hit(f"s{i}", rate_per_second=100, burst=10) for i in range(3)), return_exceptions=True
        )
    finally:
        await client.aclose()
    assert all(isinstance(outcome, RedisError) for outcome in outcomes)  # the gateway fails open on these
