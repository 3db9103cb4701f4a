"""HTTP API under /api/v2/billing (the gateway forwards the same paths). Thin: parse, call, return."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request, Response, status

from radiant_platform.app import DbSession
from radiant_platform.auth import Principal, bearer_token, require

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
from .service import ActorInfo

router = APIRouter(prefix="/api/v2/billing", tags=["billing"])

Reader = Annotated[Principal, require("billing:read")]
Manager = Annotated[Principal, require("billing:*")]
InvoiceStatus = Literal["draft", "pending", "paid", "overdue", "cancelled"]


def _actor(request: Request, principal: Principal) -> ActorInfo:
    return ActorInfo(
        type="admin", id=principal.subject, name=principal.name or principal.email,
        ip=service.client_ip(request.headers.get("x-forwarded-for"), request.client.host if request.client else None),
        user_agent=(request.headers.get("user-agent") or None), environment=principal.environment,
    )


def _today() -> date:
    return datetime.now(UTC).date()


@router.get("/settings", response_model=SettingsOut, response_model_by_alias=True, summary="Get settings")
async def get_settings(session: DbSession, principal: Reader) -> SettingsOut:
    return await service.get_settings(session, principal.tenant_id)


@router.put("/settings", response_model=SettingsOut | SettingsChangePending, summary="Update settings",
            responses={202: {"model": SettingsChangePending, "description": "prod: waiting for approval"}})
async def update_settings(body: SettingsUpdate, request: Request, response: Response, session: DbSession,
                          deps: Deps, principal: Manager) -> SettingsOut | SettingsChangePending:
    result = await service.update_settings(
        session, deps, principal.tenant_id, body, _actor(request, principal),
        bearer_token=bearer_token(request), forwarded_for=request.headers.get("x-forwarded-for"))
    if isinstance(result, SettingsChangePending):
        response.status_code = status.HTTP_202_ACCEPTED
    return result


@router.get("/current", response_model=CurrentPeriodOut, summary="Current period usage")
async def current(session: DbSession, deps: Deps, principal: Reader) -> CurrentPeriodOut:
    return await service.current_period(session, deps, principal.tenant_id, _today())


@router.get("/projections", response_model=ProjectionOut, summary="Cost projections")
async def projections(session: DbSession, deps: Deps, principal: Reader) -> ProjectionOut:
    return await service.projections(session, deps, principal.tenant_id, _today())


@router.get("/invoices", response_model=InvoiceList, summary="List invoices")
async def list_invoices(
    session: DbSession, principal: Reader,
    status_: Annotated[InvoiceStatus | None, Query(alias="status")] = None,
    period_from: Annotated[date | None, Query(alias="from")] = None,
    period_to: Annotated[date | None, Query(alias="to")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> InvoiceList:
    return await invoicing.list_invoices(session, principal.tenant_id, status=status_, period_from=period_from,
                                         period_to=period_to, limit=limit, offset=offset)


@router.get("/invoices/{invoice_id}", response_model=InvoiceOut, summary="Get invoice")
async def get_invoice(invoice_id: str, session: DbSession, principal: Reader) -> InvoiceOut:
    return await invoicing.get_invoice(session, principal.tenant_id, invoice_id)


@router.post("/generate", response_model=InvoiceOut, status_code=201, summary="Generate invoice",
             responses={200: {"model": InvoiceOut, "description": "the period's invoice already existed"}})
async def generate(body: GenerateInvoiceRequest, request: Request, response: Response, session: DbSession,
                   deps: Deps, principal: Manager) -> InvoiceOut:
    invoice, created = await invoicing.generate_invoice(session, deps, principal.tenant_id, body,
                                                        _actor(request, principal), today=_today())
    assert invoice is not None
    if not created:
        response.status_code = status.HTTP_200_OK
    return invoice


@router.post("/webhooks/stripe", summary="Stripe webhook (signature-verified, processed once)")
async def stripe_webhook(request: Request, session: DbSession, deps: Deps) -> dict[str, object]:
    event = invoicing.verify_webhook(await request.body(), request.headers.get("stripe-signature"),
                                     deps.settings.stripe_webhook_secret,
                                     deps.settings.stripe_webhook_tolerance_seconds)
    return await invoicing.handle_stripe_event(session, deps, event)
