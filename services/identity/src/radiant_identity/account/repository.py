"""The SQL of account self-service. Using a reset link is one conditional UPDATE: of two concurrent
uses exactly one wins."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from ..models import Administrator
from .models import PasswordReset


async def set_password_hash(session: AsyncSession, admin_id: uuid.UUID, password_hash: str) -> None:
    await session.execute(
        update(Administrator)
        .where(Administrator.id == admin_id)
        .values(password_hash=password_hash, updated_at=func.now())
    )


async def withdraw_unused_resets(session: AsyncSession, admin_id: uuid.UUID) -> None:
    """Only the newest link works: the earlier unused ones are spent."""
    await session.execute(
        update(PasswordReset)
        .where(PasswordReset.admin_id == admin_id, PasswordReset.used_at.is_(None))
        .values(used_at=func.now())
    )


async def insert_reset(session: AsyncSession, reset: PasswordReset) -> None:
    session.add(reset)
    await session.flush()


async def use_reset(session: AsyncSession, token_hash: str) -> PasswordReset | None:
    """The link, spent now — None unless it exists, is unused and has not expired."""
    result = await session.execute(
        update(PasswordReset)
        .where(
            PasswordReset.token_hash == token_hash,
            PasswordReset.used_at.is_(None),
            PasswordReset.expires_at > func.now(),
        )
        .values(used_at=func.now())
        .returning(PasswordReset)
    )
    return result.scalar_one_or_none()


async def find_reset(session: AsyncSession, token_hash: str) -> PasswordReset | None:
    return (
        await session.execute(select(PasswordReset).where(PasswordReset.token_hash == token_hash))
    ).scalar_one_or_none()
