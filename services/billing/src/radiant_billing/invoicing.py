"""Invoices: generation from metering's rollups, the status machine, Stripe sync and webhooks."""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import stripe
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.api import PageRequest
from radiant_contracts.envelope import make_event
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import (
    BillingPeriod,
    InvoiceCreated,
    InvoiceLine,
    InvoicePaid,
    InvoicePaymentFailed,
    SubscriptionChanged,
)
from radiant_platform.audit import record_audit
from radiant_platform.errors import Conflict, NotFound, ProblemError, invalid_fields
from radiant_platform.outbox import enqueue_event

from . import repository as repo
from .calculations import ModelUsage, compute_invoice, minor_unit_exponent, sources_for
from .deps import BillingDeps
from .models import Invoice
from .plans import service as plans
from .plans.pricing import BASE_CURRENCY
from .schemas import GenerateInvoiceRequest, InvoiceList, InvoiceOut
from .service import SERVICE, SOURCE
from .stripe_gateway import InvoicePush

log = logging.getLogger(__name__)

#: Who acts when Stripe tells us something (webhooks), and when billing itself does (sweeps).
STRIPE_ACTOR = Actor(type="service", id="stripe", name="Stripe")
BILLING_ACTOR = Actor(type="system", id="billing", name="billing")


def invoice_out(invoice: Invoice) -> InvoiceOut:
    return InvoiceOut.model_validate(invoice)


#: Invoice ids are derived from (tenant, period): the Stripe push runs inside the transaction that
#: creates the invoice, so a crash after Stripe created its invoice and before the commit loses our
#: row. Generating it again must yield the same id, number and idempotency keys (`stripe_gateway`),
#: which Stripe answers with the objects it already made — a new id would invoice the customer twice.
_INVOICE_ID_NAMESPACE = uuid.UUID("8f1c2a6e-5d0b-4c7e-9a43-2b6f0e9d7c15")


def invoice_id_for(tenant_id: str, period_start: date, period_end: date) -> uuid.UUID:
    return uuid.uuid5(_INVOICE_ID_NAMESPACE, f"{tenant_id}/{period_start.isoformat()}/{period_end.isoformat()}")


def _number(invoice_id: uuid.UUID, period_start: date) -> str:
    return f"RAD-{period_start:%Y%m}-{invoice_id.hex[:10].upper()}"


def due_date_for(period_end: date, net_days: int) -> datetime:
    """Net days counted from the day after the period closes, at midnight UTC."""
    return datetime.combine(period_end + timedelta(days=1), time(0, 0), tzinfo=UTC) + timedelta(days=net_days)


# --- generation ----------------------------------------------------------------------------------


