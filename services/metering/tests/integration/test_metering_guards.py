"""Who may record usage and who may change the model registry (issue 11): producers with a service key
record usage for their own tenant, tenant staff never; the registry is the platform's, changed by
operators only (directly, by import, or through an operator approval)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from radiant_contracts import make_event
from radiant_contracts.events.approval import ApprovalApproved
from radiant_testing import bearer, event_json, eventually, tail_topic

ITEM = {
    "providerId": "openai",
    "modelId": "gpt-4o",
    "modelName": "GPT-4o",
    "requestType": "chat",
    "inputTokens": 10,
    "outputTokens": 5,
    "latencyMs": 30,
}


def _item(**over):
    return {**ITEM, "requestId": str(uuid.uuid4()), **over}


async def test_tenant_staff_tokens_cannot_record_usage(platform, gateway, make_token, tenant, h):
    for role in ("auditor", "admin", "super_admin"):
        token = bearer(make_token(role=role, tenant_id=tenant))
        r = await gateway.post("/api/v2/metering/record", json=_item(), headers=token)
        assert r.status_code == 403, (role, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        r = await gateway.post("/api/v2/metering/batch", json={"events": [_item()]}, headers=token)
        assert r.status_code == 403, (role, r.text)
    # nor behind the gateway's back: the service checks the token itself
    import httpx

    async with httpx.AsyncClient(base_url=platform.service_url("metering")) as client:
        r = await client.post("/api/v2/metering/record", json=_item(), headers=bearer(make_token(tenant_id=tenant)))
    assert r.status_code == 403
    assert await h.request_count(platform, tenant) == 0


def _new_model() -> str:
    # A model of this test's own: a guard that does not hold must not reprice what other tests use.
    return f"guard-model-{uuid.uuid4().hex[:8]}"


async def _operator_creates(gateway, make_token, model: str) -> None:
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        json={"providerId": "acme", "modelName": "Acme", "inputPricePerMillion": "1", "outputPricePerMillion": "2"},
        headers=bearer(make_token(kind="operator")),
    )
    assert r.status_code == 200, r.text


async def test_a_tenant_admin_cannot_change_the_model_registry(platform, gateway, make_token, tenant):
    model = _new_model()
    await _operator_creates(gateway, make_token, model)
    token = bearer(make_token(role="super_admin", tenant_id=tenant))
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        json={"inputPricePerMillion": "0", "outputPricePerMillion": "0"},
        headers=token,
    )
    assert r.status_code == 403, r.text
    r = await gateway.put(
        f"/api/v2/metering/models/{_new_model()}",
        json={"providerId": "acme", "modelName": "Acme", "inputPricePerMillion": "0", "outputPricePerMillion": "0"},
        headers=token,
    )
    assert r.status_code == 403, r.text
    r = await gateway.post(
        "/api/v2/saas/models/import", json={"dryRun": False, "catalogue": {"models": []}}, headers=token
    )
    assert r.status_code == 403, r.text
    # tenants keep read access, and the price stands
    r = await gateway.get(f"/api/v2/metering/models/{model}", headers=token)
    assert r.status_code == 200 and r.json()["currentPrice"]["inputPricePerMillion"] == "1.000000"
    assert len(r.json()["priceHistory"]) == 1


async def test_a_model_approval_requested_in_a_tenant_is_not_applied(
    platform, gateway, make_token, kafka_producer, tenant
):
    model = _new_model()
    await _operator_creates(gateway, make_token, model)
    approved = ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="provider_change",
        action="apply",
        resource_type="model",
        resource_id=model,
        details={"model_id": model, "input_price_per_million": "0", "output_price_per_million": "0"},
        requested_by="tenant-admin-1",
        environment="prod",
        decided_by="tenant-admin-2",
        decided_at=datetime.now(UTC),
    )
    async with tail_topic(platform, "approval-decisions") as decisions:
        event = make_event(approved, tenant_id=tenant, source="radiant/approval")
        await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
        [answer] = await decisions.wait_for(
            lambda r: (
                event_json(r)["data"].get("approval_id") == approved.approval_id
                and event_json(r)["type"] != "radiant.approval.approved.v1"
            )
        )
    assert event_json(answer)["type"] == "radiant.approval.execution_failed.v1"
    assert "operator" in event_json(answer)["data"]["reason"]
    r = await gateway.get(f"/api/v2/metering/models/{model}", headers=bearer(make_token(tenant_id=tenant)))
    assert r.json()["currentPrice"]["inputPricePerMillion"] == "1.000000"


async def test_a_service_key_records_usage_only_for_its_own_tenant(platform, gateway, make_token, make_service_key, h):
    mine, other = f"t-{uuid.uuid4()}", f"t-{uuid.uuid4()}"
    key = await make_service_key(mine)
    r = await gateway.post("/api/v2/metering/record", json=_item(inputTokens=7), headers=key.headers)
    assert r.status_code == 202, r.text
    r = await gateway.post("/api/v2/metering/batch", json={"events": [_item(inputTokens=8)]}, headers=key.headers)
    assert r.status_code == 202, r.text
    # the tenant comes from the key: a body cannot name another one
    r = await gateway.post("/api/v2/metering/record", json={**_item(), "tenantId": other}, headers=key.headers)
    assert r.status_code == 422 and {e["field"] for e in r.json()["errors"]} == {"tenantId"}

    async def rolled_up():
        return await h.request_count(platform, mine) >= 2

    await eventually(rolled_up)
    rows = await h.fetch(
        platform, "SELECT tenant_id, input_tokens FROM metering.usage_rollups WHERE tenant_id = $1", mine
    )
    assert [(r["tenant_id"], r["input_tokens"]) for r in rows] == [(mine, 15)]
    assert await h.request_count(platform, other) == 0
    # the tenant's administrators see their producer's usage
    r = await gateway.get("/api/v2/metering/summary", headers=bearer(make_token(role="auditor", tenant_id=mine)))
    assert r.json()["totals"]["requests"] == 2 and r.json()["totals"]["inputTokens"] == 15


async def test_usage_events_past_the_maxima_are_refused_with_field_errors(
    platform, gateway, make_service_key, tenant, h
):
    key = (await make_service_key(tenant)).headers
    for field, value in (("inputTokens", 10_000_001), ("outputTokens", 10_000_001), ("latencyMs", 3_600_001)):
        r = await gateway.post("/api/v2/metering/record", json=_item(**{field: value}), headers=key)
        assert r.status_code == 422, (field, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in r.json()["errors"]] == [field]
    r = await gateway.post(
        "/api/v2/metering/batch",
        json={"events": [_item(inputTokens=10_000_001, requestId="too-big"), _item()]},
        headers=key,
    )
    assert r.status_code == 202 and [x["success"] for x in r.json()["results"]] == [False, True]
    assert r.json()["results"][0]["errors"][0]["field"] == "inputTokens"
    at_the_limit = _item(inputTokens=10_000_000, outputTokens=10_000_000, latencyMs=3_600_000)
    assert (await gateway.post("/api/v2/metering/record", json=at_the_limit, headers=key)).status_code == 202
    r = await gateway.post("/api/v2/metering/batch", json={"events": [_item() for _ in range(101)]}, headers=key)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "events"

    async def both_in():
        return await h.request_count(platform, tenant) >= 2

    await eventually(both_in)
    assert await h.request_count(platform, tenant) == 2  # only the valid ones
