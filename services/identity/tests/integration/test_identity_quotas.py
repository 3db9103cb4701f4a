"""Users quota (issue 14, seed 004 §3): identity's copy of the plan's limits, pending invitations
counted, the one refusal shape, and concurrent invitations at the limit."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, date, datetime

from radiant_contracts import make_event
from radiant_contracts.events.billing import PlanLimits, SubscriptionChanged
from radiant_contracts.events.metering import QuotaThresholdCrossed
from radiant_contracts.quotas import DEFAULT_PLAN_LIMITS
from radiant_testing import bearer, eventually, service_db
from radiant_testing.internal import internal_client
from radiant_testing.onboarding import new_email, new_tenant

INVITE = "/api/v2/admin/invitations"


async def _give_plan(platform, kafka_producer, tenant: str, *, max_users: int | None, revision: int = 1) -> None:
    """Billing's `subscription.changed` for the tenant, then wait until identity holds the limit."""
    event = make_event(
        SubscriptionChanged(
            change="upgrade",
            plan="test-plan",
            status="active",
            effective_at=datetime.now(UTC),
            revision=revision,
            limits=PlanLimits(max_users=max_users, max_agents=2, max_tokens_per_month=1000, max_storage_gb=1),
        ),
        tenant_id=tenant,
        source="radiant/billing",
    )
    await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())

    async def stored():
        async with service_db(platform, "identity") as conn:
            return await conn.fetchrow(
                "SELECT max_users, revision FROM identity.plan_limits WHERE tenant_id = $1", tenant
            )

    await eventually(stored, until=lambda row: row is not None and row["revision"] == revision)


async def _invite(gateway, token: str, role: str = "operator"):
    return await gateway.post(INVITE, headers=bearer(token), json={"email": new_email("seat"), "role": role})


def _assert_quota_problem(response, *, current: int, limit: int) -> None:
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["type"] == "urn:radiant:problem:quota-exceeded"
    assert body["resource"] == "users"
    assert (body["current"], body["limit"], body["percentage"]) == (current, limit, 100)
    assert body["upgradeUrl"] == "/admin/billing/upgrade"
    assert body["detail"] == "Users limit reached for your plan"


async def test_pending_invitations_count_and_the_refusal_names_the_quota(platform, gateway, make_token, kafka_producer):
    tenant = new_tenant()
    await _give_plan(platform, kafka_producer, tenant, max_users=2)
    token = make_token(role="super_admin", tenant_id=tenant, environment="dev")
    assert (await _invite(gateway, token)).status_code == 201
    assert (await _invite(gateway, token)).status_code == 201
    refused = await _invite(gateway, token)
    _assert_quota_problem(refused, current=2, limit=2)  # two pending invitations hold both seats
    async with service_db(platform, "identity") as conn:
        pending = await conn.fetchval("SELECT count(*) FROM identity.invitations WHERE tenant_id = $1", tenant)
    assert pending == 2

    # An upgrade (a newer revision) raises the limit; an older revision redelivered changes nothing.
    await _give_plan(platform, kafka_producer, tenant, max_users=3, revision=2)
    assert (await _invite(gateway, token)).status_code == 201
    await _give_plan(platform, kafka_producer, tenant, max_users=3, revision=2)
    _assert_quota_problem(await _invite(gateway, token), current=3, limit=3)


