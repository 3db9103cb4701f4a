"""Login throttling (issue 12 #9): every attempt is reserved atomically before the password is
verified, and failures are counted per (account, client address) with a progressive delay, under a
much higher per-account ceiling — so parallel guesses cannot outrun the counter, and a stranger
cannot lock a known account out with five requests.

Direct to identity, as the gateway calls it, with the client address it forwards: each test speaks
from its own addresses, so no other test's failures count against it.
"""

from __future__ import annotations

import asyncio
import random
from collections import Counter

import httpx
import redis.asyncio as aioredis

from radiant_testing.onboarding import PASSWORD, new_tenant

LOGIN = "/api/v2/auth/login"
# The running service's defaults: failures a pair (account, address) may make before it waits,
# and the account-wide ceiling across every address.
PAIR_FAILURES = 5
ACCOUNT_CEILING = 100


def _address() -> dict[str, str]:
    """A client address of the benchmarking range (RFC 2544), unique enough per test."""
    return {"X-Forwarded-For": f"198.18.{random.randrange(256)}.{random.randrange(1, 255)}"}


def _identity(platform) -> httpx.AsyncClient:
    return httpx.AsyncClient(base_url=platform.service_url("identity"), timeout=60)


async def test_parallel_wrong_guesses_verify_no_more_than_the_allowed_number(platform, onboard):
    admin = await onboard(new_tenant())
    headers = _address()
    async with _identity(platform) as identity:
        guesses = await asyncio.gather(
            *(
                identity.post(LOGIN, json={"email": admin.email, "password": f"wrong guess {i}"}, headers=headers)
                for i in range(20)
            )
        )
    statuses = Counter(r.status_code for r in guesses)
    # 401: the password was verified (and was wrong); 429: refused before any verification.
    assert statuses == {401: PAIR_FAILURES, 429: 20 - PAIR_FAILURES}, statuses
    refused = next(r for r in guesses if r.status_code == 429)
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert int(refused.headers["retry-after"]) > 0


async def test_a_stranger_failing_from_another_address_does_not_lock_the_owner_out(platform, onboard):
    admin = await onboard(new_tenant())
    stranger, owner = _address(), _address()
    async with _identity(platform) as identity:
        for _ in range(PAIR_FAILURES):
            failed = await identity.post(LOGIN, json={"email": admin.email, "password": "not it"}, headers=stranger)
            assert failed.status_code == 401
        # The stranger now waits, even with the right password …
        waits = await identity.post(LOGIN, json={"email": admin.email, "password": PASSWORD}, headers=stranger)
        assert waits.status_code == 429 and int(waits.headers["retry-after"]) > 0
        # … while the owner, from their own address, signs in.
        signed_in = await identity.post(LOGIN, json={"email": admin.email, "password": PASSWORD}, headers=owner)
        assert signed_in.status_code == 200, signed_in.text


async def test_each_failure_past_the_allowance_doubles_the_wait(platform, stack, onboard):
    admin = await onboard(new_tenant())
    headers = _address()
    ip = headers["X-Forwarded-For"]
    wrong = {"email": admin.email, "password": "not it"}
    redis = aioredis.from_url(stack["REDIS_URL"])
    try:
        async with _identity(platform) as identity:
            for _ in range(PAIR_FAILURES):
                assert (await identity.post(LOGIN, json=wrong, headers=headers)).status_code == 401
            first_wait = int((await identity.post(LOGIN, json=wrong, headers=headers)).headers["retry-after"])
            # Let the wait pass (the lock expiring, without sleeping through it), and fail once more.
            assert await redis.delete(f"identity:login:lock:acct:{admin.email}:ip:{ip}") == 1
            assert (await identity.post(LOGIN, json=wrong, headers=headers)).status_code == 401
            second_wait = int((await identity.post(LOGIN, json=wrong, headers=headers)).headers["retry-after"])
    finally:
        await redis.aclose()
    assert first_wait > 0 and second_wait >= 2 * first_wait - 1, (first_wait, second_wait)


async def test_a_success_forgives_the_failures_of_its_address(platform, onboard):
    admin = await onboard(new_tenant())
    headers = _address()
    wrong = {"email": admin.email, "password": "not it"}
    right = {"email": admin.email, "password": PASSWORD}
    async with _identity(platform) as identity:
        for _ in range(PAIR_FAILURES - 1):
            assert (await identity.post(LOGIN, json=wrong, headers=headers)).status_code == 401
        assert (await identity.post(LOGIN, json=right, headers=headers)).status_code == 200
        for _ in range(PAIR_FAILURES - 1):  # a fresh allowance, not the one failure left
            assert (await identity.post(LOGIN, json=wrong, headers=headers)).status_code == 401
        assert (await identity.post(LOGIN, json=right, headers=headers)).status_code == 200


async def test_guessing_from_many_addresses_meets_the_account_ceiling(platform, onboard):
    admin = await onboard(new_tenant())
    wrong = {"email": admin.email, "password": "not it"}
    addresses = [{"X-Forwarded-For": f"198.19.{random.randrange(256)}.{n}"} for n in range(1, 21)]
    async with _identity(platform) as identity:

        async def fail_from(headers: dict[str, str]) -> list[int]:
            return [(await identity.post(LOGIN, json=wrong, headers=headers)).status_code for _ in range(5)]

        statuses = Counter(s for batch in await asyncio.gather(*map(fail_from, addresses)) for s in batch)
        assert statuses[401] == ACCOUNT_CEILING, statuses
        # Past the ceiling the account waits from every address, a new one included.
        late = await identity.post(LOGIN, json={"email": admin.email, "password": PASSWORD}, headers=_address())
        assert late.status_code == 429
