"""HTTP API under /api/v2/admin/approvals (seed 000 Admin Routes); thin: parse, call the service, answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from radiant_platform.app import DbSession
from radiant_platform.auth import Principal, require
from radiant_platform.errors import NotFound

from . import service
from .config import Settings
from .events import Caller
from .schemas import (
    ApprovalEnvelope,
    ApprovalList,
    ApprovalStatus,
    CancelResult,
    CreateApproval,
    ListQuery,
    Pagination,
    ProcessApproval,
    ProcessResult,
)

router = APIRouter(prefix="/api/v2/admin/approvals", tags=["approvals"])

CanInitiate = Annotated[Principal, require("approvals:initiate")]
CanRead = Annotated[Principal, require("approvals:read")]
CanDecide = Annotated[Principal, require(service.APPROVE_PERMISSION)]


def _settings(request: Request) -> Settings:
    return request.app.state.runtime.settings


def _caller(request: Request, principal: Principal) -> Caller:
    # The gateway sets X-Forwarded-For to the client it saw; called directly, the peer is the client.
    forwarded = request.headers.get("x-forwarded-for", "").split(",")[0].strip()
    ip = forwarded or (request.client.host if request.client else None)
    return Caller(principal=principal, ip=ip, user_agent=request.headers.get("user-agent"))


def _approval_id(approval_id: str) -> uuid.UUID:
    """A malformed id names no request of this tenant: 404, like another tenant's id."""
    try:
        return uuid.UUID(approval_id)
    except ValueError:
        raise NotFound("Approval request") from None


ApprovalId = Annotated[uuid.UUID, Depends(_approval_id)]


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ApprovalEnvelope,
             summary="Create approval request")
async def create_approval(body: CreateApproval, request: Request, session: DbSession,
                          principal: CanInitiate) -> ApprovalEnvelope:
    approval = await service.create_request(session, _settings(request), _caller(request, principal), body)
    return ApprovalEnvelope(approval=approval)


@router.get("", response_model=ApprovalList, summary="List approvals")
async def list_approvals(
    session: DbSession, principal: CanRead,
    status_: Annotated[ApprovalStatus | None, Query(alias="status")] = None,
    pending_for_me: Annotated[bool, Query(alias="pendingForMe")] = False,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ApprovalList:
    query = ListQuery(status=status_, pending_for_me=pending_for_me, limit=limit, offset=offset)
    approvals, has_more = await service.list_requests(session, principal, query)
    return ApprovalList(approvals=approvals, pagination=Pagination(limit=limit, offset=offset, has_more=has_more))


@router.get("/{approval_id}", response_model=ApprovalEnvelope, summary="Get approval")
async def get_approval(approval_id: ApprovalId, session: DbSession, principal: CanRead) -> ApprovalEnvelope:
    return ApprovalEnvelope(approval=await service.get_request(session, principal, approval_id))


@router.post("/{approval_id}/process", response_model=ProcessResult, summary="Approve or reject",
             responses={409: {"description": "Not pending (decided, cancelled, expired) or already reviewed"}})
async def process_approval(approval_id: ApprovalId, body: ProcessApproval, request: Request, session: DbSession,
                           principal: CanDecide) -> ProcessResult:
    processed = await service.process(session, _caller(request, principal), approval_id, body)
    return ProcessResult(approval=processed)


@router.delete("/{approval_id}", response_model=CancelResult, summary="Cancel approval")
async def cancel_approval(approval_id: ApprovalId, request: Request, session: DbSession,
                          principal: CanInitiate) -> CancelResult:
    approval = await service.cancel(session, _caller(request, principal), approval_id)
    return CancelResult(message="Approval request cancelled", approval=approval)
