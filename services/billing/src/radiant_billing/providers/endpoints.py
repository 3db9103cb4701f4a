"""HTTP routes of the provider boundary (the gateway forwards the same paths). Thin: parse, call, return."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Request

from radiant_contracts.api import ApiModel, InputModel
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require

from ..deps import Deps
from . import service

router = APIRouter(tags=["billing"])

Manager = Annotated[RequestContext, require("billing:*")]
Operator = Annotated[RequestContext, require("saas:write")]


TenantId = Annotated[str, Path(min_length=1, max_length=100)]


class PaymentMethodLink(ApiModel):
    provider: Literal["stripe", "lago"]
    url: str


class ProviderChoice(InputModel):
    #: `stripe`, `lago`, or null for the platform's provider (`BILLING_PROVIDER`).
    provider: Literal["stripe", "lago"] | None


class ProviderOut(ApiModel):
    tenant_id: str
    provider: Literal["stripe", "lago"]


@router.post(
    "/api/v2/admin/billing/payment-method",
    response_model=PaymentMethodLink,
    summary="Link to the billing provider's page for adding or changing the payment method",
    responses={
        409: {"description": "The tenant's Lago customer is not created yet (Retry-After)"},
        502: {"description": "The provider refused"},
        503: {"description": "The provider cannot be reached (Retry-After)"},
    },
)
async def payment_method(session: DbSession, deps: Deps, ctx: Manager) -> PaymentMethodLink:
    provider, url = await service.payment_method_url(session, deps, ctx)
    return PaymentMethodLink(provider=provider, url=url)


@router.put(
    "/api/v2/saas/billing/tenants/{tenant_id}/provider",
    response_model=ProviderOut,
    summary="Choose the provider that bills a tenant (operators)",
    responses={404: {"description": "Billing knows no such tenant"}},
)
async def set_provider(
    tenant_id: TenantId, body: ProviderChoice, session: DbSession, deps: Deps, ctx: Operator
) -> ProviderOut:
    provider = await service.set_tenant_provider(session, deps, ctx, tenant_id, body.provider)
    return ProviderOut(tenant_id=tenant_id, provider=provider)


# The signature is over the raw bytes, so the body is read as sent, not parsed by FastAPI.
LAGO_WEBHOOK_SCHEMA = {
    "type": "object",
    "description": "A Lago webhook (https://getlago.com/docs/api-reference/webhooks); unknown types are acknowledged",
    "required": ["webhook_type", "object_type"],
    "properties": {"webhook_type": {"type": "string", "minLength": 1}, "object_type": {"type": "string"}},
}


@router.post(
    "/api/v2/billing/webhooks/lago",
    summary="Lago webhook (signature-verified, processed once)",
    responses={
        400: {"description": "Signed, but not a Lago webhook"},
        401: {"description": "Missing, unknown or bad X-Lago-Signature (nothing happens)"},
        503: {"description": "Lago's public key cannot be fetched (Retry-After)"},
    },
    openapi_extra={
        "parameters": [
            {
                "name": "X-Lago-Signature",
                "in": "header",
                "required": True,
                "description": "A JWT (RS256, Lago's key; `data` = the raw body) or base64 HMAC-SHA256 of the raw body",
                "schema": {"type": "string", "minLength": 1},
            },
            {
                "name": "X-Lago-Signature-Algorithm",
                "in": "header",
                "required": True,
                "schema": {"type": "string", "enum": ["jwt", "hmac"]},
            },
            {"name": "X-Lago-Unique-Key", "in": "header", "required": False, "schema": {"type": "string"}},
        ],
        "requestBody": {"required": True, "content": {"application/json": {"schema": LAGO_WEBHOOK_SCHEMA}}},
    },
)
async def lago_webhook(request: Request, session: DbSession, deps: Deps) -> dict[str, object]:
    body = await request.body()
    payload = await service.verify_lago_webhook(deps, body, dict(request.headers))
    return await service.handle_lago_webhook(session, deps, payload, request.headers.get("x-lago-unique-key"))
