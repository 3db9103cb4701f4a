"""Quota consumers: the plan's limits from billing, metering's token and storage thresholds."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.events.metering import QuotaThresholdCrossed
from radiant_contracts.topics import BILLING_EVENTS, METERING_EVENTS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from ..deps import IdentityDeps
from . import service


def quota_consumers(rt: Runtime[IdentityDeps]) -> list[BatchConsumer]:
    async def on_subscriptions(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await service.apply_subscription(session, d.event)

    async def on_thresholds(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for d in deliveries:
            await service.on_threshold_crossed(session, d.event, rt.deps.settings.console_url)

    return [
        BatchConsumer(
            name="identity-subscriptions",
            topic=BILLING_EVENTS,
            handler=on_subscriptions,
            sessionmaker_provider=rt.session_factory,
            event_types=[SubscriptionChanged.event_type],
        ),
        BatchConsumer(
            name="identity-quota-thresholds",
            topic=METERING_EVENTS,
            handler=on_thresholds,
            sessionmaker_provider=rt.session_factory,
            event_types=[QuotaThresholdCrossed.event_type],
        ),
    ]
