"""Seed 004's users: pending members (their invitations) next to the accounts of `service.py`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.api import PageRequest
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, NotFound

from .. import repository as repo
from .. import service
from ..deps import IdentityDeps
from ..models import Administrator, Invitation
from ..schemas import CreateInvitationRequest


async def invite(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: CreateInvitationRequest
) -> Invitation | FiledApproval:
    """`POST /admin/users/invite` is `/admin/invitations` under seed 004's path: the same function,
    so the same rules (rank, duplicates, prod approval for privileged roles) and one place for a quota."""
    return await service.create_invitation(session, deps, ctx, request)


async def list_pending(
    session: AsyncSession, ctx: RequestContext, page: PageRequest, *, role: str | None
) -> Sequence[Invitation]:
    """People invited who have not signed up yet (up to `page.fetch_limit`; the endpoint cuts)."""
    return await repo.list_pending_invitations(
        session, ctx.tenant_id, role=role, limit=page.fetch_limit, offset=page.offset
    )


async def get_user(session: AsyncSession, ctx: RequestContext, user_id: uuid.UUID) -> Administrator | Invitation:
    """An account (any role), else a pending user by their invitation's id."""
    admin = await repo.get_admin(session, ctx.tenant_id, user_id)
    if admin is not None:
        return admin
    return await _pending_user(session, ctx, user_id)


async def _pending_user(session: AsyncSession, ctx: RequestContext, user_id: uuid.UUID) -> Invitation:
    invitation = await repo.get_invitation(session, ctx.tenant_id, user_id)
    if invitation is None or invitation.status != "pending":
        raise NotFound("User")
    return invitation


async def resend(session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, user_id: uuid.UUID) -> Invitation:
    """A fresh link for a pending user (the old one stops working); someone who already signed up
    has nothing to resend."""
    if await repo.get_admin(session, ctx.tenant_id, user_id) is not None:
        raise Conflict("This user has already accepted their invitation")
    if await repo.get_invitation(session, ctx.tenant_id, user_id) is None:
        raise NotFound("User")
    return await service.resend_invitation(session, deps, ctx, user_id)


async def remove(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, user_id: uuid.UUID
) -> FiledApproval | Invitation | None:
    """Remove an account (the rules of `service.delete_admin`), or withdraw a pending user's
    invitation. None: removed at once; a `FiledApproval`: waiting (prod); an `Invitation`: withdrawn."""
    if await repo.get_admin(session, ctx.tenant_id, user_id) is None:
        invitation = await repo.get_invitation(session, ctx.tenant_id, user_id)
        if invitation is not None and invitation.status == "pending":
            return await service.revoke_invitation(session, ctx, user_id)
    return await service.delete_admin(session, deps, ctx, user_id)
