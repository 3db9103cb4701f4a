"""Who an administrator is now, from identity (the owner of roles): billing asks before it applies an
approved change in the requester's name, so a requester who lost the right meanwhile changes nothing.

`GET {IDENTITY_URL}/internal/v1/tenants/{tenant}/administrators/{id}`, authenticated as billing
(`radiant_platform.service_auth`), answers `{"id", "tenantId", "role", "status", "permissions"}` or 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

import httpx

from radiant_platform.errors import ServiceUnavailable
from radiant_platform.service_auth import ServiceSigner


class DirectoryUnavailable(ServiceUnavailable):
    """Identity could not answer: an outage, so the consumer retries the batch (never a refusal)."""


@dataclass(frozen=True, slots=True)
class AdministratorRecord:
    id: str
    role: str
    status: str
    permissions: tuple[str, ...]


class AdministratorDirectory(Protocol):
    async def administrator(self, tenant_id: str, admin_id: str) -> AdministratorRecord | None: ...


class IdentityDirectory:
    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: ServiceSigner) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._signer = signer

    async def administrator(self, tenant_id: str, admin_id: str) -> AdministratorRecord | None:
        """The administrator as identity knows them now; None when the tenant has no such administrator."""
        path = f"/internal/v1/tenants/{quote(tenant_id, safe='')}/administrators/{quote(admin_id, safe='')}"
        try:
            response = await self._http.get(f"{self._base}{path}", auth=self._signer.auth("identity"))
        except httpx.HTTPError as exc:
            raise DirectoryUnavailable(f"identity unreachable: {type(exc).__name__}") from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise DirectoryUnavailable(f"identity answered {response.status_code}")
        body = response.json()
        return AdministratorRecord(
            id=str(body["id"]),
            role=str(body["role"]),
            status=str(body["status"]),
            permissions=tuple(str(p) for p in body.get("permissions", ())),
        )
