"""A private schema per test module, with the platform tables, owned by the superuser login.

The shared runtime is tested on its own schema (not a service's), so it never races a service.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from radiant_platform.db import create_sessionmaker
from radiant_platform.migrations import platform_tables_ddl
from radiant_platform.outbox import outbox_dead_letter_ddl
from radiant_testing import StackEnv


@pytest_asyncio.fixture
async def scratch_schema(stack: StackEnv) -> AsyncIterator[tuple[str, async_sessionmaker[AsyncSession]]]:
    schema = f"platform_test_{uuid.uuid4().hex[:10]}"
    url = stack.admin_db_url.replace("postgresql://", "postgresql+asyncpg://")
    engine = create_async_engine(url, connect_args={"server_settings": {"search_path": schema}})
    async with engine.begin() as conn:
        await conn.execute(text(f"CREATE SCHEMA {schema}"))
        for statement in [*platform_tables_ddl(schema), *outbox_dead_letter_ddl(schema)]:
            await conn.execute(text(statement))
        await conn.execute(text(f"CREATE TABLE {schema}.effects (event_id text, tenant text)"))
    try:
        yield schema, create_sessionmaker(engine)
    finally:
        async with engine.begin() as conn:
            await conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        await engine.dispose()


@pytest_asyncio.fixture
async def scratch_topic(fresh_topic: str) -> str:
    return fresh_topic
