"""One OpenAPI document for the whole public API, merged from the services' own documents.

Only operations that are in the route table are published, each with its permission, so the
document shows exactly what the gateway serves.
"""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

import httpx

from .routes import AUTHENTICATED, PUBLIC, Route, RouteTable


def _shape(path: str) -> str:
    """`/a/{id}/b` and `/a/{approval_id}/b` are the same route: parameter names do not matter."""
    return re.sub(r"\{[^/}]+\}", "{}", path)


def _operation_for(service_doc: dict[str, Any], route: Route) -> tuple[str, dict[str, Any]] | None:
    """The service's own path (with its parameter names) and operation for a gateway route."""
    for path, operations in service_doc.get("paths", {}).items():
        if _shape(path) == _shape(route.path) and route.method.lower() in operations:
            return path, operations[route.method.lower()]
    return None


def _annotate(op: dict[str, Any], route: Route) -> dict[str, Any]:
    op = dict(op)
    if route.is_public:
        op["security"] = []
        op["description"] = (op.get("description", "") + "\n\nPublic: no token required.").strip()
    else:
        op["security"] = [{"bearerAuth": []}]
        needed = "any valid token" if route.permission == AUTHENTICATED else f"permission `{route.permission}`"
        op["description"] = (op.get("description", "") + f"\n\nRequires {needed}.").strip()
        op.setdefault("responses", {}).update(
            {
                "401": {"description": "Missing, expired or invalid token"},
                "403": {"description": "The caller's role lacks the permission"},
                "429": {"description": "Rate limited; see Retry-After"},
            }
        )
    op["x-permission"] = route.permission if route.permission != PUBLIC else None
    op["x-service"] = route.service
    return op


def merge(docs: dict[str, dict[str, Any]], table: RouteTable, *, version: str) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    for route in table.routes:
        doc = docs.get(route.service)
        found = _operation_for(doc, route) if doc else None
        if doc is None or found is None:
            continue  # not served by its owner (yet): leave it out rather than document a 404
        path, op = found
        paths.setdefault(path, {})[route.method.lower()] = _annotate(op, route)
        schemas.update(doc.get("components", {}).get("schemas", {}))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Radiant admin & billing API",
            "version": version,
            "description": "The public API of the Radiant platform, served by the gateway.",
        },
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }


class MergedOpenAPI:
    """Fetches the services' documents and caches the merged result for a minute."""

    def __init__(self, table: RouteTable, service_urls: dict[str, str], version: str) -> None:
        self._table = table
        self._urls = service_urls
        self._version = version
        self._cached: dict[str, Any] | None = None
        self._at = 0.0

    async def document(self, client: httpx.AsyncClient) -> dict[str, Any]:
        if self._cached is not None and time.monotonic() - self._at < 60:
            return self._cached

        async def fetch(name: str, url: str) -> tuple[str, dict[str, Any] | None]:
            try:
                r = await client.get(f"{url}/openapi.json", timeout=5.0)
                r.raise_for_status()
                return name, r.json()
            except httpx.HTTPError:
                return name, None

        results = await asyncio.gather(*(fetch(n, u) for n, u in self._urls.items()))
        docs = {n: d for n, d in results if d is not None}
        merged = merge(docs, self._table, version=self._version)
        if len(docs) == len(self._urls):
            self._cached, self._at = merged, time.monotonic()
        return merged
