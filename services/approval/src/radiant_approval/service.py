"""Business rules of the two-person approval workflow (seed 000 Part 3, DESIGN.md §3 flow 2).

Every state change and the events it causes (decision on `approval-decisions`, `audit.recorded`) are
written in the caller's transaction through the outbox. Decisions lock the request row
(`SELECT ... FOR UPDATE`) and close it with a conditional UPDATE, so concurrent reviewers yield
exactly one decision; reviews are unique per (request, reviewer).
"""

from __future__ import annotations

import logging
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any, get_args

from pydantic import ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.approvals import parse_approval_details
from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.audit import Actor
from radiant_contracts.fields import Environment
from radiant_contracts.permissions import PrincipalKind
from radiant_contracts.problem import dotted_path
from radiant_platform.approval_requests import ApprovalFiling
from radiant_platform.approvals import ApprovalRecord
from radiant_platform.audit import record_audit
from radiant_platform.auth import PLATFORM_TENANT, Principal
from radiant_platform.clients import Client, normalise_ip
from radiant_platform.context import RequestContext, current_trace_id
from radiant_platform.errors import Conflict, Forbidden, NotFound, ProblemError, invalid_fields, refusal_keeping_effects
from radiant_platform.outbox import enqueue_event
from radiant_platform.service_auth import ServiceCaller

from . import events, policy, repository
from .config import Settings
from .models import ApprovalRequest, ApprovalReview
from .schemas import (
    ApprovalDetail,
    ApprovalStatus,
    ApprovalSummary,
    CreateApproval,
    ExecutionOut,
    HistoryEntry,
    PersonRef,
    ProcessApproval,
    ProcessedApproval,
    ReviewOut,
)

log = logging.getLogger(__name__)

APPROVE_PERMISSION = "approvals:*"  # a tenant's approvers; operators decide with saas:write (policy)
SUPPORTED_ENVIRONMENTS = frozenset(get_args(Environment))
SCHEMA = "approval"


# --- create ---------------------------------------------------------------------------------------


def typed_details(approval_type: str, details: dict[str, Any]) -> dict[str, Any]:
    """`details` checked against the approval type's payload: a mismatch is a 422 naming each field
    (`details.user_id`). What passes is stored, shown to approvers and published exactly as the
    requester wrote it; the executor parses it with the same payload model, so what is approved is
    what is applied."""
    try:
        parse_approval_details(approval_type, details)
    except ValidationError as exc:
        raise invalid_fields(
            *((dotted_path(error["loc"]), error["msg"]) for error in exc.errors(include_url=False)),
            detail=f"The details are not a valid {approval_type} change",
        ) from None
    return details


async def create_request(
    session: AsyncSession, settings: Settings, ctx: RequestContext, body: CreateApproval
) -> ApprovalDetail:
    """An approval filed by the caller (the public API): only the types no service owns reach here —
    the schema refuses the others."""
    return await _create(session, settings, ctx, body, filed_by=None)


async def file_for_service(
    session: AsyncSession, settings: Settings, caller: ServiceCaller, filing: ApprovalFiling
) -> ApprovalDetail:
    """An approval filed by the service that owns its type, for the administrator whose request that
    service checked (their tenant, environment and identity come with it, from their verified token)."""
    by_operator = filing.requested_by.kind == "operator"
    refusal = policy.filing_refusal(filing.type, caller.service, by_operator=by_operator)
    if refusal is None and by_operator != (filing.tenant_id == PLATFORM_TENANT):
        # Operators' requests live in the platform's stream, and no tenant's request does.
        refusal = "operators file under the platform tenant, and only they do"
    if refusal is not None:
        raise Forbidden(refusal)
    return await _create(session, settings, _requester_context(filing), filing, filed_by=caller.service)


def _requester_context(filing: ApprovalFiling) -> RequestContext:
    """The requesting administrator (or operator) as this service would see them had they called it
    themselves."""
    requester = filing.requested_by
    principal = Principal(
        subject=requester.id,
        tenant_id=filing.tenant_id,
        role=requester.role,
        environment=filing.environment,
        amr=(),
        email=requester.email,
        name=requester.name,
        kind=PrincipalKind.OPERATOR if requester.kind == "operator" else PrincipalKind.TENANT,
    )
    client = Client(ip=normalise_ip(filing.client.ip), user_agent=filing.client.user_agent)
    return RequestContext(principal=principal, client=client, service=events.SERVICE, trace_id=current_trace_id())


