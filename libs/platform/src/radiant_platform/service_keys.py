"""Service keys: a tenant's API keys for producers on the AI request path (DESIGN.md, "Producers").

A key reads `rk_<environment>_<key id>_<secret>` — the prefix says what it is (secret scanners and
people recognise it), the environment where it belongs, the id which key it is (shown in lists and in
the audit trail), and the secret is 32 random bytes. Identity issues keys and stores only a keyed hash
of the whole key: HMAC-SHA256 with the platform's pepper (`SERVICE_KEY_PEPPER`). A fast hash is right
here, unlike for passwords: 256 random bits cannot be guessed however fast guesses are, and the pepper
means a copy of the table alone verifies nothing.

Verification is one Redis read, in the gateway and again in the service (defence in depth), so it
costs no call to identity on the request path. Identity writes each active key's record — its hash,
tenant, scopes, environment and expiry — under `rk:key:<key id>` when it creates the key, and deletes
it when it revokes the key: a revoked key is refused from that moment, by every verifier. A reconcile
job in identity rewrites the records from its database (Redis lost or restored from an old copy); it
reads the active keys under a share lock, so a revocation running at the same time waits for it and
then withdraws the key, and it never withdraws a record younger than `RECONCILE_GRACE_SECONDS` (a key
being created is published before its transaction commits).

Last use is written back cheaply: at most once a minute per key and process, into one Redis hash that
identity folds into its database; never on every request.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

import redis.asyncio as aioredis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

KEY_PREFIX = "rk"
ENVIRONMENTS = ("dev", "staging", "prod")
#: 16 hex digits: the public part, unique per key.
KEY_ID_BYTES = 8
SECRET_BYTES = 32

_KEY_SHAPE = re.compile(r"^rk_(dev|staging|prod)_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")

RECORD_KEY = "rk:key:{}"
RECORD_PATTERN = "rk:key:*"
LAST_USED_KEY = "rk:last-used"
#: Set by identity's reconcile once Redis holds every active key; a Redis that lost its data (a
#: FLUSHALL, a restart without it) has no mark, and an unknown key then means "not published yet"
#: (503, retry) rather than "revoked" (401): a producer's valid key is never refused for good.
PUBLISHED_KEY = "rk:published"
PUBLISH_ROUND_KEY = "rk:publish-round"
# Mark published only if no flush (nor another round) came between the round's start and its end.
_MARK_IF_SAME_ROUND = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], '1')
  return 1
end
return 0
"""
#: How often one process writes a key's last use at most.
LAST_USED_EVERY_SECONDS = 60.0
#: A record this young may belong to a key whose creation has not committed yet: never withdrawn.
RECONCILE_GRACE_SECONDS = 120.0
_MEMO_LIMIT = 10_000


def is_service_key(token: str) -> bool:
    """Whether a bearer token is meant as a service key (rather than an access token)."""
    return token.startswith(f"{KEY_PREFIX}_")


@dataclass(frozen=True, slots=True)
class ParsedKey:
    environment: str
    key_id: str


def parse_service_key(token: str) -> ParsedKey | None:
    """The environment and id a well-formed key names; None for anything else."""
    match = _KEY_SHAPE.match(token)
    return ParsedKey(match.group(1), match.group(2)) if match else None


def new_service_key(environment: str) -> tuple[str, str]:
    """A fresh key for `environment`: (key id, the key as shown once to its creator)."""
    if environment not in ENVIRONMENTS:
        raise ValueError(f"service keys exist for {', '.join(ENVIRONMENTS)}, not {environment!r}")
    key_id = secrets.token_hex(KEY_ID_BYTES)
    return key_id, f"{KEY_PREFIX}_{environment}_{key_id}_{secrets.token_urlsafe(SECRET_BYTES)}"


def display_prefix(environment: str, key_id: str) -> str:
    """What a list shows of a key: everything but the secret."""
    return f"{KEY_PREFIX}_{environment}_{key_id}_"


def key_hash(token: str, pepper: str) -> str:
    """The stored form of a key: HMAC-SHA256 under the pepper, hex."""
    return hmac.new(pepper.encode(), token.encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True, slots=True)
class ServiceKeyRecord:
    """What a verifier needs to know of an active key (Redis holds it as JSON under `rk:key:<id>`)."""

    key_id: str
    tenant_id: str
    environment: str
    scopes: tuple[str, ...]
    key_hash: str
    name: str | None = None
    expires_at: datetime | None = None
    #: Unix seconds when identity wrote the record (set by `publish`).
    published_at: float | None = None

    def to_json(self) -> str:
        return json.dumps(
            {
                "key_id": self.key_id,
                "tenant_id": self.tenant_id,
                "environment": self.environment,
                "scopes": list(self.scopes),
                "key_hash": self.key_hash,
                "name": self.name,
                "expires_at": self.expires_at.isoformat() if self.expires_at else None,
                "published_at": self.published_at,
            }
        )

    @classmethod
    def from_json(cls, raw: bytes | str) -> ServiceKeyRecord:
        data: dict[str, Any] = json.loads(raw)
        expires = data.get("expires_at")
        return cls(
            key_id=str(data["key_id"]),
            tenant_id=str(data["tenant_id"]),
            environment=str(data["environment"]),
            scopes=tuple(str(s) for s in data["scopes"]),
            key_hash=str(data["key_hash"]),
            name=data.get("name"),
            expires_at=datetime.fromisoformat(expires) if expires else None,
            published_at=data.get("published_at"),
        )

    def expired(self, now: datetime) -> bool:
        return self.expires_at is not None and self.expires_at <= now


