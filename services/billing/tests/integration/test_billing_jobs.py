"""Budget alerts and Stripe retries, driven in-process against the real database and Kafka.

Usage comes from a stub (the boundary); the outbox rows written here are published by the
running billing service's relay, so the events are checked on the real topic.
"""

import uuid
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest_asyncio
import stripe

from radiant_billing import repository as repo
from radiant_billing.calculations import ModelUsage, period_containing
from radiant_billing.config import Settings
from radiant_billing.deps import BillingDeps
from radiant_billing.invoicing import attempt_stripe_sync, generate_invoice
from radiant_billing.schemas import GenerateInvoiceRequest, SettingsUpdate
from radiant_billing.service import check_budget, update_settings
from radiant_billing.stripe_gateway import StripeGateway, make_stripe_client
from radiant_contracts.events.audit import Actor
from radiant_platform.auth import Principal
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_testing import event_json, service_db, tail_topic

ACTOR = Actor(type="admin", id="admin-1")


def admin_of(tenant_id: str) -> RequestContext:
    """A dev-environment super_admin of the tenant, calling billing directly (no HTTP)."""
    principal = Principal(subject=ACTOR.id, tenant_id=tenant_id, role="super_admin", environment="dev", amr=("pwd",))
    return RequestContext(principal=principal, client=Client(ip=None, user_agent=None), service="billing")


class StubUsage:
    def __init__(self) -> None:
        self.billed = Decimal("0")

    async def usage(self, tenant_id, start, end):
        return [
            ModelUsage(
                model_id="gpt-4o",
                model_name="GPT-4o",
                provider_id="openai",
                request_count=3,
                input_tokens=100,
                output_tokens=50,
                total_tokens=150,
                provider_cost=self.billed / Decimal("1.2"),
                billed_cost=self.billed,
            )
        ]


class RecordingHTTPXClient(stripe.HTTPXClient):
    """Records every Stripe request's idempotency key, to prove retries reuse them."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.keys: list[str] = []

    async def request_with_retries_async(self, method, url, headers, post_data=None, *args, **kwargs):
        self.keys.append((headers or {}).get("Idempotency-Key", ""))
        return await super().request_with_retries_async(method, url, headers, post_data, *args, **kwargs)


@pytest_asyncio.fixture
async def sessions(platform):
    settings = Settings()
    engine = create_engine(settings)
    try:
        yield settings, create_sessionmaker(engine)
    finally:
        await engine.dispose()


def deps_with(settings: Settings, usage, api_base: str | None = None) -> tuple[BillingDeps, RecordingHTTPXClient]:
    http = RecordingHTTPXClient(timeout=5)
    tuned = settings.model_copy(
        update={"stripe_max_network_retries": 0, **({"stripe_api_base": api_base} if api_base else {})}
    )
    # Approvals, the directory and decision records are not used by budgets and Stripe retries.
    return BillingDeps(
        settings=tuned,
        usage=usage,
        approvals=None,
        stripe=StripeGateway(make_stripe_client(tuned, http)),
        administrators=None,
        decisions=None,
    ), http


async def test_each_budget_threshold_fires_once_per_period(sessions, stack):
    settings, maker = sessions
    tenant = f"t-budget-{uuid.uuid4().hex[:10]}"
    usage = StubUsage()
    deps, _ = deps_with(settings, usage)
    async with unit_of_work(maker) as session:
        await update_settings(session, deps, admin_of(tenant), SettingsUpdate(budget_limit=Decimal("100")))
    today = datetime.now(UTC).date()

    async def check(billed: str) -> list[int]:
        usage.billed = Decimal(billed)
        async with unit_of_work(maker) as session:
            row = await repo.get_settings(session, tenant)
            return await check_budget(session, deps, row, today)

    async with tail_topic(stack, "billing-events") as billing:
        assert await check("10") == []
        assert await check("76") == [50, 75]
        assert await check("80") == []
        assert await check("100") == [90, 100]
        assert await check("150") == []
        crossed = await billing.wait_for(
            lambda r: (e := event_json(r))["type"] == "radiant.budget.threshold_crossed.v1" and e["tenantid"] == tenant,
            count=4,
        )
        await billing.drain(1.0)
    events = [
        event_json(r)["data"]
        for r in billing.records
        if event_json(r)["type"] == "radiant.budget.threshold_crossed.v1" and event_json(r)["tenantid"] == tenant
    ]
    assert sorted(e["threshold_percent"] for e in events) == [50, 75, 90, 100]
    assert len(crossed) == 4
    period = period_containing(today, 1)
    assert events[0]["period"] == {"start": period.start.isoformat(), "end": period.end.isoformat()}


async def test_a_non_usd_budget_is_checked_against_the_cost_in_its_currency(sessions, stack):
    """A budget of 100 NOK and 5.00 USD of usage at 10.5 NOK per USD: 52.50 NOK, past 50 % — compared
    as USD (5 %) nothing would fire. The rate is in effect from the period's first day (billing's table)."""
    settings, maker = sessions
    tenant = f"t-budget-nok-{uuid.uuid4().hex[:10]}"
    today = datetime.now(UTC).date()
    period = period_containing(today, 1)
    async with service_db(stack, "billing") as db:
        await db.execute(
            "INSERT INTO exchange_rates (currency, effective_from, rate, source, created_by) "
            "VALUES ('NOK', $1, 10.5, 'test: fixed rate', 'test') "
            "ON CONFLICT (currency, effective_from) DO UPDATE SET rate = EXCLUDED.rate",
            period.start,
        )
    usage = StubUsage()
    usage.billed = Decimal("5.00")
    deps, _ = deps_with(settings, usage)
    update = SettingsUpdate(budget_limit=Decimal("100"), currency="NOK", billing_cycle_day=1)
    async with unit_of_work(maker) as session:
        await update_settings(session, deps, admin_of(tenant), update)
    async with tail_topic(stack, "billing-events") as billing:
        async with unit_of_work(maker) as session:
            row = await repo.get_settings(session, tenant)
            assert await check_budget(session, deps, row, today) == [50]
        [crossed] = await billing.wait_for(
            lambda r: (e := event_json(r))["type"] == "radiant.budget.threshold_crossed.v1" and e["tenantid"] == tenant
        )
    data = event_json(crossed)["data"]
    assert (data["threshold_percent"], data["currency"], data["month_to_date_cost"]) == (50, "NOK", "52.50")


async def test_stripe_outage_is_retried_without_duplicates(sessions, stack):
    settings, maker = sessions
    tenant = f"t-outage-{uuid.uuid4().hex[:10]}"
    usage = StubUsage()
    usage.billed = Decimal("12.345")
    down, down_http = deps_with(settings, usage, api_base="http://127.0.0.1:1")  # nothing listens there
    request = GenerateInvoiceRequest(period_start=date(2024, 9, 1), period_end=date(2024, 9, 30), send_to_stripe=True)
    async with unit_of_work(maker) as session:
        invoice, created = await generate_invoice(session, down, tenant, request, ACTOR, today=date(2024, 10, 1))
    assert created and invoice.stripe_sync_status == "pending" and invoice.status == "draft"
    assert invoice.stripe_invoice_id is None and invoice.total == Decimal("12.35")
    assert invoice.stripe_last_error and "APIConnectionError" in invoice.stripe_last_error
    first_keys = list(down_http.keys)
    assert first_keys == [f"radiant-customer-{tenant}"]

    up, up_http = deps_with(settings, usage)  # Stripe is back (stripe-mock)
    async with unit_of_work(maker) as session:
        assert await attempt_stripe_sync(session, up, invoice.id, ACTOR) is True
    assert up_http.keys[0] == first_keys[0]  # the customer create is the same request, not a second customer
    invoice_id = str(invoice.id)
    assert up_http.keys == [
        f"radiant-customer-{tenant}",
        f"radiant-invoice-{invoice_id}",
        f"radiant-item-0-{invoice_id}",
        f"radiant-finalize-{invoice_id}",
    ]
    async with unit_of_work(maker) as session:
        assert await attempt_stripe_sync(session, up, invoice.id, ACTOR) is False  # synced: nothing is resent
        stored = await repo.get_invoice(session, tenant, invoice.id)
    assert len(up_http.keys) == 4
    assert stored.stripe_sync_status == "synced" and stored.status == "pending"
    assert stored.stripe_invoice_id.startswith("in_") and stored.stripe_sync_attempts == 2


class Crash(Exception):
    """The process dying after Stripe answered and before billing's transaction committed."""


