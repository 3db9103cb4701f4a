"""Lago through the gateway, against the running stack (its Lago is Prism serving Lago's document).

Webhooks are signed as Lago signs them: a JWT (RS256, `data` = the raw body) with the stack's test key
pair (`LAGO_WEBHOOK_SIGNING_KEY_FILE`; billing verifies with the public half) or HMAC-SHA256 with the
stack's test HMAC key (`BILLING_LAGO_WEBHOOK_HMAC_KEY`). Payloads follow the document's webhook schemas.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from radiant_testing import bearer, event_json, eventually, service_db, tail_topic

WEBHOOK = "/api/v2/billing/webhooks/lago"


def _jwt_headers(stack, body: bytes, key: Any = None) -> dict[str, str]:
    key = key or Path(stack["LAGO_WEBHOOK_SIGNING_KEY_FILE"]).read_bytes()
    token = jwt.encode({"data": body.decode(), "iss": "https://api.getlago.com"}, key, algorithm="RS256")
    return {"X-Lago-Signature": token, "X-Lago-Signature-Algorithm": "jwt", "Content-Type": "application/json"}


def _hmac_headers(stack, body: bytes) -> dict[str, str]:
    digest = hmac.new(stack["BILLING_LAGO_WEBHOOK_HMAC_KEY"].encode(), body, hashlib.sha256).digest()
    return {
        "X-Lago-Signature": base64.b64encode(digest).decode(),
        "X-Lago-Signature-Algorithm": "hmac",
        "Content-Type": "application/json",
    }


def _invoice(tenant: str, lago_id: str, *, payment_status: str = "pending", cents: int = 4200) -> dict[str, Any]:
    """The parts of Lago's InvoiceObjectExtended billing reads (the document's field names)."""
    return {
        "lago_id": lago_id,
        "billing_entity_code": "acme_corp",
        "number": f"LAG-{lago_id[:8].upper()}",
        "issuing_date": date.today().isoformat(),
        "payment_due_date": (date.today() + timedelta(days=30)).isoformat(),
        "invoice_type": "subscription",
        "status": "finalized",
        "payment_status": payment_status,
        "currency": "USD",
        "fees_amount_cents": cents,
        "coupons_amount_cents": 0,
        "credit_notes_amount_cents": 0,
        "sub_total_excluding_taxes_amount_cents": cents,
        "taxes_amount_cents": 0,
        "sub_total_including_taxes_amount_cents": cents,
        "prepaid_credit_amount_cents": 0,
        "progressive_billing_credit_amount_cents": 0,
        "total_amount_cents": cents,
        "version_number": 4,
        "created_at": datetime.now(UTC).isoformat(),
        "updated_at": datetime.now(UTC).isoformat(),
        "customer": {"lago_id": str(uuid.uuid4()), "external_id": tenant, "name": "Acme", "currency": "USD"},
        "billing_periods": [
            {
                "lago_subscription_id": str(uuid.uuid4()),
                "external_subscription_id": f"radiant-{tenant}",
                "lago_plan_id": str(uuid.uuid4()),
                "subscription_from_datetime": "2026-11-01T00:00:00Z",
                "subscription_to_datetime": "2026-11-30T23:59:59Z",
                "charges_from_datetime": "2026-11-01T00:00:00Z",
                "charges_to_datetime": "2026-11-30T23:59:59Z",
                "invoicing_reason": "subscription_periodic",
            }
        ],
        "fees": [{"amount_cents": cents, "units": "4200", "item": {"code": "radiant_usage", "name": "Usage"}}],
    }


def _webhook(kind: str, tenant: str, lago_id: str) -> dict[str, Any]:
    org = str(uuid.uuid4())
    if kind == "invoice.created":
        return {
            "webhook_type": kind,
            "object_type": "invoice",
            "organization_id": org,
            "invoice": _invoice(tenant, lago_id),
        }
    if kind == "invoice.payment_failure":
        return {
            "webhook_type": kind,
            "object_type": "payment_provider_invoice_payment_error",
            "organization_id": org,
            "payment_provider_invoice_payment_error": {
                "lago_invoice_id": lago_id,
                "lago_customer_id": str(uuid.uuid4()),
                "external_customer_id": tenant,
                "payment_provider": "stripe",
                "provider_error": {"message": "Your card was declined.", "error_code": "card_declined"},
            },
        }
    if kind == "invoice.payment_status_updated":
        return {
            "webhook_type": kind,
            "object_type": "invoice",
            "organization_id": org,
            "invoice": _invoice(tenant, lago_id, payment_status="succeeded"),
        }
    return {
        "webhook_type": "subscription.terminated",
        "object_type": "subscription",
        "organization_id": org,
        "subscription": {
            "lago_id": str(uuid.uuid4()),
            "external_id": f"radiant-{tenant}",
            "external_customer_id": tenant,
            "plan_code": "radiant_default",
            "status": "terminated",
            "terminated_at": datetime.now(UTC).isoformat(),
        },
    }


async def _lago_tenant(gateway: httpx.AsyncClient, make_token, platform) -> tuple[str, dict[str, str], dict[str, str]]:
    """A tenant created through the operators' API, moved to Lago; (tenant, admin headers, operator headers)."""
    ops = bearer(make_token(kind="operator", role="platform_admin", subject=str(uuid.uuid4()), name="Op"))
    r = await gateway.post(
        "/api/v2/saas/tenants",
        json={
            "name": f"Lago Co {uuid.uuid4().hex[:6]}",
            "environment": "dev",
            "superAdminEmail": f"o-{uuid.uuid4().hex[:8]}@lago-co.example",
        },
        headers=ops,
    )
    assert r.status_code == 201, r.text
    tenant = r.json()["tenant"]["id"]

    async def known() -> int:
        r = await gateway.put(f"/api/v2/saas/billing/tenants/{tenant}/provider", json={"provider": "lago"}, headers=ops)
        return r.status_code

    assert await eventually(known, until=lambda s: s == 200, what="billing knows the tenant") == 200
    admin = bearer(make_token(role="super_admin", tenant_id=tenant, environment="dev"))
    return tenant, admin, ops


