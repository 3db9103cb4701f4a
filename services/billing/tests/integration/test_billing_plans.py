"""Plans and subscriptions against the running stack, through the gateway: the default plan on
tenant creation, upgrades prorated to the cent, downgrades that do not fit refused with the offending
limits, the plan's line on the invoice, exchange rates, revenue, and who may call what."""

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest

from radiant_contracts.envelope import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.internal import internal_client
from radiant_testing.onboarding import new_email

ADMIN = "/api/v2/admin/billing"
SAAS = "/api/v2/saas"
BILLING = "/api/v2/billing"


def tenant() -> str:
    return f"t-plan-{uuid.uuid4().hex[:12]}"


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def today() -> date:
    return datetime.now(UTC).date()


def changed_for(tenant_id: str):
    return lambda r: (e := event_json(r))["type"] == "radiant.subscription.changed.v1" and e["tenantid"] == tenant_id


@pytest.fixture
def operator(make_token):
    return lambda role="platform_admin": bearer(make_token(kind="operator", role=role, subject=str(uuid.uuid4())))


async def test_a_new_tenant_gets_the_default_plan_and_its_limits_are_published(gateway, operator, make_token, stack):
    async with tail_topic(stack, "billing-events") as billing:
        created = await gateway.post(
            f"{SAAS}/tenants",
            json={"name": f"Plans {uuid.uuid4().hex[:6]}", "environment": "dev", "superAdminEmail": new_email("own")},
            headers=operator(),
        )
        assert created.status_code == 201, created.text
        tenant_id = created.json()["tenant"]["id"]
        [event] = await billing.wait_for(changed_for(tenant_id))
    data = event_json(event)["data"]
    assert (data["change"], data["plan"], data["status"], data["revision"]) == ("created", "free", "active", 1)
    assert data["limits"] == {"max_users": 3, "max_agents": 1, "max_tokens_per_month": 1000000, "max_storage_gb": 1}
    assert data["monthly_price"] == "0.00" and data["currency"] == "USD"
    reader = bearer(make_token(role="auditor", tenant_id=tenant_id))
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=reader)).json()
    assert (sub["plan"]["id"], sub["status"], sub["revision"], sub["monthlyPrice"]) == ("free", "active", 1, "0.00")
    assert sub["periodStart"] == today().isoformat()


async def _cycle_day_15(gateway, headers) -> None:
    r = await gateway.put(f"{BILLING}/settings", headers=headers, json={"billingCycleDay": 15})
    assert r.status_code == 200, r.text


async def test_upgrade_takes_effect_at_once_prorated_to_the_cent_and_lands_on_the_invoice(gateway, make_token, stack):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    await _cycle_day_15(gateway, admin)
    async with tail_topic(stack, "billing-events") as billing, tail_topic(stack, "audit-events") as audits:
        r = await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})
        assert r.status_code == 200, r.text
        body = r.json()
        [event] = await billing.wait_for(
            lambda rec: changed_for(t)(rec) and event_json(rec)["data"]["change"] == "upgrade"
        )
        [audit] = await audits.wait_for(
            lambda rec: (e := event_json(rec))["tenantid"] == t and e["data"]["action"] == "billing.upgrade"
        )
    sub, proration = body["subscription"], body["proration"]
    end = date.fromisoformat(sub["periodEnd"])
    assert end.day == 14  # the cycle runs from the 15th to the 14th
    cycle_days = (end - (date(end.year - (end.month == 1), (end.month - 2) % 12 + 1, 15))).days + 1
    left = (end - today()).days + 1
    expected = cents(Decimal("49.00") * left / cycle_days)
    assert (proration["daysLeft"], proration["cycleDays"]) == (left, cycle_days)
    assert (proration["oldPrice"], proration["newPrice"], proration["currency"]) == ("0.00", "49.00", "USD")
    assert Decimal(proration["amount"]) == expected and proration["amount"] == str(expected)
    assert sub["plan"]["id"] == "starter" and sub["monthlyPrice"] == "49.00"
    assert [c["kind"] for c in sub["uninvoicedCharges"]] == ["proration"]
    data = event_json(event)["data"]
    assert data["plan"] == "starter" and data["previous_plan"] == "free" and data["revision"] == 2
    assert data["limits"]["max_users"] == 10 and data["limits"]["max_tokens_per_month"] == 10_000_000
    assert event_json(audit)["data"]["details"]["proration"]["amount"] == str(expected)

    # The next invoice carries the proration as its own line, next to the (empty) usage.
    r = await gateway.post(
        f"{BILLING}/generate",
        headers=admin,
        json={"periodStart": sub["periodStart"], "periodEnd": sub["periodEnd"], "sendToStripe": True},
    )
    assert r.status_code == 201, r.text
    invoice = r.json()
    [line] = [li for li in invoice["lineItems"] if li["kind"] == "proration"]
    assert Decimal(line["amount"]) == expected and "Free → Starter" in line["description"]
    assert Decimal(invoice["subtotal"]) == expected and Decimal(invoice["total"]) == expected
    assert invoice["planId"] == "starter" and invoice["stripeSyncStatus"] == "synced"
    after = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert after["uninvoicedCharges"] == []  # carried once, never twice


