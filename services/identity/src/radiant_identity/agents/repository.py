"""All SQL of agents. Functions take the caller's session and never commit; every query is scoped
to the tenant, so another tenant's agent is simply not found."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import delete, func, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Administrator
from ..repository import UniqueViolation, _insert
from .models import Agent, AgentUser, AgentVersion

AgentSort = Literal["name", "-name", "createdAt", "-createdAt"]

_ORDER = {
    "name": (func.lower(Agent.name).asc(), Agent.id.asc()),
    "-name": (func.lower(Agent.name).desc(), Agent.id.desc()),
    "createdAt": (Agent.created_at.asc(), Agent.id.asc()),
    "-createdAt": (Agent.created_at.desc(), Agent.id.desc()),
}


class DuplicateName(Exception):
    """Another live agent of the tenant has this name."""


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


async def insert_agent(session: AsyncSession, agent: Agent, version: AgentVersion) -> None:
    try:
        await _insert(session, agent)
    except UniqueViolation:
        raise DuplicateName(agent.name) from None
    await _insert(session, version)


async def list_agents(
    session: AsyncSession,
    tenant_id: str,
    *,
    status: str | None,
    desired_state: str | None,
    model_id: str | None,
    visibility: str | None,
    search: str | None,
    sort: AgentSort,
    limit: int,
    offset: int,
) -> Sequence[Agent]:
    query = select(Agent).where(Agent.tenant_id == tenant_id, Agent.deleted_at.is_(None))
    if status is not None:
        query = query.where(Agent.status == status)
    if desired_state is not None:
        query = query.where(Agent.desired_state == desired_state)
    if model_id is not None:
        query = query.where(Agent.model_id == model_id)
    if visibility is not None:
        query = query.where(Agent.visibility == visibility)
    if search:
        query = query.where(Agent.name.ilike(f"%{_escape_like(search)}%", escape="\\"))
    result = await session.execute(query.order_by(*_ORDER[sort]).limit(limit).offset(offset))
    return result.scalars().all()


async def get_agent(
    session: AsyncSession, tenant_id: str, agent_id: uuid.UUID, *, for_update: bool = False
) -> Agent | None:
    """A live (not deleted) agent of the tenant."""
    query = select(Agent).where(Agent.tenant_id == tenant_id, Agent.id == agent_id, Agent.deleted_at.is_(None))
    if for_update:
        query = query.with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def live_agents_for_update(session: AsyncSession, tenant_id: str) -> Sequence[Agent]:
    query = (
        select(Agent)
        .where(Agent.tenant_id == tenant_id, Agent.deleted_at.is_(None))
        .order_by(Agent.id)
        .with_for_update()
    )
    return (await session.execute(query)).scalars().all()


async def get_any_agent_for_update(session: AsyncSession, agent_id: uuid.UUID) -> Agent | None:
    """An agent whatever its tenant or deletion (a runtime report names only the agent)."""
    query = select(Agent).where(Agent.id == agent_id).with_for_update()
    return (await session.execute(query)).scalar_one_or_none()


async def update_agent(session: AsyncSession, agent_id: uuid.UUID, values: dict[str, Any]) -> Agent:
    result = await session.execute(
        update(Agent)
        .where(Agent.id == agent_id)
        .values(**values, updated_at=func.now())
        .returning(Agent)
        .execution_options(populate_existing=True)
    )
    return result.scalar_one()


async def rename_agent(session: AsyncSession, agent_id: uuid.UUID, values: dict[str, Any]) -> Agent:
    """`update_agent` for a change that may take another live agent's name."""
    try:
        async with session.begin_nested():
            return await update_agent(session, agent_id, values)
    except IntegrityError as exc:
        if "uq_agents_live_name" in str(exc.orig):
            raise DuplicateName(values.get("name", "")) from None
        raise


async def insert_version(session: AsyncSession, version: AgentVersion) -> None:
    await _insert(session, version)


async def list_versions(
    session: AsyncSession, tenant_id: str, agent_id: uuid.UUID, *, limit: int, offset: int
) -> Sequence[AgentVersion]:
    query = (
        select(AgentVersion)
        .where(AgentVersion.tenant_id == tenant_id, AgentVersion.agent_id == agent_id)
        .order_by(AgentVersion.version.desc())
        .limit(limit)
        .offset(offset)
    )
    return (await session.execute(query)).scalars().all()


async def set_deleted(session: AsyncSession, agent_id: uuid.UUID, *, deleted_by: str, at: datetime) -> Agent:
    return await update_agent(
        session, agent_id, {"deleted_at": at, "deleted_by": deleted_by, "desired_state": "stopped"}
    )


# --- the agent's users ---------------------------------------------------------------------------


async def tenant_member(session: AsyncSession, tenant_id: str, member_id: uuid.UUID) -> Administrator | None:
    query = select(Administrator).where(Administrator.tenant_id == tenant_id, Administrator.id == member_id)
    return (await session.execute(query)).scalar_one_or_none()


async def add_user(session: AsyncSession, row: AgentUser) -> bool:
    """True when the user was added, False when they already were one of the agent's users."""
    statement = (
        insert(AgentUser)
        .values(
            agent_id=row.agent_id,
            administrator_id=row.administrator_id,
            tenant_id=row.tenant_id,
            granted_by=row.granted_by,
        )
        .on_conflict_do_nothing()
        .returning(AgentUser.agent_id)
    )
    return (await session.execute(statement)).first() is not None


async def remove_user(session: AsyncSession, tenant_id: str, agent_id: uuid.UUID, member_id: uuid.UUID) -> bool:
    result = await session.execute(
        delete(AgentUser)
        .where(AgentUser.tenant_id == tenant_id, AgentUser.agent_id == agent_id)
        .where(AgentUser.administrator_id == member_id)
        .returning(AgentUser.agent_id)
    )
    return result.first() is not None


async def get_user(
    session: AsyncSession, tenant_id: str, agent_id: uuid.UUID, member_id: uuid.UUID
) -> tuple[AgentUser, Administrator] | None:
    query = (
        select(AgentUser, Administrator)
        .join(Administrator, Administrator.id == AgentUser.administrator_id)
        .where(AgentUser.tenant_id == tenant_id, AgentUser.agent_id == agent_id)
        .where(AgentUser.administrator_id == member_id)
    )
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def list_users(
    session: AsyncSession, tenant_id: str, agent_id: uuid.UUID, *, limit: int, offset: int
) -> list[tuple[AgentUser, Administrator]]:
    query = (
        select(AgentUser, Administrator)
        .join(Administrator, Administrator.id == AgentUser.administrator_id)
        .where(AgentUser.tenant_id == tenant_id, AgentUser.agent_id == agent_id)
        .order_by(AgentUser.granted_at, AgentUser.administrator_id)
        .limit(limit)
        .offset(offset)
    )
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]
