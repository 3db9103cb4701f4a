"""The tamper-evident part: canonical serialisation, the per-tenant SHA-256 hash chain, checkpoints.

Each stored entry's hash covers every stored field, its per-tenant sequence number and the previous
entry's hash, serialised canonically (RFC 8785 style: object keys sorted, no whitespace, UTF-8,
timestamps as UTC ISO-8601 with microseconds). Changing, removing or reordering any entry breaks
the link at that entry. Rewriting the whole tail consistently is caught by the signed checkpoints:
an Ed25519 signature over (tenant, seq, hash) that the database alone cannot forge.

Pure functions only, so the same code checks a chain in the service, the CLI and an offline export.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import orjson
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GENESIS_HASH = "0" * 64

#: The stored fields an entry's hash covers (everything but the hash itself), in no particular order:
#: the serialisation sorts keys.
HASHED_FIELDS: tuple[str, ...] = (
    "tenant_id",
    "seq",
    "prev_hash",
    "event_id",
    "event_type",
    "source",
    "occurred_at",
    "recorded_at",
    "actor_type",
    "actor_id",
    "actor_name",
    "actor_ip",
    "actor_user_agent",
    "impersonator",
    "action",
    "resource_type",
    "resource_id",
    "outcome",
    "details",
    "app_id",
    "environment",
    "extra",
)
_HASHED_SET = frozenset(HASHED_FIELDS)


def _canonical_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_time(value)
    return value


def format_time(value: datetime) -> str:
    """One spelling per instant (Postgres keeps microseconds, so this round-trips exactly):
    `YYYY-MM-DDTHH:MM:SS.ffffffZ` in UTC, as `strftime("%Y-%m-%dT%H:%M:%S.%fZ")` writes it.

    `isoformat` is several times faster than `strftime` (this runs twice per ingested event) and
    spells the same text, except that it zero-pads years before 1000, which strftime does not.
    """
    utc = value.astimezone(UTC)
    if utc.year < 1000:
        return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return utc.isoformat(timespec="microseconds")[:-6] + "Z"  # drop "+00:00"


def canonical_json(value: Any) -> bytes:
    """Sorted keys, compact separators, UTF-8 (not \\u-escaped), NaN refused.

    orjson for speed (the ingest hot path); the standard library for what orjson refuses (integers
    beyond 64 bits), which is just as deterministic, so hashing and verifying always agree.
    """
    try:
        return orjson.dumps(
            value, option=orjson.OPT_SORT_KEYS | orjson.OPT_PASSTHROUGH_DATETIME, default=_canonical_value
        )
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(
            value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False, default=_canonical_value
        ).encode("utf-8")


def entry_hash(fields: Mapping[str, Any]) -> str:
    """SHA-256 (hex) of the canonical form of an entry's hashed fields."""
    body = {name: fields.get(name) for name in HASHED_FIELDS}
    return hashlib.sha256(canonical_json(body)).hexdigest()


def new_entry_hash(fields: Mapping[str, Any], recorded_at_text: str) -> str:
    """`entry_hash` on the ingest hot path: the same bytes hashed, with less work per entry.

    An entry the service built (exactly the hashed fields, UTC timestamps) is hashed as it is, its
    timestamps written by orjson in C; otherwise the timestamps are formatted up front (the batch's
    shared `recorded_at` as `recorded_at_text`) instead of through orjson's per-value callback.
    """
    exactly_hashed = fields.keys() == _HASHED_SET
    if exactly_hashed and _orjson_spells(fields["occurred_at"]) and _orjson_spells(fields["recorded_at"]):
        try:
            return hashlib.sha256(orjson.dumps(fields, option=_CANONICAL_NATIVE_TIME)).hexdigest()
        except (orjson.JSONEncodeError, TypeError):
            pass  # integers beyond 64 bits: canonical_json's fallback below
    if exactly_hashed:  # skip the per-field copy
        body = {**fields, "occurred_at": format_time(fields["occurred_at"]), "recorded_at": recorded_at_text}
    else:
        body = {name: fields.get(name) for name in HASHED_FIELDS}
        body["occurred_at"] = format_time(fields["occurred_at"])
        body["recorded_at"] = recorded_at_text
    return hashlib.sha256(canonical_json(body)).hexdigest()


# orjson writes a datetime in UTC as format_time does ("2026-01-02T03:04:05.678901Z"), except that it
# leaves out a zero microsecond and zero-pads years before 1000. Formatting in Python cost more than
# the rest of an entry's hash (~7 of ~14 µs an entry under the benchmark).
_CANONICAL_NATIVE_TIME = orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z


def _orjson_spells(value: Any) -> bool:
    """Whether orjson writes this timestamp exactly as `format_time` does."""
    return isinstance(value, datetime) and value.tzinfo is UTC and value.microsecond != 0 and value.year >= 1000


