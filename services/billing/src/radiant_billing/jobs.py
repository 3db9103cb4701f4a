"""Periodic jobs, one round each: Stripe retries, budget checks, the scheduled invoice run, the overdue sweep.

`main.py` runs them as `PeriodicJob`s at the intervals in the settings. Each unit of work is its own
transaction, so one tenant's failure never blocks the others, and every job is safe to run on several
instances at once (row locks, unique keys, conditional updates). A round returns True when more work
is already waiting, so the runner goes again at once instead of after the interval.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from radiant_contracts.events.audit import Actor
from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import repository as repo
from .calculations import last_closed_period
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


async def run_invoices_once(rt: Runtime[BillingDeps]) -> bool:
    """Invoice every active tenant's last closed period (skipping empty periods); idempotent."""
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        tenants = [(row.tenant_id, row.billing_cycle_day) for row in await repo.active_tenant_settings(session)]
        # Lago invoices the tenants it bills (its invoice.created webhook stores them); billing does not.
        providers = await providers_of(session, rt.deps.settings, [tenant_id for tenant_id, _ in tenants])
    tenants = [(tenant_id, day) for tenant_id, day in tenants if providers[tenant_id] != "lago"]
    created = 0
    for tenant_id, cycle_day in tenants:
        period = last_closed_period(today, cycle_day)
        request = GenerateInvoiceRequest(period_start=period.start, period_end=period.end, send_to_stripe=True)
        try:
            async with unit_of_work(rt.session_factory()) as session:
                if await repo.invoice_for_period(session, tenant_id, period.start, period.end) is not None:
                    continue
                _, was_created = await generate_invoice(
                    session, rt.deps, tenant_id, request, SCHEDULER, today=today, skip_if_empty=True
                )
                created += was_created
        except Exception:  # one tenant (or metering being down) must not stop the rest
            log.warning("scheduled invoice for tenant %s failed", tenant_id, exc_info=True)
    if created:
        log.info("scheduled invoice run created %d invoice(s)", created)
    return False


async def sweep_overdue_once(rt: Runtime[BillingDeps]) -> bool:
    async with unit_of_work(rt.session_factory()) as session:
        overdue = await sweep_overdue(session, datetime.now(UTC))
    if overdue:
        log.info("marked %d invoice(s) overdue", overdue)
    return False
