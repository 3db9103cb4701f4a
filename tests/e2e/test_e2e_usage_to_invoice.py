"""DESIGN.md flow 3 through the public API, with usage from a stock Kafka client and over HTTP.

The seed's deployment verification steps 4 (rollups for a date range), 3 (current period) and
5 (generate an invoice and send it to Stripe) against the running platform.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

from radiant_testing import bearer, eventually, producer_as


async def _publish_as_the_usage_producer(stack, tenant: str, event: dict) -> None:
    """What a producer on the AI request path does: a plain Kafka client, logged in as its own
    principal (`producer-usage`, allowed to write `usage-events` only), publishes the CloudEvent's
    JSON keyed by tenant. (Debian's kcat cannot log in to Kafka 4 with SCRAM: librdkafka < 2.6.1.)"""
    async with producer_as(stack, "producer-usage", acks="all") as producer:
        await producer.send_and_wait(
            "usage-events",
            json.dumps(event).encode(),
            key=tenant.encode(),
            headers=[("content-type", b"application/cloudevents+json")],
        )


def _usage_cloudevent(tenant: str) -> dict:
    now = datetime.now(UTC).isoformat()
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": "radiant/ai-gateway",
        "type": "radiant.usage.recorded.v1",
        "tenantid": tenant,
        "time": now,
        "datacontenttype": "application/json",
        "data": {
            "request_id": f"req-{uuid.uuid4()}",
            "provider_id": "openai",
            "model_id": "gpt-4o",
            "model_name": "GPT-4o",
            "request_type": "chat",
            "input_tokens": 1_000_000,
            "output_tokens": 100_000,
            "latency_ms": 900,
            "cached": False,
            "phi_detected": False,
            "phi_sanitized": False,
            "app_id": "radiant-app",
            "environment": "dev",
            "occurred_at": now,
        },
    }


async def test_usage_from_a_kafka_producer_and_http_is_rolled_up_priced_and_invoiced(
    platform, gateway, make_token, make_service_key
):
    tenant = str(uuid.uuid4())
    admin = bearer(make_token(role="super_admin", tenant_id=tenant, environment="dev"))
    producer = await make_service_key(tenant)  # the AI request path records usage with the tenant's service key
    today = date.today().isoformat()

    # gpt-4o from a stock Kafka client: 1M input × 2.50 + 0.1M output × 10.00 = 3.50 provider cost
    await _publish_as_the_usage_producer(platform, tenant, _usage_cloudevent(tenant))
    # gpt-4o-mini over HTTP: 2M × 0.15 + 1M × 0.60 = 0.90 provider cost
    recorded = await gateway.post(
        "/api/v2/metering/record",
        headers=producer.headers,
        json={
            "requestId": f"req-{uuid.uuid4()}",
            "providerId": "openai",
            "modelId": "gpt-4o-mini",
            "modelName": "GPT-4o mini",
            "requestType": "chat",
            "inputTokens": 2_000_000,
            "outputTokens": 1_000_000,
            "latencyMs": 300,
        },
    )
    assert recorded.status_code == 202, recorded.text

    async def both_rolled_up():
        response = await gateway.get(f"/api/v2/metering/rollups?startDate={today}&endDate={today}", headers=admin)
        assert response.status_code == 200, response.text
        rollups = response.json()["rollups"]
        return rollups if len(rollups) == 2 else None

    rollups = {r["modelId"]: r for r in await eventually(both_rolled_up)}
    assert Decimal(rollups["gpt-4o"]["providerCost"]) == Decimal("3.5")
    assert Decimal(rollups["gpt-4o"]["billedCost"]) == Decimal("4.2")  # default margin 20 %
    assert Decimal(rollups["gpt-4o-mini"]["billedCost"]) == Decimal("1.08")
    assert rollups["gpt-4o"]["requestCount"] == 1 and rollups["gpt-4o"]["totalTokens"] == 1_100_000

    current = await gateway.get("/api/v2/billing/current", headers=admin)
    assert current.status_code == 200, current.text
    assert Decimal(current.json()["totals"]["billedCost"]) == Decimal("5.28")

    invoice = await gateway.post(
        "/api/v2/billing/generate", headers=admin, json={"periodStart": today, "periodEnd": today, "sendToStripe": True}
    )
    assert invoice.status_code == 201, invoice.text
    body = invoice.json()
    assert Decimal(body["subtotal"]) == Decimal("5.28") and Decimal(body["total"]) == Decimal("5.28")
    assert sorted(line["modelId"] for line in body["lineItems"]) == ["gpt-4o", "gpt-4o-mini"]

    again = await gateway.post(
        "/api/v2/billing/generate", headers=admin, json={"periodStart": today, "periodEnd": today, "sendToStripe": True}
    )
    assert again.status_code == 200 and again.json()["id"] == body["id"]  # the same invoice, not a second

    async def sent_to_stripe():
        response = await gateway.get(f"/api/v2/billing/invoices/{body['id']}", headers=admin)
        invoice = response.json()
        return invoice if invoice["stripeSyncStatus"] == "synced" else None

    synced = await eventually(sent_to_stripe)
    assert synced["stripeInvoiceId"]  # stripe-mock answered with an invoice id

    other = bearer(make_token(role="super_admin", tenant_id=str(uuid.uuid4())))
    assert (await gateway.get(f"/api/v2/billing/invoices/{body['id']}", headers=other)).status_code == 404
