"""All of the audit service's SQL. Repositories use the caller's session and never commit."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from operator import itemgetter
from typing import Any, cast

import asyncpg
import orjson
from sqlalchemy import ColumnElement, func, insert, or_, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import action_filter_prefixes

from .chain import GENESIS_HASH
from .models import AuditEntry, ChainHead, Checkpoint, SiemCheckpointCursor
from .schemas import EntryFilter

_LOG = AuditEntry.__table__
COPY_COLUMNS: tuple[str, ...] = tuple(c.name for c in _LOG.columns)
_JSON_COLUMNS = frozenset({"impersonator", "details", "extra"})
_COPY_ROW = itemgetter(*COPY_COLUMNS)  # an entry dict -> its COPY row, in C
_JSON_INDEXES = tuple(i for i, c in enumerate(COPY_COLUMNS) if c in _JSON_COLUMNS)


# --- ingestion --------------------------------------------------------------------------------------


async def lock_chain_heads(session: AsyncSession, tenant_ids: Sequence[str]) -> dict[str, tuple[int, str]]:
    """Create missing heads, then lock every head of the batch (sorted: no lock-order deadlocks)."""
    ordered = sorted(set(tenant_ids))
    await session.execute(
        text(
            "INSERT INTO chain_heads (tenant_id, last_seq, last_hash) "
            "SELECT t, 0, :genesis FROM unnest(CAST(:ids AS text[])) AS t ORDER BY t ON CONFLICT DO NOTHING"
        ),
        {"ids": ordered, "genesis": GENESIS_HASH},
    )
    rows = await session.execute(
        select(ChainHead.tenant_id, ChainHead.last_seq, ChainHead.last_hash)
        .where(ChainHead.tenant_id.in_(ordered))
        .order_by(ChainHead.tenant_id)
        .with_for_update()
    )
    return {r.tenant_id: (r.last_seq, r.last_hash) for r in rows}


async def stored_event_ids(session: AsyncSession, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Which (tenant, event id) pairs are already in the log (redeliveries)."""
    if not keys:
        return set()
    rows = await session.execute(
        text(
            "SELECT a.tenant_id, a.event_id FROM audit_log a "
            "JOIN unnest(CAST(:t AS text[]), CAST(:e AS text[])) AS k(t, e) ON a.tenant_id = k.t AND a.event_id = k.e"
        ),
        {"t": [k[0] for k in keys], "e": [k[1] for k in keys]},
    )
    return {(r[0], r[1]) for r in rows}


async def append_entries(session: AsyncSession, entries: Sequence[Mapping[str, Any]]) -> None:
    """Bulk-append with COPY (the ingest hot path), inside the caller's transaction."""
    if not entries:
        return
    records = []
    for entry in entries:
        row = list(_COPY_ROW(entry))
        for i in _JSON_INDEXES:
            if row[i] is not None:
                row[i] = _json_text(row[i])
        records.append(row)
    connection = await session.connection()
    raw = await connection.get_raw_connection()
    await raw.driver_connection.copy_records_to_table(  # type: ignore[union-attr]
        "audit_log", schema_name="audit", columns=list(COPY_COLUMNS), records=records
    )


async def try_append_entries(session: AsyncSession, entries: Sequence[Mapping[str, Any]]) -> bool:
    """Append under a savepoint; False (and nothing written) if an entry's (tenant, event id) is stored.

    Redeliveries are rare (a crash before the offset commit), so the common path skips the lookup.
    """
    try:
        async with session.begin_nested():
            await append_entries(session, entries)
        return True
    except asyncpg.UniqueViolationError:
        return False


def _json_text(value: Any) -> str:
    try:
        return orjson.dumps(value).decode()
    except (orjson.JSONEncodeError, TypeError):  # integers beyond 64 bits
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


async def advance_heads(session: AsyncSession, heads: Mapping[str, tuple[int, str]]) -> None:
    if not heads:
        return
    tenants = sorted(heads)
    await session.execute(
        text(
            "UPDATE chain_heads h SET last_seq = n.seq, last_hash = n.hash, updated_at = now() "
            "FROM unnest(CAST(:t AS text[]), CAST(:s AS bigint[]), CAST(:h AS text[])) AS n(tenant_id, seq, hash) "
            "WHERE h.tenant_id = n.tenant_id"
        ),
        {"t": tenants, "s": [heads[t][0] for t in tenants], "h": [heads[t][1] for t in tenants]},
    )


