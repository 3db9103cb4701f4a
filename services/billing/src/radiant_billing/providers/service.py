"""The provider boundary's rules: which provider bills a tenant, Lago's customer and subscription
(pending until Lago has them, retried with backoff), usage forwarded to Lago, Lago's webhooks, and
the hosted payment-method page of either provider. Functions take the caller's session and never commit.
"""

from __future__ import annotations

import json
import logging
import re
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.envelope import make_event
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import (
    BillingPeriod,
    InvoiceCreated,
    InvoiceLine,
    InvoicePaid,
    InvoicePaymentFailed,
    SubscriptionChange,
    SubscriptionChanged,
    SubscriptionStatus,
)
from radiant_platform.audit import record_audit
from radiant_platform.consumer import Delivery
from radiant_platform.context import RequestContext
from radiant_platform.db import unit_of_work
from radiant_platform.errors import NotFound, ProblemError
from radiant_platform.outbox import enqueue_event

from .. import repository as billing_repo
from ..calculations import minor_unit_exponent, round_money, sources_for, to_minor_units
from ..config import Settings
from ..deps import BillingDeps
from ..models import Invoice
from ..plans import repository as plans_repo
from . import repository as repo
from .lago_gateway import LagoCustomer, LagoPlan, LagoRefused, LagoUnavailable, LagoUsageEvent, usage_properties
from .models import ProviderSync
from .signatures import SignatureRefused, verify_signature

log = logging.getLogger(__name__)
SERVICE = "billing"
SOURCE = "radiant/billing"
LAGO = "lago"
STRIPE = "stripe"
LAGO_ACTOR = Actor(type="service", id="lago", name="Lago")
MAX_ID = 255  # our ids (tenants, subscriptions' external ids), as stored
MAX_LAGO_ID = 100  # Lago's ids (UUIDs), as stored with an invoice
SYNC_ACTOR = Actor(type="system", id="billing", name="billing")

# --- which provider --------------------------------------------------------------------------------


def subscription_external_id(tenant_id: str) -> str:
    """The tenant's subscription id at Lago: stable, so plan changes move the same subscription."""
    return f"radiant-{tenant_id}"


async def providers_of(session: AsyncSession, settings: Settings, tenant_ids: Sequence[str]) -> dict[str, str]:
    overrides = await repo.provider_overrides(session, tenant_ids)
    return {t: overrides.get(t) or settings.billing_provider for t in tenant_ids}


async def provider_of(session: AsyncSession, settings: Settings, tenant_id: str) -> str:
    return (await providers_of(session, settings, [tenant_id]))[tenant_id]


async def set_tenant_provider(
    session: AsyncSession, deps: BillingDeps, ctx: RequestContext, tenant_id: str, provider: str | None
) -> str:
    """An operator moves a tenant to a provider (None: the platform's). Invoices already issued stay
    as they are, readable at /billing/invoices whoever issued them; moving to Lago creates the
    tenant's Lago customer and subscription (pending until Lago has them)."""
    if await billing_repo.get_settings(session, tenant_id) is None:  # no tenant event named it
        raise NotFound("Tenant")
    before = await provider_of(session, deps.settings, tenant_id)
    await repo.set_provider_override(session, tenant_id, provider)
    after = provider or deps.settings.billing_provider
    if after == LAGO:
        await want_lago_account(session, deps, tenant_id)
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=ctx.actor(),
        action="billing.provider_change",
        resource_type="billing_settings",
        resource_id=tenant_id,
        details={"from": before, "to": after, "override": provider},
    )
    return after


# --- Lago customer and subscription ----------------------------------------------------------------


async def on_tenant_event(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, *, contact_email: str | None = None
) -> None:
    """`tenant.created` / `tenant.updated` (billing has stored the tenant's name): Lago's customer is
    created or updated; a new tenant also gets its subscription. `tenant.created` names the address the
    first super_admin is invited at: the tenant's billing email until one is set."""
    if contact_email:
        await repo.set_billing_email_if_unset(session, tenant_id, contact_email)
    if await provider_of(session, deps.settings, tenant_id) != LAGO:
        return
    await want_lago_account(session, deps, tenant_id)


