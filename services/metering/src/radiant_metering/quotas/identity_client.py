"""Identity's part of a tenant's quotas (users, agents), over its internal API — never its tables."""

from __future__ import annotations

from typing import Any

import httpx

from radiant_contracts.quotas import QuotaStatus
from radiant_platform.errors import ProblemError
from radiant_platform.service_auth import ServiceSigner

PATH = "/internal/v1/quotas/{tenant_id}"


class IdentityUnavailable(ProblemError):
    def __init__(self, reason: str) -> None:
        super().__init__(
            503,
            f"Identity cannot say the tenant's users and agents right now ({reason}); retry shortly",
            headers={"Retry-After": "2"},
        )


class IdentityQuotas:
    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: ServiceSigner) -> None:
        self._http = http
        self._base_url = base_url.rstrip("/")
        self._signer = signer

    async def statuses(self, tenant_id: str) -> list[QuotaStatus]:
        path = PATH.format(tenant_id=tenant_id)
        try:
            response = await self._http.get(self._base_url + path, auth=self._signer.auth("identity"), timeout=5.0)
        except httpx.HTTPError as exc:
            raise IdentityUnavailable(type(exc).__name__) from None
        if response.status_code != 200:
            raise IdentityUnavailable(f"identity answered {response.status_code}")
        try:
            body: Any = response.json()
            return [
                QuotaStatus(q["resource"], int(q["current"]), None if q["limit"] is None else int(q["limit"]))
                for q in body["quotas"]
                if q["resource"] in ("users", "agents")
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise IdentityUnavailable(f"unexpected quota document ({exc})") from None
