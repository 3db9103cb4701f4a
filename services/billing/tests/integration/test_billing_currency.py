"""A tenant billed in another currency than USD, against the running stack: the current period, its
projection and the budget position are computed in the tenant's currency at the effective-dated rate
the period's invoice uses (never USD relabelled), and without a rate they are refused as invoicing
refuses; plan charges made before a currency change still reach the next invoice, converted."""

import uuid
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from radiant_contracts.envelope import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import bearer, eventually, service_db
from radiant_testing.internal import internal_client

BILLING = "/api/v2/billing"
ADMIN = "/api/v2/admin/billing"
# Currencies no other test records a rate for: this file owns their rates (NOK) or their absence (DKK).
NOK_RATE = Decimal("10.5000")


def tenant() -> str:
    return f"t-cur-{uuid.uuid4().hex[:12]}"


def cents(amount: Decimal) -> Decimal:
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def today() -> date:
    return datetime.now(UTC).date()


async def _nok_rate_in_effect_for_this_period(stack) -> None:
    """The period began on the 1st, before today perhaps; the API refuses a rate for a day already past
    (amounts of a begun period are never recomputed), so the test records the rate as an operator
    would have before the period began: in billing's own table."""
    async with service_db(stack, "billing") as db:
        await db.execute(
            "INSERT INTO exchange_rates (currency, effective_from, rate, source, created_by) "
            "VALUES ('NOK', $1, $2, 'test: fixed rate', 'test') "
            "ON CONFLICT (currency, effective_from) DO UPDATE SET rate = EXCLUDED.rate",
            today().replace(day=1),
            NOK_RATE,
        )


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


async def _usd_rollup(stack, tenant_id: str, tokens: int) -> dict:
    """Metering's USD figures for the period so far, once they hold the tenant's usage (what billing reads)."""
    async with internal_client(stack, caller="billing", callee="metering") as metering:

        async def month():
            params = {"tenantId": tenant_id, "start": today().replace(day=1).isoformat(), "end": today().isoformat()}
            return (await metering.get("/internal/v1/rollups", params=params)).json()

        return await eventually(month, until=lambda m: sum(x["totalTokens"] for x in m["models"]) == tokens)


async def test_current_period_projection_and_budget_are_in_the_tenants_currency_at_the_invoice_rate(
    gateway, make_token, kafka_producer, stack
):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    await _nok_rate_in_effect_for_this_period(stack)
    r = await gateway.put(
        f"{BILLING}/settings", headers=admin, json={"currency": "NOK", "billingCycleDay": 1, "budgetLimit": "80.00"}
    )
    assert r.status_code == 200, r.text
    await _publish_usage(kafka_producer, t, 1_000_000)
    usd = await _usd_rollup(stack, t, 1_000_000)
    billed_usd, provider_usd = Decimal(usd["billedCost"]), Decimal(usd["providerCost"])
    assert billed_usd > 0
    billed_nok = cents(billed_usd * NOK_RATE)

    current = (await gateway.get(f"{BILLING}/current", headers=admin)).json()
    assert (current["currency"], Decimal(current["exchangeRate"])) == ("NOK", NOK_RATE)
    assert Decimal(current["totals"]["billedCost"]) == billed_nok
    assert Decimal(current["totals"]["providerCost"]) == cents(provider_usd * NOK_RATE)
    assert Decimal(current["totals"]["billedCost"]) != cents(billed_usd)  # never the USD figure relabelled
    [model] = current["models"]
    assert Decimal(model["billedCost"]) == billed_usd * NOK_RATE  # exact, as the invoice's line before rounding
    budget = current["budget"]
    assert Decimal(budget["spent"]) == billed_nok and Decimal(budget["budgetLimit"]) == Decimal("80.00")
    assert Decimal(budget["percentUsed"]) == (billed_nok / Decimal("80.00") * 100).quantize(Decimal("0.01"))

    projection = (await gateway.get(f"{BILLING}/projections", headers=admin)).json()
    elapsed, days = projection["daysElapsed"], projection["daysInPeriod"]
    assert (projection["currency"], Decimal(projection["exchangeRate"])) == ("NOK", NOK_RATE)
    assert Decimal(projection["costToDate"]) == billed_nok
    assert Decimal(projection["dailyAverage"]) == cents(billed_usd * NOK_RATE / elapsed)
    assert Decimal(projection["projectedTotal"]) == cents(billed_usd * NOK_RATE / elapsed * days)

    # The billing screen shows the same figures (the same functions).
    overview = (await gateway.get(ADMIN, headers=admin)).json()
    assert Decimal(overview["currentPeriod"]["totals"]["billedCost"]) == billed_nok
    assert Decimal(overview["budget"]["spent"]) == billed_nok

    # And the period's invoice says the same: its usage line at the same rate.
    r = await gateway.post(
        f"{BILLING}/generate",
        headers=admin,
        json={"periodStart": today().replace(day=1).isoformat(), "periodEnd": today().isoformat()},
    )
    assert r.status_code == 201, r.text
    [line] = [li for li in r.json()["lineItems"] if li["kind"] == "usage"]
    assert Decimal(line["amount"]) == billed_nok and Decimal(r.json()["exchangeRate"]) == NOK_RATE


