"""RFC 9457 problem details: the one error body every service's HTTP API returns.

`errors` is our extension member for validation failures: one entry per bad field, with a dotted
path (`events.0.input_tokens`) a client can map back onto its form or payload.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

PROBLEM_CONTENT_TYPE = "application/problem+json"


class FieldError(BaseModel):
    """One invalid field. `field` is empty when the error is about the document as a whole."""

    model_config = ConfigDict(frozen=True)

    field: str
    message: str
    type: str


class ProblemDetails(BaseModel):
    """RFC 9457 body. Extra members are allowed, as the RFC permits extensions."""

    model_config = ConfigDict(extra="allow", frozen=True)

    type: str = "about:blank"
    title: str
    status: Annotated[int, Field(ge=100, le=599)]
    detail: str | None = None
    instance: str | None = None
    errors: list[FieldError] | None = None

    def to_bytes(self) -> bytes:
        """Absent members are omitted rather than sent as null, as the RFC's examples do."""
        return self.model_dump_json(exclude_none=True).encode()


def dotted_path(loc: Sequence[str | int]) -> str:
    """`("events", 0, "input_tokens")` → `events.0.input_tokens`."""
    return ".".join(str(part) for part in loc)


def field_errors(errors: Iterable[Mapping[str, Any]], *, drop_leading: Collection[str] = ()) -> list[FieldError]:
    """Convert pydantic/FastAPI `.errors()` entries into `FieldError`s.

    `drop_leading` strips a first location part that only says where the value came from
    (FastAPI prefixes `body`), keeping paths relative to the document the client sent.
    """
    result = []
    for err in errors:
        loc = list(err.get("loc", ()))
        if loc and loc[0] in drop_leading:
            loc = loc[1:]
        result.append(
            FieldError(field=dotted_path(loc), message=str(err.get("msg", "")), type=str(err.get("type", "")))
        )
    return result


def validation_problem(
    errors: Iterable[Mapping[str, Any]],
    *,
    detail: str | None = "The request has invalid fields.",
    instance: str | None = None,
    drop_leading: Collection[str] = ("body",),
) -> ProblemDetails:
    """The 422 problem for a request that failed validation."""
    return ProblemDetails(
        title="Unprocessable Content",
        status=422,
        detail=detail,
        instance=instance,
        errors=field_errors(errors, drop_leading=drop_leading),
    )
