"""The API reference pages: `/docs` (Swagger UI over the merged OpenAPI) and `/docs/asyncapi/<service>`
(each service's events, the AsyncAPI viewer over the service's document, which the gateway relays).

Both viewers come from the console's own build (`console/docs/*.html`, separate entry points bundled
by Vite from npm packages), never from a CDN: the pages work on a network without internet access.
Each service's own `/asyncapi` sends its readers here. The pages run under the console's strict
policy (scripts, styles and connections from this origin only, no inline script) — the AsyncAPI page
with one allowance, 'unsafe-eval': its parser validates the document with Ajv, which compiles its
validators at run time (`new Function`); no other page gets it.
"""

from __future__ import annotations

from typing import cast

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse, Response

from radiant_platform.app import get_runtime
from radiant_platform.errors import ProblemError

from .config import UPSTREAM_SERVICES, Settings
from .console import CONTENT_SECURITY_POLICY, SECURITY_HEADERS, console_files

OPENAPI_PAGE = "docs/openapi.html"
ASYNCAPI_PAGE = "docs/asyncapi.html"
ASYNCAPI_PREFIX = "/docs/asyncapi"
#: A service's AsyncAPI document is a few hundred KB at most; anything far larger is not one.
MAX_DOCUMENT_BYTES = 8 * 1024 * 1024

ASYNCAPI_HEADERS = {
    **SECURITY_HEADERS,
    "Content-Security-Policy": CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
}

docs = APIRouter()


def _page(request: Request, name: str, headers: dict[str, str] = SECURITY_HEADERS) -> Response:
    files = console_files(request)
    page = files.root / name
    if not page.is_file():
        raise ProblemError(
            503, "The API reference is not built (`make up` builds the console)", headers={"Retry-After": "30"}
        )
    return FileResponse(page, media_type="text/html", headers={**headers, "Cache-Control": "no-cache"})


def _known(service: str) -> str:
    if service not in UPSTREAM_SERVICES:
        raise ProblemError(404, f"No service named {service!r} publishes events", services=list(UPSTREAM_SERVICES))
    return service


@docs.get("/docs", include_in_schema=False)
async def openapi_page(request: Request) -> Response:
    return _page(request, OPENAPI_PAGE)


@docs.get(ASYNCAPI_PREFIX, include_in_schema=False)
async def asyncapi_index() -> Response:
    return RedirectResponse(f"{ASYNCAPI_PREFIX}/{UPSTREAM_SERVICES[0]}", status_code=307)


@docs.get(ASYNCAPI_PREFIX + "/{service}", include_in_schema=False)
async def asyncapi_page(service: str, request: Request) -> Response:
    _known(service)
    return _page(request, ASYNCAPI_PAGE, ASYNCAPI_HEADERS)


@docs.get(ASYNCAPI_PREFIX + "/{service}/asyncapi.json", include_in_schema=False)
async def asyncapi_document(service: str, request: Request) -> Response:
    """The service's own document, relayed: the viewer reads it from this origin (connect-src 'self')."""
    rt = get_runtime(request)
    assert rt.http is not None
    url = f"{cast(Settings, rt.settings).upstream_url(_known(service))}/asyncapi.json"
    try:
        answer = await rt.http.get(url, timeout=5.0)
    except httpx.HTTPError as exc:
        raise ProblemError(503, f"{service} is not answering", headers={"Retry-After": "5"}) from exc
    if answer.status_code != 200 or len(answer.content) > MAX_DOCUMENT_BYTES:
        raise ProblemError(502, f"{service} gave no AsyncAPI document (HTTP {answer.status_code})")
    return JSONResponse(answer.json(), headers={"Cache-Control": "no-cache"})
