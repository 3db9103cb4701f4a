"""HTTP request and response models: the seed's camelCase JSON (zod `createApprovalSchema` etc.)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr
from pydantic.alias_generators import to_camel

ApprovalType = Literal[
    "deployment", "promotion", "model_activation", "provider_change", "user_role_change", "billing_change",
]
ApprovalStatus = Literal["pending", "approved", "rejected", "expired", "cancelled"]
Priority = Literal["low", "medium", "high", "critical"]
ExecutionStatus = Literal["pending", "executed", "failed", "external"]


class CamelModel(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


# --- requests ------------------------------------------------------------------------------------


class CreateApproval(CamelModel):
    type: ApprovalType
    action: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    resource_type: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    resource_id: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    details: dict[str, Any]
    priority: Priority = "medium"
    notes: Annotated[StrictStr, Field(max_length=1000)] | None = None
    expires_in_hours: Annotated[StrictInt, Field(ge=1, le=168)] = 24


class ProcessApproval(CamelModel):
    action: Literal["approve", "reject"]
    # Required when rejecting (checked by the service, reported as a field error on `reason`).
    reason: Annotated[StrictStr, Field(max_length=500)] | None = None


class ListQuery(CamelModel):
    status: ApprovalStatus | None = None
    pending_for_me: bool = False
    limit: int = Field(50, ge=1, le=100)
    offset: int = Field(0, ge=0)


# --- responses -----------------------------------------------------------------------------------


class PersonRef(CamelModel):
    id: str
    name: str | None = None
    email: str | None = None


class ReviewOut(CamelModel):
    reviewer: PersonRef
    decision: Literal["approve", "reject"]
    reason: str | None = None
    at: datetime


class ExecutionOut(CamelModel):
    status: ExecutionStatus
    service: str | None = None
    result: dict[str, Any] | None = None
    error: str | None = None
    at: datetime | None = None
    note: str | None = None


class HistoryEntry(CamelModel):
    at: datetime
    event: Literal["requested", "approved", "rejected", "cancelled", "expired", "executed", "execution_failed"]
    actor: PersonRef | None = None
    reason: str | None = None


class ApprovalSummary(CamelModel):
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
    details: dict[str, Any]
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


class ApprovalEnvelope(CamelModel):
    approval: ApprovalDetail


class Pagination(CamelModel):
    limit: int
    offset: int
    has_more: bool


class ApprovalList(CamelModel):
    approvals: list[ApprovalSummary]
    pagination: Pagination


class ProcessedApproval(CamelModel):
    id: uuid.UUID
    status: ApprovalStatus
    processed_by: str
    processed_at: datetime
    decision: Literal["approve", "reject"]
    reason: str | None = None
    required_approvals: int
    approvals_received: int


class ProcessResult(CamelModel):
    approval: ProcessedApproval


class CancelResult(CamelModel):
    message: str
    approval: ApprovalDetail
