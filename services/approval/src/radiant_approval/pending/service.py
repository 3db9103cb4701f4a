"""Pending approvals for one administrator of a tenant."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.tenant_views import PendingApprovals

from . import repository as repo


async def pending_for(session: AsyncSession, tenant_id: str, user_id: str) -> PendingApprovals:
    row = await repo.pending_counts(session, tenant_id, user_id)
    return PendingApprovals(
        pending=row.pending, awaiting_decision=row.awaiting_decision, requested_by_me=row.requested_by_me
    )
