"""Notification digests against the real database and SMTP inbox: a profile's hourly frequency turns a
period's notifications into one email, sent once however many rounds (or replicas) run, and a
notification that commits after its period's digest went out waits for the next one."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.approval import ApprovalRequested
from radiant_identity.config import Settings
from radiant_identity.digests import service as digests
from radiant_identity.digests.periods import period_end
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_testing import bearer, eventually
from radiant_testing.onboarding import new_tenant


@pytest.fixture
async def digest_round():
    """One round of the digest job, in-process, at a chosen time (the service runs the same code
    every minute at the real time, which is never past these notifications' period during a test)."""
    settings = Settings()
    engine = create_engine(settings)
    sessions = create_sessionmaker(engine)

    async def run(now: datetime) -> int:
        async with unit_of_work(sessions) as session:
            return await digests.send_due_digests(session, settings, now)

    yield run
    await engine.dispose()


async def _request_approval(kafka_producer, tenant: str, action: str) -> None:
    requested = ApprovalRequested(
        approval_id=str(uuid.uuid4()),
        approval_type="deployment",
        action=action,
        resource_type="service",
        resource_id="api",
        details={},
        requested_by=str(uuid.uuid4()),
        requested_by_name="Grace Hopper",
        environment="dev",
        priority="medium",
        expires_at=datetime.now(UTC) + timedelta(hours=24),
    )
    event = make_event(requested, tenant_id=tenant, source=service_source("approval"))
    await kafka_producer.send_and_wait(
        event.topic, event.to_bytes(), key=event.kafka_key(), headers=event.kafka_headers()
    )


async def _notifications(gateway, token: str) -> list[dict[str, Any]]:
    return (await gateway.get("/api/v2/admin/notifications", headers=bearer(token))).json()["notifications"]


async def _digest_mails(inbox, to: str) -> list[dict[str, Any]]:
    return [
        m
        for m in await inbox.messages()
        if to in [a.get("address", "").lower() for a in m.get("to", [])] and "digest" in m.get("subject", "")
    ]


async def test_an_hourly_profile_gets_one_digest_per_period_never_twice(
    gateway, onboard, login, kafka_producer, admin_db, inbox, digest_round
):
    tenant = new_tenant()
    approver = await onboard(tenant, role="super_admin")
    token = (await login(approver)).json()["accessToken"]
    profile = await gateway.put(
        "/api/v2/admin/profile",
        headers=bearer(token),
        json={"timezone": "UTC", "notifications": {"method": "email", "frequency": "hourly"}},
    )
    assert profile.status_code == 200, profile.text

    await _request_approval(kafka_producer, tenant, "deploy_alpha")
    await _request_approval(kafka_producer, tenant, "deploy_beta")
    await eventually(lambda: _notifications(gateway, token), until=lambda n: len(n) == 2, what="two notifications")

    rows = await admin_db.fetch(
        "SELECT created_at, email_due_at, email_sent FROM identity.admin_notifications WHERE admin_id = $1::uuid",
        approver.id,
    )
    due = {r["email_due_at"] for r in rows}
    assert due == {period_end("hourly", min(r["created_at"] for r in rows), "UTC")} and not any(
        r["email_sent"] for r in rows
    )
    # Not one email each (the `immediate` behaviour): nothing queued for these notifications.
    queued = await admin_db.fetchval(
        "SELECT count(*) FROM identity.email_outbox WHERE to_address = $1 AND subject LIKE 'Approval Required%'",
        approver.email,
    )
    assert queued == 0

    # Past the period's end, rounds racing each other (two replicas, a restart) send one digest.
    after = due.pop() + timedelta(seconds=1)
    await asyncio.gather(digest_round(after), digest_round(after))
    await digest_round(after)
    digest_rows = await admin_db.fetch(
        "SELECT id, frequency, notification_count FROM identity.notification_digests WHERE admin_id = $1::uuid",
        approver.id,
    )
    assert [(r["frequency"], r["notification_count"]) for r in digest_rows] == [("hourly", 2)]
    mail = await inbox.wait_for(approver.email, subject_contains="hourly")
    assert "deploy_alpha" in mail["text"] and "deploy_beta" in mail["text"]
    assert mail["subject"].endswith("2 notifications")
    await asyncio.sleep(2)  # the mailer polls every second: a second digest would be in by now
    assert len(await _digest_mails(inbox, approver.email)) == 1
    marked = await admin_db.fetch(
        "SELECT email_sent, email_due_at, digest_id FROM identity.admin_notifications WHERE admin_id = $1::uuid",
        approver.id,
    )
    assert all(r["email_sent"] and r["email_due_at"] is None and r["digest_id"] == digest_rows[0]["id"] for r in marked)

    # A notification of the same period that commits after its digest went out waits for the next period.
    await _request_approval(kafka_producer, tenant, "deploy_gamma")
    await eventually(lambda: _notifications(gateway, token), until=lambda n: len(n) == 3, what="a third notification")
    await admin_db.execute(
        "UPDATE identity.admin_notifications SET email_due_at = $2 WHERE admin_id = $1::uuid AND email_due_at IS NOT NULL",
        approver.id,
        after - timedelta(seconds=1),
    )
    await digest_round(after)
    late = await admin_db.fetchval(
        "SELECT email_due_at FROM identity.admin_notifications WHERE admin_id = $1::uuid AND email_due_at IS NOT NULL",
        approver.id,
    )
    assert late == period_end("hourly", after, "UTC")
    assert (
        await admin_db.fetchval(
            "SELECT count(*) FROM identity.notification_digests WHERE admin_id = $1::uuid", approver.id
        )
        == 1
    )
    await digest_round(late + timedelta(seconds=1))
    await eventually(
        lambda: _digest_mails(inbox, approver.email), until=lambda m: len(m) == 2, what="the next period's digest"
    )


async def test_immediate_and_in_app_profiles_get_no_digest(
    gateway, onboard, login, kafka_producer, admin_db, digest_round
):
    tenant = new_tenant()
    approver = await onboard(tenant, role="super_admin")
    token = (await login(approver)).json()["accessToken"]
    await gateway.put(
        "/api/v2/admin/profile",
        headers=bearer(token),
        json={"notifications": {"method": "in_app", "frequency": "daily"}},
    )
    await _request_approval(kafka_producer, tenant, "deploy_delta")
    await eventually(lambda: _notifications(gateway, token), until=lambda n: len(n) == 1, what="a notification")
    waiting = await admin_db.fetchval(
        "SELECT count(*) FROM identity.admin_notifications WHERE admin_id = $1::uuid AND email_due_at IS NOT NULL",
        approver.id,
    )
    assert waiting == 0  # in-app only: nothing ever waits for an email
    await digest_round(datetime.now(UTC) + timedelta(days=8))
    assert (
        await admin_db.fetchval(
            "SELECT count(*) FROM identity.notification_digests WHERE admin_id = $1::uuid", approver.id
        )
        == 0
    )
