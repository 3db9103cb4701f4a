"""All SQL of the approval service. Functions take the edge's session and never commit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Exists, ScalarSelect, and_, exists, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import ApprovalRequest, ApprovalReview

_EXPIRED = ApprovalRequest.expires_at <= func.now()


@dataclass(frozen=True, slots=True)
class ListedRequest:
    request: ApprovalRequest
    past_expiry: bool
    approvals_received: int
    reviewed_by_caller: bool


def _approvals_count() -> ScalarSelect[int]:
    return (
        select(func.count())
        .where(ApprovalReview.approval_id == ApprovalRequest.id, ApprovalReview.decision == "approve")
        .correlate(ApprovalRequest)
        .scalar_subquery()
    )


def _reviewed_by(reviewer_id: str) -> Exists:
    return exists().where(ApprovalReview.approval_id == ApprovalRequest.id, ApprovalReview.reviewer_id == reviewer_id)


async def add_request(session: AsyncSession, request: ApprovalRequest) -> ApprovalRequest:
    session.add(request)
    await session.flush()
    await session.refresh(request)  # server defaults (requested_at, created_at)
    return request


async def get_request(
    session: AsyncSession, tenant_id: str, approval_id: uuid.UUID, *, for_update: bool = False
) -> tuple[ApprovalRequest, bool] | None:
    """The request and whether it is past its expiry (by the database clock); None if not this tenant's.

    `for_update` locks the row, so concurrent decisions on one request are serialised.
    """
    stmt = (
        select(ApprovalRequest, _EXPIRED.label("past_expiry"))
        .where(ApprovalRequest.id == approval_id, ApprovalRequest.tenant_id == tenant_id)
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update(of=ApprovalRequest)
    row = (await session.execute(stmt)).first()
    return None if row is None else (row[0], bool(row[1]))


async def list_reviews(session: AsyncSession, approval_id: uuid.UUID) -> list[ApprovalReview]:
    rows = await session.scalars(
        select(ApprovalReview).where(ApprovalReview.approval_id == approval_id).order_by(ApprovalReview.id)
    )
    return list(rows)


async def list_requests(
    session: AsyncSession,
    *,
    tenant_id: str,
    caller_id: str,
    status: str | None,
    pending_for_caller: bool,
    limit: int,
    offset: int,
) -> list[ListedRequest]:
    """Newest first. `status` is the effective status: a pending request past its expiry is `expired`
    even before the sweep has stored it. Fetches `limit` rows; callers ask for one more to see if there
    are further pages."""
    stmt = select(
        ApprovalRequest,
        _EXPIRED.label("past_expiry"),
        _approvals_count().label("approvals"),
        _reviewed_by(caller_id).label("reviewed"),
    ).where(ApprovalRequest.tenant_id == tenant_id)
    if status == "pending":
        stmt = stmt.where(ApprovalRequest.status == "pending", ~_EXPIRED)
    elif status == "expired":
        stmt = stmt.where(or_(ApprovalRequest.status == "expired", and_(ApprovalRequest.status == "pending", _EXPIRED)))
    elif status is not None:
        stmt = stmt.where(ApprovalRequest.status == status)
    if pending_for_caller:
        stmt = stmt.where(
            ApprovalRequest.status == "pending",
            ~_EXPIRED,
            ApprovalRequest.requested_by != caller_id,
            ~_reviewed_by(caller_id),
        )
    stmt = stmt.order_by(ApprovalRequest.created_at.desc(), ApprovalRequest.id.desc()).limit(limit).offset(offset)
    rows = (await session.execute(stmt)).all()
    return [ListedRequest(r[0], bool(r[1]), int(r[2]), bool(r[3])) for r in rows]


async def add_review(
    session: AsyncSession,
    *,
    approval_id: uuid.UUID,
    tenant_id: str,
    reviewer_id: str,
    reviewer_name: str | None,
    decision: str,
    reason: str | None,
) -> bool:
    """Record one reviewer's decision; False if this reviewer already reviewed the request."""
    stmt = (
        insert(ApprovalReview)
        .values(
            approval_id=approval_id,
            tenant_id=tenant_id,
            reviewer_id=reviewer_id,
            reviewer_name=reviewer_name,
            decision=decision,
            reason=reason,
        )
        .on_conflict_do_nothing(constraint="uq_approval_reviews_approval_reviewer")
        .returning(ApprovalReview.id)
    )
    return (await session.execute(stmt)).scalar_one_or_none() is not None


