"""`POST /internal/v1/rollups/tenants` (billing only): many tenants' usage per model for one period.

Billing's invoice run pages its tenants through it (at most 500 per call) instead of asking for each
tenant's rollups on its own (`GET /internal/v1/rollups`). A POST because the tenant list is the
request: 500 ids do not belong in a query string.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter

from radiant_platform.app import DbSession
from radiant_platform.errors import invalid_fields
from radiant_platform.openapi import input_rules
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from ..schemas import InternalPeriod, ModelTotalsOut
from . import service
from .schemas import MAX_PERIOD_DAYS, MAX_TENANTS_PER_CALL, BulkRollupsRequest, BulkRollupsResponse, TenantRollupsOut

internal = APIRouter(prefix="/internal/v1", tags=["internal"])

#: Only billing reads tenants' usage this way, authenticated as itself (as for the one-tenant read).
BillingCaller = Annotated[ServiceCaller, require_service("billing")]


def _checked(body: BulkRollupsRequest) -> BulkRollupsRequest:
    if body.end < body.start:
        raise invalid_fields(("end", "must not be before start"), detail="end is before start")
    if (body.end - body.start).days + 1 > MAX_PERIOD_DAYS:
        raise invalid_fields(("end", f"the period may span at most {MAX_PERIOD_DAYS} days"), detail="period too long")
    if len(set(body.tenant_ids)) != len(body.tenant_ids):
        raise invalid_fields(("tenantIds", "must be distinct"), detail="A tenant is named twice")
    return body


def _tenant_out(tenant_id: str, rows: list[object]) -> TenantRollupsOut:
    models = [ModelTotalsOut.model_validate(r) for r in rows]
    return TenantRollupsOut(
        tenant_id=tenant_id,
        models=models,
        provider_cost=sum((m.provider_cost for m in models), start=Decimal(0)),
        billed_cost=sum((m.billed_cost for m in models), start=Decimal(0)),
    )


@internal.post(
    "/rollups/tenants",
    response_model=BulkRollupsResponse,
    summary=f"Many tenants' usage per model for one period (billing only; at most {MAX_TENANTS_PER_CALL} tenants)",
    description=(
        "Every tenant named in `tenantIds` is answered, in the order named; a tenant without usage in "
        "the period has no models and zero costs. Callers page their tenants by at most "
        f"{MAX_TENANTS_PER_CALL} per call. Costs are decimal strings (USD); `billedCost` includes the "
        "margin that applied at the time of use."
    ),
    responses=INTERNAL_RESPONSES,
    openapi_extra=input_rules(
        ("end", "not before start; the period spans at most 400 days, both dates included"),
        ("tenantIds", f"1 to {MAX_TENANTS_PER_CALL} tenant ids, each named once"),
    ),
)
async def tenants_rollups(session: DbSession, _: BillingCaller, body: BulkRollupsRequest) -> BulkRollupsResponse:
    request = _checked(body)
    totals = await service.per_tenant_totals(session, request.tenant_ids, request.start, request.end)
    return BulkRollupsResponse(
        period=InternalPeriod(start=request.start, end=request.end),
        tenants=[_tenant_out(tenant_id, rows) for tenant_id, rows in totals.items()],
    )
