"""The fuzz run onboards a real tenant administrator through identity's own flow, and leaves no
failed-login marks behind: its generated sign-ins all come from loopback, as every test's do."""

from collections.abc import AsyncIterator

import pytest_asyncio
import redis.asyncio as aioredis

from radiant_testing.onboarding import (  # noqa: F401
    LOOPBACK_LOGIN_FAILURE_KEYS,
    forget_loopback_login_failures,
    invite,
    onboard,
)
from radiant_testing.stack import StackEnv


@pytest_asyncio.fixture(autouse=True)
async def forget_the_fuzzers_login_failures(stack: StackEnv) -> AsyncIterator[None]:
    yield
    client = aioredis.from_url(stack["REDIS_URL"])
    keys = [k async for k in client.scan_iter(LOOPBACK_LOGIN_FAILURE_KEYS)]
    if keys:
        await client.delete(*keys)
    await client.aclose()