def _from_lago(record, tenant: str) -> bool:
    """An event of this tenant that a Lago webhook caused (plans publish the tenant's own changes too)."""
    event = event_json(record)
    if event["tenantid"] != tenant:
        return False
    return event["type"].startswith("radiant.invoice.") or event["data"].get("provider") == "lago"


async def _lago_account(platform, tenant: str) -> dict[str, str]:
    async with service_db(platform, "billing") as db:
        rows = await db.fetch(
            "SELECT kind, status, external_id FROM billing.provider_syncs WHERE tenant_id = $1 AND provider = 'lago'",
            tenant,
        )
    return {r["kind"]: f"{r['status']}:{r['external_id']}" for r in rows}


@pytest.mark.parametrize("signing", ["jwt", "hmac"])
async def test_each_lago_webhook_has_its_effect_once_when_delivered_twice(gateway, make_token, platform, signing):
    tenant, admin, _ = await _lago_tenant(gateway, make_token, platform)
    lago_id = str(uuid.uuid4())
    sign = _jwt_headers if signing == "jwt" else _hmac_headers
    async with tail_topic(platform, "billing-events") as events:
        outcomes = []
        for kind in (
            "invoice.created",
            "invoice.payment_failure",
            "invoice.payment_status_updated",
            "subscription.terminated",
        ):
            body = json.dumps(_webhook(kind, tenant, lago_id)).encode()
            key = {"X-Lago-Unique-Key": str(uuid.uuid4())}
            answers = [
                await gateway.post(WEBHOOK, content=body, headers={**sign(platform, body), **key}) for _ in range(2)
            ]
            assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
            outcomes.append((answers[0].json()["outcome"], answers[1].json()["duplicate"]))
            if kind == "invoice.payment_status_updated":  # before the termination suspends the tenant
                listed = await gateway.get("/api/v2/billing/invoices", headers=admin)
        published = await events.wait_for(lambda r: _from_lago(r, tenant), count=4)
        await events.drain(2.0)  # and nothing more: the second deliveries published nothing
    assert [r for r in events.records if _from_lago(r, tenant)] == published
    assert outcomes == [
        ("invoice_stored", True),
        ("payment_failed", True),
        ("paid", True),
        ("subscription_terminated", True),
    ]
    types = [event_json(r)["type"] for r in published]
    assert types == [
        "radiant.invoice.created.v1",
        "radiant.invoice.payment_failed.v1",
        "radiant.invoice.paid.v1",
        "radiant.subscription.changed.v1",
    ]
    terminated = event_json(published[3])["data"]
    assert (terminated["change"], terminated["status"], terminated["provider"]) == ("terminated", "terminated", "lago")
    # the Lago invoice is in /billing/invoices like a Stripe-era one, paid once
    assert listed.status_code == 200, listed.text
    lago_invoices = [i for i in listed.json()["invoices"] if i["provider"] == "lago"]
    assert len(lago_invoices) == 1
    [invoice] = lago_invoices
    assert (invoice["providerInvoiceId"], invoice["status"], invoice["total"], invoice["currency"]) == (
        lago_id,
        "paid",
        "42.00",
        "USD",
    )


