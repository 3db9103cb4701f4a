"""All of the operators' SQL. Functions take the caller's session and never commit.

State transitions are conditional UPDATEs (`... WHERE status = 'pending' RETURNING`), so two
concurrent requests never both win; uniqueness is enforced by indexes, not by checking first.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Administrator, Tenant

# One way to insert under a unique index and count touched rows, identity's own.
from ..repository import UniqueViolation as UniqueViolation
from ..repository import _insert, _rowcount
from .models import Operator, OperatorInvitation, OperatorPasswordReset, OperatorRecoveryCode, OperatorRefreshToken

# Any fixed number: the key of the transaction-level advisory lock that serialises changes to
# operators' roles and statuses, so "at least one active platform_admin remains" is checked and
# applied as one step even when two administrators change each other at the same moment.
_OPERATOR_CHANGES_LOCK = 0x0905_0E7A


# --- operators ------------------------------------------------------------------------------------


async def insert_operator(session: AsyncSession, operator: Operator) -> None:
    await _insert(session, operator)


async def get_operator(session: AsyncSession, operator_id: uuid.UUID) -> Operator | None:
    return await session.get(Operator, operator_id)


async def get_operator_for_update(session: AsyncSession, operator_id: uuid.UUID) -> Operator | None:
    result = await session.execute(select(Operator).where(Operator.id == operator_id).with_for_update())
    return result.scalar_one_or_none()


async def find_operator_by_email(session: AsyncSession, email: str) -> Operator | None:
    result = await session.execute(select(Operator).where(Operator.email == email))
    return result.scalar_one_or_none()


async def operator_email_taken(session: AsyncSession, email: str) -> bool:
    result = await session.execute(select(Operator.id).where(Operator.email == email))
    return result.first() is not None


async def list_operators(
    session: AsyncSession, *, role: str | None, status: str | None, limit: int, offset: int
) -> Sequence[Operator]:
    query = select(Operator)
    if role:
        query = query.where(Operator.role == role)
    if status:
        query = query.where(Operator.status == status)
    query = query.order_by(Operator.created_at.desc(), Operator.id).limit(limit).offset(offset)
    return (await session.execute(query)).scalars().all()


async def lock_operator_changes(session: AsyncSession) -> None:
    """Until the transaction ends, no other role or status change of any operator runs."""
    await session.execute(select(func.pg_advisory_xact_lock(_OPERATOR_CHANGES_LOCK)))


async def count_active_platform_admins(session: AsyncSession, *, excluding: uuid.UUID) -> int:
    result = await session.execute(
        select(func.count())
        .select_from(Operator)
        .where(Operator.role == "platform_admin", Operator.status == "active", Operator.id != excluding)
    )
    return int(result.scalar_one())


async def touch_last_login(session: AsyncSession, operator_id: uuid.UUID) -> None:
    await session.execute(update(Operator).where(Operator.id == operator_id).values(last_login_at=func.now()))


# --- invitations ----------------------------------------------------------------------------------


async def expire_stale_invitations(session: AsyncSession, email: str | None = None) -> int:
    """Pending invitations past their expiry become `expired` (frees the one-pending-per-email slot)."""
    query = update(OperatorInvitation).where(
        OperatorInvitation.status == "pending", OperatorInvitation.expires_at <= func.now()
    )
    if email is not None:
        query = query.where(OperatorInvitation.email == email)
    return _rowcount(await session.execute(query.values(status="expired")))


async def insert_invitation(session: AsyncSession, invitation: OperatorInvitation) -> None:
    await _insert(session, invitation)


async def get_invitation(session: AsyncSession, invitation_id: uuid.UUID) -> OperatorInvitation | None:
    return await session.get(OperatorInvitation, invitation_id)


async def list_invitations(
    session: AsyncSession, *, status: str | None, limit: int, offset: int
) -> Sequence[OperatorInvitation]:
    query = select(OperatorInvitation)
    if status:
        query = query.where(OperatorInvitation.status == status)
    query = query.order_by(OperatorInvitation.created_at.desc(), OperatorInvitation.id).limit(limit).offset(offset)
    return (await session.execute(query)).scalars().all()


async def find_invitation_by_token_hash(session: AsyncSession, token_hash: str) -> OperatorInvitation | None:
    result = await session.execute(select(OperatorInvitation).where(OperatorInvitation.token_hash == token_hash))
    return result.scalar_one_or_none()


async def claim_pending_invitation(
    session: AsyncSession, invitation_id: uuid.UUID, *, ip: str | None
) -> OperatorInvitation | None:
    """Single use: of any number of concurrent accepts, exactly one gets the row back."""
    result = await session.execute(
        update(OperatorInvitation)
        .where(
            OperatorInvitation.id == invitation_id,
            OperatorInvitation.status == "pending",
            OperatorInvitation.expires_at > func.now(),
        )
        .values(status="accepted", accepted_at=func.now(), accepted_by_ip=ip)
        .returning(OperatorInvitation)
    )
    return result.scalar_one_or_none()


async def mark_invitation_expired(session: AsyncSession, invitation_id: uuid.UUID) -> None:
    await session.execute(
        update(OperatorInvitation)
        .where(OperatorInvitation.id == invitation_id, OperatorInvitation.status == "pending")
        .values(status="expired")
    )


async def revoke_invitation(session: AsyncSession, invitation_id: uuid.UUID) -> OperatorInvitation | None:
    result = await session.execute(
        update(OperatorInvitation)
        .where(OperatorInvitation.id == invitation_id, OperatorInvitation.status == "pending")
        .values(status="revoked")
        .returning(OperatorInvitation)
    )
    return result.scalar_one_or_none()


async def revoke_pending_invitations_for(session: AsyncSession, email: str) -> Sequence[OperatorInvitation]:
    result = await session.execute(
        update(OperatorInvitation)
        .where(OperatorInvitation.email == email, OperatorInvitation.status == "pending")
        .values(status="revoked")
        .returning(OperatorInvitation)
    )
    return result.scalars().all()


# --- refresh tokens (sessions) --------------------------------------------------------------------


async def insert_refresh_token(session: AsyncSession, token: OperatorRefreshToken) -> None:
    session.add(token)
    await session.flush()


async def rotate_refresh_token(session: AsyncSession, token_hash: str) -> OperatorRefreshToken | None:
    """Marks an active, unexpired refresh token used; None when it is not (any more) usable."""
    result = await session.execute(
        update(OperatorRefreshToken)
        .where(
            OperatorRefreshToken.token_hash == token_hash,
            OperatorRefreshToken.status == "active",
            OperatorRefreshToken.expires_at > func.now(),
        )
        .values(status="rotated", used_at=func.now())
        .returning(OperatorRefreshToken)
    )
    return result.scalar_one_or_none()


async def find_refresh_token(session: AsyncSession, token_hash: str) -> OperatorRefreshToken | None:
    result = await session.execute(select(OperatorRefreshToken).where(OperatorRefreshToken.token_hash == token_hash))
    return result.scalar_one_or_none()


async def revoke_family(session: AsyncSession, family_id: uuid.UUID) -> int:
    result = await session.execute(
        update(OperatorRefreshToken)
        .where(OperatorRefreshToken.family_id == family_id, OperatorRefreshToken.status != "revoked")
        .values(status="revoked")
    )
    return _rowcount(result)


async def revoke_operator_sessions(session: AsyncSession, operator_id: uuid.UUID) -> int:
    result = await session.execute(
        update(OperatorRefreshToken)
        .where(OperatorRefreshToken.operator_id == operator_id, OperatorRefreshToken.status == "active")
        .values(status="revoked")
    )
    return _rowcount(result)


async def live_access_tokens(session: AsyncSession, operator_id: uuid.UUID) -> Sequence[tuple[str, datetime]]:
    """(jti, expiry) of the operator's access tokens that have not expired yet."""
    result = await session.execute(
        select(OperatorRefreshToken.access_token_id, OperatorRefreshToken.access_token_expires_at).where(
            OperatorRefreshToken.operator_id == operator_id,
            OperatorRefreshToken.access_token_id.is_not(None),
            OperatorRefreshToken.access_token_expires_at > func.now(),
        )
    )
    return [(jti, expires) for jti, expires in result.all() if jti is not None and expires is not None]


