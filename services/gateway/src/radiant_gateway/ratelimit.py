"""Rate limits in Redis with GCRA (generic cell rate algorithm): one key per subject, atomic in Lua.

GCRA gives a smooth sustained rate with a burst allowance and tells exactly how long to wait,
which becomes the `Retry-After` header.

Every request the gateway forwards asks once, so under load many ask at the same time. The hits
made in one turn of the event loop go to Redis together, in one pipeline (one write, one read, one
wake-up of Redis for all of them) instead of a round trip each. Each hit is still its own script
call, atomic on its own key, answered exactly as alone; a lone hit goes out as a plain call.
"""

from __future__ import annotations

import asyncio
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import NoScriptError

# KEYS[1]: the limit's key. ARGV[1]: emission interval (µs per request), ARGV[2]: burst tolerance (µs).
# Uses the server's clock so that every gateway instance agrees.
_GCRA = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or now)
if tat < now then tat = now end
local new_tat = tat + interval
local allow_at = new_tat - tolerance
if allow_at > now then
  return {0, allow_at - now}
end
redis.call('SET', KEYS[1], new_tat, 'PX', math.ceil((new_tat - now) / 1000) + 1)
return {1, 0}
"""

#: Hits sent in one pipeline at most; more waiting in one loop turn go in the next pipeline.
MAX_PIPELINE = 256


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_seconds: int


@dataclass(frozen=True, slots=True)
class _Hit:
    key: str
    interval_us: int
    tolerance_us: int
    answer: asyncio.Future[Sequence[Any]]


class RateLimiter:
    def __init__(self, redis: aioredis.Redis, prefix: str = "rl") -> None:
        self._redis = redis
        self._script = redis.register_script(_GCRA)
        self._prefix = prefix
        self._waiting: list[_Hit] = []
        self._sending: set[asyncio.Task[None]] = set()  # held: the loop keeps only weak references

    async def hit(self, subject: str, *, rate_per_second: float, burst: int) -> Decision:
        interval = 1_000_000 / rate_per_second
        loop = asyncio.get_running_loop()
        answer: asyncio.Future[Sequence[Any]] = loop.create_future()
        if not self._waiting:
            loop.call_soon(self._send_waiting)
        self._waiting.append(_Hit(f"{self._prefix}:{subject}", int(interval), int(interval * burst), answer))
        allowed, wait_us = await answer
        return Decision(bool(allowed), max(1, math.ceil(int(wait_us) / 1_000_000)) if not allowed else 0)

    def _send_waiting(self) -> None:
        """Runs once the loop turn's ready callbacks have run: every hit made meanwhile is waiting."""
        waiting, self._waiting = self._waiting, []
        for start in range(0, len(waiting), MAX_PIPELINE):
            task = asyncio.create_task(self._send(waiting[start : start + MAX_PIPELINE]))
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send(self, hits: list[_Hit]) -> None:
        try:
            if len(hits) == 1:
                hit = hits[0]
                _answer(hit, await self._script(keys=[hit.key], args=[hit.interval_us, hit.tolerance_us]))
            else:
                await self._send_pipelined(hits)
        except Exception as exc:  # noqa: BLE001 - each caller gets the error (a RedisError fails open)
            for hit in hits:
                _fail(hit, exc)
        finally:
            for hit in hits:  # cancelled itself (the loop is closing): no caller waits forever
                hit.answer.cancel()

    async def _send_pipelined(self, hits: list[_Hit]) -> None:
        results = await self._evalsha_all(hits)
        if any(isinstance(result, NoScriptError) for result in results):
            # Redis lost its script cache (restart, SCRIPT FLUSH): load it once, ask again.
            await self._redis.script_load(_GCRA)
            results = await self._evalsha_all(hits)
        for hit, result in zip(hits, results, strict=True):
            if isinstance(result, Exception):
                _fail(hit, result)
            else:
                _answer(hit, result)

    async def _evalsha_all(self, hits: list[_Hit]) -> list[Any]:
        # Not the Script object in a pipeline: that asks SCRIPT EXISTS before every pipeline.
        async with self._redis.pipeline(transaction=False) as pipe:
            for hit in hits:
                pipe.evalsha(self._script.sha, 1, hit.key, hit.interval_us, hit.tolerance_us)
            results: list[Any] = await pipe.execute(raise_on_error=False)
            return results


# Only while the caller still waits: its request may have gone (client disconnected, cancelled).
def _answer(hit: _Hit, result: Sequence[Any]) -> None:
    if not hit.answer.done():
        hit.answer.set_result(result)


def _fail(hit: _Hit, error: Exception) -> None:
    if not hit.answer.done():
        hit.answer.set_exception(error)
