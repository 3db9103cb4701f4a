"""The tenants' raw-usage retention preferences, from identity's internal API — never its tables."""

from __future__ import annotations

from typing import Any

import httpx

from radiant_platform.service_auth import ServiceSigner

PATH = "/internal/v1/tenants/usage-retention"


class RetentionUnavailable(Exception):
    """Identity could not say the tenants' preferences this round."""


class IdentityRetention:
    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: ServiceSigner) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._signer = signer

    async def shorter_preferences(self) -> dict[str, int]:
        """tenant id → usageDetailDays, for the tenants that keep less than the platform's maximum."""
        try:
            response = await self._http.get(self._base_url + PATH, auth=self._signer.auth("identity"), timeout=5.0)
        except httpx.HTTPError as exc:
            raise RetentionUnavailable(type(exc).__name__) from None
        if response.status_code != 200:
            raise RetentionUnavailable(f"identity answered {response.status_code}")
        try:
            body: Any = response.json()
            return {str(t["tenantId"]): int(t["usageDetailDays"]) for t in body["tenants"]}
        except (KeyError, TypeError, ValueError) as exc:
            raise RetentionUnavailable(f"unexpected retention document ({exc})") from None