# --- verification ---------------------------------------------------------------------------------

#: Broken links a walk keeps (the count goes on); beyond this an auditor needs the export, not a list.
MAX_REPORTED_LINKS = 100


LinkProblem = Literal["entry_missing", "link_broken", "entry_modified"]


@dataclass(frozen=True)
class BrokenLink:
    seq: int
    event_id: str | None
    reason: str
    kind: LinkProblem = "link_broken"


@dataclass
class ChainWalk:
    """Checks entries in sequence order, one page at a time, to the last entry of the log.

    A broken link does not stop the walk: the next entry is checked against the stored hash it links
    to, so every broken link is found (the first `MAX_REPORTED_LINKS` are kept) and the walk reaches
    the real end of the chain, whatever the chain head says.
    """

    expected_seq: int = 1
    prev_hash: str = GENESIS_HASH
    checked: int = 0  # entries verified from the genesis up to the first broken link
    read: int = 0  # every entry read
    last_seq: int = 0  # the last entry of the log (0: none)
    last_hash: str = GENESIS_HASH  # its stored hash
    broken_links: list[BrokenLink] = field(default_factory=list)
    broken_count: int = 0
    hashes_at: dict[int, str] | None = None  # seq -> recomputed hash, for the seqs checkpoints refer to

    @property
    def broken(self) -> BrokenLink | None:
        return self.broken_links[0] if self.broken_links else None

    def feed(self, entries: Iterable[Mapping[str, Any]]) -> None:
        for entry in entries:
            self._check(entry)

    def _check(self, entry: Mapping[str, Any]) -> None:
        seq, event_id = entry["seq"], entry.get("event_id")
        recomputed = entry_hash(entry)
        gap = seq != self.expected_seq
        if gap:  # only ever a gap: the primary key orders and dedups seqs; the link across it is unknowable
            missing = f"{self.expected_seq}" if seq == self.expected_seq + 1 else f"{self.expected_seq}..{seq - 1}"
            reason = f"sequence gap: entry {missing} missing (the next entry found is {seq})"
            self._break(BrokenLink(self.expected_seq, None, reason, "entry_missing"))
        if not gap and entry["prev_hash"] != self.prev_hash:
            reason = "previous-hash link does not match the preceding entry"
            self._break(BrokenLink(seq, event_id, reason, "link_broken"))
        elif recomputed != entry["hash"]:  # one problem per entry: a changed prev_hash changes the hash too
            self._break(BrokenLink(seq, event_id, "entry content does not match its hash (modified)", "entry_modified"))
        if self.hashes_at is not None and seq in self.hashes_at:
            self.hashes_at[seq] = recomputed
        if not self.broken_count:
            self.checked += 1
        self.read += 1
        # The next entry links to what is stored here, so one broken entry is reported once.
        self.prev_hash = self.last_hash = entry["hash"]
        self.expected_seq = seq + 1
        self.last_seq = seq

    def _break(self, link: BrokenLink) -> None:
        self.broken_count += 1
        if len(self.broken_links) < MAX_REPORTED_LINKS:
            self.broken_links.append(link)


# --- checkpoints ----------------------------------------------------------------------------------


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def checkpoint_message(*, tenant_id: str, seq: int, hash_: str, signed_at: datetime, key_id: str) -> bytes:
    """What a checkpoint signature covers."""
    return canonical_json(
        {"tenant_id": tenant_id, "seq": seq, "hash": hash_, "signed_at": format_time(signed_at), "key_id": key_id}
    )


def sign_checkpoint(key: Ed25519PrivateKey, **fields: Any) -> str:
    return b64url(key.sign(checkpoint_message(**fields)))


def checkpoint_signature_valid(public_key: Ed25519PublicKey, signature: str, **fields: Any) -> bool:
    try:
        public_key.verify(b64url_decode(signature), checkpoint_message(**fields))
        return True
    except (InvalidSignature, ValueError):
        return False


@dataclass(frozen=True)
class SignedCheckpoint:
    """'Tenant T's chain had hash H at entry N', signed: as the database stores it and as every SIEM
    sink receives it. Whoever holds the public key can check it; only the signing key can make one."""

    tenant_id: str
    seq: int
    hash: str
    signed_at: datetime
    key_id: str
    signature: str

    @classmethod
    def of(cls, row: Any) -> SignedCheckpoint:
        """From anything with the same attributes (the `Checkpoint` row)."""
        return cls(row.tenant_id, row.seq, row.hash, row.signed_at, row.key_id, row.signature)

    def signature_valid(self, public_key: Ed25519PublicKey) -> bool:
        return checkpoint_signature_valid(
            public_key,
            self.signature,
            tenant_id=self.tenant_id,
            seq=self.seq,
            hash_=self.hash,
            signed_at=self.signed_at,
            key_id=self.key_id,
        )
