"""All of the tenant lifecycle's SQL. Functions take the caller's session and never commit.

A status change is one conditional UPDATE (`... WHERE status = <from> RETURNING`), so two operators
suspending the same tenant at once cannot both win.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Administrator, Invitation, RefreshToken, Tenant
from ..repository import _insert, _rowcount
from ..service_keys.models import ServiceKey
from .models import ImpersonationSession, TenantDeletionRequest, TenantStatusChange

TenantSort = Literal["name", "-name", "createdAt", "-createdAt"]

_ORDER = {
    "name": (func.lower(Tenant.name).asc(), Tenant.id.asc()),
    "-name": (func.lower(Tenant.name).desc(), Tenant.id.desc()),
    "createdAt": (Tenant.created_at.asc(), Tenant.id.asc()),
    "-createdAt": (Tenant.created_at.desc(), Tenant.id.desc()),
}


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# --- tenants --------------------------------------------------------------------------------------


async def list_tenants(
    session: AsyncSession,
    *,
    status: str | None,
    environment: str | None,
    search: str | None,
    sort: TenantSort,
    limit: int,
    offset: int,
) -> Sequence[Tenant]:
    query = select(Tenant)
    if status is not None:
        query = query.where(Tenant.status == status)
    if environment is not None:
        query = query.where(Tenant.environment == environment)
    if search:
        # A name containing the text (any case), or the tenant's exact id.
        query = query.where(or_(Tenant.name.ilike(f"%{_escape_like(search)}%", escape="\\"), Tenant.id == search))
    result = await session.execute(query.order_by(*_ORDER[sort]).limit(limit).offset(offset))
    return result.scalars().all()


async def insert_tenant(session: AsyncSession, tenant: Tenant) -> None:
    await _insert(session, tenant)


async def get_tenant(session: AsyncSession, tenant_id: str) -> Tenant | None:
    return await session.get(Tenant, tenant_id)


async def get_tenant_for_update(session: AsyncSession, tenant_id: str) -> Tenant | None:
    result = await session.execute(select(Tenant).where(Tenant.id == tenant_id).with_for_update())
    return result.scalar_one_or_none()


async def deletion_request(session: AsyncSession, tenant_id: str) -> TenantDeletionRequest | None:
    return await session.get(TenantDeletionRequest, tenant_id)


async def record_deletion_request(session: AsyncSession, tenant_id: str, approval_id: str, requested_by: str) -> None:
    """Remember the approval just filed for the tenant's deletion, replacing one that is no longer pending."""
    statement = insert(TenantDeletionRequest).values(
        tenant_id=tenant_id, approval_id=approval_id, requested_by=requested_by, requested_at=func.now()
    )
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=[TenantDeletionRequest.tenant_id],
            set_={"approval_id": approval_id, "requested_by": requested_by, "requested_at": func.now()},
        )
    )
    await session.flush()


async def tenant_status(session: AsyncSession, tenant_id: str) -> str | None:
    """The tenant's status, or None for a tenant identity holds no record of."""
    return (await session.execute(select(Tenant.status).where(Tenant.id == tenant_id))).scalar_one_or_none()


async def change_status(
    session: AsyncSession, tenant_id: str, *, from_status: str, to_status: str, at: datetime, suspending: bool
) -> Tenant | None:
    values: dict[str, Any] = {"status": to_status, "status_changed_at": at, "updated_at": at}
    if suspending:
        values["suspended_at"] = at
    result = await session.execute(
        update(Tenant).where(Tenant.id == tenant_id, Tenant.status == from_status).values(**values).returning(Tenant)
    )
    return result.scalar_one_or_none()


async def mark_deleted(session: AsyncSession, tenant_id: str, *, at: datetime) -> tuple[Tenant, str] | None:
    """Active or suspended → deleted, conditionally (of two concurrent deletions one wins): the tenant
    and the status it had; None when it is no such tenant or is deleted already."""
    previous = (
        await session.execute(select(Tenant.status).where(Tenant.id == tenant_id).with_for_update())
    ).scalar_one_or_none()
    if previous is None or previous == "deleted":
        return None
    values: dict[str, Any] = {"status": "deleted", "status_changed_at": at, "updated_at": at}
    if previous != "suspended":
        values["suspended_at"] = at  # its tokens are refused from this moment (the revocation mark)
    result = await session.execute(
        update(Tenant).where(Tenant.id == tenant_id, Tenant.status == previous).values(**values).returning(Tenant)
    )
    tenant = result.scalar_one_or_none()
    return None if tenant is None else (tenant, previous)


async def revoke_tenant_service_keys(session: AsyncSession, tenant_id: str, revoked_by: str) -> list[str]:
    """Every active service key of the tenant, revoked; their ids (to withdraw from the key store)."""
    result = await session.execute(
        update(ServiceKey)
        .where(ServiceKey.tenant_id == tenant_id, ServiceKey.status == "active")
        .values(status="revoked", revoked_at=func.now(), revoked_by=revoked_by)
        .returning(ServiceKey.id)
    )
    return [str(key_id) for key_id in result.scalars()]


async def update_tenant(session: AsyncSession, tenant_id: str, values: dict[str, Any]) -> Tenant | None:
    result = await session.execute(
        update(Tenant).where(Tenant.id == tenant_id).values(**values, updated_at=func.now()).returning(Tenant)
    )
    return result.scalar_one_or_none()


