"""A month's invoices for many tenants (`make bench-billing`), against the running local stack.

1. Seed, outside the timed part and the fastest honest way (COPY / one INSERT per table, each as the
   owning service's own database login): BENCH_TENANTS (1,000) tenants × BENCH_MODELS (20) models of
   daily rollups for the last closed month into metering's `usage_rollups`, and what billing knows of
   those tenants — their settings (active, USD, cycle day 1), a subscription (free, starter, pro or
   enterprise in turn) and the paid plans' fee for that month, as the renewal job charges it.
   Every id is the bench's: tenants `bench-billing-<run>-NNNN`, models `bench-model-NN`.
2. Timed: billing's invoice run (`radiant_billing.jobs.invoice_last_closed_periods`, the scheduled
   run's own code, in this process as billing: its database login and its service key) for those
   tenants; metering's internal API answers BILLING_INVOICE_RUN_METERING_PAGE_SIZE (500) tenants per
   call (`POST /internal/v1/rollups/tenants`). Stripe is excluded: the run writes each invoice with
   its `invoice.created` and audit events in the outbox and is told not to push (`send_to_stripe=False`),
   so no Stripe call is queued or made.
3. Checked: one invoice per tenant; per tenant, the sum of every line == the expected total computed
   here from the seeded rollups (each model's month rounded half-up to the cent, plus the plan fee),
   and the invoice's total equals it. Then the run is repeated: nothing is created, metering is not asked.
4. Cleaned up: the bench's rollups, invoices, charges, subscriptions and settings are deleted. (The
   invoices' outbox events were published like any; the audit log, append-only, keeps their entries.)

Knobs: BENCH_TENANTS, BENCH_MODELS, BILLING_INVOICE_RUN_METERING_PAGE_SIZE (≤ 500),
BILLING_INVOICE_RUN_CONCURRENCY (tenants invoiced at once, default 4), BILLING_DB_POOL_SIZE.
`seed_copy_rows_per_s` (the rollups' COPY) says how loaded the machine was: compare runs at a similar figure.
The last line printed is one JSON object.
"""

from __future__ import annotations

import asyncio
import calendar
import json
import os
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import asyncpg
import httpx

from radiant_billing.calculations import last_closed_period
from radiant_billing.config import Settings
from radiant_billing.deps import BillingDeps
from radiant_billing.jobs import invoice_last_closed_periods
from radiant_billing.metering_client import MeteringClient
from radiant_platform.db import create_engine, create_sessionmaker
from radiant_platform.service_auth import ServiceSigner

TENANTS = int(os.environ.get("BENCH_TENANTS", "1000"))
MODELS = int(os.environ.get("BENCH_MODELS", "20"))
TARGET_SECONDS = 30.0
RUN = uuid.uuid4().hex[:8]
PREFIX = f"bench-billing-{RUN}-"
PLANS = ("free", "starter", "pro", "enterprise")
CENT = Decimal("0.01")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def dsn(variable: str) -> str:
    return os.environ[variable].replace("postgresql+asyncpg://", "postgresql://")


def tenant_ids() -> list[str]:
    return [f"{PREFIX}{i:04d}" for i in range(TENANTS)]


def model_ids() -> list[str]:
    return [f"bench-model-{m:02d}" for m in range(MODELS)]


def rollup_rows(tenants: list[str], days: list[date], rng: random.Random) -> tuple[list[tuple], dict[str, Decimal]]:
    """Metering's daily rollups, and each tenant's usage total as an invoice must show it."""
    now = datetime.now(UTC)
    rows: list[tuple] = []
    usage: dict[str, Decimal] = {}
    for tenant in tenants:
        total = Decimal(0)
        for model in model_ids():
            month = Decimal(0)
            for day in days:
                requests = rng.randint(1, 50)
                tokens_in, tokens_out = requests * rng.randint(50, 2000), requests * rng.randint(10, 500)
                provider = Decimal(rng.randint(0, 10**9)).scaleb(-10)  # up to 0.1 USD, 10 decimals
                billed = (provider * Decimal("1.2")).quantize(Decimal(1).scaleb(-10))
                month += billed
                rows.append(
                    (
                        tenant,
                        day,
                        model,
                        "bench",
                        requests,
                        tokens_in,
                        tokens_out,
                        tokens_in + tokens_out,
                        provider,
                        billed,
                        0,
                        0,
                        requests * 100,
                        0,
                        0,
                        now,
                    )
                )
            total += month.quantize(CENT, ROUND_HALF_UP)  # one line per model, rounded once
        usage[tenant] = total
    return rows, usage


