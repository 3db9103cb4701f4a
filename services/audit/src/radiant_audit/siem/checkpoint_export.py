"""Every signed checkpoint to every SIEM sink, so a history rewritten in the database is visible outside it.

The database holds the log and its checkpoints; whoever can write to it (a superuser, a restored
backup) can rewrite a tail consistently and delete the checkpoints that would show it. The SIEM's
copies are out of that reach: `python -m radiant_audit verify --against-checkpoints FILE` compares
the log with them.

One exporter per sink, beside the sink's event forwarder (its own connection, so neither waits for
the other). It keeps a cursor per sink in the database ("sent up to checkpoint id N"), like a
consumer group's committed offset: a batch goes out, the sink confirms it, and the cursor moves in
the same transaction that held the cursor's row lock while sending. Each checkpoint therefore reaches
each sink once; after a failure between the sink taking a batch and the commit, that batch is sent
again (at least once, as for events: verification ignores duplicates). Checkpoints cost nothing on
the ingest path: they are written once a minute per moving chain and read back from there.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_platform.db import unit_of_work

from .. import service
from .sinks import Sink, SinkError

log = logging.getLogger(__name__)

LAG_REFRESH_S = 5.0


@dataclass
class ExportStatus:
    state: Literal["starting", "up", "down"] = "starting"
    exported: int = 0
    failures: int = 0
    consecutive_failures: int = 0
    last_error: str | None = None
    last_export_at: float | None = None
    lag_checkpoints: int | None = None


class CheckpointExporter:
    def __init__(
        self,
        sink: Sink,
        sessionmaker: async_sessionmaker[AsyncSession],
        *,
        batch_size: int = 500,
        poll_seconds: float = 5.0,
        confirm_delay_ms: int = 100,
        max_backoff_s: float = 10.0,
        start_from: Literal["earliest", "latest"] = "earliest",
    ) -> None:
        self.sink = sink
        self.status = ExportStatus()
        self.ready = asyncio.Event()  # the sink's cursor exists
        self._sessionmaker = sessionmaker
        self._batch_size = batch_size
        self._poll = poll_seconds
        self._confirm_delay = confirm_delay_ms / 1000
        self._max_backoff = max_backoff_s
        self._start_from = start_from
        self._wake = asyncio.Event()
        self._stopping = False
        self._lag_checked_at = 0.0

    async def run(self) -> None:
        """Export until stopped. A database failure ends the run (reported, then raised) so that
        whoever runs the exporter restarts it; a sink failure is retried here with backoff."""
        try:
            await self._export()
        except Exception as exc:
            self.status.state = "down"
            self.status.last_error = f"{type(exc).__name__}: {exc}"
            raise

    def wake(self) -> None:
        """New checkpoints were written (in this process): export now instead of at the next poll."""
        self._wake.set()

    def stop(self) -> None:
        self._stopping = True
        self._wake.set()

    async def _export(self) -> None:
        try:
            async with unit_of_work(self._sessionmaker) as session:
                await service.start_checkpoint_export(session, self.sink.name, from_latest=self._start_from == "latest")
            self.ready.set()
            while not self._stopping:
                try:
                    sent = await self.export_once()
                except SinkError as exc:
                    await self._failed(exc)
                    continue
                await self._refresh_lag()
                if sent < self._batch_size:
                    await self._idle()
        finally:
            await self.sink.close()

    async def export_once(self) -> int:
        """Send the sink's next batch and move its cursor; how many were sent (0: none waiting)."""
        async with unit_of_work(self._sessionmaker) as session:
            batch = await service.checkpoints_to_export(session, self.sink.name, limit=self._batch_size)
            if batch is None:
                return 0
            await self.sink.send_checkpoints(batch.checkpoints)
            await asyncio.sleep(self._confirm_delay)  # a receiver that went away has closed by now
            await self.sink.confirm()
            await service.checkpoints_exported(session, self.sink.name, batch)
        self.status.exported += len(batch.checkpoints)
        self.status.state = "up"
        self.status.consecutive_failures = 0
        self.status.last_export_at = time.time()
        return len(batch.checkpoints)

    async def _idle(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
        self._wake.clear()

    async def _failed(self, exc: SinkError) -> None:
        self.status.state = "down"
        self.status.failures += 1
        self.status.consecutive_failures += 1
        self.status.last_error = str(exc)
        if self.status.consecutive_failures % 20 == 1:  # the first failure, then every 20th: no log flood
            log.warning(
                "siem sink %s: checkpoint export failed (%d consecutive failures): %s; resending from its cursor",
                self.sink.name,
                self.status.consecutive_failures,
                exc,
            )
        await self.sink.reset()
        await self._refresh_lag()
        delay = min(self._max_backoff, 0.2 * 2 ** min(self.status.consecutive_failures - 1, 10))
        await asyncio.sleep(delay)

    async def _refresh_lag(self) -> None:
        if time.monotonic() - self._lag_checked_at < LAG_REFRESH_S:
            return
        self._lag_checked_at = time.monotonic()
        async with unit_of_work(self._sessionmaker) as session:
            self.status.lag_checkpoints = await service.checkpoint_export_lag(session, self.sink.name)

    def describe(self) -> dict[str, Any]:
        s = self.status
        return {
            "state": s.state,
            "exported": s.exported,
            "failures": s.failures,
            "consecutiveFailures": s.consecutive_failures,
            "lastError": s.last_error,
            "lastExportAt": s.last_export_at,
            "lagCheckpoints": s.lag_checkpoints,
        }
