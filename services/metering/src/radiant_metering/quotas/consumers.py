"""Metering's copy of each tenant's plan limits, from `subscription.changed` on `billing-events`."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.topics import BILLING_EVENTS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from ..deps import MeteringDeps
from . import service


def quota_consumers(rt: Runtime[MeteringDeps]) -> list[BatchConsumer]:
    store = rt.deps.quotas

    async def apply(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await service.apply_subscription(session, store, d.event)

    return [
        BatchConsumer(
            name="metering-subscriptions",
            topic=BILLING_EVENTS,
            handler=apply,
            sessionmaker_provider=rt.session_factory,
            event_types=[SubscriptionChanged.event_type],
        )
    ]
