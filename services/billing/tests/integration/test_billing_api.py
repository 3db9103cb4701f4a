"""Billing through the gateway against the running stack (settings, approvals, invoices, webhooks)."""

import hashlib
import hmac
import json
import os
import time
import uuid
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from radiant_contracts.envelope import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.internal import internal_client

BILLING = "/api/v2/billing"
WEBHOOK_SECRET = os.environ.get("BILLING_STRIPE_WEBHOOK_SECRET", "whsec_test_dev")


def tenant() -> str:
    return f"t-bill-{uuid.uuid4().hex[:12]}"


def of_type(suffix: str, tenant_id: str):
    return lambda r: (e := event_json(r))["type"] == f"radiant.{suffix}.v1" and e["tenantid"] == tenant_id


def signed(payload: bytes, secret: str = WEBHOOK_SECRET) -> dict[str, str]:
    at = int(time.time())
    mac = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return {"Stripe-Signature": f"t={at},v1={mac}", "Content-Type": "application/json"}


async def test_settings_update_is_stored_published_and_audited(gateway, make_token, stack):
    t = tenant()
    headers = {**bearer(make_token(role="super_admin", tenant_id=t)), "User-Agent": "billing-test/1"}
    default = await gateway.get(f"{BILLING}/settings", headers=headers)
    assert default.status_code == 200
    assert default.json()["marginPercent"] == "20.00" and default.json()["alertThresholds"] == [50, 75, 90, 100]
    async with tail_topic(stack, "billing-events") as billing, tail_topic(stack, "audit-events") as audits:
        r = await gateway.put(
            f"{BILLING}/settings",
            headers=headers,
            json={
                "marginPercent": "25.50",
                "taxEnabled": True,
                "taxPercent": "8.25",
                "billingCycleDay": 15,
                "budgetLimit": "500",
                "alertThresholds": [90, 50],
            },
        )
        assert r.status_code == 200, r.text
        body = r.json()
        assert (body["marginPercent"], body["taxPercent"], body["billingCycleDay"]) == ("25.50", "8.25", 15)
        assert body["alertThresholds"] == [50, 90]
        [event] = await billing.wait_for(of_type("billing.settings_updated", t))
        data = event_json(event)["data"]
        assert (data["margin_percent"], data["tax_percent"], data["budget_limit"]) == ("25.50", "8.25", "500.00")
        [audit] = await audits.wait_for(of_type("audit.recorded", t))
        audit = event_json(audit)["data"]
        assert audit["action"] == "billing.settings_update" and audit["actor"]["user_agent"] == "billing-test/1"
        assert audit["actor"]["ip"] == "127.0.0.1"
    again = await gateway.get(f"{BILLING}/settings", headers=headers)
    assert again.json()["budgetLimit"] == "500.00"


