"""Carrying out an approved change: the one way a service answers `approval.approved`.

The owning service parses the approval's typed payload (one model per approval type, in
`radiant_contracts.approvals`), applies it inside a savepoint so a failure leaves nothing half
applied, and answers on `approval-decisions` with `approval.executed` (and what changed) or
`approval.execution_failed` (and why) — in the same transaction as the change, through the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event, service_source
from radiant_contracts.approvals import parse_approval_details
from radiant_contracts.events.approval import ApprovalApproved, ApprovalExecuted, ApprovalExecutionFailed

from .errors import ProblemError
from .outbox import enqueue_event

log = logging.getLogger(__name__)

P = TypeVar("P", bound=BaseModel)
MAX_REASON = 1000

#: Applies one approved change and returns what changed (the `result` of `approval.executed`).
ApplyApproved = Callable[[AsyncSession, ApprovalApproved, Any], Awaitable[dict[str, Any]]]


class CannotExecute(Exception):
    """The approved change cannot be applied (its target is gone, a rule no longer holds)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def failure_reason(exc: Exception) -> str:
    """A reason an approver can read, from whatever refused the change."""
    if isinstance(exc, ProblemError):
        errors = exc.extensions.get("errors") or []
        fields = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return (f"{exc.detail}: {fields}" if fields else str(exc.detail or exc.title))[:MAX_REASON]
    if isinstance(exc, ValidationError):
        fields = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False))
        return f"invalid details: {fields}"[:MAX_REASON]
    return str(exc)[:MAX_REASON]


async def answer_approval(
    session: AsyncSession,
    *,
    service: str,
    tenant_id: str,
    approved: ApprovalApproved,
    result: dict[str, Any] | None = None,
    failure: str | None = None,
) -> None:
    """Publish `approval.executed` (no failure) or `approval.execution_failed` (with the reason)."""
    payload: ApprovalExecuted | ApprovalExecutionFailed
    if failure is None:
        payload = ApprovalExecuted(
            approval_id=approved.approval_id,
            approval_type=approved.approval_type,
            executed_by_service=service,
            result=result or {},
        )
    else:
        payload = ApprovalExecutionFailed(
            approval_id=approved.approval_id,
            approval_type=approved.approval_type,
            executed_by_service=service,
            reason=failure[:MAX_REASON],
        )
    await enqueue_event(session, make_event(payload, tenant_id=tenant_id, source=service_source(service)))


async def execute_approval(
    session: AsyncSession,
    *,
    service: str,
    tenant_id: str,
    approved: ApprovalApproved,
    apply: ApplyApproved,
) -> str | None:
    """Parse the approval's typed details, apply them, answer. Returns the failure reason, or None.

    `apply(session, approved, details)` raises `CannotExecute`, a `ProblemError` or a pydantic
    `ValidationError` to refuse; anything else is a bug or an outage and propagates (the consumer
    retries the batch or dead-letters the event), so no answer is sent for it.
    """
    try:
        details = parse_approval_details(approved.approval_type, approved.details)
        async with session.begin_nested():
            result = await apply(session, approved, details)
    except (CannotExecute, ProblemError, ValidationError) as exc:
        reason = failure_reason(exc)
        log.warning("approval %s (%s) not applied: %s", approved.approval_id, approved.approval_type, reason)
        await answer_approval(session, service=service, tenant_id=tenant_id, approved=approved, failure=reason)
        return reason
    await answer_approval(session, service=service, tenant_id=tenant_id, approved=approved, result=result)
    return None
