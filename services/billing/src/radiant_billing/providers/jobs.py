"""The Lago sync retry: customers and subscriptions Lago did not get yet, with backoff."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from ..deps import BillingDeps
from . import repository as repo
from .service import attempt_sync

log = logging.getLogger(__name__)
RETRY_BATCH = 50


async def retry_lago_syncs_once(rt: Runtime[BillingDeps]) -> bool:
    async with unit_of_work(rt.session_factory()) as session:
        due = await repo.syncs_due(session, datetime.now(UTC), limit=RETRY_BATCH)
    synced = 0
    for tenant_id, _provider, kind in due:
        async with unit_of_work(rt.session_factory()) as session:
            synced += await attempt_sync(session, rt.deps, tenant_id, kind)
    if synced:
        log.info("Lago has %d more customer(s)/subscription(s)", synced)
    return len(due) == RETRY_BATCH and synced > 0
