"""Why an event could not be decoded. Each error's `str()` is a short reason fit for a DLQ header."""

from __future__ import annotations

from pydantic import ValidationError

from radiant_contracts.problem import FieldError, field_errors

_MAX_LISTED_ERRORS = 10


class EventDecodeError(ValueError):
    """Base class: the message cannot become a known, valid event; send it to the DLQ with `str(e)`."""


class MalformedEvent(EventDecodeError):
    """Not JSON, not a JSON object, or no usable `type`."""


class UnknownEventType(EventDecodeError, LookupError):
    """The `type` is not one this version of the contracts knows (a newer producer, or garbage)."""

    def __init__(self, event_type: str) -> None:
        super().__init__(f"unknown event type {event_type!r}")
        self.event_type = event_type


class InvalidEvent(EventDecodeError):
    """The envelope or payload failed validation; `errors` lists each field by dotted path."""

    def __init__(self, event_type: str, errors: list[FieldError]) -> None:
        self.event_type = event_type
        self.errors = errors
        listed = "; ".join(f"{e.field or '<event>'}: {e.message}" for e in errors[:_MAX_LISTED_ERRORS])
        more = f" (+{len(errors) - _MAX_LISTED_ERRORS} more)" if len(errors) > _MAX_LISTED_ERRORS else ""
        super().__init__(f"invalid {event_type}: {listed}{more}")

    @classmethod
    def from_validation_error(cls, event_type: str, exc: ValidationError) -> InvalidEvent:
        return cls(event_type, field_errors(exc.errors(include_url=False)))
