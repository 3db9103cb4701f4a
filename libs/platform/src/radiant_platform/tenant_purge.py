"""Purging a deleted tenant's data, the one way every owning service does it (DESIGN.md §3 flow 5).

A tenant's deletion is soft at once (identity: the tenant behaves as suspended) and published as
`tenant.deleted`. Each service that keeps rows of the tenant records the deletion in its own
`<schema>.tenant_deletions` table (`record_deletion`, idempotent under redelivery) and, once the
retention window has passed since `deleted_at`, deletes the tenant's rows from every table of its
schema that has a `tenant_id` column — in batches, each round its own transaction, so a purge of
millions of rows never holds one long transaction and a crash resumes where it stopped. When a round
finds nothing left, the deletion is marked purged and the purge is audited in the platform stream.
The audit service keeps no such table: the audit log is never purged.

The tables are found in the catalogue (every table of the schema with a `tenant_id` column, partitions
through their parent, children before the tables they reference), so a table added later is purged
without anyone remembering to list it; `keep` names the tables a service deliberately keeps.

    # migration
    for statement in tenant_deletions_ddl("billing"):
        op.execute(statement)
    # consumer of tenant-events
    await record_deletion(session, "billing", tenant_id=..., deleted_at=..., reason=...)
    # periodic job (PeriodicJob("billing-tenant-purge", settings.tenant_purge_interval_seconds, ...))
    more = await purge_round(rt.session_factory(), TenantPurge("billing", after=timedelta(days=30)))

A service wires all of it in three lines: its settings class mixes in `TenantPurgeSettings`
(`<SVC>_TENANT_PURGE_AFTER_DAYS`, `…_INTERVAL_SECONDS`, `…_BATCH`), its `tenant-events` consumer calls
`record_deleted_tenant(session, SCHEMA, event)`, and its job list holds `purge_job(SCHEMA, settings)`.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from pydantic import Field
from pydantic_settings import BaseSettings
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.tenant import TenantDeleted

from .audit import record_audit
from .auth import PLATFORM_TENANT
from .db import unit_of_work
from .jobs import PeriodicJob

if TYPE_CHECKING:
    from .app import Runtime

log = logging.getLogger(__name__)

TABLE = "tenant_deletions"
#: Default retention window between a tenant's deletion and its purge.
DEFAULT_PURGE_AFTER_DAYS = 30.0


def tenant_deletions_ddl(schema: str) -> list[str]:
    """The `tenant_deletions` table of a service's schema (for its Alembic revision)."""
    return [
        f"""
        CREATE TABLE {schema}.{TABLE} (
            tenant_id    varchar(100) PRIMARY KEY,
            deleted_at   timestamptz  NOT NULL,
            reason       text,
            recorded_at  timestamptz  NOT NULL DEFAULT now(),
            purged_at    timestamptz,
            rows_purged  jsonb        NOT NULL DEFAULT '{{}}'::jsonb
        )
        """,
        f"CREATE INDEX ix_{TABLE}_due ON {schema}.{TABLE} (deleted_at) WHERE purged_at IS NULL",
    ]


@dataclass(frozen=True)
class TenantPurge:
    """One service's purge: its schema, its retention window, what it keeps, how much per round."""

    schema: str
    service: str
    after: timedelta = timedelta(days=DEFAULT_PURGE_AFTER_DAYS)
    #: Tables of the schema holding `tenant_id` that this service keeps on purpose.
    keep: frozenset[str] = field(default_factory=frozenset)
    batch: int = 5_000


class TenantPurgeSettings(BaseSettings):
    """The purge's knobs, mixed into a service's settings class (read with that class's env prefix)."""

    #: A deleted tenant's rows are purged this long after its deletion.
    tenant_purge_after_days: float = Field(DEFAULT_PURGE_AFTER_DAYS, ge=0)
    tenant_purge_interval_seconds: float = Field(30.0, gt=0)
    tenant_purge_batch: int = Field(5_000, ge=1)


def purge_of(schema: str, service: str, settings: TenantPurgeSettings) -> TenantPurge:
    """The service's purge as its settings configure it (every table of the schema with a tenant_id)."""
    return TenantPurge(
        schema=schema,
        service=service,
        after=timedelta(days=settings.tenant_purge_after_days),
        batch=settings.tenant_purge_batch,
    )


