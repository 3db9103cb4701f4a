"""Kafka consumers: execution results from the services that carry approved changes out."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.topics import APPROVAL_DECISIONS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from . import service
from .deps import ApprovalDeps

EXECUTION_RESULTS_GROUP = "approval-execution-results"


async def handle_execution_results(session: AsyncSession, deliveries: list[Delivery]) -> None:
    for delivery in deliveries:
        await service.record_execution(session, delivery.event.tenantid, delivery.event.data)


def consumers(rt: Runtime[ApprovalDeps]) -> Sequence[BatchConsumer]:
    return [
        BatchConsumer(
            name=EXECUTION_RESULTS_GROUP,
            topic=APPROVAL_DECISIONS,
            handler=handle_execution_results,
            sessionmaker_provider=rt.session_factory,
            event_types=[ApprovalExecuted.event_type, ApprovalExecutionFailed.event_type],
        )
    ]