ROLLUP_COLUMNS = (
    "tenant_id",
    "usage_date",
    "model_id",
    "provider_id",
    "request_count",
    "input_tokens",
    "output_tokens",
    "total_tokens",
    "provider_cost",
    "billed_cost",
    "cached_requests",
    "phi_requests",
    "latency_sum_ms",
    "unpriced_requests",
    "suspended_requests",
    "updated_at",
)


async def plan_terms(billing: asyncpg.Connection) -> dict[str, tuple[int, str, Decimal]]:
    """Each bench plan's newest version, its name and its USD monthly price."""
    rows = await billing.fetch(
        """SELECT DISTINCT ON (plan_id) plan_id, version, name, prices->>'USD' AS usd
           FROM billing.plan_versions WHERE plan_id = ANY($1) ORDER BY plan_id, version DESC""",
        list(PLANS),
    )
    return {r["plan_id"]: (r["version"], r["name"], Decimal(r["usd"])) for r in rows}


async def seed_billing(
    billing: asyncpg.Connection, tenants: list[str], period_start: date, period_end: date
) -> dict[str, Decimal]:
    """Settings, subscriptions (the current period: nothing for the renewal job to do) and last
    month's plan fee per paid tenant; returns each tenant's fee."""
    terms = await plan_terms(billing)
    current_start = period_end + timedelta(days=1)
    current_end = current_start.replace(day=calendar.monthrange(current_start.year, current_start.month)[1])
    plan_of = {tenant: PLANS[i % len(PLANS)] for i, tenant in enumerate(tenants)}
    await billing.execute(
        """INSERT INTO billing.billing_settings (tenant_id, tenant_name, tenant_status, billing_cycle_day, currency,
               margin_percent, margin_type, tiers, tax_enabled, tax_percent, auto_pay, alert_thresholds)
           SELECT t, 'Bench ' || t, 'active', 1, 'USD', 20.00, 'fixed', '[]'::jsonb, false, 0.00, false,
                  ARRAY[50, 75, 90, 100]
           FROM unnest($1::text[]) AS t""",
        tenants,
    )
    await billing.executemany(
        """INSERT INTO billing.subscriptions (tenant_id, plan_id, plan_version, status, currency, period_start,
               period_end, cycle_days, revision)
           VALUES ($1, $2, $3, 'active', 'USD', $4, $5, $6, 1)""",
        [
            (t, plan_of[t], terms[plan_of[t]][0], current_start, current_end, (current_end - current_start).days + 1)
            for t in tenants
        ],
    )
    fees = {t: terms[plan_of[t]][2] for t in tenants}
    charges = [
        (
            uuid.uuid4(),
            t,
            "plan_fee",
            plan_of[t],
            terms[plan_of[t]][0],
            f"{terms[plan_of[t]][1]} plan, {period_start.isoformat()} to {period_end.isoformat()}",
            fees[t],
            "USD",
            period_start,
            period_end,
        )
        for t in tenants
        if fees[t] > 0
    ]
    await billing.copy_records_to_table(
        "subscription_charges",
        schema_name="billing",
        records=charges,
        columns=(
            "id",
            "tenant_id",
            "kind",
            "plan_id",
            "plan_version",
            "description",
            "amount",
            "currency",
            "service_start",
            "service_end",
        ),
    )
    return fees


async def check_invoices(
    billing: asyncpg.Connection, expected: dict[str, tuple[Decimal, int]], period_start: date
) -> tuple[int, list[str]]:
    """(invoices found, tenants whose invoice is not exactly what the rollups and fee make: the sum of
    its lines, its subtotal and its total each equal the expected total, with one line per model and
    one for a paid plan's fee; or who have none, or more than one)."""
    rows = await billing.fetch(
        "SELECT tenant_id, total, subtotal, line_items FROM billing.invoices WHERE tenant_id LIKE $1 || '%'"
        " AND period_start = $2",
        PREFIX,
        period_start,
    )
    found: dict[str, int] = {}
    wrong = []
    for r in rows:
        found[r["tenant_id"]] = found.get(r["tenant_id"], 0) + 1
        lines = json.loads(r["line_items"]) if isinstance(r["line_items"], str) else r["line_items"]
        line_sum = sum((Decimal(li["amount"]) for li in lines), Decimal(0))
        total, line_count = expected[r["tenant_id"]]
        if not (line_sum == r["subtotal"] == r["total"] == total) or len(lines) != line_count:
            wrong.append(r["tenant_id"])
    wrong += [t for t in expected if found.get(t, 0) != 1]
    return len(rows), sorted(set(wrong))


async def clean_up(metering: asyncpg.Connection, billing: asyncpg.Connection) -> None:
    pattern = PREFIX + "%"
    await metering.execute("DELETE FROM metering.usage_rollups WHERE tenant_id LIKE $1", pattern)
    for table in ("subscription_charges", "invoices", "subscription_changes", "subscriptions", "billing_settings"):
        await billing.execute(f"DELETE FROM billing.{table} WHERE tenant_id LIKE $1", pattern)