async def _create(
    session: AsyncSession,
    settings: Settings,
    ctx: RequestContext,
    body: CreateApproval | ApprovalFiling,
    *,
    filed_by: str | None,
) -> ApprovalDetail:
    environment = ctx.environment
    if environment not in SUPPORTED_ENVIRONMENTS:
        raise ProblemError(400, f"Approvals are not available in the '{environment}' environment")
    details = typed_details(body.type, body.details)
    required = policy.required_approvals(
        body.type, environment, settings.required_approvals, settings.default_required_approvals
    )
    request = await repository.add_request(
        session,
        ApprovalRequest(
            id=uuid.uuid4(),
            tenant_id=ctx.tenant_id,
            app_id=None,
            type=body.type,
            environment=environment,
            requested_by=ctx.subject,
            requested_by_name=ctx.principal.name,
            requested_by_email=ctx.principal.email,
            expires_at=datetime.now(UTC) + timedelta(hours=body.expires_in_hours),
            status="pending",
            action=body.action,
            resource_type=body.resource_type,
            resource_id=body.resource_id,
            details=details,
            priority=body.priority,
            notes=body.notes,
            required_approvals=required,
            requires_two_person=policy.requires_two_person(
                environment, settings.two_person_environments, required, by_operator=ctx.principal.is_operator
            ),
            filed_by_service=filed_by,
        ),
    )
    await enqueue_event(session, events.requested(request))
    await _audit(
        session,
        ctx,
        "approval.create",
        request,
        {
            "requires_two_person": request.requires_two_person,
            "required_approvals": required,
            "priority": request.priority,
            "expires_at": request.expires_at.isoformat(),
            "filed_by_service": filed_by,
        },
    )
    return _detail(request, [], ctx, past_expiry=False)


# --- read -----------------------------------------------------------------------------------------


async def list_requests(
    session: AsyncSession,
    ctx: RequestContext,
    *,
    status: ApprovalStatus | None,
    pending_for_me: bool,
    limit: int,
    offset: int,
) -> list[ApprovalSummary]:
    """Newest first, `limit` of them from `offset` (the edge asks for one more to know of a next page)."""
    rows = await repository.list_requests(
        session,
        tenant_id=ctx.tenant_id,
        caller_id=ctx.subject,
        status=status,
        pending_for_caller=pending_for_me,
        limit=limit,
        offset=offset,
    )
    return [
        _summary(
            r.request,
            ctx,
            past_expiry=r.past_expiry,
            approvals=r.approvals_received,
            reviewed_by_caller=r.reviewed_by_caller,
        )
        for r in rows
    ]


async def get_request(session: AsyncSession, ctx: RequestContext, approval_id: uuid.UUID) -> ApprovalDetail:
    found = await repository.get_request(session, ctx.tenant_id, approval_id)
    if found is None:
        raise NotFound("Approval request")
    request, past_expiry = found
    return _detail(request, await repository.list_reviews(session, request.id), ctx, past_expiry=past_expiry)


# --- process (approve / reject) ---------------------------------------------------------------------


async def process(
    session: AsyncSession, ctx: RequestContext, approval_id: uuid.UUID, body: ProcessApproval
) -> ProcessedApproval:
    reason = (body.reason or "").strip() or None
    if body.action == "reject" and reason is None:
        raise invalid_fields(
            ("reason", "Required when action is 'reject'"), detail="A reason is required to reject a request"
        )
    request = await _lock_pending(session, ctx, approval_id, verb="process")
    if request.requires_two_person and request.requested_by == ctx.subject:
        await _audit(
            session,
            ctx,
            f"approval.{body.action}",
            request,
            {"reason": "requester cannot decide their own request under the two-person rule"},
            outcome="denied",
        )
        other = "operator" if ctx.principal.is_operator else "administrator"
        raise refusal_keeping_effects(
            ProblemError(
                403,
                f"You cannot approve or reject your own request: this change requires approval from a "
                f"different {other}.",
            )
        )
    recorded = await repository.add_review(
        session,
        approval_id=request.id,
        tenant_id=request.tenant_id,
        reviewer_id=ctx.subject,
        reviewer_name=ctx.display_name,
        decision=body.action,
        reason=reason,
    )
    if not recorded:
        raise Conflict("You have already reviewed this approval request", approvalStatus=request.status)
    if body.action == "reject":
        return await _reject(session, ctx, request, reason)
    return await _approve(session, ctx, request, reason)


