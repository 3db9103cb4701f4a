"""Ingestion from `audit-events`: the full action list, idempotency, DLQ, append-only, tamper evidence."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
import uuid

import asyncpg
import pytest

from radiant_contracts.events.audit import AUDIT_ACTIONS
from radiant_contracts.topics import AUDIT_EVENTS
from radiant_testing import bearer, service_db, tail_topic

AUDIT = "/api/v2/admin/audit"


async def test_every_known_action_is_accepted_and_chained_in_order(
    publish, audit_event, wait_for_entries, tenant, auditor_token
):
    actions = sorted(AUDIT_ACTIONS)
    await publish(*[audit_event(tenant, action=a) for a in actions])
    entries = await wait_for_entries(auditor_token, len(actions))
    assert len(entries) == len(actions)
    oldest_first = list(reversed(entries))
    assert [e["action"] for e in oldest_first] == actions  # one partition per tenant: arrival order kept
    assert [e["seq"] for e in oldest_first] == list(range(1, len(actions) + 1))
    assert all(later["prevHash"] == earlier["hash"] for earlier, later in itertools.pairwise(oldest_first))
    first = oldest_first[0]
    assert first["actor"] == {
        "type": "admin",
        "id": "admin-1",
        "name": "Admin admin-1",
        "ip": "198.51.100.4",
        "userAgent": "pytest",
        "impersonator": None,
    }
    assert first["source"] == "radiant/identity" and first["details"] == {"k": "v"}


async def test_redelivered_events_are_stored_once(publish, audit_event, wait_for_entries, tenant, auditor_token):
    duplicate = audit_event(tenant, action="user.invite")
    await publish(duplicate, duplicate)
    await wait_for_entries(auditor_token, 1)
    await publish(duplicate)
    # A later event on the same partition is a barrier: once it is stored, the duplicates before it were seen.
    await publish(audit_event(tenant, action="user.accept"))
    entries = await wait_for_entries(auditor_token, 2)
    await publish(audit_event(tenant, action="user.remove"))
    entries = await wait_for_entries(auditor_token, 3)
    assert [e["action"] for e in entries] == ["user.remove", "user.accept", "user.invite"]
    assert [e["id"] for e in entries].count(duplicate.id) == 1
    assert [e["seq"] for e in entries] == [3, 2, 1]


async def test_invalid_event_goes_to_the_dlq_with_the_reason(platform, kafka_producer, audit_event):
    tenant = f"t-{uuid.uuid4()}"
    event = json.loads(audit_event(tenant).to_bytes())
    del event["data"]["actor"]
    async with tail_topic(platform, f"{AUDIT_EVENTS}.dlq") as dlq:
        await kafka_producer.send_and_wait(AUDIT_EVENTS, json.dumps(event).encode(), key=tenant.encode())
        [record] = await dlq.wait_for(lambda r: r.key == tenant.encode())
    headers = dict(record.headers)
    assert b"data.actor: Field required" in headers["x-dlq-reason"]
    assert json.loads(record.value) == event  # original bytes kept


async def _stored_tenant(publish, audit_event, wait_for_entries, tenant, token, n=3) -> list[dict]:
    await publish(
        *[audit_event(tenant, action=a) for a in ["invitation.create", "invitation.accept", "user.role_change"][:n]]
    )
    return list(reversed(await wait_for_entries(token, n)))


async def test_service_role_cannot_update_delete_or_truncate(
    platform, publish, audit_event, wait_for_entries, tenant, auditor_token
):
    await _stored_tenant(publish, audit_event, wait_for_entries, tenant, auditor_token, n=1)
    async with service_db(platform, "audit") as db:
        for statement in (
            "UPDATE audit_log SET action = 'x.y' WHERE tenant_id = $1",
            "DELETE FROM audit_log WHERE tenant_id = $1",
            "UPDATE checkpoints SET seq = 0 WHERE tenant_id = $1",
            "DELETE FROM checkpoints WHERE tenant_id = $1",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
                await db.execute(statement, tenant)
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await db.execute("TRUNCATE audit_log")
        # it owns nothing, so it can neither grant itself the rights back nor switch the triggers off
        await db.execute("GRANT UPDATE, DELETE ON audit_log TO audit")  # PostgreSQL: "no privileges were granted"
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
            await db.execute("DELETE FROM audit_log WHERE tenant_id = $1", tenant)
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="owner"):
            await db.execute("ALTER TABLE audit_log DISABLE TRIGGER ALL")
        assert await db.fetchval("SELECT count(*) FROM audit_log WHERE tenant_id = $1", tenant) == 1


async def test_trigger_refuses_changes_even_for_a_superuser(
    publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    await _stored_tenant(publish, audit_event, wait_for_entries, tenant, auditor_token, n=1)
    for statement in (
        "UPDATE audit.audit_log SET action = 'x.y' WHERE tenant_id = $1",
        "DELETE FROM audit.audit_log WHERE tenant_id = $1",
    ):
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
            await admin_db.execute(statement, tenant)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
        await admin_db.execute("TRUNCATE audit.checkpoints")


def _cli_verify(tenant: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "radiant_audit", "verify", "--tenant", tenant],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )


async def test_verify_detects_an_entry_edited_behind_the_services_back(
    gateway, publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    entries = await _stored_tenant(publish, audit_event, wait_for_entries, tenant, auditor_token)
    before = await gateway.get(f"{AUDIT}/verify", headers=bearer(auditor_token))
    assert before.status_code == 200
    assert before.json()["valid"] is True and before.json()["entriesChecked"] == 3
    assert before.json()["head"] == {"seq": 3, "hash": entries[-1]["hash"]}
    assert _cli_verify(tenant).returncode == 0

    async with admin_db.transaction():  # the superuser bypasses the trigger for this transaction only
        await admin_db.execute("SET LOCAL session_replication_role = replica")
        await admin_db.execute(
            'UPDATE audit.audit_log SET details = \'{"k":"forged"}\' WHERE tenant_id = $1 AND seq = 2', tenant
        )

    after = (await gateway.get(f"{AUDIT}/verify", headers=bearer(auditor_token))).json()
    assert after["valid"] is False
    assert after["firstBrokenLink"]["seq"] == 2
    assert after["firstBrokenLink"]["eventId"] == entries[1]["id"]
    assert "modified" in after["firstBrokenLink"]["reason"]
    assert after["entriesChecked"] == 1
    cli = _cli_verify(tenant)
    assert cli.returncode == 1 and "BROKEN at entry 2" in cli.stderr


async def test_verify_catches_a_consistently_rewritten_chain_by_its_signed_checkpoint(
    platform, gateway, publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    from radiant_audit.chain import entry_hash
    from radiant_audit.config import Settings
    from radiant_audit.keys import load_checkpoint_key
    from radiant_audit.service import write_checkpoints
    from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work

    await _stored_tenant(publish, audit_event, wait_for_entries, tenant, auditor_token)
    settings = Settings()
    engine = create_engine(settings)
    try:  # what the periodic checkpoint job does
        async with unit_of_work(create_sessionmaker(engine)) as session:
            assert await write_checkpoints(session, load_checkpoint_key(settings)) >= 1
    finally:
        await engine.dispose()
    # The service's own checkpoint job (every minute, and at start) may have signed the chain too,
    # possibly before its last entry arrived: one checkpoint at least, each checked.
    assert (await gateway.get(f"{AUDIT}/verify", headers=bearer(auditor_token))).json()["checkpointsChecked"] >= 1

    # An attacker with superuser rights rewrites entry 2 and re-hashes everything after it.
    async with admin_db.transaction():
        await admin_db.execute("SET LOCAL session_replication_role = replica")
        rows = [
            dict(r)
            for r in await admin_db.fetch("SELECT * FROM audit.audit_log WHERE tenant_id = $1 ORDER BY seq", tenant)
        ]
        prev = rows[0]["hash"]
        for row in rows[1:]:
            for column in ("details", "extra", "impersonator"):
                row[column] = json.loads(row[column]) if row[column] is not None else None
            if row["seq"] == 2:
                row["action"] = "invitation.revoke"
            row["prev_hash"] = prev
            row["hash"] = prev = entry_hash(row)
            await admin_db.execute(
                "UPDATE audit.audit_log SET action = $3, prev_hash = $4, hash = $5 WHERE tenant_id = $1 AND seq = $2",
                tenant,
                row["seq"],
                row["action"],
                row["prev_hash"],
                row["hash"],
            )
        await admin_db.execute("UPDATE audit.chain_heads SET last_hash = $2 WHERE tenant_id = $1", tenant, prev)

    result = (await gateway.get(f"{AUDIT}/verify", headers=bearer(auditor_token))).json()
    assert result["valid"] is False
    assert result["entriesChecked"] == 3  # every link is consistent again...
    # ...but a signed head no longer matches: the test's checkpoint at seq 3, or the job's at seq 2.
    assert result["firstBrokenLink"]["seq"] in (2, 3)
    assert "rewritten" in result["firstBrokenLink"]["reason"]


async def test_public_key_verifies_checkpoints(gateway, tenant, auditor_token):
    response = await gateway.get(f"{AUDIT}/public-key", headers=bearer(auditor_token))
    assert response.status_code == 200
    body = response.json()
    assert body["algorithm"] == "Ed25519" and body["jwk"]["kid"] == body["keyId"]
    assert body["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")


async def test_metrics_and_siem_status_are_served_on_the_service_port(platform, gateway):
    import httpx

    async with httpx.AsyncClient(base_url=platform.service_url("audit"), timeout=10) as client:
        metrics = await client.get("/metrics")
        assert metrics.status_code == 200
        assert 'radiant_audit_ingested_events_total{consumer="audit-ingest"}' in metrics.text
        status = await client.get("/internal/siem/status")
        assert status.status_code == 200 and status.json() == {"sinks": []}  # none configured in the dev stack
    assert (await gateway.get("/api/v2/internal/siem/status")).status_code == 404  # not exposed publicly
