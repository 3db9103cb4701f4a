"""Judging a walked chain against its head and its signed checkpoints, stored and exported (pure)."""

from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_audit.chain import GENESIS_HASH, ChainWalk, SignedCheckpoint, sign_checkpoint
from radiant_audit.keys import CheckpointVerifier
from radiant_audit.service import chain_events
from radiant_audit.verification import checkpoint_seqs, judge
from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.audit import Actor, AuditRecorded
from radiant_platform.keys import thumbprint

T0 = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
KEY = Ed25519PrivateKey.generate()
VERIFIER = CheckpointVerifier(KEY.public_key(), thumbprint(KEY.public_key()))


def _chain(n: int) -> list[dict]:
    events = [
        make_event(
            AuditRecorded(actor=Actor(type="admin", id="a"), action="user.invite", resource_type="user"),
            tenant_id="t1",
            source=service_source("identity"),
            event_id=f"e{i}",
            time=T0,
        )
        for i in range(n)
    ]
    return chain_events(events, {"t1": (0, GENESIS_HASH)}, set(), T0)


def _signed(seq: int, hash_: str, key: Ed25519PrivateKey = KEY) -> SignedCheckpoint:
    kid = VERIFIER.key_id
    signature = sign_checkpoint(key, tenant_id="t1", seq=seq, hash_=hash_, signed_at=T0, key_id=kid)
    return SignedCheckpoint("t1", seq, hash_, T0, kid, signature)


def _judge(entries, head, checkpoints=(), exported=None):
    walk = ChainWalk(hashes_at=checkpoint_seqs(checkpoints, exported or ()))
    walk.feed(entries)
    return judge("t1", walk, head, list(checkpoints), VERIFIER, exported=exported)


def _kinds(result) -> list[tuple[str, int]]:
    return [(p.kind, p.seq) for p in result.problems]


def test_an_intact_chain_with_its_head_and_checkpoints_is_valid():
    chain = _chain(5)
    result = _judge(chain, (5, chain[4]["hash"]), [_signed(3, chain[2]["hash"])])
    assert result.valid and result.problems == [] and result.first_broken_link is None
    assert (result.entries_checked, result.last_entry.seq, result.checkpoints_checked) == (5, 5, 1)
    assert result.last_valid_checkpoint.seq == 3 and result.latest_checkpoint.seq == 3
    assert result.entries_after_latest_checkpoint == 2  # not signed yet: fine, reported
    assert result.exported_checkpoints_checked is None


def test_the_walk_goes_on_past_broken_links_to_the_last_entry():
    chain = _chain(6)
    chain[1]["action"] = "user.remove"  # modified
    del chain[3]  # entry 4 missing
    walk = ChainWalk()
    walk.feed(chain)
    assert [(b.kind, b.seq) for b in walk.broken_links] == [("entry_modified", 2), ("entry_missing", 4)]
    assert (walk.checked, walk.read, walk.last_seq) == (1, 5, 6)
    assert walk.last_hash == chain[-1]["hash"]


def test_a_head_behind_ahead_or_beside_the_last_entry_is_a_problem():
    chain = _chain(3)
    behind = _judge(chain, (1, chain[0]["hash"]))
    assert not behind.valid and _kinds(behind) == [("head_mismatch", 2)]
    assert behind.last_entry.seq == 3 and behind.entries_checked == 3
    ahead = _judge(chain[:2], (3, chain[2]["hash"]))
    assert _kinds(ahead) == [("head_mismatch", 3)] and "missing" in ahead.problems[0].reason
    beside = _judge(chain, (3, "e" * 64))
    assert _kinds(beside) == [("head_mismatch", 3)]
    assert _judge([], None).valid  # a tenant never audited


def test_checkpoints_beyond_the_end_rewritten_or_forged_are_each_reported():
    chain = _chain(4)
    forged = SignedCheckpoint("t1", 1, chain[0]["hash"], T0, VERIFIER.key_id, _signed(2, chain[1]["hash"]).signature)
    other_key = _signed(2, chain[1]["hash"], key=Ed25519PrivateKey.generate())
    unknown = SignedCheckpoint("t1", 2, chain[1]["hash"], T0, "someone-else", other_key.signature)
    checkpoints = [forged, unknown, _signed(3, "f" * 64), _signed(4, chain[3]["hash"]), _signed(6, "c" * 64)]
    result = _judge(chain, (4, chain[3]["hash"]), checkpoints)
    assert _kinds(result) == [
        ("checkpoint_invalid", 1),
        ("checkpoint_invalid", 2),
        ("checkpoint_mismatch", 3),
        ("checkpoint_beyond_end", 6),
    ]
    assert "forged" in result.problems[0].reason and "unknown key" in result.problems[1].reason
    assert "rewritten" in result.problems[2].reason and "truncated" in result.problems[3].reason
    assert result.checkpoints_checked == 1 and result.last_valid_checkpoint.seq == 4
    assert result.latest_checkpoint.seq == 6
    assert result.first_broken_link.seq == 1


def test_a_checkpoint_after_a_broken_link_is_not_the_last_valid_one():
    chain = _chain(4)
    chain[1]["details"] = {"forged": True}
    result = _judge(chain, (4, chain[3]["hash"]), [_signed(1, chain[0]["hash"]), _signed(4, chain[3]["hash"])])
    assert _kinds(result) == [("entry_modified", 2)]
    assert result.checkpoints_checked == 2 and result.last_valid_checkpoint.seq == 1
    assert result.entries_after_latest_checkpoint == 3


def test_exported_checkpoints_catch_what_the_database_no_longer_shows():
    original = _chain(3)
    exported = [_signed(3, original[2]["hash"])] * 2  # the SIEM got it twice (at least once)
    rewritten = _chain(3)
    rewritten[1]["action"] = "user.remove"
    prev = rewritten[0]["hash"]
    from radiant_audit.chain import entry_hash

    for entry in rewritten[1:]:  # re-hashed consistently, and the stored checkpoints deleted
        entry["prev_hash"] = prev
        entry["hash"] = prev = entry_hash(entry)
    inside = _judge(rewritten, (3, prev))
    assert inside.valid  # the database alone is consistent again
    outside = _judge(rewritten, (3, prev), exported=exported)
    assert not outside.valid and outside.exported_checkpoints_checked == 0
    assert _kinds(outside) == [("exported_checkpoint_mismatch", 3), ("exported_checkpoint_not_in_database", 3)]
    assert "rewritten" in outside.first_broken_link.reason
    intact = _judge(original, (3, original[2]["hash"]), [exported[0]], exported=exported)
    assert intact.valid and intact.exported_checkpoints_checked == 1
