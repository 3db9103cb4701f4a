"""All SQL of the metering service.

Ingestion talks to asyncpg directly (COPY into a per-connection staging table, then one set-based
statement) because it is the hot path; everything else goes through SQLAlchemy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import CursorResult, TextClause, case, func, select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from .models import Model, ModelPrice, TenantMargin, TenantSuspension, UsageMonthToDate, UsageRollup

# --- ingestion ------------------------------------------------------------------------------------

STAGE_COLUMNS = (
    "tenant_id",
    "request_id",
    "event_id",
    "provider_id",
    "model_id",
    "model_name",
    "request_type",
    "input_tokens",
    "output_tokens",
    "latency_ms",
    "cached",
    "phi_detected",
    "phi_sanitized",
    "user_id",
    "app_id",
    "environment",
    "occurred_at",
    "provider_cost",
    "billed_cost",
    "margin_percent",
    "unpriced",
)
#: Usage recorded while its tenant was suspended is kept and counted, and flagged (migration
#: 0005_suspended_usage). The flag travels beside the composite row (its own boolean array), so the
#: composite type and STAGE_COLUMNS (the COPY baseline of the benchmark) stay as they are.
SUSPENDED_FLAG = "tenant_suspended"
#: The agent that made the call, when the producer names one (optional on `usage.recorded`; migration
#: 0006_usage_by_agent). It travels beside the composite row like the suspended flag (its own text
#: array), and is folded into the hourly series by model and agent (`usage_hourly`).
AGENT_COLUMN = "agent_id"
#: Usage recorded past the tenant's monthly token limit: stored and billed like any, and flagged
#: (migration 0007_over_quota_flag; `quotas.service.prepare_ingest` decides), beside the row too.
OVER_QUOTA_FLAG = "over_quota"
_BESIDE = (SUSPENDED_FLAG, AGENT_COLUMN, OVER_QUOTA_FLAG)
_RAW_COLUMNS = ", ".join((*STAGE_COLUMNS, *_BESIDE))
#: Each row's dedup key (`dedup_key`), computed by the worker and sent beside the rows: hashing in
#: SQL cost the database about a fifth of its time per event, and the database is what limits ingestion.
DEDUP_KEY = "dedup_key"

# The batch arrives as ONE array of the composite `usage_stage_row` (migration 0003) and is unnested
# inside the statement: no staging table, nothing to clean up (a COPY into a TEMP table would need the
# TEMPORARY privilege, which the service's login does not have). asyncpg encodes a composite array
# about twice as fast as one array per column, whose every element it type-checks.
# Costs arrive as integer 1e-10 units and the margin in hundredths (`pricing.cost_units`): an int8
# is far cheaper to encode than a numeric, and multiplying by the unit is exact in numeric.
STAGE_INPUTS = (*STAGE_COLUMNS[:17], "provider_units", "billed_units", "margin_centi", "unpriced")
_STAGE_SELECT = ", ".join(STAGE_COLUMNS[:17]) + (
    ", provider_units * 0.0000000001 AS provider_cost, billed_units * 0.0000000001 AS billed_cost"
    ", margin_centi * 0.01 AS margin_percent, unpriced"
    f", coalesce({SUSPENDED_FLAG}, false) AS {SUSPENDED_FLAG}, {AGENT_COLUMN}"
    f", coalesce({OVER_QUOTA_FLAG}, false) AS {OVER_QUOTA_FLAG}"
)
_UNNESTED = (*STAGE_INPUTS, *_BESIDE, DEDUP_KEY)
# Arrays unnested side by side: the composite's attributes, the flags and the agent, one row each. A side
# array whose every element is the default (no flag, no agent: most batches) is sent empty, and
# unnest pads it with NULLs: asyncpg type-checks every element of an array it encodes, ~1 µs an event
# for the three.
_ROW_UNNEST = (
    f"SELECT {_STAGE_SELECT}, {DEDUP_KEY} FROM unnest($1::metering.usage_stage_row[], $2::boolean[], $3::text[],"
    f" $4::boolean[], $5::uuid[]) AS s({', '.join(_UNNESTED)})"
)

# A cost beyond int8 (absurd, but the numeric column holds it) cannot go in the composite: that batch
# goes as one numeric/text/... array per column instead. Slower, still exact.
_WIDE_TYPES = (
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "text",
    "bigint",
    "bigint",
    "bigint",
    "boolean",
    "boolean",
    "boolean",
    "text",
    "text",
    "text",
    "timestamptz",
    "numeric",
    "numeric",
    "bigint",
    "boolean",
    "boolean",  # SUSPENDED_FLAG
    "text",  # AGENT_COLUMN
    "boolean",  # OVER_QUOTA_FLAG
    "uuid",  # DEDUP_KEY
)
_WIDE_UNNEST = "SELECT {}, {} FROM unnest({}) AS s({})".format(
    _STAGE_SELECT,
    DEDUP_KEY,
    ", ".join(f"${i}::{t}[]" for i, t in enumerate(_WIDE_TYPES, start=1)),
    ", ".join(_UNNESTED),
)
_INT64_MAX = 2**63 - 1


# One statement: claim the dedup keys (only first sightings come back), store the raw events, fold
# them into the daily rollups and the month-to-date totals. Keys are taken in one fixed order (bytewise,
# which sorts fastest) so that concurrent batches touching the same rows queue up instead of deadlocking.
# The batch holds each (tenant, request_id) once (the service drops repeats within a batch first).
# The dedup key is 16 bytes (`usage_dedup_key`, migrations 0008_compact_dedup_key, 0009_dedup_keys_only),
# so the index every batch probes stays small and compares bytes, not text; the rows arrive with it
# (`dedup_key`, the SQL function's twin, which the other readers of the index still use).
# `accepted` is a semi-join on the claimed keys: the planner then expects at most the batch's rows (a
# join on them it guessed at 80 times as many, and sorted instead of hashing each aggregate below).
_INGEST_TEMPLATE = """
WITH usage_stage AS MATERIALIZED (
    {unnest}
), fresh AS (
    INSERT INTO usage_dedup (dedup_key)
    SELECT dedup_key FROM usage_stage ORDER BY dedup_key
    ON CONFLICT DO NOTHING
    RETURNING dedup_key
), accepted AS MATERIALIZED (
    SELECT s.* FROM usage_stage s WHERE s.dedup_key IN (SELECT dedup_key FROM fresh)
), raw AS (
    INSERT INTO usage_events ({raw_columns}) SELECT {raw_columns} FROM accepted
), rollup AS (
    INSERT INTO usage_rollups AS r (
        tenant_id, usage_date, model_id, provider_id, request_count, input_tokens, output_tokens,
        total_tokens, provider_cost, billed_cost, cached_requests, phi_requests, latency_sum_ms,
        unpriced_requests, suspended_requests, over_quota_requests, over_quota_tokens, updated_at)
    SELECT tenant_id, (occurred_at AT TIME ZONE 'UTC')::date AS usage_date, model_id, max(provider_id), count(*),
           sum(input_tokens), sum(output_tokens), sum(input_tokens + output_tokens), sum(provider_cost),
           sum(billed_cost), count(*) FILTER (WHERE cached), count(*) FILTER (WHERE phi_detected),
           sum(latency_ms), count(*) FILTER (WHERE unpriced), count(*) FILTER (WHERE tenant_suspended),
           count(*) FILTER (WHERE over_quota),
           coalesce(sum(input_tokens + output_tokens) FILTER (WHERE over_quota), 0), now()
    FROM accepted GROUP BY 1, 2, 3 ORDER BY tenant_id COLLATE "C", usage_date, model_id COLLATE "C"
    ON CONFLICT (tenant_id, usage_date, model_id) DO UPDATE SET
        provider_id = EXCLUDED.provider_id,
        request_count = r.request_count + EXCLUDED.request_count,
        input_tokens = r.input_tokens + EXCLUDED.input_tokens,
        output_tokens = r.output_tokens + EXCLUDED.output_tokens,
        total_tokens = r.total_tokens + EXCLUDED.total_tokens,
        provider_cost = r.provider_cost + EXCLUDED.provider_cost,
        billed_cost = r.billed_cost + EXCLUDED.billed_cost,
        cached_requests = r.cached_requests + EXCLUDED.cached_requests,
        phi_requests = r.phi_requests + EXCLUDED.phi_requests,
        latency_sum_ms = r.latency_sum_ms + EXCLUDED.latency_sum_ms,
        unpriced_requests = r.unpriced_requests + EXCLUDED.unpriced_requests,
        suspended_requests = r.suspended_requests + EXCLUDED.suspended_requests,
        over_quota_requests = r.over_quota_requests + EXCLUDED.over_quota_requests,
        over_quota_tokens = r.over_quota_tokens + EXCLUDED.over_quota_tokens,
        updated_at = now()
), hourly AS (
    -- The dashboard's series by hour, model and agent ('' = no agent named), kept as long as raw events.
    INSERT INTO usage_hourly AS h (
        tenant_id, usage_hour, model_id, agent_id, request_count, input_tokens, output_tokens, total_tokens,
        provider_cost, billed_cost, updated_at)
    SELECT tenant_id, date_trunc('hour', occurred_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS usage_hour, model_id,
           coalesce(agent_id, '') AS agent, count(*), sum(input_tokens), sum(output_tokens),
           sum(input_tokens + output_tokens), sum(provider_cost), sum(billed_cost), now()
    FROM accepted GROUP BY 1, 2, 3, 4
    ORDER BY tenant_id COLLATE "C", usage_hour, model_id COLLATE "C", coalesce(agent_id, '') COLLATE "C"
    ON CONFLICT (tenant_id, usage_hour, model_id, agent_id) DO UPDATE SET
        request_count = h.request_count + EXCLUDED.request_count,
        input_tokens = h.input_tokens + EXCLUDED.input_tokens,
        output_tokens = h.output_tokens + EXCLUDED.output_tokens,
        total_tokens = h.total_tokens + EXCLUDED.total_tokens,
        provider_cost = h.provider_cost + EXCLUDED.provider_cost,
        billed_cost = h.billed_cost + EXCLUDED.billed_cost,
        updated_at = now()
)
INSERT INTO usage_month_to_date AS m (
    tenant_id, month, request_count, input_tokens, output_tokens, total_tokens, provider_cost,
    billed_cost, updated_at)
SELECT tenant_id, date_trunc('month', occurred_at AT TIME ZONE 'UTC')::date AS month, count(*), sum(input_tokens),
       sum(output_tokens), sum(input_tokens + output_tokens), sum(provider_cost), sum(billed_cost), now()
FROM accepted GROUP BY 1, 2 ORDER BY tenant_id COLLATE "C", month
ON CONFLICT (tenant_id, month) DO UPDATE SET
    request_count = m.request_count + EXCLUDED.request_count,
    input_tokens = m.input_tokens + EXCLUDED.input_tokens,
    output_tokens = m.output_tokens + EXCLUDED.output_tokens,
    total_tokens = m.total_tokens + EXCLUDED.total_tokens,
    provider_cost = m.provider_cost + EXCLUDED.provider_cost,
    billed_cost = m.billed_cost + EXCLUDED.billed_cost,
    updated_at = now()
RETURNING tenant_id, month, request_count, input_tokens, output_tokens, total_tokens, provider_cost, billed_cost
"""
_INGEST = _INGEST_TEMPLATE.replace("{unnest}", _ROW_UNNEST).replace("{raw_columns}", _RAW_COLUMNS)
_INGEST_WIDE = _INGEST_TEMPLATE.replace("{unnest}", _WIDE_UNNEST).replace("{raw_columns}", _RAW_COLUMNS)


async def _asyncpg(session: AsyncSession) -> Any:
    """The asyncpg connection under the session, inside the session's transaction."""
    connection = await session.connection()
    dbapi = await connection.get_raw_connection()
    return dbapi.driver_connection


async def ingest_usage(
    session: AsyncSession,
    rows: Sequence[tuple[Any, ...]],
    suspended: Sequence[bool] | None = None,
    agent_ids: Sequence[str | None] | None = None,
    over_quota: Sequence[bool] | None = None,
) -> list[Any]:
    """Apply priced rows (`STAGE_INPUTS` order) in one statement; returns the updated month-to-date rows.
    `suspended[i]` flags row i as recorded while its tenant was suspended (none when omitted);
    `agent_ids[i]` names the agent of row i (none when omitted); `over_quota[i]` flags row i as past
    its tenant's monthly token limit (none when omitted)."""
    flags = _unless_all_default(suspended, False)
    agents = _unless_all_default(agent_ids, None)
    past_limit = _unless_all_default(over_quota, False)
    keys = [dedup_key(row[0], row[1]) for row in rows]
    conn = await _asyncpg(session)
    # The planner cannot see how many rows the array holds; a hash join back to the staged rows beats
    # the sort-merge it would pick for thousands of rows.
    await conn.execute("SET LOCAL enable_mergejoin = off")
    month_to_date: list[Any]
    if max(row[18] for row in rows) <= _INT64_MAX:  # billed >= provider
        month_to_date = await conn.fetch(_INGEST, rows, flags, agents, past_limit, keys)
    else:
        month_to_date = await conn.fetch(
            _INGEST_WIDE, *[list(c) for c in zip(*rows, strict=True)], flags, agents, past_limit, keys
        )
    return month_to_date


def dedup_key(tenant_id: str, request_id: str) -> str:
    """The 16-byte key `usage_dedup` holds for (tenant, request id), as hex: the same bytes as the SQL
    function `metering.usage_dedup_key` (migration 0008), which the tests hold it to."""
    # length() in SQL counts characters, as len() does; the prefix keeps ("ab", "c") and ("a", "bc") apart.
    return hashlib.sha256(f"{len(tenant_id)}:{tenant_id}{request_id}".encode()).digest()[:16].hex()


def _unless_all_default(values: Sequence[Any] | None, default: Any) -> list[Any]:
    """The side array to send: empty when every row has the default (the statement reads NULL as it)."""
    if values is None or all(v is default for v in values):
        return []
    return list(values)


async def price_versions(session: AsyncSession, model_ids: Sequence[str]) -> list[Any]:
    rows = await session.execute(
        select(
            ModelPrice.model_id,
            ModelPrice.effective_from,
            ModelPrice.input_price_per_million,
            ModelPrice.output_price_per_million,
        ).where(ModelPrice.model_id.in_(model_ids))
    )
    return list(rows)


async def suspension_intervals(session: AsyncSession, tenant_ids: Sequence[str]) -> list[Any]:
    """(tenant_id, suspended_from, suspended_until) of the named tenants: one indexed read per batch."""
    conn = await _asyncpg(session)
    intervals: list[Any] = await conn.fetch(
        "SELECT tenant_id, suspended_from, suspended_until FROM tenant_suspensions WHERE tenant_id = ANY($1::text[])",
        list(tenant_ids),
    )
    return intervals


async def open_suspension(session: AsyncSession, tenant_id: str, at: datetime, event_id: str) -> None:
    """Start a suspension at `at` unless one is in force (the partial unique index keeps one open)."""
    await session.execute(
        insert(TenantSuspension)
        .values(tenant_id=tenant_id, suspended_from=at, source_event_id=event_id, updated_at=func.now())
        .on_conflict_do_nothing()
    )


async def close_suspension(session: AsyncSession, tenant_id: str, at: datetime) -> None:
    """End the suspension in force (if any) at `at` — never before it began."""
    s = TenantSuspension
    await session.execute(
        update(s)
        .where(s.tenant_id == tenant_id, s.suspended_until.is_(None))
        .values(suspended_until=func.greatest(at, s.suspended_from), updated_at=func.now())
    )


async def margin_versions(session: AsyncSession, tenant_ids: Sequence[str]) -> list[Any]:
    conn = await _asyncpg(session)  # a batch may name thousands of tenants: one array parameter
    versions: list[Any] = await conn.fetch(
        "SELECT tenant_id, effective_from, margin_percent FROM tenant_margins WHERE tenant_id = ANY($1::text[])",
        list(tenant_ids),
    )
    return versions


async def register_unknown_models(session: AsyncSession, models: Sequence[tuple[str, str, str]]) -> None:
    """Flag models first seen in usage so an operator can price them (they get the seed default)."""
    if not models:
        return
    await session.execute(
        insert(Model)
        .values(
            [
                {"model_id": m, "provider_id": p, "model_name": n, "status": "unregistered", "updated_by": "metering"}
                for m, p, n in models
            ]
        )
        .on_conflict_do_nothing(index_elements=["model_id"])
    )


# --- month-to-date --------------------------------------------------------------------------------


async def month_to_date_rows(session: AsyncSession, month: date) -> list[UsageMonthToDate]:
    return list((await session.scalars(select(UsageMonthToDate).where(UsageMonthToDate.month == month))).all())


# --- partitions and retention ---------------------------------------------------------------------


def partition_name(day: date) -> str:
    return f"usage_events_{day:%Y%m%d}"


async def set_lock_timeout(session: AsyncSession, wait: str) -> None:
    """For the rest of the transaction, give up waiting for a lock after `wait` (e.g. `5s`)."""
    await session.execute(text("SELECT set_config('lock_timeout', :t, true)"), {"t": wait})


async def existing_partitions(session: AsyncSession) -> set[str]:
    rows = await session.execute(
        text(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
            "JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace n ON n.oid = p.relnamespace "
            "WHERE p.relname = 'usage_events' AND n.nspname = 'metering'"
        )
    )
    return {r[0] for r in rows}


async def default_partition_has_rows_between(session: AsyncSession, start: datetime, end: datetime) -> bool:
    return bool(
        await session.scalar(
            text("SELECT EXISTS (SELECT 1 FROM usage_events_default WHERE occurred_at >= :s AND occurred_at < :e)"),
            {"s": start, "e": end},
        )
    )


async def create_day_partition(session: AsyncSession, day: date) -> None:
    start = datetime(day.year, day.month, day.day, tzinfo=UTC)
    end = start + timedelta(days=1)
    await session.execute(
        text(
            f"CREATE TABLE IF NOT EXISTS metering.{partition_name(day)} PARTITION OF metering.usage_events "
            f"FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
        )
    )


async def drop_partition(session: AsyncSession, name: str) -> None:
    await session.execute(text(f'DROP TABLE IF EXISTS metering."{name}"'))


async def _deleted(session: AsyncSession, statement: TextClause, params: dict[str, Any]) -> int:
    """Run a DELETE; the number of rows it removed."""
    result = cast(CursorResult[Any], await session.execute(statement, params))
    return result.rowcount or 0


async def purge_default_partition_before(session: AsyncSession, cutoff: datetime) -> int:
    return await _deleted(session, text("DELETE FROM usage_events_default WHERE occurred_at < :c"), {"c": cutoff})


async def purge_dedup_keys_before(session: AsyncSession, cutoff: datetime) -> int:
    """Dedup keys are kept as long as the raw events; a retry older than that is not expected."""
    return await _deleted(session, text("DELETE FROM usage_dedup WHERE seen_at < :c"), {"c": cutoff})


# --- margins --------------------------------------------------------------------------------------


async def upsert_margin(
    session: AsyncSession, tenant_id: str, effective_from: datetime, margin: Decimal, source_event_id: str
) -> None:
    stmt = insert(TenantMargin).values(
        tenant_id=tenant_id, effective_from=effective_from, margin_percent=margin, source_event_id=source_event_id
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tenant_id", "effective_from"],
            set_={
                "margin_percent": stmt.excluded.margin_percent,
                "source_event_id": stmt.excluded.source_event_id,
                "recorded_at": func.now(),
            },
        )
    )