async def test_invalid_or_unauthorised_settings_updates_are_refused(gateway, make_token):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    r = await gateway.put(f"{BILLING}/settings", headers=admin, json={"billingCycleDay": 29, "taxPercent": 5.5})
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in r.json()["errors"]] == ["billingCycleDay"]
    r = await gateway.put(f"{BILLING}/settings", headers=admin, json={"marginType": "tiered"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "tiers"
    r = await gateway.put(
        f"{BILLING}/settings", headers=bearer(make_token(role="admin", tenant_id=t)), json={"marginPercent": "10"}
    )
    assert r.status_code == 403
    assert (await gateway.get(f"{BILLING}/settings", headers=admin)).json()["marginPercent"] == "20.00"


# Prod settings changes and their approvals: test_billing_approval_execution.py (billing applies only
# the changes it filed, once the approval service confirms the decision, for a requester still allowed).


async def test_generation_is_idempotent_and_other_tenants_get_404(gateway, make_token, stack):
    t, other = tenant(), tenant()
    headers = bearer(make_token(role="super_admin", tenant_id=t))
    body = {"periodStart": "2024-12-01", "periodEnd": "2024-12-31", "sendToStripe": False}
    async with tail_topic(stack, "billing-events") as billing:
        first = await gateway.post(f"{BILLING}/generate", headers=headers, json=body)
        second = await gateway.post(f"{BILLING}/generate", headers=headers, json=body)
        assert (first.status_code, second.status_code) == (201, 200), first.text
        assert first.json()["id"] == second.json()["id"] and first.json()["status"] == "draft"
        await billing.wait_for(of_type("invoice.created", t))
        await billing.drain(1.0)
        assert len([r for r in billing.records if of_type("invoice.created", t)(r)]) == 1
    overlap = await gateway.post(
        f"{BILLING}/generate", headers=headers, json={"periodStart": "2024-12-15", "periodEnd": "2025-01-14"}
    )
    assert overlap.status_code == 409 and overlap.json()["invoiceId"] == first.json()["id"]
    listed = (await gateway.get(f"{BILLING}/invoices", headers=headers, params={"status": "draft"})).json()
    assert listed["total"] == 1 and listed["invoices"][0]["id"] == first.json()["id"]
    assert (await gateway.get(f"{BILLING}/invoices", headers=headers, params={"status": "paid"})).json()["total"] == 0
    invoice_id = first.json()["id"]
    assert (await gateway.get(f"{BILLING}/invoices/{invoice_id}", headers=headers)).status_code == 200
    stranger = bearer(make_token(role="super_admin", tenant_id=other))
    assert (await gateway.get(f"{BILLING}/invoices/{invoice_id}", headers=stranger)).status_code == 404
    assert (await gateway.get(f"{BILLING}/invoices", headers=stranger)).json()["total"] == 0
    bad = await gateway.post(
        f"{BILLING}/generate", headers=headers, json={"periodStart": "2024-12-31", "periodEnd": "2024-12-01"}
    )
    assert bad.status_code == 422


async def test_send_to_stripe_pushes_the_invoice(gateway, make_token):
    t = tenant()
    headers = bearer(make_token(role="super_admin", tenant_id=t))
    r = await gateway.post(
        f"{BILLING}/generate",
        headers=headers,
        json={"periodStart": "2024-12-01", "periodEnd": "2024-12-31", "sendToStripe": True},
    )
    assert r.status_code == 201, r.text
    invoice = r.json()
    assert invoice["stripeSyncStatus"] == "synced" and invoice["stripeInvoiceId"].startswith("in_")
    assert invoice["status"] == "pending"
    assert (await gateway.get(f"{BILLING}/settings", headers=headers)).json()["stripeCustomerId"].startswith("cus_")


def _cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


async def test_invoice_totals_equal_metering_rollups_with_margin_and_tax(gateway, make_token, stack, kafka_producer):
    t = tenant()
    headers = bearer(make_token(role="super_admin", tenant_id=t))
    r = await gateway.put(f"{BILLING}/settings", headers=headers, json={"taxEnabled": True, "taxPercent": "7.5"})
    assert r.status_code == 200
    today = datetime.now(UTC).date()
    for i, (model, tokens) in enumerate([("gpt-4o", 1234), ("gpt-4o", 777), ("claude-3-5-sonnet", 4321)]):
        event = make_event(
            UsageRecorded(
                request_id=f"req-{i}",
                provider_id="openai" if model.startswith("gpt") else "anthropic",
                model_id=model,
                model_name=model,
                request_type="chat",
                input_tokens=tokens,
                output_tokens=tokens // 3,
                latency_ms=100,
                cached=False,
                phi_detected=False,
                phi_sanitized=False,
                user_id="u",
                app_id="app",
                environment="dev",
                occurred_at=datetime.now(UTC),
            ),
            tenant_id=t,
            source=USAGE_PRODUCER,  # a source that may publish usage (radiant_contracts.sources)
        )
        await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
    async with internal_client(stack, caller="billing", callee="metering") as metering:  # as billing reads them

        async def month_rollups():
            return (
                await metering.get(
                    "/internal/v1/rollups",
                    params={"tenantId": t, "start": today.replace(day=1).isoformat(), "end": today.isoformat()},
                )
            ).json()

        def has_three_requests(doc) -> bool:
            return sum(m["requestCount"] for m in doc.get("models", [])) == 3

        # wait for metering to price and roll up the three requests
        rollups = await eventually(
            month_rollups, until=has_three_requests, timeout=20, what="metering's rollup of the usage"
        )
    r = await gateway.post(
        f"{BILLING}/generate",
        headers=headers,
        json={"periodStart": today.replace(day=1).isoformat(), "periodEnd": today.isoformat()},
    )
    assert r.status_code == 201, r.text
    invoice = r.json()
    by_model: dict[str, Decimal] = {}
    for m in rollups["models"]:
        by_model[m["modelId"]] = by_model.get(m["modelId"], Decimal(0)) + Decimal(m["billedCost"])
    lines = {li["modelId"]: Decimal(li["amount"]) for li in invoice["lineItems"]}
    assert lines == {k: _cents(v) for k, v in by_model.items()}
    subtotal = sum(lines.values(), Decimal(0))
    tax = _cents(subtotal * Decimal("7.5") / 100)
    assert Decimal(invoice["subtotal"]) == subtotal
    assert Decimal(invoice["tax"]) == tax
    assert Decimal(invoice["total"]) == subtotal + tax
    provider = sum((Decimal(m["providerCost"]) for m in rollups["models"]), Decimal(0))
    if provider > 0:  # the margin metering applied (the default 20 %) shows on the invoice
        assert Decimal(invoice["marginPercent"]) == Decimal("20.00")
    current = (await gateway.get(f"{BILLING}/current", headers=headers)).json()
    assert current["totals"]["requestCount"] == 3


async def test_stripe_webhooks_are_verified_and_processed_once(gateway, make_token, stack):
    t = tenant()
    headers = bearer(make_token(role="super_admin", tenant_id=t))
    invoice = (
        await gateway.post(
            f"{BILLING}/generate",
            headers=headers,
            json={"periodStart": "2024-11-01", "periodEnd": "2024-11-30", "sendToStripe": True},
        )
    ).json()
    event_id = f"evt_{uuid.uuid4().hex}"
    payload = json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": "invoice.paid",
            "data": {
                "object": {
                    "id": invoice["stripeInvoiceId"],
                    "object": "invoice",
                    "amount_paid": 0,
                    "payment_intent": "pi_test",
                    "metadata": {"radiant_invoice_id": invoice["id"]},
                }
            },
        }
    ).encode()
    hook = f"{BILLING}/webhooks/stripe"
    forged = await gateway.post(hook, content=payload, headers=signed(payload, "whsec_wrong"))
    assert forged.status_code == 400
    unsigned = await gateway.post(hook, content=payload, headers={"Content-Type": "application/json"})
    assert unsigned.status_code == 400
    assert (await gateway.get(f"{BILLING}/invoices/{invoice['id']}", headers=headers)).json()["status"] == "pending"
    async with tail_topic(stack, "billing-events") as billing:
        first = await gateway.post(hook, content=payload, headers=signed(payload))
        assert first.status_code == 200 and first.json()["duplicate"] is False, first.text
        again = await gateway.post(hook, content=payload, headers=signed(payload))
        assert again.status_code == 200 and again.json()["duplicate"] is True
        await billing.wait_for(of_type("invoice.paid", t))
        await billing.drain(1.0)
        assert len([r for r in billing.records if of_type("invoice.paid", t)(r)]) == 1
    paid = (await gateway.get(f"{BILLING}/invoices/{invoice['id']}", headers=headers)).json()
    assert paid["status"] == "paid" and paid["paidAt"]
    async with service_db(stack, "billing") as db:
        assert await db.fetchval("SELECT count(*) FROM stripe_events WHERE event_id = $1", event_id) == 1


