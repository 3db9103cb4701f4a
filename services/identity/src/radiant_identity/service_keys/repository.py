"""All SQL of service keys. Functions take the edge's session and never commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import ServiceKey


class DuplicateName(Exception):
    """Another active key of the tenant has this name."""


async def lock_tenant_keys(session: AsyncSession, tenant_id: str) -> None:
    """Serialise key creation per tenant until the transaction ends, so the active-key limit is exact."""
    await session.execute(
        text("SELECT pg_advisory_xact_lock(hashtext('identity.service_keys'), hashtext(:tenant))"),
        {"tenant": tenant_id},
    )


async def count_active(session: AsyncSession, tenant_id: str, now: datetime) -> int:
    stmt = select(func.count()).where(
        ServiceKey.tenant_id == tenant_id,
        ServiceKey.status == "active",
        (ServiceKey.expires_at.is_(None)) | (ServiceKey.expires_at > now),
    )
    return int((await session.execute(stmt)).scalar_one())


async def insert_key(session: AsyncSession, key: ServiceKey) -> None:
    # A savepoint keeps the request's transaction usable after the unique violation.
    try:
        async with session.begin_nested():
            session.add(key)
            await session.flush()
    except IntegrityError as exc:
        if "uq_service_keys_active_name" in str(exc.orig):
            raise DuplicateName(key.name) from None
        raise


async def list_keys(session: AsyncSession, tenant_id: str, *, limit: int, offset: int) -> list[ServiceKey]:
    stmt = (
        select(ServiceKey)
        .where(ServiceKey.tenant_id == tenant_id)
        .order_by(ServiceKey.created_at.desc(), ServiceKey.id)
        .limit(limit)
        .offset(offset)
    )
    return list((await session.scalars(stmt)).all())


async def get_key(session: AsyncSession, tenant_id: str, key_id: str, *, for_update: bool = False) -> ServiceKey | None:
    stmt = select(ServiceKey).where(ServiceKey.tenant_id == tenant_id, ServiceKey.id == key_id)
    if for_update:
        stmt = stmt.with_for_update()
    return (await session.scalars(stmt)).one_or_none()


async def revoke_key(session: AsyncSession, tenant_id: str, key_id: str, revoked_by: str) -> ServiceKey | None:
    """Active → revoked, conditionally: of two concurrent revocations exactly one wins."""
    stmt = (
        update(ServiceKey)
        .where(ServiceKey.tenant_id == tenant_id, ServiceKey.id == key_id, ServiceKey.status == "active")
        .values(status="revoked", revoked_at=func.now(), revoked_by=revoked_by)
        .returning(ServiceKey)
        .execution_options(populate_existing=True)
    )
    return (await session.scalars(stmt)).one_or_none()


async def active_keys_for_share(session: AsyncSession, now: datetime) -> list[ServiceKey]:
    """Every active, unexpired key, share-locked: a revocation running meanwhile waits for this
    transaction (and one that ran first is not returned), so the reconcile never revives a revoked key."""
    stmt = (
        select(ServiceKey)
        .where(ServiceKey.status == "active", (ServiceKey.expires_at.is_(None)) | (ServiceKey.expires_at > now))
        .order_by(ServiceKey.id)
        .with_for_update(read=True)
    )
    return list((await session.scalars(stmt)).all())


async def record_last_use(session: AsyncSession, marks: Mapping[str, datetime]) -> int:
    """Fold last-use marks in; a mark never moves a key's last use backwards."""
    if not marks:
        return 0
    ids, times = list(marks), list(marks.values())
    result = await session.execute(
        text(
            "UPDATE identity.service_keys AS k SET last_used_at = m.used_at "
            "FROM unnest(CAST(:ids AS text[]), CAST(:times AS timestamptz[])) AS m(id, used_at) "
            "WHERE k.id = m.id AND (k.last_used_at IS NULL OR k.last_used_at < m.used_at)"
        ),
        {"ids": ids, "times": times},
    )
    return int(getattr(result, "rowcount", 0) or 0)