async def test_a_crash_after_the_stripe_push_does_not_invoice_the_customer_twice(sessions, stack):
    # Was a double charge: the invoice's id (and so every idempotency key sent to Stripe) was new on
    # each attempt, so the retry after a crash that lost the first transaction created a second
    # Stripe invoice for the same period.
    settings, maker = sessions
    tenant = f"t-crash-{uuid.uuid4().hex[:10]}"
    usage = StubUsage()
    usage.billed = Decimal("7.50")
    request = GenerateInvoiceRequest(period_start=date(2024, 8, 1), period_end=date(2024, 8, 31), send_to_stripe=True)
    first, first_http = deps_with(settings, usage)
    try:
        async with unit_of_work(maker) as session:
            lost, _ = await generate_invoice(session, first, tenant, request, ACTOR, today=date(2024, 9, 1))
            assert lost.stripe_sync_status == "synced"  # Stripe holds it now
            raise Crash
    except Crash:
        pass
    async with unit_of_work(maker) as session:
        assert await repo.invoice_for_period(session, tenant, request.period_start, request.period_end) is None

    again, again_http = deps_with(settings, usage)
    async with unit_of_work(maker) as session:
        invoice, created = await generate_invoice(session, again, tenant, request, ACTOR, today=date(2024, 9, 1))
    assert created and invoice.stripe_sync_status == "synced"
    # The same invoice, number and Stripe requests: Stripe answers them with the objects it created.
    assert (invoice.id, invoice.number) == (lost.id, lost.number)
    assert again_http.keys == first_http.keys
    assert f"radiant-invoice-{invoice.id}" in again_http.keys


async def test_many_invoices_on_one_connection_are_all_written(sessions, stack):
    """Found by the suite: the insert's ON CONFLICT named its partial index's predicate as a bound
    parameter (provider = $n); once Postgres switched the prepared insert to a generic plan (after five
    runs on one connection) it could no longer match uq_invoices_tenant_period and every further invoice
    was a 500. Ten invoices through one session, as a busy API connection or the invoice run makes them."""
    settings, maker = sessions
    usage = StubUsage()
    usage.billed = Decimal("1.00")
    deps, _ = deps_with(settings, usage)
    request = GenerateInvoiceRequest(period_start=date(2024, 9, 1), period_end=date(2024, 9, 30))
    async with unit_of_work(maker) as session:
        for _ in range(10):
            tenant = f"t-many-{uuid.uuid4().hex[:10]}"
            invoice, created = await generate_invoice(session, deps, tenant, request, ACTOR, today=date(2024, 10, 1))
            assert created and invoice is not None and invoice.total == Decimal("1.00")
            again, created = await generate_invoice(session, deps, tenant, request, ACTOR, today=date(2024, 10, 1))
            assert not created and again is not None and again.id == invoice.id
