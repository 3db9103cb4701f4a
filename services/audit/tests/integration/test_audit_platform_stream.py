"""The platform audit stream: operators' actions (tenant id `platform`, actor type `operator`) are
ingested and chained like any tenant's, read by operators at `/api/v2/saas/audit`, and never by a
tenant's token — through the gateway and directly on the audit service."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.audit import Actor, AuditRecorded
from radiant_testing import bearer, eventually

PLATFORM = "platform"
SAAS_AUDIT = "/api/v2/saas/audit"
TENANT_AUDIT = "/api/v2/admin/audit"


def operator_event(operator_id: str, *, action: str = "operator.invite", tenant: str = PLATFORM):
    payload = AuditRecorded(
        actor=Actor(type="operator", id=operator_id, name="Olive Operator", ip="198.51.100.7", user_agent="pytest"),
        action=action,
        resource_type="operator_invitation",
        resource_id=str(uuid.uuid4()),
        details={"email": "new-op@example.com", "role": "platform_support"},
    )
    return make_event(payload, tenant_id=tenant, source=service_source("identity"), time=datetime.now(UTC))


@pytest.fixture
def operator_token(make_token) -> str:
    return make_token(kind="operator", role="platform_support")


@pytest.fixture
async def audit_direct(platform):
    async with httpx.AsyncClient(base_url=platform.service_url("audit"), timeout=30) as client:
        yield client


async def _platform_entries(client: httpx.AsyncClient, token: str, actor: str) -> list[dict[str, Any]]:
    response = await client.get(SAAS_AUDIT, params={"actor": actor, "limit": 200}, headers=bearer(token))
    assert response.status_code == 200, response.text
    return response.json()["entries"]


async def test_operators_read_their_actions_in_the_platform_stream(gateway, audit_direct, publish, operator_token):
    operator_id = f"op-{uuid.uuid4()}"
    event = operator_event(operator_id)
    await publish(event)

    entries = await eventually(
        lambda: _platform_entries(gateway, operator_token, operator_id),
        until=lambda found: len(found) == 1,
        what="the operator's event in the platform stream",
    )
    entry = entries[0]
    assert entry["id"] == event.id
    assert entry["actor"]["type"] == "operator" and entry["actor"]["id"] == operator_id
    assert entry["action"] == "operator.invite" and entry["details"]["role"] == "platform_support"
    # chained like any stream: the entry links to the platform chain's previous hash
    assert entry["seq"] >= 1 and len(entry["hash"]) == 64 and len(entry["prevHash"]) == 64
    # directly on the service as well (defence in depth behind the gateway)
    assert [e["id"] for e in await _platform_entries(audit_direct, operator_token, operator_id)] == [event.id]
    # and filters apply as on the tenant route
    response = await gateway.get(
        SAAS_AUDIT, params={"actor": operator_id, "action": "tenant."}, headers=bearer(operator_token)
    )
    assert response.status_code == 200 and response.json()["entries"] == []


@pytest.mark.parametrize("role", ["super_admin", "auditor"])
async def test_a_tenant_token_cannot_read_the_platform_stream(gateway, audit_direct, make_token, role):
    token = make_token(role=role, tenant_id=f"t-{uuid.uuid4()}")
    for client in (gateway, audit_direct):
        response = await client.get(SAAS_AUDIT, headers=bearer(token))
        assert response.status_code == 403, response.text
        assert response.headers["content-type"].startswith("application/problem+json")


async def test_an_operator_token_cannot_read_a_tenant_log(gateway, audit_direct, operator_token, make_token):
    admin_token = make_token(kind="operator", role="platform_admin")
    for token in (operator_token, admin_token):
        for client in (gateway, audit_direct):
            response = await client.get(TENANT_AUDIT, headers=bearer(token))
            assert response.status_code == 403, response.text


async def test_a_tenant_token_naming_the_platform_as_its_tenant_reads_nothing_of_it(
    gateway, audit_direct, publish, operator_token, make_token
):
    """No tenant is ever called `platform`; a tenant token that claims it must not open the
    operators' stream through the tenant route."""
    operator_id = f"op-{uuid.uuid4()}"
    await publish(operator_event(operator_id))
    await eventually(
        lambda: _platform_entries(gateway, operator_token, operator_id),
        until=lambda found: len(found) == 1,
        what="the operator's event in the platform stream",
    )
    impostor = make_token(role="super_admin", tenant_id=PLATFORM)
    for client in (gateway, audit_direct):
        for path in (TENANT_AUDIT, f"{TENANT_AUDIT}/summary", f"{TENANT_AUDIT}/export"):
            response = await client.get(path, params={"actor": operator_id}, headers=bearer(impostor))
            # Refused as it is verified (radiant_platform.auth.refuse_platform_tenant), before any route.
            assert response.status_code == 401, (path, response.status_code, response.text[:300])
            assert "platform" in response.json()["detail"]


async def test_an_operator_event_for_a_tenant_stays_out_of_the_platform_stream(
    gateway, publish, operator_token, make_token, wait_for_entries
):
    """An operator's action that touches a tenant is that tenant's entry; the streams never mix."""
    tenant = f"t-{uuid.uuid4()}"
    operator_id = f"op-{uuid.uuid4()}"
    event = operator_event(operator_id, action="tenant.suspend", tenant=tenant)
    await publish(event)
    auditor = make_token(role="auditor", tenant_id=tenant)
    stored = await wait_for_entries(auditor, 1)
    assert [e["id"] for e in stored] == [event.id] and stored[0]["actor"]["type"] == "operator"
    assert await _platform_entries(gateway, operator_token, operator_id) == []


async def test_operators_verify_the_platform_chain_and_tenants_cannot(
    gateway, audit_direct, publish, operator_token, make_token
):
    operator_id = f"op-{uuid.uuid4()}"
    await publish(operator_event(operator_id))
    await eventually(
        lambda: _platform_entries(gateway, operator_token, operator_id),
        until=lambda found: len(found) == 1,
        what="the operator's event in the platform stream",
    )
    response = await gateway.get(f"{SAAS_AUDIT}/verify", headers=bearer(operator_token))
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["tenantId"] == PLATFORM and report["valid"] is True, report["problems"]
    assert report["entriesChecked"] >= 1 and report["lastEntry"]["seq"] >= 1
    tenant_token = make_token(role="super_admin", tenant_id=f"t-{uuid.uuid4()}")
    for client in (gateway, audit_direct):
        assert (await client.get(f"{SAAS_AUDIT}/verify", headers=bearer(tenant_token))).status_code == 403
