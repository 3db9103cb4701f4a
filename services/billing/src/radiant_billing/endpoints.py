"""HTTP API under /api/v2/billing (the gateway forwards the same paths). Thin: parse, call, return."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response, status

from radiant_contracts.api import IsoDate, PageRequest
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.openapi import input_rules
from radiant_platform.pagination import page_query

from . import invoicing, service
from .deps import Deps
from .schemas import (
    CurrentPeriodOut,
    GenerateInvoiceRequest,
    InvoiceList,
    InvoiceOut,
    ProjectionOut,
    SettingsChangePending,
    SettingsOut,
    SettingsUpdate,
)

router = APIRouter(prefix="/api/v2/billing", tags=["billing"])

Reader = Annotated[RequestContext, require("billing:read")]
Manager = Annotated[RequestContext, require("billing:*")]
InvoicePage = Annotated[PageRequest, page_query(default_limit=25)]
InvoiceStatus = Literal["draft", "pending", "paid", "overdue", "cancelled"]


def _today() -> date:
    return datetime.now(UTC).date()


@router.get("/settings", response_model=SettingsOut, response_model_by_alias=True, summary="Get settings")
async def get_settings(session: DbSession, ctx: Reader) -> SettingsOut:
    return await service.get_settings(session, ctx.tenant_id)


@router.put(
    "/settings",
    response_model=SettingsOut | SettingsChangePending,
    summary="Update settings",
    responses={202: {"model": SettingsChangePending, "description": "prod: waiting for approval"}},
    openapi_extra=input_rules(
        (
            "tiers",
            "with marginType tiered (sent or current): at least one tier, upTo strictly increasing, "
            "only the last tier without upTo",
        ),
    ),
)
async def update_settings(
    body: SettingsUpdate, response: Response, session: DbSession, deps: Deps, ctx: Manager
) -> SettingsOut | SettingsChangePending:
    # In prod billing files the approval itself, for this caller (their tenant, identity, client).
    result = await service.update_settings(session, deps, ctx, body)
    if isinstance(result, SettingsChangePending):
        response.status_code = status.HTTP_202_ACCEPTED
    return result


NO_RATE: dict[int | str, dict[str, Any]] = {
    409: {
        "description": "The tenant is billed in a currency other than USD, has usage this period, and no USD "
        "exchange rate is in effect on the period's first day (`currency`, `day`) — the same refusal an invoice "
        "for the period gets; amounts are never shown in USD under another currency's name"
    }
}


@router.get("/current", response_model=CurrentPeriodOut, summary="Current period usage", responses=NO_RATE)
async def current(session: DbSession, deps: Deps, ctx: Reader) -> CurrentPeriodOut:
    return await service.current_period(session, deps, ctx.tenant_id, _today())


@router.get("/projections", response_model=ProjectionOut, summary="Cost projections", responses=NO_RATE)
async def projections(session: DbSession, deps: Deps, ctx: Reader) -> ProjectionOut:
    return await service.projections(session, deps, ctx.tenant_id, _today())


@router.get("/invoices", response_model=InvoiceList, summary="List invoices")
async def list_invoices(
    session: DbSession,
    ctx: Reader,
    page: InvoicePage,
    status_: Annotated[InvoiceStatus | None, Query(alias="status")] = None,
    period_from: Annotated[IsoDate | None, Query(alias="from")] = None,
    period_to: Annotated[IsoDate | None, Query(alias="to")] = None,
) -> InvoiceList:
    return await invoicing.list_invoices(
        session, ctx.tenant_id, page, status=status_, period_from=period_from, period_to=period_to
    )


@router.get("/invoices/{invoice_id}", response_model=InvoiceOut, summary="Get invoice")
async def get_invoice(invoice_id: str, session: DbSession, ctx: Reader) -> InvoiceOut:
    return await invoicing.get_invoice(session, ctx.tenant_id, invoice_id)


@router.post(
    "/generate",
    response_model=InvoiceOut,
    status_code=201,
    summary="Generate invoice",
    responses={
        200: {"model": InvoiceOut, "description": "the period's invoice already existed"},
        409: {
            "description": "An invoice already covers part of this period (`invoiceId`, its period); or the "
            "tenant is billed through Lago, which issues its invoices (type "
            "`urn:radiant:problem:invoiced-by-provider`, `provider`); or it is billed in a currency other than "
            "USD with usage and no USD exchange rate in effect on periodStart (`currency`, `day`)"
        },
    },
    openapi_extra=input_rules(
        ("periodEnd", "not before periodStart"),
        ("periodEnd", "at most 366 days after periodStart"),
        ("periodStart", "not in the future"),
    ),
)
async def generate(
    body: GenerateInvoiceRequest, response: Response, session: DbSession, deps: Deps, ctx: Manager
) -> InvoiceOut:
    invoice, created = await invoicing.generate_invoice(
        session, deps, ctx.tenant_id, body, ctx.actor(), environment=ctx.environment, today=_today()
    )
    assert invoice is not None
    if not created:
        response.status_code = status.HTTP_200_OK
    return invoice


# The signature is over the raw bytes, so the body is read as sent, not parsed by FastAPI; the
# document still says what Stripe sends and that the signature header is required.
STRIPE_EVENT_SCHEMA = {
    "type": "object",
    "description": "A Stripe event (https://docs.stripe.com/api/events/object); unknown types are acknowledged",
    "required": ["id", "type"],
    "properties": {
        "id": {"type": "string", "minLength": 1},
        "type": {"type": "string", "minLength": 1},
        "data": {"type": "object", "properties": {"object": {"type": "object"}}},
    },
}


@router.post(
    "/webhooks/stripe",
    summary="Stripe webhook (signature-verified, processed once)",
    responses={400: {"description": "Missing or wrong Stripe-Signature, or not a Stripe event"}},
    openapi_extra={
        "parameters": [
            {
                "name": "Stripe-Signature",
                "in": "header",
                "required": True,
                "description": "Stripe's signature of the raw body with this endpoint's secret (`t=…,v1=…`)",
                "schema": {"type": "string", "minLength": 1},
            }
        ],
        "requestBody": {"required": True, "content": {"application/json": {"schema": STRIPE_EVENT_SCHEMA}}},
    },
)
async def stripe_webhook(request: Request, session: DbSession, deps: Deps) -> dict[str, object]:
    event = invoicing.verify_webhook(
        await request.body(),
        request.headers.get("stripe-signature"),
        deps.settings.stripe_webhook_secret,
        deps.settings.stripe_webhook_tolerance_seconds,
    )
    return await invoicing.handle_stripe_event(session, deps, event)
