"""The dashboard's home screen (issue 13, seed 004 §2.1 `GET /admin/stats`): members by role and
status, pending invitations, agents by status, usage and spend against the budget, the caller's
pending approvals and quota use per resource, in one call — each number what was recorded, composed
from identity's own records and billing's, metering's and approval's internal routes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from radiant_contracts import make_event
from radiant_contracts.events.billing import PlanLimits, SubscriptionChanged
from radiant_contracts.sources import BILLING
from radiant_testing import bearer, eventually, service_db
from radiant_testing.agent_runtime import simulated_runtime
from radiant_testing.internal import internal_client
from radiant_testing.onboarding import new_email, new_tenant

API = "/api/v2/admin/stats"
AGENTS = "/api/v2/admin/agents"


async def _roomy_plan(platform, kafka_producer, tenant: str) -> None:
    """A plan without limits, so the test's people and agents fit; waits until identity holds it."""
    event = make_event(
        SubscriptionChanged(
            change="upgrade",
            plan="stats-test-plan",
            status="active",
            effective_at=datetime.now(UTC),
            revision=1,
            limits=PlanLimits(max_users=None, max_agents=None, max_tokens_per_month=None, max_storage_gb=None),
        ),
        tenant_id=tenant,
        source=BILLING,
    )
    await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())

    async def held() -> bool:
        async with service_db(platform, "identity") as db:
            row = await db.fetchrow("SELECT plan FROM identity.plan_limits WHERE tenant_id = $1", tenant)
        return row is not None and row["plan"] == "stats-test-plan"

    await eventually(held, what="identity holds the plan")


async def _model(gateway, make_token) -> str:
    model_id = f"stats-test-{uuid.uuid4().hex[:10]}"
    body = {"providerId": "test", "modelName": "Stats model", "inputPricePerMillion": "3", "outputPricePerMillion": "9"}
    response = await gateway.put(
        f"/api/v2/metering/models/{model_id}", json=body, headers=bearer(make_token(kind="operator"))
    )
    assert response.status_code == 200, response.text
    return model_id


@pytest.fixture
async def runtime(platform):
    async with simulated_runtime(platform) as sim:
        yield sim


