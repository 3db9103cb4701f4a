"""HTTP API of plans: operators' catalogue, exchange rates and revenue under /api/v2/saas; a tenant's
subscription and plan changes under /api/v2/admin/billing. Thin: parse, call, return.

Permissions: the catalogue is read with `saas:read` and changed with `saas:write` (like the model
registry: platform-wide terms); exchange rates are read with `saas:read` and recorded with
`saas:billing`; revenue needs `saas:billing` (money, not support's business). A tenant reads its
subscription with `billing:read` and changes plan with `billing:*` (super_admin), as billing settings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response, status

from radiant_contracts.api import IsoDate
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import invalid_fields
from radiant_platform.openapi import input_rules

from ..deps import Deps
from . import revenue as revenue_report
from . import service
from .schemas import (
    CatalogueOut,
    CatalogueUpdate,
    DowngradeOut,
    ExchangeRatesOut,
    ExchangeRatesUpdate,
    PlanChangeRequest,
    RevenueOut,
    SubscriptionOut,
    UpgradeOut,
)

saas = APIRouter(prefix="/api/v2/saas", tags=["saas"])
admin = APIRouter(prefix="/api/v2/admin/billing", tags=["billing"])

OperatorReader = Annotated[RequestContext, require("saas:read")]
CatalogueWriter = Annotated[RequestContext, require("saas:write")]
MoneyOperator = Annotated[RequestContext, require("saas:billing")]
TenantReader = Annotated[RequestContext, require("billing:read")]
PlanChanger = Annotated[RequestContext, require("billing:*")]
MAX_REVENUE_DAYS = 366

NOT_FIT: dict[int | str, dict[str, Any]] = {
    409: {
        "description": (
            "Not a downgrade, or current usage exceeds the plan's limits: `exceeded` lists each "
            "(`limit`, `resource`, `current`, `allowed`)"
        )
    }
}


def _today() -> date:
    return datetime.now(UTC).date()


@saas.get("/subscriptions", response_model=CatalogueOut, summary="Subscription tiers (the plan catalogue)")
async def get_catalogue(session: DbSession, _: OperatorReader) -> CatalogueOut:
    return await service.catalogue(session)


@saas.put(
    "/subscriptions",
    response_model=CatalogueOut,
    summary="Create or change tiers (a changed tier is a new version, for subscriptions from their next period)",
    openapi_extra=input_rules(
        ("plans", "the catalogue keeps exactly one default plan, and it is available"),
        ("plans.*.prices", "a USD price (other currencies are optional)"),
    ),
)
async def put_catalogue(body: CatalogueUpdate, session: DbSession, ctx: CatalogueWriter) -> CatalogueOut:
    return await service.update_catalogue(session, ctx, body)


@saas.get("/billing/exchange-rates", response_model=ExchangeRatesOut, summary="USD exchange rates (effective-dated)")
async def get_rates(
    session: DbSession,
    _: OperatorReader,
    currency: Annotated[str | None, Query(pattern=r"^[A-Z]{3}$")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> ExchangeRatesOut:
    return await service.exchange_rates(session, currency, limit)


@saas.put(
    "/billing/exchange-rates",
    response_model=ExchangeRatesOut,
    summary="Record USD exchange rates from a date on",
    openapi_extra=input_rules(
        ("rates.*.effectiveFrom", "not in the past: a rate never applies retroactively"),
        ("rates", "each (currency, effectiveFrom) once"),
        ("rates.*.rate", "greater than 0"),
    ),
)
async def put_rates(body: ExchangeRatesUpdate, session: DbSession, ctx: MoneyOperator) -> ExchangeRatesOut:
    return await service.update_exchange_rates(session, ctx, body, _today())


@saas.get(
    "/billing/revenue",
    response_model=RevenueOut,
    summary="Revenue: invoiced, collected, outstanding by plan and tenant; MRR and its movements",
    openapi_extra=input_rules(("query.to", "not before from"), ("query.to", "at most 366 days after from")),
)
async def get_revenue(
    session: DbSession,
    _: MoneyOperator,
    start: Annotated[IsoDate, Query(alias="from")],
    end: Annotated[IsoDate, Query(alias="to")],
    tenant_limit: Annotated[int, Query(alias="tenantLimit", ge=1, le=1000)] = 100,
) -> RevenueOut:
    if end < start:
        raise invalid_fields(("query.to", "must not be before from"))
    if (end - start).days + 1 > MAX_REVENUE_DAYS:
        raise invalid_fields(("query.to", f"the period may span at most {MAX_REVENUE_DAYS} days"))
    return await revenue_report.revenue(session, start, end, tenant_limit)


@admin.get("/subscription", response_model=SubscriptionOut, summary="The tenant's plan, period and open plan charges")
async def get_subscription(session: DbSession, ctx: TenantReader) -> SubscriptionOut:
    return await service.get_subscription(session, ctx.tenant_id)


@admin.get(
    "/plans",
    response_model=CatalogueOut,
    summary="The plans this tenant may move to (the catalogue's offered plans, lowest first)",
)
async def get_offered_plans(session: DbSession, _: TenantReader) -> CatalogueOut:
    return await service.offered_plans(session)


@admin.post(
    "/upgrade",
    response_model=UpgradeOut,
    summary="Upgrade plan (at once; the rest of the period prorated on the next invoice)",
    responses={409: {"description": "Not above the current plan, or the subscription is cancelled"}},
    openapi_extra=input_rules(("plan", "a plan of the catalogue that is offered")),
)
async def post_upgrade(body: PlanChangeRequest, session: DbSession, ctx: PlanChanger) -> UpgradeOut:
    return await service.upgrade(session, ctx, body.plan, _today())


@admin.post(
    "/downgrade",
    response_model=DowngradeOut,
    summary="Downgrade plan (from the next period, if current usage fits; prod: after approval)",
    responses={202: {"model": DowngradeOut, "description": "prod: waiting for approval"}, **NOT_FIT},
    openapi_extra=input_rules(("plan", "a plan of the catalogue that is offered")),
)
async def post_downgrade(
    body: PlanChangeRequest, response: Response, session: DbSession, ctx: PlanChanger, deps: Deps
) -> DowngradeOut:
    result = await service.downgrade(session, deps, ctx, body.plan, _today())
    if result.status == "pending_approval":
        response.status_code = status.HTTP_202_ACCEPTED
    return result
