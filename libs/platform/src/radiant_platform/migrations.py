"""Shared Alembic plumbing: each service migrates its own schema, version table included.

A service's `migrations/env.py` is two lines: build its settings and call `run_migrations`.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from .consumer import processed_events_ddl
from .outbox import outbox_ddl
from .settings import ServiceSettings


def platform_tables_ddl(schema: str) -> list[str]:
    """The outbox and processed-events tables every service with a database has."""
    return [*outbox_ddl(schema), *processed_events_ddl(schema)]


def _run(connection: Connection, schema: str, metadata: MetaData | None) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table_schema=schema,
        include_schemas=False,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(settings: ServiceSettings, metadata: MetaData | None) -> None:
    url = settings.migration_database_url or settings.database_url
    assert url and settings.db_schema
    engine = create_async_engine(
        url,
        poolclass=pool.NullPool,
        connect_args={"server_settings": {"search_path": settings.db_schema}},
    )
    async with engine.connect() as connection:
        await connection.run_sync(_run, settings.db_schema, metadata)
        await connection.commit()
    await engine.dispose()


def run_migrations(settings: ServiceSettings, metadata: MetaData | None = None) -> None:
    if context.is_offline_mode():
        context.configure(
            url=settings.migration_database_url or settings.database_url,
            target_metadata=metadata,
            version_table_schema=settings.db_schema,
            literal_binds=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_async(settings, metadata))
