"""Seed 004's user paths: `POST /api/v2/admin/users/invite` and `POST /api/v2/admin/users/{id}/resend`.

`GET/PUT/DELETE /admin/users/{id}` and the list are in `endpoints.py` (administrators and members are
one set of people). Parse, call the service, shape the answer."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Response

from radiant_platform.app import DbSession
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.context import RequestContext, require
from radiant_platform.quotas import QUOTA_RESPONSES

from ..deps import Deps
from ..schemas import (
    CreateInvitationRequest,
    InvitationCreated,
    InvitationPending,
    InvitationSummary,
    PendingApproval,
    ResendOut,
)
from . import service

router = APIRouter(prefix="/api/v2/admin/users", tags=["administrators"])

Writer = Annotated[RequestContext, require("admin:write")]


@router.post(
    "/invite",
    status_code=201,
    response_model=InvitationCreated | InvitationPending,
    summary="Invite a user — a member or an administrator (the rules of POST /admin/invitations: "
    "a one-time accept link by email; in prod a super_admin or admin one waits for approval)",
    responses={
        202: {"model": InvitationPending, "description": "prod: granting super_admin or admin waits for approval"},
        403: {
            **QUOTA_RESPONSES[403],
            "description": "The role is above the caller's own, or the plan's users quota is reached "
            "(`urn:radiant:problem:quota-exceeded`, with resource, current, limit, percentage and upgradeUrl)",
        },
        409: {"description": "A user or a pending invitation already has this email"},
    },
)
async def invite_user(
    body: CreateInvitationRequest, response: Response, session: DbSession, deps: Deps, ctx: Writer
) -> InvitationCreated | InvitationPending:
    created = await service.invite(session, deps, ctx, body)
    if isinstance(created, FiledApproval):
        response.status_code = 202
        return InvitationPending(
            message="The invitation is sent once another administrator approves it",
            pending_approval=PendingApproval(id=created.id, status=created.status, type=created.type),
        )
    return InvitationCreated(invitation=InvitationSummary.model_validate(created))


@router.post(
    "/{user_id}/resend",
    response_model=ResendOut,
    summary="Resend a pending user's invitation (by the pending user's id: a new link and expiry)",
    responses={
        404: {"description": "No pending user with this id"},
        409: {"description": "The user already signed up, or the invitation is no longer pending"},
    },
)
async def resend_invitation(user_id: uuid.UUID, session: DbSession, deps: Deps, ctx: Writer) -> ResendOut:
    invitation = await service.resend(session, deps, ctx, user_id)
    return ResendOut(message="Invitation resent successfully", expires_at=invitation.expires_at)
