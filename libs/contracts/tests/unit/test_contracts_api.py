"""Shared API shapes: ISO date parameters and decimal inputs mean what the document says."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated, Literal

import pytest
from pydantic import Field, TypeAdapter, ValidationError

from radiant_contracts.api import NOT_BLANK, NOT_NULL, TRIMMED, DecimalInput, InputModel, IsoDate, IsoDateTime, JsonInt


def test_an_iso_date_is_the_only_date_accepted() -> None:
    dates = TypeAdapter(IsoDate)
    assert str(dates.validate_python("2026-12-01")) == "2026-12-01"
    for not_a_date in ("0", 0, "1700000000", "01-12-2026"):
        with pytest.raises(ValidationError):
            dates.validate_python(not_a_date)


def test_an_instant_needs_its_offset() -> None:
    instants = TypeAdapter(IsoDateTime)
    assert instants.validate_python("2026-12-01T08:00:00Z").utcoffset() is not None
    with pytest.raises(ValidationError):
        instants.validate_python("2026-12-01T08:00:00")
    with pytest.raises(ValidationError):
        instants.validate_python(0)


def test_a_decimal_input_accepts_exactly_what_its_schema_documents() -> None:
    percent = TypeAdapter(Annotated[Decimal, DecimalInput(max_digits=5, decimal_places=2, maximum=100)])
    documented = percent.json_schema()
    text, number = documented["anyOf"]
    assert number == {"type": "number", "minimum": 0, "maximum": 100, "multipleOf": 0.01}
    for accepted in ("0", "7", "99.99", "100", "100.00", 25.1, 7, 100.0):
        assert re.fullmatch(text["pattern"], accepted) if isinstance(accepted, str) else True
        assert percent.validate_python(accepted) == Decimal(str(accepted))
    # what pydantic alone would read, but the pattern does not allow, is refused like the rest
    for refused in ("1e2", " 1", "+1", "1_0", "-1", "100.01", "101", "1.234", "", "abc", True, -0.5, 12.345):
        assert not (isinstance(refused, str) and re.fullmatch(text["pattern"], refused))
        with pytest.raises(ValidationError):
            percent.validate_python(refused)


def test_a_decimal_without_maximum_is_bounded_by_its_whole_digits() -> None:
    price = TypeAdapter(Annotated[Decimal, DecimalInput(max_digits=18, decimal_places=6)])
    text, number = price.json_schema()["anyOf"]
    assert number["exclusiveMaximum"] == 10**12 and number["multipleOf"] == 1e-6
    assert price.validate_python("999999999999.999999") == Decimal("999999999999.999999")
    for refused in ("1000000000000", 1e12, "0.0000001", 1e-7):
        with pytest.raises(ValidationError):
            price.validate_python(refused)
    assert re.fullmatch(text["pattern"], "0.000001") and not re.fullmatch(text["pattern"], "1000000000000")


class _Update(InputModel):
    margin_type: Annotated[Literal["fixed", "tiered"] | None, NOT_NULL] = None
    tax_id: str | None = None  # null clears it


def test_a_field_that_may_be_left_out_but_not_null_is_documented_and_refused_so() -> None:
    properties = _Update.model_json_schema()["properties"]
    assert properties["marginType"] == {"enum": ["fixed", "tiered"], "title": "Margintype", "type": "string"}
    assert {"type": "null"} in properties["taxId"]["anyOf"]
    assert _Update.model_validate({}).model_fields_set == set()
    assert _Update.model_validate({"taxId": None}).tax_id is None
    with pytest.raises(ValidationError) as refused:
        _Update.model_validate({"marginType": None})
    assert refused.value.errors()[0]["loc"] == ("marginType",)


def test_an_integer_is_what_json_schema_calls_one() -> None:
    integers = TypeAdapter(Annotated[JsonInt, Field(ge=0)])
    assert integers.json_schema()["type"] == "integer"  # its bound as `ge`, which the OpenAPI normaliser renames
    assert integers.validate_python(1351.0) == 1351 and integers.validate_python(7) == 7
    for refused in ("7", True, 3.5, -1, None):
        with pytest.raises(ValidationError):
            integers.validate_python(refused)


def test_trimmed_text_is_bounded_as_sent_never_blank_and_kept_trimmed() -> None:
    text = TypeAdapter(Annotated[str, Field(max_length=5, pattern=NOT_BLANK), TRIMMED])
    assert text.json_schema() == {"type": "string", "maxLength": 5, "pattern": NOT_BLANK}
    assert text.validate_python(" ab ") == "ab" and text.validate_python("\x85x") == "x"
    # longer than documented before trimming; blank in either dialect's sense of white space
    for refused in (" aaaaa", "     ", "\x85", "\ufeff", "\x1c\t", ""):
        with pytest.raises(ValidationError):
            text.validate_python(refused)
