"""All of identity's SQL. Functions take the edge's session and never commit.

State transitions are conditional UPDATEs (`... WHERE status = 'pending' RETURNING`), so two
concurrent requests can never both win; uniqueness is enforced by indexes, not by checking first.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, CursorResult, Result, and_, func, insert, or_, select, text, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from .models import (
    Administrator,
    AdminNotification,
    AdminProfile,
    EmailMessage,
    Invitation,
    RecoveryCode,
    RefreshToken,
    Tenant,
)


def _rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE/DELETE touched (`execute` is typed as returning a plain `Result`)."""
    return (result.rowcount if isinstance(result, CursorResult) else 0) or 0


class UniqueViolation(Exception):
    """An insert collided with a unique index (a duplicate, possibly created concurrently)."""


async def _insert(session: AsyncSession, row: Any) -> None:
    # A savepoint keeps the request's transaction usable after a unique violation.
    try:
        async with session.begin_nested():
            session.add(row)
            await session.flush()
    except IntegrityError as exc:
        if "unique" in str(exc.orig).lower() or "duplicate" in str(exc.orig).lower():
            raise UniqueViolation(str(exc.orig)) from None
        raise


# --- tenants --------------------------------------------------------------------------------------


async def insert_tenant(session: AsyncSession, tenant: Tenant) -> None:
    await _insert(session, tenant)


async def get_tenant(session: AsyncSession, tenant_id: str) -> Tenant | None:
    return await session.get(Tenant, tenant_id)


# --- administrators -------------------------------------------------------------------------------

_LIVE = Administrator.status != "deleted"


async def insert_admin(session: AsyncSession, admin: Administrator) -> None:
    await _insert(session, admin)


async def get_admin(session: AsyncSession, tenant_id: str, admin_id: uuid.UUID) -> Administrator | None:
    result = await session.execute(
        select(Administrator).where(Administrator.id == admin_id, Administrator.tenant_id == tenant_id, _LIVE)
    )
    return result.scalar_one_or_none()


async def get_admin_for_update(session: AsyncSession, tenant_id: str, admin_id: uuid.UUID) -> Administrator | None:
    result = await session.execute(
        select(Administrator)
        .where(Administrator.id == admin_id, Administrator.tenant_id == tenant_id, _LIVE)
        .with_for_update()
    )
    return result.scalar_one_or_none()


async def admin_email_taken(session: AsyncSession, tenant_id: str, email: str) -> bool:
    result = await session.execute(
        select(Administrator.id).where(Administrator.tenant_id == tenant_id, Administrator.email == email, _LIVE)
    )
    return result.first() is not None


async def find_admins_by_email(session: AsyncSession, email: str, tenant_id: str | None) -> Sequence[Administrator]:
    query = select(Administrator).where(Administrator.email == email, Administrator.status == "active")
    if tenant_id is not None:
        query = query.where(Administrator.tenant_id == tenant_id)
    return (await session.execute(query.order_by(Administrator.created_at))).scalars().all()


async def list_admins(
    session: AsyncSession, tenant_id: str, *, role: str | None, status: str | None, limit: int, offset: int
) -> Sequence[Administrator]:
    query = select(Administrator).where(Administrator.tenant_id == tenant_id, _LIVE)
    if role:
        query = query.where(Administrator.role == role)
    if status:
        query = query.where(Administrator.status == status)
    query = query.order_by(Administrator.created_at.desc(), Administrator.id).limit(limit).offset(offset)
    return (await session.execute(query)).scalars().all()


async def active_admins(session: AsyncSession, tenant_id: str) -> Sequence[Administrator]:
    result = await session.execute(
        select(Administrator).where(Administrator.tenant_id == tenant_id, Administrator.status == "active")
    )
    return result.scalars().all()


async def set_admin_role(
    session: AsyncSession, tenant_id: str, admin_id: uuid.UUID, *, new_role: str
) -> Administrator | None:
    result = await session.execute(
        update(Administrator)
        .where(Administrator.id == admin_id, Administrator.tenant_id == tenant_id, _LIVE)
        .values(role=new_role, updated_at=func.now())
        .returning(Administrator)
    )
    return result.scalar_one_or_none()


