"""Rate limits in Redis with GCRA (generic cell rate algorithm): one key per subject, atomic in Lua.

GCRA gives a smooth sustained rate with a burst allowance and tells exactly how long to wait,
which becomes the `Retry-After` header.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import redis.asyncio as aioredis

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


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_seconds: int


class RateLimiter:
    def __init__(self, redis: aioredis.Redis, prefix: str = "rl") -> None:
        self._redis = redis
        self._script = redis.register_script(_GCRA)
        self._prefix = prefix

    async def hit(self, subject: str, *, rate_per_second: float, burst: int) -> Decision:
        interval = 1_000_000 / rate_per_second
        tolerance = interval * burst
        allowed, wait_us = await self._script(keys=[f"{self._prefix}:{subject}"], args=[int(interval), int(tolerance)])
        return Decision(bool(allowed), max(1, math.ceil(int(wait_us) / 1_000_000)) if not allowed else 0)
