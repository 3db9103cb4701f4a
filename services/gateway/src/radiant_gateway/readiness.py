"""The gateway is ready only when every service it forwards to answers its own `/readyz`."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from radiant_platform.app import Runtime

from .config import UPSTREAM_SERVICES
from .deps import GatewayDeps

Probe = Callable[[Runtime[GatewayDeps]], Awaitable[None]]


def upstream_probes() -> dict[str, Probe]:
    return {service: _ready(service) for service in UPSTREAM_SERVICES}


def _ready(service: str) -> Probe:
    async def probe(rt: Runtime[GatewayDeps]) -> None:
        assert rt.http is not None
        response = await rt.http.get(f"{rt.deps.settings.upstream_url(service)}/readyz", timeout=2.0)
        if response.status_code != 200:
            raise RuntimeError(f"{service} not ready ({response.status_code})")

    return probe