# --- self-service: password and authenticator ------------------------------------------------------


async def set_password_hash(session: AsyncSession, operator_id: uuid.UUID, password_hash: str) -> None:
    await session.execute(
        update(Operator).where(Operator.id == operator_id).values(password_hash=password_hash, updated_at=func.now())
    )


async def set_pending_totp(session: AsyncSession, operator_id: uuid.UUID, sealed_secret: str) -> None:
    await session.execute(
        update(Operator)
        .where(Operator.id == operator_id)
        .values(pending_totp_secret_enc=sealed_secret, updated_at=func.now())
    )


async def activate_pending_totp(session: AsyncSession, operator_id: uuid.UUID, sealed_secret: str) -> bool:
    """The pending authenticator replaces the current one, if it is still the one that was proved."""
    result = await session.execute(
        update(Operator)
        .where(Operator.id == operator_id, Operator.pending_totp_secret_enc == sealed_secret)
        .values(totp_secret_enc=sealed_secret, pending_totp_secret_enc=None, updated_at=func.now())
    )
    return _rowcount(result) == 1


# --- self-service: forgotten passwords --------------------------------------------------------------


async def insert_password_reset(session: AsyncSession, reset: OperatorPasswordReset) -> None:
    await _insert(session, reset)


async def withdraw_unused_password_resets(session: AsyncSession, operator_id: uuid.UUID) -> int:
    """Earlier links stop working: only the newest one (or none, after a reset) may be used."""
    result = await session.execute(
        update(OperatorPasswordReset)
        .where(OperatorPasswordReset.operator_id == operator_id, OperatorPasswordReset.used_at.is_(None))
        .values(used_at=func.now(), expires_at=func.least(OperatorPasswordReset.expires_at, func.now()))
    )
    return _rowcount(result)


