"""Tampering with the chain's bookkeeping (issue 12 #8): a chain head that moves backwards is refused
by the database for the runtime login and the schema owner alike, and verification walks the log to
its real last entry and to every signed checkpoint instead of trusting `chain_heads`."""

from __future__ import annotations

import os
import subprocess
import sys

import asyncpg
import pytest

from radiant_testing import bearer, service_db

AUDIT = "/api/v2/admin/audit"


async def _stored(publish, audit_event, wait_for_entries, tenant, token, n=3) -> list[dict]:
    actions = ["invitation.create", "invitation.accept", "user.role_change", "user.remove", "agent.start"]
    await publish(*[audit_event(tenant, action=a) for a in actions[:n]])
    return list(reversed(await wait_for_entries(token, n)))


async def _verify(gateway, token) -> dict:
    response = await gateway.get(f"{AUDIT}/verify", headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()


def _cli_verify(tenant: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "radiant_audit", "verify", "--tenant", tenant, *extra],
        capture_output=True,
        text=True,
        env=os.environ,
        timeout=60,
    )


def _kinds(result: dict) -> list[str]:
    return [p["kind"] for p in result["problems"]]


async def _as_attacker(admin_db, *statements: tuple[str, ...]) -> None:
    """A superuser switching the triggers off for one transaction: what only DB-level access can do."""
    async with admin_db.transaction():
        await admin_db.execute("SET LOCAL session_replication_role = replica")
        for statement, *args in statements:
            await admin_db.execute(statement, *args)


# --- the head only moves forward ------------------------------------------------------------------------


async def test_runtime_login_cannot_move_a_chain_head_backwards_or_switch_the_guard_off(
    platform, publish, audit_event, wait_for_entries, tenant, auditor_token
):
    entries = await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token)
    async with service_db(platform, "audit") as db:
        for statement, args in [
            ("UPDATE chain_heads SET last_seq = 1, last_hash = $2 WHERE tenant_id = $1", (entries[0]["hash"],)),
            ("UPDATE chain_heads SET last_seq = 0, last_hash = repeat('0', 64) WHERE tenant_id = $1", ()),
            ("UPDATE chain_heads SET last_hash = repeat('f', 64) WHERE tenant_id = $1", ()),  # same seq, other hash
        ]:
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="only moves forward"):
                await db.execute(statement, tenant, *args)
        for statement in (
            "DELETE FROM chain_heads WHERE tenant_id = $1",  # a deleted head would restart the chain at 1
            "UPDATE chain_heads SET tenant_id = 'someone-else' WHERE tenant_id = $1",
        ):
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
                await db.execute(statement, tenant)
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
            await db.execute("TRUNCATE chain_heads")
        # A new head starts at the genesis: no head can be planted ahead of a tenant's chain.
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="genesis"):
            await db.execute(
                "INSERT INTO chain_heads (tenant_id, last_seq, last_hash) VALUES ($1, 5, 'x')", tenant + "x"
            )
        # The guard belongs to the schema owner: the runtime login can neither drop, disable nor
        # replace it, nor skip triggers for its session.
        for statement, message in [
            ("ALTER TABLE chain_heads DISABLE TRIGGER chain_heads_forward_only", "owner"),
            ("DROP TRIGGER chain_heads_forward_only ON chain_heads", "owner"),
            (
                "CREATE OR REPLACE FUNCTION audit.refuse_chain_head_rewind() RETURNS trigger "
                "LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                "permission denied|owner",
            ),
            ("SET session_replication_role = replica", "permission denied"),
        ]:
            with pytest.raises(asyncpg.InsufficientPrivilegeError, match=message):
                await db.execute(statement)
        assert await db.fetchrow("SELECT last_seq, last_hash FROM chain_heads WHERE tenant_id = $1", tenant) == (
            3,
            entries[2]["hash"],
        )
        # Rewriting an entry is refused as before (grants and the append-only trigger).
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="permission denied"):
            await db.execute("UPDATE audit_log SET details = '{}' WHERE tenant_id = $1 AND seq = 2", tenant)

    # Forward still works: ingestion goes on moving the head.
    await publish(audit_event(tenant, action="user.remove"))
    assert (await wait_for_entries(auditor_token, 4))[0]["seq"] == 4


async def test_the_schema_owner_and_a_superuser_cannot_move_a_head_backwards_either(
    stack, publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token, n=2)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="only moves forward"):
        await admin_db.execute("UPDATE audit.chain_heads SET last_seq = 1 WHERE tenant_id = $1", tenant)
    with pytest.raises(asyncpg.InsufficientPrivilegeError, match="cannot be deleted"):
        await admin_db.execute("DELETE FROM audit.chain_heads WHERE tenant_id = $1", tenant)
    owner_url = stack["AUDIT_MIGRATION_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")
    owner = await asyncpg.connect(owner_url)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="only moves forward"):
            await owner.execute("UPDATE audit.chain_heads SET last_seq = 1 WHERE tenant_id = $1", tenant)
    finally:
        await owner.close()