async def lock_active_super_admins(session: AsyncSession, tenant_id: str) -> list[uuid.UUID]:
    """The tenant's active super_admins, locked in id order. Every change that could leave a tenant
    without one takes these locks first (before the target's), so two such changes run one after the
    other — the second sees the first's outcome — and always lock in the same order (no deadlock)."""
    result = await session.execute(
        select(Administrator.id)
        .where(
            Administrator.tenant_id == tenant_id,
            Administrator.role == "super_admin",
            Administrator.status == "active",
        )
        .order_by(Administrator.id)
        .with_for_update()
    )
    return list(result.scalars())


async def has_active_super_admin(session: AsyncSession, tenant_id: str) -> bool:
    result = await session.execute(
        select(Administrator.id)
        .where(
            Administrator.tenant_id == tenant_id,
            Administrator.role == "super_admin",
            Administrator.status == "active",
        )
        .limit(1)
    )
    return result.first() is not None


async def touch_last_login(session: AsyncSession, admin_id: uuid.UUID) -> None:
    await session.execute(update(Administrator).where(Administrator.id == admin_id).values(last_login_at=func.now()))


async def get_display_name(session: AsyncSession, tenant_id: str, admin_id: str | None) -> str | None:
    try:
        parsed = uuid.UUID(str(admin_id))
    except ValueError:
        return None
    result = await session.execute(
        select(Administrator.display_name).where(Administrator.id == parsed, Administrator.tenant_id == tenant_id)
    )
    return result.scalar_one_or_none()


# --- invitations ----------------------------------------------------------------------------------


async def expire_stale_invitations(session: AsyncSession, tenant_id: str, email: str | None = None) -> int:
    """Pending invitations past their expiry become `expired` (frees the one-pending-per-email slot)."""
    query = update(Invitation).where(
        Invitation.tenant_id == tenant_id, Invitation.status == "pending", Invitation.expires_at <= func.now()
    )
    if email is not None:
        query = query.where(Invitation.email == email)
    result = await session.execute(query.values(status="expired"))
    return _rowcount(result)


async def expire_all_stale_invitations(session: AsyncSession) -> int:
    result = await session.execute(
        update(Invitation)
        .where(Invitation.status == "pending", Invitation.expires_at <= func.now())
        .values(status="expired")
    )
    return _rowcount(result)


async def insert_invitation(session: AsyncSession, invitation: Invitation) -> None:
    await _insert(session, invitation)


async def get_invitation(session: AsyncSession, tenant_id: str, invitation_id: uuid.UUID) -> Invitation | None:
    result = await session.execute(
        select(Invitation).where(Invitation.id == invitation_id, Invitation.tenant_id == tenant_id)
    )
    return result.scalar_one_or_none()


async def pending_invitation_exists(session: AsyncSession, tenant_id: str, email: str) -> bool:
    result = await session.execute(
        select(Invitation.id).where(
            Invitation.tenant_id == tenant_id,
            Invitation.email == email,
            Invitation.status == "pending",
            Invitation.expires_at > func.now(),
        )
    )
    return result.first() is not None


async def list_invitations(
    session: AsyncSession, tenant_id: str, *, status: str | None, limit: int, offset: int
) -> Sequence[Invitation]:
    query = select(Invitation).where(Invitation.tenant_id == tenant_id)
    if status:
        query = query.where(Invitation.status == status)
    query = query.order_by(Invitation.created_at.desc(), Invitation.id).limit(limit).offset(offset)
    return (await session.execute(query)).scalars().all()


async def list_pending_invitations(
    session: AsyncSession, tenant_id: str, *, role: str | None, limit: int, offset: int
) -> Sequence[Invitation]:
    """Invitations still waiting to be accepted (not past their expiry), newest first."""
    query = select(Invitation).where(
        Invitation.tenant_id == tenant_id, Invitation.status == "pending", Invitation.expires_at > func.now()
    )
    if role:
        query = query.where(Invitation.role == role)
    query = query.order_by(Invitation.created_at.desc(), Invitation.id).limit(limit).offset(offset)
    return (await session.execute(query)).scalars().all()


