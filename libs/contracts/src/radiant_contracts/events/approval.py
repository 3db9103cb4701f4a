"""`approval-decisions`, keyed by approval id: the life of a two-person approval (DESIGN.md §3.2).

Every decision event carries the request itself (type, action, resource, details), so the service that
owns the resource can act on `approval.approved` without calling the approval service back.

`details` is the exact change: one of the typed payloads of `radiant_contracts.approvals`, chosen by
`approval_type` (the exported JSON Schemas say so with an `if approval_type … then details …` per type).
On the wire and in this model it stays a JSON object (`dict`), so that an event whose details do not
match still reaches its executor, which parses it once — `typed_details()` — and answers
`approval.execution_failed` with the field errors rather than the event being dead-lettered.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, Field, GetJsonSchemaHandler, StrictBool, StrictInt, StrictStr
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema
from pydantic_core.core_schema import definition_reference_schema, definitions_schema

from radiant_contracts.approvals import APPROVAL_PAYLOADS, ApprovalPayload, ApprovalType, parse_approval_details
from radiant_contracts.fields import ActionLabel, Environment, Id
from radiant_contracts.payload import EventPayload
from radiant_contracts.topics import APPROVAL_DECISIONS

Priority = Literal["low", "medium", "high", "critical"]
Reason = Annotated[StrictStr, Field(max_length=1000)]


def _by_reference(model: type[ApprovalPayload]) -> CoreSchema:
    """The model's core schema such that its JSON Schema is a `$ref` into `$defs`, never inlined."""
    schema = model.__pydantic_core_schema__
    if schema["type"] == "definitions":
        return schema
    return definitions_schema(definition_reference_schema(schema["ref"]), [schema])


class _ApprovalEvent(EventPayload):
    """Fields shared by every event on the topic; the key is the approval, so its events stay ordered."""

    topic: ClassVar[str] = APPROVAL_DECISIONS
    key_field: ClassVar[str | None] = "approval_id"
    subject_field: ClassVar[str | None] = "approval_id"

    approval_id: Id
    approval_type: ApprovalType


class _ApprovalDecision(_ApprovalEvent):
    """The request as it was made, repeated on each state change."""

    action: ActionLabel
    resource_type: Id
    resource_id: Id | None = None
    details: dict[str, Any] = Field(
        default_factory=dict,
        description="The exact change: the approval type's payload from radiant_contracts.approvals "
        "(closed, snake_case), e.g. UserRoleChange for user_role_change.",
    )
    requested_by: Id
    environment: Environment
    app_id: Id | None = None

    def typed_details(self) -> ApprovalPayload:
        """`details` parsed as this approval type's payload; `pydantic.ValidationError` if not exact."""
        return parse_approval_details(self.approval_type, self.details)

    @classmethod
    def __get_pydantic_json_schema__(cls, source: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """Document, per approval type, which payload `details` is (JSON Schema 2020-12 if/then)."""
        schema = handler(source)
        target = handler.resolve_ref_schema(schema)
        target["allOf"] = [
            {
                "if": {"properties": {"approval_type": {"const": approval_type}}, "required": ["approval_type"]},
                "then": {"properties": {"details": handler(_by_reference(model))}},
            }
            for approval_type, model in sorted(APPROVAL_PAYLOADS.items())
        ]
        return schema


class ApprovalRequested(_ApprovalDecision):
    event_type: ClassVar[str] = "radiant.approval.requested.v1"

    requested_by_name: StrictStr | None = None
    priority: Priority = "medium"
    notes: Reason | None = None
    requires_two_person: StrictBool = False
    expires_at: AwareDatetime
    #: Distinct approvers (never the requester) needed before the request is approved.
    required_approvals: Annotated[StrictInt, Field(ge=1)] = 1


class ApprovalApproved(_ApprovalDecision):
    """The go-ahead: the owning service applies it and answers executed/execution_failed."""

    event_type: ClassVar[str] = "radiant.approval.approved.v1"

    decided_by: Id
    decided_at: AwareDatetime
    reason: Reason | None = None


class ApprovalRejected(_ApprovalDecision):
    event_type: ClassVar[str] = "radiant.approval.rejected.v1"

    decided_by: Id
    decided_at: AwareDatetime
    reason: Reason | None = None


class ApprovalCancelled(_ApprovalDecision):
    """Withdrawn by the requester (or an admin) before a decision."""

    event_type: ClassVar[str] = "radiant.approval.cancelled.v1"

    decided_by: Id
    decided_at: AwareDatetime
    reason: Reason | None = None


class ApprovalExpired(_ApprovalDecision):
    event_type: ClassVar[str] = "radiant.approval.expired.v1"

    expires_at: AwareDatetime


class ApprovalExecuted(_ApprovalEvent):
    """The owning service applied the approved change."""

    event_type: ClassVar[str] = "radiant.approval.executed.v1"

    executed_by_service: Id
    result: dict[str, Any] = Field(default_factory=dict)


class ApprovalExecutionFailed(_ApprovalEvent):
    """The owning service could not apply the approved change; `reason` is shown on the approval."""

    event_type: ClassVar[str] = "radiant.approval.execution_failed.v1"

    executed_by_service: Id
    reason: Reason
    result: dict[str, Any] = Field(default_factory=dict)