# --- queries ----------------------------------------------------------------------------------------


def _conditions(f: EntryFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [AuditEntry.tenant_id == f.tenant_id]
    if f.actor_id:
        conditions.append(AuditEntry.actor_id == f.actor_id)
    if f.action_prefix:
        # Either seed's name finds an action (`user.invite` is `invitation.create`): one prefix, or
        # an OR of a few, each a range on the action index. autoescape: `_` in `user.role_change`
        # is a literal, not a LIKE wildcard.
        prefixes = action_filter_prefixes(f.action_prefix)
        matches = [AuditEntry.action.startswith(p, autoescape=True) for p in prefixes]
        conditions.append(matches[0] if len(matches) == 1 else or_(*matches))
    if f.resource_type:
        conditions.append(AuditEntry.resource_type == f.resource_type)
    if f.resource_id:
        conditions.append(AuditEntry.resource_id == f.resource_id)
    if f.outcome:
        conditions.append(AuditEntry.outcome == f.outcome)
    if f.since:
        conditions.append(AuditEntry.occurred_at >= f.since)
    if f.until:
        conditions.append(AuditEntry.occurred_at < f.until)
    return conditions


_NEWEST_FIRST = (AuditEntry.occurred_at.desc(), AuditEntry.seq.desc())


async def newest_entries(
    session: AsyncSession, f: EntryFilter, *, before: tuple[datetime, int] | None, limit: int
) -> list[AuditEntry]:
    """Newest first (by when it happened, then sequence number), strictly after the cursor's position.

    Ordered by occurred_at, which every index leads with after its filter columns, so a filtered
    page is a short backward index scan that stops at `limit`. (Ordering by seq made the planner
    walk the primary key back from the head, filtering on time: a window a month back on a tenant
    with millions of entries read most of them.)
    """
    conditions = _conditions(f)
    if before is not None:
        at, seq = before
        # The plain bound is what an index can use; the row comparison breaks ties exactly.
        conditions += [AuditEntry.occurred_at <= at, tuple_(AuditEntry.occurred_at, AuditEntry.seq) < tuple_(at, seq)]
    rows = await session.scalars(select(AuditEntry).where(*conditions).order_by(*_NEWEST_FIRST).limit(limit))
    return list(rows)


async def entries_in_chain_order(
    session: AsyncSession, f: EntryFilter, *, after_seq: int, limit: int
) -> list[AuditEntry]:
    """Oldest first, for exports (a consumer can re-verify the chain from an unfiltered export)."""
    rows = await session.scalars(
        select(AuditEntry).where(*_conditions(f), AuditEntry.seq > after_seq).order_by(AuditEntry.seq).limit(limit)
    )
    return list(rows)


async def count_by(session: AsyncSession, f: EntryFilter, column: Any) -> list[tuple[str, int]]:
    rows = await session.execute(
        select(column, func.count()).where(*_conditions(f)).group_by(column).order_by(func.count().desc(), column)
    )
    return [(r[0], r[1]) for r in rows]


async def privileged_entries(
    session: AsyncSession, f: EntryFilter, *, exact: Sequence[str], prefixes: Sequence[str], limit: int
) -> list[AuditEntry]:
    """Entries whose action is privileged, or that were done under impersonation; newest first."""
    privileged = or_(
        AuditEntry.action.in_(list(exact)),
        *[AuditEntry.action.startswith(p, autoescape=True) for p in prefixes],
        AuditEntry.impersonator.is_not(None),
    )
    rows = await session.scalars(
        select(AuditEntry).where(*_conditions(f), privileged).order_by(*_NEWEST_FIRST).limit(limit)
    )
    return list(rows)


# --- verification and checkpoints -------------------------------------------------------------------


async def read_one_snapshot(session: AsyncSession) -> None:
    """Make the rest of this transaction read one consistent snapshot (and write nothing).

    Must be the transaction's first statement. A verification reads the head, the checkpoints and
    many pages of entries: under READ COMMITTED a batch committed between two of those reads would
    look like a head that disagrees with its entries.
    """
    await session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))


