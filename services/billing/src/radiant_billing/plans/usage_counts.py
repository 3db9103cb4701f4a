"""What a tenant uses now, for the downgrade check: members and agents from identity, tokens this
month from metering, storage from metering's gauge.

- identity: `GET {IDENTITY_URL}/internal/v1/tenants/{tenant}/usage` → `{"users": int, "agents": int}`
  (members and administrators, pending invitations included, and agents — identity's quota counts,
  served by `radiant_identity.quotas` to billing alone). A 404 (an identity without the route) leaves
  the two counts unknown.
- metering: tokens from the internal rollups billing already reads (input + output tokens of the
  calendar month so far, UTC); storage is unknown until metering reports a gauge.

A count that is unknown is `None`: the check names it as not verified instead of guessing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Protocol
from urllib.parse import quote

import httpx

from radiant_platform.errors import ProblemError
from radiant_platform.service_auth import ServiceSigner

from ..metering_client import UsageSource


@dataclass(frozen=True)
class TenantUsage:
    users: int | None
    agents: int | None
    tokens_this_month: int | None
    storage_gb: int | None


class TenantUsageSource(Protocol):
    async def current(self, tenant_id: str, today: date) -> TenantUsage: ...


class UsageUnavailable(ProblemError):
    def __init__(self, detail: str) -> None:
        super().__init__(
            503, f"The tenant's current usage cannot be read right now: {detail}", headers={"Retry-After": "5"}
        )


class ServiceUsageCounts:
    def __init__(self, http: httpx.AsyncClient, identity_url: str, signer: ServiceSigner, usage: UsageSource) -> None:
        self._http = http
        self._identity = identity_url.rstrip("/")
        self._signer = signer
        self._usage = usage

    async def current(self, tenant_id: str, today: date) -> TenantUsage:
        users, agents = await self._identity_counts(tenant_id)
        month = await self._usage.usage(tenant_id, today.replace(day=1), today)
        return TenantUsage(
            users=users, agents=agents, tokens_this_month=sum(m.total_tokens for m in month), storage_gb=None
        )

    async def _identity_counts(self, tenant_id: str) -> tuple[int | None, int | None]:
        path = f"/internal/v1/tenants/{quote(tenant_id, safe='')}/usage"
        try:
            response = await self._http.get(f"{self._identity}{path}", auth=self._signer.auth("identity"))
        except httpx.HTTPError as exc:
            raise UsageUnavailable(f"identity unreachable ({type(exc).__name__})") from None
        if response.status_code == 404:
            return None, None
        if response.status_code != 200:
            raise UsageUnavailable(f"identity answered {response.status_code}")
        body = response.json()
        return _count(body.get("users")), _count(body.get("agents"))


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None