async def generate_invoice(
    session: AsyncSession,
    deps: BillingDeps,
    tenant_id: str,
    request: GenerateInvoiceRequest,
    actor: Actor,
    *,
    today: date,
    environment: str | None = None,
    skip_if_empty: bool = False,
    usages: list[ModelUsage] | None = None,
) -> tuple[InvoiceOut | None, bool]:
    """The tenant's invoice for the period, created on first call; (invoice, created).

    `actor` is who asked (an administrator's `ctx.actor()`, or the scheduler) and `environment` the
    environment the audit events name (the caller's; none for the scheduler). `usages`: the period's
    usage when the caller already has it from metering (the invoice run reads many tenants per call);
    otherwise it is asked for here.

    Idempotent per tenant and period: the settings row lock serialises generation per tenant and
    the unique (tenant, period) constraint backs it up. An overlapping period is a 409.
    """
    settings = await repo.lock_settings(session, tenant_id)
    # Read under the lock: an operator moving the tenant to Lago meanwhile waits for this invoice.
    _refuse_provider_invoiced(settings.billing_provider or deps.settings.billing_provider)
    existing = await repo.invoice_for_period(session, tenant_id, request.period_start, request.period_end)
    if existing is not None:
        if request.send_to_stripe and existing.stripe_sync_status == "not_requested":
            await repo.request_stripe_sync(session, existing.id)
            await attempt_stripe_sync(session, deps, existing.id, actor, environment=environment)
            existing = await _reloaded(session, existing)
        return invoice_out(existing), False
    overlap = await repo.overlapping_invoice(session, tenant_id, request.period_start, request.period_end)
    if overlap is not None:
        raise Conflict(
            "An invoice already covers part of this period",
            invoiceId=str(overlap.id),
            periodStart=overlap.period_start.isoformat(),
            periodEnd=overlap.period_end.isoformat(),
        )
    if request.period_start > today:
        raise invalid_fields(
            ("periodStart", "must not be in the future"),
            detail="The period has not started yet; there is nothing to invoice",
        )
    if usages is None:
        usages = await deps.usage.usage(tenant_id, request.period_start, min(request.period_end, today))
    exchange_rate = await _usage_exchange_rate(session, settings.currency, request.period_start, bool(usages))
    fixed = await plans.plan_lines(
        session, tenant_id, request.period_end, settings.currency, rate_day=request.period_start
    )
    amounts = compute_invoice(
        usages,
        currency=settings.currency,
        tax_enabled=settings.tax_enabled,
        tax_percent=settings.tax_percent,
        configured_margin_percent=settings.margin_percent,
        exchange_rate=exchange_rate,
        fixed_amounts=[line.amount for line in fixed],
    )
    if skip_if_empty and not amounts.lines and not fixed:
        return None, False
    invoice_id = invoice_id_for(tenant_id, request.period_start, request.period_end)
    lines = [
        {
            "kind": "usage",
            "model_id": li.model_id,
            "description": li.description,
            "quantity": li.quantity,
            "total_tokens": li.total_tokens,
            "provider_cost": str(li.provider_cost),
            "amount": str(li.amount),
        }
        for li in amounts.lines
    ] + [
        {
            "kind": line.kind,
            "model_id": None,
            "description": line.description,
            "quantity": 1,
            "amount": str(line.amount),
        }
        for line in fixed
    ]
    invoice = await repo.insert_invoice(
        session,
        {
            "id": invoice_id,
            "number": _number(invoice_id, request.period_start),
            "tenant_id": tenant_id,
            "app_id": settings.app_id,
            "period_start": request.period_start,
            "period_end": request.period_end,
            "provider_cost": amounts.provider_cost,
            "subtotal": amounts.subtotal,
            "margin_percent": amounts.margin_percent,
            "margin_amount": amounts.margin_amount,
            "tax": amounts.tax,
            "tax_percent": amounts.tax_percent,
            "total": amounts.total,
            "currency": settings.currency,
            "status": "draft",
            "due_date": due_date_for(request.period_end, deps.settings.invoice_net_days),
            "line_items": lines,
            "generated_by": actor.id,
            "plan_id": await plans.plan_of(session, tenant_id),
            "exchange_rate": exchange_rate,
            "stripe_sync_status": "pending" if request.send_to_stripe else "not_requested",
            "stripe_next_attempt_at": datetime.now(UTC) if request.send_to_stripe else None,
        },
    )
    if invoice is None:  # lost a race the lock should have prevented; the winner's invoice stands
        existing = await repo.invoice_for_period(session, tenant_id, request.period_start, request.period_end)
        assert existing is not None
        return invoice_out(existing), False
    await plans.mark_invoiced(session, fixed, invoice.id)
    await enqueue_event(session, make_event(_created_event(invoice), tenant_id=tenant_id, source=SOURCE))
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=actor,
        action="invoice.generate",
        resource_type="invoice",
        resource_id=str(invoice.id),
        environment=environment,
        details={
            "periodStart": request.period_start.isoformat(),
            "periodEnd": request.period_end.isoformat(),
            "total": str(invoice.total),
            "currency": invoice.currency,
            "sendToStripe": request.send_to_stripe,
        },
    )
    if request.send_to_stripe:
        await attempt_stripe_sync(session, deps, invoice.id, actor, environment=environment)
        invoice = await _reloaded(session, invoice)
    return invoice_out(invoice), True