async def _reject(
    session: AsyncSession, ctx: RequestContext, request: ApprovalRequest, reason: str | None
) -> ProcessedApproval:
    """One rejection closes the request, whatever the number of approvals it needed."""
    approvals = await repository.count_approvals(session, request.id)
    closed = await _close(session, request, status="rejected", ctx=ctx, reason=reason)
    await enqueue_event(session, events.decided(closed, _decided_at(closed)))
    await _audit(session, ctx, "approval.reject", closed, {"reason": reason})
    return _processed(closed, ctx, "reject", reason, approvals)


async def _approve(
    session: AsyncSession, ctx: RequestContext, request: ApprovalRequest, reason: str | None
) -> ProcessedApproval:
    # The requester never counts towards a two-person threshold (they cannot review it anyway).
    counted = await repository.count_approvals(
        session, request.id, excluding=request.requested_by if request.requires_two_person else None
    )
    progress = {"approvals_received": counted, "required_approvals": request.required_approvals}
    if counted < request.required_approvals:
        await _audit(session, ctx, "approval.approve", request, {**progress, "final": False, "reason": reason})
        return _processed(request, ctx, "approve", reason, counted)
    closed = await _close(
        session,
        request,
        status="approved",
        ctx=ctx,
        reason=reason,
        execution_status=policy.initial_execution_status(request.type),
        execution_service=policy.EXECUTING_SERVICE.get(request.type),
    )
    await enqueue_event(session, events.decided(closed, _decided_at(closed)))
    await _audit(session, ctx, "approval.approve", closed, {**progress, "final": True, "reason": reason})
    return _processed(closed, ctx, "approve", reason, counted)


async def _close(
    session: AsyncSession,
    request: ApprovalRequest,
    *,
    status: str,
    ctx: RequestContext,
    reason: str | None,
    **execution: Any,
) -> ApprovalRequest:
    closed = await repository.close_pending(
        session,
        request.id,
        status=status,
        decided_by=ctx.subject,
        decided_by_name=ctx.display_name,
        reason=reason,
        **execution,
    )
    if closed is None:  # cannot happen while we hold the row lock; refuse rather than double-decide
        raise Conflict("This approval request was decided concurrently", approvalStatus=request.status)
    return closed


def _decided_at(request: ApprovalRequest) -> datetime:
    """When a closed request was decided (set by the closing UPDATE)."""
    if request.decided_at is None:
        raise RuntimeError(f"approval request {request.id} is closed but has no decision time")
    return request.decided_at


# --- cancel ---------------------------------------------------------------------------------------


async def cancel(session: AsyncSession, ctx: RequestContext, approval_id: uuid.UUID) -> ApprovalDetail:
    """Withdraw a pending request: its requester, or a super_admin (operators: a platform_admin)."""
    found = await repository.get_request(session, ctx.tenant_id, approval_id, for_update=True)
    if found is None:
        raise NotFound("Approval request")
    overseer = "platform_admin" if ctx.principal.is_operator else "super_admin"
    if found[0].requested_by != ctx.subject and ctx.role != overseer:
        raise Forbidden(f"Only the requester or a {overseer.replace('_', ' ')} can cancel this request")
    request = await _lock_pending(session, ctx, approval_id, verb="cancel")
    closed = await _close(session, request, status="cancelled", ctx=ctx, reason=None)
    await enqueue_event(session, events.decided(closed, _decided_at(closed)))
    await _audit(session, ctx, "approval.cancel", closed)
    return _detail(closed, await repository.list_reviews(session, closed.id), ctx, past_expiry=False)


async def _lock_pending(
    session: AsyncSession, ctx: RequestContext, approval_id: uuid.UUID, *, verb: str
) -> ApprovalRequest:
    """Lock the caller's tenant's request; refuse unless it is still pending and not past its expiry.
    A request found past its expiry is expired on the spot (and that is committed)."""
    found = await repository.get_request(session, ctx.tenant_id, approval_id, for_update=True)
    if found is None:
        raise NotFound("Approval request")
    request, past_expiry = found
    if request.status == "pending" and past_expiry:
        expired = await repository.expire_if_overdue(session, request.id)
        if expired is not None:
            await _publish_expiry(session, expired)
        raise refusal_keeping_effects(ProblemError(409, "This approval request has expired", approvalStatus="expired"))
    if request.status != "pending":
        raise Conflict(f"Cannot {verb} {request.status} approval request", approvalStatus=request.status)
    return request


# --- expiry ---------------------------------------------------------------------------------------


