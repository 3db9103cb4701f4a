"""Periodic jobs: the one loop every service's sweeps, retries and reconcilers run in.

A job is a function of the runtime that does one round of work. The loop runs it every `interval`
seconds (spread by `jitter`, so several instances of a service do not wake together), in one span
per round, logs and survives a failing round, runs again at once while a round reports that work
is still waiting (draining a backlog in batches, each its own transaction), and stops gracefully:
a round in progress finishes before the process shuts down.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from opentelemetry import trace

if TYPE_CHECKING:
    from .app import Runtime

log = logging.getLogger(__name__)
tracer = trace.get_tracer("radiant.jobs")

D = TypeVar("D")
#: One round of a job. Returning True means "more work is waiting: run again now".
JobRound = Callable[["Runtime[D]"], Awaitable[bool | None]]

# A round that overruns this on shutdown is cancelled (its transaction rolls back; it runs again later).
STOP_GRACE_SECONDS = 10.0


@dataclass(frozen=True)
class PeriodicJob(Generic[D]):
    name: str
    interval: float
    run: Callable[[Runtime[D]], Awaitable[Any]]
    jitter: float = 0.1  # ± this fraction of the interval
    run_at_start: bool = True  # False: wait one interval first (e.g. nothing to sign right after start)
    retry_after_error: float | None = None  # seconds; default: the interval

    def next_delay(self) -> float:
        spread = self.interval * self.jitter
        return max(0.0, self.interval + random.uniform(-spread, spread))


class JobRunner:
    """Runs one periodic job until stopped."""

    def __init__(self, job: PeriodicJob[Any], runtime: Runtime[Any]) -> None:
        self.job = job
        self.runtime = runtime
        self.rounds = 0
        self.failures = 0
        self._stopping = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> asyncio.Task[None]:
        self._task = asyncio.create_task(self._loop(), name=f"job:{self.job.name}")
        return self._task

    async def stop(self) -> None:
        """Let the round in progress finish (up to a grace period), then end the loop."""
        self._stopping.set()
        if self._task is None:
            return
        try:
            await asyncio.wait_for(asyncio.shield(self._task), timeout=STOP_GRACE_SECONDS)
        except (TimeoutError, asyncio.CancelledError):
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _loop(self) -> None:
        if not self.job.run_at_start and await self._sleep(self.job.next_delay()):
            return
        while not self._stopping.is_set():
            more, failed = await self._one_round()
            if more and not failed:
                await asyncio.sleep(0)  # let other tasks run between batches of a backlog
                continue
            delay = self.job.next_delay()
            if failed and self.job.retry_after_error is not None:
                delay = self.job.retry_after_error
            if await self._sleep(delay):
                return

    async def _one_round(self) -> tuple[bool, bool]:
        with tracer.start_as_current_span(f"job {self.job.name}", attributes={"job.name": self.job.name}) as span:
            try:
                more = bool(await self.job.run(self.runtime))
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                self.failures += 1
                span.record_exception(exc)
                span.set_status(trace.Status(trace.StatusCode.ERROR, str(exc)[:200]))
                log.exception("job %s failed; retrying later", self.job.name)
                return False, True
        self.rounds += 1
        return more, False

    async def _sleep(self, seconds: float) -> bool:
        """Sleep, waking early on stop; True when the job should end."""
        try:
            await asyncio.wait_for(self._stopping.wait(), timeout=seconds)
        except TimeoutError:
            return False
        return True
