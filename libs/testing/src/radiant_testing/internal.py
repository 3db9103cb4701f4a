"""Calling a service's internal API as another service, as the services themselves do.

The stack names each service's own key (`<SVC>_INTERNAL_KEY_FILE`); a test that plays billing signs
with billing's key, so the callee sees exactly what billing would send (`radiant_platform.service_auth`).

    async with internal_client(stack, caller="billing", callee="metering") as client:
        response = await client.get("/internal/v1/rollups", params=...)
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from radiant_platform.service_auth import ServiceSigner, load_private_key
from radiant_testing.stack import StackEnv


def signer_for(stack: StackEnv, service: str) -> ServiceSigner:
    """`service`'s signer, from the key file the stack gave it."""
    return ServiceSigner(service, load_private_key(Path(stack[f"{service.upper()}_INTERNAL_KEY_FILE"])))


@asynccontextmanager
async def internal_client(stack: StackEnv, *, caller: str | None, callee: str) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on `callee` that signs every request as `caller` (None: no service token)."""
    auth = signer_for(stack, caller).auth(callee) if caller is not None else None
    async with httpx.AsyncClient(base_url=stack.service_url(callee), auth=auth, timeout=15) as client:
        yield client
