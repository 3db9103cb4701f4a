"""`approval-decisions`, keyed by approval id: the life of a two-person approval (DESIGN.md §3.2).

Every decision event carries the request itself (type, action, resource, details), so the service that
owns the resource can act on `approval.approved` without calling the approval service back.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, Field, StrictBool, StrictInt, StrictStr

from radiant_contracts.fields import Environment, Id
from radiant_contracts.payload import EventPayload
from radiant_contracts.topics import APPROVAL_DECISIONS

ApprovalType = Literal[
    "deployment", "promotion", "model_activation", "provider_change", "user_role_change", "billing_change",
]
Priority = Literal["low", "medium", "high", "critical"]
Reason = Annotated[StrictStr, Field(max_length=1000)]


class _ApprovalEvent(EventPayload):
    """Fields shared by every event on the topic; the key is the approval, so its events stay ordered."""

    topic: ClassVar[str] = APPROVAL_DECISIONS
    key_field: ClassVar[str | None] = "approval_id"
    subject_field: ClassVar[str | None] = "approval_id"

    approval_id: Id
    approval_type: ApprovalType


class _ApprovalDecision(_ApprovalEvent):
    """The request as it was made, repeated on each state change."""

    action: Id
    resource_type: Id
    resource_id: Id | None = None
    details: dict[str, Any] = Field(default_factory=dict)
    requested_by: Id
    environment: Environment
    app_id: Id | None = None


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