class CountingHttp(httpx.AsyncClient):
    """Billing's HTTP client, counting the calls that reach metering."""

    calls = 0
    seconds = 0.0

    async def send(self, request: httpx.Request, **kwargs: object) -> httpx.Response:  # type: ignore[override]
        CountingHttp.calls += 1
        started = time.perf_counter()
        try:
            return await super().send(request, **kwargs)  # type: ignore[arg-type]
        finally:
            CountingHttp.seconds += time.perf_counter() - started


async def main() -> None:
    today = datetime.now(UTC).date()
    period = last_closed_period(today, 1)
    days = [period.start + timedelta(days=d) for d in range(period.days)]
    tenants = tenant_ids()
    settings = Settings()
    metering = await asyncpg.connect(dsn("METERING_DATABASE_URL"))
    billing = await asyncpg.connect(dsn("BILLING_DATABASE_URL"))
    engine = create_engine(settings)
    http = CountingHttp(timeout=60)
    try:
        log(f"seeding {TENANTS} tenants × {MODELS} models × {len(days)} days ({period.start}..{period.end})")
        started = time.perf_counter()
        rows, usage = rollup_rows(tenants, days, random.Random(RUN))
        copy_started = time.perf_counter()
        await metering.copy_records_to_table(
            "usage_rollups", schema_name="metering", records=rows, columns=ROLLUP_COLUMNS
        )
        # A yardstick of how loaded the machine is, as metering's benchmark compares itself with COPY.
        copy_rows_per_s = len(rows) / (time.perf_counter() - copy_started)
        fees = await seed_billing(billing, tenants, period.start, period.end)
        expected = {t: (usage[t] + fees[t], MODELS + (fees[t] > 0)) for t in tenants}
        seed_seconds = time.perf_counter() - started
        log(f"seeded {len(rows)} rollups in {seed_seconds:.1f}s")

        signer = ServiceSigner.from_settings(settings)
        deps = BillingDeps(
            settings=settings,
            usage=MeteringClient(http, settings.metering_url, signer),
            approvals=None,  # type: ignore[arg-type]
            stripe=None,  # type: ignore[arg-type]  # never called: send_to_stripe=False
            administrators=None,  # type: ignore[arg-type]
            decisions=None,  # type: ignore[arg-type]
        )
        maker = create_sessionmaker(engine)
        started = time.perf_counter()
        run = await invoice_last_closed_periods(maker, deps, today=today, tenant_ids=tenants, send_to_stripe=False)
        wall = time.perf_counter() - started
        http_calls = CountingHttp.calls
        log(f"run: {run} in {wall:.2f}s, {http_calls} HTTP call(s) to metering")
        invoices, wrong = await check_invoices(billing, expected, period.start)
        again = await invoice_last_closed_periods(maker, deps, today=today, tenant_ids=tenants, send_to_stripe=False)
        invoices_after, _ = await check_invoices(billing, expected, period.start)
        idempotent = again.created == 0 and again.metering_calls == 0 and invoices_after == invoices
        log(f"re-run: {again}; invoices {invoices} → {invoices_after}")
        result = {
            "benchmark": "billing-invoice-run",
            "tenants": TENANTS,
            "models": MODELS,
            "rollup_rows": len(rows),
            "period": f"{period.start}..{period.end}",
            "invoices": invoices,
            "invoices_per_s": round(invoices / wall, 1),
            "wall_s": round(wall, 2),
            "target_s": TARGET_SECONDS,
            "exact": not wrong and invoices == TENANTS,
            "wrong_tenants": len(wrong),
            "metering_calls": run.metering_calls,
            "metering_http_calls": http_calls,
            "metering_wait_s": round(CountingHttp.seconds, 2),
            "page_size": settings.invoice_run_metering_page_size,
            "concurrency": settings.invoice_run_concurrency,
            "failed": run.failed,
            "rerun_idempotent": idempotent,
            "seed_s": round(seed_seconds, 1),
            "seed_copy_rows_per_s": round(copy_rows_per_s),
            "stripe": "excluded (send_to_stripe=False: invoices and their events written, no push queued)",
        }
        print(json.dumps(result), flush=True)
        if wrong or invoices != TENANTS or not idempotent:
            sys.exit(1)
    finally:
        await clean_up(metering, billing)
        log("cleaned up the bench's rollups and billing rows")
        await http.aclose()
        await engine.dispose()
        await metering.close()
        await billing.close()


if __name__ == "__main__":
    asyncio.run(main())
