"""Merging the services' OpenAPI documents: one service's schema never overwrites another's."""

from __future__ import annotations

from radiant_gateway.openapi import merge
from radiant_gateway.routes import Route, RouteTable


def _doc(path: str, page_schema: dict) -> dict:
    return {
        "paths": {
            path: {
                "get": {
                    "responses": {
                        "200": {
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pagination"}}}
                        }
                    }
                }
            }
        },
        "components": {"schemas": {"Pagination": page_schema, "Unused": {"type": "object"}}},
    }


def test_same_named_schemas_of_two_services_both_survive_under_distinct_names() -> None:
    offset_page = {"type": "object", "properties": {"offset": {"type": "integer"}}}
    cursor_page = {"type": "object", "properties": {"nextCursor": {"type": "string"}}}
    table = RouteTable(
        (Route("GET", "/api/v2/a", "identity", "admin:read"), Route("GET", "/api/v2/b", "audit", "audit:read"))
    )
    merged = merge(
        {"identity": _doc("/api/v2/a", offset_page), "audit": _doc("/api/v2/b", cursor_page)}, table, version="t"
    )
    schemas = merged["components"]["schemas"]
    assert schemas["Pagination"] == offset_page and schemas["AuditPagination"] == cursor_page
    ok = merged["paths"]["/api/v2/b"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/AuditPagination"}
    assert "Unused" not in schemas  # only what the published operations use
    assert merged["servers"] and "Problem" in schemas
