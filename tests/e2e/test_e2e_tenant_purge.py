"""DESIGN.md flow 5, the end of a tenant: deleted (soft, at once), then — once the retention window has
passed since the deletion each service recorded from `tenant.deleted` — purged by every owning service
(identity, approval, metering, billing) from every table of its schema, audited in the platform
stream, while the tenant's audit log stays whole and its hash chain verifies.

The window is 30 days; the test moves the recorded deletion 31 days into the past (the one clock each
purge reads) instead of sleeping.
"""

from __future__ import annotations

import uuid
from typing import Any

from radiant_testing import admin_connection, bearer, event_json, eventually, tail_topic
from radiant_testing.onboarding import PASSWORD, new_email, token_from_email

SERVICES = ("identity", "approval", "metering", "billing")
TABLES_WITH_TENANT = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
    WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> 'tenant_deletions'
"""


async def _rows_of(conn, tenant_id: str) -> dict[str, int]:
    """`schema.table` → how many rows of the tenant it holds (tables with none left out)."""
    found: dict[str, int] = {}
    for schema in SERVICES:
        for table in [r["relname"] for r in await conn.fetch(TABLES_WITH_TENANT, schema)]:
            count = await conn.fetchval(f'SELECT count(*) FROM {schema}."{table}" WHERE tenant_id = $1', tenant_id)
            if count:
                found[f"{schema}.{table}"] = count
    return found


async def _deletions(conn, tenant_id: str) -> dict[str, Any]:
    return {
        schema: await conn.fetchrow(f"SELECT * FROM {schema}.tenant_deletions WHERE tenant_id = $1", tenant_id)
        for schema in SERVICES
    }


async def _a_tenant_with_data_everywhere(platform, gateway, inbox, make_token, make_service_key, operator) -> str:
    email = new_email("owner")
    created = await gateway.post(
        "/api/v2/saas/tenants",
        json={"name": f"Purged {uuid.uuid4().hex[:8]}", "environment": "dev", "superAdminEmail": email},
        headers=operator,
    )
    assert created.status_code == 201, created.text
    tenant_id = created.json()["tenant"]["id"]
    body = {"token": token_from_email(await inbox.wait_for(email)), "firstName": "Ada", "lastName": "Gone"}
    accepted = await gateway.post("/api/v2/admin/invitations/accept", json={**body, "password": PASSWORD})
    assert accepted.status_code == 200, accepted.text
    assert (await gateway.post("/api/v2/auth/login", json={"email": email, "password": PASSWORD})).status_code == 200
    admin = bearer(make_token(role="super_admin", tenant_id=tenant_id))
    # approval: a deployment request; metering: usage; billing: its settings
    deployment = {"type": "deployment", "action": "deploy", "resourceType": "release", "resourceId": "1.0.0"}
    assert (
        await gateway.post("/api/v2/admin/approvals", json={**deployment, "details": {}}, headers=admin)
    ).status_code == 201
    key = await make_service_key(tenant_id)
    usage = {
        "requestId": str(uuid.uuid4()),
        "providerId": "openai",
        "modelId": "gpt-4o",
        "modelName": "GPT-4o",
        "requestType": "chat",
        "inputTokens": 10,
        "outputTokens": 5,
        "latencyMs": 100,
    }
    assert (await gateway.post("/api/v2/metering/record", json=usage, headers=key.headers)).status_code == 202
    settings = await gateway.put("/api/v2/billing/settings", json={"budgetLimit": "100.00"}, headers=admin)
    assert settings.status_code in (200, 202), settings.text

    async def spread() -> set[str]:
        async with admin_connection(platform) as conn:
            return {name.split(".")[0] for name in await _rows_of(conn, tenant_id)}

    await eventually(spread, until=lambda s: s == set(SERVICES), timeout=60, what="the tenant's rows in every service")
    return tenant_id


async def test_after_the_window_each_service_purges_the_tenant_and_its_audit_log_stays_verifiable(
    platform, gateway, inbox, make_token, make_service_key
):
    operator = bearer(make_token(kind="operator", role="platform_admin", subject=str(uuid.uuid4())))
    tenant_id = await _a_tenant_with_data_everywhere(platform, gateway, inbox, make_token, make_service_key, operator)
    deleted = await gateway.request(
        "DELETE", f"/api/v2/saas/tenants/{tenant_id}", json={"reason": "end of contract"}, headers=operator
    )
    assert deleted.status_code == 200, deleted.text

    async with admin_connection(platform) as conn:
        recorded = await eventually(
            lambda: _deletions(conn, tenant_id),
            until=lambda d: all(row is not None for row in d.values()),
            timeout=60,
            what="every service recorded the deletion from tenant.deleted",
        )
        assert all(row["purged_at"] is None for row in recorded.values())
        before = await _rows_of(conn, tenant_id)
        assert {name.split(".")[0] for name in before} == set(SERVICES)  # within the window nothing goes

        async with tail_topic(platform, "audit-events") as audit:
            for schema in SERVICES:  # 31 days later, as far as each purge's clock is concerned
                await conn.execute(
                    f"UPDATE {schema}.tenant_deletions SET deleted_at = deleted_at - interval '31 days' "
                    "WHERE tenant_id = $1",
                    tenant_id,
                )
            purges = await audit.wait_for(
                lambda r: (
                    event_json(r)["data"]["action"] == "tenant.purge"
                    and event_json(r)["data"]["resource_id"] == tenant_id
                ),
                count=len(SERVICES),
                timeout=120,
            )
        assert {event_json(r)["tenantid"] for r in purges} == {"platform"}
        by_service = {event_json(r)["data"]["details"]["service"]: event_json(r)["data"]["details"] for r in purges}
        assert set(by_service) == set(SERVICES)
        for schema, details in by_service.items():
            expected = {name.split(".")[1]: n for name, n in before.items() if name.startswith(f"{schema}.")}
            purged = details["rowsPurged"]
            assert all(purged.get(table, 0) >= n for table, n in expected.items()), (schema, purged, expected)

        assert await _rows_of(conn, tenant_id) == {}
        after = await _deletions(conn, tenant_id)
        assert all(row["purged_at"] is not None for row in after.values())
        # the tenant's record stays, deleted: its id is never reused and its tokens stay refused
        assert await conn.fetchval("SELECT status FROM identity.tenants WHERE id = $1", tenant_id) == "deleted"
        kept = await conn.fetchval("SELECT count(*) FROM audit.audit_log WHERE tenant_id = $1", tenant_id)
        assert kept > 0  # the audit log is never purged

    verified = await gateway.get(f"/api/v2/saas/audit/tenants/{tenant_id}/verify", headers=operator)
    assert verified.status_code == 200, verified.text
    assert verified.json()["valid"] is True and verified.json()["entriesChecked"] >= kept
    platform_chain = await gateway.get("/api/v2/saas/audit/verify", headers=operator)
    assert platform_chain.status_code == 200 and platform_chain.json()["valid"] is True
    refused = await gateway.get(
        "/api/v2/admin/users", headers=bearer(make_token(role="super_admin", tenant_id=tenant_id))
    )
    assert refused.status_code == 403