async def count_approvals(session: AsyncSession, approval_id: uuid.UUID, *, excluding: str | None = None) -> int:
    stmt = select(func.count()).where(ApprovalReview.approval_id == approval_id, ApprovalReview.decision == "approve")
    if excluding is not None:
        stmt = stmt.where(ApprovalReview.reviewer_id != excluding)
    return int(await session.scalar(stmt) or 0)


async def _conditional_update(
    session: AsyncSession, approval_id: uuid.UUID, where: list[Any], values: dict[str, Any]
) -> ApprovalRequest | None:
    stmt = (
        update(ApprovalRequest)
        .where(ApprovalRequest.id == approval_id, *where)
        .values(**values, updated_at=func.now())
        .returning(ApprovalRequest)
        .execution_options(synchronize_session=False, populate_existing=True)
    )
    return (await session.scalars(stmt)).one_or_none()


async def close_pending(
    session: AsyncSession,
    approval_id: uuid.UUID,
    *,
    status: str,
    decided_by: str | None,
    decided_by_name: str | None,
    reason: str | None,
    execution_status: str | None = None,
    execution_service: str | None = None,
) -> ApprovalRequest | None:
    """Move a still-pending request to its final status; None when someone else got there first."""
    return await _conditional_update(
        session,
        approval_id,
        [ApprovalRequest.status == "pending"],
        {
            "status": status,
            "decided_by": decided_by,
            "decided_by_name": decided_by_name,
            "decided_at": func.now(),
            "decision_reason": reason,
            "execution_status": execution_status,
            "execution_service": execution_service,
        },
    )


async def expire_if_overdue(session: AsyncSession, approval_id: uuid.UUID) -> ApprovalRequest | None:
    return await _conditional_update(
        session,
        approval_id,
        [ApprovalRequest.status == "pending", _EXPIRED],
        {"status": "expired", "decided_at": func.now()},
    )


async def expire_overdue(session: AsyncSession, limit: int) -> list[ApprovalRequest]:
    """Expire up to `limit` overdue pending requests; rows being decided right now are skipped."""
    overdue = (
        select(ApprovalRequest.id)
        .where(ApprovalRequest.status == "pending", _EXPIRED)
        .order_by(ApprovalRequest.expires_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    stmt = (
        update(ApprovalRequest)
        .where(ApprovalRequest.id.in_(overdue.scalar_subquery()), ApprovalRequest.status == "pending")
        .values(status="expired", decided_at=func.now(), updated_at=func.now())
        .returning(ApprovalRequest)
        .execution_options(synchronize_session=False)
    )
    return list(await session.scalars(stmt))


async def record_execution(
    session: AsyncSession,
    *,
    tenant_id: str,
    approval_id: uuid.UUID,
    status: str,
    service: str,
    result: dict[str, Any],
    error: str | None,
) -> ApprovalRequest | None:
    """Store the owning service's answer on an approved request. Once `executed`, a later failure
    report (e.g. a stale retry) does not overwrite it."""
    return await _conditional_update(
        session,
        approval_id,
        [
            ApprovalRequest.tenant_id == tenant_id,
            ApprovalRequest.status == "approved",
            ApprovalRequest.execution_status.is_distinct_from("executed"),
        ],
        {
            "execution_status": status,
            "execution_service": service,
            "execution_result": result,
            "execution_error": error,
            "executed_at": func.now(),
        },
    )
