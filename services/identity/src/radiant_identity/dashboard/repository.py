"""Identity's own counts for the home screen: people, invitations, agents. One query each."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from ..agents.models import Agent
from ..models import Administrator, Invitation


async def people_by_role_and_status(session: AsyncSession, tenant_id: str) -> Sequence[Any]:
    """(role, status, count) of the tenant's administrators and members; removed ones are not counted."""
    result = await session.execute(
        select(Administrator.role, Administrator.status, func.count().label("count"))
        .where(Administrator.tenant_id == tenant_id, Administrator.status != "deleted")
        .group_by(Administrator.role, Administrator.status)
        .order_by(Administrator.role, Administrator.status)
    )
    return result.all()


async def pending_invitations_by_role(session: AsyncSession, tenant_id: str, now: datetime) -> Sequence[Any]:
    result = await session.execute(
        select(Invitation.role, func.count().label("count"))
        .where(Invitation.tenant_id == tenant_id, Invitation.status == "pending", Invitation.expires_at > now)
        .group_by(Invitation.role)
        .order_by(Invitation.role)
    )
    return result.all()


async def agents_by_status(session: AsyncSession, tenant_id: str) -> Sequence[Any]:
    """(status, desired_state, count) of the tenant's agents that are not deleted."""
    result = await session.execute(
        select(Agent.status, Agent.desired_state, func.count().label("count"))
        .where(Agent.tenant_id == tenant_id, Agent.deleted_at.is_(None))
        .group_by(Agent.status, Agent.desired_state)
        .order_by(Agent.status, Agent.desired_state)
    )
    return result.all()
