"""A tenant's own raw-usage retention (issue 13: `dataRetention.usageDetailDays`, identity's settings):
metering's storage job deletes the tenant's raw events and hourly rows older than its preference; its
daily rollups (what invoices stand on) and every other tenant's detail stay. The preferences come over
identity's internal route, which answers metering only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from radiant_metering.config import Settings
from radiant_metering.usage_retention import service as retention
from radiant_metering.usage_retention.identity_client import IdentityRetention, RetentionUnavailable
from radiant_platform.db import create_engine, create_sessionmaker
from radiant_testing import bearer, eventually
from radiant_testing.internal import internal_client, signer_for

SETTINGS = "/api/v2/admin/settings"
PREFERENCES = "/internal/v1/tenants/usage-retention"
MIN_DAYS = 7  # identity's USAGE_DETAIL_DAYS_MIN


async def _detail(h, platform, tenant: str) -> tuple[list[int], list[int], int]:
    """(ages in days of the raw events, of the hourly rows, requests in the daily rollups)."""
    now = datetime.now(UTC)
    events = await h.fetch(platform, "SELECT occurred_at FROM metering.usage_events WHERE tenant_id = $1", tenant)
    hours = await h.fetch(platform, "SELECT usage_hour FROM metering.usage_hourly WHERE tenant_id = $1", tenant)
    return (
        sorted((now - r["occurred_at"]).days for r in events),
        sorted((now - r["usage_hour"]).days for r in hours),
        await h.request_count(platform, tenant),
    )


async def _round(platform, now: datetime) -> retention.Trimmed:
    """One round of the job's per-tenant part, as metering runs it (its database login, its key)."""
    settings = Settings()
    engine = create_engine(settings)
    try:
        async with httpx.AsyncClient() as http:
            preferences = IdentityRetention(http, platform.service_url("identity"), signer_for(platform, "metering"))
            return await retention.trim_round(
                create_sessionmaker(engine), preferences, now=now, platform_days=settings.raw_retention_days
            )
    finally:
        await engine.dispose()


async def test_a_tenants_shorter_retention_deletes_only_its_older_raw_detail(
    platform, gateway, make_token, kafka_producer, h
):
    short, default = f"t-{uuid.uuid4()}", f"t-{uuid.uuid4()}"
    saved = await gateway.put(
        SETTINGS,
        json={"dataRetention": {"usageDetailDays": MIN_DAYS}},
        headers=bearer(make_token(role="admin", tenant_id=short)),
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["settings"]["dataRetention"]["usageDetailDays"] == MIN_DAYS

    now = datetime.now(UTC)
    ages = (2, MIN_DAYS + 3, 30)  # days old: kept, then past a 7-day preference (but within the platform's 90)
    for tenant in (short, default):
        for age in ages:
            event = h.usage_event(tenant, occurred_at=now - timedelta(days=age))
            await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
    for tenant in (short, default):
        await eventually(lambda t=tenant: h.request_count(platform, t), until=lambda n: n == 3, what="3 events")
    assert await _detail(h, platform, short) == ([2, MIN_DAYS + 3, 30], [2, MIN_DAYS + 3, 30], 3)

    trimmed = await _round(platform, now)

    assert trimmed.asked and trimmed.events >= 2 and trimmed.hours >= 2
    # The short tenant's raw events and hourly rows past 7 days are gone; its daily rollups all stay.
    assert await _detail(h, platform, short) == ([2], [2], 3)
    # A tenant on the default (the platform's 90 days) keeps everything.
    assert await _detail(h, platform, default) == ([2, MIN_DAYS + 3, 30], [2, MIN_DAYS + 3, 30], 3)


async def test_identity_unreachable_skips_the_per_tenant_part_of_the_round(platform):
    settings = Settings()
    engine = create_engine(settings)
    try:
        async with httpx.AsyncClient() as http:
            # Nothing listens on port 9 (discard): the call fails like an identity that is down.
            preferences = IdentityRetention(http, "http://127.0.0.1:9", signer_for(platform, "metering"))
            with pytest.raises(RetentionUnavailable):
                await preferences.shorter_preferences()
            trimmed = await retention.trim_round(
                create_sessionmaker(engine),
                preferences,
                now=datetime.now(UTC),
                platform_days=settings.raw_retention_days,
            )
    finally:
        await engine.dispose()
    assert trimmed == retention.Trimmed(0, 0, 0, asked=False)


async def test_the_preferences_route_answers_metering_only(platform, make_token):
    async with internal_client(platform, caller="metering", callee="identity") as client:
        allowed = await client.get(PREFERENCES)
    assert allowed.status_code == 200, allowed.text
    assert allowed.json()["maxDays"] == 90
    assert all(t["usageDetailDays"] < 90 for t in allowed.json()["tenants"])
    for caller in ("billing", "approval", "gateway", "audit"):
        async with internal_client(platform, caller=caller, callee="identity") as client:
            refused = await client.get(PREFERENCES)
        assert refused.status_code == 403, (caller, refused.text)
        assert refused.json()["allowed_services"] == ["metering"]
    async with internal_client(platform, caller=None, callee="identity") as client:
        anonymous = await client.get(PREFERENCES)
        user = await client.get(PREFERENCES, headers=bearer(make_token(role="super_admin")))
    assert anonymous.status_code == 401 and user.status_code == 401
