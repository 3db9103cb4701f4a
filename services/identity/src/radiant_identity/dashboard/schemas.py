"""`GET /admin/stats`: the home screen's answer (camelCase JSON)."""

from __future__ import annotations

from datetime import datetime

from pydantic import Field

from radiant_contracts.api import ApiModel
from radiant_contracts.quotas import QuotaOut
from radiant_contracts.tenant_views import PendingApprovals, TenantSpend


class RoleStatusCount(ApiModel):
    role: str
    status: str
    count: int


class MembersOut(ApiModel):
    #: Everyone with an account (administrators and members), removed ones not counted.
    total: int
    by_role: dict[str, int]
    by_status: dict[str, int]
    by_role_and_status: list[RoleStatusCount]


class InvitationsOut(ApiModel):
    #: Invitations sent and not yet accepted, expired or revoked.
    pending: int
    pending_by_role: dict[str, int]


class AgentsOut(ApiModel):
    total: int
    #: The status the runtime last reported (stopped, starting, running, stopping, failed).
    by_status: dict[str, int]
    #: What administrators asked for (running or stopped).
    by_desired_state: dict[str, int]


class UnavailablePart(ApiModel):
    part: str
    reason: str


class TenantStatsOut(ApiModel):
    tenant_id: str
    generated_at: datetime
    members: MembersOut
    invitations: InvitationsOut
    agents: AgentsOut
    #: Usage and spend of the current billing period against the budget (billing); null if unavailable.
    spend: TenantSpend | None
    #: What waits in the tenant and for the caller (approval); null if unavailable.
    approvals: PendingApprovals | None
    #: Quota use per resource: users and agents (identity), tokens and storage (metering).
    quotas: list[QuotaOut]
    #: The parts whose owner did not answer, and why; the rest of the screen is still right.
    unavailable: list[UnavailablePart] = Field(default_factory=list)
