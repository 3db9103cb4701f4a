"""Long-running jobs: periodic signed checkpoints, and SIEM forwarding."""

from __future__ import annotations

import asyncio
import logging

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from . import service
from .config import Settings
from .keys import CheckpointKey
from .siem.forwarder import SiemForwarding

log = logging.getLogger(__name__)


async def checkpoint_job(rt: Runtime) -> None:
    """Every `checkpoint_interval_seconds`, sign the head of each chain that moved."""
    settings: Settings = rt.settings  # type: ignore[assignment]
    key: CheckpointKey = rt.extras["checkpoint_key"]
    while True:
        await asyncio.sleep(settings.checkpoint_interval_seconds)
        while True:
            async with unit_of_work(rt.session_factory()) as session:
                written = await service.write_checkpoints(session, key)
            if written:
                log.info("signed %d audit chain checkpoints", written)
            if written < 1000:
                break


async def siem_job(rt: Runtime) -> None:
    forwarding: SiemForwarding | None = rt.extras.get("siem")
    if forwarding is None or not forwarding.forwarders:
        return
    await forwarding.run()