LAGO_INVOICES = "urn:radiant:problem:invoiced-by-provider"


def _refuse_provider_invoiced(provider: str) -> None:
    """A Lago-billed tenant's invoices are Lago's (its invoice.created webhook stores them here): an
    invoice billing wrote too would charge the same usage and plan twice, so it is refused (409)."""
    if provider == "lago":
        raise ProblemError(
            409,
            "This tenant is billed through Lago, which issues its invoices; they appear in GET /billing/invoices "
            "as Lago sends them. Billing generates invoices only for tenants it bills itself (Stripe).",
            title="Invoices are issued by the payment provider",
            type_=LAGO_INVOICES,
            provider=provider,
        )


async def _usage_exchange_rate(
    session: AsyncSession, currency: str, period_start: date, has_usage: bool
) -> Decimal | None:
    """Units of `currency` per USD for the usage lines (None: billed in USD). Without a rate in
    effect on the period's first day a non-USD invoice with usage is refused (409), never relabelled."""
    if currency == BASE_CURRENCY:
        return None
    rate = await plans.rate_for(session, currency, period_start)
    if rate is None and has_usage:
        raise plans.no_rate(currency, period_start)
    return rate


async def _reloaded(session: AsyncSession, invoice: Invoice) -> Invoice:
    """The invoice as the Stripe sync left it (the same transaction wrote it, so it is there)."""
    fresh = await repo.get_invoice(session, invoice.tenant_id, invoice.id)
    assert fresh is not None
    return fresh


def _period(invoice: Invoice) -> BillingPeriod:
    return BillingPeriod(start=invoice.period_start, end=invoice.period_end)


def _created_event(invoice: Invoice) -> InvoiceCreated:
    return InvoiceCreated(
        invoice_id=str(invoice.id),
        number=invoice.number,
        period=_period(invoice),
        total=invoice.total,
        currency=invoice.currency,
        app_id=invoice.app_id,
        subtotal=invoice.subtotal,
        margin_percent=invoice.margin_percent,
        tax=invoice.tax,
        tax_percent=invoice.tax_percent,
        due_date=invoice.due_date,
        provider_invoice_id=invoice.stripe_invoice_id,
        line_items=[
            InvoiceLine(
                description=li["description"],
                quantity=li["quantity"],
                unit_amount=Decimal(li["amount"]),
                amount=Decimal(li["amount"]),
                model_id=li.get("model_id"),
            )
            for li in invoice.line_items
        ],
    )


async def get_invoice(session: AsyncSession, tenant_id: str, invoice_id: str) -> InvoiceOut:
    try:
        parsed = uuid.UUID(invoice_id)
    except ValueError:
        raise NotFound("Invoice") from None
    invoice = await repo.get_invoice(session, tenant_id, parsed)
    if invoice is None:
        raise NotFound("Invoice")
    return invoice_out(invoice)


async def list_invoices(
    session: AsyncSession,
    tenant_id: str,
    page: PageRequest,
    *,
    status: str | None,
    period_from: date | None,
    period_to: date | None,
) -> InvoiceList:
    rows, total = await repo.list_invoices(
        session,
        tenant_id,
        status=status,
        period_from=period_from,
        period_to=period_to,
        limit=page.fetch_limit,
        offset=page.offset,
    )
    invoices, pagination = page.cut(rows)
    return InvoiceList(invoices=[invoice_out(r) for r in invoices], total=total, pagination=pagination)


# --- Stripe sync ---------------------------------------------------------------------------------


def _backoff_seconds(attempts: int, initial: int, maximum: int) -> int:
    doubled: int = initial * 2 ** max(0, attempts - 1)
    return min(maximum, doubled)


