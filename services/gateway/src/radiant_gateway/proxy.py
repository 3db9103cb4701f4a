"""Forwarding to the owning service over pooled HTTP connections, streaming both ways."""

from __future__ import annotations

import httpx
from fastapi import Request
from fastapi.responses import StreamingResponse
from starlette.background import BackgroundTask

from radiant_platform.errors import ProblemError

# Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded.
HOP_BY_HOP = {
    "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer",
    "transfer-encoding", "upgrade", "host", "content-length",
}


def _forward_headers(request: Request, client_ip: str) -> dict[str, str]:
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    headers["x-forwarded-for"] = client_ip
    headers["x-forwarded-proto"] = request.url.scheme
    headers["x-forwarded-host"] = request.headers.get("host", "")
    return headers


async def forward(client: httpx.AsyncClient, base_url: str, request: Request, client_ip: str,
                  timeout: httpx.Timeout) -> StreamingResponse:
    upstream = client.build_request(
        request.method,
        base_url + request.url.path,
        params=request.query_params.multi_items(),
        headers=_forward_headers(request, client_ip),
        content=request.stream(),
        timeout=timeout,
    )
    try:
        response = await client.send(upstream, stream=True)
    except httpx.TimeoutException:
        raise ProblemError(504, "The service did not answer in time") from None
    except httpx.TransportError:
        raise ProblemError(503, "The service is unavailable; try again shortly", headers={"Retry-After": "2"}) from None
    headers = {k: v for k, v in response.headers.items() if k.lower() not in HOP_BY_HOP}
    return StreamingResponse(
        response.aiter_raw(), status_code=response.status_code, headers=headers,
        background=BackgroundTask(response.aclose),
    )