async def test_upgrade_and_downgrade_go_the_right_way(gateway, make_token):
    admin = bearer(make_token(role="super_admin", tenant_id=tenant()))
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "pro"})).status_code == 200
    r = await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})
    assert r.status_code == 409 and r.headers["content-type"].startswith("application/problem+json")
    r = await gateway.post(f"{ADMIN}/downgrade", headers=admin, json={"plan": "enterprise"})
    assert r.status_code == 409
    r = await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "no-such-plan"})
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "plan"
    r = await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "Pro!"})
    assert r.status_code == 422


async def _publish_usage(kafka_producer, tenant_id: str, tokens: int) -> None:
    event = make_event(
        UsageRecorded(
            request_id=f"req-{uuid.uuid4().hex}",
            provider_id="openai",
            model_id="gpt-4o",
            model_name="GPT-4o",
            request_type="chat",
            input_tokens=tokens,
            output_tokens=0,
            latency_ms=10,
            cached=False,
            phi_detected=False,
            phi_sanitized=False,
            user_id="u",
            app_id="app",
            environment="dev",
            occurred_at=datetime.now(UTC),
        ),
        tenant_id=tenant_id,
        source=USAGE_PRODUCER,
    )
    await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())


async def _metered(stack, tenant_id: str, tokens: int) -> None:
    """Wait until metering's rollups (what billing reads) hold the tenant's usage."""
    async with internal_client(stack, caller="billing", callee="metering") as metering:

        async def month():
            params = {"tenantId": tenant_id, "start": today().replace(day=1).isoformat(), "end": today().isoformat()}
            return (await metering.get("/internal/v1/rollups", params=params)).json()

        await eventually(month, until=lambda m: sum(x["totalTokens"] for x in m["models"]) == tokens, what="metered")


async def test_a_downgrade_that_does_not_fit_is_refused_listing_the_limits_exceeded(
    gateway, make_token, kafka_producer, stack
):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})).status_code == 200
    await _publish_usage(kafka_producer, t, 1_200_000)  # the free plan allows 1,000,000 tokens a month
    await _metered(stack, t, 1_200_000)
    r = await gateway.post(f"{ADMIN}/downgrade", headers=admin, json={"plan": "free"})
    assert r.status_code == 409, r.text
    problem = r.json()
    assert r.headers["content-type"].startswith("application/problem+json")
    assert problem["type"] == "urn:radiant:problem:plan-limits-exceeded" and problem["plan"] == "free"
    tokens = [e for e in problem["exceeded"] if e["resource"] == "tokens"]
    assert tokens == [
        {"limit": "max_tokens_per_month", "resource": "tokens", "current": 1_200_000, "allowed": 1_000_000}
    ]
    assert "1200000 tokens on a plan of 1000000" in problem["detail"]
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert sub["plan"]["id"] == "starter" and sub["scheduledChange"] is None


async def test_a_downgrade_that_fits_is_scheduled_for_the_next_period(gateway, make_token, stack):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "pro"})).status_code == 200
    async with tail_topic(stack, "audit-events") as audits:
        r = await gateway.post(f"{ADMIN}/downgrade", headers=admin, json={"plan": "starter"})
        assert r.status_code == 200, r.text
        [audit] = await audits.wait_for(
            lambda rec: (e := event_json(rec))["tenantid"] == t and e["data"]["action"] == "billing.downgrade"
        )
    body = r.json()
    effective = date.fromisoformat(body["subscription"]["periodEnd"]) + timedelta(days=1)
    assert (body["status"], body["plan"], body["effectiveOn"]) == ("scheduled", "starter", effective.isoformat())
    sub = body["subscription"]
    assert sub["plan"]["id"] == "pro" and sub["scheduledChange"]["plan"] == "starter"  # pro until the period ends
    assert event_json(audit)["data"]["details"]["status"] == "scheduled"


