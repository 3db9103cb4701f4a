"""Dead-letter records: how a consumer parks a message it cannot process (DESIGN.md §2, §4).

The DLQ message is the original message, unchanged: same key, same value bytes, original headers kept,
plus the `x-dlq-*` headers below. Keeping the bytes exact means a fixed consumer can replay them and
nothing is re-encoded on the way. `DlqRecord` is the JSON view (bytes as base64) for tools and APIs.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, PlainSerializer, WithJsonSchema

from radiant_contracts.topics import DLQ_SUFFIX

DLQ_HEADER_REASON = "x-dlq-reason"
DLQ_HEADER_FIRST_SEEN = "x-dlq-first-seen"
DLQ_HEADER_SOURCE_TOPIC = "x-dlq-source-topic"
DLQ_HEADER_SOURCE_PARTITION = "x-dlq-source-partition"
DLQ_HEADER_SOURCE_OFFSET = "x-dlq-source-offset"
DLQ_HEADER_CONSUMER = "x-dlq-consumer"
DLQ_HEADERS = frozenset(
    {
        DLQ_HEADER_REASON,
        DLQ_HEADER_FIRST_SEEN,
        DLQ_HEADER_SOURCE_TOPIC,
        DLQ_HEADER_SOURCE_PARTITION,
        DLQ_HEADER_SOURCE_OFFSET,
        DLQ_HEADER_CONSUMER,
    }
)

# Validation reasons can list many fields; keep the header well inside broker message limits.
MAX_REASON_BYTES = 2048


def dlq_topic(topic: str) -> str:
    """`usage-events` → `usage-events.dlq`."""
    return topic + DLQ_SUFFIX


def _truncate_utf8(text: str, limit: int) -> bytes:
    encoded = text.encode()
    if len(encoded) <= limit:
        return encoded
    # errors="ignore" drops a multi-byte character cut in half rather than emitting invalid UTF-8.
    return encoded[: limit - 3].decode(errors="ignore").encode() + b"..."


def dlq_headers(
    reason: str,
    topic: str,
    partition: int,
    offset: int,
    consumer: str,
    *,
    first_seen: datetime | None = None,
) -> list[tuple[str, bytes]]:
    """The `x-dlq-*` headers to append to the original message's headers.

    `first_seen` defaults to now; pass the earlier value when a replayed message fails again so the
    record keeps the time the problem first appeared.
    """
    seen = (first_seen or datetime.now(UTC)).astimezone(UTC)
    return [
        (DLQ_HEADER_REASON, _truncate_utf8(reason, MAX_REASON_BYTES)),
        (DLQ_HEADER_FIRST_SEEN, seen.isoformat().encode()),
        (DLQ_HEADER_SOURCE_TOPIC, topic.encode()),
        (DLQ_HEADER_SOURCE_PARTITION, str(partition).encode()),
        (DLQ_HEADER_SOURCE_OFFSET, str(offset).encode()),
        (DLQ_HEADER_CONSUMER, consumer.encode()),
    ]


def without_dlq_headers(headers: Iterable[tuple[str, bytes | None]]) -> list[tuple[str, bytes | None]]:
    """The original headers of a dead-lettered message, e.g. to replay it onto its source topic."""
    return [(k, v) for k, v in headers if k not in DLQ_HEADERS]


class DlqMetadata(BaseModel):
    """What the `x-dlq-*` headers say."""

    model_config = ConfigDict(frozen=True)

    reason: str
    first_seen: AwareDatetime
    source_topic: str
    source_partition: int
    source_offset: int
    consumer: str

    @classmethod
    def from_headers(cls, headers: Iterable[tuple[str, bytes | None]]) -> DlqMetadata | None:
        """Read the DLQ headers back; None when the message was never dead-lettered."""
        found = {k: (v or b"").decode(errors="replace") for k, v in headers if k in DLQ_HEADERS}
        if DLQ_HEADER_REASON not in found:
            return None
        return cls(
            reason=found[DLQ_HEADER_REASON],
            first_seen=found.get(DLQ_HEADER_FIRST_SEEN),
            source_topic=found.get(DLQ_HEADER_SOURCE_TOPIC),
            source_partition=found.get(DLQ_HEADER_SOURCE_PARTITION),
            source_offset=found.get(DLQ_HEADER_SOURCE_OFFSET),
            consumer=found.get(DLQ_HEADER_CONSUMER),
        )


def _from_base64(value: Any) -> Any:
    """Text input is base64 (standard alphabet); bytes input is already the raw message."""
    if isinstance(value, str):
        try:
            return base64.b64decode(value, validate=True)
        except binascii.Error as exc:
            raise ValueError(f"not valid base64: {exc}") from None
    return value


def _to_base64(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


#: Raw bytes in Python, standard base64 text in JSON (what `base64 -d` and most tools expect).
Base64Raw = Annotated[
    bytes,
    BeforeValidator(_from_base64),
    PlainSerializer(_to_base64, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "contentEncoding": "base64"}),
]


class DlqRecord(DlqMetadata):
    """A dead-lettered message as JSON (inspection, replay tooling): key and value are base64."""

    key: Base64Raw | None
    value: Base64Raw
