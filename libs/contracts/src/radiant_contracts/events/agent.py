"""`agent-events`, keyed by agent id: the control plane of the tenants' AI agents (DESIGN.md §3.7).

Identity owns an agent's configuration (versioned) and its desired state; a runtime outside the
platform runs it. Identity asks (`agent.start_requested`, `agent.stop_requested`, `agent.deleted`,
source `radiant/identity`); the runtime answers what it observes (`agent.status_reported`, source
`radiant/agent-runtime`, Kafka principal `agent-runtime`). Only those reports change an agent's
observed status. Keying by agent id keeps each agent's requests, and each agent's reports, in order.

A start request carries the whole configuration version to run, so the runtime needs no call back.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Self

from pydantic import AwareDatetime, Field, StrictFloat, StrictInt, StrictStr, model_validator

from radiant_contracts.fields import Id
from radiant_contracts.payload import ContractModel, EventPayload
from radiant_contracts.topics import AGENT_EVENTS

#: What the runtime observes of an agent: `stopped → starting → running → stopping → stopped`, or
#: `failed` (with a reason) from any of them.
AgentStatus = Literal["stopped", "starting", "running", "stopping", "failed"]
AgentVisibility = Literal["private", "tenant"]

#: The bounds of an agent's configuration, shared by identity's API and these events.
MAX_SYSTEM_PROMPT = 20_000
MAX_TOOLS = 50
MAX_KNOWLEDGE_SOURCES = 50
MAX_TOKENS_LIMIT = 200_000
MAX_REASON = 1000

Label = Annotated[StrictStr, Field(min_length=1, max_length=255)]
Number = StrictFloat | StrictInt


class AgentTool(ContractModel):
    """A tool the agent may call: its name and the tool's own settings (bounded by identity's API)."""

    name: Label
    config: dict[str, Any] = Field(default_factory=dict)


class KnowledgeSource(ContractModel):
    """Where the agent retrieves from: a kind (`url`, `document`, `vector_store`…) and its reference."""

    type: Label
    ref: Annotated[StrictStr, Field(min_length=1, max_length=2048)]
    name: Label | None = None


class AgentConfiguration(ContractModel):
    """One configuration version of an agent, as the runtime runs it."""

    name: Label
    description: Annotated[StrictStr, Field(max_length=2000)] | None = None
    model_id: Label
    system_prompt: Annotated[StrictStr, Field(max_length=MAX_SYSTEM_PROMPT)] = ""
    temperature: Annotated[Number, Field(ge=0, le=2)] = 0.7
    top_p: Annotated[Number, Field(ge=0, le=1)] = 1.0
    max_tokens: Annotated[StrictInt, Field(ge=1, le=MAX_TOKENS_LIMIT)] = 1024
    tools: Annotated[list[AgentTool], Field(max_length=MAX_TOOLS)] = Field(default_factory=list)
    knowledge_sources: Annotated[list[KnowledgeSource], Field(max_length=MAX_KNOWLEDGE_SOURCES)] = Field(
        default_factory=list
    )
    visibility: AgentVisibility = "private"


class _AgentEvent(EventPayload):
    topic: ClassVar[str] = AGENT_EVENTS
    key_field: ClassVar[str | None] = "agent_id"
    subject_field: ClassVar[str | None] = "agent_id"

    agent_id: Id


class AgentStartRequested(_AgentEvent):
    """Run configuration version `configuration_version` of the agent (identity → runtime)."""

    event_type: ClassVar[str] = "radiant.agent.start_requested.v1"

    #: Echoed in the runtime's reports, so a report says which request it answers.
    request_id: Id
    configuration_version: Annotated[StrictInt, Field(ge=1)]
    configuration: AgentConfiguration
    requested_by: Id | None = None
    #: The approval that let this start go ahead (a prod start of a changed configuration).
    approval_id: Id | None = None


class AgentStopRequested(_AgentEvent):
    """Stop the agent (identity → runtime); `deleting` when it is stopped because it is deleted."""

    event_type: ClassVar[str] = "radiant.agent.stop_requested.v1"

    request_id: Id
    requested_by: Id | None = None
    reason: Literal["requested", "deleting"] = "requested"


class AgentDeleted(_AgentEvent):
    """The agent is gone: the runtime may forget it (identity → runtime, after its stop request)."""

    event_type: ClassVar[str] = "radiant.agent.deleted.v1"

    deleted_by: Id | None = None


class AgentStatusReported(_AgentEvent):
    """What the runtime observes of the agent (runtime → identity).

    `reported_at` is when the runtime observed it: identity applies a report only when it is newer
    than the last one applied, so reports that arrive late or twice never move the status back.
    """

    event_type: ClassVar[str] = "radiant.agent.status_reported.v1"

    status: AgentStatus
    reported_at: AwareDatetime
    #: The request this report answers (`request_id` of a start or stop request), if any.
    request_id: Id | None = None
    #: The configuration version the runtime runs (or tried to run).
    configuration_version: Annotated[StrictInt, Field(ge=1)] | None = None
    #: Why the agent failed; required with `failed`.
    reason: Annotated[StrictStr, Field(min_length=1, max_length=MAX_REASON)] | None = None

    @model_validator(mode="after")
    def _failure_has_a_reason(self) -> Self:
        if self.status == "failed" and self.reason is None:
            raise ValueError("a failed status needs a reason")
        return self
