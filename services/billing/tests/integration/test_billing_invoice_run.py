"""The invoice run with metering's bulk read: tenants paged through metering (many per call), an
invoice per tenant with usage whose lines are exactly the rollups, and a run repeated invoices nothing
twice. Metering and the database are the real ones; the rollups are written straight into metering's
table (its ingest has its own tests); Stripe is not called (`send_to_stripe=False`)."""

from __future__ import annotations

import math
import uuid
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

import httpx
import pytest_asyncio

from radiant_billing import repository as repo
from radiant_billing.calculations import last_closed_period
from radiant_billing.config import Settings
from radiant_billing.deps import BillingDeps
from radiant_billing.jobs import invoice_last_closed_periods
from radiant_billing.metering_client import MeteringClient
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_testing import service_db
from radiant_testing.internal import signer_for

TODAY = date(2022, 7, 3)
PERIOD = last_closed_period(TODAY, 1)  # June 2022
PAGE = 2


class CountingHttp(httpx.AsyncClient):
    """The HTTP client billing's metering client uses, counting the calls it makes."""

    def __init__(self) -> None:
        super().__init__(timeout=15)
        self.paths: list[str] = []

    async def send(self, request, **kwargs):
        self.paths.append(request.url.path)
        return await super().send(request, **kwargs)


@pytest_asyncio.fixture
async def billing(platform):
    settings = Settings().model_copy(update={"invoice_run_metering_page_size": PAGE})
    engine = create_engine(settings)
    http = CountingHttp()
    usage = MeteringClient(http, platform.service_url("metering"), signer_for(platform, "billing"))
    # Stripe, approvals and the directory are not used by a run that does not push to Stripe.
    deps = BillingDeps(settings=settings, usage=usage, approvals=None, stripe=None, administrators=None, decisions=None)
    try:
        yield create_sessionmaker(engine), deps, http
    finally:
        await http.aclose()
        await engine.dispose()


async def _seed_rollups(platform, tenant: str, model_costs: dict[str, list[str]]) -> None:
    """One daily rollup per cost, on the period's successive days."""
    rows = [
        (tenant, PERIOD.start + timedelta(days=day), model, cost)
        for model, costs in model_costs.items()
        for day, cost in enumerate(costs)
    ]
    async with service_db(platform, "metering") as conn:
        await conn.executemany(
            """INSERT INTO metering.usage_rollups (tenant_id, usage_date, model_id, provider_id, request_count,
                   input_tokens, output_tokens, total_tokens, provider_cost, billed_cost, cached_requests,
                   phi_requests, latency_sum_ms, unpriced_requests, suspended_requests, updated_at)
               VALUES ($1, $2, $3, 'openai', 1, 6, 4, 10, $4::numeric / 1.2, $4::numeric, 0, 0, 0, 0, 0, now())""",
            rows,
        )


def _expected(model_costs: dict[str, list[str]]) -> Decimal:
    """Each model's line is its rollups' sum rounded half-up to the cent; the invoice is their sum."""
    cent = Decimal("0.01")
    return sum(
        (sum(map(Decimal, costs), Decimal(0)).quantize(cent, ROUND_HALF_UP) for costs in model_costs.values()),
        Decimal(0),
    )


async def _invoices(maker, tenant: str) -> list:
    async with unit_of_work(maker) as session:
        rows, _ = await repo.list_invoices(
            session, tenant, status=None, period_from=None, period_to=None, limit=10, offset=0
        )
    return list(rows)


async def test_the_run_invoices_each_tenant_exactly_once_through_paged_bulk_reads(platform, billing):
    maker, deps, http = billing
    usage = {
        f"t-run-{i}-{uuid.uuid4().hex[:10]}": {
            "gpt-4o": ["0.004", "1.105", "0.0004"],  # 1.1094 → 1.11
            "claude-3-5-haiku": [f"0.00{i + 1}5"],  # half a cent: up
        }
        for i in range(3)
    }
    idle = f"t-run-idle-{uuid.uuid4().hex[:10]}"  # active, no usage: no invoice
    tenants = [*usage, idle]
    for tenant, costs in usage.items():
        await _seed_rollups(platform, tenant, costs)
    async with unit_of_work(maker) as session:
        for tenant in tenants:
            await repo.ensure_settings(session, tenant)

    run = await invoice_last_closed_periods(maker, deps, today=TODAY, tenant_ids=tenants, send_to_stripe=False)

    assert (run.created, run.skipped, run.failed) == (3, 1, 0)
    assert run.metering_calls == math.ceil(len(tenants) / PAGE) == 2
    assert http.paths == ["/internal/v1/rollups/tenants"] * 2  # never the one-tenant read
    for tenant, costs in usage.items():
        [invoice] = await _invoices(maker, tenant)
        assert (invoice.period_start, invoice.period_end) == (PERIOD.start, PERIOD.end)
        lines = {li["model_id"]: Decimal(li["amount"]) for li in invoice.line_items}
        assert lines["gpt-4o"] == Decimal("1.11")
        assert sum(lines.values()) == invoice.subtotal == invoice.total == _expected(costs)
        assert invoice.stripe_sync_status == "not_requested" and invoice.status == "draft"
    assert await _invoices(maker, idle) == []

    http.paths.clear()
    again = await invoice_last_closed_periods(maker, deps, today=TODAY, tenant_ids=tenants, send_to_stripe=False)

    # Already invoiced: not asked for again, and no second invoice; the idle tenant is asked again.
    assert (again.created, again.failed) == (0, 0) and again.metering_calls == 1
    for tenant in usage:
        assert len(await _invoices(maker, tenant)) == 1


async def test_metering_down_fails_the_page_and_invoices_nothing(platform, billing):
    maker, deps, _ = billing
    tenant = f"t-run-down-{uuid.uuid4().hex[:10]}"
    await _seed_rollups(platform, tenant, {"gpt-4o": ["2.00"]})
    async with unit_of_work(maker) as session:
        await repo.ensure_settings(session, tenant)
    async with httpx.AsyncClient(timeout=2) as http:
        # Nothing listens on port 9 (discard): the call fails like a metering that is down.
        down = MeteringClient(http, "http://127.0.0.1:9", signer_for(platform, "billing"))
        broken = BillingDeps(**{**deps.__dict__, "usage": down})
        run = await invoice_last_closed_periods(maker, broken, today=TODAY, tenant_ids=[tenant], send_to_stripe=False)
    assert (run.created, run.failed, run.metering_calls) == (0, 1, 1)
    assert await _invoices(maker, tenant) == []  # the next round invoices it, once metering answers

    run = await invoice_last_closed_periods(maker, deps, today=TODAY, tenant_ids=[tenant], send_to_stripe=False)
    assert run.created == 1
    [invoice] = await _invoices(maker, tenant)
    assert invoice.total == Decimal("2.00")
