"""All SQL of identity's quotas. Functions take the caller's session and never commit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Administrator, Invitation
from .models import PlanLimits, QuotaNotice


async def lock_quota(session: AsyncSession, tenant_id: str, resource: str) -> None:
    """Serialise everything that adds to the tenant's `resource` until this transaction ends: the
    next one counts after this one committed, so the limit holds under any concurrency."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext('identity.quota'), hashtext(:key))"),
        {"key": f"{resource}:{tenant_id}"},
    )


async def count_users(session: AsyncSession, tenant_id: str) -> int:
    """The tenant's accounts (administrators and members, any status but deleted) plus the
    invitations still pending — an invitation holds its seat until it is accepted, revoked or expires."""
    accounts = select(func.count()).where(Administrator.tenant_id == tenant_id, Administrator.status != "deleted")
    pending = select(func.count()).where(
        Invitation.tenant_id == tenant_id, Invitation.status == "pending", Invitation.expires_at > func.now()
    )
    return int((await session.execute(select(accounts.scalar_subquery() + pending.scalar_subquery()))).scalar_one())


async def count_agents(session: AsyncSession, tenant_id: str) -> int:
    """The tenant's agents that are not deleted (radiant_identity.agents' table, migration 0004_agents)."""
    value = await session.scalar(
        text("SELECT count(*) FROM identity.agents WHERE tenant_id = :t AND deleted_at IS NULL"), {"t": tenant_id}
    )
    return int(value or 0)


async def limits_of(session: AsyncSession, tenant_id: str) -> PlanLimits | None:
    return await session.get(PlanLimits, tenant_id, populate_existing=True)


async def store_limits(session: AsyncSession, row: dict[str, object]) -> bool:
    """Replace the tenant's limits unless the copy is from a newer subscription revision. True if stored."""
    stmt = insert(PlanLimits).values(**row, updated_at=func.now())
    current = PlanLimits.__table__.c
    result = await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tenant_id"],
            set_={k: stmt.excluded[k] for k in row if k != "tenant_id"} | {"updated_at": func.now()},
            where=(stmt.excluded.revision.is_(None))
            | (current.revision.is_(None))
            | (stmt.excluded.revision >= current.revision),
        ).returning(PlanLimits.tenant_id)
    )
    return result.scalar_one_or_none() is not None


async def claim_notice(session: AsyncSession, tenant_id: str, resource: str, limit: int, threshold: int) -> bool:
    """True the first time (tenant, resource, limit, threshold) is claimed — whoever races for it."""
    result = await session.execute(
        insert(QuotaNotice)
        .values(
            tenant_id=tenant_id,
            resource=resource,
            quota_limit=limit,
            threshold_percent=threshold,
            notified_at=datetime.now().astimezone(),
        )
        .on_conflict_do_nothing()
        .returning(QuotaNotice.tenant_id)
    )
    return result.scalar_one_or_none() is not None
