"""The topic registry: every Kafka topic the platform uses, with its partitions and config.

The local stack, docker-compose's init job and the tests create topics from this list, so a
topic's shape is defined once. Every consumed topic has a `<name>.dlq` twin (DESIGN.md §2).
"""

from __future__ import annotations

from dataclasses import dataclass, field

DLQ_SUFFIX = ".dlq"
_DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)
    consumed: bool = True  # consumed topics get a DLQ twin

    @property
    def dlq(self) -> str:
        return self.name + DLQ_SUFFIX


USAGE_EVENTS = "usage-events"
AUDIT_EVENTS = "audit-events"
APPROVAL_DECISIONS = "approval-decisions"
TENANT_EVENTS = "tenant-events"
BILLING_EVENTS = "billing-events"
# External deployers answer `deployment`/`promotion` approvals here (`approval.executed` or
# `approval.execution_failed`), never on `approval-decisions`: a deployer's Kafka principal may write
# only this topic, so it cannot forge a decision (`approval.approved`) whatever it puts in an event.
DEPLOYMENT_RESULTS = "deployment-results"
# The agents' control plane, keyed by agent id (each agent's requests and reports stay ordered):
# identity asks the agent runtime to start, stop or forget an agent; the runtime reports what it
# observes (`agent.status_reported`), which alone changes an agent's observed status.
AGENT_EVENTS = "agent-events"
# Metering's news about a tenant's token and storage quotas (`quota.threshold_crossed`), keyed by tenant.
METERING_EVENTS = "metering-events"

TOPICS: tuple[TopicSpec, ...] = (
    # High volume, keyed by tenant; raw usage is also kept in metering's DB, so 7 days is enough.
    TopicSpec(USAGE_EVENTS, 12, {"retention.ms": str(7 * _DAY_MS), "compression.type": "producer"}),
    # Long retention: SIEM consumers may need to replay a year of audit history.
    TopicSpec(AUDIT_EVENTS, 6, {"retention.ms": str(365 * _DAY_MS)}),
    TopicSpec(APPROVAL_DECISIONS, 3, {"retention.ms": str(30 * _DAY_MS)}),
    # Compacted: the latest state of every tenant, keyed by tenant id.
    TopicSpec(TENANT_EVENTS, 3, {"cleanup.policy": "compact"}),
    TopicSpec(BILLING_EVENTS, 3, {"retention.ms": str(90 * _DAY_MS)}),
    # Keyed by approval id, like the decisions it answers.
    TopicSpec(DEPLOYMENT_RESULTS, 3, {"retention.ms": str(30 * _DAY_MS)}),
    TopicSpec(AGENT_EVENTS, 3, {"retention.ms": str(30 * _DAY_MS)}),
    TopicSpec(METERING_EVENTS, 3, {"retention.ms": str(30 * _DAY_MS)}),
)

# A DLQ keeps the original bytes and the reason for 30 days, long enough to inspect and replay.
DLQ_CONFIG = {"retention.ms": str(30 * _DAY_MS)}


def all_topics() -> list[TopicSpec]:
    """Every topic to create: the registry plus one DLQ per consumed topic."""
    dlqs = [TopicSpec(t.dlq, t.partitions, DLQ_CONFIG, consumed=False) for t in TOPICS if t.consumed]
    return [*TOPICS, *dlqs]
