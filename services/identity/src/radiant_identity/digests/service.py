"""Digests: queue a notification for its recipient's period, and send the due ones (one email each)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from .. import emails
from .. import repository as repo
from ..config import Settings
from ..models import AdminNotification
from . import repository as digests_repo
from .models import NotificationDigest
from .periods import DIGEST_FREQUENCIES, period_end

#: Recipients per round; the job runs again at once while rounds come back full.
RECIPIENTS_PER_ROUND = 100


async def queue_for_digest(
    session: AsyncSession, notification_id: uuid.UUID, *, frequency: str, timezone: str | None, now: datetime
) -> datetime:
    """The notification waits for the end of its period in the recipient's time zone; returns when."""
    due = period_end(frequency, now, timezone)
    await digests_repo.set_email_due(session, notification_id, due)
    return due


def _emails_wanted(notifications: dict[str, object] | None) -> bool:
    method = (notifications or {}).get("method", "email")
    return method in ("email", "both")


async def send_due_digests(session: AsyncSession, settings: Settings, now: datetime) -> int:
    """One round: a digest for each recipient whose period has ended (in the caller's transaction).
    Returns how many recipients were looked at."""
    recipients = await digests_repo.recipients_due(session, now, RECIPIENTS_PER_ROUND)
    for admin_id in recipients:
        await _send_one(session, settings, admin_id, now)
    return len(recipients)


async def _send_one(session: AsyncSession, settings: Settings, admin_id: uuid.UUID, now: datetime) -> None:
    due = await digests_repo.lock_due(session, admin_id, now)
    if not due:  # another replica holds them
        return
    ids = [n.id for n in due]
    admin = await digests_repo.recipient(session, admin_id)
    profile = await repo.get_profile(session, admin_id)
    notifications = profile.notifications if profile else None
    if admin is None or admin.status == "deleted" or not _emails_wanted(notifications):
        await digests_repo.drop_pending(session, ids)
        return
    frequency = str((notifications or {}).get("frequency", "hourly"))
    period = max(n.email_due_at for n in due if n.email_due_at is not None)
    digest = NotificationDigest(
        id=uuid.uuid4(),
        admin_id=admin_id,
        tenant_id=admin.tenant_id,
        frequency=frequency,
        period_end=period,
        notification_count=len(due),
    )
    if not await digests_repo.insert_digest(session, digest):
        # This period's digest went out already (these committed late): they wait for the next one.
        next_frequency = frequency if frequency in DIGEST_FREQUENCIES else "hourly"
        await digests_repo.postpone(
            session, ids, period_end(next_frequency, now, profile.timezone if profile else None)
        )
        return
    content = emails.digest_email(app_name=settings.app_name, frequency=frequency, items=[_item(n) for n in due])
    await repo.enqueue_email(
        session, to=admin.email, subject=content.subject, html=content.html, text_body=content.text
    )
    await digests_repo.mark_digested(session, ids, digest.id)


def _item(notification: AdminNotification) -> emails.DigestItem:
    return emails.DigestItem(
        title=notification.title,
        message=notification.message,
        action_url=notification.action_url,
        at=notification.created_at,
    )
