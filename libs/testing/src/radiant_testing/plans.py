"""Give a test's tenant a plan: billing's `subscription.changed` with the limits the test needs.

A tenant that billing never gave a plan is held to the default plan's limits (3 users, 1 agent:
`radiant_contracts.quotas.DEFAULT_PLAN_LIMITS`), as a real tenant on the free plan would be. A test
that onboards more administrators than that gives its tenant a bigger plan first, the way billing
does (an upgrade), and waits until identity and metering hold it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from radiant_contracts import make_event
from radiant_contracts.events.billing import PlanLimits, SubscriptionChanged

from .databases import service_db
from .polling import eventually
from .stack import StackEnv


async def give_plan(
    stack: StackEnv,
    producer: Any,
    tenant_id: str,
    *,
    max_users: int | None = None,
    max_agents: int | None = None,
    max_tokens_per_month: int | None = None,
    max_storage_gb: int | None = None,
    revision: int = 1_000_000,
) -> None:
    """Publish the plan's limits (None: unlimited) as billing would, then wait for identity's and
    metering's copies. `producer` is the `kafka_producer` fixture."""
    event = make_event(
        SubscriptionChanged(
            change="upgrade",
            plan="test-plan",
            status="active",
            effective_at=datetime.now(UTC),
            revision=revision,
            limits=PlanLimits(
                max_users=max_users,
                max_agents=max_agents,
                max_tokens_per_month=max_tokens_per_month,
                max_storage_gb=max_storage_gb,
            ),
        ),
        tenant_id=tenant_id,
        source="radiant/billing",
    )
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())

    async def held() -> bool:
        async with service_db(stack, "identity") as identity, service_db(stack, "metering") as metering:
            mine = "SELECT revision FROM {} WHERE tenant_id = $1"
            in_identity = await identity.fetchval(mine.format("identity.plan_limits"), tenant_id)
            in_metering = await metering.fetchval(mine.format("metering.quota_limits"), tenant_id)
            return bool(in_identity == revision and in_metering == revision)

    await eventually(held, what=f"the plan of {tenant_id} in identity and metering")