async def record_deleted_tenant(session: AsyncSession, schema: str, event: CloudEvent[TenantDeleted]) -> bool:
    """Start the deleted tenant's retention window from its `tenant.deleted` event (idempotent: a
    redelivered event never moves it)."""
    data = event.data
    return await record_deletion(
        session, schema, tenant_id=data.tenant_id, deleted_at=data.deleted_at or event.time, reason=data.reason
    )


def purge_job(schema: str, settings: TenantPurgeSettings) -> PeriodicJob[Any]:
    """The periodic job that purges the service's due deletions, a batch per round (each service's
    schema is named after it, so the schema names the service in the purge's audit event too)."""
    purge = purge_of(schema, schema, settings)

    async def purge_deleted_tenants(rt: Runtime[Any]) -> bool:
        return await purge_round(rt.session_factory(), purge)  # True: more is waiting, run again at once

    return PeriodicJob(f"{schema}-tenant-purge", settings.tenant_purge_interval_seconds, purge_deleted_tenants)


@dataclass(frozen=True, slots=True)
class DueDeletion:
    tenant_id: str
    deleted_at: datetime
    rows_purged: dict[str, int]


def is_due(deleted_at: datetime, after: timedelta, now: datetime) -> bool:
    """A deletion is purged once its retention window has passed."""
    return deleted_at + after <= now


# --- SQL (the schema and table names come from the catalogue and the service, never from input) ----


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


async def record_deletion(
    session: AsyncSession, schema: str, *, tenant_id: str, deleted_at: datetime, reason: str | None
) -> bool:
    """Remember that the tenant was deleted (from its `tenant.deleted`); False if already known —
    a redelivered event never moves the window."""
    result = await session.execute(
        text(
            f"INSERT INTO {_quoted(schema)}.{TABLE} (tenant_id, deleted_at, reason) "
            "VALUES (:tenant_id, :deleted_at, :reason) ON CONFLICT (tenant_id) DO NOTHING RETURNING tenant_id"
        ),
        {"tenant_id": tenant_id, "deleted_at": deleted_at, "reason": reason},
    )
    return result.scalar_one_or_none() is not None


async def deletion_of(session: AsyncSession, schema: str, tenant_id: str) -> dict[str, Any] | None:
    row = (
        (
            await session.execute(
                text(f"SELECT * FROM {_quoted(schema)}.{TABLE} WHERE tenant_id = :tenant_id"), {"tenant_id": tenant_id}
            )
        )
        .mappings()
        .first()
    )
    return dict(row) if row is not None else None


async def next_due(session: AsyncSession, schema: str, before: datetime) -> DueDeletion | None:
    """The oldest deletion past its window and not purged yet, locked (other instances skip it)."""
    row = (
        await session.execute(
            text(
                f"SELECT tenant_id, deleted_at, rows_purged FROM {_quoted(schema)}.{TABLE} "
                "WHERE purged_at IS NULL AND deleted_at <= :before ORDER BY deleted_at, tenant_id "
                "LIMIT 1 FOR UPDATE SKIP LOCKED"
            ),
            {"before": before},
        )
    ).first()
    if row is None:
        return None
    return DueDeletion(row.tenant_id, row.deleted_at, {k: int(v) for k, v in (row.rows_purged or {}).items()})


async def tenant_tables(session: AsyncSession, schema: str, keep: Iterable[str] = ()) -> list[str]:
    """The schema's tables holding a `tenant_id` column, children before the tables they reference."""
    rows = (
        await session.execute(
            text(
                "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped "
                "WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition"
            ),
            {"schema": schema},
        )
    ).scalars()
    tables = sorted(set(rows) - {TABLE, *keep})
    edges = (
        await session.execute(
            text(
                "SELECT child.relname AS child, parent.relname AS parent FROM pg_constraint k "
                "JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid "
                "JOIN pg_namespace n ON n.oid = child.relnamespace WHERE k.contype = 'f' AND n.nspname = :schema"
            ),
            {"schema": schema},
        )
    ).all()
    return children_first(tables, [(e.child, e.parent) for e in edges])