async def tenants_to_mark(session: AsyncSession, suspended_since: datetime) -> Sequence[tuple[str, str, datetime]]:
    """(id, status, suspended_at) of every tenant whose Redis mark matters: the suspended ones and
    those reactivated so recently that their old tokens must still be refused."""
    result = await session.execute(
        select(Tenant.id, Tenant.status, Tenant.suspended_at).where(
            Tenant.suspended_at.is_not(None),
            # deleted tenants stay refused for good, like suspended ones
            or_(Tenant.status.in_(("suspended", "deleted")), Tenant.suspended_at >= suspended_since),
        )
    )
    return [(row.id, row.status, row.suspended_at) for row in result]


async def tenant_statuses(session: AsyncSession, tenant_ids: Sequence[str]) -> dict[str, str]:
    if not tenant_ids:
        return {}
    result = await session.execute(select(Tenant.id, Tenant.status).where(Tenant.id.in_(tenant_ids)))
    return {row.id: row.status for row in result}


# --- status history -------------------------------------------------------------------------------


async def insert_status_change(session: AsyncSession, change: TenantStatusChange) -> None:
    await _insert(session, change)


async def status_history(session: AsyncSession, tenant_id: str, limit: int) -> Sequence[TenantStatusChange]:
    result = await session.execute(
        select(TenantStatusChange)
        .where(TenantStatusChange.tenant_id == tenant_id)
        .order_by(TenantStatusChange.changed_at.desc(), TenantStatusChange.id)
        .limit(limit)
    )
    return result.scalars().all()


# --- what identity knows of a tenant's people -----------------------------------------------------


async def administrator_counts(session: AsyncSession, tenant_id: str) -> dict[str, int]:
    """Live administrators per role."""
    result = await session.execute(
        select(Administrator.role, func.count())
        .where(Administrator.tenant_id == tenant_id, Administrator.status != "deleted")
        .group_by(Administrator.role)
    )
    return {role: count for role, count in result.tuples()}


async def pending_invitation_count(session: AsyncSession, tenant_id: str) -> int:
    result = await session.execute(
        select(func.count()).where(
            Invitation.tenant_id == tenant_id, Invitation.status == "pending", Invitation.expires_at > func.now()
        )
    )
    return int(result.scalar_one())


async def last_login_at(session: AsyncSession, tenant_id: str) -> datetime | None:
    result = await session.execute(
        select(func.max(Administrator.last_login_at)).where(Administrator.tenant_id == tenant_id)
    )
    return result.scalar_one_or_none()


async def super_admins(session: AsyncSession, tenant_id: str) -> Sequence[Administrator]:
    result = await session.execute(
        select(Administrator).where(
            Administrator.tenant_id == tenant_id, Administrator.role == "super_admin", Administrator.status == "active"
        )
    )
    return result.scalars().all()


async def revoke_tenant_sessions(session: AsyncSession, tenant_id: str) -> int:
    """Every live refresh token of the tenant's administrators: no session survives a suspension."""
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.tenant_id == tenant_id, RefreshToken.status == "active")
        .values(status="revoked")
    )
    return _rowcount(result)


# --- impersonation --------------------------------------------------------------------------------


def _live(at: datetime) -> ColumnElement[bool]:
    return (ImpersonationSession.ended_at.is_(None)) & (ImpersonationSession.expires_at > at)


async def insert_impersonation(session: AsyncSession, impersonation: ImpersonationSession) -> None:
    await _insert(session, impersonation)


async def get_impersonation(session: AsyncSession, session_id: uuid.UUID) -> ImpersonationSession | None:
    return await session.get(ImpersonationSession, session_id)


async def end_impersonation(
    session: AsyncSession, tenant_id: str, session_id: uuid.UUID, *, ended_by: str, at: datetime
) -> ImpersonationSession | None:
    """Ends a live session (once: a second end finds nothing to end)."""
    result = await session.execute(
        update(ImpersonationSession)
        .where(ImpersonationSession.id == session_id, ImpersonationSession.tenant_id == tenant_id, _live(at))
        .values(ended_at=at, ended_by=ended_by, end_reason="ended")
        .returning(ImpersonationSession)
    )
    return result.scalar_one_or_none()


async def end_live_impersonations(
    session: AsyncSession, tenant_id: str, *, ended_by: str, at: datetime
) -> Sequence[ImpersonationSession]:
    result = await session.execute(
        update(ImpersonationSession)
        .where(ImpersonationSession.tenant_id == tenant_id, _live(at))
        .values(ended_at=at, ended_by=ended_by, end_reason="tenant_suspended")
        .returning(ImpersonationSession)
    )
    return result.scalars().all()


async def recent_impersonations(
    session: AsyncSession, tenant_id: str, *, limit: int, offset: int
) -> Sequence[ImpersonationSession]:
    result = await session.execute(
        select(ImpersonationSession)
        .where(ImpersonationSession.tenant_id == tenant_id)
        .order_by(ImpersonationSession.started_at.desc(), ImpersonationSession.id)
        .limit(limit)
        .offset(offset)
    )
    return result.scalars().all()