async def want_lago_account(session: AsyncSession, deps: BillingDeps, tenant_id: str) -> None:
    await want_customer(session, tenant_id)
    if await repo.get_sync(session, tenant_id, LAGO, "subscription") is None:
        await want_subscription(session, tenant_id, await _plan_code(session, deps, tenant_id))
    await attempt_sync(session, deps, tenant_id, "customer")
    await attempt_sync(session, deps, tenant_id, "subscription")


async def _plan_code(session: AsyncSession, deps: BillingDeps, tenant_id: str) -> str:
    """The tenant's plan in billing's plans (its Lago plan has the same code), else the configured default."""
    subscription = await plans_repo.get_subscription(session, tenant_id)
    return subscription.plan_id if subscription is not None else deps.settings.lago_default_plan_code


async def want_customer(session: AsyncSession, tenant_id: str) -> None:
    row = await billing_repo.lock_settings(session, tenant_id)
    wanted = {
        "name": row.tenant_name or tenant_id,
        "email": row.billing_email,
        "currency": row.currency,
        "tax_identification_number": row.tax_id,
    }
    await repo.want_sync(
        session, tenant_id=tenant_id, provider=LAGO, kind="customer", external_id=tenant_id, wanted=wanted
    )


async def want_subscription(session: AsyncSession, tenant_id: str, plan_code: str) -> None:
    await repo.want_sync(
        session,
        tenant_id=tenant_id,
        provider=LAGO,
        kind="subscription",
        external_id=subscription_external_id(tenant_id),
        wanted={"plan_code": plan_code},
    )


async def change_lago_plan(session: AsyncSession, deps: BillingDeps, tenant_id: str, plan_code: str) -> None:
    """The seam for billing's plans: the tenant's plan changed; Lago's subscription follows."""
    if await provider_of(session, deps.settings, tenant_id) != LAGO:
        return
    await want_subscription(session, tenant_id, plan_code)
    await attempt_sync(session, deps, tenant_id, "subscription")


#: Plan changes that leave the tenant on a plan Lago should bill (cancellation is Lago's to decide).
FOLLOWED_CHANGES = ("created", "upgrade", "downgrade", "renewed")


async def follow_plan_change(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, changed: SubscriptionChanged
) -> None:
    """Billing's plans changed the tenant's plan: its Lago subscription (same external id) moves to it."""
    if changed.provider != "internal" or changed.change not in FOLLOWED_CHANGES:
        return
    await change_lago_plan(session, deps, tenant_id, changed.plan)


def _backoff(attempts: int, settings: Settings) -> timedelta:
    seconds = settings.lago_retry_initial_seconds * 2 ** max(0, attempts - 1)
    return timedelta(seconds=min(settings.lago_retry_max_seconds, seconds))


async def attempt_sync(session: AsyncSession, deps: BillingDeps, tenant_id: str, kind: str) -> bool:
    """Give Lago what billing wants it to hold; on an outage keep it pending and retry later."""
    row = await repo.lock_sync(session, tenant_id, LAGO, kind)
    if row is None:
        return False
    now = datetime.now(UTC)
    if kind == "subscription":
        customer = await repo.get_sync(session, tenant_id, LAGO, "customer")
        if customer is None or customer.status != "synced":  # Lago needs the customer first
            await repo.update_sync(session, row, next_attempt_at=now + _backoff(1, deps.settings))
            return False
    try:
        await _push(session, deps, row)
    except LagoUnavailable as exc:
        attempts = row.attempts + 1
        await repo.update_sync(
            session,
            row,
            attempts=attempts,
            last_error=str(exc)[:1000],
            next_attempt_at=now + _backoff(attempts, deps.settings),
        )
        log.warning("Lago %s of tenant %s pending (attempt %d): %s", kind, tenant_id, attempts, exc)
        return False
    except LagoRefused as exc:
        await repo.update_sync(session, row, status="refused", attempts=row.attempts + 1, last_error=str(exc)[:1000])
        log.error("Lago refused the %s of tenant %s: %s", kind, tenant_id, exc)
        return False
    await repo.update_sync(
        session, row, status="synced", synced=row.wanted, synced_at=now, attempts=row.attempts + 1, last_error=None
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=SYNC_ACTOR,
        action=f"lago.{kind}_sync",
        resource_type=kind,
        resource_id=row.external_id,
        details={"provider": LAGO, **row.wanted},
    )
    return True


