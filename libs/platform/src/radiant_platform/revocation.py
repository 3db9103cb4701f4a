"""Tokens refused before they expire: a suspended tenant's, and one ended early (an impersonation).

A signed access token cannot be recalled, so identity leaves marks in Redis that every verifier
checks right after the signature — the gateway in its token check, each service in
`auth.current_principal` — through the one `RevocationList` here:

- `radiant:nbf:tenant:<id>` = `"<unix time> suspended"` while the tenant is suspended: every token of
  its administrators (impersonations of it included) is refused, 403 "Tenant suspended". Once it is
  reactivated the mark becomes `"<unix time>"`, a not-before: tokens issued at or before the
  suspension stay refused (401: sign in again) until the mark expires, after the longest-lived token.
- `radiant:revoked:jti:<jti>`: that one token is refused (401), until it would have expired anyway.
- `radiant:nbf:subject:<sub>` = `"<unix time>"`: a tenant principal's tokens issued at or before it are
  refused (401: sign in again) — every session of one account ended at once (a password reset or
  change, a removal), kept until the longest-lived token issued before it has expired.

Service keys (producers on the AI request path) are not refused by a suspension: usage that happened
is still metered. Operators belong to no tenant, so only their token ids are checked.

Cost: one Redis round trip (MGET of the tenant's and the token's marks), answered from an in-process
cache for at most `CACHE_SECONDS`, so a mark holds everywhere within that time; checks that need the
same marks while they are being read wait for that one read (`fresh_cache`).

Redis unreachable: fail closed. The check answers 503 with Retry-After rather than letting a
suspended tenant's tokens through for as long as Redis is away (the API needs Redis anyway: rate
limits, readiness); writing a mark fails the same way, so a suspension is never reported done
without its mark.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError

from radiant_contracts.permissions import PrincipalKind

from .errors import ProblemError
from .fresh_cache import FreshCache

if TYPE_CHECKING:
    from starlette.requests import Request

log = logging.getLogger(__name__)

#: How long a mark read from Redis is believed in-process (the "refused within one second" budget).
CACHE_SECONDS = 0.5
CACHE_ENTRIES = 10_000
TENANT_MARK_PREFIX = "radiant:nbf:tenant:"
TOKEN_MARK_PREFIX = "radiant:revoked:jti:"
SUBJECT_MARK_PREFIX = "radiant:nbf:subject:"
SUSPENDED = "suspended"

TENANT_SUSPENDED_TYPE = "urn:radiant:problem:tenant-suspended"
SESSION_ENDED_TYPE = "urn:radiant:problem:session-ended"
REVOCATION_UNAVAILABLE_TYPE = "urn:radiant:problem:revocation-unavailable"


class RevocablePrincipal(Protocol):
    """What a check needs of a verified token (`auth.Principal` has it)."""

    @property
    def kind(self) -> str: ...
    @property
    def tenant_id(self) -> str: ...
    @property
    def subject(self) -> str: ...
    @property
    def token_id(self) -> str | None: ...
    @property
    def issued_at(self) -> float | None: ...


def tenant_mark_key(tenant_id: str) -> str:
    return TENANT_MARK_PREFIX + tenant_id


def token_mark_key(token_id: str) -> str:
    return TOKEN_MARK_PREFIX + token_id


def subject_mark_key(subject: str) -> str:
    return SUBJECT_MARK_PREFIX + subject


@dataclass(frozen=True, slots=True)
class TenantMark:
    """A tenant's not-before (unix time) and whether it is suspended right now."""

    not_before: float
    suspended: bool

    def encode(self) -> bytes:
        text = repr(self.not_before)
        return f"{text} {SUSPENDED}".encode() if self.suspended else text.encode()

    @classmethod
    def decode(cls, raw: bytes | str | None) -> TenantMark | None:
        if raw is None:
            return None
        text = raw.decode() if isinstance(raw, bytes) else raw
        stamp, _, state = text.partition(" ")
        try:
            not_before = float(stamp)
        except ValueError:
            # Someone wrote something else under the key: refuse rather than guess it means "active".
            log.warning("malformed tenant revocation mark %r; treated as suspended", text[:100])
            return cls(math.inf, True)
        return cls(not_before, state == SUSPENDED)


def tenant_suspended(tenant_id: str) -> ProblemError:
    return ProblemError(
        403,
        "This tenant is suspended; its sessions have ended",
        title="Tenant suspended",
        type_=TENANT_SUSPENDED_TYPE,
        tenantId=tenant_id,
    )


def session_ended(detail: str) -> ProblemError:
    return ProblemError(
        401,
        detail,
        title="Session ended",
        type_=SESSION_ENDED_TYPE,
        headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
    )


def revocation_unavailable() -> ProblemError:
    return ProblemError(
        503,
        "Token revocation status is unavailable; try again shortly",
        type_=REVOCATION_UNAVAILABLE_TYPE,
        headers={"Retry-After": "1"},
        dependency="cache",  # errors.Dependency.CACHE: what is missing lives in Redis
    )


def _keys_to_check(principal: RevocablePrincipal) -> list[str]:
    keys = []
    if principal.kind == PrincipalKind.TENANT:
        keys.append(tenant_mark_key(principal.tenant_id))
        if principal.subject:
            keys.append(subject_mark_key(principal.subject))
    if principal.token_id:
        keys.append(token_mark_key(principal.token_id))
    return keys


