"""Canonical hashing, chaining, verification walk and checkpoint signatures (pure logic)."""

import base64
import random
import re
from datetime import UTC, datetime, timedelta, timezone

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_audit.chain import (
    GENESIS_HASH,
    ChainWalk,
    canonical_json,
    checkpoint_signature_valid,
    entry_hash,
    format_time,
    new_entry_hash,
    sign_checkpoint,
)
from radiant_audit.schemas import CURSOR_PATTERN, decode_cursor, encode_cursor
from radiant_audit.service import chain_events
from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.audit import Actor, AuditRecorded
from radiant_platform.errors import ProblemError

T0 = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _event(tenant: str, action: str = "invitation.create", event_id: str | None = None, **extra):
    payload = AuditRecorded(
        actor=Actor(type="admin", id="admin-1", ip="203.0.113.9"),
        action=action,
        resource_type="invitation",
        resource_id="inv-1",
        details={"n": 1.5, "é": "ü"},
        **extra,
    )
    return make_event(payload, tenant_id=tenant, source=service_source("identity"), event_id=event_id, time=T0)


def _chain(n: int, tenant: str = "t1") -> list[dict]:
    heads = {tenant: (0, GENESIS_HASH)}
    return chain_events([_event(tenant, event_id=f"e{i}") for i in range(n)], heads, set(), T0)


def test_canonical_json_sorts_keys_compact_and_utf8():
    assert canonical_json({"b": 1, "a": {"d": "ü", "c": None}}) == '{"a":{"c":null,"d":"ü"},"b":1}'.encode()


def test_hash_is_independent_of_key_order_but_covers_every_field():
    entry = _chain(1)[0]
    assert entry_hash(dict(reversed(list(entry.items())))) == entry["hash"]
    for field, value in [
        ("action", "invitation.revoke"),
        ("seq", 2),
        ("prev_hash", "f" * 64),
        ("details", {"n": 1.5}),
        ("occurred_at", T0 + timedelta(microseconds=1)),
    ]:
        assert entry_hash({**entry, field: value}) != entry["hash"], field


def test_chain_links_each_entry_to_the_previous_and_numbers_per_tenant():
    heads = {"t1": (0, GENESIS_HASH), "t2": (7, "a" * 64)}
    events = [_event("t1", event_id="x1"), _event("t2", event_id="y1"), _event("t1", event_id="x2")]
    entries = chain_events(events, heads, set(), T0)
    t1 = [e for e in entries if e["tenant_id"] == "t1"]
    assert [e["seq"] for e in t1] == [1, 2]
    assert t1[0]["prev_hash"] == GENESIS_HASH and t1[1]["prev_hash"] == t1[0]["hash"]
    t2 = [e for e in entries if e["tenant_id"] == "t2"]
    assert t2[0]["seq"] == 8 and t2[0]["prev_hash"] == "a" * 64
    assert heads == {"t1": (2, t1[1]["hash"]), "t2": (8, t2[0]["hash"])}


def test_duplicates_in_batch_and_already_stored_are_skipped():
    heads = {"t1": (0, GENESIS_HASH)}
    events = [_event("t1", event_id="a"), _event("t1", event_id="a"), _event("t1", event_id="b")]
    entries = chain_events(events, heads, {("t1", "b")}, T0)
    assert [e["event_id"] for e in entries] == ["a"]


def test_unknown_payload_fields_are_kept_and_hashed():
    entry = chain_events([_event("t1", event_id="a", ticket="SEC-1")], {"t1": (0, GENESIS_HASH)}, set(), T0)[0]
    assert entry["extra"] == {"ticket": "SEC-1"}
    assert entry_hash({**entry, "extra": {}}) != entry["hash"]


def test_walk_accepts_an_intact_chain():
    walk = ChainWalk()
    walk.feed(_chain(5))
    assert walk.broken is None and walk.checked == 5


@pytest.mark.parametrize(
    ("tamper", "seq", "reason"),
    [
        (lambda c: c[2].update(action="invitation.revoke"), 3, "modified"),
        (lambda c: c.pop(2), 3, "sequence gap"),
        (lambda c: c[3].update(prev_hash=GENESIS_HASH), 4, "previous-hash"),
    ],
)
def test_walk_names_the_first_broken_link(tamper, seq, reason):
    chain = _chain(5)
    tamper(chain)
    walk = ChainWalk()
    walk.feed(chain)
    assert walk.broken is not None
    assert walk.broken.seq == seq and reason in walk.broken.reason
    assert walk.checked == seq - 1


def test_checkpoint_signature_roundtrip_and_tamper():
    key = Ed25519PrivateKey.generate()
    fields = dict(tenant_id="t1", seq=5, hash_="ab" * 32, signed_at=T0, key_id="k1")
    signature = sign_checkpoint(key, **fields)
    assert checkpoint_signature_valid(key.public_key(), signature, **fields)
    assert not checkpoint_signature_valid(key.public_key(), signature, **{**fields, "seq": 6})
    assert not checkpoint_signature_valid(Ed25519PrivateKey.generate().public_key(), signature, **fields)
    assert not checkpoint_signature_valid(key.public_key(), "not-base64!", **fields)


