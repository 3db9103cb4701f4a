"""Tenant isolation where the platform enforces it (DESIGN.md §1):

- through the API: the tenant comes only from the verified token, so what one tenant creates in
  identity, approval, metering and billing, and what audit records of it, is invisible to another;
- in the database: each service's login reaches only its own schema, so a bug in one service cannot
  read or write another service's data.

Every "cannot see" has a positive control beside it (the owner sees its data; the login reads its own
schema), so an empty answer can only mean isolation, never a read that failed or came too early.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

import asyncpg
import httpx
import pytest

from radiant_testing import bearer, eventually, service_db
from radiant_testing.service_keys import create_service_key

SERVICES = ("identity", "approval", "metering", "billing", "audit")
# A tenant-owned thing seen through the API: (what, its id or value), e.g. ("approval", "<uuid>").
Item = tuple[str, str]


@dataclass
class Tenant:
    """A fresh tenant, a super_admin's headers in it, and what it created (as the API lists it)."""

    headers: dict[str, str]
    created: set[Item] = field(default_factory=set)
    # ids the tenant's own lookups answer with 200 (and any other tenant's with 404)
    lookups: list[str] = field(default_factory=list)
    tenant_id: str = ""


def _tenant(make_token) -> Tenant:
    tenant_id = f"t-{uuid.uuid4()}"
    return Tenant(bearer(make_token(role="super_admin", tenant_id=tenant_id)), tenant_id=tenant_id)


async def _create_in_every_service(
    gateway: httpx.AsyncClient, tenant: Tenant, *, margin: str, input_tokens: int
) -> None:
    """One thing per service: an approval request, an invitation, billing settings, a usage record.
    `margin` and `input_tokens` differ per tenant, so whose value an answer shows is unambiguous."""
    approval = await _created(
        gateway.post(
            "/api/v2/admin/approvals",
            headers=tenant.headers,
            # The public route takes the types no service owns (a role change is filed by identity).
            json={
                "type": "deployment",
                "action": "deploy",
                "resourceType": "release",
                "resourceId": str(uuid.uuid4()),
                "details": {"version": "2.4.0"},
            },
        ),
        201,
    )
    invitation = await _created(
        gateway.post(
            "/api/v2/admin/invitations",
            headers=tenant.headers,
            json={"email": f"isolation-{uuid.uuid4().hex[:12]}@example.com", "role": "operator"},
        ),
        201,
    )
    await _created(gateway.put("/api/v2/billing/settings", headers=tenant.headers, json={"marginPercent": margin}), 200)
    producer = await create_service_key(gateway, tenant.headers, tenant_id=tenant.tenant_id)  # usage: a producer's
    await _created(
        gateway.post(
            "/api/v2/metering/record",
            headers=producer.headers,
            json={
                "requestId": str(uuid.uuid4()),
                "providerId": "openai",
                "modelId": "gpt-4o",
                "modelName": "GPT-4o",
                "requestType": "chat",
                "inputTokens": input_tokens,
                "outputTokens": 1,
                "latencyMs": 100,
            },
        ),
        202,
    )
    approval_id, invitation_id = approval["approval"]["id"], invitation["invitation"]["id"]
    tenant.created |= {
        ("approval", approval_id),
        ("invitation", invitation_id),
        ("billing margin", margin),
        ("metered input tokens", str(input_tokens)),
        ("audited", approval_id),
        ("audited", invitation_id),
    }
    tenant.lookups += [f"/api/v2/admin/approvals/{approval_id}", f"/api/v2/admin/invitations/{invitation_id}"]


async def _created(request, status: int) -> dict:
    response = await request
    assert response.status_code == status, response.text
    return response.json()


async def _visible_to(gateway: httpx.AsyncClient, tenant: Tenant) -> set[Item]:
    """Everything the tenant's lists and totals show, in the same terms as `Tenant.created`."""

    async def get(path: str, **params) -> dict:
        response = await gateway.get(path, params=params, headers=tenant.headers)
        assert response.status_code == 200, response.text
        return response.json()

    approvals = (await get("/api/v2/admin/approvals", limit=100))["approvals"]
    invitations = (await get("/api/v2/admin/invitations", limit=100))["invitations"]
    margin = (await get("/api/v2/billing/settings"))["marginPercent"]
    input_tokens = sum(r["inputTokens"] for r in (await get("/api/v2/metering/rollups"))["rollups"])
    audited = (await get("/api/v2/admin/audit", limit=200))["entries"]
    return (
        {("approval", a["id"]) for a in approvals}
        | {("invitation", i["id"]) for i in invitations}
        | {("billing margin", margin), ("metered input tokens", str(input_tokens))}
        | {("audited", e["resourceId"]) for e in audited}
    )


async def _sees_all_it_created(gateway: httpx.AsyncClient, tenant: Tenant) -> set[Item]:
    """What the tenant sees, once its own asynchronous effects (rollups, audit entries) have landed."""
    return await eventually(
        lambda: _visible_to(gateway, tenant), until=lambda seen: tenant.created <= seen, what="the tenant's own data"
    )


async def test_what_one_tenant_creates_is_invisible_to_another_through_the_api(platform, gateway, make_token):
    a, b = _tenant(make_token), _tenant(make_token)
    await _create_in_every_service(gateway, a, margin="21.00", input_tokens=1111)
    await _create_in_every_service(gateway, b, margin="37.50", input_tokens=2222)
    await _sees_all_it_created(gateway, b)  # B's data has landed everywhere: from here on A could see it
    seen_by_a = await _sees_all_it_created(gateway, a)

    assert seen_by_a.isdisjoint(b.created), seen_by_a & b.created
    for path in b.lookups:  # not even by id
        response = await gateway.get(path, headers=a.headers)
        assert response.status_code == 404, (path, response.status_code)
    for path in a.lookups:
        assert (await gateway.get(path, headers=a.headers)).status_code == 200


@pytest.mark.parametrize("service", SERVICES)
async def test_service_role_cannot_read_or_write_another_services_schema(stack, service):
    others = [s for s in SERVICES if s != service]
    async with service_db(stack, service) as conn:
        assert await conn.fetchval("SELECT current_schema()") == service  # its names resolve to its schema
        await conn.fetchval("SELECT count(*) FROM outbox")  # and it reads its own tables (raises if not)
        assert await _schemas_reachable(conn) == [service]
        for other in others:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.fetchval(f"SELECT count(*) FROM {other}.outbox")
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await conn.execute(f"CREATE TABLE {other}.intruder (id int)")
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await conn.execute("CREATE TABLE public.intruder (id int)")


async def _schemas_reachable(conn: asyncpg.Connection) -> list[str]:
    """Every non-system schema the login may use (USAGE): a table in any other one is out of its reach,
    whatever grants the table itself carries."""
    rows = await conn.fetch(
        "SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema'"
        " AND has_schema_privilege(oid, 'USAGE') ORDER BY nspname"
    )
    return [r["nspname"] for r in rows]
