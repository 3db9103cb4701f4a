"""The shapes every HTTP API shares: camelCase models and pagination.

The seed's JSON is camelCase while Python fields are snake_case; one base model does the mapping for
every service, so a client sees the same conventions everywhere. Lists are bounded the same way
everywhere too (`PAGE_LIMIT_MAX`, `PAGE_OFFSET_MAX`): a client can never ask for an unbounded page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Generic, TypeVar

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
)
from pydantic.alias_generators import to_camel
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

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


#: A pattern a text matches when it holds a character that is not white space — what Python's
#: `str.strip` and the document's regex dialect (ECMA-262) both call white space: their `\s` differ
#: (Python's has U+001C-U+001F and U+0085, ECMA's U+FEFF), so the characters are named.
NOT_BLANK = r"[^\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]"

#: C0 and C1 control characters, DEL and the Unicode line/paragraph separators (as in
#: `radiant_contracts.approvals.PRINTABLE_PATTERN`).
CONTROL_CHARACTERS = r"\x00-\x1f\x7f-\x9f\u2028\u2029"
#: A one-line name a person reads (a tenant's): no control character anywhere, and not blank. Such
#: names travel into approval requests, emails and audit lines, which refuse control characters.
PRINTABLE_NAME = rf"^[^{CONTROL_CHARACTERS}]*{NOT_BLANK[:-1]}{CONTROL_CHARACTERS}][^{CONTROL_CHARACTERS}]*$"
#: Text a person writes to another (a note, an invitation's message): line breaks and tabs allowed,
#: other control characters not — the approvals' `Note` is this pattern.
PRINTABLE_TEXT = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F\u2028\u2029]*$"


#: Text kept without its surrounding white space, checked as sent: `Annotated[str, Field(max_length=100,
#: pattern=NOT_BLANK), TRIMMED]` is bounded by the length the document states and never blank.
#: (`strip_whitespace` strips before the bounds, so it accepts a text longer than the document allows.)
TRIMMED = AfterValidator(str.strip)


def _json_integer(value: Any) -> Any:
    # JSON Schema's `integer` is any number without a fraction: 3.0 is one, and is read as 3.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


#: An integer in a request, as JSON Schema means it: `3` or `3.0`; never `"3"`, `true` or `3.5`
#: (pydantic's lax mode would read the first two, its strict mode refuse `3.0`).
JsonInt = Annotated[int, BeforeValidator(_json_integer), Strict()]


@dataclass(frozen=True)
class DecimalInput:
    """An amount, price or percentage in a request, as `Annotated[Decimal, DecimalInput(...)]`: a
    decimal string (`"20.50"`) or a JSON number (`20.5`, read through its shortest text so no binary
    float leaks in), documented as exactly what is accepted — the string's pattern, the number's
    range, and `multipleOf` for its decimal places — so a client (or a fuzzer) that follows the
    document is never refused. Exponents, signs, spaces and underscores, which pydantic would
    otherwise read, are refused as the pattern says.

    Never negative; `maximum` is a power of ten (100 for a percentage), the one bound a pattern states.
    """

    max_digits: int
    decimal_places: int
    maximum: int | None = None

    @property
    def _whole_digits(self) -> int:
        return self.max_digits - self.decimal_places

    def pattern(self) -> str:
        places = self.decimal_places
        fraction = rf"(\.\d{{1,{places}}})?" if places else ""
        if self.maximum is None:
            return rf"^\d{{1,{self._whole_digits}}}{fraction}$"
        power = len(str(self.maximum)) - 1
        if self.maximum != 10**power or power >= self._whole_digits:
            raise ValueError("maximum must be a power of ten with fewer digits than max_digits allows")
        zeros = rf"(\.0{{1,{places}}})?" if places else ""
        return rf"^({self.maximum}{zeros}|\d{{1,{power}}}{fraction})$"

    def documented(self) -> dict[str, Any]:
        number: dict[str, Any] = {"type": "number", "minimum": 0}
        if self.maximum is None:
            number["exclusiveMaximum"] = 10**self._whole_digits
        else:
            number["maximum"] = self.maximum
        if self.decimal_places:
            number["multipleOf"] = float(Decimal(1).scaleb(-self.decimal_places))
        else:
            number["type"] = "integer"
        return {
            "anyOf": [{"type": "string", "pattern": self.pattern()}, number],
            "description": f"A decimal string or number: at most {self.decimal_places} decimal places",
        }

    def _refusal(self) -> str:
        bounds = f"0 to {self.maximum}" if self.maximum is not None else f"0 up to {self._whole_digits} whole digits"
        return f"must be a decimal from {bounds} with at most {self.decimal_places} decimal places, such as 12.5"

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        text = re.compile(self.pattern())
        refusal = self._refusal()

        def as_decimal_text(value: Any) -> Any:
            if isinstance(value, bool) or (isinstance(value, str) and not text.fullmatch(value)):
                raise ValueError(refusal)
            return repr(value) if isinstance(value, float) else value

        decimal = core_schema.decimal_schema(
            ge=Decimal(0),
            le=None if self.maximum is None else Decimal(self.maximum),
            max_digits=self.max_digits,
            decimal_places=self.decimal_places,
            allow_inf_nan=False,
        )
        return core_schema.no_info_before_validator_function(as_decimal_text, decimal)

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        if handler.mode == "validation":
            return self.documented()
        return handler(schema)


class _LeaveOutNotNull:
    """See NOT_NULL."""

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        def refuse_null(value: Any) -> Any:
            if value is None:
                raise ValueError("may be left out, but not null")
            return value

        return core_schema.no_info_before_validator_function(refuse_null, handler(source))

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        documented = dict(handler(schema))
        branches = [b for b in documented.get("anyOf", []) if b != {"type": "null"}]
        if "anyOf" in documented and len(branches) == 1:
            del documented["anyOf"]
            documented = {**branches[0], **documented}
        elif "anyOf" in documented:
            documented["anyOf"] = branches
        return documented


#: For a request field that may be left out (it then keeps its value) but never sent as `null`:
#: `margin_percent: Annotated[Percent | None, NOT_NULL] = None`. The document shows no `null`, and
#: a `null` is refused at the field, as the document says.
NOT_NULL = _LeaveOutNotNull()


class ApiModel(BaseModel):
    """Response (and lenient request) model: snake_case in Python, camelCase on the wire.

    `from_attributes` lets an endpoint answer `Model.model_validate(orm_row)` instead of a
    hand-written ORM → dict mapper.
    """

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


class InputModel(ApiModel):
    """A request body: a field the API does not know is an error, not silently ignored."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        documented = super().__get_pydantic_json_schema__(schema, handler)
        # A field that may be left out but not be null (NOT_NULL) has no `null` default to document.
        for prop in handler.resolve_ref_schema(documented).get("properties", {}).values():
            if "default" in prop and prop["default"] is None and not _admits_null(prop):
                del prop["default"]
        return documented


def _admits_null(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "null" or any(_admits_null(branch) for branch in prop.get("anyOf", []))


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
