"""Request filters and camelCase response models (the shared `ApiModel`: the seed's JSON style)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import Field

from radiant_contracts.api import ApiModel, CursorPagination
from radiant_platform.errors import invalid_fields

Outcome = Literal["success", "failure", "denied"]
ExportFormat = Literal["csv", "jsonl"]


@dataclass(frozen=True)
class EntryFilter:
    """What a query, an export and a summary narrow by; the tenant always comes from the token."""

    tenant_id: str
    actor_id: str | None = None
    action_prefix: str | None = None
    resource_type: str | None = None
    resource_id: str | None = None
    outcome: str | None = None
    since: datetime | None = None  # occurred_at >= since
    until: datetime | None = None  # occurred_at < until


# --- cursor -----------------------------------------------------------------------------------------

#: A page's position, `a3.<occurredAt in µs since 1970>.<seq>`: opaque to clients, yet any value of
#: this shape is a place a page can resume from (keyset pagination), so the document states the
#: shape and every value matching it is answered (µs bounded to years 1653-5138, seq to a bigint).
CURSOR_PATTERN = r"^a3\.(-\d{1,16}|\d{1,17})\.[1-9]\d{0,17}$"
_CURSOR_PREFIX = "a3."
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def encode_cursor(occurred_at: datetime, seq: int) -> str:
    """The position (occurred_at, seq) of the last entry of the page, versioned."""
    micros = (occurred_at - _EPOCH) // _MICROSECOND
    return f"{_CURSOR_PREFIX}{micros}.{seq}"


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    if not re.fullmatch(CURSOR_PATTERN, cursor):
        raise invalid_fields(("query.cursor", "Invalid cursor; use the nextCursor of a previous page"))
    micros, seq = (int(part) for part in cursor[len(_CURSOR_PREFIX) :].split("."))
    return _EPOCH + micros * _MICROSECOND, seq


# --- responses --------------------------------------------------------------------------------------


class ActorRefOut(ApiModel):
    type: str
    id: str
    name: str | None = None


class ActorOut(ApiModel):
    type: str
    id: str
    name: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    impersonator: dict[str, Any] | None = None


class EntryOut(ApiModel):
    id: str  # the CloudEvent id
    seq: int
    occurred_at: datetime
    recorded_at: datetime
    source: str
    actor: ActorOut
    action: str
    resource_type: str
    resource_id: str | None
    outcome: str
    details: dict[str, Any]
    app_id: str | None
    environment: str | None
    extra: dict[str, Any]
    prev_hash: str
    hash: str


class EntryPage(ApiModel):
    entries: list[EntryOut]
    pagination: CursorPagination


class CountOut(ApiModel):
    key: str
    count: int


class PrivilegedOut(ApiModel):
    id: str
    seq: int
    occurred_at: datetime
    action: str
    actor_id: str
    actor_name: str | None
    impersonator: dict[str, Any] | None
    resource_type: str
    resource_id: str | None
    outcome: str


class SummaryOut(ApiModel):
    tenant_id: str
    period_start: datetime
    period_end: datetime
    total: int
    by_action: list[CountOut]
    by_actor: list[CountOut]
    by_outcome: list[CountOut]
    privileged_actions: list[PrivilegedOut]
    privileged_truncated: bool


class HeadOut(ApiModel):
    seq: int
    hash: str


class BrokenLinkOut(ApiModel):
    seq: int
    event_id: str | None
    reason: str


ProblemKind = Literal[
    "entry_missing",
    "link_broken",
    "entry_modified",
    "head_mismatch",
    "checkpoint_invalid",
    "checkpoint_mismatch",
    "checkpoint_beyond_end",
    "exported_checkpoint_invalid",
    "exported_checkpoint_mismatch",
    "exported_checkpoint_beyond_end",
    "exported_checkpoint_not_in_database",
]


class ProblemOut(ApiModel):
    """One way the stored log differs from the one that was written."""

    kind: ProblemKind = Field(
        description="`entry_missing`, `link_broken`, `entry_modified`: the chain itself; `head_mismatch`: the "
        "chain head is not the last entry; `checkpoint_invalid` (signature or key), `checkpoint_mismatch` "
        "(the log no longer has the signed hash: rewritten), `checkpoint_beyond_end` (truncated); "
        "`exported_checkpoint_*`: the same, for the copies a SIEM received (CLI `--against-checkpoints`)"
    )
    seq: int = Field(description="The entry where it starts")
    event_id: str | None
    reason: str


class CheckpointOut(ApiModel):
    seq: int
    hash: str
    signed_at: datetime
    key_id: str
    signature: str


class VerificationOut(ApiModel):
    tenant_id: str
    valid: bool = Field(description="No problem found: every link, the head and every signed checkpoint agree")
    entries_checked: int = Field(description="Entries verified from the first one up to the first broken link")
    head: HeadOut = Field(description="The chain head the service appends to (`chain_heads`)")
    last_entry: HeadOut = Field(description="The last entry actually in the log, found by walking it to its end")
    checkpoints_checked: int = Field(description="Signed checkpoints whose signature and hash both verified")
    last_valid_checkpoint: CheckpointOut | None = Field(
        description="The latest checkpoint that verified, with every link from the first entry up to it intact"
    )
    latest_checkpoint: CheckpointOut | None = Field(description="The latest checkpoint stored, valid or not")
    entries_after_latest_checkpoint: int = Field(
        description="Entries after the last valid checkpoint: normal, the next checkpoint signs them"
    )
    exported_checkpoints_checked: int | None = Field(
        None, description="Checkpoints from a SIEM's copy that verified (the CLI's `--against-checkpoints`)"
    )
    problems: list[ProblemOut] = Field(description="Every problem found, lowest entry first (at most the first 100)")
    problem_count: int
    first_broken_link: BrokenLinkOut | None = Field(description="The first problem: where the log stops being trusted")
    verified_at: datetime


class PublicKeyOut(ApiModel):
    key_id: str
    algorithm: str
    public_key_pem: str
    jwk: dict[str, str]
    signed_message: str
