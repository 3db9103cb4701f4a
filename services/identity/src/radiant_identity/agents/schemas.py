"""Request and response models of `/api/v2/admin/agents` (camelCase JSON).

`AgentConfigurationIn` is the one schema of an agent's configuration: `POST` creates an agent with
it and every `PUT` replaces the configuration with it (a new version). Every field is bounded.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, Strict, field_validator

from radiant_contracts.api import (
    NOT_BLANK,
    NOT_NULL,
    PRINTABLE_NAME,
    TRIMMED,
    ApiModel,
    InputModel,
    JsonInt,
    Pagination,
)
from radiant_contracts.events.agent import (
    MAX_KNOWLEDGE_SOURCES,
    MAX_SYSTEM_PROMPT,
    MAX_TOKENS_LIMIT,
    MAX_TOOLS,
    AgentConfiguration,
)

AgentStatus = Literal["stopped", "starting", "running", "stopping", "failed"]
DesiredState = Literal["running", "stopped"]
Visibility = Literal["private", "tenant"]
KnowledgeSourceType = Literal["url", "document", "vector_store", "database"]

#: A tool's own settings, as JSON, at most this many bytes: enough for any tool's options.
MAX_TOOL_CONFIG_BYTES = 8_192

AgentName = Annotated[str, Field(min_length=1, max_length=255, pattern=PRINTABLE_NAME), TRIMMED]
ModelId = Annotated[str, Field(min_length=1, max_length=255, pattern=r"^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$")]
ToolName = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")]
#: A JSON number (never a string or a boolean).
Number = Annotated[float, Strict()]
# Bounds inside the optional types (not on the `| None`), so the document states them too.
SourceName = Annotated[str, Field(min_length=1, max_length=255, pattern=NOT_BLANK), TRIMMED]
Description = Annotated[str, Field(max_length=2000)]


class ToolIn(InputModel):
    name: ToolName
    config: Annotated[
        dict[str, Any],
        NOT_NULL,
        Field(description=f"The tool's own settings (a JSON object of at most {MAX_TOOL_CONFIG_BYTES} bytes)"),
    ] = Field(default_factory=dict)

    @field_validator("config")
    @classmethod
    def _bounded(cls, config: dict[str, Any]) -> dict[str, Any]:
        if len(json.dumps(config, separators=(",", ":")).encode()) > MAX_TOOL_CONFIG_BYTES:
            raise ValueError(f"at most {MAX_TOOL_CONFIG_BYTES} bytes of JSON")
        return config


class KnowledgeSourceIn(InputModel):
    type: KnowledgeSourceType
    ref: Annotated[str, Field(min_length=1, max_length=2048, pattern=NOT_BLANK), TRIMMED]
    name: Annotated[SourceName | None, NOT_NULL] = None


class AgentConfigurationIn(InputModel):
    """An agent's whole configuration. Fields left out take their defaults."""

    name: AgentName
    description: Annotated[Description | None, NOT_NULL] = None
    model_id: Annotated[ModelId, Field(description="A model of the registry whose status is active")]
    system_prompt: Annotated[str, NOT_NULL, Field(max_length=MAX_SYSTEM_PROMPT)] = ""
    temperature: Annotated[Number, NOT_NULL, Field(ge=0, le=2)] = 0.7
    top_p: Annotated[Number, NOT_NULL, Field(ge=0, le=1)] = 1.0
    max_tokens: Annotated[JsonInt, NOT_NULL, Field(ge=1, le=MAX_TOKENS_LIMIT)] = 1024
    tools: Annotated[list[ToolIn], NOT_NULL, Field(max_length=MAX_TOOLS)] = Field(default_factory=list)
    knowledge_sources: Annotated[list[KnowledgeSourceIn], NOT_NULL, Field(max_length=MAX_KNOWLEDGE_SOURCES)] = Field(
        default_factory=list
    )
    visibility: Annotated[Visibility, NOT_NULL] = "private"

    @field_validator("tools")
    @classmethod
    def _tools_once(cls, tools: list[ToolIn]) -> list[ToolIn]:
        names = [t.name for t in tools]
        if len(set(names)) != len(names):
            raise ValueError("each tool at most once")
        return tools

    def to_contract(self) -> AgentConfiguration:
        """The configuration as it is stored and sent to the runtime (snake_case)."""
        return AgentConfiguration.model_validate(self.model_dump(mode="json", by_alias=False))


class UserRef(ApiModel):
    id: str | None
    name: str | None


class ToolOut(ApiModel):
    name: str
    config: dict[str, Any]


class KnowledgeSourceOut(ApiModel):
    type: str
    ref: str
    name: str | None = None


class AgentConfigurationOut(ApiModel):
    name: str
    description: str | None
    model_id: str
    system_prompt: str
    temperature: float
    top_p: float
    max_tokens: int
    tools: list[ToolOut]
    knowledge_sources: list[KnowledgeSourceOut]
    visibility: str


class AgentOut(AgentConfigurationOut):
    id: uuid.UUID
    #: The current configuration version (1 when created; each PUT adds one).
    version: int
    desired_state: DesiredState
    #: What the runtime last reported: only its `agent.status_reported` events change it.
    status: AgentStatus
    status_reason: str | None
    status_reported_at: datetime | None
    #: The configuration version the runtime last reported running.
    running_version: int | None
    #: A prod start waiting for approval.
    pending_approval_id: str | None
    created_by: UserRef
    created_at: datetime
    updated_at: datetime


class AgentEnvelope(ApiModel):
    agent: AgentOut


class AgentList(ApiModel):
    agents: list[AgentOut]
    pagination: Pagination


class AgentVersionOut(ApiModel):
    version: int
    configuration: AgentConfigurationOut
    #: Field → {from, to} for each field this version changed (every field, for version 1).
    changes: dict[str, Any]
    created_by: UserRef
    created_at: datetime


class AgentVersionList(ApiModel):
    versions: list[AgentVersionOut]
    pagination: Pagination


class PendingApprovalOut(ApiModel):
    id: str
    status: str
    type: str = "agent_deployment"


class StateChangeOut(ApiModel):
    """A start or stop: the desired state is recorded and the runtime asked; `status` follows the
    runtime's reports. In prod, a start of a configuration that has not run waits for approval."""

    agent: AgentOut
    message: str
    pending_approval: PendingApprovalOut | None = None


class AddAgentUser(InputModel):
    user_id: Annotated[uuid.UUID, Field(description="A member or administrator of the caller's tenant")]


class AgentUserOut(ApiModel):
    id: uuid.UUID
    email: str
    display_name: str
    role: str
    status: str
    granted_by: str | None
    granted_at: datetime


class AgentUserEnvelope(ApiModel):
    user: AgentUserOut


class AgentUserList(ApiModel):
    users: list[AgentUserOut]
    pagination: Pagination
