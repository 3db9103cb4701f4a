"""Periodic jobs, one round each: Stripe retries, budget checks, the scheduled invoice run, the overdue sweep.

`main.py` runs them as `PeriodicJob`s at the intervals in the settings. Each unit of work is its own
transaction, so one tenant's failure never blocks the others, and every job is safe to run on several
instances at once (row locks, unique keys, conditional updates). A round returns True when more work
is already waiting, so the runner goes again at once instead of after the interval.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.events.audit import Actor
from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import repository as repo
from .calculations import ModelUsage, Period, last_closed_period
from .deps import BillingDeps
from .invoicing import attempt_stripe_sync, generate_invoice, sweep_overdue
from .providers.service import providers_of
from .schemas import GenerateInvoiceRequest
from .service import check_budget

log = logging.getLogger(__name__)
SCHEDULER = Actor(type="system", id="billing-scheduler", name="billing-scheduler")
STRIPE_RETRY_BATCH = 50


async def retry_stripe_syncs_once(rt: Runtime[BillingDeps]) -> bool:
    """Push the invoices whose Stripe retry is due; True when a full batch went through (more may wait)."""
    async with unit_of_work(rt.session_factory()) as session:
        due = await repo.invoices_due_for_sync(session, datetime.now(UTC), limit=STRIPE_RETRY_BATCH)
    synced = 0
    for invoice_id in due:
        async with unit_of_work(rt.session_factory()) as session:
            synced += await attempt_stripe_sync(session, rt.deps, invoice_id, SCHEDULER)
    if synced:
        log.info("pushed %d invoice(s) to Stripe", synced)
    # Failed pushes are rescheduled with backoff, so only progress is a reason to go again at once.
    return len(due) == STRIPE_RETRY_BATCH and synced > 0


async def check_budgets_once(rt: Runtime[BillingDeps]) -> bool:
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        tenants = [row.tenant_id for row in await repo.settings_with_budget(session)]
    for tenant_id in tenants:
        try:
            async with unit_of_work(rt.session_factory()) as session:
                row = await repo.get_settings(session, tenant_id)
                if row is not None:
                    await check_budget(session, rt.deps, row, today)
        except Exception:  # one tenant (or metering being down) must not stop the rest
            log.warning("budget check for tenant %s failed", tenant_id, exc_info=True)
    return False


@dataclass
class InvoiceRun:
    """What one invoice run did: invoices created, tenants skipped (nothing to invoice, or already
    invoiced), tenants that failed (retried next round), and the calls it made to metering."""

    created: int = 0
    skipped: int = 0
    failed: int = 0
    metering_calls: int = 0


async def run_invoices_once(rt: Runtime[BillingDeps]) -> bool:
    """Invoice every active tenant's last closed period (skipping empty periods); idempotent."""
    run = await invoice_last_closed_periods(rt.session_factory(), rt.deps, today=datetime.now(UTC).date())
    if run.created:
        log.info("scheduled invoice run created %d invoice(s)", run.created)
    return False


async def invoice_last_closed_periods(
    maker: async_sessionmaker[AsyncSession],
    deps: BillingDeps,
    *,
    today: date,
    tenant_ids: Collection[str] | None = None,
    send_to_stripe: bool = True,
) -> InvoiceRun:
    """Invoice each active tenant's (or only `tenant_ids`') last closed period before `today`.

    Tenants are grouped by period (their cycle day) and paged through metering's bulk read, one call
    per `invoice_run_metering_page_size` tenants; tenants already invoiced for the period are not
    asked for. Each invoice is its own transaction (`generate_invoice`: per-tenant lock, unique
    period), a few at a time (`invoice_run_concurrency`), so one tenant's failure stops no other and
    a run that is repeated, or runs on two instances at once, invoices no period twice.
    `send_to_stripe=False` writes the invoices without pushing them (the benchmark's Stripe-free run).
    """
    run = InvoiceRun()
    for period, tenants in (await _tenants_by_period(maker, deps, today, tenant_ids)).items():
        async with unit_of_work(maker) as session:
            invoiced = await repo.tenants_invoiced_for(session, tenants, period.start, period.end)
        waiting = [tenant_id for tenant_id in tenants if tenant_id not in invoiced]
        run.skipped += len(tenants) - len(waiting)
        size = deps.settings.invoice_run_metering_page_size
        pages = [waiting[first : first + size] for first in range(0, len(waiting), size)]
        end = min(period.end, today)
        # The next page's usage is read while this page's invoices are written (metering's answer
        # for 500 tenants takes a while; the writes do not wait for it).
        upcoming = _read_usage(deps, run, pages[0], period.start, end) if pages else None
        for number, page in enumerate(pages):
            assert upcoming is not None
            usage = await upcoming
            if number + 1 < len(pages):
                upcoming = _read_usage(deps, run, pages[number + 1], period.start, end)
            if usage is not None:
                await _invoice_page(maker, deps, run, page, usage, period, today, send_to_stripe)
    return run


