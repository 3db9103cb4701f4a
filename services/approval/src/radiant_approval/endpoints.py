"""HTTP API under /api/v2/admin/approvals (seed 000 Admin Routes), and the internal route on which the
owning services file their approvals; thin: parse, call the service, answer."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status

from radiant_platform.app import DbSession
from radiant_platform.approval_requests import INTERNAL_APPROVALS_PATH, ApprovalFiling
from radiant_platform.approvals import EXECUTORS, INTERNAL_RECORD_PATH, ApprovalRecord
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import NotFound
from radiant_platform.mfa import STEP_UP_MAX_AGE
from radiant_platform.pagination import PageParams
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import policy, service
from .deps import Deps
from .schemas import (
    ApprovalEnvelope,
    ApprovalList,
    ApprovalStatus,
    ApproveRequest,
    CancelResult,
    CreateApproval,
    ProcessApproval,
    ProcessResult,
    RejectRequest,
)

router = APIRouter(prefix="/api/v2/admin/approvals", tags=["approvals"])
# Platform operators' requests (the registry's changes, tenant deletions), in the platform's stream.
saas = APIRouter(prefix="/api/v2/saas/approvals", tags=["saas: approvals"])
# Service to service, not routed by the gateway: the owning services file their change types here.
internal = APIRouter(tags=["internal"])

Initiator = Annotated[RequestContext, require("approvals:initiate")]
FilingService = Annotated[ServiceCaller, require_service(*sorted(policy.FILING_SERVICES))]
Reader = Annotated[RequestContext, require("approvals:read")]
# In prod a decision wants a second factor proved in the last minutes (step-up), not only at sign-in.
Decider = Annotated[RequestContext, require(service.APPROVE_PERMISSION, fresh_mfa_within=STEP_UP_MAX_AGE)]


async def _approval_id(approval_id: str) -> uuid.UUID:
    """A malformed id names no request of this tenant: 404, like another tenant's id."""
    try:
        return uuid.UUID(approval_id)
    except ValueError:
        raise NotFound("Approval request") from None


ApprovalId = Annotated[uuid.UUID, Depends(_approval_id)]


@router.post(
    "", status_code=status.HTTP_201_CREATED, response_model=ApprovalEnvelope, summary="Create approval request"
)
async def create_approval(body: CreateApproval, session: DbSession, ctx: Initiator, deps: Deps) -> ApprovalEnvelope:
    return ApprovalEnvelope(approval=await service.create_request(session, deps.settings, ctx, body))


@router.get("", response_model=ApprovalList, summary="List approvals")
async def list_approvals(
    session: DbSession,
    ctx: Reader,
    page: PageParams,
    status_: Annotated[ApprovalStatus | None, Query(alias="status")] = None,
    pending_for_me: Annotated[bool, Query(alias="pendingForMe")] = False,
) -> ApprovalList:
    rows = await service.list_requests(
        session, ctx, status=status_, pending_for_me=pending_for_me, limit=page.fetch_limit, offset=page.offset
    )
    approvals, pagination = page.cut(rows)
    return ApprovalList(approvals=approvals, pagination=pagination)


@router.get("/{approval_id}", response_model=ApprovalEnvelope, summary="Get approval")
async def get_approval(approval_id: ApprovalId, session: DbSession, ctx: Reader) -> ApprovalEnvelope:
    return ApprovalEnvelope(approval=await service.get_request(session, ctx, approval_id))


@router.post(
    "/{approval_id}/process",
    response_model=ProcessResult,
    summary="Approve or reject",
    responses={
        403: {
            "description": "Not an eligible approver, or (prod) no second factor proved in the last 10 minutes: "
            "`stepUpRequired`, step up at POST /api/v2/auth/step-up and repeat"
        },
        409: {"description": "Not pending (decided, cancelled, expired) or already reviewed"},
    },
)
async def process_approval(
    approval_id: ApprovalId, body: ProcessApproval, session: DbSession, ctx: Decider
) -> ProcessResult:
    return ProcessResult(approval=await service.process(session, ctx, approval_id, body))


@router.delete(
    "/{approval_id}",
    response_model=CancelResult,
    summary="Cancel approval",
    responses={409: {"description": "Not pending (decided, cancelled or expired)"}},
)
async def cancel_approval(approval_id: ApprovalId, session: DbSession, ctx: Initiator) -> CancelResult:
    approval = await service.cancel(session, ctx, approval_id)
    return CancelResult(message="Approval request cancelled", approval=approval)


