"""Periodic jobs of the approval service (`ServiceSpec.jobs`)."""

from __future__ import annotations

import logging

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import service
from .deps import ApprovalDeps

log = logging.getLogger(__name__)


async def expire_overdue_requests(rt: Runtime[ApprovalDeps]) -> bool:
    """One round of the expiry sweep: expire up to a batch of overdue pending requests, publishing
    `approval.expired`, in one transaction. True while a full batch expired (a backlog is draining).
    Several instances may sweep at once: `FOR UPDATE SKIP LOCKED` keeps them off each other's rows."""
    batch = rt.deps.settings.expiry_sweep_batch
    async with unit_of_work(rt.session_factory()) as session:
        expired = await service.expire_overdue(session, batch)
    if expired:
        log.info("expired %d overdue approval requests", expired)
    return expired >= batch
