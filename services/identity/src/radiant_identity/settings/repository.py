"""All of the tenant settings' SQL. Functions take the caller's session and never commit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Tenant
from .models import TenantAdminSettings


async def get_settings(session: AsyncSession, tenant_id: str) -> TenantAdminSettings | None:
    return await session.get(TenantAdminSettings, tenant_id)


async def lock_settings(session: AsyncSession, tenant_id: str) -> TenantAdminSettings | None:
    """The row, locked for this transaction: concurrent changes apply one after the other, each to
    what the previous one left (none is lost)."""
    result = await session.execute(
        select(TenantAdminSettings).where(TenantAdminSettings.tenant_id == tenant_id).with_for_update()
    )
    return result.scalar_one_or_none()


async def ensure_row(session: AsyncSession, tenant_id: str, document: dict[str, Any]) -> None:
    """A row to lock for a tenant that never changed its settings (the first two writers race here)."""
    await session.execute(
        insert(TenantAdminSettings)
        .values(tenant_id=tenant_id, document=document, version=1)
        .on_conflict_do_nothing(index_elements=["tenant_id"])
    )


async def save_settings(
    session: AsyncSession,
    row: TenantAdminSettings,
    document: dict[str, Any],
    *,
    by: str | None,
    at: datetime,
    first: bool,
) -> TenantAdminSettings:
    """`first`: the row holds only the defaults it was created with; this is its first change."""
    row.document = document
    row.version = 1 if first else row.version + 1
    row.updated_at = at
    row.updated_by = by
    await session.flush()
    return row


async def tenant_environment(session: AsyncSession, tenant_id: str) -> str | None:
    return (await session.execute(select(Tenant.environment).where(Tenant.id == tenant_id))).scalar_one_or_none()


async def all_documents(session: AsyncSession) -> Sequence[tuple[str, dict[str, Any]]]:
    """Every tenant's stored settings (the access-policy copies are rebuilt from them)."""
    result = await session.execute(select(TenantAdminSettings.tenant_id, TenantAdminSettings.document))
    return [(row.tenant_id, row.document) for row in result]


# Notifications older than their tenant's `dataRetention.notificationDays` (the default for a tenant
# that never set it), a bounded batch per statement so a round never holds long locks.
_PURGE_NOTIFICATIONS = text(
    """
    DELETE FROM identity.admin_notifications
    WHERE id IN (
        SELECT n.id FROM identity.admin_notifications n
        LEFT JOIN identity.tenant_admin_settings s ON s.tenant_id = n.tenant_id
        WHERE n.created_at < now() - make_interval(
            days => coalesce((s.document -> 'data_retention' ->> 'notification_days')::int, :default_days))
        LIMIT :batch
    )
    """
)


async def purge_old_notifications(session: AsyncSession, *, default_days: int, batch: int) -> int:
    result = await session.execute(_PURGE_NOTIFICATIONS, {"default_days": default_days, "batch": batch})
    return int(getattr(result, "rowcount", 0) or 0)


async def usage_detail_days_below(session: AsyncSession, max_days: int) -> Sequence[tuple[str, int]]:
    """(tenant_id, usageDetailDays) of the tenants that keep raw usage detail for fewer than `max_days`
    (a tenant that never set it keeps the platform's maximum, so it is not listed)."""
    days = TenantAdminSettings.document[("data_retention", "usage_detail_days")].as_integer()
    result = await session.execute(
        select(TenantAdminSettings.tenant_id, days).where(days < max_days).order_by(TenantAdminSettings.tenant_id)
    )
    return [(row[0], int(row[1])) for row in result]
