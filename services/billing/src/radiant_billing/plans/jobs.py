"""Periodic rounds of the subscriptions: renewals (a period ended: the next one begins, a scheduled
downgrade takes effect) and the backfill (a tenant billing knew before plans gets the default plan).
Each tenant is its own transaction, so one failure never blocks the others."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from ..deps import BillingDeps
from . import repository as repo
from . import service

log = logging.getLogger(__name__)
BATCH = 100


async def renew_subscriptions_once(rt: Runtime[BillingDeps]) -> bool:
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        due = await repo.subscriptions_to_renew(session, today, BATCH)
    renewed = 0
    for tenant_id in due:
        try:
            async with unit_of_work(rt.session_factory()) as session:
                renewed += await service.renew(session, tenant_id, today) > 0
        except Exception:  # e.g. no exchange rate for the tenant's currency yet: retried next round
            log.warning("renewing the subscription of tenant %s failed", tenant_id, exc_info=True)
    return len(due) == BATCH and renewed > 0


async def backfill_subscriptions_once(rt: Runtime[BillingDeps]) -> bool:
    today = datetime.now(UTC).date()
    async with unit_of_work(rt.session_factory()) as session:
        missing = await repo.tenants_without_subscription(session, BATCH)
    created = 0
    for tenant_id in missing:
        try:
            async with unit_of_work(rt.session_factory()) as session:
                created += await service.ensure_subscription(session, tenant_id, today)
        except Exception:
            log.warning("giving tenant %s the default plan failed", tenant_id, exc_info=True)
    return len(missing) == BATCH and created > 0
