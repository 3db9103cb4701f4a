"""The model registry as identity sees it: metering owns it, identity asks metering's internal API
(`GET /internal/v1/models/{id}`, signed as identity) and never reads metering's tables."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

import httpx

from radiant_platform.approvals import RequestSigner
from radiant_platform.errors import ProblemError


@dataclass(frozen=True, slots=True)
class RegistryModel:
    model_id: str
    model_name: str
    status: str


class ModelRegistry(Protocol):
    """None when the registry has no such model."""

    async def model(self, model_id: str) -> RegistryModel | None: ...


def registry_unavailable() -> ProblemError:
    return ProblemError(
        503, "The model registry cannot be checked just now; try again shortly", headers={"Retry-After": "2"}
    )


class MeteringModelRegistry:
    """`ModelRegistry` over metering's internal API."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: RequestSigner) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._signer = signer

    async def model(self, model_id: str) -> RegistryModel | None:
        url = f"{self._base}/internal/v1/models/{quote(model_id, safe='')}"
        try:
            response = await self._http.get(url, auth=self._signer.auth("metering"))
        except httpx.HTTPError:
            raise registry_unavailable() from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise registry_unavailable()
        body = response.json()
        return RegistryModel(model_id=body["modelId"], model_name=body["modelName"], status=body["status"])
