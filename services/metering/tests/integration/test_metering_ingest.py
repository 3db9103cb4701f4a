"""Ingestion from Kafka: dedup, DLQ, prices and margins from their time on, approvals."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from radiant_contracts import make_event
from radiant_contracts.dlq import DLQ_HEADER_REASON
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.billing import BillingSettingsUpdated
from radiant_platform.auth import PLATFORM_TENANT
from radiant_testing import bearer, event_json, eventually, tail_topic
from radiant_testing.approvals import publish_decision


async def _send(producer, event) -> None:
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())


async def _rollups(h, stack, tenant):
    return await h.fetch(
        stack, "SELECT * FROM metering.usage_rollups WHERE tenant_id = $1 ORDER BY usage_date, model_id", tenant
    )


async def test_duplicates_count_once_and_invalid_events_go_to_the_dlq(platform, kafka_producer, tenant, h):
    events = [h.usage_event(tenant, input_tokens=100 * (i + 1), output_tokens=10) for i in range(5)]
    retry = h.usage_event(tenant, request_id=events[0].data.request_id)  # producer retry: new event id, same request
    bad_tokens = events[1].model_dump(mode="json")
    bad_tokens["data"]["input_tokens"] = -5
    import json

    async with tail_topic(platform, "usage-events.dlq") as dlq:
        for e in events:
            await _send(kafka_producer, e)
        await _send(kafka_producer, events[2])  # Kafka-style redelivery: the same bytes again
        await _send(kafka_producer, retry)
        await kafka_producer.send_and_wait("usage-events", b"{oops", key=tenant.encode())
        await kafka_producer.send_and_wait("usage-events", json.dumps(bad_tokens).encode(), key=tenant.encode())
        dead = await dlq.wait_for(lambda r: r.key == tenant.encode(), count=2)
    reasons = sorted(dict(r.headers)[DLQ_HEADER_REASON].decode() for r in dead)
    assert any("input_tokens" in x for x in reasons), reasons
    assert any("JSON" in x or "undecodable" in x for x in reasons), reasons
    assert {r.value for r in dead} == {b"{oops", json.dumps(bad_tokens).encode()}  # original bytes

    async def all_in():
        return await h.request_count(platform, tenant) >= 5

    await eventually(all_in)
    [row] = await _rollups(h, platform, tenant)
    assert row["request_count"] == 5
    assert row["input_tokens"] == 100 + 200 + 300 + 400 + 500
    assert row["output_tokens"] == 50
    # gpt-4o: 1500 input × 2.5 + 50 output × 10, per million
    assert row["provider_cost"] == Decimal("0.0042500000")
    assert row["billed_cost"] == Decimal("0.0051000000")
    raw = await h.fetch(platform, "SELECT count(*) AS n FROM metering.usage_events WHERE tenant_id = $1", tenant)
    assert raw[0]["n"] == 5


async def test_margin_changes_apply_from_their_time_on(platform, kafka_producer, tenant, h):
    change_at = datetime.now(UTC) - timedelta(hours=1)
    settings = make_event(
        BillingSettingsUpdated(margin_percent=Decimal("50.00"), effective_at=change_at),
        tenant_id=tenant,
        source="radiant/billing",
    )
    await _send(kafka_producer, settings)

    async def margin_stored():
        return await h.fetch(platform, "SELECT * FROM metering.tenant_margins WHERE tenant_id = $1", tenant)

    await eventually(margin_stored)
    before = h.usage_event(
        tenant, input_tokens=1_000_000, output_tokens=0, occurred_at=change_at - timedelta(minutes=5)
    )
    after = h.usage_event(tenant, input_tokens=1_000_000, output_tokens=0, occurred_at=change_at + timedelta(minutes=5))
    for e in (before, after):
        await _send(kafka_producer, e)
    await eventually(lambda: _count_at_least(h, platform, tenant, 2))
    rows = await h.fetch(
        platform,
        "SELECT request_id, billed_cost, margin_percent FROM metering.usage_events WHERE tenant_id = $1",
        tenant,
    )
    by_request = {r["request_id"]: r for r in rows}
    assert by_request[before.data.request_id]["billed_cost"] == Decimal("3.0000000000")  # 2.50 × 1.20
    assert by_request[after.data.request_id]["billed_cost"] == Decimal("3.7500000000")  # 2.50 × 1.50
    assert by_request[after.data.request_id]["margin_percent"] == Decimal("50.00")


async def _count_at_least(h, platform, tenant, n):
    return await h.request_count(platform, tenant) >= n


async def test_price_changes_apply_from_their_time_never_retroactively(
    platform, gateway, make_token, kafka_producer, tenant, h
):
    token = bearer(make_token(kind="operator"))  # the registry is the platform's: operators price it
    model = f"test-model-{uuid.uuid4().hex[:8]}"
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        headers=token,
        json={
            "providerId": "acme",
            "modelName": "Acme 1",
            "inputPricePerMillion": "1.000000",
            "outputPricePerMillion": "4.000000",
        },
    )
    assert r.status_code == 200, r.text
    assert r.json()["currentPrice"]["inputPricePerMillion"] == "1.000000"
    tomorrow = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        headers=token,
        json={"inputPricePerMillion": "3", "effectiveFrom": tomorrow.isoformat()},
    )
    assert r.status_code == 200
    assert r.json()["scheduledPrices"][0]["inputPricePerMillion"] == "3.000000"
    assert r.json()["scheduledPrices"][0]["outputPricePerMillion"] == "4.000000"  # carried over
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        headers=token,
        json={"inputPricePerMillion": "9", "effectiveFrom": "2020-01-01T00:00:00Z"},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "effectiveFrom"

    now_event = h.usage_event(tenant, model_id=model, input_tokens=1_000_000, output_tokens=0)
    later_event = h.usage_event(
        tenant, model_id=model, input_tokens=1_000_000, output_tokens=0, occurred_at=tomorrow + timedelta(hours=1)
    )
    unknown = h.usage_event(
        tenant, model_id=f"unknown-{uuid.uuid4().hex[:6]}", input_tokens=1_000_000, output_tokens=1_000_000
    )
    for e in (now_event, later_event, unknown):
        await _send(kafka_producer, e)
    await eventually(lambda: _count_at_least(h, platform, tenant, 3))
    rows = {(r["model_id"], r["usage_date"]): r for r in await _rollups(h, platform, tenant)}
    assert rows[(model, now_event.data.occurred_at.date())]["provider_cost"] == Decimal("1.0000000000")
    assert rows[(model, later_event.data.occurred_at.date())]["provider_cost"] == Decimal("3.0000000000")
    flagged = rows[(unknown.data.model_id, now_event.data.occurred_at.date())]
    assert flagged["provider_cost"] == Decimal("3.0000000000") and flagged["unpriced_requests"] == 1  # seed 1.0/2.0
    reader = bearer(make_token(role="admin", tenant_id=tenant))  # tenants read the registry
    r = await gateway.get(f"/api/v2/metering/models/{unknown.data.model_id}", headers=reader)
    assert r.status_code == 200 and r.json()["unregistered"] is True and r.json()["status"] == "unregistered"


async def test_approved_model_activation_is_applied_and_answered(platform, gateway, make_token, kafka_producer, h):
    token = bearer(make_token(kind="operator"))
    tenant = PLATFORM_TENANT  # registry changes are operator approvals, in the platform's own stream
    model = f"test-model-{uuid.uuid4().hex[:8]}"
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        headers=token,
        json={
            "providerId": "acme",
            "modelName": "Acme",
            "inputPricePerMillion": "1",
            "outputPricePerMillion": "1",
            "status": "inactive",
        },
    )
    assert r.status_code == 200 and r.json()["status"] == "inactive"
    common = dict(
        action="activate",
        resource_type="model",
        requested_by="u1",
        environment="prod",
        decided_by="u2",
        decided_at=datetime.now(UTC),
    )
    ok = ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="model_activation",
        resource_id=model,
        details={"model_id": model},
        **common,
    )
    missing = ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="provider_change",
        details={"model_id": "no-such-model", "provider_id": "x"},
        **common,
    )
    async with tail_topic(platform, "approval-decisions") as decisions:
        for payload in (ok, missing):  # as the approval service decided them (metering confirms)
            await publish_decision(platform, kafka_producer, tenant, payload)
        answers = await decisions.wait_for(
            lambda r: (
                event_json(r)["data"].get("approval_id") in (ok.approval_id, missing.approval_id)
                and event_json(r)["type"] != "radiant.approval.approved.v1"
            ),
            count=2,
        )
    by_id = {event_json(r)["data"]["approval_id"]: event_json(r) for r in answers}
    assert by_id[ok.approval_id]["type"] == "radiant.approval.executed.v1"
    assert by_id[ok.approval_id]["data"]["executed_by_service"] == "metering"
    assert by_id[missing.approval_id]["type"] == "radiant.approval.execution_failed.v1"
    assert "not in the registry" in by_id[missing.approval_id]["data"]["reason"]
    r = await gateway.get(f"/api/v2/saas/models/{model}", headers=token)
    assert r.json()["status"] == "active"


async def test_a_cost_beyond_int8_units_is_still_stored_exactly(platform, kafka_producer, tenant, h):
    # 10^15 tokens at gpt-4o's 2.5 / M: a provider cost of 2.5e9 USD = 2.5e19 units of 1e-10, past int8,
    # so this batch takes the wide (numeric) path; an ordinary event beside it must not change that.
    huge = h.usage_event(tenant, input_tokens=10**15, output_tokens=0)
    small = h.usage_event(tenant, input_tokens=1000, output_tokens=0)
    await _send(kafka_producer, huge)
    await _send(kafka_producer, small)

    async def all_in():
        return await h.request_count(platform, tenant) >= 2

    await eventually(all_in)
    [row] = await _rollups(h, platform, tenant)
    assert row["input_tokens"] == 10**15 + 1000
    assert row["provider_cost"] == Decimal("2500000000.0025000000")
    assert row["billed_cost"] == Decimal("3000000000.0030000000")


async def test_the_workers_dedup_key_is_the_one_the_database_derives(platform, kafka_producer, tenant, h):
    """Ingestion sends each row's key (repository.dedup_key); the quota check and the purges derive it in
    SQL (metering.usage_dedup_key). Were they to differ, a redelivered event would be counted twice."""
    from radiant_metering.repository import dedup_key

    pairs = [("t-1", "r-1"), ("ab", "c"), ("a", "bc"), ("tenant-é漢", "req-🙂"), ("x" * 300, "ü" * 200), ("", "r")]
    for tenant_id, request_id in pairs:
        [row] = await h.fetch(platform, "SELECT metering.usage_dedup_key($1, $2) AS k", tenant_id, request_id)
        assert row["k"] == uuid.UUID(dedup_key(tenant_id, request_id)), (tenant_id, request_id)
    # A request the database already holds the key of (claimed as the SQL function derives it) is not counted.
    request_id = f"claimed-{uuid.uuid4()}"
    await h.fetch(
        platform,
        "INSERT INTO metering.usage_dedup (dedup_key) VALUES (metering.usage_dedup_key($1, $2))",
        tenant,
        request_id,
    )
    await _send(kafka_producer, h.usage_event(tenant, request_id=request_id))
    await _send(kafka_producer, h.usage_event(tenant))

    async def the_other_is_in():
        return await h.request_count(platform, tenant) >= 1

    await eventually(the_other_is_in)
    [raw] = await h.fetch(platform, "SELECT count(*) AS n FROM metering.usage_events WHERE tenant_id = $1", tenant)
    assert raw["n"] == 1
    assert await h.request_count(platform, tenant) == 1