async def _lago_plan(session: AsyncSession, tenant_id: str, plan_code: str) -> LagoPlan | None:
    """The platform plan as Lago holds it (name, monthly fee in the tenant's currency, else USD); None
    for a code billing's plans do not have (configured in Lago only, e.g. the default plan code)."""
    version = await plans_repo.latest_version(session, plan_code)
    if version is None:
        return None
    currency = (await billing_repo.lock_settings(session, tenant_id)).currency
    if currency not in version.prices:
        currency = "USD" if "USD" in version.prices else sorted(version.prices)[0]
    fee = round_money(Decimal(version.prices[currency]), currency)
    return LagoPlan(
        code=plan_code,
        name=version.name,
        description=version.description,
        amount_cents=to_minor_units(fee, currency),
        currency=currency,
    )


async def _push(session: AsyncSession, deps: BillingDeps, row: ProviderSync) -> None:
    wanted = row.wanted
    if row.kind == "customer":
        await deps.lago_gateway.upsert_customer(
            LagoCustomer(
                external_id=row.tenant_id,
                name=wanted["name"],
                email=wanted.get("email"),
                currency=wanted["currency"],
                tax_identification_number=wanted.get("tax_identification_number"),
            )
        )
    else:
        # the plan first: Lago refuses a subscription to a plan it does not have
        plan = await _lago_plan(session, row.tenant_id, wanted["plan_code"])
        if plan is not None:
            await deps.lago_gateway.upsert_plan(plan)
        await deps.lago_gateway.upsert_subscription(
            external_customer_id=row.tenant_id, external_id=row.external_id, plan_code=wanted["plan_code"]
        )


# --- usage -----------------------------------------------------------------------------------------


def _lago_event(delivery: Delivery, settings: Settings) -> LagoUsageEvent:
    usage = delivery.event.data
    tenant_id = delivery.event.tenantid
    return LagoUsageEvent(
        transaction_id=usage.request_id,
        external_subscription_id=subscription_external_id(tenant_id),
        code=settings.lago_usage_metric_code,
        timestamp=usage.occurred_at.timestamp(),
        properties=usage_properties(
            {
                "model": usage.model_id,
                "provider": usage.provider_id,
                "request_type": usage.request_type,
                "input_tokens": usage.input_tokens,
                "output_tokens": usage.output_tokens,
                "requests": 1,
                "environment": usage.environment,
            }
        ),
    )


async def forward_usage(
    session: AsyncSession,
    deps: BillingDeps,
    sessions: Callable[[], async_sessionmaker[AsyncSession]],
    consumer: str,
    deliveries: list[Delivery],
) -> int:
    """Send the usage of Lago-billed tenants to Lago, in batches of at most 100, each event once.

    Each batch Lago accepted is recorded in its own transaction at once, so a failure later in the
    Kafka batch (which rewinds it) never sends an accepted event again; a crash between Lago's answer
    and that record resends it with the same transaction id, which Lago deduplicates. Lago being
    down raises `LagoUnavailable` (the consumer rewinds and retries); Lago refusing raises
    `LagoRefused`, and the consumer isolates the event that Lago refuses into the DLQ with its error.
    """
    tenants = sorted({d.event.tenantid for d in deliveries})
    billed_by_lago = {t for t, p in (await providers_of(session, deps.settings, tenants)).items() if p == LAGO}
    events: dict[tuple[str, str], LagoUsageEvent] = {}
    for delivery in deliveries:
        if delivery.event.tenantid in billed_by_lago:
            event = _lago_event(delivery, deps.settings)
            events.setdefault((delivery.event.tenantid, event.transaction_id), event)  # a request counts once
    sent = await repo.already_sent(session, list(events))
    todo = [(key, event) for key, event in events.items() if key not in sent]
    size = deps.settings.lago_usage_batch_size
    for start in range(0, len(todo), size):
        chunk = todo[start : start + size]
        await deps.lago_gateway.send_events([event for _, event in chunk])
        async with unit_of_work(sessions()) as own:
            await repo.record_sent(
                own, consumer=consumer, batch_id=uuid.uuid4(), sent=[(t, tenant) for (tenant, t), _ in chunk]
            )
    return len(todo)


