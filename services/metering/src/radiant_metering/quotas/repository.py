"""All SQL of metering's quotas and tiered margins. Functions take the caller's session, never commit."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from .models import QuotaLimits, StorageGauge


async def _asyncpg(session: AsyncSession) -> Any:
    connection = await session.connection()
    dbapi = await connection.get_raw_connection()
    return dbapi.driver_connection


# --- limits ---------------------------------------------------------------------------------------


async def limits_of(session: AsyncSession, tenant_ids: Sequence[str]) -> dict[str, QuotaLimits]:
    rows = await session.scalars(select(QuotaLimits).where(QuotaLimits.tenant_id.in_(list(tenant_ids))))
    return {r.tenant_id: r for r in rows}


async def all_limits(session: AsyncSession) -> list[QuotaLimits]:
    return list((await session.scalars(select(QuotaLimits))).all())


async def store_limits(
    session: AsyncSession,
    tenant_id: str,
    *,
    max_tokens_per_month: int | None,
    max_storage_bytes: int | None,
    plan: str | None,
    revision: int | None,
    effective_at: datetime,
    source_event_id: str,
) -> bool:
    """Replace the tenant's limits unless the stored copy is from a newer subscription revision (an
    older event redelivered out of order changes nothing). True when stored."""
    stmt = insert(QuotaLimits).values(
        tenant_id=tenant_id,
        max_tokens_per_month=max_tokens_per_month,
        max_storage_bytes=max_storage_bytes,
        plan=plan,
        revision=revision,
        effective_at=effective_at,
        source_event_id=source_event_id,
        updated_at=func.now(),
    )
    current = QuotaLimits.__table__.c
    newer_or_same = (
        (stmt.excluded.revision.is_(None)) | (current.revision.is_(None)) | (stmt.excluded.revision >= current.revision)
    )
    result = await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tenant_id"],
            set_={
                "max_tokens_per_month": stmt.excluded.max_tokens_per_month,
                "max_storage_bytes": stmt.excluded.max_storage_bytes,
                "plan": stmt.excluded.plan,
                "revision": stmt.excluded.revision,
                "effective_at": stmt.excluded.effective_at,
                "source_event_id": stmt.excluded.source_event_id,
                "updated_at": func.now(),
            },
            where=newer_or_same,
        ).returning(QuotaLimits.tenant_id)
    )
    return result.scalar_one_or_none() is not None


# --- month-to-date before a batch, and the exact path ---------------------------------------------


async def month_totals(session: AsyncSession, keys: Sequence[tuple[str, date]]) -> dict[tuple[str, date], Any]:
    """(tenant, month) → (total_tokens, provider_cost) as stored now (months with no usage are absent)."""
    conn = await _asyncpg(session)
    rows = await conn.fetch(
        "SELECT m.tenant_id, m.month, m.total_tokens, m.provider_cost FROM usage_month_to_date m "
        "JOIN unnest($1::text[], $2::date[]) AS k(tenant_id, month) USING (tenant_id, month)",
        [k[0] for k in keys],
        [k[1] for k in keys],
    )
    return {(r["tenant_id"], r["month"]): (int(r["total_tokens"]), Decimal(r["provider_cost"])) for r in rows}


async def lock_tenant_months(session: AsyncSession, keys: Sequence[tuple[str, date]]) -> None:
    """Serialise the batches that price or flag one tenant's month exactly (tiers, the token limit),
    until the transaction ends; taken in one order, so two batches never wait on each other in a cycle."""
    conn = await _asyncpg(session)
    ordered = sorted(keys)
    await conn.execute(
        "SELECT pg_advisory_xact_lock(hashtext('metering.quota'), hashtext(k.tenant_id || '/' || k.month::text)) "
        "FROM unnest($1::text[], $2::date[]) AS k(tenant_id, month)",
        [k[0] for k in ordered],
        [k[1] for k in ordered],
    )


async def already_seen(session: AsyncSession, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """The (tenant, request_id) pairs ingestion has already stored (their events will be dropped)."""
    if not keys:
        return set()
    conn = await _asyncpg(session)
    rows = await conn.fetch(
        "SELECT k.tenant_id, k.request_id FROM unnest($1::text[], $2::text[]) AS k(tenant_id, request_id) "
        "JOIN usage_dedup d ON d.dedup_key = usage_dedup_key(k.tenant_id, k.request_id)",
        [k[0] for k in keys],
        [k[1] for k in keys],
    )
    return {(r["tenant_id"], r["request_id"]) for r in rows}


async def over_quota_totals(session: AsyncSession, tenant_id: str, period_start: date) -> tuple[int, int]:
    """(flagged requests, their tokens) of the tenant's calendar month, from its daily rollups."""
    row = (
        await session.execute(
            text(
                "SELECT coalesce(sum(over_quota_requests), 0), coalesce(sum(over_quota_tokens), 0) FROM usage_rollups "
                "WHERE tenant_id = :t AND usage_date >= :start AND usage_date < (CAST(:start AS date) + interval '1 month')"
            ),
            {"t": tenant_id, "start": period_start},
        )
    ).one()
    return int(row[0]), int(row[1])


