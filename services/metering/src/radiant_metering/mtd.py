"""Month-to-date usage per tenant in Redis, for quota and budget checks on the request path.

Why it cannot double count: Redis never *increments*. The exact totals live in the database
(`usage_month_to_date`, updated in the same transaction as the rollups); after a batch commits, the
new totals it returned are *copied* to Redis. A crash before the copy leaves Redis behind until the
tenant's next batch or the periodic reconcile (and start-up) re-copies every tenant of the month.
Copies are guarded by the request count, so a slow, older copy never overwrites a newer one.

Redis may lose the copies (a FLUSHALL, a restart without its data): `metering:mtd-ready` says every
tenant's copy is there — the reconcile round sets it once it has copied all of them, through a round
token, so a flush in the middle of a round leaves it unset. Without the mark the quota check reads
the database instead (quotas/service.check_tokens), so it never wrongly allows or refuses.

Key `metering:mtd:<tenant>:<YYYY-MM>` (UTC calendar month), a hash of request_count, input_tokens,
output_tokens, total_tokens, provider_cost and billed_cost (exact decimal strings, USD).
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Iterable
from datetime import date
from typing import Any

log = logging.getLogger(__name__)

FIELDS = ("request_count", "input_tokens", "output_tokens", "total_tokens", "provider_cost", "billed_cost")

# Set the hash only when the incoming request count is higher than the stored one.
_SET_IF_NEWER = """
local current = tonumber(redis.call('HGET', KEYS[1], 'request_count') or '-1')
if tonumber(ARGV[1]) > current then
  redis.call('HSET', KEYS[1], 'request_count', ARGV[1], 'input_tokens', ARGV[2], 'output_tokens', ARGV[3],
             'total_tokens', ARGV[4], 'provider_cost', ARGV[5], 'billed_cost', ARGV[6])
  redis.call('EXPIRE', KEYS[1], ARGV[7])
  return 1
end
return 0
"""


#: Set once a reconcile round has copied every tenant's totals; gone after a flush (see above).
MTD_READY_KEY = "metering:mtd-ready"
MTD_ROUND_KEY = "metering:mtd-round"
# Mark complete only if no flush (nor another instance's round) came between the round's start and end.
_MARK_IF_SAME_ROUND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], '1')
  return 1
end
return 0
"""


class CompleteCopyMark:
    """A mark that a round copied everything: `begin()` before the copy, `complete(token)` after."""

    def __init__(self, redis: Any, round_key: str, ready_key: str) -> None:
        self._redis = redis
        self._round_key = round_key
        self._ready_key = ready_key
        self._script = redis.register_script(_MARK_IF_SAME_ROUND) if redis is not None else None

    async def begin(self) -> str:
        token = uuid.uuid4().hex
        await self._redis.set(self._round_key, token)
        return token

    async def complete(self, token: str) -> bool:
        assert self._script is not None
        return bool(await self._script(keys=[self._round_key, self._ready_key], args=[token]))


def mtd_key(tenant_id: str, month: date) -> str:
    return f"metering:mtd:{tenant_id}:{month:%Y-%m}"


def _get(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, dict) or hasattr(row, "keys") else getattr(row, name)


class MonthToDateCounters:
    def __init__(self, redis: Any, ttl_days: int = 40) -> None:
        self._redis = redis
        self._ttl_seconds = ttl_days * 86400
        self._script = redis.register_script(_SET_IF_NEWER) if redis is not None else None
        self._pending: set[asyncio.Task[bool]] = set()
        self.mark = CompleteCopyMark(redis, MTD_ROUND_KEY, MTD_READY_KEY)

    def copy_soon(self, rows: list[Any]) -> None:
        """After-commit hook: copy the committed totals without delaying the next batch."""
        if not rows or self._script is None:
            return
        task = asyncio.get_running_loop().create_task(self.copy(rows))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def copy(self, rows: Iterable[Any]) -> bool:
        """Copy committed totals; False when Redis refused (the reconcile repairs it)."""
        if self._script is None:
            return False
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for row in rows:
                    args = [str(_get(row, f)) for f in FIELDS] + [self._ttl_seconds]
                    await self._script(
                        keys=[mtd_key(_get(row, "tenant_id"), _get(row, "month"))], args=args, client=pipe
                    )
                await pipe.execute()
        except Exception:  # Redis down: the database stays right, reconcile catches up
            log.warning("month-to-date copy to Redis failed; the reconcile job will repair it", exc_info=True)
            return False
        return True

    async def read(self, tenant_id: str, month: date) -> dict[str, str] | None:
        raw = await self._redis.hgetall(mtd_key(tenant_id, month))
        if not raw:
            return None
        return {
            k.decode() if isinstance(k, bytes) else k: v.decode() if isinstance(v, bytes) else v for k, v in raw.items()
        }