async def expire_overdue(session: AsyncSession, batch: int) -> int:
    """Expire pending requests past their expiry (the periodic sweep); returns how many."""
    expired = await repository.expire_overdue(session, batch)
    for request in expired:
        await _publish_expiry(session, request)
    return len(expired)


async def _publish_expiry(session: AsyncSession, request: ApprovalRequest) -> None:
    await enqueue_event(session, events.expired(request))
    for audited in _streams(request, {"expires_at": request.expires_at.isoformat()}):
        await record_audit(
            session, service=events.SERVICE, actor=events.SYSTEM_ACTOR, action="approval.expire", **audited
        )


# --- execution results ----------------------------------------------------------------------------


async def record_execution(
    session: AsyncSession, tenant_id: str, payload: ApprovalExecuted | ApprovalExecutionFailed
) -> bool:
    """Show the owning service's answer on the approval; False if there is no approved request to
    attach it to (unknown id, another tenant's, not approved, or already executed)."""
    try:
        approval_id = uuid.UUID(payload.approval_id)
    except ValueError:
        log.warning("execution result for a non-UUID approval id %r ignored", payload.approval_id)
        return False
    error = payload.reason if isinstance(payload, ApprovalExecutionFailed) else None
    request = await repository.record_execution(
        session,
        tenant_id=tenant_id,
        approval_id=approval_id,
        status="executed" if error is None else "failed",
        service=payload.executed_by_service,
        result=payload.result,
        error=error,
    )
    if request is None:
        log.warning("execution result for approval %s ignored: no approved request awaiting it", approval_id)
        return False
    executor = Actor(type="service", id=payload.executed_by_service, name=f"radiant-{payload.executed_by_service}")
    outcome = {
        "execution_status": request.execution_status,
        "result": payload.result,
        **({} if error is None else {"error": error}),
    }
    for audited in _streams(request, outcome):
        await record_audit(
            session,
            service=events.SERVICE,
            actor=executor,
            action="approval.execute",
            outcome="success" if error is None else "failure",
            **audited,
        )
    return True


# --- a deleted tenant ------------------------------------------------------------------------------


# --- audit ----------------------------------------------------------------------------------------


