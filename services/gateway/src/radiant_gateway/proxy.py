"""Forwarding to the owning service over pooled keep-alive connections (aiohttp), streaming replies.

aiohttp rather than httpx here: the gateway forwards every request, and measured under load httpx
spent several times more CPU per forwarded request than the request itself needed.
"""

from __future__ import annotations

import logging

import aiohttp
from fastapi import Request
from fastapi.responses import Response, StreamingResponse
from opentelemetry import propagate
from starlette.background import BackgroundTask

from radiant_platform.errors import Dependency, ProblemError, dependency_unavailable
from radiant_platform.limits import DEFAULT_MAX_BODY_BYTES, body_too_large

log = logging.getLogger(__name__)

# Hop-by-hop headers (RFC 9110 §7.6.1) are never forwarded; length/encoding are recomputed.
HOP_BY_HOP = {
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "host",
    "content-length",
}


BUFFER_LIMIT = 256 * 1024


def make_session(connect_timeout: float, read_timeout: float) -> aiohttp.ClientSession:
    # Idle connections are dropped well before the services' keep-alive (75 s, radiant_platform.cli)
    # so a request never goes out on a connection the service has just closed.
    connector = aiohttp.TCPConnector(limit=500, limit_per_host=200, keepalive_timeout=15, ttl_dns_cache=300)
    timeout = aiohttp.ClientTimeout(total=None, connect=connect_timeout, sock_read=read_timeout)
    # auto_decompress=False: bodies pass through byte for byte with their Content-Encoding.
    # No cookie jar: the session is shared by every caller, so a cookie one answer sets (identity's
    # console refresh cookie) must reach that caller only, never ride along with the next request.
    return aiohttp.ClientSession(
        connector=connector,
        timeout=timeout,
        auto_decompress=False,
        skip_auto_headers=("User-Agent", "Accept-Encoding"),
        cookie_jar=aiohttp.DummyCookieJar(),
    )


def _forward_headers(request: Request, client_ip: str) -> dict[str, str]:
    headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
    headers["x-forwarded-for"] = client_ip
    headers["x-forwarded-proto"] = request.url.scheme
    headers["x-forwarded-host"] = request.headers.get("host", "")
    propagate.inject(headers)  # the service's spans join the gateway's trace
    return headers


async def _bounded_body(request: Request, max_bytes: int) -> bytes:
    """The request body, refused (413) once a chunked one passes `max_bytes`. A body with a
    Content-Length was checked against the limit before; the server holds it to that length."""
    if "chunked" not in request.headers.get("transfer-encoding", ""):
        return await request.body()
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise body_too_large(max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


async def forward(
    session: aiohttp.ClientSession,
    base_url: str,
    request: Request,
    client_ip: str,
    *,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
) -> Response:
    url = base_url + request.url.path
    if request.url.query:
        url += "?" + request.url.query
    body = await _bounded_body(request, max_body_bytes)
    try:
        response = await session.request(
            request.method,
            url,
            headers=_forward_headers(request, client_ip),
            data=body,
            allow_redirects=False,
        )
    except (TimeoutError, aiohttp.ServerTimeoutError):
        raise ProblemError(504, "The service did not answer in time") from None
    except aiohttp.ClientError as exc:
        log.warning("forwarding %s %s to %s failed: %r", request.method, request.url.path, base_url, exc)
        raise dependency_unavailable(Dependency.SERVICE, "The service is unavailable; try again shortly") from None
    headers = _reply_headers(response)
    length = response.content_length
    if length is not None and length <= BUFFER_LIMIT:
        # Most answers are small JSON documents: read and answer in one piece (streaming costs more).
        body = await response.read()
        response.release()
        reply: Response = Response(body, status_code=response.status)
    else:
        # Exports and other large or chunked answers stream through without being held in memory.
        reply = StreamingResponse(
            response.content.iter_any(), status_code=response.status, background=BackgroundTask(response.release)
        )
    reply.raw_headers.extend(headers)  # after the length the reply computed for itself, if any
    return reply


def _reply_headers(response: aiohttp.ClientResponse) -> list[tuple[bytes, bytes]]:
    """The service's answer headers as it sent them, each repeated one kept (two Set-Cookie, two
    Link: a mapping would keep only the last), without the hop-by-hop ones; names lower-cased (ASGI)."""
    return [(name.lower(), value) for name, value in response.raw_headers if name.lower().decode() not in HOP_BY_HOP]
