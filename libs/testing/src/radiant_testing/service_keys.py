"""Service keys for tests: a producer's key, created the way a tenant administrator creates one —
through identity's API (`POST /api/v2/admin/api-keys`) behind the gateway — never minted here."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from radiant_testing.tokens import TokenFactory, bearer

API_KEYS = "/api/v2/admin/api-keys"


@dataclass(frozen=True)
class ServiceKey:
    id: str
    secret: str
    tenant_id: str
    environment: str
    scopes: tuple[str, ...]
    #: The administrator's headers that created it (to list or revoke it).
    admin_headers: dict[str, str]

    @property
    def headers(self) -> dict[str, str]:
        """`Authorization: Bearer rk_…` for the producer's requests."""
        return bearer(self.secret)


async def create_service_key(
    gateway: httpx.AsyncClient,
    admin_headers: dict[str, str],
    *,
    tenant_id: str,
    environment: str = "dev",
    scopes: Sequence[str] = ("usage:write",),
    name: str | None = None,
    expires_at: datetime | None = None,
) -> ServiceKey:
    body: dict[str, Any] = {"name": name or f"producer-{uuid.uuid4().hex[:8]}", "scopes": list(scopes)}
    if expires_at is not None:
        body["expiresAt"] = expires_at.isoformat()
    response = await gateway.post(API_KEYS, json=body, headers=admin_headers)
    assert response.status_code == 201, response.text
    created = response.json()
    return ServiceKey(
        id=created["apiKey"]["id"],
        secret=created["secret"],
        tenant_id=tenant_id,
        environment=environment,
        scopes=tuple(created["apiKey"]["scopes"]),
        admin_headers=admin_headers,
    )


MakeServiceKey = Callable[..., Awaitable[ServiceKey]]


def service_key_factory(gateway: httpx.AsyncClient, make_token: TokenFactory) -> MakeServiceKey:
    """`await make_service_key(tenant_id=None, environment="dev", scopes=("usage:write",), name=None)`:
    a new key of that tenant (a fresh one when none is named), created by one of its admins."""

    async def make(
        tenant_id: str | None = None,
        *,
        environment: str = "dev",
        scopes: Sequence[str] = ("usage:write",),
        name: str | None = None,
        expires_at: datetime | None = None,
    ) -> ServiceKey:
        tenant = tenant_id or f"t-{uuid.uuid4()}"
        admin = bearer(make_token(role="admin", tenant_id=tenant, environment=environment))
        return await create_service_key(
            gateway, admin, tenant_id=tenant, environment=environment, scopes=scopes, name=name, expires_at=expires_at
        )

    return make