def _streams(request: ApprovalRequest, details: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Where an event about this request is recorded: its own stream, and for an operator's request
    about a tenant (a tenant deletion) also that tenant's log, which its administrators read."""
    audited = events.audited(request, details)
    concerned = policy.concerned_tenant(request.tenant_id, request.resource_type, request.resource_id, PLATFORM_TENANT)
    if concerned is None:
        return [audited]
    return [audited, {**audited, "tenant_id": concerned}]


async def _audit(
    session: AsyncSession,
    ctx: RequestContext,
    action: str,
    request: ApprovalRequest,
    details: dict[str, Any] | None = None,
    *,
    outcome: str = "success",
) -> None:
    for audited in _streams(request, details):
        await ctx.audit(session, action, outcome=outcome, **audited)


# --- views ----------------------------------------------------------------------------------------


async def decision_record(session: AsyncSession, tenant_id: str, approval_id: uuid.UUID) -> ApprovalRecord:
    """What this service decided about one request, as an executor confirms it before acting.
    Another tenant's request, or none, is a 404."""
    found = await repository.get_request(session, tenant_id, approval_id)
    if found is None:
        raise NotFound("Approval request")
    request, past_expiry = found
    return ApprovalRecord(
        id=str(request.id),
        tenant_id=request.tenant_id,
        type=request.type,
        status=_effective_status(request, past_expiry),
        action=request.action,
        resource_type=request.resource_type,
        resource_id=request.resource_id,
        details=request.details or {},
        requested_by=request.requested_by,
        environment=request.environment,
        decided_by=request.decided_by,
        decided_at=request.decided_at,
    )


def _effective_status(request: ApprovalRequest, past_expiry: bool) -> str:
    return "expired" if request.status == "pending" and past_expiry else request.status


def _requester(request: ApprovalRequest) -> PersonRef:
    return PersonRef(id=request.requested_by, name=request.requested_by_name, email=request.requested_by_email)


def _can_approve(request: ApprovalRequest, ctx: RequestContext, *, past_expiry: bool, reviewed_by_caller: bool) -> bool:
    return policy.can_decide(
        status=request.status,
        expired=past_expiry,
        has_approve_permission=ctx.can(policy.approve_permission(ctx.principal.kind)),
        is_requester=request.requested_by == ctx.subject,
        two_person=request.requires_two_person,
        already_reviewed=reviewed_by_caller,
    )


def _summary_fields(
    request: ApprovalRequest, ctx: RequestContext, *, past_expiry: bool, approvals: int, reviewed_by_caller: bool
) -> dict[str, Any]:
    return dict(
        id=request.id,
        type=request.type,
        status=_effective_status(request, past_expiry),
        environment=request.environment,
        action=request.action,
        resource_type=request.resource_type,
        resource_id=request.resource_id,
        priority=request.priority,
        requested_by=_requester(request),
        requested_at=request.requested_at,
        expires_at=request.expires_at,
        requires_two_person_approval=request.requires_two_person,
        required_approvals=request.required_approvals,
        approvals_received=approvals,
        execution_status=request.execution_status,
        can_approve=_can_approve(request, ctx, past_expiry=past_expiry, reviewed_by_caller=reviewed_by_caller),
    )


def _summary(request: ApprovalRequest, ctx: RequestContext, **kw: Any) -> ApprovalSummary:
    return ApprovalSummary(**_summary_fields(request, ctx, **kw))


def _detail(
    request: ApprovalRequest, reviews: list[ApprovalReview], ctx: RequestContext, *, past_expiry: bool
) -> ApprovalDetail:
    approvals = sum(1 for r in reviews if r.decision == "approve")
    reviewed = any(r.reviewer_id == ctx.subject for r in reviews)
    decider = PersonRef(id=request.decided_by, name=request.decided_by_name) if request.decided_by else None
    return ApprovalDetail(
        **_summary_fields(request, ctx, past_expiry=past_expiry, approvals=approvals, reviewed_by_caller=reviewed),
        app_id=request.app_id,
        details=request.details or {},
        filed_by_service=request.filed_by_service,
        notes=request.notes,
        approved_by=request.decided_by if request.status == "approved" else None,
        approved_by_name=request.decided_by_name if request.status == "approved" else None,
        approved_at=request.decided_at if request.status == "approved" else None,
        rejected_reason=request.decision_reason if request.status == "rejected" else None,
        decided_by=decider,
        decided_at=request.decided_at,
        reviews=[
            ReviewOut(
                reviewer=PersonRef(id=r.reviewer_id, name=r.reviewer_name),
                decision=r.decision,
                reason=r.reason,
                at=r.created_at,
            )
            for r in reviews
        ],
        execution=_execution(request),
        history=_history(request, reviews),
    )


def _execution(request: ApprovalRequest) -> ExecutionOut | None:
    if request.execution_status is None:
        return None
    note = None
    if request.execution_status == "external":
        note = "No platform service applies this type; the decision is for an external deployer."
    elif request.execution_status == "pending":
        note = f"Waiting for {request.execution_service or 'the owning service'} to apply the change."
    return ExecutionOut(
        status=request.execution_status,
        service=request.execution_service,
        result=request.execution_result,
        error=request.execution_error,
        at=request.executed_at,
        note=note,
    )


def _history(request: ApprovalRequest, reviews: list[ApprovalReview]) -> list[HistoryEntry]:
    entries = [HistoryEntry(at=request.requested_at, event="requested", actor=_requester(request))]
    entries += [
        HistoryEntry(
            at=r.created_at,
            event="approved" if r.decision == "approve" else "rejected",
            actor=PersonRef(id=r.reviewer_id, name=r.reviewer_name),
            reason=r.reason,
        )
        for r in reviews
    ]
    if request.status in ("cancelled", "expired") and request.decided_at is not None:
        actor = PersonRef(id=request.decided_by, name=request.decided_by_name) if request.decided_by else None
        entries.append(HistoryEntry(at=request.decided_at, event=request.status, actor=actor))
    if request.execution_status in ("executed", "failed") and request.executed_at is not None:
        entries.append(
            HistoryEntry(
                at=request.executed_at,
                event="executed" if request.execution_status == "executed" else "execution_failed",
                actor=PersonRef(id=request.execution_service or "unknown"),
                reason=request.execution_error,
            )
        )
    return sorted(entries, key=lambda e: e.at)


def _processed(
    request: ApprovalRequest, ctx: RequestContext, decision: str, reason: str | None, approvals: int
) -> ProcessedApproval:
    return ProcessedApproval(
        id=request.id,
        status=request.status,
        processed_by=ctx.subject,
        processed_at=request.decided_at or datetime.now(UTC),
        decision=decision,
        reason=reason,
        required_approvals=request.required_approvals,
        approvals_received=approvals,
    )
