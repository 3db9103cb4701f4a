"""The pytest plugin (entry point `pytest11: radiant`): the stack's fixtures for every test suite.

Registered by installing `radiant-testing` (a dev dependency of the workspace); nothing to import.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import asyncpg
import httpx
import pytest
import pytest_asyncio
from aiokafka import AIOKafkaProducer

from radiant_testing.databases import admin_connection
from radiant_testing.inbox import Inbox
from radiant_testing.kafka import new_topic, producer_as
from radiant_testing.service_keys import MakeServiceKey, service_key_factory
from radiant_testing.stack import EDGE, StackEnv, resolve_stack, wait_until_ready
from radiant_testing.tokens import TokenFactory

# Tests under these folders need the running stack; the rest must pass with nothing running.
STACK_TEST_FOLDERS = ("/integration/", "/tests/e2e/")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests under `integration/` or `tests/e2e/` need the running stack: mark them so."""
    for item in items:
        if any(folder in str(item.path) for folder in STACK_TEST_FOLDERS):
            item.add_marker(pytest.mark.integration)


@pytest.fixture(scope="session")
def stack() -> StackEnv:
    return resolve_stack()


@pytest.fixture(scope="session")
def platform(stack: StackEnv) -> StackEnv:
    """The stack with every service ready (for integration and e2e tests)."""
    wait_until_ready(stack)
    return stack


@pytest.fixture(scope="session")
def make_token(stack: StackEnv) -> TokenFactory:
    return TokenFactory.for_stack(stack)


@pytest_asyncio.fixture
async def gateway(platform: StackEnv) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the edge, as every client of the platform calls it."""
    async with httpx.AsyncClient(base_url=platform.service_url(EDGE), timeout=30) as client:
        yield client


@pytest.fixture
def make_service_key(gateway: httpx.AsyncClient, make_token: TokenFactory) -> MakeServiceKey:
    """`await make_service_key(tenant_id=…, scopes=…)`: a producer's service key (`rk_…`), created
    through the API by an admin of that tenant; `.headers` authorises usage recording."""
    return service_key_factory(gateway, make_token)


@pytest_asyncio.fixture
async def admin_db(stack: StackEnv) -> AsyncIterator[asyncpg.Connection]:
    async with admin_connection(stack) as conn:
        yield conn


@pytest_asyncio.fixture
async def fresh_topic(stack: StackEnv) -> AsyncIterator[str]:
    """A new 3-partition topic and its DLQ, deleted after the test."""
    async with new_topic(stack) as name:
        yield name


@pytest_asyncio.fixture
async def kafka_producer(stack: StackEnv) -> AsyncIterator[AIOKafkaProducer]:
    """An idempotent producer logged in as the Kafka admin (a test plays every producer)."""
    async with producer_as(stack, enable_idempotence=True, acks="all") as producer:
        yield producer


@pytest.fixture
def inbox(stack: StackEnv) -> Inbox:
    return Inbox(stack["MAIL_API_URL"])
