"""Builders for the events this service publishes (through the outbox, never directly)."""

from __future__ import annotations

from dataclasses import dataclass
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
from radiant_contracts.events.audit import Actor, AuditRecorded
from radiant_platform.audit import normalise_ip
from radiant_platform.auth import Principal

from .models import ApprovalRequest

SOURCE = service_source("approval")
RESOURCE_TYPE = "approval_request"
SYSTEM_ACTOR = Actor(type="system", id="approval-expiry-sweep", name="Approval expiry sweep")


@dataclass(frozen=True, slots=True)
class Caller:
    """The authenticated caller and where the call came from (for the audit trail)."""

    principal: Principal
    ip: str | None
    user_agent: str | None

    @property
    def id(self) -> str:
        return self.principal.subject

    @property
    def display_name(self) -> str | None:
        return self.principal.name or self.principal.email

    def audit_actor(self) -> Actor:
        return Actor(type="admin", id=self.id, name=self.display_name, ip=normalise_ip(self.ip),
                     user_agent=(self.user_agent or None) and self.user_agent[:1024])


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
    return _wrap(ApprovalRequested(
        **_request_fields(request), requested_by_name=request.requested_by_name, priority=request.priority,
        notes=request.notes, requires_two_person=request.requires_two_person, expires_at=request.expires_at,
        required_approvals=request.required_approvals,
    ), request.tenant_id)


def decided(request: ApprovalRequest, decided_at: datetime) -> CloudEvent[Any]:
    """approval.approved / rejected / cancelled, from the request's final status."""
    model = {"approved": ApprovalApproved, "rejected": ApprovalRejected, "cancelled": ApprovalCancelled}[request.status]
    return _wrap(model(
        **_request_fields(request), decided_by=request.decided_by, decided_at=decided_at,
        reason=request.decision_reason,
    ), request.tenant_id)


def expired(request: ApprovalRequest) -> CloudEvent[Any]:
    return _wrap(ApprovalExpired(**_request_fields(request), expires_at=request.expires_at), request.tenant_id)


def audit(
    request: ApprovalRequest, *, action: str, actor: Actor, outcome: str = "success",
    details: dict[str, Any] | None = None,
) -> CloudEvent[Any]:
    return _wrap(AuditRecorded(
        actor=actor, action=action, resource_type=RESOURCE_TYPE, resource_id=str(request.id), outcome=outcome,
        details={"type": request.type, "resource_type": request.resource_type, "resource_id": request.resource_id,
                 **(details or {})},
        app_id=request.app_id, environment=request.environment,
    ), request.tenant_id)
