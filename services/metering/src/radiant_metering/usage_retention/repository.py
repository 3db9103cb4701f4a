"""One tenant's raw usage detail older than its own retention. Functions never commit."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, text
from sqlalchemy.ext.asyncio import AsyncSession

# (tenant_id, request_id) is unique among raw events (the dedup key); the occurred_at bound lets the
# planner skip the partitions that are young enough.
_DELETE_EVENTS = text(
    """
    DELETE FROM usage_events
    WHERE tenant_id = :tenant AND occurred_at < :cutoff AND request_id IN (
        SELECT request_id FROM usage_events
        WHERE tenant_id = :tenant AND occurred_at < :cutoff
        LIMIT :batch
    )
    """
)

_DELETE_HOURS = text(
    """
    DELETE FROM usage_hourly
    WHERE tenant_id = :tenant AND (usage_hour, model_id, agent_id) IN (
        SELECT usage_hour, model_id, agent_id FROM usage_hourly
        WHERE tenant_id = :tenant AND usage_hour < :cutoff
        LIMIT :batch
    )
    """
)


async def _deleted(session: AsyncSession, statement: Any, params: dict[str, Any]) -> int:
    result = cast(CursorResult[Any], await session.execute(statement, params))
    return result.rowcount or 0


async def delete_events_before(session: AsyncSession, tenant_id: str, cutoff: datetime, batch: int) -> int:
    """Up to `batch` of the tenant's raw events that occurred before `cutoff`."""
    return await _deleted(session, _DELETE_EVENTS, {"tenant": tenant_id, "cutoff": cutoff, "batch": batch})


async def delete_hours_before(session: AsyncSession, tenant_id: str, cutoff: datetime, batch: int) -> int:
    """Up to `batch` of the tenant's hourly rows for hours before `cutoff`."""
    return await _deleted(session, _DELETE_HOURS, {"tenant": tenant_id, "cutoff": cutoff, "batch": batch})
