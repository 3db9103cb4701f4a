"""Operators told of a platform approval waiting for them: an operator filed a change that needs a
second one (a prod tenant's deletion, metering's registry changes — `approval.requested` under the
platform tenant), and every other active operator who may decide it (holds saas:write) is emailed.

Operators have no in-app notifications (those belong to tenant administrators), so email is the
channel. A redelivered event mails nobody twice: the consumer drops events it already processed, in
the same transaction as the emails it queued."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.approval import ApprovalRequested
from radiant_contracts.permissions import has_platform_permission

from .. import repository as identity_repo
from ..deps import IdentityDeps
from . import repository as repo
from .emails import platform_approval_email
from .models import Operator

log = logging.getLogger(__name__)

#: A platform's staff is a handful of people; past this many, the most recently signed-in are told
#: (and a warning logged), so one request never queues an unbounded fan-out of emails.
MAX_NOTIFIED_OPERATORS = 50
#: What deciding a platform approval takes (the approval service's `/saas/approvals/{id}/approve`).
DECIDE_PERMISSION = "saas:write"


def eligible_deciders(operators: Sequence[Operator], requested_by: str) -> list[Operator]:
    """Active operators other than the requester who may decide: the requester never approves their own."""
    return [
        o
        for o in operators
        if str(o.id) != requested_by and o.status == "active" and has_platform_permission(o.role, DECIDE_PERMISSION)
    ]


async def notify_operators_of_request(session: AsyncSession, deps: IdentityDeps, data: ApprovalRequested) -> int:
    """Queue one email per eligible operator; returns how many."""
    operators = await repo.active_operators(session, limit=MAX_NOTIFIED_OPERATORS + 1)
    if len(operators) > MAX_NOTIFIED_OPERATORS:
        log.warning(
            "more than %d active operators: approval %s told to the most recent",
            MAX_NOTIFIED_OPERATORS,
            data.approval_id,
        )
        operators = operators[:MAX_NOTIFIED_OPERATORS]
    requester = data.requested_by_name or _name_of(operators, data.requested_by) or "An operator"
    settings = deps.settings
    deciders = eligible_deciders(operators, data.requested_by)
    for operator in deciders:
        content = platform_approval_email(
            decider_name=operator.name,
            requester_name=requester,
            app_name=settings.app_name,
            approval_id=data.approval_id,
            action=data.action,
            resource_type=data.resource_type,
            resource_id=data.resource_id or "",
            console_url=settings.console_url,
        )
        await identity_repo.enqueue_email(
            session, to=operator.email, subject=content.subject, html=content.html, text_body=content.text
        )
    return len(deciders)


def _name_of(operators: Sequence[Operator], operator_id: str) -> str | None:
    return next((o.name for o in operators if str(o.id) == operator_id), None)
