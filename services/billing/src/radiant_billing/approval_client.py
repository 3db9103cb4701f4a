"""Creating `billing_change` approvals through the approval service's HTTP API, as the caller."""

from __future__ import annotations

from typing import Protocol

import httpx

from radiant_contracts.approvals import BillingChange
from radiant_platform.errors import ProblemError


class ApprovalUnavailable(ProblemError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            503, f"The approval service could not take the request: {detail}", headers={"Retry-After": "5"}
        )


class ApprovalRequester(Protocol):
    async def request_billing_change(
        self, *, bearer_token: str, change_id: str, change: BillingChange, client_ip: str | None
    ) -> str: ...


class ApprovalClient:
    def __init__(self, http: httpx.AsyncClient, base_url: str) -> None:
        self._http = http
        self._base = base_url.rstrip("/")

    async def request_billing_change(
        self, *, bearer_token: str, change_id: str, change: BillingChange, client_ip: str | None
    ) -> str:
        """Create the approval with the caller's own token (so requester and tenant are theirs).

        `details` is exactly the typed `billing_change` payload; the pending change it stands for is
        named by `resourceId`. `client_ip` is the caller's address as billing decided it, passed on
        so the approval's audit trail names the same client.
        """
        body = {
            "type": "billing_change",
            "action": "billing.settings_update",
            "resourceType": "billing_settings",
            "resourceId": change_id,
            "details": change.model_dump(mode="json"),
            "priority": "high",
            "notes": "Billing settings change requested through the billing API",
        }
        headers = {"Authorization": f"Bearer {bearer_token}"}
        if client_ip:
            headers["X-Forwarded-For"] = client_ip
        try:
            response = await self._http.post(f"{self._base}/api/v2/admin/approvals", json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise ApprovalUnavailable(type(exc).__name__) from None
        if response.status_code in (401, 403):
            raise ProblemError(403, "You may not request approvals for billing changes")
        if response.status_code not in (200, 201, 202):
            raise ApprovalUnavailable(f"approval answered {response.status_code}")
        document = response.json()
        approval = document.get("approval", document) if isinstance(document, dict) else {}
        approval_id = approval.get("id") if isinstance(approval, dict) else None
        if not approval_id:
            raise ApprovalUnavailable("no approval id in the answer")
        return str(approval_id)
