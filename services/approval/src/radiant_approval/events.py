"""The events this service publishes (through the outbox, never directly): the decisions on
`approval-decisions`, and how an approval request is named in its `audit.recorded` events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from radiant_contracts import make_event
from radiant_contracts.envelope import CloudEvent, service_source
from radiant_contracts.events.approval import (
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
)
from radiant_contracts.events.audit import Actor

from .models import ApprovalRequest

SERVICE = "approval"
SOURCE = service_source(SERVICE)
RESOURCE_TYPE = "approval_request"
SYSTEM_ACTOR = Actor(type="system", id="approval-expiry-sweep", name="Approval expiry sweep")


def _request_fields(request: ApprovalRequest) -> dict[str, Any]:
    return {
        "approval_id": str(request.id),
        "approval_type": request.type,
        "action": request.action,
        "resource_type": request.resource_type,
        "resource_id": request.resource_id,
        "details": request.details or {},
        "requested_by": request.requested_by,
        "environment": request.environment,
        "app_id": request.app_id,
    }


def _wrap(payload: Any, tenant_id: str) -> CloudEvent[Any]:
    return make_event(payload, tenant_id=tenant_id, source=SOURCE)


def requested(request: ApprovalRequest) -> CloudEvent[Any]:
    return _wrap(
        ApprovalRequested(
            **_request_fields(request),
            requested_by_name=request.requested_by_name,
            priority=request.priority,
            notes=request.notes,
            requires_two_person=request.requires_two_person,
            expires_at=request.expires_at,
            required_approvals=request.required_approvals,
        ),
        request.tenant_id,
    )


def decided(request: ApprovalRequest, decided_at: datetime) -> CloudEvent[Any]:
    """approval.approved / rejected / cancelled, from the request's final status."""
    model = {"approved": ApprovalApproved, "rejected": ApprovalRejected, "cancelled": ApprovalCancelled}[request.status]
    return _wrap(
        model(
            **_request_fields(request),
            decided_by=request.decided_by,
            decided_at=decided_at,
            reason=request.decision_reason,
        ),
        request.tenant_id,
    )


def expired(request: ApprovalRequest) -> CloudEvent[Any]:
    return _wrap(ApprovalExpired(**_request_fields(request), expires_at=request.expires_at), request.tenant_id)


def audited(request: ApprovalRequest, details: dict[str, Any] | None = None) -> dict[str, Any]:
    """The request as an audit event names it, for `ctx.audit(...)` and `record_audit(...)` alike:
    its tenant and environment (not the caller's), and what it would change beside `details`."""
    return {
        "tenant_id": request.tenant_id,
        "environment": request.environment,
        "app_id": request.app_id,
        "resource_type": RESOURCE_TYPE,
        "resource_id": str(request.id),
        "details": {
            "type": request.type,
            "resource_type": request.resource_type,
            "resource_id": request.resource_id,
            **(details or {}),
        },
    }
