"""Kafka consumers: approval decisions (billing_change) and tenant lifecycle."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.events.approval import (
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExpired,
    ApprovalRejected,
)
from radiant_contracts.events.tenant import (
    TenantCreated,
    TenantDeleted,
    TenantReactivated,
    TenantSuspended,
    TenantUpdated,
)
from radiant_contracts.topics import APPROVAL_DECISIONS, TENANT_EVENTS
from radiant_platform import tenant_purge
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from . import service
from .deps import BillingDeps
from .plans import service as plans
from .providers import service as providers
from .providers.consumers import lago_plan_consumer, lago_usage_consumer

CLOSING_DECISIONS = (ApprovalRejected, ApprovalCancelled, ApprovalExpired)


async def handle_approval_decisions(session: AsyncSession, deps: BillingDeps, deliveries: list[Delivery]) -> None:
    for delivery in deliveries:
        decision = delivery.event.data
        if getattr(decision, "approval_type", None) != "billing_change":
            continue
        tenant_id = delivery.event.tenantid
        if isinstance(decision, ApprovalApproved) and plans.is_plan_downgrade(decision.details):
            await plans.execute_downgrade(session, deps, tenant_id, decision)
        elif isinstance(decision, ApprovalApproved):
            await service.execute_billing_change(session, deps, tenant_id, decision)
        elif isinstance(decision, CLOSING_DECISIONS):
            await service.close_billing_change(
                session, tenant_id, decision.approval_id, decision.resource_id, decision.type_suffix()
            )
            await plans.close_downgrade(session, tenant_id, decision.approval_id, decision.type_suffix())


TENANT_TYPES = (TenantCreated, TenantUpdated, TenantSuspended, TenantReactivated, TenantDeleted)


async def handle_tenant_events(session: AsyncSession, deps: BillingDeps, deliveries: list[Delivery]) -> None:
    today = datetime.now(UTC).date()
    for delivery in deliveries:
        tenant = delivery.event.data
        await service.record_tenant(
            session, tenant.tenant_id, app_id=tenant.app_id, name=tenant.name, status=tenant.status
        )
        # Every tenant has exactly one subscription: the default plan from its first event on.
        if isinstance(tenant, TenantDeleted):
            await plans.cancel_subscription(session, tenant.tenant_id, today)
            await tenant_purge.record_deleted_tenant(session, "billing", delivery.event)
        else:
            await plans.ensure_subscription(session, tenant.tenant_id, today)
        if isinstance(tenant, (TenantCreated, TenantUpdated)):
            # the tenant's customer (and, new, its subscription) at its provider, when that is Lago
            contact = tenant.contact_email if isinstance(tenant, TenantCreated) else None
            await providers.on_tenant_event(session, deps, tenant.tenant_id, contact_email=contact)


def tenant_consumer(
    deps: Callable[[], BillingDeps],
    sessions: Callable[[], async_sessionmaker[AsyncSession]],
    *,
    topic: str = TENANT_EVENTS,
    group: str | None = None,
) -> BatchConsumer:
    return BatchConsumer(
        name=group or "billing-tenant-events",
        topic=topic,
        handler=lambda session, batch: handle_tenant_events(session, deps(), batch),
        sessionmaker_provider=sessions,
        event_types=[m.event_type for m in TENANT_TYPES],
    )


def consumers(rt: Runtime[BillingDeps]) -> Sequence[BatchConsumer]:
    return [
        BatchConsumer(
            name="billing-approval-decisions",
            topic=APPROVAL_DECISIONS,
            handler=lambda session, batch: handle_approval_decisions(session, rt.deps, batch),
            sessionmaker_provider=rt.session_factory,
            event_types=[m.event_type for m in (ApprovalApproved, *CLOSING_DECISIONS)],
        ),
        tenant_consumer(lambda: rt.deps, rt.session_factory),
        lago_usage_consumer(lambda: rt.deps, rt.session_factory),
        lago_plan_consumer(lambda: rt.deps, rt.session_factory),
    ]