async def find_invitation_by_token_hash(session: AsyncSession, token_hash: str) -> Invitation | None:
    result = await session.execute(select(Invitation).where(Invitation.token_hash == token_hash))
    return result.scalar_one_or_none()


async def claim_pending_invitation(
    session: AsyncSession, invitation_id: uuid.UUID, *, ip: str | None
) -> Invitation | None:
    """Single use: of any number of concurrent accepts, exactly one gets the row back."""
    result = await session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.status == "pending", Invitation.expires_at > func.now())
        .values(status="accepted", accepted_at=func.now(), accepted_by_ip=ip)
        .returning(Invitation)
    )
    return result.scalar_one_or_none()


async def mark_invitation_expired(session: AsyncSession, invitation_id: uuid.UUID) -> None:
    await session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.status == "pending")
        .values(status="expired")
    )


async def rotate_invitation_token(
    session: AsyncSession, tenant_id: str, invitation_id: uuid.UUID, *, token_hash: str, expires_at: datetime
) -> Invitation | None:
    result = await session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.tenant_id == tenant_id, Invitation.status == "pending")
        .values(token_hash=token_hash, expires_at=expires_at)
        .returning(Invitation)
    )
    return result.scalar_one_or_none()


async def revoke_invitation(session: AsyncSession, tenant_id: str, invitation_id: uuid.UUID) -> Invitation | None:
    result = await session.execute(
        update(Invitation)
        .where(Invitation.id == invitation_id, Invitation.tenant_id == tenant_id, Invitation.status == "pending")
        .values(status="revoked")
        .returning(Invitation)
    )
    return result.scalar_one_or_none()


# --- refresh tokens (sessions) --------------------------------------------------------------------


async def insert_refresh_token(session: AsyncSession, token: RefreshToken) -> None:
    session.add(token)
    await session.flush()


async def rotate_refresh_token(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    """Marks an active, unexpired refresh token used; None when it is not (any more) usable."""
    result = await session.execute(
        update(RefreshToken)
        .where(
            RefreshToken.token_hash == token_hash, RefreshToken.status == "active", RefreshToken.expires_at > func.now()
        )
        .values(status="rotated", used_at=func.now())
        .returning(RefreshToken)
    )
    return result.scalar_one_or_none()


async def find_refresh_token(session: AsyncSession, token_hash: str) -> RefreshToken | None:
    result = await session.execute(select(RefreshToken).where(RefreshToken.token_hash == token_hash))
    return result.scalar_one_or_none()


async def revoke_family(session: AsyncSession, family_id: uuid.UUID) -> int:
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.status != "revoked")
        .values(status="revoked")
    )
    return _rowcount(result)


async def revoke_admin_sessions(session: AsyncSession, admin_id: uuid.UUID) -> int:
    result = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.admin_id == admin_id, RefreshToken.status == "active")
        .values(status="revoked")
    )
    return _rowcount(result)


# --- MFA ------------------------------------------------------------------------------------------


async def set_pending_totp(session: AsyncSession, admin_id: uuid.UUID, sealed_secret: str) -> None:
    await session.execute(
        update(Administrator)
        .where(Administrator.id == admin_id)
        .values(pending_totp_secret_enc=sealed_secret, updated_at=func.now())
    )


async def activate_totp(session: AsyncSession, admin_id: uuid.UUID, sealed_secret: str) -> bool:
    """Promote the pending secret, only if it is still the one that was verified (no racing re-enrol)."""
    result = await session.execute(
        update(Administrator)
        .where(Administrator.id == admin_id, Administrator.pending_totp_secret_enc == sealed_secret)
        .values(
            totp_secret_enc=sealed_secret,
            pending_totp_secret_enc=None,
            mfa_enabled=True,
            mfa_method="authenticator",
            updated_at=func.now(),
        )
    )
    return _rowcount(result) == 1