async def test_a_non_usd_tenant_is_invoiced_in_its_currency_at_the_recorded_rate(
    gateway, make_token, operator, kafka_producer, stack
):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    rate = {"currency": "EUR", "rate": "0.9235", "effectiveFrom": today().isoformat(), "source": "test: ECB reference"}
    r = await gateway.put(f"{SAAS}/billing/exchange-rates", headers=operator(), json={"rates": [rate]})
    assert r.status_code == 200, r.text
    assert (await gateway.put(f"{BILLING}/settings", headers=admin, json={"currency": "EUR"})).status_code == 200
    await _publish_usage(kafka_producer, t, 1_000_000)
    await _metered(stack, t, 1_000_000)
    r = await gateway.post(
        f"{BILLING}/generate",
        headers=admin,
        json={"periodStart": today().isoformat(), "periodEnd": today().isoformat(), "sendToStripe": True},
    )
    assert r.status_code == 201, r.text
    invoice = r.json()
    async with internal_client(stack, caller="billing", callee="metering") as metering:  # as billing reads it
        rollups = await metering.get(
            "/internal/v1/rollups", params={"tenantId": t, "start": today().isoformat(), "end": today().isoformat()}
        )
    usd = Decimal(rollups.json()["billedCost"])
    [line] = invoice["lineItems"]
    assert invoice["currency"] == "EUR" and Decimal(invoice["exchangeRate"]) == Decimal("0.9235")
    assert Decimal(line["amount"]) == cents(usd * Decimal("0.9235"))  # converted, then rounded once
    assert Decimal(line["amount"]) != cents(usd)  # never the USD figure under another name
    assert invoice["stripeSyncStatus"] == "synced"


async def test_a_currency_without_a_rate_is_refused_not_relabelled(gateway, make_token, kafka_producer, stack):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    assert (await gateway.put(f"{BILLING}/settings", headers=admin, json={"currency": "SEK"})).status_code == 200
    await _publish_usage(kafka_producer, t, 1000)
    await _metered(stack, t, 1000)
    period = {"periodStart": today().isoformat(), "periodEnd": today().isoformat()}
    r = await gateway.post(f"{BILLING}/generate", headers=admin, json=period)
    assert r.status_code == 409, r.text
    assert r.json()["currency"] == "SEK" and "exchange rate" in r.json()["detail"]


async def test_exchange_rates_never_apply_retroactively(gateway, operator):
    yesterday = (today() - timedelta(days=1)).isoformat()
    r = await gateway.put(
        f"{SAAS}/billing/exchange-rates",
        headers=operator(),
        json={"rates": [{"currency": "EUR", "rate": "0.9", "effectiveFrom": yesterday, "source": "late"}]},
    )
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "rates.0.effectiveFrom"
    r = await gateway.put(
        f"{SAAS}/billing/exchange-rates",
        headers=operator(),
        json={"rates": [{"currency": "USD", "rate": "1", "effectiveFrom": today().isoformat(), "source": "x"}]},
    )
    assert r.status_code == 422


async def test_revenue_equals_the_sum_of_the_invoices(gateway, make_token, operator, stack):
    year = 1990 + uuid.uuid4().int % 30  # a month of the past nobody else invoices
    start, end = date(year, 3, 1), date(year, 3, 31)
    for _ in range(2):
        admin = bearer(make_token(role="super_admin", tenant_id=tenant()))
        assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})).status_code == 200
        r = await gateway.post(
            f"{BILLING}/generate",
            headers=admin,
            json={"periodStart": start.isoformat(), "periodEnd": end.isoformat()},
        )
        assert r.status_code == 201, r.text
    async with service_db(stack, "billing") as db:
        await db.execute("UPDATE invoices SET status = 'paid' WHERE id = $1", uuid.UUID(r.json()["id"]))
        rows = await db.fetch(
            "SELECT total, status FROM invoices WHERE currency = 'USD' AND status <> 'cancelled' "
            "AND period_start BETWEEN $1 AND $2",
            start,
            end,
        )
    report = await gateway.get(
        f"{SAAS}/billing/revenue",
        headers=operator(),
        params={"from": start.isoformat(), "to": end.isoformat(), "tenantLimit": 1000},
    )
    assert report.status_code == 200, report.text
    [usd] = [c for c in report.json()["currencies"] if c["currency"] == "USD"]
    invoiced = sum((Decimal(r["total"]) for r in rows), Decimal(0))
    collected = sum((Decimal(r["total"]) for r in rows if r["status"] == "paid"), Decimal(0))
    assert Decimal(usd["invoiced"]) == invoiced and Decimal(usd["collected"]) == collected
    assert Decimal(usd["outstanding"]) == invoiced - collected and usd["invoiceCount"] == len(rows)
    for part in ("byPlan", "byTenant"):
        assert sum((Decimal(p["invoiced"]) for p in usd[part]), Decimal(0)) == invoiced
    mrr = usd["mrr"]
    moved = Decimal(mrr["start"]) + Decimal(mrr["new"]) + Decimal(mrr["expansion"])
    assert moved - Decimal(mrr["contraction"]) - Decimal(mrr["churn"]) == Decimal(mrr["end"])


