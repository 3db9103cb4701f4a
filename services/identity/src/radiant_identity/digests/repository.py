"""The SQL of notification digests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Administrator, AdminNotification
from .models import NotificationDigest


async def set_email_due(session: AsyncSession, notification_id: uuid.UUID, due_at: datetime) -> None:
    await session.execute(
        update(AdminNotification).where(AdminNotification.id == notification_id).values(email_due_at=due_at)
    )


async def recipients_due(session: AsyncSession, now: datetime, limit: int) -> Sequence[uuid.UUID]:
    """Recipients with a digest due, the longest waiting first."""
    result = await session.execute(
        select(AdminNotification.admin_id)
        .where(AdminNotification.email_due_at <= now)
        .group_by(AdminNotification.admin_id)
        .order_by(func.min(AdminNotification.email_due_at))
        .limit(limit)
    )
    return list(result.scalars())


async def lock_due(session: AsyncSession, admin_id: uuid.UUID, now: datetime) -> Sequence[AdminNotification]:
    """The recipient's due notifications, locked (another replica skips them), oldest first."""
    result = await session.execute(
        select(AdminNotification)
        .where(AdminNotification.admin_id == admin_id, AdminNotification.email_due_at <= now)
        .order_by(AdminNotification.created_at, AdminNotification.id)
        .with_for_update(skip_locked=True)
    )
    return result.scalars().all()


async def recipient(session: AsyncSession, admin_id: uuid.UUID) -> Administrator | None:
    return await session.get(Administrator, admin_id)


async def insert_digest(session: AsyncSession, digest: NotificationDigest) -> bool:
    """False when this recipient already had the digest of this period."""
    result = await session.execute(
        pg_insert(NotificationDigest)
        .values(
            id=digest.id,
            admin_id=digest.admin_id,
            tenant_id=digest.tenant_id,
            frequency=digest.frequency,
            period_end=digest.period_end,
            notification_count=digest.notification_count,
        )
        .on_conflict_do_nothing(constraint="uq_notification_digests_period")
        .returning(NotificationDigest.id)
    )
    return result.scalar_one_or_none() is not None


async def mark_digested(session: AsyncSession, ids: Sequence[uuid.UUID], digest_id: uuid.UUID) -> None:
    await session.execute(
        update(AdminNotification)
        .where(AdminNotification.id.in_(ids))
        .values(email_due_at=None, digest_id=digest_id, email_sent=True, email_sent_at=func.now())
    )


async def postpone(session: AsyncSession, ids: Sequence[uuid.UUID], due_at: datetime) -> None:
    await session.execute(update(AdminNotification).where(AdminNotification.id.in_(ids)).values(email_due_at=due_at))


async def drop_pending(session: AsyncSession, ids: Sequence[uuid.UUID]) -> None:
    """No longer to be emailed (the recipient stopped wanting email, or is gone): kept in the app only."""
    await session.execute(update(AdminNotification).where(AdminNotification.id.in_(ids)).values(email_due_at=None))


async def digests_of(session: AsyncSession, admin_id: uuid.UUID) -> Sequence[NotificationDigest]:
    result = await session.execute(
        select(NotificationDigest)
        .where(NotificationDigest.admin_id == admin_id)
        .order_by(NotificationDigest.period_end)
    )
    return result.scalars().all()
