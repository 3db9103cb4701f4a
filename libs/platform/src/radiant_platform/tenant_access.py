"""A tenant's access policy — its IP allow-list and whether every token needs a second factor — as a
fast copy in Redis that the gateway checks on each of the tenant's tokens.

Identity owns the policy (its tenant settings, `radiant_identity.settings`) and keeps the copy:

- `radiant:tenant-access:<tenant id>` = JSON `{"cidrs": [...], "mfa": true|false}` for every tenant
  whose policy restricts anything; no key means no restriction.
- `radiant:tenant-access-ready` = `"1"`, written by identity each time it has rewritten every copy
  from its records (at start-up and every few seconds). Without it the copies may be missing (a Redis
  that lost its data), and a missing copy would silently lift an allow-list — so the check refuses
  tenant tokens (503, Retry-After) until identity has written them again: fail closed.

A copy is believed in-process for at most `CACHE_SECONDS` (a changed policy holds everywhere within
that time), like the revocation marks (`revocation.py`). Redis unreachable: 503, never "allowed".

Only tenant principals are subject to it: service keys are producers on the AI request path, and an
operator's impersonation is the platform's staff (time-boxed, audited), not the tenant's network.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

from radiant_contracts.permissions import PrincipalKind

from .auth import Principal
from .errors import ProblemError
from .fresh_cache import FreshCache
from .mfa import MFA_REQUIRED_TYPE, has_second_factor

if TYPE_CHECKING:
    from starlette.requests import Request

log = logging.getLogger(__name__)

KEY_PREFIX = "radiant:tenant-access:"
#: Outside the tenants' key space (a tenant may be called anything, `ready` included).
READY_KEY = "radiant:tenant-access-ready"
CACHE_SECONDS = 0.5
CACHE_ENTRIES = 10_000
#: The most networks one tenant's allow-list may hold (identity's settings bound it the same).
MAX_CIDRS = 50

IP_NOT_ALLOWED_TYPE = "urn:radiant:problem:ip-not-allowed"
ACCESS_POLICY_UNAVAILABLE_TYPE = "urn:radiant:problem:access-policy-unavailable"

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def policy_key(tenant_id: str) -> str:
    return KEY_PREFIX + tenant_id


@dataclass(frozen=True, slots=True)
class AccessPolicy:
    """What the gateway enforces for one tenant's tokens."""

    networks: tuple[IPNetwork, ...] = ()
    mfa_required: bool = False

    @property
    def restricts(self) -> bool:
        return bool(self.networks) or self.mfa_required

    @classmethod
    def of(cls, cidrs: Iterable[str], mfa_required: bool) -> AccessPolicy:
        return cls(tuple(ipaddress.ip_network(c, strict=False) for c in cidrs), mfa_required)

    def encode(self) -> bytes:
        return json.dumps({"cidrs": [str(n) for n in self.networks], "mfa": self.mfa_required}).encode()

    @classmethod
    def decode(cls, raw: bytes | str) -> AccessPolicy:
        try:
            data = json.loads(raw)
            return cls.of(list(data["cidrs"])[:MAX_CIDRS], bool(data["mfa"]))
        except (ValueError, KeyError, TypeError):
            # Someone wrote something else under the key: admit no address rather than guess.
            log.warning("malformed tenant access policy %r; refusing every address", str(raw)[:100])
            return cls(networks=(ipaddress.ip_network("0.0.0.0/32"),), mfa_required=True)

    def admits(self, ip: str | None) -> bool:
        """Whether a client address is inside the allow-list (always, when there is none)."""
        if not self.networks:
            return True
        return address_in(ip, self.networks)


def address_in(ip: str | None, networks: Sequence[IPNetwork]) -> bool:
    if ip is None:
        return False  # an unknown address is no allowed one
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return any(address.version == net.version and address in net for net in networks)


def ip_not_allowed(ip: str | None) -> ProblemError:
    return ProblemError(
        403,
        "This tenant admits its administrators only from the addresses of its IP allow-list",
        title="Address not allowed",
        type_=IP_NOT_ALLOWED_TYPE,
        clientIp=ip,
    )


def mfa_required_by_policy() -> ProblemError:
    return ProblemError(
        403,
        "This tenant requires a second factor for every administrator: enrol an authenticator "
        "(POST /api/v2/auth/mfa/totp/enroll), then sign in again with it",
        title="Second factor required",
        type_=MFA_REQUIRED_TYPE,
        mfaRequired=True,
    )


