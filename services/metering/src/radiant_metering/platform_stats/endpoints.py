"""Metering's internal route for the operators' platform view; only the gateway may call it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter

from radiant_contracts.platform_views import METERING_STATS_PATH, UsageStats
from radiant_platform.app import DbSession
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import service

internal = APIRouter(tags=["internal"])
StatsCaller = Annotated[ServiceCaller, require_service("gateway")]


@internal.get(
    METERING_STATS_PATH,
    response_model=UsageStats,
    summary="The platform's usage this month and its active tenants (gateway only)",
    responses=INTERNAL_RESPONSES,
)
async def platform_usage(session: DbSession, _: StatsCaller) -> UsageStats:
    return await service.platform_usage(session, datetime.now(UTC).date())