async def attempt_stripe_sync(
    session: AsyncSession, deps: BillingDeps, invoice_id: uuid.UUID, actor: Actor, *, environment: str | None = None
) -> bool:
    """Push one waiting invoice to Stripe; on failure keep the progress and schedule a retry.

    The row lock (SKIP LOCKED) keeps two workers from pushing the same invoice at once; the
    idempotency keys make a retry after a crash return the objects Stripe already created.
    """
    invoice = await repo.lock_invoice_for_sync(session, invoice_id)
    if invoice is None:
        return False
    settings = await repo.lock_settings(session, invoice.tenant_id)
    push = InvoicePush(
        invoice_id=str(invoice.id),
        tenant_id=invoice.tenant_id,
        tenant_name=settings.tenant_name,
        number=invoice.number,
        currency=invoice.currency,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        lines=[
            {"model_id": li.get("model_id"), "description": li["description"], "amount": Decimal(li["amount"])}
            for li in invoice.line_items
            if Decimal(li["amount"]) > 0
        ],
        tax=invoice.tax,
        tax_percent=invoice.tax_percent,
        auto_pay=settings.auto_pay,
        days_until_due=max(1, (invoice.due_date.date() - datetime.now(UTC).date()).days),
        customer_id=settings.stripe_customer_id,
        stripe_invoice_id=invoice.stripe_invoice_id,
    )
    try:
        await deps.stripe.push_invoice(push)
    except stripe.StripeError as exc:
        await _keep_progress(session, invoice, push)
        attempts = invoice.stripe_sync_attempts + 1
        delay = _backoff_seconds(
            attempts, deps.settings.stripe_retry_initial_seconds, deps.settings.stripe_retry_max_seconds
        )
        await repo.update_invoice(
            session,
            invoice.id,
            stripe_sync_attempts=attempts,
            stripe_last_error=f"{type(exc).__name__}: {exc}"[:1000],
            stripe_next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay),
        )
        log.warning(
            "Stripe push of invoice %s failed (attempt %d), retrying in %ds: %s",
            invoice.id,
            attempts,
            delay,
            type(exc).__name__,
        )
        return False
    await _keep_progress(session, invoice, push)
    await repo.update_invoice(
        session,
        invoice.id,
        stripe_sync_status="synced",
        stripe_sync_attempts=invoice.stripe_sync_attempts + 1,
        stripe_last_error=None,
        stripe_next_attempt_at=None,
        stripe_payment_intent_id=push.payment_intent_id,
    )
    await repo.transition_invoice(session, invoice.id, target="pending", allowed_from=sources_for("pending"))
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=invoice.tenant_id,
        actor=actor,
        action="invoice.send",
        resource_type="invoice",
        resource_id=str(invoice.id),
        environment=environment,
        details={
            "provider": "stripe",
            "providerInvoiceId": push.stripe_invoice_id,
            "total": str(invoice.total),
            "currency": invoice.currency,
        },
    )
    return True


async def _keep_progress(session: AsyncSession, invoice: Invoice, push: InvoicePush) -> None:
    if push.customer_id:
        await repo.set_stripe_customer(session, invoice.tenant_id, push.customer_id)
    if push.stripe_invoice_id and push.stripe_invoice_id != invoice.stripe_invoice_id:
        await repo.update_invoice(session, invoice.id, stripe_invoice_id=push.stripe_invoice_id)


# --- Stripe webhooks -----------------------------------------------------------------------------