@internal.post(
    INTERNAL_APPROVALS_PATH,
    status_code=status.HTTP_201_CREATED,
    response_model=ApprovalEnvelope,
    summary="File an approval for a change type this service owns, on behalf of its requester",
    responses={
        **INTERNAL_RESPONSES,
        403: {"description": "The calling service does not own this approval type"},
    },
)
async def file_approval(
    body: ApprovalFiling, session: DbSession, caller: FilingService, deps: Deps
) -> ApprovalEnvelope:
    return ApprovalEnvelope(approval=await service.file_for_service(session, deps.settings, caller, body))


# The services that carry approved changes out read a decision back before acting on it
# (radiant_platform.approvals.execute_approval): an event on Kafka alone is not a decision.
ExecutingService = Annotated[ServiceCaller, require_service(*EXECUTORS)]


@internal.get(
    INTERNAL_RECORD_PATH,
    response_model=ApprovalRecord,
    summary="The approval service's record of one request, for the service that executes it",
    responses={**INTERNAL_RESPONSES, 404: {"description": "The tenant has no such request"}},
)
async def approval_record(
    approval_id: ApprovalId,
    tenant_id: Annotated[str, Query(alias="tenantId", min_length=1, max_length=100)],
    session: DbSession,
    caller: ExecutingService,
) -> ApprovalRecord:
    return await service.decision_record(session, tenant_id, approval_id)


# --- platform operators: /api/v2/saas/approvals ------------------------------------------------------
# Filed by the owning service for the operator who asked (metering: POST /saas/approvals for the
# registry's changes; identity: DELETE /saas/tenants/{id} for a prod tenant), decided here by another
# operator holding saas:write. platform_support reads them and decides nothing.

OperatorReader = Annotated[RequestContext, require("saas:read")]
OperatorDecider = Annotated[RequestContext, require("saas:write")]
_OPERATOR_FORBIDDEN: dict[int | str, dict[str, Any]] = {
    403: {"description": "Not a platform operator, or lacks saas:write, or is the request's own requester"}
}


@saas.get("", response_model=ApprovalList, summary="List the platform's approval requests (operators)")
async def list_platform_approvals(
    session: DbSession,
    ctx: OperatorReader,
    page: PageParams,
    status_: Annotated[ApprovalStatus | None, Query(alias="status")] = None,
    pending_for_me: Annotated[bool, Query(alias="pendingForMe")] = False,
) -> ApprovalList:
    rows = await service.list_requests(
        session, ctx, status=status_, pending_for_me=pending_for_me, limit=page.fetch_limit, offset=page.offset
    )
    approvals, pagination = page.cut(rows)
    return ApprovalList(approvals=approvals, pagination=pagination)


@saas.get("/{approval_id}", response_model=ApprovalEnvelope, summary="Get a platform approval request (operators)")
async def get_platform_approval(approval_id: ApprovalId, session: DbSession, ctx: OperatorReader) -> ApprovalEnvelope:
    return ApprovalEnvelope(approval=await service.get_request(session, ctx, approval_id))


@saas.post(
    "/{approval_id}/approve",
    response_model=ProcessResult,
    summary="Approve a platform request (a second operator: never its requester)",
    responses={**_OPERATOR_FORBIDDEN, 409: {"description": "Not pending (decided, cancelled, expired)"}},
)
async def approve_platform_request(
    approval_id: ApprovalId, body: ApproveRequest, session: DbSession, ctx: OperatorDecider
) -> ProcessResult:
    decision = ProcessApproval(action="approve", reason=body.reason)
    return ProcessResult(approval=await service.process(session, ctx, approval_id, decision))


@saas.post(
    "/{approval_id}/reject",
    response_model=ProcessResult,
    summary="Reject a platform request, with a reason",
    responses={**_OPERATOR_FORBIDDEN, 409: {"description": "Not pending (decided, cancelled, expired)"}},
)
async def reject_platform_request(
    approval_id: ApprovalId, body: RejectRequest, session: DbSession, ctx: OperatorDecider
) -> ProcessResult:
    decision = ProcessApproval(action="reject", reason=body.reason)
    return ProcessResult(approval=await service.process(session, ctx, approval_id, decision))


@saas.delete(
    "/{approval_id}",
    response_model=CancelResult,
    summary="Withdraw a platform request (its requester, or a platform_admin)",
    responses={**_OPERATOR_FORBIDDEN, 409: {"description": "Not pending (decided, cancelled or expired)"}},
)
async def cancel_platform_request(approval_id: ApprovalId, session: DbSession, ctx: OperatorDecider) -> CancelResult:
    approval = await service.cancel(session, ctx, approval_id)
    return CancelResult(message="Approval request cancelled", approval=approval)