def test_cursor_roundtrip_and_garbage_is_a_field_error():
    assert decode_cursor(encode_cursor(T0, 42)) == (T0, 42)
    before_epoch = datetime(1960, 1, 1, tzinfo=UTC)
    assert decode_cursor(encode_cursor(before_epoch, 1)) == (before_epoch, 1)
    garbled = [base64.urlsafe_b64encode(text.encode()).decode() for text in ("a2:x:1", "a2:1", "a2:1:2:3", "a1:42")]
    for bad in ("", "abc", "!!", "YjE6NDI", encode_cursor(T0, 0), *garbled):
        with pytest.raises(ProblemError) as err:
            decode_cursor(bad)
        assert err.value.status == 422
        assert err.value.extensions["errors"][0]["field"] == "query.cursor"


def test_every_cursor_of_the_documented_shape_is_a_position_to_resume_from():
    # The document states the pattern; a value matching it is never refused (a client, or the
    # fuzzer, that follows the document gets a page), and what the API issues matches it.
    assert re.fullmatch(CURSOR_PATTERN, encode_cursor(T0, 42))
    assert re.fullmatch(CURSOR_PATTERN, encode_cursor(datetime(1960, 1, 1, tzinfo=UTC), 1))
    for extreme in ("a3.0.1", "a3.-9999999999999999.1", "a3.99999999999999999.999999999999999999"):
        assert re.fullmatch(CURSOR_PATTERN, extreme)
        occurred_at, seq = decode_cursor(extreme)
        assert occurred_at.tzinfo is not None and seq >= 1


def test_ingest_hash_is_the_hash_verify_recomputes():
    """The hot path formats timestamps itself; verify recomputes from stored datetimes: same bytes."""
    entries = _chain(3)
    assert [entry_hash(e) for e in entries] == [e["hash"] for e in entries]
    walk = ChainWalk()
    walk.feed(entries)
    assert walk.broken is None and walk.checked == 3


@pytest.mark.parametrize(
    "at",
    [
        T0,
        T0.replace(microsecond=0),
        datetime(999, 12, 31, 23, 59, tzinfo=UTC),
        T0.astimezone(timezone(timedelta(hours=-5))),
    ],
)
def test_format_time_spells_utc_with_microseconds(at):
    assert format_time(at) == at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _unhashed_entry() -> dict:
    """A stored entry's fields without its hash: what ingest hashes."""
    return {k: v for k, v in _chain(1)[0].items() if k != "hash"}


def test_ingest_hash_of_an_entry_with_other_keys_still_covers_exactly_the_hashed_fields():
    entry = _unhashed_entry()
    expected = entry_hash(entry)
    assert new_entry_hash({**entry, "unrelated": 1}, format_time(entry["recorded_at"])) == expected
    assert new_entry_hash(entry, format_time(entry["recorded_at"])) == expected


@pytest.mark.parametrize(
    ("occurred_at", "recorded_at"),
    [
        (T0, T0 + timedelta(seconds=1)),
        (T0.replace(microsecond=0), T0),  # orjson would leave out the zero microsecond
        (T0, T0.replace(microsecond=0)),
        (datetime(999, 12, 31, 23, 59, 1, 5, tzinfo=UTC), T0),  # orjson would zero-pad the year
        (T0.astimezone(timezone(timedelta(hours=-5))), T0),  # not in UTC
        (datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC), T0),
        (datetime(1000, 1, 1, 0, 0, 0, 1, tzinfo=UTC), T0),
    ],
)
@pytest.mark.parametrize("details", [{"n": 1.5, "é": "ü"}, {"big": 2**70}, {"nested": {"b": [1, None], "a": "x"}}])
def test_ingest_hash_spells_every_timestamp_and_value_as_verification_does(occurred_at, recorded_at, details):
    entry = _unhashed_entry()
    entry |= {"occurred_at": occurred_at, "recorded_at": recorded_at, "details": details}
    assert new_entry_hash(entry, format_time(recorded_at)) == entry_hash(entry)


def test_ingest_hash_of_many_random_instants_is_the_verified_hash():
    rng = random.Random(17)
    entry = _unhashed_entry()
    for _ in range(2000):
        at = datetime(1000, 1, 1, tzinfo=UTC) + timedelta(microseconds=rng.randrange(9000 * 365 * 86400 * 10**6))
        entry |= {"occurred_at": at, "recorded_at": at + timedelta(microseconds=rng.randrange(10**7))}
        assert new_entry_hash(entry, format_time(entry["recorded_at"])) == entry_hash(entry), at
