"""The shapes every HTTP API shares: camelCase models and pagination.

The seed's JSON is camelCase while Python fields are snake_case; one base model does the mapping for
every service, so a client sees the same conventions everywhere. Lists are bounded the same way
everywhere too (`PAGE_LIMIT_MAX`, `PAGE_OFFSET_MAX`): a client can never ask for an unbounded page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.alias_generators import to_camel

T = TypeVar("T")

PAGE_LIMIT_DEFAULT = 50
PAGE_LIMIT_MAX = 200
# Deep offsets cost the database a scan of everything skipped; past this, filter instead.
PAGE_OFFSET_MAX = 100_000


def _iso_text(value: Any) -> Any:
    """Query parameters arrive as text; pydantic would also read `0` as 1970-01-01 (a Unix time).
    Only ISO 8601 text, as documented, is a date here."""
    if isinstance(value, date | datetime):
        return value
    if not isinstance(value, str) or not value[:4].isdigit() or value[4:5] != "-":
        raise ValueError("must be an ISO 8601 date (YYYY-MM-DD)")
    return value


#: A calendar date given as ISO 8601 text (`2026-12-01`), documented and enforced alike.
IsoDate = Annotated[date, BeforeValidator(_iso_text), Field(json_schema_extra={"format": "date"})]
#: An instant with its offset (`2026-12-01T08:00:00Z`), ISO 8601 text only.
IsoDateTime = Annotated[AwareDatetime, BeforeValidator(_iso_text)]


class ApiModel(BaseModel):
    """Response (and lenient request) model: snake_case in Python, camelCase on the wire.

    `from_attributes` lets an endpoint answer `Model.model_validate(orm_row)` instead of a
    hand-written ORM → dict mapper.
    """

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class InputModel(ApiModel):
    """A request body: a field the API does not know is an error, not silently ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


class Pagination(ApiModel):
    limit: int
    offset: int
    has_more: bool


class CursorPagination(ApiModel):
    """For lists too long or too fast-moving for offsets (the audit log): resume after a cursor."""

    limit: int
    has_more: bool
    next_cursor: str | None


class Page(ApiModel, Generic[T]):
    """A page of a list: its items and how to ask for the next one."""

    items: list[T]
    pagination: Pagination


@dataclass(frozen=True, slots=True)
class PageRequest:
    """The page a client asked for. Repositories fetch `fetch_limit` rows (one more than the page)
    so `has_more` is known without a second COUNT query."""

    limit: int = PAGE_LIMIT_DEFAULT
    offset: int = 0

    @property
    def fetch_limit(self) -> int:
        return self.limit + 1

    def cut(self, rows: Sequence[T]) -> tuple[list[T], Pagination]:
        """The page's rows (at most `limit`) and its pagination, from `fetch_limit` fetched rows."""
        has_more = len(rows) > self.limit
        return list(rows[: self.limit]), Pagination(limit=self.limit, offset=self.offset, has_more=has_more)

    def page(self, rows: Sequence[T]) -> Page[T]:
        items, pagination = self.cut(rows)
        return Page[T](items=items, pagination=pagination)
