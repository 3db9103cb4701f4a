"""The Lago usage consumer: `usage-events` in its own group, forwarded to Lago in batches of ≤ 100,
offsets committed only after Lago accepted (the batch consumer commits after the handler returns)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.topics import BILLING_EVENTS, USAGE_EVENTS
from radiant_platform.consumer import BatchConsumer, Delivery

from ..deps import BillingDeps
from . import service

LAGO_USAGE_GROUP = "billing-lago-usage"
LAGO_PLANS_GROUP = "billing-lago-plans"


def lago_usage_consumer(
    deps: Callable[[], BillingDeps],
    sessions: Callable[[], async_sessionmaker[AsyncSession]],
    *,
    topic: str = USAGE_EVENTS,
    group: str = LAGO_USAGE_GROUP,
) -> BatchConsumer:
    async def handle(session: AsyncSession, deliveries: list[Delivery]) -> None:
        await service.forward_usage(session, deps(), sessions, group, deliveries)

    return BatchConsumer(
        name=group,
        topic=topic,
        handler=handle,
        sessionmaker_provider=sessions,
        event_types=[UsageRecorded.event_type],
        # dedup on the natural key (tenant, request id) in lago_usage_sent, kept across rewinds
        dedup=False,
    )


def lago_plan_consumer(
    deps: Callable[[], BillingDeps],
    sessions: Callable[[], async_sessionmaker[AsyncSession]],
    *,
    topic: str = BILLING_EVENTS,
    group: str = LAGO_PLANS_GROUP,
) -> BatchConsumer:
    """Billing's own `subscription.changed` (its plans): a Lago-billed tenant's Lago subscription
    follows its plan. Events a Lago webhook caused (`provider` lago) are Lago's news, not a change to send."""

    async def handle(session: AsyncSession, deliveries: list[Delivery]) -> None:
        for delivery in deliveries:
            await service.follow_plan_change(session, deps(), delivery.event.tenantid, delivery.event.data)

    return BatchConsumer(
        name=group,
        topic=topic,
        handler=handle,
        sessionmaker_provider=sessions,
        event_types=[SubscriptionChanged.event_type],
    )
