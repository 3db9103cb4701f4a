"""Background jobs run by the service process (`ServiceSpec.background`)."""

from __future__ import annotations

import asyncio
import logging

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import service
from .config import Settings

log = logging.getLogger(__name__)


async def expiry_sweep(rt: Runtime) -> None:
    """Expire overdue pending requests without anyone touching them, publishing `approval.expired`.
    Several instances may run it: `FOR UPDATE SKIP LOCKED` keeps them off each other's rows."""
    settings: Settings = rt.settings  # type: ignore[assignment]
    while True:
        while True:  # drain a backlog in batches, each its own transaction
            async with unit_of_work(rt.session_factory()) as session:
                expired = await service.expire_overdue(session, settings.expiry_sweep_batch)
            if expired:
                log.info("expired %d overdue approval requests", expired)
            if expired < settings.expiry_sweep_batch:
                break
        await asyncio.sleep(settings.expiry_sweep_seconds)
