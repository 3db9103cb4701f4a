"""`/saas/tenants` request and response models (camelCase JSON; bodies refuse unknown fields)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field, StrictBool, StrictFloat, StringConstraints

from radiant_contracts.api import PRINTABLE_NAME, TRIMMED, ApiModel, InputModel, Pagination

from ..schemas import DeliverableEmail, Environment, InvitationSummary
from .models import ImpersonationSession

TenantStatus = Literal["active", "suspended", "deleted"]
# Bounded as sent, never blank, no control characters, kept trimmed (strip_whitespace would strip
# before the documented bounds).
TenantName = Annotated[str, Field(max_length=255, pattern=PRINTABLE_NAME), TRIMMED]
AppId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,99}$")]
# One printable line, as the deletion's approval carries it (`approvals.TenantDeletion.reason`).
Reason = Annotated[str, Field(max_length=1000, pattern=PRINTABLE_NAME), TRIMMED]
LabelKey = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,62}$")]
LabelValue = Annotated[str, StringConstraints(max_length=255)]

MAX_LABELS = 20


class TenantSettingsIn(InputModel):
    """What an operator decides for a tenant (its administrators cannot change these)."""

    #: The operator's own bookkeeping: CRM account, region, contract… published with tenant events.
    labels: (
        Annotated[
            dict[LabelKey, LabelValue],
            # keys only of the pattern, as validated (the pattern alone lets other keys through)
            Field(max_length=MAX_LABELS, json_schema_extra={"additionalProperties": False}),
        ]
        | None
    ) = None
    #: Whether operators may impersonate this tenant with write access (read-only is always possible).
    allow_write_impersonation: StrictBool | None = None


class TenantSettingsOut(ApiModel):
    labels: dict[str, str] = Field(default_factory=dict)
    allow_write_impersonation: bool = True


class CreateTenantRequest(InputModel):
    name: TenantName
    environment: Environment
    #: The email of the tenant's first super_admin, who receives a one-time invitation.
    super_admin_email: DeliverableEmail
    app_id: AppId | None = Field(None, description="Defaults to the platform's app id")
    settings: TenantSettingsIn | None = None


class UpdateTenantRequest(InputModel):
    """Only the fields given change; `settings` members given replace theirs."""

    name: TenantName | None = None
    app_id: AppId | None = None
    settings: TenantSettingsIn | None = None


class StatusChangeRequest(InputModel):
    reason: Reason


class ImpersonateRequest(InputModel):
    reason: Reason
    #: Default 15; at most 60. Fractions are allowed (0.5 is thirty seconds).
    duration_minutes: Annotated[StrictFloat, Field(gt=0, le=60)] = 15
    #: Read-only unless asked for, and only for an operator holding `saas:write`.
    write: StrictBool = False


class TenantOut(ApiModel):
    id: str
    name: str
    app_id: str
    environment: str
    status: str
    settings: TenantSettingsOut
    created_by: str | None
    created_at: datetime
    updated_at: datetime
    status_changed_at: datetime | None
    suspended_at: datetime | None = Field(description="When the tenant was last suspended")


class TenantList(ApiModel):
    tenants: list[TenantOut]
    pagination: Pagination


class StatusChangeOut(ApiModel):
    from_status: str | None
    to_status: str
    reason: str | None
    changed_by: str | None
    changed_by_name: str | None
    changed_at: datetime


class AdministratorsOut(ApiModel):
    total: int
    by_role: dict[str, int]
    pending_invitations: int
    last_login_at: datetime | None


class ImpersonationOut(ApiModel):
    id: uuid.UUID
    tenant_id: str
    operator_id: str
    operator_email: str | None
    operator_name: str | None
    reason: str
    read_only: bool
    started_at: datetime
    expires_at: datetime
    ended_at: datetime | None
    ended_by: str | None
    end_reason: str | None
    active: bool


class ImpersonationList(ApiModel):
    impersonations: list[ImpersonationOut]
    pagination: Pagination


class TenantDetail(TenantOut):
    administrators: AdministratorsOut
    status_history: list[StatusChangeOut]
    active_impersonations: list[ImpersonationOut]


class TenantEnvelope(ApiModel):
    tenant: TenantOut


class FiledApprovalOut(ApiModel):
    """The approval a deletion waits for: another operator decides it at /api/v2/saas/approvals/{id}."""

    id: str
    status: str
    type: str


class TenantDeletionOut(ApiModel):
    tenant: TenantOut
    #: True: the tenant is deleted now (soft: it behaves as suspended); False: it waits for `approval`.
    deleted: bool
    approval: FiledApprovalOut | None = None
    #: When the owning services purge the tenant's data (the audit log is kept), once deleted.
    purge_after: datetime | None = None


class TenantDetailEnvelope(ApiModel):
    tenant: TenantDetail


class TenantCreatedOut(ApiModel):
    tenant: TenantOut
    #: The first super_admin's invitation; its one-time link went to them by email only.
    invitation: InvitationSummary


class ImpersonationStarted(ApiModel):
    session: ImpersonationOut
    access_token: str
    token_type: Literal["Bearer"] = "Bearer"
    expires_in: int


def settings_out(stored: dict[str, Any] | None) -> TenantSettingsOut:
    return TenantSettingsOut.model_validate(stored or {})


def impersonation_out(row: ImpersonationSession, now: datetime) -> ImpersonationOut:
    fields = {name: getattr(row, name) for name in ImpersonationOut.model_fields if name != "active"}
    return ImpersonationOut(**fields, active=row.ended_at is None and row.expires_at > now)