async def chain_head(session: AsyncSession, tenant_id: str) -> tuple[int, str] | None:
    row = (
        await session.execute(select(ChainHead.last_seq, ChainHead.last_hash).where(ChainHead.tenant_id == tenant_id))
    ).first()
    return (row[0], row[1]) if row else None


async def chain_page(session: AsyncSession, tenant_id: str, *, after_seq: int, limit: int) -> list[dict[str, Any]]:
    """Raw stored rows (every column) in sequence order, for recomputing hashes; no upper bound, so
    a walk reaches the log's real last entry whatever the chain head says."""
    rows = await session.execute(
        select(_LOG).where(_LOG.c.tenant_id == tenant_id, _LOG.c.seq > after_seq).order_by(_LOG.c.seq).limit(limit)
    )
    return [dict(r._mapping) for r in rows]


async def checkpoints_for(session: AsyncSession, tenant_id: str) -> list[Checkpoint]:
    """Every checkpoint of the tenant, also those beyond the log's end (a truncated tail)."""
    rows = await session.scalars(
        select(Checkpoint).where(Checkpoint.tenant_id == tenant_id).order_by(Checkpoint.seq, Checkpoint.id)
    )
    return list(rows)


async def lock_checkpoint_writers(session: AsyncSession) -> None:
    """Serialise checkpoint writers until the transaction ends (replicas run the job side by side)."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtext('radiant.audit.checkpoints'))"))


async def heads_without_checkpoint(session: AsyncSession, limit: int) -> list[tuple[str, int, str]]:
    """Tenants whose chain moved since their last checkpoint."""
    latest = select(func.max(Checkpoint.seq)).where(Checkpoint.tenant_id == ChainHead.tenant_id).scalar_subquery()
    rows = await session.execute(
        select(ChainHead.tenant_id, ChainHead.last_seq, ChainHead.last_hash)
        .where(ChainHead.last_seq > func.coalesce(latest, 0))
        .order_by(ChainHead.tenant_id)
        .limit(limit)
    )
    return [(r[0], r[1], r[2]) for r in rows]


async def add_checkpoints(session: AsyncSession, checkpoints: Sequence[Mapping[str, Any]]) -> None:
    if checkpoints:
        await session.execute(insert(Checkpoint), list(checkpoints))


# --- checkpoint export to SIEM sinks ----------------------------------------------------------------


async def ensure_siem_cursor(session: AsyncSession, sink: str, *, from_latest: bool) -> None:
    """A sink seen for the first time starts at the first checkpoint, or after the latest one."""
    start = select(func.coalesce(func.max(Checkpoint.id), 0)).scalar_subquery() if from_latest else 0
    await session.execute(
        pg_insert(SiemCheckpointCursor)
        .values(sink=sink, last_checkpoint_id=start)
        .on_conflict_do_nothing(index_elements=[SiemCheckpointCursor.sink])
    )


async def claim_siem_cursor(session: AsyncSession, sink: str) -> int | None:
    """The sink's cursor, row-locked until the transaction ends; None while another replica holds it."""
    return cast(
        "int | None",
        await session.scalar(
            select(SiemCheckpointCursor.last_checkpoint_id)
            .where(SiemCheckpointCursor.sink == sink)
            .with_for_update(skip_locked=True)
        ),
    )


async def checkpoints_after(session: AsyncSession, after_id: int, *, limit: int) -> list[Checkpoint]:
    rows = await session.scalars(
        select(Checkpoint).where(Checkpoint.id > after_id).order_by(Checkpoint.id).limit(limit)
    )
    return list(rows)


async def move_siem_cursor(session: AsyncSession, sink: str, last_checkpoint_id: int) -> None:
    await session.execute(
        update(SiemCheckpointCursor)
        .where(SiemCheckpointCursor.sink == sink)
        .values(last_checkpoint_id=last_checkpoint_id, updated_at=func.now())
    )


async def checkpoints_not_exported(session: AsyncSession, sink: str) -> int:
    """How many checkpoints the sink has not received yet (its lag)."""
    cursor = select(SiemCheckpointCursor.last_checkpoint_id).where(SiemCheckpointCursor.sink == sink).scalar_subquery()
    return int(await session.scalar(select(func.count()).where(Checkpoint.id > func.coalesce(cursor, 0))) or 0)