class InvalidServiceKey(Exception):
    """The key is malformed, unknown, revoked or expired; `reason` is safe to show its caller."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class ServiceKeysUnavailable(Exception):
    """Redis did not answer: no key can be verified just now (the caller answers 503)."""


# Per process: when each key's last use was last written (monotonic seconds).
_last_use_written: dict[str, float] = {}


class ServiceKeyStore:
    """The active keys in Redis: identity publishes and withdraws them, every verifier reads them."""

    def __init__(self, redis: aioredis.Redis, pepper: str) -> None:
        self._redis = redis
        self._pepper = pepper

    def hash_of(self, token: str) -> str:
        """The stored form of a key (what identity keeps and every verifier compares)."""
        return key_hash(token, self._pepper)

    # --- identity's side -------------------------------------------------------------------------

    async def publish(self, record: ServiceKeyRecord) -> None:
        """Make a key valid everywhere; it expires from Redis by itself when the key does."""
        name = RECORD_KEY.format(record.key_id)
        value = replace(record, published_at=time.time()).to_json()
        if record.expires_at is not None:
            await self._redis.set(name, value, exat=int(record.expires_at.timestamp()) + 1)
        else:
            await self._redis.set(name, value)

    async def withdraw(self, key_id: str) -> None:
        """Refuse the key from now on, everywhere."""
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.delete(RECORD_KEY.format(key_id))
            pipe.hdel(LAST_USED_KEY, key_id)
            await pipe.execute()

    async def reconcile(self, active: Iterable[ServiceKeyRecord]) -> tuple[int, int]:
        """Make Redis hold the `active` keys (the database's, read under a share lock) and no other
        record older than the grace period: (written, withdrawn)."""
        round_token = secrets.token_hex(16)
        await self._redis.set(PUBLISH_ROUND_KEY, round_token)
        records = {r.key_id: r for r in active}
        for record in records.values():
            await self.publish(record)
        cutoff = time.time() - RECONCILE_GRACE_SECONDS
        withdrawn = 0
        async for name in self._redis.scan_iter(match=RECORD_PATTERN, count=1000):
            key_id = (name.decode() if isinstance(name, bytes) else str(name)).removeprefix("rk:key:")
            if key_id in records:
                continue
            raw = await self._redis.get(name)
            published = ServiceKeyRecord.from_json(raw).published_at if raw is not None else None
            if raw is not None and (published is None or published < cutoff):
                await self.withdraw(key_id)
                withdrawn += 1
        await self._redis.eval(_MARK_IF_SAME_ROUND, 2, PUBLISH_ROUND_KEY, PUBLISHED_KEY, round_token)
        return len(records), withdrawn

    async def published(self) -> bool:
        """Whether Redis holds every active key (the reconcile's mark is there)."""
        return bool(await self._redis.exists(PUBLISHED_KEY))

    async def last_used(self) -> dict[str, datetime]:
        """Each key's last verified use, as the verifiers wrote it."""
        marks = await self._redis.hgetall(LAST_USED_KEY)
        return {
            (k.decode() if isinstance(k, bytes) else str(k)): datetime.fromtimestamp(float(v), UTC)
            for k, v in marks.items()
        }

    # --- every verifier's side -------------------------------------------------------------------

    async def verify(self, token: str, now: datetime | None = None) -> ServiceKeyRecord:
        """The active key `token` is, after one Redis read; `InvalidServiceKey` otherwise."""
        parsed = parse_service_key(token)
        if parsed is None:
            raise InvalidServiceKey("Malformed service key")
        try:
            raw, published = await self._redis.mget([RECORD_KEY.format(parsed.key_id), PUBLISHED_KEY])
        except RedisError as exc:
            raise ServiceKeysUnavailable(str(exc)) from exc
        if raw is None:
            if published is None:  # Redis lost the records: identity is publishing them again
                raise ServiceKeysUnavailable("the active keys are not published (Redis lost them)")
            raise InvalidServiceKey("Unknown or revoked service key")
        record = ServiceKeyRecord.from_json(raw)
        # Compared in constant time, so response times say nothing about how much of a guess was right.
        if not hmac.compare_digest(record.key_hash, self.hash_of(token)):
            raise InvalidServiceKey("Unknown or revoked service key")
        if record.environment != parsed.environment:
            raise InvalidServiceKey("Unknown or revoked service key")
        if record.expired(now or datetime.now(UTC)):
            raise InvalidServiceKey("Service key expired")
        await self._note_use(record.key_id)
        return record

    async def _note_use(self, key_id: str) -> None:
        """Write the key's last use when this process has not done so for a minute (best effort)."""
        moment = time.monotonic()
        written = _last_use_written.get(key_id)
        if written is not None and moment - written < LAST_USED_EVERY_SECONDS:
            return
        if len(_last_use_written) >= _MEMO_LIMIT:
            _last_use_written.clear()
        _last_use_written[key_id] = moment
        try:
            await self._redis.hset(LAST_USED_KEY, key_id, str(int(time.time())))
        except RedisError:
            log.warning("could not record the last use of service key %s", key_id)
