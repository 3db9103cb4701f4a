"""The pending counts' SQL: one statement, the same rules as the list's `pendingForMe`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import ApprovalRequest
from ..repository import _EXPIRED, _reviewed_by


async def pending_counts(session: AsyncSession, tenant_id: str, user_id: str) -> Any:
    """(pending, awaiting_decision, requested_by_me) of the tenant's pending, unexpired requests."""
    mine = ApprovalRequest.requested_by == user_id
    result = await session.execute(
        select(
            func.count().label("pending"),
            func.count().filter(~mine, ~_reviewed_by(user_id)).label("awaiting_decision"),
            func.count().filter(mine).label("requested_by_me"),
        ).where(ApprovalRequest.tenant_id == tenant_id, ApprovalRequest.status == "pending", ~_EXPIRED)
    )
    return result.one()
