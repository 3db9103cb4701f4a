"""The other owners' parts of the home screen, over their internal routes, signed as identity."""

from __future__ import annotations

from typing import TypeVar
from urllib.parse import quote

import httpx
from pydantic import BaseModel, ValidationError

from radiant_contracts.tenant_views import (
    APPROVAL_PENDING_PATH,
    BILLING_SPEND_PATH,
    METERING_QUOTAS_PATH,
    MeteredQuotas,
    PendingApprovals,
    TenantSpend,
)
from radiant_platform.service_auth import ServiceSigner

M = TypeVar("M", bound=BaseModel)
TIMEOUT_SECONDS = 3.0


class PartUnavailable(Exception):
    """An owner did not answer its part (down, slow, refused, or answered something else)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class DashboardSources:
    def __init__(
        self,
        http: httpx.AsyncClient,
        signer: ServiceSigner,
        *,
        billing_url: str,
        metering_url: str,
        approval_url: str,
    ) -> None:
        self._http = http
        self._signer = signer
        self._urls = {
            "billing": billing_url.rstrip("/"),
            "metering": metering_url.rstrip("/"),
            "approval": approval_url.rstrip("/"),
        }

    async def _get(self, service: str, path: str, model: type[M], params: dict[str, str] | None = None) -> M:
        try:
            response = await self._http.get(
                self._urls[service] + path, params=params, auth=self._signer.auth(service), timeout=TIMEOUT_SECONDS
            )
        except httpx.HTTPError as exc:
            raise PartUnavailable(f"{service} did not answer ({type(exc).__name__})") from None
        if response.status_code != 200:
            raise PartUnavailable(f"{service} answered {response.status_code}")
        try:
            return model.model_validate(response.json())
        except (ValueError, ValidationError):
            raise PartUnavailable(f"{service} answered an unexpected document") from None

    async def spend(self, tenant_id: str) -> TenantSpend:
        return await self._get("billing", BILLING_SPEND_PATH.format(tenant_id=quote(tenant_id, safe="")), TenantSpend)

    async def metered_quotas(self, tenant_id: str) -> MeteredQuotas:
        path = METERING_QUOTAS_PATH.format(tenant_id=quote(tenant_id, safe=""))
        return await self._get("metering", path, MeteredQuotas)

    async def pending_approvals(self, tenant_id: str, user_id: str) -> PendingApprovals:
        path = APPROVAL_PENDING_PATH.format(tenant_id=quote(tenant_id, safe=""))
        return await self._get("approval", path, PendingApprovals, {"userId": user_id})