async def replace_recovery_codes(session: AsyncSession, admin_id: uuid.UUID, code_hashes: list[str]) -> None:
    await session.execute(text("DELETE FROM mfa_recovery_codes WHERE admin_id = :a"), {"a": admin_id})
    if code_hashes:
        await session.execute(
            insert(RecoveryCode),
            [{"id": uuid.uuid4(), "admin_id": admin_id, "code_hash": h} for h in code_hashes],
        )


async def use_recovery_code(session: AsyncSession, admin_id: uuid.UUID, code_hashes: Sequence[str]) -> bool:
    """Consume one unused code stored under any of the forms it may have (`code_hashes`)."""
    result = await session.execute(
        update(RecoveryCode)
        .where(
            RecoveryCode.id
            == select(RecoveryCode.id)
            .where(
                RecoveryCode.admin_id == admin_id,
                RecoveryCode.code_hash.in_(code_hashes),
                RecoveryCode.used_at.is_(None),
            )
            .limit(1)
            .scalar_subquery(),
            RecoveryCode.used_at.is_(None),
        )
        .values(used_at=func.now())
    )
    return _rowcount(result) == 1


# Rows written before second factors were keyed and bound to their owner (`security.SecretBox`).


async def legacy_recovery_codes(session: AsyncSession, limit: int) -> Sequence[RecoveryCode]:
    result = await session.execute(
        select(RecoveryCode)
        .where(RecoveryCode.code_hash.not_like("hmac1$%"))
        .order_by(RecoveryCode.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return result.scalars().all()


async def set_recovery_code_hash(session: AsyncSession, code_id: uuid.UUID, old_hash: str, new_hash: str) -> None:
    await session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.id == code_id, RecoveryCode.code_hash == old_hash)
        .values(code_hash=new_hash)
    )