# --- webhooks --------------------------------------------------------------------------------------


def _unavailable(exc: Exception) -> ProblemError:
    return ProblemError(503, f"Lago cannot be reached to verify the signature: {exc}", headers={"Retry-After": "30"})


async def verify_lago_webhook(deps: BillingDeps, body: bytes, headers: dict[str, str]) -> dict[str, Any]:
    """The webhook's payload if Lago signed exactly this body; 401 otherwise (nothing happens)."""
    try:
        await verify_signature(
            body,
            signature=headers.get("x-lago-signature"),
            algorithm=headers.get("x-lago-signature-algorithm"),
            public_key=deps.lago_webhook_key,
            hmac_key=deps.settings.lago_hmac_key,
            issuer=deps.settings.lago_webhook_issuer,
        )
    except SignatureRefused as exc:
        raise ProblemError(401, f"The Lago webhook signature is refused: {exc}") from None
    except (LagoUnavailable, LagoRefused) as exc:
        raise _unavailable(exc) from None
    try:
        payload = json.loads(body)
    except ValueError:
        raise ProblemError(400, "The webhook payload is not valid JSON") from None
    if not _is_lago_webhook(payload):
        raise ProblemError(400, "The webhook payload is not a Lago webhook (webhook_type and object_type, as text)")
    webhook: dict[str, Any] = payload
    return webhook


def _is_lago_webhook(payload: Any) -> bool:
    """As Lago's document (and our endpoint's) defines every webhook: `webhook_type` and `object_type` text."""
    if not isinstance(payload, dict):
        return False
    webhook_type, object_type = payload.get("webhook_type"), payload.get("object_type")
    return isinstance(webhook_type, str) and bool(webhook_type) and isinstance(object_type, str)


def _object_of(payload: dict[str, Any]) -> dict[str, Any]:
    obj = payload.get(str(payload.get("object_type")))
    return obj if isinstance(obj, dict) else {}


def _webhook_key(payload: dict[str, Any], obj: dict[str, Any], unique_key: str | None) -> tuple[str, str | None]:
    """Lago's unique key when it sends one, else the object and type (plus the payment status, since
    one invoice's payment status changes more than once)."""
    object_id = obj.get("lago_id") or obj.get("lago_invoice_id")
    if unique_key:
        return f"key:{unique_key}"[:255], object_id
    suffix = f":{obj.get('payment_status')}" if payload["webhook_type"] == "invoice.payment_status_updated" else ""
    return f"{payload['webhook_type']}:{object_id}{suffix}"[:255], object_id


async def handle_lago_webhook(
    session: AsyncSession, deps: BillingDeps, payload: dict[str, Any], unique_key: str | None
) -> dict[str, Any]:
    obj = _object_of(payload)
    key, object_id = _webhook_key(payload, obj, unique_key)
    if not await repo.claim_webhook(session, key, payload["webhook_type"], object_id):
        return {"received": True, "duplicate": True}
    handler = _WEBHOOK_HANDLERS.get(payload["webhook_type"])
    try:
        tenant_id, outcome = (None, "ignored") if handler is None else await handler(session, deps, obj)
    except (ValueError, TypeError, ArithmeticError) as exc:  # signed, but not the object Lago's document defines
        raise ProblemError(
            400,
            f"The {payload['webhook_type']} webhook's {payload.get('object_type')} is not as Lago defines it: {exc}"[
                :500
            ],
        ) from None
    await repo.set_webhook_outcome(session, key, outcome, tenant_id)
    return {"received": True, "duplicate": False, "outcome": outcome}


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _amount(cents: Any, currency: str) -> Decimal:
    return Decimal(int(cents or 0)).scaleb(-minor_unit_exponent(currency))


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        return None