async def test_the_home_screen_counts_what_was_recorded(
    platform, gateway, make_token, make_service_key, kafka_producer, onboard, invite, runtime
):
    tenant = new_tenant()
    await _roomy_plan(platform, kafka_producer, tenant)
    owner = await onboard(tenant, role="super_admin")
    admin = await onboard(tenant, role="admin")
    first_operator = await onboard(tenant, role="operator")
    await onboard(tenant, role="operator")
    owner_token = bearer(make_token(role="super_admin", tenant_id=tenant, subject=owner.id))
    admin_token = bearer(make_token(role="admin", tenant_id=tenant, subject=admin.id))

    suspended = await gateway.put(
        f"/api/v2/admin/users/{first_operator.id}", json={"status": "suspended"}, headers=owner_token
    )
    assert suspended.status_code == 200, suspended.text
    await invite(tenant, new_email("pending"), role="auditor")
    await invite(tenant, new_email("pending"), role="member")

    model = await _model(gateway, make_token)
    agents = []
    for name in ("Triage", "Summaries"):
        created = await gateway.post(AGENTS, json={"name": name, "modelId": model}, headers=owner_token)
        assert created.status_code == 201, created.text
        agents.append(created.json()["agent"]["id"])
    runtime.serve(agents[0])  # the simulated runtime answers this agent's start
    started = await gateway.post(f"{AGENTS}/{agents[0]}/start", headers=owner_token)
    assert started.status_code in (200, 202), started.text

    async def running() -> str:
        return (await gateway.get(f"{AGENTS}/{agents[0]}", headers=owner_token)).json()["agent"]["status"]

    await eventually(running, until=lambda s: s == "running", what="the agent running")

    budget = await gateway.put("/api/v2/billing/settings", json={"budgetLimit": "1000.00"}, headers=owner_token)
    assert budget.status_code == 200, budget.text
    key = await make_service_key(tenant_id=tenant)
    usage = [
        {
            "requestId": str(uuid.uuid4()),
            "providerId": "test",
            "modelId": model,
            "modelName": "Stats model",
            "requestType": "chat",
            "inputTokens": tokens,
            "outputTokens": tokens // 2,
            "latencyMs": 9,
            "agentId": agents[0],
        }
        for tokens in (120_000, 40_000)
    ]
    assert (
        await gateway.post("/api/v2/metering/batch", json={"events": usage}, headers=key.headers)
    ).status_code == 202

    async def billed():
        return (await gateway.get("/api/v2/billing/current", headers=owner_token)).json()

    current = await eventually(billed, until=lambda c: c["totals"]["requestCount"] == 2, what="usage billed")

    filed = await gateway.post(
        "/api/v2/admin/approvals",
        json={
            "type": "deployment",
            "action": "deploy",
            "resourceType": "release",
            "resourceId": "r-1",
            "details": {"version": "2.4.0"},
        },
        headers=admin_token,
    )
    assert filed.status_code == 201, filed.text

    answer = await gateway.get(API, headers=owner_token)
    assert answer.status_code == 200, answer.text
    stats = answer.json()
    assert stats["tenantId"] == tenant and stats["unavailable"] == []

    members = stats["members"]
    assert members["total"] == 4
    assert members["byRole"] == {"super_admin": 1, "admin": 1, "operator": 2}
    assert members["byStatus"] == {"active": 3, "suspended": 1}
    assert {"role": "operator", "status": "suspended", "count": 1} in members["byRoleAndStatus"]
    assert stats["invitations"] == {"pending": 2, "pendingByRole": {"auditor": 1, "member": 1}}
    assert stats["agents"] == {
        "total": 2,
        "byStatus": {"running": 1, "stopped": 1},
        "byDesiredState": {"running": 1, "stopped": 1},
    }

    spend = stats["spend"]
    assert (spend["periodStart"], spend["periodEnd"]) == (current["period"]["start"], current["period"]["end"])
    assert spend["requestCount"] == 2 and spend["totalTokens"] == 240_000
    assert Decimal(spend["billedCost"]) == Decimal(current["totals"]["billedCost"])
    assert Decimal(spend["budgetLimit"]) == Decimal("1000.00") and spend["budgetStatus"] == "within_budget"

    assert stats["approvals"] == {"pending": 1, "awaitingDecision": 1, "requestedByMe": 0}
    quotas = {q["resource"]: q for q in stats["quotas"]}
    assert set(quotas) == {"users", "agents", "tokens", "storage"}
    assert quotas["users"]["current"] == 6  # four people and two pending invitations
    assert quotas["agents"]["current"] == 2 and quotas["agents"]["limit"] is None
    assert quotas["tokens"]["current"] == 240_000

    # The requester sees it as theirs, and an admin (no approvals:*) has nothing to decide.
    mine = (await gateway.get(API, headers=admin_token)).json()["approvals"]
    assert mine == {"pending": 1, "awaitingDecision": 0, "requestedByMe": 1}


async def test_the_home_screen_by_role(gateway, make_token):
    tenant = new_tenant()
    for role, status in (("super_admin", 200), ("admin", 200), ("operator", 200), ("auditor", 200), ("member", 403)):
        answer = await gateway.get(API, headers=bearer(make_token(role=role, tenant_id=tenant)))
        assert answer.status_code == status, (role, answer.text)
    empty = (await gateway.get(API, headers=bearer(make_token(role="operator", tenant_id=tenant)))).json()
    assert empty["members"]["total"] == 0 and empty["agents"]["total"] == 0 and empty["invitations"]["pending"] == 0
    assert empty["spend"]["requestCount"] == 0 and empty["spend"]["budgetStatus"] == "no_budget"


@pytest.mark.parametrize(
    ("callee", "path"),
    [
        ("billing", "/internal/v1/tenants/t-1/spend"),
        ("metering", "/internal/v1/tenants/t-1/metered-quotas"),
        ("approval", "/internal/v1/tenants/t-1/approvals/pending?userId=u-1"),
    ],
)
async def test_the_owners_parts_answer_identity_alone(platform, callee, path):
    async with internal_client(platform, caller="identity", callee=callee) as identity:
        assert (await identity.get(path)).status_code == 200
    async with internal_client(platform, caller="audit", callee=callee) as other:
        assert (await other.get(path)).status_code == 403
    async with internal_client(platform, caller=None, callee=callee) as anonymous:
        assert (await anonymous.get(path)).status_code == 401
