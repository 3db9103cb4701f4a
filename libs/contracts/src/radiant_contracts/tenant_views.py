"""The tenant dashboard's home screen (`GET /api/v2/admin/stats`, identity): each owning service's
part, as its internal route answers it (signed service to service; each route admits identity only).

Identity counts its own people, invitations and agents; billing says what the current period has
cost against the budget; metering the metered quotas (tokens this month, storage); approval what
waits for the caller. No service reads another's tables.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from .api import ApiModel
from .quotas import QuotaOut

#: Billing: the tenant's current billing period, what it has cost so far and the budget.
BILLING_SPEND_PATH = "/internal/v1/tenants/{tenant_id}/spend"
#: Metering: the tenant's metered quotas (tokens this calendar month, storage).
METERING_QUOTAS_PATH = "/internal/v1/tenants/{tenant_id}/metered-quotas"
#: Approval: what is pending in the tenant, for one administrator (`?userId=`).
APPROVAL_PENDING_PATH = "/internal/v1/tenants/{tenant_id}/approvals/pending"


class TenantSpend(ApiModel):
    """Usage and spend of the current billing period to date, against the budget (billing's figures,
    as `/billing/current` and `/billing/projections` compute them)."""

    period_start: date
    period_end: date
    currency: str
    request_count: int
    total_tokens: int
    billed_cost: Decimal
    projected_total: Decimal
    budget_limit: Decimal | None
    percent_used: Decimal | None
    budget_status: Literal["no_budget", "within_budget", "at_risk", "over_budget"]
    thresholds_crossed: list[int]


class MeteredQuotas(ApiModel):
    quotas: list[QuotaOut]


class PendingApprovals(ApiModel):
    #: Pending (and not expired) requests in the tenant.
    pending: int
    #: Of those, the ones the administrator did not file and has not reviewed yet.
    awaiting_decision: int
    #: Of those, the ones the administrator filed.
    requested_by_me: int
