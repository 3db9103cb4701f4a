"""Background work: periodic signed checkpoints; per configured SIEM sink, an event forwarder and a
checkpoint exporter."""

from __future__ import annotations

import logging

from radiant_platform.app import Runtime, Worker
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from . import service
from .config import Settings
from .deps import AuditDeps

log = logging.getLogger(__name__)

# Chain heads signed per transaction; a full batch means more heads are waiting.
CHECKPOINT_BATCH = 1000


async def sign_checkpoints(rt: Runtime[AuditDeps]) -> bool:
    """One round: sign the head of each chain that moved since its last checkpoint (up to a batch)."""
    async with unit_of_work(rt.session_factory()) as session:
        written = await service.write_checkpoints(session, rt.deps.checkpoint_key, limit=CHECKPOINT_BATCH)
    if written:
        log.info("signed %d audit chain checkpoints", written)
        rt.deps.siem.wake_checkpoint_exporters()  # committed: each sink gets them now
    return written >= CHECKPOINT_BATCH


def checkpoint_job(settings: Settings) -> PeriodicJob[AuditDeps]:
    # The first round comes one interval after start-up: a checkpoint signs what an interval wrote.
    return PeriodicJob("audit-checkpoints", settings.checkpoint_interval_seconds, sign_checkpoints, run_at_start=False)


def siem_workers(settings: Settings) -> list[Worker]:
    """Per configured sink, two long-running workers, each restarted on its own after a failure:
    the event forwarder and the checkpoint exporter."""
    workers = []
    for sink in settings.siem_sinks:
        workers += [_forwarder_worker(sink.name), _exporter_worker(sink.name)]
    return workers


def _forwarder_worker(sink_name: str) -> Worker:
    async def forward(rt: Runtime[AuditDeps]) -> None:
        await rt.deps.siem.forwarder(sink_name).run()

    forward.__name__ = f"siem-forwarder-{sink_name}"  # names the task and the restart log line
    return forward


def _exporter_worker(sink_name: str) -> Worker:
    async def export(rt: Runtime[AuditDeps]) -> None:
        await rt.deps.siem.exporter(sink_name).run()

    export.__name__ = f"siem-checkpoints-{sink_name}"
    return export
