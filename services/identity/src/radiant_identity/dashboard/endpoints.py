"""`GET /api/v2/admin/stats` (`admin:read`, like the seed's other admin reads): the home screen in one call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require

from ..deps import Deps
from . import service
from .schemas import TenantStatsOut

router = APIRouter(tags=["dashboard"])
Reader = Annotated[RequestContext, require("admin:read")]


@router.get(
    "/api/v2/admin/stats",
    response_model=TenantStatsOut,
    summary="The tenant at a glance: members, invitations, agents, spend vs budget, approvals, quotas",
    responses={403: {"description": "The caller's role lacks admin:read (members hold no admin permission)"}},
)
async def tenant_stats(session: DbSession, ctx: Reader, deps: Deps) -> TenantStatsOut:
    return await service.tenant_stats(session, deps, ctx)
