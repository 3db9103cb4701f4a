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

from radiant_contracts.problem import PROBLEM_CONTENT_TYPE as PROBLEM_JSON
from radiant_platform.openapi import problem_schemas

from .routes import AUTHENTICATED, PUBLIC, Route, RouteTable

REF = "#/components/schemas/"


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
        op["responses"] = {
            **op.get("responses", {}),
            "401": _problem("Missing, expired or invalid token"),
            "403": _problem("The caller's role lacks the permission"),
            "429": _problem("Rate limited; see Retry-After"),
        }
    op["x-permission"] = route.permission if route.permission != PUBLIC else None
    op["x-service"] = route.service
    return op


def _problem(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": {"$ref": f"{REF}Problem"}}}}


def _renamed_refs(node: Any, renames: dict[str, str]) -> Any:
    """A copy of a service's document part with `$ref`s to renamed schemas rewritten."""
    if isinstance(node, dict):
        return {
            k: (
                f"{REF}{renames[v[len(REF) :]]}"
                if k == "$ref" and isinstance(v, str) and v[len(REF) :] in renames
                else _renamed_refs(v, renames)
            )
            for k, v in node.items()
        }
    if isinstance(node, list):
        return [_renamed_refs(v, renames) for v in node]
    return node


def _without_clashes(docs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Two services naming different schemas alike (each has its own `Pagination`, say) must not
    overwrite each other in the merged document: the later one is renamed `<Service><Name>`."""
    seen: dict[str, Any] = {}
    result: dict[str, dict[str, Any]] = {}
    for service, doc in docs.items():
        schemas = doc.get("components", {}).get("schemas", {})
        renames = {
            name: f"{service.capitalize()}{name}"
            for name, schema in schemas.items()
            if name in seen and seen[name] != schema
        }
        renamed = _renamed_refs(doc, renames)
        renamed_schemas = renamed.get("components", {}).get("schemas", {})
        renamed.setdefault("components", {})["schemas"] = {renames.get(n, n): v for n, v in renamed_schemas.items()}
        for name, schema in renamed["components"]["schemas"].items():
            seen.setdefault(name, schema)
        result[service] = renamed
    return result


def _referenced(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(REF):
            found.add(ref[len(REF) :])
        for value in node.values():
            _referenced(value, found)
    elif isinstance(node, list):
        for value in node:
            _referenced(value, found)


def _reachable(paths: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    """Only the schemas the published operations use (internal routes' models stay out)."""
    wanted: set[str] = set()
    _referenced(paths, wanted)
    done: set[str] = set()
    while wanted - done:
        name = (wanted - done).pop()
        done.add(name)
        _referenced(schemas.get(name, {}), wanted)
    return {name: schemas[name] for name in sorted(done) if name in schemas}


def merge(docs: dict[str, dict[str, Any]], table: RouteTable, *, version: str) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    schemas: dict[str, Any] = {}
    docs = _without_clashes(docs)
    for route in table.routes:
        doc = docs.get(route.service)
        found = _operation_for(doc, route) if doc else None
        if doc is None or found is None:
            continue  # not served by its owner (yet): leave it out rather than document a 404
        path, op = found
        paths.setdefault(path, {})[route.method.lower()] = _annotate(op, route)
        for name, schema in doc.get("components", {}).get("schemas", {}).items():
            schemas.setdefault(name, schema)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Radiant admin & billing API",
            "version": version,
            "description": "The public API of the Radiant platform, served by the gateway.",
            "license": {"name": "Proprietary", "identifier": "LicenseRef-Radiant"},
        },
        "servers": [{"url": "/", "description": "This gateway"}],
        "paths": dict(sorted(paths.items())),
        "components": {
            "schemas": _reachable(paths, {**schemas, **problem_schemas()}),
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
        },
    }


class MergedOpenAPI:
    """Fetches the services' documents and caches the merged result for a minute."""

    def __init__(
        self,
        table: RouteTable,
        service_urls: dict[str, str],
        version: str,
        own_docs: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        """`own_docs`: documents of routes the gateway answers itself (by the route table's service)."""
        self._table = table
        self._urls = service_urls
        self._own = own_docs or {}
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
        docs = {**self._own, **{n: d for n, d in results if d is not None}}
        merged = merge(docs, self._table, version=self._version)
        if len(docs) == len(self._urls):
            self._cached, self._at = merged, time.monotonic()
        return merged
