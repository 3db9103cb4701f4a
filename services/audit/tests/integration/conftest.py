"""Helpers for the audit service's integration tests: publish audit events, wait until stored."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.audit import Actor, ActorRef, AuditRecorded
from radiant_testing import bearer, eventually

AUDIT = "/api/v2/admin/audit"


def audit_event(
    tenant: str,
    *,
    action: str = "invitation.create",
    actor_id: str = "admin-1",
    resource_type: str = "invitation",
    resource_id: str | None = "inv-1",
    outcome: str = "success",
    at: datetime | None = None,
    event_id: str | None = None,
    impersonator: str | None = None,
    details: dict[str, Any] | None = None,
):
    actor = Actor(
        type="admin",
        id=actor_id,
        name=f"Admin {actor_id}",
        ip="198.51.100.4",
        user_agent="pytest",
        impersonator=ActorRef(type="admin", id=impersonator) if impersonator else None,
    )
    payload = AuditRecorded(
        actor=actor,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        outcome=outcome,
        details=details or {"k": "v"},
        environment="dev",
    )
    return make_event(
        payload,
        tenant_id=tenant,
        source=service_source("identity"),
        event_id=event_id or str(uuid.uuid4()),
        time=at or datetime.now(UTC),
    )


async def publish(producer, *events) -> None:
    for event in events:
        await producer.send_and_wait(
            event.topic, event.to_bytes(), key=event.kafka_key(), headers=event.kafka_headers()
        )


async def wait_for_entries(
    client: httpx.AsyncClient, token: str, count: int, *, timeout: float = 30.0, params: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    """Poll the log until it holds `count` entries (newest first); fail after `timeout` seconds."""

    async def entries() -> list[dict[str, Any]]:
        response = await client.get(AUDIT, params={"limit": 200, **(params or {})}, headers=bearer(token))
        assert response.status_code == 200, response.text
        return response.json()["entries"]

    return await eventually(
        entries, until=lambda found: len(found) >= count, timeout=timeout, what=f"{count} stored entries"
    )


@pytest.fixture(name="audit_event")
def _audit_event_fixture():
    return audit_event


@pytest.fixture(name="publish")
def _publish_fixture(kafka_producer):
    async def _publish(*events) -> None:
        await publish(kafka_producer, *events)

    return _publish


@pytest.fixture(name="wait_for_entries")
def _wait_for_entries_fixture(gateway):
    async def _wait(token: str, count: int, **kwargs):
        return await wait_for_entries(gateway, token, count, **kwargs)

    return _wait


@pytest.fixture
def tenant() -> str:
    return f"t-{uuid.uuid4()}"


@pytest.fixture
def auditor_token(make_token, tenant: str) -> str:
    return make_token(role="auditor", tenant_id=tenant)


@pytest.fixture
def sign_chain_heads(platform):
    """Sign every chain head that moved, now, in-process: what the service's periodic checkpoint job
    does (every `AUDIT_CHECKPOINT_INTERVAL_SECONDS`), without waiting for it."""
    from radiant_audit.config import Settings
    from radiant_audit.keys import load_checkpoint_key
    from radiant_audit.service import write_checkpoints
    from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work

    async def _sign() -> None:
        settings = Settings()
        engine = create_engine(settings)
        try:
            async with unit_of_work(create_sessionmaker(engine)) as session:
                await write_checkpoints(session, load_checkpoint_key(settings))
        finally:
            await engine.dispose()

    return _sign
