"""Billing with Lago as the provider, against Lago's published contract (Prism, request validation on).

Billing's own functions run here, in the test process, on the real billing schema and the stack's
Prism (`LAGO_API_URL`): every request the official client makes must be one Lago's document allows,
or Prism answers 4xx and the test fails. A recording wrapper keeps what was sent.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

import pytest_asyncio
from aiokafka.structs import ConsumerRecord
from cryptography.hazmat.primitives import serialization
from sqlalchemy import text

from radiant_billing import repository as billing_repo
from radiant_billing.config import Settings
from radiant_billing.deps import BillingDeps
from radiant_billing.providers import repository as repo
from radiant_billing.providers import service
from radiant_billing.providers.consumers import lago_usage_consumer
from radiant_billing.providers.lago_gateway import LagoGateway, LagoRefused, LagoUnavailable
from radiant_billing.providers.signatures import LagoPublicKey, hmac_signature
from radiant_contracts.envelope import make_event
from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.events.usage import UsageRecorded
from radiant_platform.consumer import Delivery
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work


class Recording:
    """The real gateway (to Prism), remembering each call that Prism accepted."""

    def __init__(self, gateway: LagoGateway) -> None:
        self.gateway = gateway
        self.calls: list[tuple[str, object]] = []

    async def upsert_customer(self, customer):  # type: ignore[no-untyped-def]
        await self.gateway.upsert_customer(customer)
        self.calls.append(("customer", customer))

    async def upsert_subscription(self, **kwargs):  # type: ignore[no-untyped-def]
        await self.gateway.upsert_subscription(**kwargs)
        self.calls.append(("subscription", kwargs))

    async def upsert_plan(self, plan):  # type: ignore[no-untyped-def]
        await self.gateway.upsert_plan(plan)
        self.calls.append(("plan", plan))

    async def send_events(self, events):  # type: ignore[no-untyped-def]
        await self.gateway.send_events(events)
        self.calls.append(("events", [e.transaction_id for e in events]))

    async def payment_method_url(self, external_customer_id):  # type: ignore[no-untyped-def]
        return await self.gateway.payment_method_url(external_customer_id)

    async def webhook_public_key(self):  # type: ignore[no-untyped-def]
        return await self.gateway.webhook_public_key()


@pytest_asyncio.fixture
async def lago(platform):
    settings = Settings().model_copy(update={"billing_provider": "lago", "lago_webhook_hmac_key": "test-hmac-key"})
    engine = create_engine(settings)
    maker = create_sessionmaker(engine)
    gateway = Recording(LagoGateway(settings.lago_api_url, settings.lago_api_key, attempts=1))
    deps = BillingDeps(
        settings=settings,
        usage=None,  # type: ignore[arg-type]
        approvals=None,  # type: ignore[arg-type]
        stripe=None,  # type: ignore[arg-type]
        administrators=None,  # type: ignore[arg-type]
        decisions=None,  # type: ignore[arg-type]
        lago=gateway,  # type: ignore[arg-type]
        lago_public_key=LagoPublicKey(gateway.webhook_public_key),
    )
    try:
        yield deps, gateway, maker
    finally:
        await engine.dispose()


async def _new_lago_tenant(deps, maker) -> str:
    tenant = f"t-lago-{uuid.uuid4().hex[:10]}"
    async with unit_of_work(maker) as session:
        await billing_repo.upsert_tenant_info(session, tenant, app_id="radiant-app", name="Acme", status="active")
        await service.on_tenant_event(session, deps, tenant)
    return tenant


async def test_a_new_tenant_gets_its_lago_customer_and_subscription(lago):
    deps, gateway, maker = lago
    tenant = await _new_lago_tenant(deps, maker)
    kinds = [kind for kind, _ in gateway.calls]
    assert kinds == ["customer", "subscription"]
    assert gateway.calls[0][1].external_id == tenant
    assert gateway.calls[1][1] == {
        "external_customer_id": tenant,
        "external_id": f"radiant-{tenant}",
        "plan_code": deps.settings.lago_default_plan_code,
    }
    async with unit_of_work(maker) as session:
        for kind in ("customer", "subscription"):
            row = await repo.get_sync(session, tenant, "lago", kind)
            assert row is not None and row.status == "synced"
        # tenant.updated redelivered with nothing new: Lago is not called again
        await service.on_tenant_event(session, deps, tenant)
    assert len(gateway.calls) == 2


async def test_lago_down_keeps_the_customer_pending_until_the_retry(lago):
    deps, gateway, maker = lago
    down = BillingDeps(**{**deps.__dict__, "lago": LagoGateway("http://127.0.0.1:9", "k", attempts=1)})
    tenant = f"t-lago-{uuid.uuid4().hex[:10]}"
    async with unit_of_work(maker) as session:
        await billing_repo.upsert_tenant_info(session, tenant, app_id="radiant-app", name="Acme", status="active")
        await service.on_tenant_event(session, down, tenant)
    async with unit_of_work(maker) as session:
        row = await repo.get_sync(session, tenant, "lago", "customer")
        assert row.status == "pending" and row.attempts == 1 and "failed" in row.last_error
        assert row.next_attempt_at > datetime.now(UTC)
        await repo.update_sync(session, row, next_attempt_at=datetime.now(UTC))  # the backoff has passed
    async with unit_of_work(maker) as session:
        assert await service.attempt_sync(session, deps, tenant, "customer")
        # the subscription waited for its customer; now it goes too
        assert await service.attempt_sync(session, deps, tenant, "subscription")
    assert [k for k, _ in gateway.calls] == ["customer", "subscription"]


def _usage(tenant: str, i: int) -> Delivery:
    data = UsageRecorded(
        request_id=f"req-{tenant}-{i}",
        provider_id="openai",
        model_id="gpt-4o",
        model_name="GPT-4o",
        request_type="chat",
        input_tokens=100 + i,
        output_tokens=10,
        latency_ms=5,
        app_id="radiant-app",
        environment="dev",
        occurred_at=datetime.now(UTC),
    )
    return Delivery(make_event(data, tenant_id=tenant, source="radiant/ai-gateway"), None)  # type: ignore[arg-type]


async def test_250_usage_events_are_3_batches_and_a_redelivery_sends_nothing_twice(lago):
    deps, gateway, maker = lago
    tenant = await _new_lago_tenant(deps, maker)
    gateway.calls.clear()
    deliveries = [_usage(tenant, i) for i in range(250)]

    class Crash(Exception):
        pass

    # Lago accepts the first batch, then the process dies: the Kafka batch is redelivered.
    sent_before_crash: list[list[str]] = []
    real = gateway.send_events

    async def crash_after_first(events):  # type: ignore[no-untyped-def]
        if sent_before_crash:
            raise LagoUnavailable("the process died")
        await real(events)
        sent_before_crash.append([e.transaction_id for e in events])

    gateway.send_events = crash_after_first  # type: ignore[method-assign]
    try:
        async with unit_of_work(maker) as session:
            await service.forward_usage(session, deps, lambda: maker, "test-lago-usage", deliveries)
    except LagoUnavailable:
        pass
    gateway.send_events = real  # type: ignore[method-assign]
    async with unit_of_work(maker) as session:
        await service.forward_usage(session, deps, lambda: maker, "test-lago-usage", deliveries)
    async with unit_of_work(maker) as session:  # and a redelivery after everything was accepted
        assert await service.forward_usage(session, deps, lambda: maker, "test-lago-usage", deliveries) == 0

    batches = [ids for kind, ids in gateway.calls if kind == "events"]  # every call Prism accepted
    assert batches[0] == sent_before_crash[0]
    assert [len(b) for b in batches] == [100, 100, 50]
    every_id = [t for b in batches for t in b]
    assert len(every_id) == len(set(every_id)) == 250  # nothing sent twice
    assert set(every_id) == {d.event.data.request_id for d in deliveries}


def _headers(body: bytes, key: str) -> dict[str, str]:
    return {"x-lago-signature": hmac_signature(body, key), "x-lago-signature-algorithm": "hmac"}


async def _deliver(deps, maker, payload: dict, unique_key: str) -> dict:
    body = json.dumps(payload).encode()
    verified = await service.verify_lago_webhook(deps, body, _headers(body, "test-hmac-key"))
    async with unit_of_work(maker) as session:
        return await service.handle_lago_webhook(session, deps, verified, unique_key)


def _invoice(tenant: str, lago_id: str, payment_status: str = "pending") -> dict:
    return {
        "lago_id": lago_id,
        "number": f"LAGO-{lago_id[:8]}",
        "issuing_date": "2026-11-30",
        "payment_due_date": "2026-12-30",
        "status": "finalized",
        "payment_status": payment_status,
        "currency": "USD",
        "fees_amount_cents": 12000,
        "sub_total_excluding_taxes_amount_cents": 12000,
        "taxes_amount_cents": 0,
        "total_amount_cents": 12000,
        "customer": {"external_id": tenant},
        "billing_periods": [
            {
                "external_subscription_id": f"radiant-{tenant}",
                "charges_from_datetime": "2026-11-01T00:00:00Z",
                "charges_to_datetime": "2026-11-30T23:59:59Z",
            }
        ],
        "fees": [{"amount_cents": 12000, "units": "1200", "item": {"code": "radiant_usage", "name": "Usage"}}],
    }


async def test_each_webhook_has_its_effect_once_when_delivered_twice(lago):
    deps, _, maker = lago
    tenant = await _new_lago_tenant(deps, maker)
    lago_id = str(uuid.uuid4())
    org = str(uuid.uuid4())
    created = {
        "webhook_type": "invoice.created",
        "object_type": "invoice",
        "organization_id": org,
        "invoice": _invoice(tenant, lago_id),
    }
    failed = {
        "webhook_type": "invoice.payment_failure",
        "object_type": "payment_provider_invoice_payment_error",
        "organization_id": org,
        "payment_provider_invoice_payment_error": {
            "lago_invoice_id": lago_id,
            "lago_customer_id": str(uuid.uuid4()),
            "external_customer_id": tenant,
            "payment_provider": "stripe",
            "provider_error": {"message": "card declined", "error_code": "card_declined"},
        },
    }
    paid = {
        "webhook_type": "invoice.payment_status_updated",
        "object_type": "invoice",
        "organization_id": org,
        "invoice": _invoice(tenant, lago_id, "succeeded"),
    }
    terminated = {
        "webhook_type": "subscription.terminated",
        "object_type": "subscription",
        "organization_id": org,
        "subscription": {
            "lago_id": str(uuid.uuid4()),
            "external_id": f"radiant-{tenant}",
            "external_customer_id": tenant,
            "plan_code": "radiant_default",
            "status": "terminated",
        },
    }
    outcomes = []
    for payload in (created, failed, paid, terminated):
        key = str(uuid.uuid4())
        outcomes.append([await _deliver(deps, maker, payload, key) for _ in range(2)])
    assert [o[0]["outcome"] for o in outcomes] == [
        "invoice_stored",
        "payment_failed",
        "paid",
        "subscription_terminated",
    ]
    assert all(o[1]["duplicate"] for o in outcomes)
    async with unit_of_work(maker) as session:
        invoices, total = await billing_repo.list_invoices(
            session, tenant, status=None, period_from=None, period_to=None, limit=10, offset=0
        )
    assert total == 1
    [invoice] = invoices
    assert (invoice.provider, invoice.provider_invoice_id, invoice.status) == ("lago", lago_id, "paid")
    assert invoice.payment_attempts == 1 and invoice.payment_failed_at is not None
    assert invoice.grace_until is None  # the payment ended the grace period
    assert str(invoice.total) == "120.00"


async def test_an_event_lago_refuses_goes_to_the_dlq_with_lagos_error(lago):
    deps, gateway, maker = lago
    tenant = await _new_lago_tenant(deps, maker)
    deliveries = [_usage(tenant, i) for i in range(3)]
    refused = deliveries[1].event.data.request_id
    lago_error = '{"status": 422, "error": "Unprocessable entity", "code": "validation_errors"}'
    real = gateway.send_events

    async def refusing(events):  # type: ignore[no-untyped-def]
        if any(e.transaction_id == refused for e in events):
            raise LagoRefused(422, lago_error)
        await real(events)

    gateway.send_events = refusing  # type: ignore[method-assign]
    consumer = lago_usage_consumer(lambda: deps, lambda: maker, group=f"test-lago-dlq-{uuid.uuid4().hex[:6]}")
    records = [
        ConsumerRecord("usage-events", 0, i, 0, 0, tenant.encode(), d.event.to_bytes(), None, 0, 0, [])
        for i, d in enumerate(deliveries)
    ]
    await consumer.process_records(records)
    sent = [t for kind, ids in gateway.calls if kind == "events" for t in ids]
    assert sorted(sent) == sorted(d.event.data.request_id for d in deliveries if d.event.data.request_id != refused)
    async with unit_of_work(maker) as session:
        rows = (
            await session.execute(
                text(
                    "SELECT headers FROM billing.outbox WHERE topic = 'usage-events.dlq' "
                    "AND convert_from(value, 'UTF8') LIKE :needle"
                ),
                {"needle": f"%{refused}%"},
            )
        ).all()
    assert len(rows) == 1
    [reason] = [value for name, value in rows[0][0] if name == "x-dlq-reason"]
    assert "Lago refused the request (422)" in reason and "validation_errors" in reason  # Lago's own error


async def test_lagos_webhook_public_key_is_fetched_from_its_api_and_cached(lago):
    _, gateway, _ = lago
    pem = await gateway.gateway.webhook_public_key()  # GET /webhooks/json_public_key, validated by Prism
    assert serialization.load_pem_public_key(pem).key_size > 0  # the document's example key, as a PEM
    calls = []

    async def fetch() -> bytes:
        calls.append(1)
        return pem

    keys = LagoPublicKey(fetch)
    assert await keys.get() == await keys.get() == pem
    assert len(calls) == 1


async def test_a_plan_change_moves_the_lago_subscription_and_lagos_own_news_does_not(lago):
    deps, gateway, maker = lago
    tenant = await _new_lago_tenant(deps, maker)
    gateway.calls.clear()

    def changed(change: str, provider: str) -> SubscriptionChanged:
        return SubscriptionChanged(
            change=change, plan="pro", status="active", effective_at=datetime.now(UTC), provider=provider
        )

    async with unit_of_work(maker) as session:
        await service.follow_plan_change(session, deps, tenant, changed("terminated", "lago"))  # Lago's news
        await service.follow_plan_change(session, deps, tenant, changed("upgrade", "internal"))
        await service.follow_plan_change(session, deps, tenant, changed("upgrade", "internal"))  # redelivered
    [(plan_call, plan), subscription] = gateway.calls  # the plan mirrored first, from billing's catalogue
    assert (plan_call, plan.code, plan.name) == ("plan", "pro", "Pro")
    assert plan.currency == "USD" and plan.amount_cents > 0
    assert subscription == (
        "subscription",
        {"external_customer_id": tenant, "external_id": f"radiant-{tenant}", "plan_code": "pro"},
    )
