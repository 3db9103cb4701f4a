"""Kafka consumers: execution results from the services that carry approved changes out
(`approval-decisions`) and from external deployers (`deployment-results`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.tenant import TenantDeleted
from radiant_contracts.topics import APPROVAL_DECISIONS, DEPLOYMENT_RESULTS, TENANT_EVENTS
from radiant_platform import tenant_purge
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from . import service
from .deps import ApprovalDeps

EXECUTION_RESULTS_GROUP = "approval-execution-results"
DEPLOYMENT_RESULTS_GROUP = "approval-deployment-results"
TENANT_EVENTS_GROUP = "approval-tenant-events"
RESULT_TYPES = [ApprovalExecuted.event_type, ApprovalExecutionFailed.event_type]
#: The approval types external deployers carry out (no platform service owns them).
DEPLOYER_TYPES = frozenset({"deployment", "promotion"})


def deployer_may_answer(event: CloudEvent[Any]) -> str | None:
    """A deployer's principal may write only `deployment-results`; what it says there is believed
    only for the approvals deployers carry out."""
    approval_type = event.data.approval_type
    if approval_type not in DEPLOYER_TYPES:
        return f"deployers answer deployment and promotion approvals only, not {approval_type}"
    return None


async def handle_execution_results(session: AsyncSession, deliveries: list[Delivery]) -> None:
    for delivery in deliveries:
        await service.record_execution(session, delivery.event.tenantid, delivery.event.data)


async def handle_tenant_deletions(session: AsyncSession, deliveries: list[Delivery]) -> None:
    for delivery in deliveries:
        await tenant_purge.record_deleted_tenant(session, service.SCHEMA, delivery.event)


def consumers(rt: Runtime[ApprovalDeps]) -> Sequence[BatchConsumer]:
    return [
        BatchConsumer(
            name=EXECUTION_RESULTS_GROUP,
            topic=APPROVAL_DECISIONS,
            handler=handle_execution_results,
            sessionmaker_provider=rt.session_factory,
            event_types=RESULT_TYPES,
        ),
        BatchConsumer(
            name=DEPLOYMENT_RESULTS_GROUP,
            topic=DEPLOYMENT_RESULTS,
            handler=handle_execution_results,
            sessionmaker_provider=rt.session_factory,
            event_types=RESULT_TYPES,
            accept=deployer_may_answer,
        ),
        # A deleted tenant's requests are purged after the retention window (radiant_platform.tenant_purge.purge_job).
        BatchConsumer(
            name=TENANT_EVENTS_GROUP,
            topic=TENANT_EVENTS,
            handler=handle_tenant_deletions,
            sessionmaker_provider=rt.session_factory,
            event_types=[TenantDeleted.event_type],
        ),
    ]
