"""A suspended tenant's usage is still metered and billed, and flagged (seed 004 §1): metering keeps a
copy of the tenant's suspensions from `tenant-events` and marks usage that occurred inside one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radiant_contracts import make_event
from radiant_contracts.events.tenant import TenantReactivated, TenantSuspended
from radiant_testing import bearer, eventually

IDENTITY = "radiant/identity"  # the one source allowed to publish tenant events


async def _send(producer, event) -> None:
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())


def _status_event(model, tenant: str, at: datetime):
    payload = model(tenant_id=tenant, name="Suspendable", app_id="radiant-app", environment="dev")
    return make_event(payload, tenant_id=tenant, source=IDENTITY, time=at)


async def _intervals(h, stack, tenant):
    return await h.fetch(
        stack,
        "SELECT suspended_from, suspended_until FROM metering.tenant_suspensions WHERE tenant_id = $1"
        " ORDER BY suspended_from",
        tenant,
    )


async def test_usage_that_occurred_while_suspended_is_metered_and_flagged(
    platform, gateway, make_token, kafka_producer, tenant, h
):
    now = datetime.now(UTC).replace(microsecond=0)
    first_suspension = _status_event(TenantSuspended, tenant, now - timedelta(hours=2))
    reactivation = _status_event(TenantReactivated, tenant, now - timedelta(hours=1))
    second_suspension = _status_event(TenantSuspended, tenant, now - timedelta(minutes=10))
    for event in (first_suspension, reactivation, second_suspension, first_suspension):  # last: a redelivery
        await _send(kafka_producer, event)
    await eventually(lambda: _intervals(h, platform, tenant), until=lambda rows: len(rows) == 2)
    assert [(r["suspended_from"], r["suspended_until"]) for r in await _intervals(h, platform, tenant)] == [
        (now - timedelta(hours=2), now - timedelta(hours=1)),
        (now - timedelta(minutes=10), None),  # still suspended
    ]

    usage = {
        "before": h.usage_event(tenant, occurred_at=now - timedelta(hours=3)),
        "during": h.usage_event(tenant, occurred_at=now - timedelta(minutes=90)),
        "between": h.usage_event(tenant, occurred_at=now - timedelta(minutes=30)),
        "now": h.usage_event(tenant, occurred_at=now - timedelta(minutes=1)),
    }
    for event in usage.values():
        await _send(kafka_producer, event)
    await _send(kafka_producer, usage["during"])  # a redelivery is counted once, flagged once
    await eventually(lambda: h.request_count(platform, tenant), until=lambda n: n >= 4)

    rows = await h.fetch(
        platform,
        "SELECT request_id, tenant_suspended, billed_cost FROM metering.usage_events WHERE tenant_id = $1",
        tenant,
    )
    flagged = {r["request_id"]: r["tenant_suspended"] for r in rows}
    assert flagged == {
        usage["before"].data.request_id: False,
        usage["during"].data.request_id: True,
        usage["between"].data.request_id: False,
        usage["now"].data.request_id: True,
    }
    assert all(r["billed_cost"] > 0 for r in rows)  # metered and billed all the same

    # The usage API shows it: the summary's totals and the daily rollups.
    token = bearer(make_token(role="admin", tenant_id=tenant))
    period = {"startDate": (now - timedelta(days=1)).date().isoformat(), "endDate": now.date().isoformat()}
    summary = (await gateway.get("/api/v2/metering/summary", params=period, headers=token)).json()
    assert summary["totals"]["requests"] == 4 and summary["totals"]["suspendedRequests"] == 2
    rollups = (await gateway.get("/api/v2/metering/rollups", params=period, headers=token)).json()["rollups"]
    assert sum(r["suspendedRequests"] for r in rollups) == 2
    assert sum(r["requestCount"] for r in rollups) == 4


async def test_reactivation_ends_the_flagging(platform, kafka_producer, tenant, h):
    now = datetime.now(UTC).replace(microsecond=0)
    await _send(kafka_producer, _status_event(TenantSuspended, tenant, now - timedelta(minutes=20)))
    await _send(kafka_producer, _status_event(TenantReactivated, tenant, now - timedelta(minutes=5)))
    await eventually(
        lambda: _intervals(h, platform, tenant), until=lambda rows: rows and rows[0]["suspended_until"] is not None
    )
    after = h.usage_event(tenant, occurred_at=now)
    await _send(kafka_producer, after)
    await eventually(lambda: h.request_count(platform, tenant), until=lambda n: n >= 1)
    [row] = await h.fetch(
        platform, "SELECT tenant_suspended FROM metering.usage_events WHERE request_id = $1", after.data.request_id
    )
    assert row["tenant_suspended"] is False
