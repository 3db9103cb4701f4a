"""Throttling of credential guesses (passwords at sign-in, codes at step-up), in Redis.

Every attempt is *reserved* before the credential is verified, atomically (one Lua script) in every
scope it counts against: a reservation that finds a scope waiting is refused before any argon2 or
TOTP work is done, so parallel guesses cannot all slip past a check-then-count race. An attempt that
turns out not to be a failure gives its reservation back (`release`); a success also forgives the
earlier failures of its own pair (`succeed`).

Sign-in counts in three scopes: the pair (account, client address) with a small allowance, then a
wait that doubles with each further failure (progressive delay); the client address (spraying many
accounts); and the account across every address, with a much higher ceiling (a distributed guess).
A stranger failing five times from their own address therefore makes only *their* pair wait; the
owner, elsewhere, still signs in.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from redis.asyncio import Redis

from radiant_platform.errors import ProblemError

# KEYS: fail₁, lock₁, fail₂, lock₂, … ARGV: window ms, first delay ms, max delay ms, limit₁, limit₂, …
# Refused while any scope waits ({0, wait ms}); else one attempt is counted in every scope, and a
# scope at or past its limit starts waiting: first delay × 2^(failures past the limit), capped
# ({1, 1} when this attempt started a wait, else {1, 0}). The count outlives its wait, so the next
# failure after a wait doubles it.
_RESERVE = """
local scopes = #KEYS / 2
local wait = 0
for i = 1, scopes do
  local ttl = redis.call('PTTL', KEYS[2 * i])
  if ttl > wait then wait = ttl end
end
if wait > 0 then return {0, wait} end
local started = 0
local window = tonumber(ARGV[1])
local first_delay = tonumber(ARGV[2])
local max_delay = tonumber(ARGV[3])
for i = 1, scopes do
  local count = redis.call('INCR', KEYS[2 * i - 1])
  local limit = tonumber(ARGV[3 + i])
  local keep = window
  if count >= limit then
    local delay = math.floor(math.min(max_delay, first_delay * 2 ^ (count - limit)))
    redis.call('SET', KEYS[2 * i], '1', 'PX', delay)
    keep = window + delay
    started = 1
  end
  redis.call('PEXPIRE', KEYS[2 * i - 1], keep)
end
return {1, started}
"""

# KEYS: fail₁, lock₁, … ARGV: limit₁, … — give one reservation back in every scope; a scope that
# falls below its limit again stops waiting (the wait was started by this very reservation).
_RELEASE = """
for i = 1, #KEYS / 2 do
  local count = tonumber(redis.call('GET', KEYS[2 * i - 1]) or '0')
  if count > 0 then
    count = redis.call('DECR', KEYS[2 * i - 1])
    if count < tonumber(ARGV[i]) then redis.call('DEL', KEYS[2 * i]) end
  end
end
return 1
"""


@dataclass(frozen=True)
class Scope:
    """One counter: failures in `fail_key`, its wait in `lock_key`, waiting from `limit` failures on."""

    fail_key: str
    lock_key: str
    limit: int


@dataclass(frozen=True)
class Policy:
    window_seconds: int
    first_delay_seconds: int
    max_delay_seconds: int


def delay_seconds(policy: Policy, failures: int, limit: int) -> int:
    """The wait after `failures` failures in a scope allowing `limit` (0 below it): the Lua rule."""
    if failures < limit:
        return 0
    return int(min(policy.max_delay_seconds, policy.first_delay_seconds * 2 ** (failures - limit)))


class TooManyAttempts(ProblemError):
    def __init__(self, wait_ms: int, detail: str) -> None:
        retry_after = str(max(1, math.ceil(wait_ms / 1000)))
        super().__init__(429, detail, headers={"Retry-After": retry_after})


class AttemptThrottle:
    """Reserve → verify → release/succeed, over a fixed set of scopes."""

    def __init__(self, redis: Redis, policy: Policy, scopes: list[Scope], *, refusal: str) -> None:
        self._redis = redis
        self._policy = policy
        self._scopes = scopes
        self._refusal = refusal

    def _keys(self, scopes: list[Scope]) -> list[str]:
        return [key for s in scopes for key in (s.fail_key, s.lock_key)]

    async def reserve(self) -> bool:
        """Count this attempt as a failure until told otherwise; 429 (nothing counted) while waiting.
        True when this attempt, should it fail, is the one that makes a scope wait."""
        p = self._policy
        allowed, detail = await self._redis.eval(
            _RESERVE,
            len(self._scopes) * 2,
            *self._keys(self._scopes),
            p.window_seconds * 1000,
            p.first_delay_seconds * 1000,
            p.max_delay_seconds * 1000,
            *(s.limit for s in self._scopes),
        )
        if not int(allowed):
            raise TooManyAttempts(int(detail), self._refusal)
        return bool(int(detail))

    async def release(self) -> None:
        """The attempt was not a failure (e.g. the password was right but a code is still needed)."""
        await self._redis.eval(
            _RELEASE, len(self._scopes) * 2, *self._keys(self._scopes), *(s.limit for s in self._scopes)
        )

    async def succeed(self) -> None:
        """The credential proved who is asking: give the reservation back and forgive the first
        scope's (the most specific one's) earlier failures."""
        await self.release()
        first = self._scopes[0]
        await self._redis.delete(first.fail_key, first.lock_key)


SIGN_IN_REFUSAL = "Too many failed sign-in attempts; try again later"
CODE_REFUSAL = "Too many wrong verification codes; try again later"


def sign_in_throttle(
    redis: Redis,
    policy: Policy,
    *,
    email: str,
    ip: str | None,
    per_pair: int,
    per_ip: int,
    per_account: int,
) -> AttemptThrottle:
    """The pair (account, address) first — the scope a success forgives — then address, then account.

    Key names end in `:ip:<address>` where they count an address, so a test harness can clear its
    loopback's counters by pattern."""
    address = ip or "unknown"
    scopes = [
        Scope(
            f"identity:login:fail:acct:{email}:ip:{address}",
            f"identity:login:lock:acct:{email}:ip:{address}",
            per_pair,
        )
    ]
    if ip:
        scopes.append(Scope(f"identity:login:fail:ip:{ip}", f"identity:login:lock:ip:{ip}", per_ip))
    scopes.append(Scope(f"identity:login:fail:acct:{email}", f"identity:login:lock:acct:{email}", per_account))
    return AttemptThrottle(redis, policy, scopes, refusal=SIGN_IN_REFUSAL)


def code_throttle(redis: Redis, policy: Policy, *, admin_id: str, limit: int) -> AttemptThrottle:
    """Second-factor codes presented by a signed-in administrator (step-up, factor changes): a
    stolen access token must not be a way to guess six digits."""
    scope = Scope(f"identity:mfa:fail:{admin_id}", f"identity:mfa:lock:{admin_id}", limit)
    return AttemptThrottle(redis, policy, [scope], refusal=CODE_REFUSAL)
