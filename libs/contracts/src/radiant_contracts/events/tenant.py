"""`tenant-events`, compacted and keyed by tenant id.

Because the topic is compacted, only the latest event per tenant survives: every event therefore
carries the tenant's full current state (a snapshot), not just what changed.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, Field, StrictStr

from radiant_contracts.fields import Environment, Id
from radiant_contracts.payload import EventPayload
from radiant_contracts.topics import TENANT_EVENTS

TenantStatus = Literal["active", "suspended", "deleted"]


class _TenantSnapshot(EventPayload):
    topic: ClassVar[str] = TENANT_EVENTS
    subject_field: ClassVar[str | None] = "tenant_id"

    tenant_id: Id
    name: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    app_id: Id
    environment: Environment
    status: TenantStatus
    plan: Id | None = None
    settings: dict[str, Any] = Field(default_factory=dict)
    #: The administrator or operator who caused the change; None for system actions.
    changed_by: Id | None = None


# Events whose meaning fixes the status narrow it, so a "suspended" event that says "active" is refused.


class TenantCreated(_TenantSnapshot):
    event_type: ClassVar[str] = "radiant.tenant.created.v1"

    status: Literal["active"] = "active"
    #: The address the tenant's first super_admin is invited at: its billing contact (the payment
    #: provider's customer email) until billing's settings name another. Optional: older events lack it.
    contact_email: Annotated[StrictStr, Field(min_length=3, max_length=320)] | None = None


class TenantUpdated(_TenantSnapshot):
    event_type: ClassVar[str] = "radiant.tenant.updated.v1"

    changed_fields: list[Id] = Field(default_factory=list)


class TenantSuspended(_TenantSnapshot):
    event_type: ClassVar[str] = "radiant.tenant.suspended.v1"

    status: Literal["suspended"] = "suspended"

    reason: Annotated[StrictStr, Field(max_length=1000)] | None = None


class TenantReactivated(_TenantSnapshot):
    event_type: ClassVar[str] = "radiant.tenant.reactivated.v1"

    status: Literal["active"] = "active"


class TenantDeleted(_TenantSnapshot):
    """The tenant is soft-deleted: it behaves as suspended from now on, and every owning service purges
    its rows of the tenant once `deleted_at` is past its retention window (the audit log never is)."""

    event_type: ClassVar[str] = "radiant.tenant.deleted.v1"

    status: Literal["deleted"] = "deleted"

    reason: Annotated[StrictStr, Field(max_length=1000)] | None = None
    #: When the deletion took effect: each service's retention window counts from here (None: the
    #: event's time).
    deleted_at: AwareDatetime | None = None
    #: The approval a second operator gave (prod tenants), if any.
    approval_id: Id | None = None
