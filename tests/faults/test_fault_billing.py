"""Case f, billing (issue 18): kill -9 of billing while it generates last month's invoices with their
Stripe push (stripe-mock of the fault stack), then a restart: every tenant invoiced exactly once —
the invoices the API calls had committed stand, the scheduled invoice run (which runs at start)
writes the others — each invoice pushed to Stripe, and billing's outbox drained with one
`invoice.created` per invoice."""

from __future__ import annotations

import asyncio
import os
import random
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import httpx
import pytest

from radiant_testing import bearer, eventually, service_db
from radiant_testing.fault_stack import FaultStack

TENANTS = int(os.environ.get("FAULTS_BILLING_TENANTS", "80"))
AT_ONCE = 6  # API calls in flight: the run lasts long enough to be cut in the middle
MODELS = ("gpt-4o", "gpt-4o-mini")

pytestmark = pytest.mark.timeout(600)


def last_month() -> tuple[date, date]:
    """The last closed period of a tenant billed on the 1st, as the invoice run computes it."""
    end = datetime.now(UTC).date().replace(day=1) - timedelta(days=1)
    return end.replace(day=1), end


async def seed(stack, tenants: list[str]) -> None:
    """What billing knows of each tenant (active, USD, cycle day 1) and metering's daily rollups for
    last month, as `services/billing/benchmarks/bench_billing.py` seeds them."""
    start, end = last_month()
    rnd = random.Random(18)
    now = datetime.now(UTC)
    rows = []
    for tenant in tenants:
        for model in MODELS:
            for day in (start, start + timedelta(days=9), end):
                requests = rnd.randint(1, 50)
                provider = Decimal(rnd.randint(10**6, 10**9)).scaleb(-10)
                rows.append(
                    (tenant, day, model, "openai", requests, requests * 100, requests * 20, requests * 120,
                     provider, (provider * Decimal("1.2")).quantize(Decimal(1).scaleb(-10)),
                     0, 0, requests * 100, 0, 0, now)
                )  # fmt: skip
    async with service_db(stack, "metering") as conn:
        await conn.copy_records_to_table(
            "usage_rollups",
            schema_name="metering",
            records=rows,
            columns=(
                "tenant_id", "usage_date", "model_id", "provider_id", "request_count", "input_tokens",
                "output_tokens", "total_tokens", "provider_cost", "billed_cost", "cached_requests",
                "phi_requests", "latency_sum_ms", "unpriced_requests", "suspended_requests", "updated_at",
            ),
        )  # fmt: skip
    async with service_db(stack, "billing") as conn:
        await conn.execute(
            """INSERT INTO billing.billing_settings (tenant_id, tenant_name, tenant_status, billing_cycle_day,
                   currency, margin_percent, margin_type, tiers, tax_enabled, tax_percent, auto_pay, alert_thresholds)
               SELECT t, 'Fault ' || t, 'active', 1, 'USD', 20.00, 'fixed', '[]'::jsonb, false, 0.00, false,
                      ARRAY[50, 75, 90, 100]
               FROM unnest($1::text[]) AS t""",
            tenants,
        )


async def invoices(stack, tenants: list[str]) -> list[dict]:
    async with service_db(stack, "billing") as conn:
        rows = await conn.fetch(
            "SELECT id::text, tenant_id, stripe_sync_status, stripe_invoice_id FROM billing.invoices"
            " WHERE tenant_id = ANY($1::text[])",
            tenants,
        )
    return [dict(r) for r in rows]


async def outbox(stack, invoice_ids: list[str]) -> tuple[int, dict[str, int]]:
    """(rows not yet published anywhere in billing's outbox, `invoice.created` rows per invoice id)."""
    async with service_db(stack, "billing") as conn:
        pending = await conn.fetchval(
            "SELECT count(*) FROM billing.outbox WHERE published_at IS NULL AND failed_at IS NULL"
        )
        rows = await conn.fetch(
            "SELECT e ->> 'subject' AS invoice, count(*) AS n"
            " FROM (SELECT convert_from(value, 'UTF8')::jsonb AS e FROM billing.outbox) AS rows"
            " WHERE e ->> 'type' = 'radiant.invoice.created.v1' AND e ->> 'subject' = ANY($1::text[]) GROUP BY 1",
            invoice_ids,
        )
    return int(pending), {r["invoice"]: int(r["n"]) for r in rows}


async def test_kill_9_billing_mid_invoice_run_then_each_tenant_invoiced_and_pushed_once(
    fault_stack: FaultStack, stack, gateway, make_token, figures
) -> None:
    run = uuid.uuid4().hex[:8]
    tenants = [f"t-fault-bill-{run}-{i:03d}" for i in range(TENANTS)]
    await seed(stack, tenants)
    start, end = last_month()
    period = {"periodStart": start.isoformat(), "periodEnd": end.isoformat(), "sendToStripe": True}
    slots = asyncio.Semaphore(AT_ONCE)

    async def generate(tenant: str) -> int:
        headers = bearer(make_token(role="super_admin", tenant_id=tenant, environment="dev"))
        async with slots:
            try:
                return (await gateway.post("/api/v2/billing/generate", json=period, headers=headers)).status_code
            except httpx.HTTPError:
                return 0

    billing = fault_stack.pid("billing")
    calls = asyncio.gather(*(generate(t) for t in tenants))
    # mid-run: some invoices committed (and pushed), some in flight, the rest not asked for yet
    await eventually(lambda: invoices(stack, tenants), until=lambda found: len(found) >= TENANTS // 5, timeout=120,
                     interval=0.05, what="a fifth of the invoices")  # fmt: skip
    fault_stack.kill("billing", pid=billing)
    at_kill = len(await invoices(stack, tenants))
    answers = await calls

    restarted = time.monotonic()
    fault_stack.start("billing")  # its invoice run starts with it and invoices whoever is left
    await eventually(lambda: invoices(stack, tenants), until=lambda found: len(found) >= TENANTS, timeout=180,
                     what="every tenant invoiced")  # fmt: skip

    def all_pushed(found: list[dict]) -> bool:
        return all(i["stripe_sync_status"] == "synced" and i["stripe_invoice_id"] for i in found)

    await eventually(lambda: invoices(stack, tenants), until=all_pushed, timeout=120, what="every invoice pushed")
    found = await invoices(stack, tenants)
    ids = [i["id"] for i in found]
    pending, created = await eventually(lambda: outbox(stack, ids), until=lambda o: o[0] == 0, timeout=120,
                                        what="billing's outbox drained")  # fmt: skip
    recovered_in = time.monotonic() - restarted

    per_tenant = {t: 0 for t in tenants}
    for invoice in found:
        per_tenant[invoice["tenant_id"]] += 1
    lost = sum(1 for n in per_tenant.values() if n == 0)
    twice = sum(n - 1 for n in per_tenant.values() if n > 1)
    figures.record(
        "kill-9-billing-invoice-run",
        sent=TENANTS,
        stored=len(found),
        lost=lost,
        twice=twice,
        recovered_in=recovered_in,
        at_kill=at_kill,
        api_cut=sum(1 for a in answers if a not in (200, 201)),
        pushed=sum(1 for i in found if i["stripe_sync_status"] == "synced"),
    )
    assert at_kill < TENANTS, "the kill should have happened mid-run"
    assert (lost, twice) == (0, 0)
    assert all_pushed(found)
    assert pending == 0
    assert created == {invoice_id: 1 for invoice_id in ids}, "one invoice.created per invoice"
