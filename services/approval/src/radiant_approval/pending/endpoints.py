"""Approval's internal route for the tenant dashboard's home screen; only identity may call it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from radiant_contracts.tenant_views import APPROVAL_PENDING_PATH, PendingApprovals
from radiant_platform.app import DbSession
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import service

internal = APIRouter(tags=["internal"])
DashboardCaller = Annotated[ServiceCaller, require_service("identity")]


@internal.get(
    APPROVAL_PENDING_PATH,
    response_model=PendingApprovals,
    summary="Pending approvals of a tenant, for one administrator (identity only)",
    responses=INTERNAL_RESPONSES,
)
async def pending_approvals(
    tenant_id: Annotated[str, Path(min_length=1, max_length=100)],
    user_id: Annotated[str, Query(alias="userId", min_length=1, max_length=100)],
    session: DbSession,
    _: DashboardCaller,
) -> PendingApprovals:
    return await service.pending_for(session, tenant_id, user_id)
