"""The base class of every event payload (the CloudEvent `data`).

A payload declares, at class level, the full CloudEvents `type` it travels under and its topic, so
producers never type those strings by hand and the registry can be built from the classes.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

EVENT_TYPE_PREFIX = "radiant."
_EVENT_TYPE_RE = re.compile(r"^radiant\.[a-z_]+(\.[a-z_]+)*\.v\d+$")


class ContractModel(BaseModel):
    """Shared config: tolerate unknown fields, strict on declared ones, immutable once built.

    `extra="allow"` (not "ignore") so a consumer on an older version that forwards or stores an event
    (audit → SIEM, DLQ replay) keeps the newer producer's fields instead of silently dropping them.
    """

    model_config = ConfigDict(extra="allow", frozen=True)


class EventPayload(ContractModel):
    """An event's `data`. Subclasses set `event_type` and `topic`."""

    #: Full CloudEvents type, e.g. `radiant.usage.recorded.v1`; the version is part of the type.
    event_type: ClassVar[str]
    #: The Kafka topic the event is published to.
    topic: ClassVar[str]
    #: Payload field whose value is the Kafka key; None means the tenant id (the default ordering).
    key_field: ClassVar[str | None] = None
    #: Payload field used as the CloudEvents `subject` when the producer does not give one.
    subject_field: ClassVar[str | None] = None

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        """Catch a malformed event type at import time rather than on the wire."""
        super().__pydantic_init_subclass__(**kwargs)
        event_type = cls.__dict__.get("event_type")
        if event_type is not None and not _EVENT_TYPE_RE.match(event_type):
            raise TypeError(f"{cls.__name__}.event_type {event_type!r} must look like radiant.<name>.v<N>")

    @classmethod
    def type_suffix(cls) -> str:
        """The type without the `radiant.` prefix, as DESIGN.md's topic table writes it."""
        return cls.event_type.removeprefix(EVENT_TYPE_PREFIX)

    def _field_text(self, name: str | None) -> str | None:
        value = None if name is None else getattr(self, name)
        return None if value is None else str(value)

    def default_subject(self) -> str | None:
        """The CloudEvents `subject` when the producer gives none (None if the field is empty)."""
        return self._field_text(self.subject_field)

    def key_override(self) -> str | None:
        """The Kafka key when it is not the tenant id (e.g. approval-decisions: the approval id)."""
        return self._field_text(self.key_field)