# --- model registry -------------------------------------------------------------------------------


async def list_models(session: AsyncSession) -> list[Model]:
    return list(
        (
            await session.scalars(
                select(Model).options(selectinload(Model.prices)).order_by(Model.provider_id, Model.model_id)
            )
        ).all()
    )


async def get_model(session: AsyncSession, model_id: str, *, for_update: bool = False) -> Model | None:
    stmt = (
        select(Model)
        .options(selectinload(Model.prices))
        .where(Model.model_id == model_id)
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Model)
    return (await session.scalars(stmt)).one_or_none()


async def create_model(
    session: AsyncSession, model_id: str, provider_id: str, model_name: str, status: str, updated_by: str
) -> bool:
    """Insert a model if absent (race-free); True when this call created it."""
    result = await session.execute(
        insert(Model)
        .values(model_id=model_id, provider_id=provider_id, model_name=model_name, status=status, updated_by=updated_by)
        .on_conflict_do_nothing(index_elements=["model_id"])
        .returning(Model.model_id)
    )
    return result.scalar_one_or_none() is not None


async def update_model(session: AsyncSession, model_id: str, changes: dict[str, Any], updated_by: str) -> None:
    await session.execute(
        update(Model)
        .where(Model.model_id == model_id)
        .values(**changes, updated_by=updated_by, updated_at=func.now())
        .execution_options(synchronize_session=False)  # the caller re-reads the model
    )


