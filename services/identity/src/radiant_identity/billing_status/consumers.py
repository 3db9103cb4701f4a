"""`billing-events` in its own group: the payment provider's subscription news (service.py)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.topics import BILLING_EVENTS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from ..deps import IdentityDeps
from . import service


def billing_status_consumers(rt: Runtime[IdentityDeps]) -> Sequence[BatchConsumer]:
    async def handle(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await service.on_subscription_changed(session, rt.deps, delivery.event.tenantid, delivery.event.data)

    return [
        BatchConsumer(
            name="identity-billing-status",
            topic=BILLING_EVENTS,
            handler=handle,
            sessionmaker_provider=rt.session_factory,
            event_types=[SubscriptionChanged.event_type],
        )
    ]