def verify_webhook(payload: bytes, signature: str | None, secret: str, tolerance: int) -> dict[str, Any]:
    """The event, if Stripe signed it with our secret recently; otherwise a 400. The signature is
    checked on the raw bytes first; only then is the payload read, and only as a Stripe event
    (string `id` and `type`, `data.object` an object): a signed body of any other shape is a 400,
    never an error deeper in (Stripe's own `construct_event` fails on a body that is not an object)."""
    if not signature:
        raise ProblemError(400, "Missing Stripe-Signature header")
    try:
        text = payload.decode("utf-8")
        stripe.WebhookSignature.verify_header(text, signature, secret, tolerance=tolerance)
        event = json.loads(text)
    except stripe.SignatureVerificationError:
        raise ProblemError(400, "The webhook signature does not verify") from None
    except ValueError:  # UnicodeDecodeError and json's errors are ValueErrors
        raise ProblemError(400, "The webhook payload is not valid JSON") from None
    if not isinstance(event, dict) or not _is_stripe_event(event):
        raise ProblemError(400, "The webhook payload is not a Stripe event")
    return event


def _is_stripe_event(event: dict[str, Any]) -> bool:
    if not all(isinstance(event.get(key), str) and event[key] for key in ("id", "type")):
        return False
    data = event.get("data", {})
    return isinstance(data, dict) and isinstance(data.get("object", {}), dict)


async def handle_stripe_event(session: AsyncSession, deps: BillingDeps, event: dict[str, Any]) -> dict[str, Any]:
    if not await repo.claim_stripe_event(session, event["id"], event["type"]):
        return {"received": True, "duplicate": True}
    obj = (event.get("data") or {}).get("object") or {}
    handler = _WEBHOOK_HANDLERS.get(event["type"])
    tenant_id, outcome = (None, "ignored") if handler is None else await handler(session, deps, obj)
    await repo.set_stripe_event_outcome(session, event["id"], outcome, tenant_id)
    return {"received": True, "duplicate": False, "outcome": outcome}


def _amount(minor: Any, currency: str) -> Decimal:
    return Decimal(int(minor or 0)).scaleb(-minor_unit_exponent(currency))


def _timestamp(value: Any) -> datetime | None:
    return datetime.fromtimestamp(int(value), UTC) if isinstance(value, int) else None


async def _invoice_for(session: AsyncSession, obj: dict[str, Any]) -> Invoice | None:
    metadata = obj.get("metadata") or {}
    return await repo.find_invoice_for_stripe(
        session, radiant_invoice_id=metadata.get("radiant_invoice_id"), stripe_invoice_id=obj.get("id")
    )


async def _on_invoice_paid(session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]) -> tuple[str | None, str]:
    invoice = await _invoice_for(session, obj)
    if invoice is None:
        return None, "unknown_invoice"
    paid_at = _timestamp((obj.get("status_transitions") or {}).get("paid_at")) or datetime.now(UTC)
    payment_intent = obj.get("payment_intent") if isinstance(obj.get("payment_intent"), str) else None
    paid = await repo.transition_invoice(
        session,
        invoice.id,
        target="paid",
        allowed_from=sources_for("paid"),
        paid_at=paid_at,
        stripe_payment_intent_id=payment_intent,
        grace_until=None,
    )
    if paid is None:
        return invoice.tenant_id, f"ignored_{invoice.status}"
    amount_paid = _amount(obj["amount_paid"], paid.currency) if "amount_paid" in obj else paid.total
    await enqueue_event(
        session,
        make_event(
            InvoicePaid(
                invoice_id=str(paid.id),
                number=paid.number,
                period=_period(paid),
                total=paid.total,
                currency=paid.currency,
                app_id=paid.app_id,
                amount_paid=amount_paid,
                paid_at=paid_at,
                provider_payment_id=payment_intent,
            ),
            tenant_id=paid.tenant_id,
            source=SOURCE,
        ),
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=paid.tenant_id,
        actor=STRIPE_ACTOR,
        action="payment.succeeded",
        resource_type="invoice",
        resource_id=str(paid.id),
        details={"amountPaid": str(amount_paid), "currency": paid.currency, "providerInvoiceId": obj.get("id")},
    )
    return paid.tenant_id, "paid"