def policy_unavailable() -> ProblemError:
    return ProblemError(
        503,
        "The tenant's access policy is unavailable; try again shortly",
        type_=ACCESS_POLICY_UNAVAILABLE_TYPE,
        headers={"Retry-After": "1"},
        dependency="cache",  # errors.Dependency.CACHE: what is missing lives in Redis
    )


class AccessPolicies:
    """Reads the copies (one MGET of the tenant's key and the ready mark), cached briefly."""

    def __init__(
        self,
        redis: Redis,
        *,
        cache_seconds: float = CACHE_SECONDS,
        max_entries: int = CACHE_ENTRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._redis = redis
        self._cache: FreshCache[AccessPolicy] = FreshCache(seconds=cache_seconds, max_entries=max_entries, clock=clock)

    async def policy(self, tenant_id: str) -> AccessPolicy:
        cached = self._cache.fresh(tenant_id)
        if cached is not None:
            return cached.value
        try:
            (found,) = await self._cache.read((tenant_id,), partial(self._read, tenant_id))
        except RedisError as exc:
            log.warning("tenant access policies unreadable (%s); refusing the token", exc)
            raise policy_unavailable() from None
        return found

    async def _read(self, tenant_id: str) -> tuple[AccessPolicy]:
        raw, ready = await self._redis.mget([policy_key(tenant_id), READY_KEY])
        if ready is None:
            log.warning("tenant access policies not loaded into Redis yet; refusing the token")
            raise policy_unavailable()
        return (AccessPolicy() if raw is None else AccessPolicy.decode(raw),)

    async def check(self, principal: Principal, client_ip: str | None, *, needs_permission: bool) -> None:
        """Refuse a tenant token from outside the allow-list, and (on a route that needs a
        permission) one without a second factor when the policy wants one. Routes that need none —
        the caller's own profile, MFA enrolment — stay open, so an administrator can always reach
        the way to a second factor."""
        if principal.kind != PrincipalKind.TENANT or principal.actor_subject is not None:
            return
        policy = await self.policy(principal.tenant_id)
        if not policy.restricts:
            return
        if not policy.admits(client_ip):
            raise ip_not_allowed(client_ip)
        if needs_permission and policy.mfa_required and not has_second_factor(principal):
            raise mfa_required_by_policy()

    def forget(self, tenant_id: str) -> None:
        self._cache.forget(tenant_id)


def access_policies_of(request: Request) -> AccessPolicies:
    """The process's `AccessPolicies`, built on first use over the runtime's Redis client."""
    state = request.app.state
    policies: AccessPolicies | None = getattr(state, "access_policies", None)
    if policies is None:
        policies = AccessPolicies(request.app.state.runtime.redis)
        state.access_policies = policies
    return policies


# --- writing the copies (identity, which owns the tenants' settings) ------------------------------


async def write_policy(redis: Redis, tenant_id: str, policy: AccessPolicy) -> None:
    """The tenant's copy as its settings now say (a policy that restricts nothing has no key)."""
    try:
        if policy.restricts:
            await redis.set(policy_key(tenant_id), policy.encode())
        else:
            await redis.delete(policy_key(tenant_id))
    except RedisError as exc:
        log.warning("tenant access policy unwritable: %s", exc)
        raise policy_unavailable() from None


async def rewrite_all(redis: Redis, policies: dict[str, AccessPolicy]) -> int:
    """Make every copy agree with `policies` (every tenant that restricts anything), drop copies no
    tenant backs, then mark the copies ready. Returns how many keys changed."""
    wanted = {policy_key(t): p.encode() for t, p in policies.items() if p.restricts}
    changed = 0
    present: list[Any] = []
    async for key in redis.scan_iter(match=KEY_PREFIX + "*", count=500):
        present.append(key.decode() if isinstance(key, bytes) else str(key))
    stale = [k for k in present if k not in wanted]
    if stale:
        changed += int(await redis.delete(*stale))
    current = dict(zip(wanted, await redis.mget(list(wanted)), strict=True)) if wanted else {}
    for key, value in wanted.items():
        if current.get(key) != value:
            await redis.set(key, value)
            changed += 1
    await redis.set(READY_KEY, b"1")
    return changed
