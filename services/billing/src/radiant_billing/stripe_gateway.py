"""Stripe through the official SDK (async `StripeClient`), in integer minor units.

Nothing is sent twice: every create carries an idempotency key derived from our invoice id (or the
tenant id for the customer), and the ids Stripe returns are kept as progress even when a later
step fails, so a retry resumes instead of starting over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Protocol

import stripe
from stripe.params import InvoiceCreateParams, InvoiceItemCreateParams

from .calculations import to_minor_units
from .config import Settings


@dataclass
class InvoicePush:
    """What to push, and the progress made so far (filled in as Stripe answers)."""

    invoice_id: str
    tenant_id: str
    tenant_name: str | None
    number: str
    currency: str
    period_start: date
    period_end: date
    lines: list[dict[str, Any]]  # {"model_id", "description", "amount": Decimal}
    tax: Decimal
    tax_percent: Decimal
    auto_pay: bool
    days_until_due: int
    customer_id: str | None = None
    stripe_invoice_id: str | None = None
    stripe_status: str | None = None
    payment_intent_id: str | None = None
    calls: list[str] = field(default_factory=list)  # idempotency keys used, for logs and tests


class StripeGatewayProtocol(Protocol):
    async def push_invoice(self, push: InvoicePush) -> None: ...

    async def ensure_customer(self, tenant_id: str, tenant_name: str | None) -> str: ...

    async def billing_portal_url(self, customer_id: str, return_url: str) -> str: ...

    async def aclose(self) -> None: ...


def make_stripe_client(settings: Settings, http_client: stripe.HTTPClient | None = None) -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.stripe_api_key,
        http_client=http_client or stripe.HTTPXClient(timeout=settings.stripe_timeout_seconds),
        base_addresses={"api": settings.stripe_api_base},
        max_network_retries=settings.stripe_max_network_retries,
    )


class StripeGateway:
    def __init__(self, client: stripe.StripeClient, http_client: stripe.HTTPXClient | None = None) -> None:
        """`http_client`: the client `client` sends through, when this gateway owns it (closed by `aclose`)."""
        self._v1 = client.v1
        self._http_client = http_client

    async def aclose(self) -> None:
        if self._http_client is not None:
            await self._http_client.close_async()  # type: ignore[no-untyped-call]  # the SDK leaves it unannotated

    async def push_invoice(self, push: InvoicePush) -> None:
        """Customer, draft invoice, one item per line (+ tax), finalize. Raises `stripe.StripeError`."""
        if push.customer_id is None:
            push.customer_id = await self._create_customer(push)
        if push.stripe_invoice_id is None:
            invoice = await self._v1.invoices.create_async(
                self._invoice_params(push), self._key(push, f"invoice-{push.invoice_id}")
            )
            push.stripe_invoice_id = invoice.id
        for index, line in enumerate(push.lines):
            await self._add_item(
                push,
                f"item-{index}",
                line["amount"],
                line["description"],
                {"model_id": str(line.get("model_id") or "")},
            )
        if push.tax > 0:
            await self._add_item(push, "tax", push.tax, f"Tax ({push.tax_percent}%)", {"kind": "tax"})
        finalized = await self._v1.invoices.finalize_invoice_async(
            push.stripe_invoice_id, {"auto_advance": push.auto_pay}, self._key(push, f"finalize-{push.invoice_id}")
        )
        push.stripe_status = finalized.status
        payment_intent = getattr(finalized, "payment_intent", None)
        push.payment_intent_id = payment_intent if isinstance(payment_intent, str) else None

    async def ensure_customer(self, tenant_id: str, tenant_name: str | None) -> str:
        """The tenant's Stripe customer (the same idempotency key as an invoice push's, so one customer)."""
        customer = await self._v1.customers.create_async(
            {"name": tenant_name or tenant_id, "metadata": {"tenant_id": tenant_id}},
            {"idempotency_key": f"radiant-customer-{tenant_id}"},
        )
        return customer.id

    async def billing_portal_url(self, customer_id: str, return_url: str) -> str:
        """Stripe's hosted billing portal, where the customer adds or changes a payment method."""
        try:
            portal = await self._v1.billing_portal.sessions.create_async(
                {"customer": customer_id, "return_url": return_url}
            )
        except stripe.APIConnectionError as exc:
            raise ConnectionError(f"Stripe cannot be reached: {exc}") from None
        return str(portal.url)

    async def _create_customer(self, push: InvoicePush) -> str:
        customer = await self._v1.customers.create_async(
            {"name": push.tenant_name or push.tenant_id, "metadata": {"tenant_id": push.tenant_id}},
            self._key(push, f"customer-{push.tenant_id}"),
        )
        return customer.id

    def _invoice_params(self, push: InvoicePush) -> InvoiceCreateParams:
        params: InvoiceCreateParams = {
            "customer": _created(push.customer_id),
            "currency": push.currency.lower(),
            "auto_advance": False,  # finalized explicitly once every item is on it
            "pending_invoice_items_behavior": "exclude",  # only the items we attach below
            "description": f"Radiant usage {push.period_start.isoformat()} to {push.period_end.isoformat()}",
            "metadata": {
                "radiant_invoice_id": push.invoice_id,
                "tenant_id": push.tenant_id,
                "number": push.number,
                "period_start": push.period_start.isoformat(),
                "period_end": push.period_end.isoformat(),
            },
        }
        if push.auto_pay:
            params["collection_method"] = "charge_automatically"
        else:
            params["collection_method"] = "send_invoice"
            params["days_until_due"] = push.days_until_due
        return params

    async def _add_item(
        self, push: InvoicePush, suffix: str, amount: Decimal, description: str, metadata: dict[str, str]
    ) -> None:
        params: InvoiceItemCreateParams = {
            "customer": _created(push.customer_id),
            "invoice": _created(push.stripe_invoice_id),
            "currency": push.currency.lower(),
            "amount": to_minor_units(amount, push.currency),
            "description": description[:500],
            "metadata": {"radiant_invoice_id": push.invoice_id, **metadata},
        }
        await self._v1.invoice_items.create_async(params, self._key(push, f"{suffix}-{push.invoice_id}"))

    @staticmethod
    def _key(push: InvoicePush, name: str) -> stripe.RequestOptions:
        key = f"radiant-{name}"
        push.calls.append(key)
        return {"idempotency_key": key}


def _created(stripe_id: str | None) -> str:
    """The id of an object `push_invoice` created (or found) in an earlier step."""
    if stripe_id is None:
        raise RuntimeError("the Stripe object this step needs was not created")
    return stripe_id