async def admins_with_totp_sealed_otherwise(
    session: AsyncSession, current_prefix: str, limit: int
) -> Sequence[Administrator]:
    """Administrators whose sealed secret (current or pending) does not start with `current_prefix`."""

    def sealed_otherwise(column: Any) -> ColumnElement[bool]:
        return and_(column.is_not(None), ~column.startswith(current_prefix, autoescape=True))

    result = await session.execute(
        select(Administrator)
        .where(
            or_(
                sealed_otherwise(Administrator.totp_secret_enc),
                sealed_otherwise(Administrator.pending_totp_secret_enc),
            )
        )
        .order_by(Administrator.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return result.scalars().all()


async def reseal_totp(session: AsyncSession, admin_id: uuid.UUID, *, current: str | None, pending: str | None) -> None:
    await session.execute(
        update(Administrator)
        .where(Administrator.id == admin_id)
        .values(totp_secret_enc=current, pending_totp_secret_enc=pending)
    )


# --- profiles -------------------------------------------------------------------------------------


async def insert_profile(session: AsyncSession, profile: AdminProfile) -> None:
    session.add(profile)
    await session.flush()


async def get_profile(session: AsyncSession, admin_id: uuid.UUID) -> AdminProfile | None:
    return await session.get(AdminProfile, admin_id)


async def update_profile(session: AsyncSession, admin_id: uuid.UUID, values: dict[str, Any]) -> AdminProfile | None:
    result = await session.execute(
        update(AdminProfile)
        .where(AdminProfile.admin_id == admin_id)
        .values(**values, updated_at=func.now())
        .returning(AdminProfile)
    )
    return result.scalar_one_or_none()


async def profiles_for(session: AsyncSession, admin_ids: list[uuid.UUID]) -> dict[uuid.UUID, AdminProfile]:
    if not admin_ids:
        return {}
    rows = (await session.execute(select(AdminProfile).where(AdminProfile.admin_id.in_(admin_ids)))).scalars()
    return {p.admin_id: p for p in rows}


# --- notifications --------------------------------------------------------------------------------


async def insert_notification(session: AsyncSession, values: dict[str, Any]) -> uuid.UUID | None:
    """None when this event already notified this administrator (redelivery)."""
    result = await session.execute(
        pg_insert(AdminNotification)
        .values(id=uuid.uuid4(), **values)
        .on_conflict_do_nothing(
            index_elements=["admin_id", "source_event_id"], index_where=AdminNotification.source_event_id.is_not(None)
        )
        .returning(AdminNotification.id)
    )
    return result.scalar_one_or_none()


def _visible(admin_id: uuid.UUID, tenant_id: str) -> ColumnElement[bool]:
    return and_(
        AdminNotification.admin_id == admin_id,
        AdminNotification.tenant_id == tenant_id,
        AdminNotification.dismissed.is_(False),
    )


async def list_notifications(
    session: AsyncSession, admin_id: uuid.UUID, tenant_id: str, *, unread_only: bool, limit: int, offset: int
) -> Sequence[AdminNotification]:
    query = select(AdminNotification).where(_visible(admin_id, tenant_id))
    if unread_only:
        query = query.where(AdminNotification.read.is_(False))
    query = query.order_by(AdminNotification.created_at.desc(), AdminNotification.id).limit(limit).offset(offset)
    return (await session.execute(query)).scalars().all()


async def count_unread(session: AsyncSession, admin_id: uuid.UUID, tenant_id: str) -> int:
    result = await session.execute(
        select(func.count())
        .select_from(AdminNotification)
        .where(_visible(admin_id, tenant_id), AdminNotification.read.is_(False))
    )
    return int(result.scalar_one())


async def mark_notifications_read(
    session: AsyncSession, admin_id: uuid.UUID, tenant_id: str, notification_id: uuid.UUID | None
) -> int:
    query = update(AdminNotification).where(_visible(admin_id, tenant_id), AdminNotification.read.is_(False))
    if notification_id is not None:
        query = query.where(AdminNotification.id == notification_id)
    result = await session.execute(query.values(read=True, read_at=func.now()))
    return _rowcount(result)


async def notification_exists(
    session: AsyncSession, admin_id: uuid.UUID, tenant_id: str, notification_id: uuid.UUID
) -> bool:
    result = await session.execute(
        select(AdminNotification.id).where(_visible(admin_id, tenant_id), AdminNotification.id == notification_id)
    )
    return result.first() is not None


async def dismiss_notification(
    session: AsyncSession, admin_id: uuid.UUID, tenant_id: str, notification_id: uuid.UUID
) -> bool:
    result = await session.execute(
        update(AdminNotification)
        .where(_visible(admin_id, tenant_id), AdminNotification.id == notification_id)
        .values(dismissed=True, dismissed_at=func.now())
    )
    return _rowcount(result) == 1


async def mark_notification_emailed(session: AsyncSession, notification_id: uuid.UUID) -> None:
    await session.execute(
        update(AdminNotification)
        .where(AdminNotification.id == notification_id)
        .values(email_sent=True, email_sent_at=func.now())
    )


# --- email outbox ---------------------------------------------------------------------------------


async def enqueue_email(session: AsyncSession, *, to: str, subject: str, html: str, text_body: str) -> None:
    session.add(EmailMessage(to_address=to, subject=subject, html=html, text=text_body))
    await session.flush()


async def claim_due_emails(session: AsyncSession, limit: int) -> Sequence[EmailMessage]:
    """Due messages, locked; SKIP LOCKED lets several instances share the queue."""
    result = await session.execute(
        select(EmailMessage)
        .where(EmailMessage.status == "pending", EmailMessage.next_attempt_at <= func.now())
        .order_by(EmailMessage.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return result.scalars().all()


async def mark_email_sent(session: AsyncSession, message_id: int) -> None:
    # The body may carry a one-time link: it is not kept once delivered.
    await session.execute(
        update(EmailMessage)
        .where(EmailMessage.id == message_id)
        .values(status="sent", sent_at=func.now(), html=None, text=None, attempts=EmailMessage.attempts + 1)
    )


async def mark_email_failed_attempt(
    session: AsyncSession, message_id: int, *, error: str, retry_in_seconds: float, give_up: bool
) -> None:
    await session.execute(
        update(EmailMessage)
        .where(EmailMessage.id == message_id)
        .values(
            attempts=EmailMessage.attempts + 1,
            last_error=error[:2000],
            status="failed" if give_up else "pending",
            next_attempt_at=func.now() + func.make_interval(0, 0, 0, 0, 0, 0, retry_in_seconds),
        )
    )
