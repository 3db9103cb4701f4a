"""The OpenAPI document each service serves, made true to what the service answers.

FastAPI's generated document says less than the API does: errors are answered as RFC 9457
`application/problem+json` (with `errors` for field failures) but documented as JSON
`HTTPValidationError` or not at all, and pydantic leaks its own constraint names (`ge`,
`decimal_places`, …) into schemas where a Decimal constraint sits inside `anyOf`. Clients are
generated from this document, so it is corrected once here, for every service, when first built.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from radiant_contracts.problem import PROBLEM_CONTENT_TYPE

PROBLEM_SCHEMA = "Problem"
FIELD_ERROR_SCHEMA = "ProblemFieldError"
#: An operation's input rules that JSON Schema cannot state (see `input_rules`).
INPUT_RULES = "x-input-rules"

# pydantic's names for constraints it could not place on a JSON Schema type → JSON Schema's own.
_RENAMED = {"ge": "minimum", "le": "maximum", "gt": "exclusiveMinimum", "lt": "exclusiveMaximum"}
# Constraints JSON Schema has no keyword for; the API still enforces them (and says so in prose).
_DROPPED = ("max_digits", "decimal_places")

_COMMON_ERRORS: dict[str, str] = {
    "401": "Missing, expired or invalid access token",
    "403": "The caller may not do this",
    "404": "Not found (or not the caller's)",
    "413": "Request body too large",
    "429": "Too many requests",
    "500": "Unexpected error",
}
#: Every operation may answer this while a dependency is down (errors.dependency_unavailable).
UNAVAILABLE_DESCRIPTION = (
    "A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its "
    "class: database, cache, broker or service); retry after `Retry-After` seconds"
)
RETRY_AFTER_HEADER = {
    "description": "Seconds to wait before retrying",
    "schema": {"type": "integer", "minimum": 0},
}


def problem_schemas() -> dict[str, Any]:
    return {
        FIELD_ERROR_SCHEMA: {
            "type": "object",
            "required": ["field", "message", "type"],
            "properties": {
                "field": {"type": "string", "description": "Dotted path of the field (`query.limit`, `items.0.name`)"},
                "message": {"type": "string"},
                "type": {"type": "string"},
            },
        },
        PROBLEM_SCHEMA: {
            "type": "object",
            "description": "RFC 9457 problem details; further members may be present.",
            "required": ["type", "title", "status"],
            "properties": {
                "type": {"type": "string"},
                "title": {"type": "string"},
                "status": {"type": "integer", "minimum": 100, "maximum": 599},
                "detail": {"type": "string"},
                "instance": {"type": "string"},
                "errors": {"type": "array", "items": {"$ref": f"#/components/schemas/{FIELD_ERROR_SCHEMA}"}},
            },
            "additionalProperties": True,
        },
    }


def input_rules(*rules: tuple[str, str]) -> dict[str, Any]:
    """`openapi_extra=` for an operation whose input obeys rules a JSON Schema cannot state — one
    field compared with another (`endDate` not before `startDate`), a span, a time relative to now.
    Each rule is (the field its 422 error names, as in `errors[].field`: `query.endDate`,
    `periodEnd`, or `catalogue.*` for a field and what is inside it; the rule in words). The
    document lists them under `x-input-rules` and in the 422's
    description, so a client knows them before it is refused, and the fuzzer knows that a 422
    naming only these fields answers a rule the document states."""
    return {INPUT_RULES: [{"field": field, "rule": rule} for field, rule in rules]}


def _problem_response(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {PROBLEM_CONTENT_TYPE: {"schema": {"$ref": f"#/components/schemas/{PROBLEM_SCHEMA}"}}},
    }


def clean_schema_keywords(node: Any) -> None:
    """Rename or drop the pydantic-only constraint names, anywhere in the document (in place)."""
    if isinstance(node, dict):
        for key in _DROPPED:
            value = node.pop(key, None)
            if value is not None and "type" not in node and "anyOf" in node:
                node.setdefault("description", f"{key.replace('_', ' ')}: {value}")
        for old, new in _RENAMED.items():
            if old in node and isinstance(node[old], int | float) and new not in node:
                node[new] = node.pop(old)
        for value in node.values():
            clean_schema_keywords(value)
    elif isinstance(node, list):
        for item in node:
            clean_schema_keywords(item)


def document_problems(document: dict[str, Any]) -> None:
    """Every operation documents its errors as problem+json: 422 with field errors where FastAPI
    validates input, and the errors any route can answer (auth, limits, outages)."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(problem_schemas())
    for name in ("HTTPValidationError", "ValidationError"):
        schemas.pop(name, None)
    for path_item in document.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in ("get", "put", "post", "delete", "patch") or not isinstance(operation, dict):
                continue
            responses = operation.setdefault("responses", {})
            rules = operation.get(INPUT_RULES, [])
            if "422" in responses or rules:
                responses["422"] = _problem_response(_invalid_input(rules))
            for status, description in _COMMON_ERRORS.items():
                responses.setdefault(status, _problem_response(description))
            responses["503"] = _unavailable_response(responses.get("503"))
            if "requestBody" in operation:
                responses.setdefault("400", _problem_response("The body is not well-formed JSON"))
            for status, answer in responses.items():
                if status.startswith(("4", "5")) and PROBLEM_CONTENT_TYPE not in answer.get("content", {}):
                    responses[status] = _problem_response(answer.get("description") or "Error")


def _unavailable_response(declared: dict[str, Any] | None) -> dict[str, Any]:
    """The 503 every operation documents, with its `Retry-After`; a route that names its own reason
    for a 503 (e.g. a service it calls) keeps that description."""
    described = (declared or {}).get("description")
    response = _problem_response(
        described if described and described != "Service Unavailable" else UNAVAILABLE_DESCRIPTION
    )
    response["headers"] = {"Retry-After": RETRY_AFTER_HEADER}
    return response


def _invalid_input(rules: list[dict[str, str]]) -> str:
    described = "Invalid input: `errors` names each field (text never holds NUL, U+0000)"
    if rules:
        described += ". Besides the schema, these rules apply: " + "; ".join(
            f"`{rule['field']}`: {rule['rule']}" for rule in rules
        )
    return described


def normalise(document: dict[str, Any]) -> dict[str, Any]:
    clean_schema_keywords(document)
    document_problems(document)
    return document


def install_openapi(app: FastAPI, *, servers: list[dict[str, str]] | None = None) -> None:
    """Serve the corrected document from `app.openapi()` (built once, on first request)."""

    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                servers=servers or [{"url": "/"}],
            )
            document.setdefault("info", {})["license"] = {"name": "Proprietary", "identifier": "LicenseRef-Radiant"}
            app.openapi_schema = normalise(document)
        return app.openapi_schema

    replace: Callable[[], dict[str, Any]] = build
    app.openapi = replace  # type: ignore[method-assign]
