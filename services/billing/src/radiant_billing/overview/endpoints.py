"""`GET /api/v2/admin/billing` (`billing:read`): the billing screen in one call."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require

from ..deps import Deps
from . import service
from .schemas import BillingOverviewOut

router = APIRouter(tags=["billing"])
Reader = Annotated[RequestContext, require("billing:read")]


@router.get(
    "/api/v2/admin/billing",
    response_model=BillingOverviewOut,
    summary="Billing at a glance: plan, current period with projection, budget, payment status, latest invoices",
    responses={
        403: {"description": "The caller's role lacks billing:read"},
        503: {"description": "Metering (the usage to date) is unavailable; retry after Retry-After"},
    },
)
async def billing_overview(session: DbSession, ctx: Reader, deps: Deps) -> BillingOverviewOut:
    return await service.billing_overview(session, deps, ctx.tenant_id)
