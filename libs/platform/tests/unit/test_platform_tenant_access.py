"""A tenant's access policy at the edge (IP allow-list, MFA for everyone) from identity's Redis copy —
the rules, with Redis replaced by a dictionary: who is subject to it, fail closed while the copies are
not loaded or Redis is away, a malformed copy admits no one, and identity's rewrite repairs them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from radiant_platform.auth import Principal
from radiant_platform.errors import ProblemError
from radiant_platform.mfa import MFA_REQUIRED_TYPE
from radiant_platform.tenant_access import (
    ACCESS_POLICY_UNAVAILABLE_TYPE,
    IP_NOT_ALLOWED_TYPE,
    READY_KEY,
    AccessPolicies,
    AccessPolicy,
    policy_key,
    rewrite_all,
    write_policy,
)


class FakeRedis:
    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}
        self.down = False
        self.reads = 0

    def _up(self) -> None:
        if self.down:
            raise RedisConnectionError("redis is away")

    async def mget(self, keys: list[str]) -> list[bytes | None]:
        self._up()
        self.reads += 1
        values = [self.values.get(k) for k in keys]
        await asyncio.sleep(0)  # the answer arrives a loop turn later, as over a socket
        return values

    async def set(self, key: str, value: bytes) -> bool:
        self._up()
        self.values[key] = value
        return True

    async def delete(self, *keys: str) -> int:
        self._up()
        return sum(self.values.pop(k, None) is not None for k in keys)

    async def scan_iter(self, match: str, count: int) -> AsyncIterator[str]:
        prefix = match.rstrip("*")
        for key in list(self.values):
            if key.startswith(prefix):
                yield key


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _principal(kind: str = "tenant", amr: tuple[str, ...] = ("pwd",), **kw: Any) -> Principal:
    return Principal(subject="s", tenant_id="t1", role="admin", environment="dev", amr=amr, kind=kind, **kw)


async def _refusal(policies: AccessPolicies, principal: Principal, ip: str | None, *, needs_permission: bool = True):
    with pytest.raises(ProblemError) as refused:
        await policies.check(principal, ip, needs_permission=needs_permission)
    return refused.value


@pytest.fixture
def redis() -> FakeRedis:
    fake = FakeRedis()
    fake.values[READY_KEY] = b"1"
    return fake


async def test_an_allow_list_admits_its_networks_only(redis: FakeRedis) -> None:
    await write_policy(redis, "t1", AccessPolicy.of(["203.0.113.0/24", "2001:db8::/32"], False))
    policies = AccessPolicies(redis, clock=Clock())
    for allowed in ("203.0.113.9", "2001:db8::1", "::ffff:203.0.113.9"):  # an IPv4-mapped address is its IPv4 one
        await policies.check(_principal(), allowed, needs_permission=True)
    for refused_ip in ("198.51.100.1", "2001:db9::1", None, "unknown"):
        refusal = await _refusal(policies, _principal(), refused_ip)
        assert refusal.status == 403 and refusal.type == IP_NOT_ALLOWED_TYPE


async def test_only_tenant_principals_are_subject_to_it(redis: FakeRedis) -> None:
    await write_policy(redis, "t1", AccessPolicy.of(["203.0.113.0/24"], True))
    policies = AccessPolicies(redis, clock=Clock())
    await policies.check(_principal(kind="service"), "198.51.100.1", needs_permission=True)  # a producer's key
    await policies.check(_principal(actor_subject="op-1"), "198.51.100.1", needs_permission=True)  # impersonation
    assert (await _refusal(policies, _principal(), "198.51.100.1")).type == IP_NOT_ALLOWED_TYPE


async def test_mfa_for_everyone_gates_permissions_but_not_the_way_to_a_factor(redis: FakeRedis) -> None:
    await write_policy(redis, "t1", AccessPolicy.of([], True))
    policies = AccessPolicies(redis, clock=Clock())
    refusal = await _refusal(policies, _principal(amr=("pwd",)), "198.51.100.1")
    assert refusal.status == 403 and refusal.type == MFA_REQUIRED_TYPE
    await policies.check(_principal(amr=("pwd",)), "198.51.100.1", needs_permission=False)  # enrolment routes
    await policies.check(_principal(amr=("pwd", "otp", "mfa")), "198.51.100.1", needs_permission=True)


async def test_fail_closed_until_the_copies_are_loaded_or_while_redis_is_away(redis: FakeRedis) -> None:
    clock = Clock()
    policies = AccessPolicies(redis, clock=clock)
    del redis.values[READY_KEY]  # a Redis that lost its data: a missing copy would lift an allow-list
    refusal = await _refusal(policies, _principal(), "203.0.113.9")
    assert refusal.status == 503 and refusal.type == ACCESS_POLICY_UNAVAILABLE_TYPE
    assert refusal.headers and refusal.headers["Retry-After"]

    await rewrite_all(redis, {"t1": AccessPolicy.of(["203.0.113.0/24"], False)})
    await policies.check(_principal(), "203.0.113.9", needs_permission=True)
    redis.down = True
    clock.now += 1  # past the cache
    assert (await _refusal(policies, _principal(), "203.0.113.9")).status == 503


async def test_a_malformed_copy_admits_no_one(redis: FakeRedis) -> None:
    redis.values[policy_key("t1")] = b"not json"
    policies = AccessPolicies(redis, clock=Clock())
    assert (await _refusal(policies, _principal(amr=("pwd", "otp")), "203.0.113.9")).type == IP_NOT_ALLOWED_TYPE


async def test_a_change_holds_once_the_cache_has_aged(redis: FakeRedis) -> None:
    clock = Clock()
    policies = AccessPolicies(redis, clock=clock)
    await policies.check(_principal(), "198.51.100.1", needs_permission=True)  # no policy yet
    await write_policy(redis, "t1", AccessPolicy.of(["203.0.113.0/24"], False))
    await policies.check(_principal(), "198.51.100.1", needs_permission=True)  # still the cached answer
    clock.now += 0.6
    assert (await _refusal(policies, _principal(), "198.51.100.1")).type == IP_NOT_ALLOWED_TYPE


async def test_checks_of_one_tenant_made_while_its_policy_is_read_share_that_read(redis: FakeRedis) -> None:
    await write_policy(redis, "t1", AccessPolicy.of(["203.0.113.0/24"], False))
    reads_before = redis.reads
    policies = AccessPolicies(redis, clock=Clock())
    outcomes = await asyncio.gather(
        *(policies.check(_principal(), "198.51.100.1", needs_permission=True) for _ in range(5)), return_exceptions=True
    )
    assert redis.reads - reads_before == 1
    assert all(isinstance(o, ProblemError) and o.type == IP_NOT_ALLOWED_TYPE for o in outcomes)


async def test_rewriting_every_copy_repairs_and_drops_what_no_tenant_backs(redis: FakeRedis) -> None:
    redis.values[policy_key("gone")] = AccessPolicy.of(["10.0.0.0/8"], False).encode()
    redis.values[policy_key("t1")] = b"stale"
    changed = await rewrite_all(
        redis,
        {"t1": AccessPolicy.of(["203.0.113.0/24"], False), "open": AccessPolicy.of([], False)},
    )
    assert changed == 2
    assert policy_key("gone") not in redis.values and policy_key("open") not in redis.values  # nothing to restrict
    assert AccessPolicy.decode(redis.values[policy_key("t1")]) == AccessPolicy.of(["203.0.113.0/24"], False)
    assert redis.values[READY_KEY] == b"1"


async def test_a_tenant_may_be_called_anything(redis: FakeRedis) -> None:
    """Even `ready`: the mark that the copies are loaded lives outside the tenants' keys."""
    await rewrite_all(redis, {"ready": AccessPolicy.of(["203.0.113.0/24"], False)})
    policies = AccessPolicies(redis, clock=Clock())
    principal = Principal(subject="s", tenant_id="ready", role="admin", environment="dev", amr=("pwd",))
    await policies.check(principal, "203.0.113.9", needs_permission=True)
    assert (await _refusal(policies, principal, "198.51.100.1")).type == IP_NOT_ALLOWED_TYPE
    assert redis.values[READY_KEY] == b"1"
