"""Judging a walked chain: its head, its signed checkpoints, and the copies of them a SIEM received.

Pure: the service reads (one snapshot) and walks, this compares, so the API, the CLI and the unit
tests all judge the same way. Each problem found is reported; the first (lowest entry) is where the
stored log stops being the one that was written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from .chain import GENESIS_HASH, MAX_REPORTED_LINKS, ChainWalk, SignedCheckpoint, format_time
from .keys import CheckpointVerifier
from .schemas import BrokenLinkOut, CheckpointOut, HeadOut, ProblemKind, ProblemOut, VerificationOut

# Several problems at one entry: the most basic first (a missing entry explains the rest).
_KIND_ORDER: dict[str, int] = {
    kind: i
    for i, kind in enumerate(
        (
            "entry_missing",
            "link_broken",
            "entry_modified",
            "checkpoint_beyond_end",
            "exported_checkpoint_beyond_end",
            "checkpoint_mismatch",
            "exported_checkpoint_mismatch",
            "exported_checkpoint_not_in_database",
            "checkpoint_invalid",
            "exported_checkpoint_invalid",
            "head_mismatch",
        )
    )
}


@dataclass
class _Findings:
    problems: list[ProblemOut] = field(default_factory=list)
    count: int = 0

    def add(self, kind: ProblemKind, seq: int, reason: str, event_id: str | None = None) -> None:
        self.count += 1
        self.problems.append(ProblemOut(kind=kind, seq=seq, event_id=event_id, reason=reason))

    def ordered(self) -> list[ProblemOut]:
        return sorted(self.problems, key=lambda p: (p.seq, _KIND_ORDER[p.kind]))[:MAX_REPORTED_LINKS]


def checkpoint_seqs(*groups: Iterable[SignedCheckpoint]) -> dict[int, str]:
    """The `hashes_at` a walk fills in: every seq a checkpoint vouches for."""
    return {cp.seq: "" for group in groups for cp in group}


def judge(
    tenant_id: str,
    walk: ChainWalk,
    head: tuple[int, str] | None,
    checkpoints: Sequence[SignedCheckpoint],
    verifier: CheckpointVerifier,
    *,
    exported: Sequence[SignedCheckpoint] | None = None,
) -> VerificationOut:
    """`walk` has read the tenant's whole log (with `hashes_at` from `checkpoint_seqs`); `checkpoints`
    are the stored ones in seq order; `exported`, when given, the copies a SIEM received."""
    findings = _Findings(count=walk.broken_count - len(walk.broken_links))  # links beyond the kept ones
    for link in walk.broken_links:
        findings.add(link.kind, link.seq, link.reason, link.event_id)
    _judge_head(findings, walk, head)
    first_break = walk.broken.seq if walk.broken else None
    hashes = walk.hashes_at or {}
    valid_stored = [cp for cp in checkpoints if _checkpoint_holds(findings, cp, walk, hashes, verifier, exported=False)]
    exported_checked = None
    if exported is not None:
        stored = {(cp.seq, cp.hash, cp.signature) for cp in checkpoints}
        exported_checked = 0
        for cp in _distinct(exported):
            exported_checked += _checkpoint_holds(findings, cp, walk, hashes, verifier, exported=True)
            if (cp.seq, cp.hash, cp.signature) not in stored and _genuine(cp, verifier):
                findings.add(
                    "exported_checkpoint_not_in_database",
                    cp.seq,
                    f"the SIEM holds a checkpoint of entry {cp.seq} signed {format_time(cp.signed_at)} "
                    "that the database no longer has (deleted)",
                )
    # "Valid up to here": the checkpoint verified and no link before it is broken.
    proven = [cp for cp in valid_stored if first_break is None or cp.seq < first_break]
    last_valid = max(proven, key=lambda cp: cp.seq, default=None)
    latest = max(checkpoints, key=lambda cp: cp.seq, default=None)
    problems = findings.ordered()
    first = problems[0] if problems else None
    return VerificationOut(
        tenant_id=tenant_id,
        valid=findings.count == 0,
        entries_checked=walk.checked,
        head=HeadOut(seq=head[0], hash=head[1]) if head else HeadOut(seq=0, hash=""),
        last_entry=HeadOut(seq=walk.last_seq, hash=walk.last_hash if walk.last_seq else ""),
        checkpoints_checked=len(valid_stored),
        last_valid_checkpoint=_out(last_valid),
        latest_checkpoint=_out(latest),
        entries_after_latest_checkpoint=max(0, walk.last_seq - (last_valid.seq if last_valid else 0)),
        exported_checkpoints_checked=exported_checked,
        problems=problems,
        problem_count=findings.count,
        first_broken_link=BrokenLinkOut(seq=first.seq, event_id=first.event_id, reason=first.reason) if first else None,
        verified_at=datetime.now(UTC),
    )


def _judge_head(findings: _Findings, walk: ChainWalk, head: tuple[int, str] | None) -> None:
    head_seq, head_hash = head if head else (0, GENESIS_HASH)
    if head is None and walk.read == 0:
        return  # a tenant never audited
    if head_seq < walk.last_seq:
        findings.add(
            "head_mismatch",
            head_seq + 1,
            f"the chain head says entry {head_seq} is the last, but the log goes on to entry {walk.last_seq}: "
            "the head was moved back, or entries were added behind the service's back",
        )
    elif head_seq > walk.last_seq:
        findings.add(
            "head_mismatch",
            walk.last_seq + 1,
            f"the chain head is at entry {head_seq} but the log ends at entry {walk.last_seq}: "
            "entries after it are missing",
        )
    elif head_hash != walk.last_hash:
        findings.add("head_mismatch", head_seq, f"the chain head's hash is not the hash of entry {head_seq}")


_CHECKPOINT_KINDS: dict[bool, dict[str, ProblemKind]] = {
    False: {"invalid": "checkpoint_invalid", "beyond_end": "checkpoint_beyond_end", "mismatch": "checkpoint_mismatch"},
    True: {
        "invalid": "exported_checkpoint_invalid",
        "beyond_end": "exported_checkpoint_beyond_end",
        "mismatch": "exported_checkpoint_mismatch",
    },
}


def _checkpoint_holds(
    findings: _Findings,
    cp: SignedCheckpoint,
    walk: ChainWalk,
    hashes: dict[int, str],
    verifier: CheckpointVerifier,
    *,
    exported: bool,
) -> bool:
    """Key, signature and signed hash of one checkpoint against the log; a problem is recorded."""
    problem = _checkpoint_problem(cp, walk, hashes, verifier, "exported checkpoint" if exported else "checkpoint")
    if problem is None:
        return True
    findings.add(_CHECKPOINT_KINDS[exported][problem[0]], cp.seq, problem[1])
    return False


def _genuine(cp: SignedCheckpoint, verifier: CheckpointVerifier) -> bool:
    return cp.key_id == verifier.key_id and cp.signature_valid(verifier.public_key)


def _checkpoint_problem(
    cp: SignedCheckpoint, walk: ChainWalk, hashes: dict[int, str], verifier: CheckpointVerifier, what: str
) -> tuple[str, str] | None:
    signed = f"{what} of entry {cp.seq} signed {format_time(cp.signed_at)}"
    if cp.key_id != verifier.key_id:
        return "invalid", f"{signed} names an unknown key {cp.key_id}"
    if not cp.signature_valid(verifier.public_key):
        return "invalid", f"{signed} has an invalid signature (forged)"
    if cp.seq > walk.last_seq:
        return "beyond_end", f"chain truncated: the {signed} vouches for it, but the log ends at entry {walk.last_seq}"
    if not hashes.get(cp.seq):
        return "mismatch", f"entry {cp.seq}, signed in the {signed}, is missing"
    if hashes[cp.seq] != cp.hash:
        return "mismatch", f"chain was rewritten: entry {cp.seq} no longer has the hash signed in the {signed}"
    return None


def _distinct(checkpoints: Iterable[SignedCheckpoint]) -> list[SignedCheckpoint]:
    """A SIEM may hold one checkpoint twice (delivery is at least once after a failure)."""
    return sorted(set(checkpoints), key=lambda cp: (cp.seq, cp.signed_at))


def _out(cp: SignedCheckpoint | None) -> CheckpointOut | None:
    if cp is None:
        return None
    return CheckpointOut(seq=cp.seq, hash=cp.hash, signed_at=cp.signed_at, key_id=cp.key_id, signature=cp.signature)
