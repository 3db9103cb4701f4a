"""`GET /api/v2/admin/usage` (`billing:read`, like the other usage reads): the usage screen in one call."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query

from radiant_contracts.api import IsoDate
from radiant_contracts.quotas import QuotaOut
from radiant_contracts.tenant_views import METERING_QUOTAS_PATH, MeteredQuotas
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import invalid_fields
from radiant_platform.openapi import input_rules
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from ..deps import Deps
from ..quotas import service as quotas
from . import service
from .schemas import UsageDashboardOut, dashboard_out

router = APIRouter(tags=["usage"])
internal = APIRouter(tags=["internal"])
#: The dashboard's home screen is identity's; it asks for the metered quotas.
DashboardCaller = Annotated[ServiceCaller, require_service("identity")]

UsageReader = Annotated[RequestContext, require("billing:read")]
DEFAULT_DAYS = 30
StartDate = Annotated[
    IsoDate | None, Query(alias="startDate", description="YYYY-MM-DD, default 29 days before endDate")
]
EndDate = Annotated[IsoDate | None, Query(alias="endDate", description="YYYY-MM-DD inclusive, default today (UTC)")]


def _period(start: date | None, end: date | None, max_days: int) -> tuple[date, date]:
    """The days shown: by default the last 30 (today included); by agent the series reaches back as
    far as the raw events are kept, so the period may span at most that many days."""
    end = end or datetime.now(UTC).date()
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if end < start:
        raise invalid_fields(("query.endDate", "must not be before startDate"), detail="endDate is before startDate")
    if (end - start).days >= max_days:
        raise invalid_fields(
            ("query.startDate", f"at most {max_days} days"), detail=f"The period may span at most {max_days} days"
        )
    return start, end


@router.get(
    "/api/v2/admin/usage",
    response_model=UsageDashboardOut,
    summary="Usage per day (and per hour for the last 48 h) by model and by agent, with totals",
    responses={403: {"description": "The caller's role lacks billing:read"}},
    openapi_extra=input_rules(
        ("query.endDate", "not before startDate"),
        ("query.startDate", "at most METERING_RAW_RETENTION_DAYS (90) days in all, endDate included"),
    ),
)
async def usage(
    session: DbSession, ctx: UsageReader, deps: Deps, start_date: StartDate = None, end_date: EndDate = None
) -> UsageDashboardOut:
    start, end = _period(start_date, end_date, deps.settings.raw_retention_days)
    return dashboard_out(await service.usage_dashboard(session, ctx.tenant_id, start, end))


@internal.get(
    METERING_QUOTAS_PATH,
    response_model=MeteredQuotas,
    summary="The tenant's metered quotas: tokens this calendar month, storage (identity only)",
    responses=INTERNAL_RESPONSES,
)
async def metered_quotas(
    tenant_id: Annotated[str, Path(min_length=1, max_length=100)], session: DbSession, _: DashboardCaller
) -> MeteredQuotas:
    statuses = await quotas.metered_quotas(session, tenant_id, datetime.now(UTC))
    return MeteredQuotas(quotas=[QuotaOut.of(s) for s in statuses])
