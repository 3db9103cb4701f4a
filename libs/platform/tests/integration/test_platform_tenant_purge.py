"""A deleted tenant's purge on a real PostgreSQL schema: nothing before the window, then every table
holding the tenant's rows emptied of them (children before parents, partitions through their parent)
in bounded batches, resumable after a round that failed, audited once, and a no-op when run again."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import text

from radiant_platform.db import unit_of_work
from radiant_platform.tenant_purge import TenantPurge, purge_step, record_deletion, tenant_deletions_ddl

DELETED_AT = datetime(2026, 1, 1, tzinfo=UTC)
GONE, KEPT = "tenant-gone", "tenant-kept"
ROWS = {"accounts": 3, "sessions": 5, "events": 7}


async def _prepare(schema: str, sessionmaker) -> None:
    async with unit_of_work(sessionmaker) as session:
        for statement in [
            *tenant_deletions_ddl(schema),
            f"CREATE TABLE {schema}.accounts (id serial PRIMARY KEY, tenant_id text NOT NULL)",
            # no cascade: the purge must empty the child before the table it references
            f"CREATE TABLE {schema}.sessions (id serial, account_id int REFERENCES {schema}.accounts (id), "
            "tenant_id text NOT NULL)",
            f"CREATE TABLE {schema}.events (tenant_id text NOT NULL, day date NOT NULL) PARTITION BY RANGE (day)",
            f"CREATE TABLE {schema}.events_a PARTITION OF {schema}.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
            f"CREATE TABLE {schema}.events_b PARTITION OF {schema}.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')",
            f"CREATE TABLE {schema}.models (id text)",  # no tenant_id: never touched
        ]:
            await session.execute(text(statement))
        for tenant in (GONE, KEPT):
            for _ in range(ROWS["accounts"]):
                await session.execute(text(f"INSERT INTO {schema}.accounts (tenant_id) VALUES (:t)"), {"t": tenant})
            for _ in range(ROWS["sessions"]):
                await session.execute(
                    text(
                        f"INSERT INTO {schema}.sessions (account_id, tenant_id) "
                        f"SELECT min(id), :t FROM {schema}.accounts WHERE tenant_id = :t"
                    ),
                    {"t": tenant},
                )
            for i in range(ROWS["events"]):
                day = date(2025, 6, 1) if i % 2 else date(2026, 6, 1)  # both partitions
                await session.execute(text(f"INSERT INTO {schema}.events VALUES (:t, :d)"), {"t": tenant, "d": day})


async def _counts(sessionmaker, schema: str, tenant: str) -> dict[str, int]:
    async with sessionmaker() as session:
        return {
            table: int(
                await session.scalar(text(f"SELECT count(*) FROM {schema}.{table} WHERE tenant_id = :t"), {"t": tenant})
            )
            for table in ROWS
        }


async def _audited_purges(sessionmaker) -> list[dict]:
    async with sessionmaker() as session:
        rows = (await session.execute(text("SELECT key, value FROM outbox ORDER BY id"))).all()
    events = [(bytes(r.key).decode(), json.loads(bytes(r.value))) for r in rows]
    return [(key, e) for key, e in events if e["data"]["action"] == "tenant.purge"]


async def _step(sessionmaker, purge: TenantPurge, now: datetime) -> bool:
    async with unit_of_work(sessionmaker) as session:
        return await purge_step(session, purge, now)


class Crash(Exception):
    pass


async def test_a_purge_waits_for_its_window_then_empties_every_table_in_batches(scratch_schema):
    schema, sessionmaker = scratch_schema
    await _prepare(schema, sessionmaker)
    purge = TenantPurge(schema=schema, service="test", after=timedelta(days=30), batch=2)
    async with unit_of_work(sessionmaker) as session:
        assert await record_deletion(session, schema, tenant_id=GONE, deleted_at=DELETED_AT, reason="r") is True
        # a redelivered tenant.deleted never moves the window
        later = DELETED_AT + timedelta(days=10)
        assert await record_deletion(session, schema, tenant_id=GONE, deleted_at=later, reason="r") is False

    # within the window: nothing is due, nothing goes
    assert await _step(sessionmaker, purge, DELETED_AT + timedelta(days=29, hours=23)) is False
    assert await _counts(sessionmaker, schema, GONE) == ROWS

    now = DELETED_AT + timedelta(days=30)
    assert await _step(sessionmaker, purge, now) is True  # one batch of 2 rows
    assert sum((await _counts(sessionmaker, schema, GONE)).values()) == sum(ROWS.values()) - 2
    # a round that fails after its batch (a crash, a lost connection) changes nothing ...
    with pytest.raises(Crash):
        async with unit_of_work(sessionmaker) as session:
            await purge_step(session, purge, now)
            raise Crash
    assert sum((await _counts(sessionmaker, schema, GONE)).values()) == sum(ROWS.values()) - 2
    # ... and the next rounds go on from where the last committed one stopped
    rounds = 1
    while await _step(sessionmaker, purge, now):
        rounds += 1
        assert rounds < 50
    assert rounds == sum((n + 1) // 2 for n in ROWS.values()) + 1  # every batch, then the closing round

    assert await _counts(sessionmaker, schema, GONE) == {table: 0 for table in ROWS}
    assert await _counts(sessionmaker, schema, KEPT) == ROWS  # another tenant's rows stay
    async with sessionmaker() as session:
        record = (await session.execute(text(f"SELECT * FROM {schema}.tenant_deletions"))).mappings().one()
    assert record["purged_at"] == now and record["rows_purged"] == ROWS
    [(key, audited)] = await _audited_purges(sessionmaker)
    assert key == "platform" and audited["tenantid"] == "platform"  # the platform stream
    assert audited["data"]["resource_id"] == GONE and audited["data"]["details"]["rowsPurged"] == ROWS
    assert audited["data"]["actor"]["type"] == "system"

    # run again (another instance, a restart): nothing to do, nothing audited twice
    assert await _step(sessionmaker, purge, now + timedelta(days=1)) is False
    assert len(await _audited_purges(sessionmaker)) == 1
