"""`/readyz` says which dependency is down, never how (issue 12, Low): hosts, ports and driver
messages go to the log, where an operator reads them, not to whoever can reach the port."""

from __future__ import annotations

import logging

import httpx
import redis.asyncio as aioredis

from radiant_platform.app import Runtime, ServiceSpec, check_readiness, create_app
from radiant_platform.settings import ServiceSettings

CLOSED_PORT = "redis://127.0.0.1:1/0"  # nothing listens on port 1


async def test_a_dependency_that_is_down_is_reported_as_down_and_its_error_only_logged(caplog):
    settings = ServiceSettings(service_name="readiness-test")
    rt: Runtime[None] = Runtime(spec=ServiceSpec(settings=settings, title="t"), settings=settings)
    rt.redis = aioredis.from_url(CLOSED_PORT, socket_connect_timeout=0.5)
    rt.start_error = "KafkaConnectionError: Unable to bootstrap from [('127.0.0.1', 9092, <AddressFamily.AF_INET: 2>)]"
    try:
        with caplog.at_level(logging.WARNING, logger="radiant_platform.app"):
            checks = await check_readiness(rt)
    finally:
        await rt.redis.aclose()
    assert checks == {"redis": "down", "startup": "down"}
    assert "127.0.0.1" in caplog.text  # the detail is in the log


async def test_readyz_answers_503_with_only_the_states():
    settings = ServiceSettings(service_name="readiness-test")
    app = create_app(ServiceSpec(settings=settings, title="t", uses_kafka=False))
    rt: Runtime[None] = Runtime(spec=ServiceSpec(settings=settings, title="t"), settings=settings)
    rt.redis = aioredis.from_url(CLOSED_PORT, socket_connect_timeout=0.5)
    rt.started = True
    app.state.runtime = rt
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            response = await client.get("/readyz")
    finally:
        await rt.redis.aclose()
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["checks"] == {"redis": "down"}
    assert "127.0.0.1" not in response.text and "Error" not in response.text