async def test_routes_by_role(gateway, make_token, operator):
    t = tenant()
    as_role = lambda role: bearer(make_token(role=role, tenant_id=t))  # noqa: E731
    period = {"from": "2020-01-01", "to": "2020-01-31"}
    cases = [
        ("GET", f"{ADMIN}/subscription", as_role("auditor"), None, 200),
        ("POST", f"{ADMIN}/upgrade", as_role("admin"), {"plan": "pro"}, 403),
        ("POST", f"{ADMIN}/downgrade", as_role("operator"), {"plan": "free"}, 403),
        ("POST", f"{ADMIN}/upgrade", operator(), {"plan": "pro"}, 403),
        ("GET", f"{SAAS}/subscriptions", operator("platform_support"), None, 200),
        ("PUT", f"{SAAS}/subscriptions", operator("platform_support"), {"plans": []}, 403),
        ("GET", f"{SAAS}/subscriptions", as_role("super_admin"), None, 403),
        ("GET", f"{SAAS}/billing/revenue", operator("platform_support"), period, 403),
        ("GET", f"{SAAS}/billing/revenue", operator(), period, 200),
        ("GET", f"{SAAS}/billing/revenue", as_role("super_admin"), period, 403),
        ("GET", f"{SAAS}/billing/exchange-rates", operator("platform_support"), None, 200),
        ("PUT", f"{SAAS}/billing/exchange-rates", operator("platform_support"), {"rates": []}, 403),
        ("GET", f"{SAAS}/subscriptions", {}, None, 401),
        ("POST", f"{ADMIN}/upgrade", {}, {"plan": "pro"}, 401),
    ]
    # The subscription exists once the tenant has one (a super_admin's first plan change makes it).
    r = await gateway.post(f"{ADMIN}/upgrade", headers=as_role("super_admin"), json={"plan": "starter"})
    assert r.status_code == 200
    for method, path, headers, body, expected in cases:
        if method == "GET":
            r = await gateway.get(path, headers=headers, params=body)
        else:
            r = await gateway.request(method, path, headers=headers, json=body)
        assert r.status_code == expected, (method, path, headers and "token", r.status_code, r.text)


async def test_catalogue_versions_apply_from_the_next_period(gateway, make_token, operator, stack):
    plan_id = f"test-{uuid.uuid4().hex[:8]}"
    plan = {
        "id": plan_id,
        "name": "Test tier",
        "rank": 100_000 + uuid.uuid4().int % 100_000,
        "prices": {"USD": "300.00", "EUR": "280.00"},
        "limits": {"maxUsers": 5, "maxAgents": None, "maxTokensPerMonth": None, "maxStorageGb": 2},
        "features": ["sso"],
    }
    r = await gateway.put(f"{SAAS}/subscriptions", headers=operator(), json={"plans": [plan]})
    assert r.status_code == 200, r.text
    [created] = [p for p in r.json()["plans"] if p["id"] == plan_id]
    assert (created["version"], created["prices"]["USD"], created["limits"]["maxAgents"]) == (1, "300.00", None)
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": plan_id})).status_code == 200

    r = await gateway.put(
        f"{SAAS}/subscriptions", headers=operator(), json={"plans": [{**plan, "prices": {"USD": "350.00"}}]}
    )
    [repriced] = [p for p in r.json()["plans"] if p["id"] == plan_id]
    assert (repriced["version"], repriced["prices"], repriced["versions"]) == (2, {"USD": "350.00"}, 2)
    same = await gateway.put(
        f"{SAAS}/subscriptions", headers=operator(), json={"plans": [{**plan, "prices": {"USD": "350.00"}}]}
    )
    assert [p["version"] for p in same.json()["plans"] if p["id"] == plan_id] == [2]  # unchanged: no new version
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert (sub["planVersion"], sub["monthlyPrice"]) == (1, "300.00")  # this period keeps its price
    # Retire the test tier so that it is not offered to anyone else.
    r = await gateway.put(
        f"{SAAS}/subscriptions",
        headers=operator(),
        json={"plans": [{**plan, "prices": {"USD": "350.00"}, "available": False}]},
    )
    assert r.status_code == 200
    del stack