async def _on_payment_failed(session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]) -> tuple[str | None, str]:
    invoice = await _invoice_for(session, obj)
    if invoice is None:
        return None, "unknown_invoice"
    if invoice.status in ("paid", "cancelled"):
        return invoice.tenant_id, f"ignored_{invoice.status}"
    now = datetime.now(UTC)
    attempts = int(obj.get("attempt_count") or invoice.payment_attempts + 1)
    # The grace period runs from the first failure; the overdue sweep acts when it ends.
    grace_until = invoice.grace_until or now + timedelta(days=deps.settings.payment_grace_days)
    await repo.update_invoice(
        session, invoice.id, payment_attempts=attempts, payment_failed_at=now, grace_until=grace_until
    )
    reason = (obj.get("last_finalization_error") or {}).get("message") or obj.get("billing_reason") or "payment_failed"
    await enqueue_event(
        session,
        make_event(
            InvoicePaymentFailed(
                invoice_id=str(invoice.id),
                number=invoice.number,
                period=_period(invoice),
                total=invoice.total,
                currency=invoice.currency,
                app_id=invoice.app_id,
                failure_reason=str(reason)[:1000],
                attempt_count=attempts,
                next_attempt_at=_timestamp(obj.get("next_payment_attempt")),
            ),
            tenant_id=invoice.tenant_id,
            source=SOURCE,
        ),
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=invoice.tenant_id,
        actor=STRIPE_ACTOR,
        action="payment.failed",
        resource_type="invoice",
        resource_id=str(invoice.id),
        outcome="failure",
        details={"attemptCount": attempts, "graceUntil": grace_until.isoformat(), "providerInvoiceId": obj.get("id")},
    )
    return invoice.tenant_id, "payment_failed"


async def _on_subscription_deleted(
    session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]
) -> tuple[str | None, str]:
    customer = obj.get("customer")
    tenant_id = await repo.tenant_for_stripe_customer(session, customer) if isinstance(customer, str) else None
    tenant_id = tenant_id or (obj.get("metadata") or {}).get("tenant_id")
    if not tenant_id:
        return None, "unknown_customer"
    items = (obj.get("items") or {}).get("data") or [{}]
    price = (items[0] or {}).get("price") or (items[0] or {}).get("plan") or {}
    plan = str(price.get("lookup_key") or price.get("id") or "stripe-subscription")
    effective = _timestamp(obj.get("ended_at")) or _timestamp(obj.get("canceled_at")) or datetime.now(UTC)
    await enqueue_event(
        session,
        make_event(
            SubscriptionChanged(
                subscription_id=obj.get("id"),
                change="cancelled",
                previous_plan=plan,
                plan=plan,
                status="cancelled",
                effective_at=effective,
                provider="stripe",
            ),
            tenant_id=tenant_id,
            source=SOURCE,
        ),
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=STRIPE_ACTOR,
        action="subscription.cancel",
        resource_type="subscription",
        resource_id=obj.get("id"),
        details={"provider": "stripe", "plan": plan},
    )
    return tenant_id, "subscription_cancelled"


_WEBHOOK_HANDLERS = {
    "invoice.paid": _on_invoice_paid,
    "invoice.payment_succeeded": _on_invoice_paid,
    "invoice.payment_failed": _on_payment_failed,
    "customer.subscription.deleted": _on_subscription_deleted,
}


# --- sweeps --------------------------------------------------------------------------------------


async def sweep_overdue(session: AsyncSession, now: datetime) -> int:
    overdue = await repo.mark_overdue(session, now)
    for invoice in overdue:
        grace_until = invoice.grace_until.isoformat() if invoice.grace_until else None
        await record_audit(
            session,
            service=SERVICE,
            tenant_id=invoice.tenant_id,
            actor=BILLING_ACTOR,
            action="invoice.overdue",
            resource_type="invoice",
            resource_id=str(invoice.id),
            details={"dueDate": invoice.due_date.isoformat(), "graceUntil": grace_until},
        )
    return len(overdue)