def _read_usage(
    deps: BillingDeps, run: InvoiceRun, tenants: list[str], start: date, end: date
) -> asyncio.Task[dict[str, list[ModelUsage]] | None]:
    """One call to metering for a page of tenants, started now; None (the page failed) when metering
    cannot answer: those tenants wait for the next round, the other pages go on."""
    run.metering_calls += 1

    async def read() -> dict[str, list[ModelUsage]] | None:
        try:
            return await deps.usage.usage_of_tenants(tenants, start, end)
        except Exception:
            log.warning("invoice run: metering could not answer for %d tenant(s)", len(tenants), exc_info=True)
            run.failed += len(tenants)
            return None

    return asyncio.create_task(read())


async def _tenants_by_period(
    maker: async_sessionmaker[AsyncSession], deps: BillingDeps, today: date, only: Collection[str] | None
) -> dict[Period, list[str]]:
    async with unit_of_work(maker) as session:
        rows = [(r.tenant_id, r.billing_cycle_day) for r in await repo.active_tenant_settings(session)]
        if only is not None:
            rows = [(tenant_id, day) for tenant_id, day in rows if tenant_id in only]
        # Lago invoices the tenants it bills (its invoice.created webhook stores them); billing does not.
        providers = await providers_of(session, deps.settings, [tenant_id for tenant_id, _ in rows])
    by_period: dict[Period, list[str]] = defaultdict(list)
    for tenant_id, cycle_day in sorted(rows):
        if providers[tenant_id] != "lago":
            by_period[last_closed_period(today, cycle_day)].append(tenant_id)
    return by_period


async def _invoice_page(
    maker: async_sessionmaker[AsyncSession],
    deps: BillingDeps,
    run: InvoiceRun,
    tenants: list[str],
    usage: dict[str, list[ModelUsage]],
    period: Period,
    today: date,
    send_to_stripe: bool,
) -> None:
    """One page of tenants, their usage read: each tenant's invoice in its own transaction."""
    request = GenerateInvoiceRequest(period_start=period.start, period_end=period.end, send_to_stripe=send_to_stripe)
    slots = asyncio.Semaphore(deps.settings.invoice_run_concurrency)

    async def invoice(tenant_id: str) -> None:
        async with slots:
            try:
                async with unit_of_work(maker) as session:
                    _, created = await generate_invoice(
                        session,
                        deps,
                        tenant_id,
                        request,
                        SCHEDULER,
                        today=today,
                        skip_if_empty=True,
                        usages=usage[tenant_id],
                    )
            except Exception:  # one tenant must not stop the rest; it is retried next round
                log.warning("scheduled invoice for tenant %s failed", tenant_id, exc_info=True)
                run.failed += 1
                return
        if created:
            run.created += 1
        else:
            run.skipped += 1

    await asyncio.gather(*(invoice(tenant_id) for tenant_id in tenants))


async def sweep_overdue_once(rt: Runtime[BillingDeps]) -> bool:
    async with unit_of_work(rt.session_factory()) as session:
        overdue = await sweep_overdue(session, datetime.now(UTC))
    if overdue:
        log.info("marked %d invoice(s) overdue", overdue)
    return False
