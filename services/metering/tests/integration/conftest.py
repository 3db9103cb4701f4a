"""Helpers for metering's integration tests: usage events, the rollups, the service's DB."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from radiant_contracts import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import service_db


def usage_event(
    tenant: str,
    *,
    request_id: str | None = None,
    model_id: str = "gpt-4o",
    input_tokens: int = 1000,
    output_tokens: int = 500,
    occurred_at: datetime | None = None,
    **extra: Any,
):
    payload = UsageRecorded(
        request_id=request_id or str(uuid.uuid4()),
        provider_id=extra.pop("provider_id", "openai"),
        model_id=model_id,
        model_name=extra.pop("model_name", model_id),
        request_type="chat",
        input_tokens=input_tokens,
        output_tokens=output_tokens,
        latency_ms=extra.pop("latency_ms", 100),
        app_id="radiant-app",
        environment="dev",
        occurred_at=occurred_at or datetime.now(UTC),
        **extra,
    )
    return make_event(payload, tenant_id=tenant, source=USAGE_PRODUCER)  # a source allowed to publish usage


async def fetch(stack, sql: str, *args: Any) -> list[Any]:
    async with service_db(stack, "metering") as conn:
        return await conn.fetch(sql, *args)


async def request_count(stack, tenant: str) -> int:
    rows = await fetch(
        stack, "SELECT coalesce(sum(request_count), 0) AS n FROM metering.usage_rollups WHERE tenant_id = $1", tenant
    )
    return int(rows[0]["n"])


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4()}"


class Helpers:
    """The helpers above, as a fixture (test modules cannot import conftest under importlib mode)."""

    usage_event = staticmethod(usage_event)
    fetch = staticmethod(fetch)
    request_count = staticmethod(request_count)


@pytest.fixture
def h() -> Helpers:
    return Helpers()
