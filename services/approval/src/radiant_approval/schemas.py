"""HTTP request and response models: the seed's camelCase JSON (zod `createApprovalSchema` etc.)."""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, Field, StrictStr
from pydantic_core import PydanticCustomError

from radiant_contracts.api import NOT_BLANK, ApiModel, JsonInt, Pagination
from radiant_contracts.approvals import APPROVAL_PAYLOADS, ApprovalType
from radiant_contracts.events.approval import Priority
from radiant_contracts.fields import ACTION_LABEL_PATTERN, Environment

ApprovalStatus = Literal["pending", "approved", "rejected", "expired", "cancelled"]
#: The types filed through the public API: those no platform service owns (external deployers'). A type
#: a service owns (a role change, a billing change, …) is filed by that service, after its own rules
#: passed, over its internal route — never by an administrator directly (issue 12 finding 1).
PublicApprovalType = Literal["deployment", "promotion"]
ExecutionStatus = Literal["pending", "executed", "failed", "external"]


# --- requests (lenient, as the seed's: unknown members are ignored) ------------------------------

#: An approval's `details` as compact JSON. A typed change is a few hundred bytes; the bound keeps
#: every approval event far below Kafka's 1 MiB record limit (issue 12 #6), checked before the
#: type's payload is.
MAX_DETAILS_BYTES = 16 * 1024


def _within_details_size(details: dict[str, Any]) -> dict[str, Any]:
    size = len(json.dumps(details, separators=(",", ":"), ensure_ascii=False, default=str).encode())
    if size > MAX_DETAILS_BYTES:
        raise PydanticCustomError(
            "too_large", "must be at most {limit} bytes of JSON, not {size}", {"limit": MAX_DETAILS_BYTES, "size": size}
        )
    return details


BoundedDetails = Annotated[
    dict[str, Any],
    Field(max_length=64, description=f"The change, as the type's payload; at most {MAX_DETAILS_BYTES} bytes of JSON"),
    AfterValidator(_within_details_size),
]


def _payload_schema(approval_type: str) -> dict[str, Any]:
    schema = APPROVAL_PAYLOADS[approval_type].model_json_schema()
    assert "$defs" not in schema, "inline only self-contained payloads"
    if approval_type == "promotion":
        # The payload's own rule, stated: a promotion moves to another environment than its source.
        both = ["source_environment", "target_environment"]
        schema["allOf"] = [
            {"not": {"required": both, "properties": {name: {"const": env} for name in both}}}
            for env in get_args(Environment)
        ]
    return schema


def _details_by_type(schema: dict[str, Any]) -> None:
    """The document says what the service checks (`typed_details`): `details` is the payload of the
    request's `type`, one branch per type, so a request valid for the document is valid for the API."""
    payloads = {approval_type: _payload_schema(approval_type) for approval_type in get_args(PublicApprovalType)}
    details = schema["properties"]["details"]
    schema["properties"]["details"] = {"anyOf": list(payloads.values()), "description": details.get("description")}
    schema["oneOf"] = [
        {"required": ["type", "details"], "properties": {"type": {"const": approval_type}, "details": payload}}
        for approval_type, payload in payloads.items()
    ]


class CreateApproval(ApiModel):
    model_config = ApiModel.model_config | {"json_schema_extra": _details_by_type}

    type: Annotated[
        PublicApprovalType,
        Field(
            description="`deployment` or `promotion`. Changes a platform service owns are requested through "
            "that service's own route (e.g. `PUT /admin/users/{id}`, `PUT /billing/settings`), which files the "
            "approval itself."
        ),
    ]
    # Shown to approvers and in the subject of their email: a plain label, never a control character.
    action: Annotated[StrictStr, Field(min_length=1, max_length=100, pattern=ACTION_LABEL_PATTERN)]
    resource_type: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    resource_id: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    # The change itself: checked against the type's payload (radiant_contracts.approvals) by the service.
    details: BoundedDetails
    priority: Priority = "medium"
    notes: Annotated[StrictStr, Field(max_length=1000)] | None = None
    expires_in_hours: Annotated[JsonInt, Field(ge=1, le=168)] = 24


def _reason_to_reject(schema: dict[str, Any]) -> None:
    # As the service checks it: a rejection gives a reason (not only spaces); an approval may.
    schema["oneOf"] = [
        {"required": ["action"], "properties": {"action": {"const": "approve"}}},
        {
            "required": ["action", "reason"],
            "properties": {"action": {"const": "reject"}, "reason": {"type": "string", "pattern": r"\S"}},
        },
    ]


class ProcessApproval(ApiModel):
    model_config = ApiModel.model_config | {"json_schema_extra": _reason_to_reject}

    action: Literal["approve", "reject"]
    # Required when rejecting (checked by the service, reported as a field error on `reason`).
    reason: Annotated[StrictStr, Field(max_length=500)] | None = None


class ApproveRequest(ApiModel):
    """An operator's approval of a platform request; the reason is optional."""

    reason: Annotated[StrictStr, Field(max_length=500)] | None = None


class RejectRequest(ApiModel):
    """An operator's rejection: always with a reason (not only spaces)."""

    reason: Annotated[StrictStr, Field(min_length=1, max_length=500, pattern=NOT_BLANK)]


# --- responses -----------------------------------------------------------------------------------


class PersonRef(ApiModel):
    id: str
    name: str | None = None
    email: str | None = None


class ReviewOut(ApiModel):
    reviewer: PersonRef
    decision: Literal["approve", "reject"]
    reason: str | None = None
    at: datetime


class ExecutionOut(ApiModel):
    status: ExecutionStatus
    service: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    at: datetime | None = None
    note: str | None = None


class HistoryEntry(ApiModel):
    at: datetime
    event: Literal["requested", "approved", "rejected", "cancelled", "expired", "executed", "execution_failed"]
    actor: PersonRef | None = None
    reason: str | None = None


class ApprovalSummary(ApiModel):
    id: uuid.UUID
    type: ApprovalType
    status: ApprovalStatus
    environment: str
    action: str
    resource_type: str
    resource_id: str
    priority: Priority
    requested_by: PersonRef
    requested_at: datetime
    expires_at: datetime
    requires_two_person_approval: bool
    required_approvals: int
    approvals_received: int
    can_approve: bool
    execution_status: ExecutionStatus | None = None


class ApprovalDetail(ApprovalSummary):
    app_id: str | None = None
    # The exact, typed change (radiant_contracts.approvals) that the owning service applies once approved.
    details: dict[str, Any]
    # The service that filed it for its requester after checking its own rules; null: filed directly.
    filed_by_service: str | None = None
    notes: str | None = None
    approved_by: str | None = None
    approved_by_name: str | None = None
    approved_at: datetime | None = None
    rejected_reason: str | None = None
    decided_by: PersonRef | None = None
    decided_at: datetime | None = None
    reviews: list[ReviewOut]
    execution: ExecutionOut | None = None
    history: list[HistoryEntry]


class ApprovalEnvelope(ApiModel):
    approval: ApprovalDetail


class ApprovalList(ApiModel):
    approvals: list[ApprovalSummary]
    pagination: Pagination


class ProcessedApproval(ApiModel):
    id: uuid.UUID
    status: ApprovalStatus
    processed_by: str
    processed_at: datetime
    decision: Literal["approve", "reject"]
    reason: str | None = None
    required_approvals: int
    approvals_received: int


class ProcessResult(ApiModel):
    approval: ProcessedApproval


class CancelResult(ApiModel):
    message: str
    approval: ApprovalDetail