async def test_a_forged_or_replayed_webhook_is_refused_and_changes_nothing(gateway, make_token, platform):
    tenant, _, _ = await _lago_tenant(gateway, make_token, platform)
    lago_id = str(uuid.uuid4())
    body = json.dumps(_webhook("invoice.created", tenant, lago_id)).encode()
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    genuine_other = json.dumps(_webhook("invoice.created", tenant, str(uuid.uuid4()))).encode()
    attempts = {
        "another key": _jwt_headers(platform, body, stranger),
        "another body's JWT": _jwt_headers(platform, genuine_other),
        "another body's HMAC": _hmac_headers(platform, genuine_other),
        "unknown algorithm": {**_hmac_headers(platform, body), "X-Lago-Signature-Algorithm": "sha1"},
        "no signature": {"Content-Type": "application/json", "X-Lago-Signature-Algorithm": "jwt"},
    }
    for what, headers in attempts.items():
        r = await gateway.post(WEBHOOK, content=body, headers=headers)
        assert r.status_code == 401, (what, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
    async with service_db(platform, "billing") as db:
        stored = await db.fetchval(
            "SELECT count(*) FROM billing.invoices WHERE provider = 'lago' AND provider_invoice_id = $1", lago_id
        )
        seen = await db.fetchval("SELECT count(*) FROM billing.lago_webhooks WHERE object_id = $1", lago_id)
    assert (stored, seen) == (0, 0)


async def test_switching_a_tenant_between_providers_keeps_its_invoice_history(gateway, make_token, platform):
    tenant, admin, ops = await _lago_tenant(gateway, make_token, platform)
    # moving to Lago created its customer and subscription (Prism accepted both)
    assert await _lago_account(platform, tenant) == {
        "customer": f"synced:{tenant}",
        "subscription": f"synced:radiant-{tenant}",
    }
    async with service_db(platform, "billing") as db:
        email = await db.fetchval(
            "SELECT wanted->>'email' FROM billing.provider_syncs WHERE tenant_id = $1 AND kind = 'customer'", tenant
        )
    assert email is not None and email.endswith("@lago-co.example")  # the first super_admin's address
    r = await gateway.post("/api/v2/admin/billing/payment-method", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["provider"] == "lago" and r.json()["url"].startswith("https://")
    # back to Stripe: billing computes an invoice itself (a Stripe-era invoice) ...
    r = await gateway.put(f"/api/v2/saas/billing/tenants/{tenant}/provider", json={"provider": "stripe"}, headers=ops)
    assert r.json()["provider"] == "stripe"
    month_ago = date.today().replace(day=1) - timedelta(days=1)
    period = {
        "periodStart": month_ago.replace(day=1).isoformat(),
        "periodEnd": month_ago.isoformat(),
        "sendToStripe": False,
    }
    r = await gateway.post("/api/v2/billing/generate", json=period, headers=admin)
    assert r.status_code == 201, r.text
    stripe_era = r.json()["id"]
    # ... to Lago again: Lago's invoice arrives by webhook
    await gateway.put(f"/api/v2/saas/billing/tenants/{tenant}/provider", json={"provider": "lago"}, headers=ops)
    lago_id = str(uuid.uuid4())
    body = json.dumps(_webhook("invoice.created", tenant, lago_id)).encode()
    r = await gateway.post(WEBHOOK, content=body, headers=_hmac_headers(platform, body))
    assert r.status_code == 200, r.text
    for provider in ("lago", "stripe"):  # whoever bills the tenant now, its whole history reads the same
        await gateway.put(f"/api/v2/saas/billing/tenants/{tenant}/provider", json={"provider": provider}, headers=ops)
        r = await gateway.get("/api/v2/billing/invoices", headers=admin)
        assert r.status_code == 200, r.text
        by_provider = {i["provider"]: i for i in r.json()["invoices"]}
        assert set(by_provider) == {"stripe", "lago"}
        assert by_provider["stripe"]["id"] == stripe_era
        assert by_provider["lago"]["providerInvoiceId"] == lago_id
        for invoice in by_provider.values():
            assert (await gateway.get(f"/api/v2/billing/invoices/{invoice['id']}", headers=admin)).status_code == 200
    r = await gateway.post("/api/v2/admin/billing/payment-method", headers=admin)
    assert r.status_code == 200, r.text
    assert r.json()["provider"] == "stripe"  # Stripe's billing portal (stripe-mock)


async def test_a_lago_billed_tenants_invoice_is_never_generated_by_billing(gateway, make_token, platform):
    tenant, admin, _ops = await _lago_tenant(gateway, make_token, platform)
    month_ago = date.today().replace(day=1) - timedelta(days=1)
    period = {"periodStart": month_ago.replace(day=1).isoformat(), "periodEnd": month_ago.isoformat()}
    r = await gateway.post("/api/v2/billing/generate", json=period, headers=admin)
    assert r.status_code == 409, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    problem = r.json()
    assert (problem["type"], problem["provider"]) == ("urn:radiant:problem:invoiced-by-provider", "lago")
    assert "Lago" in problem["detail"]
    async with service_db(platform, "billing") as db:
        assert await db.fetchval("SELECT count(*) FROM billing.invoices WHERE tenant_id = $1", tenant) == 0


def _subscription_webhook(kind: str, tenant: str, plan: str = "radiant_default") -> dict[str, Any]:
    status = "terminated" if kind == "subscription.terminated" else "active"
    return {
        "webhook_type": kind,
        "object_type": "subscription",
        "organization_id": str(uuid.uuid4()),
        "subscription": {
            "lago_id": str(uuid.uuid4()),
            "external_id": f"radiant-{tenant}",
            "external_customer_id": tenant,
            "plan_code": plan,
            "status": status,
        },
    }


async def _tenant_status(gateway: httpx.AsyncClient, ops: dict[str, str], tenant: str) -> str:
    r = await gateway.get(f"/api/v2/saas/tenants/{tenant}", headers=ops)
    assert r.status_code == 200, r.text
    return str(r.json()["tenant"]["status"])


async def test_a_terminated_lago_subscription_suspends_the_tenant_and_a_new_one_reactivates_it(
    gateway, make_token, platform
):
    tenant, admin, ops = await _lago_tenant(gateway, make_token, platform)
    body = json.dumps(_subscription_webhook("subscription.terminated", tenant)).encode()
    r = await gateway.post(WEBHOOK, content=body, headers=_hmac_headers(platform, body))
    assert r.status_code == 200, r.text
    await eventually(lambda: _tenant_status(gateway, ops, tenant), until=lambda s: s == "suspended", what="suspended")
    r = await gateway.get("/api/v2/billing/invoices", headers=admin)  # the tenant lifecycle's refusal
    assert r.status_code == 403 and r.json()["type"] == "urn:radiant:problem:tenant-suspended"
    history = (await gateway.get(f"/api/v2/saas/tenants/{tenant}", headers=ops)).json()
    assert "terminated" in json.dumps(history)  # the status history names why
    body = json.dumps(_subscription_webhook("subscription.started", tenant, "pro")).encode()
    r = await gateway.post(WEBHOOK, content=body, headers=_hmac_headers(platform, body))
    assert r.status_code == 200, r.text
    await eventually(lambda: _tenant_status(gateway, ops, tenant), until=lambda s: s == "active", what="reactivated")


async def test_a_new_lago_subscription_never_lifts_an_operators_suspension(gateway, make_token, platform):
    tenant, _, ops = await _lago_tenant(gateway, make_token, platform)
    r = await gateway.post(f"/api/v2/saas/tenants/{tenant}/suspend", json={"reason": "Fraud review"}, headers=ops)
    assert r.status_code == 200, r.text
    body = json.dumps(_subscription_webhook("subscription.started", tenant)).encode()
    async with tail_topic(platform, "billing-events") as events:
        r = await gateway.post(WEBHOOK, content=body, headers=_hmac_headers(platform, body))
        assert r.status_code == 200, r.text
        await events.wait_for(lambda rec: _from_lago(rec, tenant))  # identity has it to read
    async with tail_topic(platform, "tenant-events") as lifecycle:
        await lifecycle.drain(3.0)
    assert await _tenant_status(gateway, ops, tenant) == "suspended"
    assert not [rec for rec in lifecycle.records if event_json(rec)["tenantid"] == tenant]


async def test_a_signed_body_that_is_no_lago_webhook_is_a_400_and_changes_nothing(gateway, platform):
    # found by the fuzzer: object_type as an object was acknowledged with a 200
    for payload in ({"webhook_type": "0", "object_type": {}}, {"webhook_type": "", "object_type": "invoice"}, [1]):
        body = json.dumps(payload).encode()
        r = await gateway.post(WEBHOOK, content=body, headers=_hmac_headers(platform, body))
        assert r.status_code == 400, (payload, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")


async def test_billing_administrators_hear_of_a_lago_invoice_and_of_its_failed_payment(
    gateway, make_token, platform, onboard, inbox
):
    tenant, _, _ = await _lago_tenant(gateway, make_token, platform)
    admin = await onboard(tenant, role="super_admin")
    lago_id = str(uuid.uuid4())
    for kind in ("invoice.created", "invoice.payment_failure"):
        body = json.dumps(_webhook(kind, tenant, lago_id)).encode()
        r = await gateway.post(WEBHOOK, content=body, headers=_hmac_headers(platform, body))
        assert r.status_code == 200, r.text
    number = f"LAG-{lago_id[:8].upper()}"
    failed = await inbox.wait_for(admin.email, subject_contains=f"Payment failed for invoice {number}", timeout=60)
    assert "card was declined" in json.dumps(failed)
    await inbox.wait_for(admin.email, subject_contains=f"New invoice {number}", timeout=60)