async def _known_tenant(session: AsyncSession, tenant_id: Any) -> str | None:
    """The tenant, if billing knows it (a tenant event named it): Lago's customers are our tenants."""
    if not isinstance(tenant_id, str) or not 0 < len(tenant_id) <= MAX_ID:
        return None
    return tenant_id if await billing_repo.get_settings(session, tenant_id) is not None else None


async def _tenant_of_invoice(session: AsyncSession, obj: dict[str, Any]) -> str | None:
    customer = _mapping(obj.get("customer"))
    if customer.get("external_id"):
        return await _known_tenant(session, customer["external_id"])
    for period in obj.get("billing_periods") or []:
        subscription = _mapping(period).get("external_subscription_id")
        if isinstance(subscription, str) and len(subscription) <= MAX_ID:
            return await repo.tenant_for_subscription(session, LAGO, subscription)
    return None


def _currency(value: Any) -> str:
    currency = str(value or "USD").upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        raise ValueError(f"currency {currency[:10]!r} is no ISO 4217 code")
    return currency


def _lago_id(value: Any) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_LAGO_ID:
        raise ValueError("lago_id is missing or longer than a Lago id")
    return value


def _lago_period(obj: dict[str, Any], issued: date) -> tuple[date, date]:
    for period in obj.get("billing_periods") or []:
        if isinstance(period, dict):
            start = _date(period.get("charges_from_datetime")) or _date(period.get("subscription_from_datetime"))
            end = _date(period.get("charges_to_datetime")) or _date(period.get("subscription_to_datetime"))
            if start and end and end >= start:
                return start, end
    return issued, issued


def _invoice_lines(obj: dict[str, Any], currency: str) -> list[dict[str, Any]]:
    lines = []
    for fee in obj.get("fees") or []:
        if not isinstance(fee, dict):
            continue
        item = _mapping(fee.get("item"))
        amount = _amount(fee.get("amount_cents"), currency)
        lines.append(
            {
                "model_id": item.get("code"),
                "description": str(item.get("name") or item.get("code") or "Lago fee")[:500],
                "quantity": int(Decimal(str(fee.get("units") or 0))),
                "total_tokens": 0,
                "provider_cost": "0",
                "amount": str(amount),
            }
        )
    return lines


async def _on_invoice_created(session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]) -> tuple[str | None, str]:
    lago_id = _lago_id(obj.get("lago_id"))
    tenant_id = await _tenant_of_invoice(session, obj)
    if not tenant_id:
        return None, "unknown_customer"
    currency = _currency(obj.get("currency"))
    issued = _date(obj.get("issuing_date")) or datetime.now(UTC).date()
    start, end = _lago_period(obj, issued)
    due = _date(obj.get("payment_due_date")) or issued
    subtotal = _amount(obj.get("sub_total_excluding_taxes_amount_cents", obj.get("fees_amount_cents")), currency)
    tax = _amount(obj.get("taxes_amount_cents"), currency)
    settings = await billing_repo.lock_settings(session, tenant_id)
    paid = obj.get("payment_status") == "succeeded"
    invoice = await repo.insert_provider_invoice(
        session,
        {
            "id": uuid.uuid4(),
            "number": str(obj.get("number") or lago_id)[:64],
            "tenant_id": tenant_id,
            "app_id": settings.app_id,
            "period_start": start,
            "period_end": end,
            "provider_cost": Decimal(0),
            "subtotal": subtotal,
            "margin_percent": Decimal(0),
            "margin_amount": Decimal(0),
            "tax": tax,
            "tax_percent": (tax / subtotal * 100).quantize(Decimal("0.01")) if subtotal else Decimal(0),
            "total": _amount(obj.get("total_amount_cents"), currency),
            "currency": currency,
            "status": "paid" if paid else "pending",
            "due_date": datetime.combine(due, time(0, 0), tzinfo=UTC),
            "paid_at": datetime.now(UTC) if paid else None,
            "line_items": _invoice_lines(obj, currency),
            "generated_by": "lago",
            "provider": LAGO,
            "provider_invoice_id": lago_id,
            "stripe_sync_status": "not_requested",
        },
    )
    if invoice is None:  # stored by an earlier delivery under another unique key
        return tenant_id, "duplicate_invoice"
    await enqueue_event(session, make_event(_created_event(invoice), tenant_id=tenant_id, source=SOURCE))
    await _audit(session, tenant_id, "invoice.receive", invoice, {"providerInvoiceId": lago_id})
    return tenant_id, "invoice_stored"


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
        provider_invoice_id=invoice.provider_invoice_id,
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