def children_first(tables: Sequence[str], references: Iterable[tuple[str, str]]) -> list[str]:
    """`tables` ordered so that a table referencing another (child, parent) comes before it."""
    wanted = set(tables)
    parents: dict[str, set[str]] = {t: set() for t in tables}
    for child, parent in references:
        if child in wanted and parent in wanted and child != parent:
            parents[child].add(parent)
    ordered: list[str] = []
    placed: set[str] = set()

    def place(table: str, path: frozenset[str]) -> None:
        if table in placed or table in path:  # a reference cycle: the database's cascades decide
            return
        children = [t for t in tables if table in parents[t]]
        for child in children:
            place(child, path | {table})
        placed.add(table)
        ordered.append(table)

    for table in tables:
        place(table, frozenset())
    return ordered


async def delete_batch(session: AsyncSession, schema: str, table: str, tenant_id: str, limit: int) -> int:
    """Delete up to `limit` of the tenant's rows of one table (partitioned ones too); how many."""
    qualified = f"{_quoted(schema)}.{_quoted(table)}"
    result = await session.execute(
        text(
            f"DELETE FROM {qualified} WHERE (tableoid, ctid) IN "
            f"(SELECT tableoid, ctid FROM {qualified} WHERE tenant_id = :tenant_id LIMIT :limit)"
        ),
        {"tenant_id": tenant_id, "limit": limit},
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def save_progress(session: AsyncSession, schema: str, tenant_id: str, rows: dict[str, int]) -> None:
    await session.execute(
        text(f"UPDATE {_quoted(schema)}.{TABLE} SET rows_purged = CAST(:rows AS jsonb) WHERE tenant_id = :tenant_id"),
        {"tenant_id": tenant_id, "rows": _json(rows)},
    )


async def mark_purged(session: AsyncSession, schema: str, tenant_id: str, at: datetime) -> None:
    await session.execute(
        text(f"UPDATE {_quoted(schema)}.{TABLE} SET purged_at = :at WHERE tenant_id = :tenant_id"),
        {"tenant_id": tenant_id, "at": at},
    )


def _json(rows: dict[str, int]) -> str:
    return json.dumps(rows, sort_keys=True)


# --- the rounds -------------------------------------------------------------------------------------


def purge_actor(service: str) -> Actor:
    return Actor(type="system", id=f"{service}-tenant-purge", name=f"radiant-{service} tenant purge")


async def purge_step(session: AsyncSession, purge: TenantPurge, now: datetime) -> bool:
    """One batch of the oldest due purge, in the caller's transaction. True while work remains (this
    tenant's rows or another due tenant); False when nothing is due."""
    due = await next_due(session, purge.schema, now - purge.after)
    if due is None:
        return False
    rows = dict(due.rows_purged)
    deleted_any = False
    for table in await tenant_tables(session, purge.schema, purge.keep):
        deleted = await delete_batch(session, purge.schema, table, due.tenant_id, purge.batch)
        if deleted:
            rows[table] = rows.get(table, 0) + deleted
            deleted_any = True
            break  # one table's batch per round: every transaction stays bounded
    if deleted_any:
        await save_progress(session, purge.schema, due.tenant_id, rows)
        return True
    await mark_purged(session, purge.schema, due.tenant_id, now)
    await record_audit(
        session,
        service=purge.service,
        tenant_id=PLATFORM_TENANT,
        actor=purge_actor(purge.service),
        action="tenant.purge",
        resource_type="tenant",
        resource_id=due.tenant_id,
        details={
            "tenantId": due.tenant_id,
            "service": purge.service,
            "deletedAt": due.deleted_at.isoformat(),
            "retentionDays": purge.after / timedelta(days=1),
            "rowsPurged": rows,
        },
    )
    log.info("purged tenant %s from %s: %s", due.tenant_id, purge.schema, rows)
    return True


async def purge_round(
    sessionmaker: async_sessionmaker[AsyncSession], purge: TenantPurge, now: datetime | None = None
) -> bool:
    """One round of a service's purge job (its own transaction). True: run again at once."""
    async with unit_of_work(sessionmaker) as session:
        return await purge_step(session, purge, now or datetime.now(UTC))
