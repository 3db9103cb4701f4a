"""`GET /api/v2/admin/billing` (`billing:read`): the billing screen in one call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from radiant_contracts.tenant_views import BILLING_SPEND_PATH, TenantSpend
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from ..deps import Deps
from . import service
from .schemas import BillingOverviewOut

router = APIRouter(tags=["billing"])
internal = APIRouter(tags=["internal"])
Reader = Annotated[RequestContext, require("billing:read")]
#: The dashboard's home screen is identity's; it asks for the spend part.
NO_RATE = (
    "The tenant is billed in a currency other than USD, has usage this period, and no USD exchange rate "
    "is in effect on the period's first day (`currency`, `day`): amounts are never shown in USD under "
    "another currency's name"
)
DashboardCaller = Annotated[ServiceCaller, require_service("identity")]


@router.get(
    "/api/v2/admin/billing",
    response_model=BillingOverviewOut,
    summary="Billing at a glance: plan, current period with projection, budget, payment status, latest invoices",
    responses={
        403: {"description": "The caller's role lacks billing:read"},
        409: {"description": NO_RATE},
        503: {"description": "Metering (the usage to date) is unavailable; retry after Retry-After"},
    },
)
async def billing_overview(session: DbSession, ctx: Reader, deps: Deps) -> BillingOverviewOut:
    return await service.billing_overview(session, deps, ctx.tenant_id)


@internal.get(
    BILLING_SPEND_PATH,
    response_model=TenantSpend,
    summary="The tenant's current period: usage and spend to date against the budget (identity only)",
    responses={**INTERNAL_RESPONSES, 409: {"description": NO_RATE}},
)
async def tenant_spend(
    tenant_id: Annotated[str, Path(min_length=1, max_length=100)], session: DbSession, deps: Deps, _: DashboardCaller
) -> TenantSpend:
    return await service.tenant_spend(session, deps, tenant_id)