def _check_subject_mark(principal: RevocablePrincipal, raw: bytes | str | None) -> None:
    """Refuse a token issued at or before its account's sessions were ended."""
    if raw is None:
        return
    try:
        not_before = float(raw.decode() if isinstance(raw, bytes) else raw)
    except ValueError:
        log.warning("malformed subject revocation mark; the token is refused")
        not_before = math.inf
    issued_at = principal.issued_at
    if issued_at is None or issued_at <= not_before:
        raise session_ended("This session has ended (the account's sessions were signed out); sign in again")


class RevocationList:
    """Reads the marks, with a small in-process cache; `check` raises the refusal, if any."""

    def __init__(
        self,
        redis: Redis,
        *,
        cache_seconds: float = CACHE_SECONDS,
        max_entries: int = CACHE_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._redis = redis
        self._cache: FreshCache[bytes | str | None] = FreshCache(
            seconds=cache_seconds, max_entries=max_entries, clock=clock
        )

    async def check(self, principal: RevocablePrincipal) -> None:
        keys = _keys_to_check(principal)
        if not keys:
            return
        values = await self._values(keys)
        if principal.token_id and values.get(token_mark_key(principal.token_id)) is not None:
            raise session_ended("This token was revoked")
        if principal.kind == PrincipalKind.TENANT:
            _check_subject_mark(principal, values.get(subject_mark_key(principal.subject)))
            mark = TenantMark.decode(values.get(tenant_mark_key(principal.tenant_id)))
            if mark is None:
                return
            if mark.suspended:
                raise tenant_suspended(principal.tenant_id)
            issued_at = principal.issued_at
            if issued_at is None or issued_at <= mark.not_before:
                raise session_ended("This session ended when the tenant was suspended; sign in again")

    def forget(self, *keys: str) -> None:
        """Drop cached marks (a writer in this process has just changed them)."""
        self._cache.forget(*keys)

    async def _values(self, keys: Sequence[str]) -> dict[str, bytes | str | None]:
        values: dict[str, bytes | str | None] = {}
        stale = []
        for key in keys:
            cached = self._cache.fresh(key)
            if cached is not None:
                values[key] = cached.value
            else:
                stale.append(key)
        if stale:
            try:
                fetched = await self._cache.read(tuple(stale), partial(self._redis.mget, stale))
            except RedisError as exc:
                log.warning("revocation marks unreadable (%s); refusing the token", exc)
                raise revocation_unavailable() from None
            values.update(zip(stale, fetched, strict=True))
        return values


def revocations_of(request: Request) -> RevocationList:
    """The process's `RevocationList`, built on first use over the runtime's Redis client."""
    state = request.app.state
    revocations: RevocationList | None = getattr(state, "revocations", None)
    if revocations is None:
        revocations = RevocationList(request.app.state.runtime.redis)
        state.revocations = revocations
    return revocations


# --- writing marks (identity, which owns tenants and impersonation sessions) ----------------------


async def mark_tenant_suspended(redis: Redis, tenant_id: str, at: float) -> None:
    """From `at` on, every token of the tenant is refused; kept until the suspension is lifted."""
    await _redis_call(redis.set(tenant_mark_key(tenant_id), TenantMark(at, True).encode()))


async def mark_tenant_reactivated(redis: Redis, tenant_id: str, not_before: float, keep_seconds: int) -> None:
    """Tokens issued after `not_before` are accepted again; older ones stay refused for
    `keep_seconds` (longer than any access token lives), then the mark goes."""
    await _redis_call(redis.set(tenant_mark_key(tenant_id), TenantMark(not_before, False).encode(), ex=keep_seconds))


async def revoke_token(redis: Redis, token_id: str, expires_at: float) -> None:
    """Refuse one token (by `jti`) until its own expiry; the mark outlives it by a minute."""
    seconds = max(1, math.ceil(expires_at - time.time()) + 60)
    await _redis_call(redis.set(token_mark_key(token_id), b"1", ex=seconds))


async def end_subject_sessions(redis: Redis, subject: str, at: float, keep_seconds: int) -> None:
    """Refuse every token of `subject` issued at or before `at` (access tokens carry `iat` to the
    microsecond, so tokens issued right after are accepted); the mark goes after `keep_seconds`,
    which must outlast the longest-lived token issued before it."""
    await _redis_call(redis.set(subject_mark_key(subject), repr(at).encode(), ex=keep_seconds))


async def read_tenant_marks(redis: Redis, tenant_ids: Sequence[str]) -> dict[str, TenantMark | None]:
    if not tenant_ids:
        return {}
    raw = await _redis_call(redis.mget([tenant_mark_key(t) for t in tenant_ids]))
    return {t: TenantMark.decode(v) for t, v in zip(tenant_ids, raw, strict=True)}


async def tenants_marked_suspended(redis: Redis) -> AsyncIterator[tuple[str, TenantMark]]:
    """Every tenant whose mark says suspended (for reconciling marks with the tenants' records)."""
    async for key in redis.scan_iter(match=TENANT_MARK_PREFIX + "*", count=500):
        name = key.decode() if isinstance(key, bytes) else str(key)
        mark = TenantMark.decode(await redis.get(key))
        if mark is not None and mark.suspended:
            yield name.removeprefix(TENANT_MARK_PREFIX), mark


async def _redis_call(awaitable: Any) -> Any:
    try:
        return await awaitable
    except RedisError as exc:
        log.warning("revocation marks unwritable: %s", exc)
        raise revocation_unavailable() from None
