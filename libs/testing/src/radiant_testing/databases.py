"""Direct database connections, for what a test must see (or plant) below the API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import asyncpg

from radiant_testing.stack import StackEnv


@asynccontextmanager
async def service_db(stack: StackEnv, service: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection as the service's own database login (so it sees exactly what the service sees)."""
    conn = await asyncpg.connect(stack.service_db_url(service))
    try:
        yield conn
    finally:
        await conn.close()


@asynccontextmanager
async def admin_connection(stack: StackEnv) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(stack.admin_db_url)
    try:
        yield conn
    finally:
        await conn.close()