async def use_password_reset(session: AsyncSession, token_hash: str) -> OperatorPasswordReset | None:
    """Spend a live link: one conditional UPDATE, so of concurrent uses exactly one wins."""
    result = await session.execute(
        update(OperatorPasswordReset)
        .where(
            OperatorPasswordReset.token_hash == token_hash,
            OperatorPasswordReset.used_at.is_(None),
            OperatorPasswordReset.expires_at > func.now(),
        )
        .values(used_at=func.now())
        .returning(OperatorPasswordReset)
    )
    return result.scalar_one_or_none()


async def find_password_reset(session: AsyncSession, token_hash: str) -> OperatorPasswordReset | None:
    result = await session.execute(select(OperatorPasswordReset).where(OperatorPasswordReset.token_hash == token_hash))
    return result.scalar_one_or_none()


# --- MFA recovery codes ---------------------------------------------------------------------------


async def replace_recovery_codes(session: AsyncSession, operator_id: uuid.UUID, code_hashes: list[str]) -> None:
    await session.execute(delete(OperatorRecoveryCode).where(OperatorRecoveryCode.operator_id == operator_id))
    if code_hashes:
        await session.execute(
            insert(OperatorRecoveryCode),
            [{"id": uuid.uuid4(), "operator_id": operator_id, "code_hash": h} for h in code_hashes],
        )


async def use_recovery_code(session: AsyncSession, operator_id: uuid.UUID, code_hashes: Sequence[str]) -> bool:
    """Consume one unused code stored under any of the forms it may have (`code_hashes`: each key version)."""
    unused = (
        select(OperatorRecoveryCode.id)
        .where(
            OperatorRecoveryCode.operator_id == operator_id,
            OperatorRecoveryCode.code_hash.in_(code_hashes),
            OperatorRecoveryCode.used_at.is_(None),
        )
        .limit(1)
        .scalar_subquery()
    )
    result = await session.execute(
        update(OperatorRecoveryCode)
        .where(OperatorRecoveryCode.id == unused, OperatorRecoveryCode.used_at.is_(None))
        .values(used_at=func.now())
    )
    return _rowcount(result) == 1


# --- the platform's figures (`/saas/stats`, identity's part) ---------------------------------------


async def tenants_by_status_and_environment(session: AsyncSession) -> list[tuple[str, str, int]]:
    rows = await session.execute(
        select(Tenant.status, Tenant.environment, func.count()).group_by(Tenant.status, Tenant.environment)
    )
    return [(status, environment, int(n)) for status, environment, n in rows]


async def active_administrators_by_role(session: AsyncSession, *, excluding_roles: Sequence[str]) -> dict[str, int]:
    """Active administrators of tenants that are not deleted, by role."""
    rows = await session.execute(
        select(Administrator.role, func.count())
        .join(Tenant, Tenant.id == Administrator.tenant_id)
        .where(
            Administrator.status == "active",
            Administrator.role.not_in(excluding_roles),
            Tenant.status != "deleted",
        )
        .group_by(Administrator.role)
    )
    return {role: int(n) for role, n in rows}


async def tenants_signed_in_since(session: AsyncSession, since: datetime) -> int:
    return int(
        await session.scalar(
            select(func.count(func.distinct(Administrator.tenant_id))).where(Administrator.last_login_at >= since)
        )
        or 0
    )


async def active_operators(session: AsyncSession, *, limit: int) -> Sequence[Operator]:
    """Up to `limit` active operators, the most recently signed-in first."""
    result = await session.execute(
        select(Operator)
        .where(Operator.status == "active")
        .order_by(Operator.last_login_at.desc().nulls_last(), Operator.created_at.desc())
        .limit(limit)
    )
    return result.scalars().all()
