"""The runtime's status reports on `agent-events` (identity's own requests on the topic are skipped).

Each report is applied in the batch's transaction; the platform's consumer drops redeliveries (the
event id), and `service.apply_status_report` ignores reports older than the status shown. A report
that fails validation, comes from a source other than the runtime, or names another tenant's agent
goes to `agent-events.dlq` with the reason.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.agent import AgentStatusReported
from radiant_contracts.topics import AGENT_EVENTS
from radiant_platform.app import Runtime
from radiant_platform.consumer import BatchConsumer, Delivery

from ..deps import IdentityDeps
from . import service


async def on_status_reports(session: AsyncSession, deliveries: list[Delivery]) -> None:
    for delivery in deliveries:
        await service.apply_status_report(session, delivery.event)


def agent_consumers(rt: Runtime[IdentityDeps]) -> list[BatchConsumer]:
    return [
        BatchConsumer(
            name="identity-agent-status",
            topic=AGENT_EVENTS,
            handler=on_status_reports,
            sessionmaker_provider=rt.session_factory,
            event_types=[AgentStatusReported.event_type],
        )
    ]
