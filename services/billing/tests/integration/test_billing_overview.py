"""The billing screen (issue 13, seed 004 §2.1 `GET /admin/billing`): plan, current period with its
projection, budget and thresholds, payment status and the latest invoices in one call — the numbers
exactly those of the usage recorded and of billing's own answers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from radiant_testing import bearer, eventually, service_db

API = "/api/v2/admin/billing"


def _usage(model: str, tokens_in: int, tokens_out: int) -> dict:
    return {
        "requestId": str(uuid.uuid4()),
        "providerId": "openai",
        "modelId": model,
        "modelName": model,
        "requestType": "chat",
        "inputTokens": tokens_in,
        "outputTokens": tokens_out,
        "latencyMs": 40,
        "agentId": "agent-billing",
    }


async def _operator_tenant(gateway, make_token) -> str:
    """A tenant created as operators do, so billing subscribes it to the default plan."""
    ops = bearer(make_token(kind="operator", role="platform_admin", subject=str(uuid.uuid4()), name="Op"))
    created = await gateway.post(
        "/api/v2/saas/tenants",
        json={
            "name": f"Billing Co {uuid.uuid4().hex[:6]}",
            "environment": "dev",
            "superAdminEmail": "owner@bill.example",
        },
        headers=ops,
    )
    assert created.status_code == 201, created.text
    return created.json()["tenant"]["id"]


async def test_the_billing_screen_is_what_was_recorded_and_what_billing_answers(
    platform, gateway, make_token, make_service_key
):
    tenant = await _operator_tenant(gateway, make_token)
    admin = bearer(make_token(role="super_admin", tenant_id=tenant))
    auditor = bearer(make_token(role="auditor", tenant_id=tenant))

    async def subscribed():
        return await gateway.get("/api/v2/admin/billing/subscription", headers=admin)

    plan = (await eventually(subscribed, until=lambda r: r.status_code == 200, what="the default plan")).json()

    settings = await gateway.put(
        "/api/v2/billing/settings", json={"budgetLimit": "0.05", "alertThresholds": [10, 50, 100]}, headers=admin
    )
    assert settings.status_code == 200, settings.text

    key = await make_service_key(tenant_id=tenant)
    events = [_usage("gpt-4o", 4000, 1000), _usage("gpt-4o", 3000, 2000), _usage("gpt-4o-mini", 9000, 100)]
    assert (
        await gateway.post("/api/v2/metering/batch", json={"events": events}, headers=key.headers)
    ).status_code == 202

    async def current():
        return (await gateway.get("/api/v2/billing/current", headers=admin)).json()

    billing_current = await eventually(current, until=lambda c: c["totals"]["requestCount"] == 3, what="usage billed")

    # An invoice for last month, left unpaid with a failed payment.
    today = datetime.now(UTC).date()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    generated = await gateway.post(
        "/api/v2/billing/generate",
        json={"periodStart": last_month_end.replace(day=1).isoformat(), "periodEnd": last_month_end.isoformat()},
        headers=admin,
    )
    assert generated.status_code in (200, 201), generated.text
    invoice = generated.json().get("invoice", generated.json())
    failed_at = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    async with service_db(platform, "billing") as conn:
        await conn.execute(
            "UPDATE billing.invoices SET status = 'pending', payment_attempts = 1, payment_failed_at = $2,"
            " grace_until = $3 WHERE id = $1::uuid",
            invoice["id"],
            failed_at,
            failed_at + timedelta(days=7),
        )

    answer = await gateway.get(API, headers=auditor)  # billing:read is enough
    assert answer.status_code == 200, answer.text
    body = answer.json()
    projections = (await gateway.get("/api/v2/billing/projections", headers=admin)).json()
    billing_current = await current()

    assert body["tenantId"] == tenant and body["currency"] == billing_current["currency"]
    assert body["plan"]["plan"]["id"] == plan["plan"]["id"] and body["plan"]["periodEnd"] == plan["periodEnd"]

    period = body["currentPeriod"]
    assert period["period"] == billing_current["period"]
    assert period["totals"] == billing_current["totals"]
    assert period["models"] == billing_current["models"]
    assert period["totals"]["requestCount"] == 3
    assert period["totals"]["totalTokens"] == sum(e["inputTokens"] + e["outputTokens"] for e in events)

    # The billed cost is metering's, rounded once to the currency's minor unit.
    since = billing_current["period"]["start"]
    summary = (
        await gateway.get(
            "/api/v2/metering/summary", params={"startDate": since, "endDate": today.isoformat()}, headers=admin
        )
    ).json()["totals"]
    assert Decimal(period["totals"]["billedCost"]) == Decimal(summary["billedCost"]).quantize(Decimal("0.01"))

    projection = body["projection"]
    for field in ("method", "costToDate", "dailyAverage", "projectedTotal"):
        assert projection[field] == projections[field], field
    assert body["budget"] == projections["budget"]
    assert Decimal(body["budget"]["budgetLimit"]) == Decimal("0.05")
    assert body["budget"]["alertThresholds"] == [10, 50, 100]

    payment = body["payment"]
    assert payment["status"] == "payment_failed"
    assert payment["lastFailure"]["invoiceId"] == invoice["id"] and payment["lastFailure"]["attempts"] == 1
    assert [(o["status"], o["invoices"], Decimal(o["amount"])) for o in payment["owed"]] == [
        ("pending", 1, Decimal(invoice["total"]))
    ]
    assert [i["id"] for i in body["latestInvoices"]] == [invoice["id"]]
    assert body["latestInvoices"][0]["status"] == "pending"


async def test_the_billing_screen_by_role(gateway, make_token):
    tenant = f"t-{uuid.uuid4()}"
    for role, status in (("super_admin", 200), ("admin", 200), ("operator", 200), ("auditor", 200), ("member", 403)):
        answer = await gateway.get(API, headers=bearer(make_token(role=role, tenant_id=tenant)))
        assert answer.status_code == status, (role, answer.text)
    fresh = (await gateway.get(API, headers=bearer(make_token(role="admin", tenant_id=tenant)))).json()
    assert fresh["plan"] is None  # billing has not subscribed a tenant it never heard of
    assert fresh["payment"] == {
        "status": "current",
        "autoPay": fresh["payment"]["autoPay"],
        "owed": [],
        "lastFailure": None,
    }
    assert fresh["latestInvoices"] == [] and fresh["budget"]["status"] == "no_budget"