async def test_payment_failure_starts_the_grace_period_and_notifies(gateway, make_token, stack):
    t = tenant()
    headers = bearer(make_token(role="super_admin", tenant_id=t))
    invoice = (
        await gateway.post(
            f"{BILLING}/generate",
            headers=headers,
            json={"periodStart": "2024-10-01", "periodEnd": "2024-10-31", "sendToStripe": True},
        )
    ).json()
    payload = json.dumps(
        {
            "id": f"evt_{uuid.uuid4().hex}",
            "type": "invoice.payment_failed",
            "data": {
                "object": {
                    "id": invoice["stripeInvoiceId"],
                    "attempt_count": 2,
                    "next_payment_attempt": int(time.time()) + 86400,
                    "metadata": {"radiant_invoice_id": invoice["id"]},
                }
            },
        }
    ).encode()
    async with tail_topic(stack, "billing-events") as billing:
        r = await gateway.post(f"{BILLING}/webhooks/stripe", content=payload, headers=signed(payload))
        assert r.status_code == 200 and r.json()["outcome"] == "payment_failed"
        [failed] = await billing.wait_for(of_type("invoice.payment_failed", t))
        assert event_json(failed)["data"]["attempt_count"] == 2
    async with service_db(stack, "billing") as db:
        row = await db.fetchrow("SELECT status, grace_until FROM invoices WHERE id = $1", uuid.UUID(invoice["id"]))
    assert row["status"] == "pending" and row["grace_until"] > datetime.now(UTC)


async def test_current_period_and_projection_state_their_basis(gateway, make_token):
    headers = bearer(make_token(role="auditor", tenant_id=tenant()))
    current = await gateway.get(f"{BILLING}/current", headers=headers)
    assert current.status_code == 200
    period = current.json()["period"]
    assert date.fromisoformat(period["start"]) <= datetime.now(UTC).date() <= date.fromisoformat(period["end"])
    projection = (await gateway.get(f"{BILLING}/projections", headers=headers)).json()
    assert projection["method"] == "linear_daily_average" and projection["budget"]["status"] == "no_budget"
