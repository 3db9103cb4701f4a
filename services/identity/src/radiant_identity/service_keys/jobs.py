"""Keeping Redis in step with the database: the reconcile (at start-up and every few minutes) and
folding last-use marks into the database (every minute). Each round is its own transaction."""

from __future__ import annotations

import logging

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from ..deps import IdentityDeps
from . import service

log = logging.getLogger(__name__)

RECONCILE_SECONDS = 300.0
LAST_USE_SECONDS = 60.0
#: How soon a Redis that lost the keys (a flush, a restart without its data) has them again: the
#: check is one EXISTS; producers get 503 + Retry-After meanwhile, never 401 for a valid key.
REPUBLISH_CHECK_SECONDS = 5.0


async def reconcile_service_keys(rt: Runtime[IdentityDeps]) -> None:
    async with unit_of_work(rt.session_factory()) as session:
        written, withdrawn = await service.reconcile_store(session, service.store_of(rt.deps))
    if withdrawn:
        log.warning("service keys: withdrew %d records of keys that are not active", withdrawn)
    log.info("service keys: %d active keys published", written)


async def republish_if_lost(rt: Runtime[IdentityDeps]) -> None:
    if not await service.store_of(rt.deps).published():
        log.warning("service keys: Redis holds no published mark (lost its data?); publishing every key again")
        await reconcile_service_keys(rt)


async def persist_service_key_use(rt: Runtime[IdentityDeps]) -> None:
    async with unit_of_work(rt.session_factory()) as session:
        await service.persist_last_use(session, service.store_of(rt.deps))


def service_key_jobs() -> list[PeriodicJob[IdentityDeps]]:
    return [
        # run_at_start: a Redis that lost its data is repaired when identity starts, not minutes later.
        PeriodicJob("identity-service-key-reconcile", RECONCILE_SECONDS, reconcile_service_keys, retry_after_error=10),
        PeriodicJob("identity-service-key-republish", REPUBLISH_CHECK_SECONDS, republish_if_lost, run_at_start=False),
        PeriodicJob("identity-service-key-last-use", LAST_USE_SECONDS, persist_service_key_use, run_at_start=False),
    ]
