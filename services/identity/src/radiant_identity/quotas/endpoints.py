"""Identity's part of a tenant's quotas for metering's `GET /api/v2/admin/quotas` (internal only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from radiant_contracts.api import ApiModel
from radiant_contracts.quotas import QuotaOut
from radiant_platform.app import DbSession
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import service

internal = APIRouter(prefix="/internal/v1", tags=["internal"])

QuotaComposer = Annotated[ServiceCaller, require_service("metering")]
UsageCounter = Annotated[ServiceCaller, require_service("billing")]


class CountedQuotas(ApiModel):
    quotas: list[QuotaOut]


@internal.get(
    "/quotas/{tenant_id}",
    response_model=CountedQuotas,
    responses=INTERNAL_RESPONSES,
    summary="Users and agents quotas of a tenant (metering composes the tenant's four)",
)
async def counted_quotas(
    session: DbSession, caller: QuotaComposer, tenant_id: Annotated[str, Path(min_length=1, max_length=100)]
) -> CountedQuotas:
    return CountedQuotas(quotas=[QuotaOut.of(s) for s in await service.statuses(session, tenant_id)])


class TenantUsageCounts(ApiModel):
    users: int
    agents: int


@internal.get(
    "/tenants/{tenant_id}/usage",
    response_model=TenantUsageCounts,
    responses=INTERNAL_RESPONSES,
    summary="A tenant's users (accounts and pending invitations) and agents, for billing's downgrade check",
)
async def usage_counts(
    session: DbSession, caller: UsageCounter, tenant_id: Annotated[str, Path(min_length=1, max_length=100)]
) -> TenantUsageCounts:
    counted = {s.resource: s.current for s in await service.statuses(session, tenant_id)}
    return TenantUsageCounts(users=counted["users"], agents=counted["agents"])
