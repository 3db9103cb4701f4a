"""Lago through its official client (`lago-python-client`), behind billing's provider boundary.

The client is synchronous (httpx under the hood), so every call runs in a worker thread. Each call
that may be retried is idempotent on Lago's side: customers and subscriptions are created-or-updated
by their external ids (ours), usage events carry `transaction_id` = the usage event's request id,
which Lago deduplicates. A call that fails for a reason that may pass (the network, a 5xx, a 429) is
retried here with exponential backoff and then raised as `LagoUnavailable`; the callers keep what
they could not deliver as pending (a retry job, or the Kafka offset not committed). A refusal (any
other 4xx) is `LagoRefused`, carrying Lago's own error.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

import httpx
from cryptography.hazmat.primitives import serialization
from lago_python_client.client import Client
from lago_python_client.exceptions import LagoApiError
from lago_python_client.models import BatchEvent, Customer, Plan, Subscription

from radiant_platform.errors import ServiceUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

#: Lago's own limit for `/events/batch`.
MAX_BATCH_EVENTS = 100


class LagoUnavailable(ServiceUnavailable):
    """Lago could not be reached or answered 5xx/429 after the retries; nothing was refused.

    A `ConnectionError`, so a Kafka batch consumer rewinds and retries instead of dead-lettering."""


class LagoRefused(Exception):
    """Lago refused the request (4xx other than 429): its status and error, as it sent them."""

    def __init__(self, status: int, error: str) -> None:
        super().__init__(f"Lago refused the request ({status}): {error}")
        self.status = status
        self.error = error


@dataclass(frozen=True)
class LagoCustomer:
    external_id: str  # the tenant id
    name: str
    email: str | None
    currency: str
    tax_identification_number: str | None


@dataclass(frozen=True)
class LagoPlan:
    code: str  # the platform plan's id
    name: str
    description: str | None
    amount_cents: int  # the monthly fee, in the currency's minor units
    currency: str


@dataclass(frozen=True)
class LagoUsageEvent:
    transaction_id: str  # the usage event's request id
    external_subscription_id: str
    code: str
    timestamp: float
    properties: dict[str, str]


class LagoGatewayProtocol(Protocol):
    async def upsert_customer(self, customer: LagoCustomer) -> str | None: ...

    async def upsert_subscription(self, *, external_customer_id: str, external_id: str, plan_code: str) -> None: ...

    async def send_events(self, events: list[LagoUsageEvent]) -> None: ...

    async def upsert_plan(self, plan: LagoPlan) -> None: ...

    async def payment_method_url(self, external_customer_id: str) -> str: ...

    async def webhook_public_key(self) -> bytes: ...


class LagoGateway:
    def __init__(
        self,
        api_url: str,
        api_key: str,
        *,
        attempts: int = 3,
        backoff_seconds: float = 0.2,
        client_factory: Callable[[str, str], Client] | None = None,
    ) -> None:
        # The client's pydantic-v1 models and generic mixins are opaque to mypy; it is used untyped.
        self._client: Any = (client_factory or _client)(api_url, api_key)
        self._attempts = max(1, attempts)
        self._backoff = backoff_seconds

    async def upsert_customer(self, customer: LagoCustomer) -> str | None:
        """POST /customers: Lago creates the customer or updates the one with this external id."""
        model = Customer.parse_obj(
            {
                "external_id": customer.external_id,
                "name": customer.name,
                "email": customer.email,
                "currency": customer.currency,
                "tax_identification_number": customer.tax_identification_number,
            }
        )
        created = await self._call("create customer", lambda: self._client.customers.create(model))
        return getattr(created, "lago_id", None)

    async def upsert_subscription(self, *, external_customer_id: str, external_id: str, plan_code: str) -> None:
        """POST /subscriptions with our stable external id: Lago starts it, or moves the subscription
        with that id to `plan_code` (its upgrade/downgrade), so sending it again changes nothing."""
        model = Subscription.parse_obj(
            {"external_customer_id": external_customer_id, "external_id": external_id, "plan_code": plan_code}
        )
        await self._call("create subscription", lambda: self._client.subscriptions.create(model))

    async def upsert_plan(self, plan: LagoPlan) -> None:
        """PUT /plans/{code}, or POST /plans when Lago has no plan with that code yet: the plan's name and
        monthly fee (its usage charges are Lago's to configure)."""
        fields = {
            "name": plan.name,
            "code": plan.code,
            "description": plan.description,
            "interval": "monthly",
            "amount_cents": plan.amount_cents,
            "amount_currency": plan.currency,
            "pay_in_advance": True,
        }
        model = Plan.parse_obj(fields)
        try:
            await self._call("update plan", lambda: self._client.plans.update(model, plan.code))
        except LagoRefused as exc:
            if exc.status != 404:
                raise
            await self._call("create plan", lambda: self._client.plans.create(model))

    async def send_events(self, events: list[LagoUsageEvent]) -> None:
        """POST /events/batch (at most 100 events)."""
        if not events:
            return
        if len(events) > MAX_BATCH_EVENTS:
            raise ValueError(f"Lago takes at most {MAX_BATCH_EVENTS} events per batch, not {len(events)}")
        batch = BatchEvent.parse_obj(
            {
                "events": [
                    {
                        "transaction_id": e.transaction_id,
                        "external_subscription_id": e.external_subscription_id,
                        "code": e.code,
                        "timestamp": f"{e.timestamp:.3f}",
                        "properties": e.properties,
                    }
                    for e in events
                ]
            }
        )
        await self._call("send events", lambda: self._client.events.batch_create(batch))

    async def payment_method_url(self, external_customer_id: str) -> str:
        """The customer's hosted page to add or change a payment method: Lago's checkout URL (from its
        payment provider), else its customer portal."""
        url = await self._call("checkout url", lambda: self._client.customers.checkout_url(external_customer_id))
        if not url:
            url = await self._call("portal url", lambda: self._client.customers.portal_url(external_customer_id))
        return str(url or "")

    async def webhook_public_key(self) -> bytes:
        """The PEM of the key Lago signs its JWT webhooks with (GET /webhooks/json_public_key, which the
        official client reads; the document marks the plain-text /webhooks/public_key deprecated)."""
        key = await self._call("webhook public key", self._client.webhooks.public_key)
        return _as_pem(key)

    async def _call(self, what: str, call: Callable[[], T]) -> T:
        delay = self._backoff
        for attempt in range(1, self._attempts + 1):
            try:
                return await asyncio.to_thread(call)
            except LagoApiError as exc:
                if exc.status_code < 500 and exc.status_code != 429:
                    raise LagoRefused(exc.status_code, _error_text(exc)) from None
                failure: Exception = exc
            except httpx.HTTPError as exc:
                failure = exc
            if attempt < self._attempts:
                log.warning("Lago %s failed (attempt %d): %s; retrying in %.1fs", what, attempt, failure, delay)
                await asyncio.sleep(delay)
                delay *= 2
        raise LagoUnavailable(f"Lago {what} failed after {self._attempts} attempts: {failure}")


def _client(api_url: str, api_key: str) -> Client:
    # Our own backoff covers 429 too; the client's would block a worker thread for a long time.
    return Client(api_key=api_key, api_url=api_url.rstrip("/") + "/", retry_on_rate_limit=False)


def _error_text(exc: LagoApiError) -> str:
    detail = exc.response if exc.response is not None else exc.detail
    text = detail if isinstance(detail, str) else json.dumps(detail, default=str)
    return text[:1000]


def _as_pem(key: bytes) -> bytes:
    """Lago hands out base64 of its key's PEM; a DER key (SubjectPublicKeyInfo or PKCS#1, as the
    document's example is) is accepted too. Always returns a SubjectPublicKeyInfo PEM."""
    if key.lstrip().startswith(b"-----BEGIN"):
        return key
    try:
        public = serialization.load_der_public_key(key)
    except ValueError:
        public = serialization.load_pem_public_key(_pem("RSA PUBLIC KEY", key))  # PKCS#1
    return public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)


def _pem(label: str, der: bytes) -> bytes:
    body = base64.encodebytes(der).decode().replace("\n", "")
    lines = "\n".join(body[i : i + 64] for i in range(0, len(body), 64))
    return f"-----BEGIN {label}-----\n{lines}\n-----END {label}-----\n".encode()


def usage_properties(values: dict[str, Any]) -> dict[str, str]:
    """Event properties as Lago's document types them: strings (an integer would match both `integer`
    and `number` of its `oneOf`, which the contract refuses)."""
    return {k: str(v) for k, v in values.items() if v is not None}