async def upsert_price(
    session: AsyncSession,
    model_id: str,
    effective_from: datetime,
    price_in: Decimal,
    price_out: Decimal,
    created_by: str,
) -> None:
    stmt = insert(ModelPrice).values(
        model_id=model_id,
        effective_from=effective_from,
        input_price_per_million=price_in,
        output_price_per_million=price_out,
        created_by=created_by,
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["model_id", "effective_from"],
            set_={
                "input_price_per_million": stmt.excluded.input_price_per_million,
                "output_price_per_million": stmt.excluded.output_price_per_million,
                "created_by": stmt.excluded.created_by,
                "created_at": func.now(),
            },
        )
    )


# Rows per INSERT of an import: asyncpg binds at most 32,767 parameters per statement.
_IMPORT_CHUNK = 2_000


async def models_with_prices(
    session: AsyncSession, model_ids: Sequence[str], *, for_update: bool = False
) -> list[Model]:
    """The named models with their price history; locked (an import's writes) when asked."""
    stmt = (
        select(Model)
        .options(selectinload(Model.prices))
        .where(Model.model_id.in_(list(model_ids)))
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update(of=Model)
    return list((await session.scalars(stmt)).all())


async def create_models(session: AsyncSession, rows: Sequence[tuple[str, str, str]], created_by: str) -> set[str]:
    """Insert (model_id, provider_id, model_name) rows as active models, if absent; the ids created."""
    created: set[str] = set()
    for start in range(0, len(rows), _IMPORT_CHUNK):
        chunk = rows[start : start + _IMPORT_CHUNK]
        result = await session.execute(
            insert(Model)
            .values(
                [
                    {"model_id": m, "provider_id": p, "model_name": n, "status": "active", "updated_by": created_by}
                    for m, p, n in chunk
                ]
            )
            .on_conflict_do_nothing(index_elements=["model_id"])
            .returning(Model.model_id)
        )
        created.update(result.scalars().all())
    return created


async def insert_price_versions(
    session: AsyncSession, rows: Sequence[tuple[str, Decimal, Decimal]], effective_from: datetime, created_by: str
) -> None:
    """One price version per (model_id, input, output) row, all from `effective_from`."""
    for start in range(0, len(rows), _IMPORT_CHUNK):
        chunk = rows[start : start + _IMPORT_CHUNK]
        stmt = insert(ModelPrice).values(
            [
                {
                    "model_id": m,
                    "effective_from": effective_from,
                    "input_price_per_million": price_in,
                    "output_price_per_million": price_out,
                    "created_by": created_by,
                }
                for m, price_in, price_out in chunk
            ]
        )
        await session.execute(
            stmt.on_conflict_do_update(
                index_elements=["model_id", "effective_from"],
                set_={
                    "input_price_per_million": stmt.excluded.input_price_per_million,
                    "output_price_per_million": stmt.excluded.output_price_per_million,
                    "created_by": stmt.excluded.created_by,
                    "created_at": func.now(),
                },
            )
        )


async def mark_repriced(session: AsyncSession, model_ids: Sequence[str], updated_by: str) -> None:
    """Repriced models name who changed them; one first seen in usage is registered by its price."""
    if not model_ids:
        return
    await session.execute(
        update(Model)
        .where(Model.model_id.in_(list(model_ids)))
        .values(
            updated_by=updated_by,
            updated_at=func.now(),
            status=case((Model.status == "unregistered", "active"), else_=Model.status),
        )
        .execution_options(synchronize_session=False)
    )


# --- reading usage --------------------------------------------------------------------------------


async def rollups_between(session: AsyncSession, tenant_id: str, start: date, end: date) -> list[UsageRollup]:
    return list(
        (
            await session.scalars(
                select(UsageRollup)
                .where(UsageRollup.tenant_id == tenant_id, UsageRollup.usage_date.between(start, end))
                .order_by(UsageRollup.usage_date, UsageRollup.model_id)
            )
        ).all()
    )


async def totals_between(session: AsyncSession, tenant_id: str, start: date, end: date) -> Any:
    r = UsageRollup
    return (
        await session.execute(
            select(
                func.coalesce(func.sum(r.request_count), 0).label("requests"),
                func.coalesce(func.sum(r.input_tokens), 0).label("input_tokens"),
                func.coalesce(func.sum(r.output_tokens), 0).label("output_tokens"),
                func.coalesce(func.sum(r.total_tokens), 0).label("total_tokens"),
                func.coalesce(func.sum(r.provider_cost), 0).label("provider_cost"),
                func.coalesce(func.sum(r.billed_cost), 0).label("billed_cost"),
                func.coalesce(func.sum(r.cached_requests), 0).label("cached_requests"),
                func.coalesce(func.sum(r.phi_requests), 0).label("phi_requests"),
                func.coalesce(func.sum(r.unpriced_requests), 0).label("unpriced_requests"),
                func.coalesce(func.sum(r.suspended_requests), 0).label("suspended_requests"),
            ).where(r.tenant_id == tenant_id, r.usage_date.between(start, end))
        )
    ).one()


async def per_model_totals(session: AsyncSession, tenant_id: str, start: date, end: date) -> list[Any]:
    r = UsageRollup
    return list(
        await session.execute(
            select(
                r.model_id,
                func.max(r.provider_id).label("provider_id"),
                func.sum(r.request_count).label("request_count"),
                func.sum(r.input_tokens).label("input_tokens"),
                func.sum(r.output_tokens).label("output_tokens"),
                func.sum(r.total_tokens).label("total_tokens"),
                func.sum(r.provider_cost).label("provider_cost"),
                func.sum(r.billed_cost).label("billed_cost"),
                func.sum(r.unpriced_requests).label("unpriced_requests"),
            )
            .where(r.tenant_id == tenant_id, r.usage_date.between(start, end))
            .group_by(r.model_id)
            .order_by(r.model_id)
        )
    )