async def test_without_a_rate_the_current_period_is_refused_as_its_invoice_would_be(
    gateway, make_token, kafka_producer, stack
):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    r = await gateway.put(f"{BILLING}/settings", headers=admin, json={"currency": "DKK", "billingCycleDay": 1})
    assert r.status_code == 200, r.text
    # No usage yet: nothing to convert, zero in any currency.
    current = (await gateway.get(f"{BILLING}/current", headers=admin)).json()
    assert current["currency"] == "DKK" and current["exchangeRate"] is None
    assert Decimal(current["totals"]["billedCost"]) == 0

    await _publish_usage(kafka_producer, t, 1000)
    await _usd_rollup(stack, t, 1000)
    first_day = today().replace(day=1).isoformat()
    for path in (f"{BILLING}/current", f"{BILLING}/projections", ADMIN):
        r = await gateway.get(path, headers=admin)
        assert r.status_code == 409, (path, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")
        problem = r.json()
        assert (problem["currency"], problem["day"]) == ("DKK", first_day), path
        assert "exchange rate" in problem["detail"]
    # The period so far (the usage is today's: a period of the 1st alone holds it only on the 1st).
    r = await gateway.post(
        f"{BILLING}/generate", headers=admin, json={"periodStart": first_day, "periodEnd": today().isoformat()}
    )
    assert r.status_code == 409 and r.json()["currency"] == "DKK"  # the same refusal


async def test_plan_charges_made_before_a_currency_change_reach_the_next_invoice_converted(gateway, make_token, stack):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    await _nok_rate_in_effect_for_this_period(stack)
    assert (await gateway.put(f"{BILLING}/settings", headers=admin, json={"billingCycleDay": 1})).status_code == 200
    r = await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})
    assert r.status_code == 200, r.text
    proration = r.json()["proration"]
    assert proration["currency"] == "USD" and Decimal(proration["amount"]) > 0
    usd = Decimal(proration["amount"])
    # Mid-period the tenant moves to NOK: the proration was charged in USD.
    assert (await gateway.put(f"{BILLING}/settings", headers=admin, json={"currency": "NOK"})).status_code == 200
    r = await gateway.post(
        f"{BILLING}/generate",
        headers=admin,
        json={"periodStart": today().replace(day=1).isoformat(), "periodEnd": today().isoformat()},
    )
    assert r.status_code == 201, r.text
    invoice = r.json()
    [line] = [li for li in invoice["lineItems"] if li["kind"] == "proration"]
    assert invoice["currency"] == "NOK"
    assert Decimal(line["amount"]) == cents(usd * NOK_RATE)  # converted, rounded once — not dropped, not relabelled
    assert f"({usd} USD)" in line["description"]
    assert Decimal(invoice["total"]) == cents(usd * NOK_RATE)
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert sub["uninvoicedCharges"] == []  # carried by that invoice, once


async def test_a_charge_in_a_currency_without_a_rate_refuses_the_invoice_and_stays_open(gateway, make_token, stack):
    t = tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=t))
    await _nok_rate_in_effect_for_this_period(stack)
    assert (await gateway.put(f"{BILLING}/settings", headers=admin, json={"billingCycleDay": 1})).status_code == 200
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})).status_code == 200
    assert (await gateway.put(f"{BILLING}/settings", headers=admin, json={"currency": "DKK"})).status_code == 200
    first_day = today().replace(day=1).isoformat()
    r = await gateway.post(  # the period so far: it holds today's proration whatever day of the month it is
        f"{BILLING}/generate", headers=admin, json={"periodStart": first_day, "periodEnd": today().isoformat()}
    )
    assert r.status_code == 409, r.text
    assert (r.json()["currency"], r.json()["day"]) == ("DKK", first_day)
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert [c["kind"] for c in sub["uninvoicedCharges"]] == ["proration"]  # still owed, for a later invoice
