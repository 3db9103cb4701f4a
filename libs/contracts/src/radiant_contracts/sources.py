"""Who may publish what: the CloudEvents `source` allowed for each event type (DESIGN.md §1, §2).

Kafka ACLs already let each principal write only its own topics; several writers share a topic,
though (every service writes `audit-events`, the executors answer on `approval-decisions` where the
approval service decides), so a consumer also checks that an event's `source` is one that may
publish its type: an `approval.approved` that does not come from `radiant/approval` goes to the
DLQ with the reason, whoever managed to write it. Defence in depth, not the only line: a writer can
claim any source, which is why executors also confirm a decision with the approval service.

A type missing from the table is refused everywhere (fail closed); a unit test keeps the table
complete, so a new event type cannot ship without saying who publishes it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from radiant_contracts.envelope import service_source
from radiant_contracts.events import (
    AgentDeleted,
    AgentStartRequested,
    AgentStatusReported,
    AgentStopRequested,
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExecuted,
    ApprovalExecutionFailed,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
    AuditRecorded,
    BillingSettingsUpdated,
    BudgetThresholdCrossed,
    InvoiceCreated,
    InvoicePaid,
    InvoicePaymentFailed,
    QuotaThresholdCrossed,
    StorageReported,
    SubscriptionChanged,
    TenantCreated,
    TenantDeleted,
    TenantReactivated,
    TenantSuspended,
    TenantUpdated,
    UsageRecorded,
)
from radiant_contracts.payload import EventPayload

IDENTITY = service_source("identity")
APPROVAL = service_source("approval")
METERING = service_source("metering")
BILLING = service_source("billing")
AUDIT = service_source("audit")
#: Producers on the AI request path publishing straight to `usage-events` (Kafka principal
#: `producer-usage`); metering's own HTTP record endpoints publish as `radiant/metering`.
USAGE_PRODUCER = "radiant/ai-gateway"
#: External deployers answering `deployment`/`promotion` approvals on `deployment-results`.
DEPLOYER = "radiant/deployer"
#: The agent runtime (outside the platform, Kafka principal `agent-runtime`) reporting agents' status.
AGENT_RUNTIME = "radiant/agent-runtime"

MAX_SOURCE_SHOWN = 200

#: The services that audit their own mutations.
SERVICES = (IDENTITY, APPROVAL, METERING, BILLING, AUDIT)
#: The services that carry approved changes out, and the external deployers.
EXECUTORS = (IDENTITY, METERING, BILLING, DEPLOYER)


def _table(rows: Iterable[tuple[Iterable[type[EventPayload]], Iterable[str]]]) -> Mapping[str, frozenset[str]]:
    table: dict[str, frozenset[str]] = {}
    for models, sources in rows:
        allowed = frozenset(sources)
        for model in models:
            if model.event_type in table:
                raise TypeError(f"{model.event_type} is listed twice")
            table[model.event_type] = allowed
    return MappingProxyType(table)


#: Event type → the sources that may publish it. Read-only.
ALLOWED_SOURCES: Mapping[str, frozenset[str]] = _table(
    [
        ([UsageRecorded, StorageReported], [METERING, USAGE_PRODUCER]),
        ([AuditRecorded], SERVICES),
        ([ApprovalRequested, ApprovalApproved, ApprovalRejected, ApprovalCancelled, ApprovalExpired], [APPROVAL]),
        ([ApprovalExecuted, ApprovalExecutionFailed], EXECUTORS),
        ([TenantCreated, TenantUpdated, TenantSuspended, TenantReactivated, TenantDeleted], [IDENTITY]),
        (
            [
                BillingSettingsUpdated,
                InvoiceCreated,
                InvoicePaid,
                InvoicePaymentFailed,
                BudgetThresholdCrossed,
                SubscriptionChanged,
            ],
            [BILLING],
        ),
        ([AgentStartRequested, AgentStopRequested, AgentDeleted], [IDENTITY]),
        ([AgentStatusReported], [AGENT_RUNTIME]),
        ([QuotaThresholdCrossed], [METERING]),
    ]
)


def source_refusal(event_type: str, source: str) -> str | None:
    """Why an event of `event_type` from `source` must not be believed, or None when it may be."""
    allowed = ALLOWED_SOURCES.get(event_type)
    if allowed is None:
        return f"no source may publish {event_type}"
    if source not in allowed:
        shown = source[:MAX_SOURCE_SHOWN]  # the producer chose it: bounded before it becomes a DLQ header
        return f"source {shown!r} may not publish {event_type} (allowed: {', '.join(sorted(allowed))})"
    return None
