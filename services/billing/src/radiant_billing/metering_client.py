"""Metering's internal rollup API, the only way billing learns usage and cost (DESIGN.md §1).

`GET {METERING_URL}/internal/v1/rollups?tenantId=&start=&end=` (dates inclusive, at most 400 days),
authenticated as billing (`radiant_platform.service_auth`: metering answers billing alone), answers
`{"tenantId", "start", "end", "models": [{"modelId", "modelName", "providerId", "requestCount",
"inputTokens", "outputTokens", "totalTokens", "providerCost", "billedCost"}]}` with costs as decimal
strings; `billedCost` already includes the margin that applied at the time of use.

`POST {METERING_URL}/internal/v1/rollups/tenants` with `{"start", "end", "tenantIds": [...]}` (at most
`MAX_TENANTS_PER_CALL` tenants) answers the same per-model figures for many tenants at once,
`{"period", "tenants": [{"tenantId", "models": [...]}]}`, every tenant asked for included: the invoice
run pages its tenants through it (`usage_of_tenants`) instead of one call per tenant.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

import httpx

from radiant_platform.errors import ProblemError
from radiant_platform.service_auth import ServiceSigner

from .calculations import ModelUsage


class MeteringUnavailable(ProblemError):
    def __init__(self, detail: str) -> None:
        super().__init__(503, f"Usage data is unavailable right now: {detail}", headers={"Retry-After": "5"})


#: Metering's bound on the bulk read (its `MAX_TENANTS_PER_CALL`).
MAX_TENANTS_PER_CALL = 500


class UsageSource(Protocol):
    async def usage(self, tenant_id: str, start: date, end: date) -> list[ModelUsage]: ...

    async def usage_of_tenants(
        self, tenant_ids: Sequence[str], start: date, end: date
    ) -> dict[str, list[ModelUsage]]: ...


def _decimal(value: Any, name: str) -> Decimal:
    if isinstance(value, float):  # the contract says strings; a float has lost exactness already
        raise MeteringUnavailable(f"metering sent {name} as a float")
    try:
        return Decimal(str(value if value is not None else "0"))
    except InvalidOperation:
        raise MeteringUnavailable(f"metering sent an invalid {name}: {value!r}") from None


def parse_tenants_rollups(body: dict[str, Any], asked: Sequence[str]) -> dict[str, list[ModelUsage]]:
    """Each tenant's usage; a tenant asked for but not answered is an error, never "no usage"."""
    answered = {str(t["tenantId"]): parse_rollups(t) for t in body["tenants"]}
    missing = [tenant_id for tenant_id in asked if tenant_id not in answered]
    if missing:
        raise MeteringUnavailable(f"metering left out {len(missing)} of the tenants asked for")
    return {tenant_id: answered[tenant_id] for tenant_id in asked}


def parse_rollups(body: dict[str, Any]) -> list[ModelUsage]:
    usages = []
    for m in body.get("models") or []:
        usages.append(
            ModelUsage(
                model_id=str(m["modelId"]),
                model_name=str(m.get("modelName") or m["modelId"]),
                provider_id=m.get("providerId"),
                request_count=int(m.get("requestCount") or 0),
                input_tokens=int(m.get("inputTokens") or 0),
                output_tokens=int(m.get("outputTokens") or 0),
                total_tokens=int(m.get("totalTokens") or 0),
                provider_cost=_decimal(m.get("providerCost"), "providerCost"),
                billed_cost=_decimal(m.get("billedCost"), "billedCost"),
            )
        )
    return usages


class MeteringClient:
    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: ServiceSigner) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._auth = signer.auth("metering")

    async def usage(self, tenant_id: str, start: date, end: date) -> list[ModelUsage]:
        try:
            response = await self._http.get(
                f"{self._base}/internal/v1/rollups",
                params={"tenantId": tenant_id, "start": start.isoformat(), "end": end.isoformat()},
                auth=self._auth,
            )
        except httpx.HTTPError as exc:
            raise MeteringUnavailable(type(exc).__name__) from None
        if response.status_code != 200:
            raise MeteringUnavailable(f"metering answered {response.status_code}")
        try:
            return parse_rollups(response.json())
        except (KeyError, TypeError, ValueError) as exc:
            raise MeteringUnavailable(f"unexpected rollup document ({exc})") from None

    async def usage_of_tenants(self, tenant_ids: Sequence[str], start: date, end: date) -> dict[str, list[ModelUsage]]:
        """Up to `MAX_TENANTS_PER_CALL` tenants' usage in one call (the caller pages its tenants)."""
        if len(tenant_ids) > MAX_TENANTS_PER_CALL:
            raise ValueError(f"at most {MAX_TENANTS_PER_CALL} tenants per call")
        body = {"start": start.isoformat(), "end": end.isoformat(), "tenantIds": list(tenant_ids)}
        try:
            response = await self._http.post(f"{self._base}/internal/v1/rollups/tenants", json=body, auth=self._auth)
        except httpx.HTTPError as exc:
            raise MeteringUnavailable(type(exc).__name__) from None
        if response.status_code != 200:
            raise MeteringUnavailable(f"metering answered {response.status_code}")
        try:
            return parse_tenants_rollups(response.json(), tenant_ids)
        except (KeyError, TypeError, ValueError) as exc:
            raise MeteringUnavailable(f"unexpected rollup document ({exc})") from None