async def test_twenty_concurrent_invitations_at_the_limit_create_exactly_as_many_as_fit(
    platform, gateway, make_token, kafka_producer
):
    tenant = new_tenant()
    await _give_plan(platform, kafka_producer, tenant, max_users=5)
    token = make_token(role="super_admin", tenant_id=tenant, environment="dev")
    assert (await _invite(gateway, token)).status_code == 201  # one seat taken already
    answers = await asyncio.gather(*(_invite(gateway, token) for _ in range(20)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses == [201] * 4 + [403] * 16, [a.text for a in answers if a.status_code not in (201, 403)]
    for refused in (a for a in answers if a.status_code == 403):
        assert refused.json()["resource"] == "users" and refused.json()["limit"] == 5
    async with service_db(platform, "identity") as conn:
        stored = await conn.fetchval(
            "SELECT count(*) FROM identity.invitations WHERE tenant_id = $1 AND status = 'pending'", tenant
        )
    assert stored == 5


async def test_a_tenant_without_a_plan_is_held_to_the_default_plans_limit(platform, gateway, make_token):
    tenant = new_tenant()
    async with internal_client(platform, caller="metering", callee="identity") as metering:
        answer = await metering.get(f"/internal/v1/quotas/{tenant}")
        assert answer.status_code == 200, answer.text
        quotas = {q["resource"]: q for q in answer.json()["quotas"]}
        assert quotas["users"]["limit"] == DEFAULT_PLAN_LIMITS["users"] and quotas["users"]["current"] == 0
        assert quotas["agents"]["limit"] == DEFAULT_PLAN_LIMITS["agents"]
        token = make_token(role="super_admin", tenant_id=tenant, environment="dev")
        assert (await _invite(gateway, token)).status_code == 201
        answer = await metering.get(f"/internal/v1/quotas/{tenant}")
        users = {q["resource"]: q for q in answer.json()["quotas"]}["users"]
    assert users["current"] == 1
    assert users["percentage"] == 100 // DEFAULT_PLAN_LIMITS["users"]  # type: ignore[operator]
    async with internal_client(platform, caller="billing", callee="identity") as billing:
        assert (await billing.get(f"/internal/v1/quotas/{tenant}")).status_code == 403  # metering's alone


async def _titles(gateway, token: str, count: int) -> list[str]:
    async def notifications():
        return (await gateway.get("/api/v2/admin/notifications", headers=bearer(token))).json()

    body = await eventually(notifications, until=lambda b: len(b["notifications"]) >= count, timeout=20)
    return sorted(n["title"] for n in body["notifications"])


async def test_administrators_are_told_at_80_and_100_percent_once(
    platform, gateway, make_token, kafka_producer, onboard, inbox
):
    tenant = new_tenant()
    await _give_plan(platform, kafka_producer, tenant, max_users=5)
    boss = await onboard(tenant, role="super_admin")  # 1 of 5
    token = make_token(role="super_admin", tenant_id=tenant, environment="dev", subject=boss.id)
    for _ in range(3):  # 4 of 5: 80 %
        assert (await _invite(gateway, token)).status_code == 201
    assert await _titles(gateway, token, 1) == ["Users quota at 80%"]
    assert (await _invite(gateway, token)).status_code == 201  # 5 of 5
    assert await _titles(gateway, token, 2) == ["Users quota at 80%", "Users quota reached"]
    mail = await inbox.wait_for(boss.email, subject_contains="Users quota reached")
    # the console's billing page with the upgrade prompt open
    assert re.search(r'href="https?://[^"]+/console/billing\?upgrade=1"', mail["html"]), mail["html"]

    # Metering's token threshold (as metering publishes it) reaches the same administrators, once.
    crossed = make_event(
        QuotaThresholdCrossed(
            resource="tokens",
            unit="tokens",
            threshold_percent=80,
            current=800,
            limit=1000,
            percentage=80,
            period_start=date.today().replace(day=1),
            period_end=date.today(),
        ),
        tenant_id=tenant,
        source="radiant/metering",
    )
    for _ in range(2):  # a redelivery notifies nobody twice
        await kafka_producer.send_and_wait(crossed.topic, crossed.to_bytes(), key=crossed.kafka_key())
    titles = await _titles(gateway, token, 3)
    assert titles == ["Tokens quota at 80%", "Users quota at 80%", "Users quota reached"]
    # Refused past the limit, and a refusal notifies nobody again.
    _assert_quota_problem(await _invite(gateway, token), current=5, limit=5)
    assert len(await _titles(gateway, token, 3)) == 3


async def test_agents_quota_refuses_the_agent_past_the_plan(platform, gateway, make_token, kafka_producer):
    tenant = new_tenant()
    await _give_plan(platform, kafka_producer, tenant, max_users=5)  # max_agents=2
    token = bearer(make_token(role="admin", tenant_id=tenant, environment="dev"))

    async def create(name: str):
        return await gateway.post("/api/v2/admin/agents", headers=token, json={"name": name, "modelId": "gpt-4o"})

    answers = await asyncio.gather(*(create(f"agent-{i}") for i in range(4)))
    assert sorted(a.status_code for a in answers) == [201, 201, 403, 403], [a.text for a in answers]
    refused = next(a for a in answers if a.status_code == 403)
    assert refused.headers["content-type"].startswith("application/problem+json")
    body = refused.json()
    assert (body["type"], body["resource"], body["current"], body["limit"], body["percentage"]) == (
        "urn:radiant:problem:quota-exceeded",
        "agents",
        2,
        2,
        100,
    )
    assert body["upgradeUrl"] == "/admin/billing/upgrade"
