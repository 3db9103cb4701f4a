"""The token quota in Redis, for the AI request path's check (`GET /api/v2/metering/quota`).

A check is two hash reads in one round trip, which a producer may also do itself:

    HGET metering:mtd:<tenant>:<YYYY-MM> total_tokens        (month-to-date, `mtd.py`; absent: 0)
    HGET metering:quota:<tenant> max_tokens_per_month        (absent: the default plan's limit;
                                                              -1: unlimited)

`metering:quota:<tenant>` (a hash of `max_tokens_per_month` and `max_storage_bytes`) is copied from
the database after each limit change commits and re-copied by the reconcile job, so a lost copy is
repaired within `METERING_MTD_RECONCILE_SECONDS`.

The same read asks for `metering:mtd-ready` and `metering:quota-limits-ready`, set by the reconcile
rounds once every copy is there. A Redis that lost its data (FLUSHALL, a restart without it) has
neither: the check then answers from the database (exact), until the next rounds have copied
everything again — never "0 used" or "the default limit" for a tenant that is over its own.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from datetime import date
from typing import Any

from radiant_contracts.quotas import default_limit

from ..mtd import MTD_READY_KEY, CompleteCopyMark, mtd_key

log = logging.getLogger(__name__)

UNLIMITED = -1
LIMITS_READY_KEY = "metering:quota-limits-ready"
LIMITS_ROUND_KEY = "metering:quota-limits-round"


def limits_key(tenant_id: str) -> str:
    return f"metering:quota:{tenant_id}"


def _encode(limit: int | None) -> int:
    return UNLIMITED if limit is None else limit


def _decode(raw: Any, default: int | None) -> int | None:
    if raw is None:
        return default
    value = int(raw)
    return None if value < 0 else value


class QuotaStore:
    def __init__(self, redis: Any) -> None:
        self._redis = redis
        self._pending: set[asyncio.Task[bool]] = set()
        self.mark = CompleteCopyMark(redis, LIMITS_ROUND_KEY, LIMITS_READY_KEY)

    def copy_soon(self, rows: list[tuple[str, int | None, int | None]]) -> None:
        """After-commit hook: copy the committed limits without holding up the caller."""
        task = asyncio.get_running_loop().create_task(self.copy(rows))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def copy(self, rows: Iterable[tuple[str, int | None, int | None]]) -> bool:
        """(tenant, max_tokens_per_month, max_storage_bytes) rows into Redis; a failure (False) is
        repaired later."""
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for tenant_id, tokens, storage in rows:
                    pipe.hset(
                        limits_key(tenant_id),
                        mapping={"max_tokens_per_month": _encode(tokens), "max_storage_bytes": _encode(storage)},
                    )
                await pipe.execute()
        except Exception:  # Redis down: the database is right, the reconcile job copies again
            log.warning("quota limits copy to Redis failed; the reconcile job will repair it", exc_info=True)
            return False
        return True

    async def tokens(self, tenant_id: str, month: date) -> tuple[int, int | None] | None:
        """(month-to-date tokens, the monthly limit or None) — one round trip, two HGETs; None when
        Redis does not hold every copy (no ready marks: it lost its data, see above)."""
        async with self._redis.pipeline(transaction=False) as pipe:
            pipe.hget(mtd_key(tenant_id, month), "total_tokens")
            pipe.hget(limits_key(tenant_id), "max_tokens_per_month")
            pipe.exists(MTD_READY_KEY, LIMITS_READY_KEY)
            used, limit, marks = await pipe.execute()
        if marks != 2:
            return None
        return int(used or 0), _decode(limit, default_limit("tokens"))
