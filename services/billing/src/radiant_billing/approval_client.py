"""Filing `billing_change` approvals: billing asks the approval service, as itself, on behalf of the
administrator whose settings update it checked (`radiant_platform.approval_requests`)."""

from __future__ import annotations

from typing import Protocol

from radiant_contracts.approvals import BillingChange
from radiant_platform.approval_requests import ApprovalRequests
from radiant_platform.context import RequestContext


class ApprovalRequester(Protocol):
    async def request_billing_change(self, ctx: RequestContext, *, change_id: str, change: BillingChange) -> str: ...

    async def request_plan_downgrade(self, ctx: RequestContext, *, change_id: str, change: BillingChange) -> str: ...


class ApprovalClient:
    def __init__(self, requests: ApprovalRequests) -> None:
        self._requests = requests

    async def request_billing_change(self, ctx: RequestContext, *, change_id: str, change: BillingChange) -> str:
        """The approval's id. `details` is exactly the typed `billing_change` payload; the pending change
        it stands for is named by `resourceId`; the requester, tenant, environment and client address
        are the caller's, from their verified token."""
        filed = await self._requests.file(
            ctx,
            change,
            action="billing.settings_update",
            resource_type="billing_settings",
            resource_id=change_id,
            priority="high",
            notes="Billing settings change requested through the billing API",
        )
        return filed.id

    async def request_plan_downgrade(self, ctx: RequestContext, *, change_id: str, change: BillingChange) -> str:
        """The approval's id for a prod tenant's downgrade (`details.plan_downgrade`); the waiting
        subscription change is named by `resourceId`."""
        assert change.plan_downgrade is not None
        filed = await self._requests.file(
            ctx,
            change,
            action="billing.downgrade",
            resource_type="subscription",
            resource_id=change_id,
            priority="medium",
            notes=f"Downgrade from {change.plan_downgrade.from_plan} to {change.plan_downgrade.to_plan} "
            "at the end of the current period",
        )
        return filed.id
