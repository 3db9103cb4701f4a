"""Reusable field types for the contracts, so every payload spells a constraint the same way.

Money and percentages are `Decimal` end to end (DESIGN.md §4): they serialise as JSON *strings* in
plain notation (`"12.30"`, never `1.23E+1` or a float), and a float is rejected on input, because a
float has already lost the exact value before we could see it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, PlainSerializer, StrictInt, StrictStr, WithJsonSchema

Environment = Literal["dev", "staging", "prod"]

#: An identifier or short label: a non-empty string (ids here are opaque; UUIDs are not assumed).
Id = Annotated[StrictStr, Field(min_length=1, max_length=255)]

#: What a request asks for, in words a person reads (an approval's `action`, shown in emails and their
#: subjects): letters, digits, spaces and `_ . : / -`, starting with a letter or digit — never a
#: control character, so it cannot break a mail header (CR/LF) or a log line.
ACTION_LABEL_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.:/-]*$"
ActionLabel = Annotated[StrictStr, Field(min_length=1, max_length=255, pattern=ACTION_LABEL_PATTERN)]

#: A count that can never be negative (tokens, milliseconds, attempts). `StrictInt` refuses "5" and 5.0.
Count = Annotated[StrictInt, Field(ge=0)]

#: ISO 4217 alphabetic code.
Currency = Annotated[StrictStr, Field(pattern=r"^[A-Z]{3}$")]

DECIMAL_STRING_PATTERN = r"^-?\d+(\.\d+)?$"


def _reject_float(value: Any) -> Any:
    """Refuse floats: by the time a float reaches us its exact decimal value is already gone."""
    if isinstance(value, float):
        raise ValueError('must be a decimal string such as "12.30", not a JSON/float number')
    return value


def _plain_decimal(value: Decimal) -> str:
    """`format(d, "f")` keeps the scale (`12.30`) and never switches to exponent notation."""
    return format(value, "f")


def _decimal_schema(description: str) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": DECIMAL_STRING_PATTERN, "description": description})


_NO_FLOATS = BeforeValidator(_reject_float)
_FINITE = Field(allow_inf_nan=False)
_AS_STRING = PlainSerializer(_plain_decimal, return_type=str, when_used="json")

# Spelled out (not built by a helper) so type checkers see ordinary `Annotated[Decimal, ...]` aliases.

#: An amount of money in the event's currency, exact; may be negative (credits, refunds).
Money = Annotated[
    Decimal, _NO_FLOATS, _FINITE, _AS_STRING, _decimal_schema("Exact decimal amount, serialised as a string")
]
#: A non-negative amount of money (totals, limits, costs).
NonNegativeMoney = Annotated[
    Decimal,
    _NO_FLOATS,
    _FINITE,
    Field(ge=0),
    _AS_STRING,
    _decimal_schema("Exact non-negative decimal amount, serialised as a string"),
]
#: A percentage such as a margin or tax rate: DECIMAL(5,2) in the seed's billing_settings.
Percent = Annotated[
    Decimal,
    _NO_FLOATS,
    _FINITE,
    Field(ge=0, max_digits=5, decimal_places=2),
    _AS_STRING,
    _decimal_schema("Percentage 0-999.99 with at most 2 decimal places, serialised as a string"),
]
