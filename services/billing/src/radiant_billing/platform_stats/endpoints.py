"""Billing's internal route for the operators' platform view; only the gateway may call it."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from radiant_contracts.platform_views import BILLING_STATS_PATH, InvoiceStats
from radiant_platform.app import DbSession
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import service

internal = APIRouter(tags=["internal"])
StatsCaller = Annotated[ServiceCaller, require_service("gateway")]


@internal.get(
    BILLING_STATS_PATH,
    response_model=InvoiceStats,
    summary="Invoices issued and not yet paid, per status and currency (gateway only)",
    responses=INTERNAL_RESPONSES,
)
async def outstanding_invoices(session: DbSession, _: StatsCaller) -> InvoiceStats:
    return await service.outstanding_invoices(session)