# --- thresholds -----------------------------------------------------------------------------------


async def claim_thresholds(
    session: AsyncSession, rows: Sequence[tuple[str, str, date, int, int, int]]
) -> list[tuple[str, str, date, int, int, int]]:
    """Record (tenant, resource, period_start, limit, threshold, current) rows not recorded before;
    returns those this call recorded — each threshold is published once, whoever races for it."""
    if not rows:
        return []
    conn = await _asyncpg(session)
    columns = list(zip(*rows, strict=True))
    claimed = await conn.fetch(
        "INSERT INTO quota_thresholds (tenant_id, resource, period_start, quota_limit, threshold_percent, "
        "current_value) SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::bigint[], $5::int[], "
        "$6::bigint[]) ON CONFLICT DO NOTHING "
        "RETURNING tenant_id, resource, period_start, quota_limit, threshold_percent, current_value",
        *[list(c) for c in columns],
    )
    return [tuple(r) for r in claimed]


# --- storage --------------------------------------------------------------------------------------


async def store_gauge(
    session: AsyncSession, tenant_id: str, bytes_used: int, reported_at: datetime, event_id: str
) -> bool:
    """Keep the newest report (by its time); an older one arriving late changes nothing. True if stored."""
    stmt = insert(StorageGauge).values(
        tenant_id=tenant_id,
        bytes_used=bytes_used,
        reported_at=reported_at,
        source_event_id=event_id,
        updated_at=func.now(),
    )
    result = await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["tenant_id"],
            set_={
                "bytes_used": stmt.excluded.bytes_used,
                "reported_at": stmt.excluded.reported_at,
                "source_event_id": stmt.excluded.source_event_id,
                "updated_at": func.now(),
            },
            where=stmt.excluded.reported_at > StorageGauge.__table__.c.reported_at,
        ).returning(StorageGauge.tenant_id)
    )
    return result.scalar_one_or_none() is not None


async def gauge_of(session: AsyncSession, tenant_id: str) -> StorageGauge | None:
    return await session.get(StorageGauge, tenant_id, populate_existing=True)


async def month_to_date_tokens(session: AsyncSession, tenant_id: str, month: date) -> int:
    value = await session.scalar(
        text("SELECT total_tokens FROM usage_month_to_date WHERE tenant_id = :t AND month = :m"),
        {"t": tenant_id, "m": month},
    )
    return int(value or 0)


# --- tiered margins -------------------------------------------------------------------------------


async def set_margin_mode(
    session: AsyncSession, tenant_id: str, effective_from: datetime, mode: str, tiers: list[dict[str, Any]]
) -> None:
    """The mode and tiers of the margin version `upsert_margin` just stored."""
    await session.execute(
        text(
            "UPDATE tenant_margins SET margin_mode = :mode, tiers = CAST(:tiers AS jsonb) "
            "WHERE tenant_id = :tenant AND effective_from = :at"
        ),
        {"mode": mode, "tiers": json.dumps(tiers), "tenant": tenant_id, "at": effective_from},
    )


async def tier_versions(session: AsyncSession, tenant_ids: Sequence[str]) -> list[tuple[str, datetime, str, Any]]:
    """Every margin version of the named tenants that ever had a tiered one (usually none)."""
    conn = await _asyncpg(session)
    rows = await conn.fetch(
        "SELECT tenant_id, effective_from, margin_mode, tiers FROM tenant_margins WHERE tenant_id IN ("
        "SELECT DISTINCT tenant_id FROM tenant_margins WHERE margin_mode = 'tiered' AND tenant_id = ANY($1::text[]))",
        list(tenant_ids),
    )
    return [(r["tenant_id"], r["effective_from"], r["margin_mode"], _json(r["tiers"])) for r in rows]


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value