# --- verification to the real end of the chain ----------------------------------------------------------


async def test_verify_walks_past_a_head_that_was_moved_back(
    gateway, publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    entries = await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token)
    await _as_attacker(
        admin_db,
        ("UPDATE audit.chain_heads SET last_seq = 1, last_hash = $2 WHERE tenant_id = $1", tenant, entries[0]["hash"]),
    )
    result = await _verify(gateway, auditor_token)
    assert result["valid"] is False
    assert result["head"] == {"seq": 1, "hash": entries[0]["hash"]}
    assert result["lastEntry"] == {"seq": 3, "hash": entries[2]["hash"]}  # walked past the head
    assert result["entriesChecked"] == 3
    assert _kinds(result) == ["head_mismatch"]
    assert result["firstBrokenLink"]["seq"] == 2
    assert "head" in result["firstBrokenLink"]["reason"]
    cli = _cli_verify(tenant)
    assert cli.returncode == 1 and "BROKEN at entry 2" in cli.stderr


async def test_verify_reports_a_head_hash_that_is_not_the_last_entrys(
    gateway, publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token, n=2)
    await _as_attacker(
        admin_db, ("UPDATE audit.chain_heads SET last_hash = repeat('e', 64) WHERE tenant_id = $1", tenant)
    )
    result = await _verify(gateway, auditor_token)
    assert result["valid"] is False and _kinds(result) == ["head_mismatch"]
    assert result["firstBrokenLink"]["seq"] == 2


async def test_verify_catches_a_truncated_tail_by_its_signed_checkpoint(
    sign_chain_heads, gateway, publish, audit_event, wait_for_entries, admin_db, tenant, auditor_token
):
    entries = await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token)
    await sign_chain_heads()
    assert (await _verify(gateway, auditor_token))["latestCheckpoint"]["seq"] == 3
    # The attacker removes the last entry and moves the head back to match: the log is consistent again.
    await _as_attacker(
        admin_db,
        ("DELETE FROM audit.audit_log WHERE tenant_id = $1 AND seq = 3", tenant),
        ("UPDATE audit.chain_heads SET last_seq = 2, last_hash = $2 WHERE tenant_id = $1", tenant, entries[1]["hash"]),
    )
    result = await _verify(gateway, auditor_token)
    assert result["valid"] is False
    assert result["lastEntry"]["seq"] == 2 and result["entriesChecked"] == 2
    assert "checkpoint_beyond_end" in _kinds(result)
    assert result["firstBrokenLink"]["seq"] == 3 and "truncated" in result["firstBrokenLink"]["reason"]


async def test_verify_reports_entries_after_the_latest_checkpoint_as_not_yet_signed(
    sign_chain_heads, gateway, publish, audit_event, wait_for_entries, tenant, auditor_token
):
    await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token)
    await sign_chain_heads()
    await publish(audit_event(tenant, action="user.remove"), audit_event(tenant, action="agent.start"))
    await wait_for_entries(auditor_token, 5)
    result = await _verify(gateway, auditor_token)
    assert result["valid"] is True and result["problems"] == []
    assert result["lastEntry"]["seq"] == 5
    latest = result["latestCheckpoint"]["seq"]
    # The service's own checkpoint job (every minute) may have signed the new head meanwhile.
    assert latest in (3, 5)
    assert result["entriesAfterLatestCheckpoint"] == 5 - latest
    assert result["lastValidCheckpoint"]["seq"] == latest


async def test_verify_reports_a_checkpoint_whose_signature_does_not_match(
    sign_chain_heads, platform, gateway, publish, audit_event, wait_for_entries, tenant, auditor_token
):
    entries = await _stored(publish, audit_event, wait_for_entries, tenant, auditor_token, n=2)
    await sign_chain_heads()
    good = (await _verify(gateway, auditor_token))["latestCheckpoint"]
    async with service_db(platform, "audit") as db:  # the runtime login may append checkpoints: forge one
        await db.execute(
            "INSERT INTO checkpoints (tenant_id, seq, hash, signed_at, key_id, signature) "
            "VALUES ($1, 1, $2, now(), $3, $4)",
            tenant,
            entries[0]["hash"],
            good["keyId"],
            good["signature"],  # a real signature, over another statement
        )
    result = await _verify(gateway, auditor_token)
    assert result["valid"] is False
    assert _kinds(result) == ["checkpoint_invalid"]
    assert result["firstBrokenLink"]["seq"] == 1 and "signature" in result["firstBrokenLink"]["reason"]
    assert result["checkpointsChecked"] == 1 and result["lastValidCheckpoint"]["seq"] == 2
