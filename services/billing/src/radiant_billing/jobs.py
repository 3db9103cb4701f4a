"""Background jobs: Stripe retries, budget checks, the scheduled invoice run, the overdue sweep.

Each unit of work is its own transaction, so one tenant's failure never blocks the others, and
every job is safe to run on several instances at once (row locks, unique keys, conditional updates).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import repository as repo
from .calculations import last_closed_period
from .config import Settings
from .deps import billing_deps
from .invoicing import attempt_stripe_sync, generate_invoice, sweep_overdue
from .schemas import GenerateInvoiceRequest
from .service import ActorInfo, check_budget

log = logging.getLogger(__name__)
SCHEDULER = ActorInfo.system("billing-scheduler")


def _settings(rt: Runtime) -> Settings:
    assert isinstance(rt.settings, Settings)
    return rt.settings


async def retry_stripe_syncs_once(rt: Runtime) -> int:
    deps = billing_deps(rt)
    async with unit_of_work(rt.session_factory()) as session:
        due = await repo.invoices_due_for_sync(session, datetime.now(UTC))
    synced = 0
    for invoice_id in due:
        async with unit_of_work(rt.session_factory()) as session:
            synced += await attempt_stripe_sync(session, deps, invoice_id, SCHEDULER)
    return synced


async def check_budgets_once(rt: Runtime) -> int:
    deps = billing_deps(rt)
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        tenants = [row.tenant_id for row in await repo.settings_with_budget(session)]
    fired = 0
    for tenant_id in tenants:
        try:
            async with unit_of_work(rt.session_factory()) as session:
                row = await repo.get_settings(session, tenant_id)
                if row is not None:
                    fired += len(await check_budget(session, deps, row, today))
        except Exception:  # noqa: BLE001 - one tenant (or metering being down) must not stop the rest
            log.warning("budget check for tenant %s failed", tenant_id, exc_info=True)
    return fired


async def run_invoices_once(rt: Runtime) -> int:
    """Invoice every active tenant's last closed period (skipping empty periods); idempotent."""
    deps = billing_deps(rt)
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        tenants = [(row.tenant_id, row.billing_cycle_day) for row in await repo.active_tenant_settings(session)]
    created = 0
    for tenant_id, cycle_day in tenants:
        period = last_closed_period(today, cycle_day)
        request = GenerateInvoiceRequest(period_start=period.start, period_end=period.end, send_to_stripe=True)
        try:
            async with unit_of_work(rt.session_factory()) as session:
                if await repo.invoice_for_period(session, tenant_id, period.start, period.end) is not None:
                    continue
                _, was_created = await generate_invoice(session, deps, tenant_id, request, SCHEDULER, today=today,
                                                        skip_if_empty=True)
                created += was_created
        except Exception:  # noqa: BLE001
            log.warning("scheduled invoice for tenant %s failed", tenant_id, exc_info=True)
    return created


async def sweep_overdue_once(rt: Runtime) -> int:
    async with unit_of_work(rt.session_factory()) as session:
        return await sweep_overdue(session, datetime.now(UTC))


def _every(interval_of, once):
    async def job(rt: Runtime) -> None:
        while True:
            try:
                await once(rt)
            except Exception:  # noqa: BLE001 - log and try again next round
                log.exception("%s failed", once.__name__)
            await asyncio.sleep(interval_of(_settings(rt)))

    job.__name__ = once.__name__.removesuffix("_once")
    return job


BACKGROUND_JOBS = [
    _every(lambda s: s.stripe_retry_interval_seconds, retry_stripe_syncs_once),
    _every(lambda s: s.budget_check_interval_seconds, check_budgets_once),
    _every(lambda s: s.invoice_run_interval_seconds, run_invoices_once),
    _every(lambda s: s.overdue_sweep_interval_seconds, sweep_overdue_once),
]