async def _audit(
    session: AsyncSession,
    tenant_id: str,
    action: str,
    invoice: Invoice,
    details: dict[str, Any],
    outcome: str = "success",
) -> None:
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=LAGO_ACTOR,
        action=action,
        resource_type="invoice",
        resource_id=str(invoice.id),
        outcome=outcome,
        details={"provider": LAGO, **details},
    )


async def _on_payment_failure(session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]) -> tuple[str | None, str]:
    lago_id = _lago_id(obj.get("lago_invoice_id") or obj.get("lago_id"))
    invoice = await repo.find_provider_invoice(session, LAGO, lago_id)
    if invoice is None:
        return None, "unknown_invoice"
    if invoice.status in ("paid", "cancelled"):
        return invoice.tenant_id, f"ignored_{invoice.status}"
    now = datetime.now(UTC)
    attempts = invoice.payment_attempts + 1
    # The grace period runs from the first failure; the overdue sweep acts when it ends.
    grace_until = invoice.grace_until or now + timedelta(days=deps.settings.payment_grace_days)
    await billing_repo.update_invoice(
        session, invoice.id, payment_attempts=attempts, payment_failed_at=now, grace_until=grace_until
    )
    error = obj.get("provider_error")
    reason = json.dumps(error, default=str) if isinstance(error, dict) else str(error or "payment_failed")
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
                failure_reason=reason[:1000],
                attempt_count=attempts,
            ),
            tenant_id=invoice.tenant_id,
            source=SOURCE,
        ),
    )
    await _audit(
        session,
        invoice.tenant_id,
        "payment.failed",
        invoice,
        {"attemptCount": attempts, "graceUntil": grace_until.isoformat()},
        "failure",
    )
    return invoice.tenant_id, "payment_failed"


async def _on_payment_status(session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]) -> tuple[str | None, str]:
    lago_id = _lago_id(obj.get("lago_id"))
    invoice = await repo.find_provider_invoice(session, LAGO, lago_id)
    if invoice is None:
        return None, "unknown_invoice"
    if obj.get("payment_status") != "succeeded":
        return invoice.tenant_id, f"payment_{obj.get('payment_status')}"
    paid_at = datetime.now(UTC)
    paid = await billing_repo.transition_invoice(
        session, invoice.id, target="paid", allowed_from=sources_for("paid"), paid_at=paid_at, grace_until=None
    )
    if paid is None:
        return invoice.tenant_id, f"ignored_{invoice.status}"
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
                amount_paid=paid.total,
                paid_at=paid_at,
                provider_payment_id=str(lago_id),
            ),
            tenant_id=paid.tenant_id,
            source=SOURCE,
        ),
    )
    await _audit(session, paid.tenant_id, "payment.succeeded", paid, {"providerInvoiceId": lago_id})
    return paid.tenant_id, "paid"


async def _subscription_tenant(session: AsyncSession, obj: dict[str, Any]) -> str | None:
    external_id = obj.get("external_id")
    if isinstance(external_id, str) and len(external_id) <= MAX_ID:
        tenant = await repo.tenant_for_subscription(session, LAGO, external_id)
        if tenant is not None:
            return tenant
    return await _known_tenant(session, obj.get("external_customer_id"))


