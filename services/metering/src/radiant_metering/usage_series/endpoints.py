"""`GET /api/v2/admin/usage` (`billing:read`, like the other usage reads): the usage screen in one call."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Query

from radiant_contracts.api import IsoDate
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import invalid_fields
from radiant_platform.openapi import input_rules

from ..deps import Deps
from . import service
from .schemas import UsageDashboardOut, dashboard_out

router = APIRouter(tags=["usage"])

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
