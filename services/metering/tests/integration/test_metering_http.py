"""The HTTP API through the gateway: record/batch → Kafka → rollups; summary, rollups, models, internal."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from radiant_testing import bearer, event_json, eventually, tail_topic
from radiant_testing.internal import internal_client

ITEM = {
    "providerId": "openai",
    "modelId": "gpt-4o",
    "modelName": "GPT-4o",
    "requestType": "chat",
    "inputTokens": 1000,
    "outputTokens": 500,
    "latencyMs": 300,
}


def _item(**over):
    return {**ITEM, "requestId": str(uuid.uuid4()), **over}


async def test_record_and_batch_reach_the_rollups_exactly_once_and_are_audited(
    platform, gateway, make_token, make_service_key, tenant, h
):
    token = bearer(make_token(role="admin", tenant_id=tenant))
    producer = (await make_service_key(tenant)).headers
    first = _item()
    async with tail_topic(platform, "audit-events") as audit:
        r = await gateway.post("/api/v2/metering/record", json=first, headers=producer)
        assert r.status_code == 202, r.text
        event_id = r.json()["event"]["id"]
        assert r.json()["event"]["requestId"] == first["requestId"]
        # the same request again (a producer retry) and a new one, in a batch
        r = await gateway.post("/api/v2/metering/batch", json={"events": [first, _item(cached=True)]}, headers=producer)
        assert r.status_code == 202, r.text
        assert r.json()["summary"] == {"total": 2, "successful": 2, "failed": 0}
        records = await audit.wait_for(
            lambda rec: rec.key == tenant.encode() and event_json(rec)["data"]["action"] == "usage.record", count=2
        )
    actions = sorted(event_json(rec)["data"]["action"] for rec in records)
    assert actions == ["usage.record", "usage.record"]
    assert any(event_json(rec)["data"]["resource_id"] == event_id for rec in records)

    await eventually(lambda: _has_requests(h, platform, tenant, 2))
    today = datetime.now(UTC).date()
    # seed verification step 4: rollups for a date range
    r = await gateway.get(
        "/api/v2/metering/rollups",
        params={"startDate": str(today - timedelta(days=20)), "endDate": str(today)},
        headers=token,
    )
    assert r.status_code == 200
    body = r.json()
    assert body["period"] == {"startDate": str(today - timedelta(days=20)), "endDate": str(today)}
    [rollup] = body["rollups"]
    assert rollup == {
        "date": str(today),
        "modelId": "gpt-4o",
        "providerId": "openai",
        "requestCount": 2,
        "inputTokens": 2000,
        "outputTokens": 1000,
        "totalTokens": 3000,
        "providerCost": "0.0150000000",
        "billedCost": "0.0180000000",
        "avgLatencyMs": 300.0,
        "cachedRequests": 1,
        "phiRequests": 0,
        "unpricedRequests": 0,
        "suspendedRequests": 0,
    }
    r = await gateway.get("/api/v2/metering/summary", headers=token)
    assert r.status_code == 200
    totals = r.json()["totals"]
    assert (totals["requests"], totals["providerCost"], totals["billedCost"]) == (2, "0.0150000000", "0.0180000000")


async def _has_requests(h, platform, tenant, n):
    return await h.request_count(platform, tenant) >= n


async def test_batch_reports_invalid_items_and_limits(platform, gateway, make_service_key, tenant, h):
    token = (await make_service_key(tenant)).headers
    good = _item()
    r = await gateway.post(
        "/api/v2/metering/batch",
        headers=token,
        json={"events": [good, _item(inputTokens=-1, requestId="bad-1"), {"nonsense": True}]},
    )
    assert r.status_code == 202
    results = r.json()["results"]
    assert [x["success"] for x in results] == [True, False, False]
    assert results[0]["requestId"] == good["requestId"] and results[0]["id"] != good["requestId"]
    assert results[1]["id"] == "bad-1" and results[1]["errors"][0]["field"] == "inputTokens"
    assert results[2]["id"] == "unknown"
    assert r.json()["summary"] == {"total": 3, "successful": 1, "failed": 2}

    r = await gateway.post("/api/v2/metering/batch", headers=token, json={"events": [_item() for _ in range(101)]})
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"][0]["field"] == "events"
    r = await gateway.post("/api/v2/metering/batch", headers=token, json={"events": []})
    assert r.status_code == 422
    r = await gateway.post("/api/v2/metering/batch", headers=token, json={"events": [{"requestId": "x"}]})
    assert r.status_code == 422 and r.json()["summary"]["failed"] == 1

    r = await gateway.post("/api/v2/metering/record", headers=token, json={**good, "requestType": "fax"})
    assert r.status_code == 422
    assert {e["field"] for e in r.json()["errors"]} == {"requestType"}
    await eventually(lambda: _has_requests(h, platform, tenant, 1))
    assert await h.request_count(platform, tenant) == 1  # only the valid item was recorded


async def test_reads_are_tenant_scoped_and_permissioned(platform, gateway, make_token, make_service_key, tenant, h):
    other = f"t-{uuid.uuid4()}"
    r = await gateway.post("/api/v2/metering/record", json=_item(), headers=(await make_service_key(tenant)).headers)
    assert r.status_code == 202
    await eventually(lambda: _has_requests(h, platform, tenant, 1))
    r = await gateway.get("/api/v2/metering/rollups", headers=bearer(make_token(role="auditor", tenant_id=other)))
    assert r.status_code == 200 and r.json()["rollups"] == []
    r = await gateway.get("/api/v2/metering/summary", headers=bearer(make_token(role="auditor", tenant_id=other)))
    assert r.json()["totals"]["requests"] == 0
    r = await gateway.get("/api/v2/metering/rollups", headers=bearer(make_token(role="auditor", tenant_id=tenant)))
    assert len(r.json()["rollups"]) == 1
    assert (await gateway.get("/api/v2/metering/rollups")).status_code == 401
    r = await gateway.get(
        "/api/v2/metering/rollups",
        params={"startDate": "2025-02-01", "endDate": "2025-01-01"},
        headers=bearer(make_token(tenant_id=tenant)),
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "query.endDate"
    # the operator role cannot change prices
    r = await gateway.put(
        "/api/v2/metering/models/gpt-4o",
        json={"status": "inactive"},
        headers=bearer(make_token(role="operator", tenant_id=tenant)),
    )
    assert r.status_code == 403
    # another tenant's model does not exist: the registry is the platform catalogue; unknown ids are 404
    r = await gateway.get(f"/api/v2/metering/models/none-{uuid.uuid4()}", headers=bearer(make_token(tenant_id=tenant)))
    assert r.status_code == 404


async def test_internal_rollups_per_model_for_billing(platform, gateway, make_service_key, tenant, h):
    token = (await make_service_key(tenant)).headers
    items = [_item(), _item(modelId="claude-3-5-haiku", providerId="anthropic", inputTokens=2000, outputTokens=0)]
    assert (await gateway.post("/api/v2/metering/batch", json={"events": items}, headers=token)).status_code == 202
    await eventually(lambda: _has_requests(h, platform, tenant, 2))
    today = datetime.now(UTC).date()
    async with internal_client(platform, caller="billing", callee="metering") as client:
        r = await client.get(
            "/internal/v1/rollups", params={"tenantId": tenant, "start": str(today), "end": str(today)}
        )
    assert r.status_code == 200
    body = r.json()
    assert [m["modelId"] for m in body["models"]] == ["claude-3-5-haiku", "gpt-4o"]
    assert body["models"][0]["providerCost"] == "0.0016000000"  # 2000 × 0.80 / 1e6
    assert body["providerCost"] == "0.0091000000" and body["billedCost"] == "0.0109200000"