def _subscription_event(
    obj: dict[str, Any], change: SubscriptionChange, status: SubscriptionStatus
) -> SubscriptionChanged:
    plan = obj.get("plan_code") or _mapping(obj.get("plan")).get("code") or "lago-subscription"
    return SubscriptionChanged(
        subscription_id=str(obj.get("external_id") or obj.get("lago_id") or "")[:255] or None,
        change=change,
        previous_plan=str(plan),
        plan=str(plan),
        status=status,
        effective_at=datetime.now(UTC),
        provider="lago",
    )


async def _on_subscription(
    session: AsyncSession, obj: dict[str, Any], *, change: SubscriptionChange, status: SubscriptionStatus, action: str
) -> tuple[str | None, str]:
    """Terminated: identity suspends the tenant (its lifecycle consumes `subscription.changed`);
    started: it is reactivated."""
    tenant_id = await _subscription_tenant(session, obj)
    if not tenant_id:
        return None, "unknown_subscription"
    await enqueue_event(
        session, make_event(_subscription_event(obj, change, status), tenant_id=tenant_id, source=SOURCE)
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=LAGO_ACTOR,
        action=action,
        resource_type="subscription",
        resource_id=str(obj.get("external_id") or ""),
        details={"provider": LAGO, "plan": obj.get("plan_code")},
    )
    return tenant_id, f"subscription_{status}"


async def _on_subscription_terminated(
    session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]
) -> tuple[str | None, str]:
    return await _on_subscription(
        session, obj, change="terminated", status="terminated", action="subscription.terminate"
    )


async def _on_subscription_started(
    session: AsyncSession, deps: BillingDeps, obj: dict[str, Any]
) -> tuple[str | None, str]:
    return await _on_subscription(session, obj, change="created", status="active", action="subscription.start")


_WEBHOOK_HANDLERS = {
    "invoice.created": _on_invoice_created,
    "invoice.payment_failure": _on_payment_failure,
    "invoice.payment_failed": _on_payment_failure,  # the name the seed uses for Lago's payment_failure
    "invoice.payment_status_updated": _on_payment_status,
    "subscription.terminated": _on_subscription_terminated,
    "subscription.started": _on_subscription_started,
}


# --- payment method --------------------------------------------------------------------------------


async def payment_method_url(session: AsyncSession, deps: BillingDeps, ctx: RequestContext) -> tuple[str, str]:
    """(provider, URL of the provider's hosted page where the tenant adds or changes its payment method)."""
    tenant_id = ctx.tenant_id
    provider = await provider_of(session, deps.settings, tenant_id)
    try:
        if provider == LAGO:
            customer = await repo.get_sync(session, tenant_id, LAGO, "customer")
            if customer is None or customer.status != "synced":
                raise ProblemError(
                    409,
                    "The tenant's Lago customer is not created yet; try again shortly",
                    headers={"Retry-After": "30"},
                )
            url = await deps.lago_gateway.payment_method_url(tenant_id)
        else:
            settings = await billing_repo.lock_settings(session, tenant_id)
            customer_id = settings.stripe_customer_id
            if customer_id is None:
                customer_id = await deps.stripe.ensure_customer(tenant_id, settings.tenant_name)
                await billing_repo.set_stripe_customer(session, tenant_id, customer_id)
            url = await deps.stripe.billing_portal_url(customer_id, deps.settings.payment_method_return())
    except (LagoUnavailable, ConnectionError) as exc:
        raise ProblemError(
            503, f"The billing provider cannot be reached: {exc}", headers={"Retry-After": "30"}
        ) from None
    except LagoRefused as exc:
        raise ProblemError(502, f"Lago refused: {exc.error}") from None
    if not url:
        raise NotFound("Payment method page")
    await ctx.audit(
        session, "billing.payment_method_link", "billing_settings", tenant_id, details={"provider": provider}
    )
    return provider, url
