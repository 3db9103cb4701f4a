"""A downgrade end to end, against the running stack: in a prod tenant it is filed as an approval,
approved by two other administrators, executed by billing (scheduled for the period's end, the
tenant keeps its plan until then), and applied at renewal — `subscription.changed` published with the
lower plan's limits, its fee charged for the new period. The renewal runs here with the day it is
given (`renew(session, tenant, today)`, what the renewal job runs per tenant with the real date), so
the test need not wait a month; only this test's tenant is renewed."""

from __future__ import annotations

import time
import uuid
from datetime import date, timedelta
from decimal import Decimal

import pytest_asyncio

from radiant_billing.config import Settings
from radiant_billing.plans.service import renew
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_testing import bearer, event_json, eventually, tail_topic
from radiant_testing.onboarding import new_tenant

ADMIN = "/api/v2/admin/billing"
APPROVALS = "/api/v2/admin/approvals"


@pytest_asyncio.fixture
async def billing_sessions(platform):
    engine = create_engine(Settings())
    try:
        yield create_sessionmaker(engine)
    finally:
        await engine.dispose()


def _prod(make_token, admin) -> dict[str, str]:
    return bearer(make_token(role=admin.role, tenant_id=admin.tenant_id, environment="prod", subject=admin.id))


def _approver(make_token, tenant: str) -> dict[str, str]:
    """Another super_admin, with the fresh second factor a prod decision wants."""
    return bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod", mfa_time=int(time.time())))


async def _approve(gateway, make_token, tenant: str, approval_id: str) -> dict:
    """A billing_change in prod needs two approvers besides the requester; the execution they lead to."""
    for _ in range(2):
        decided = await gateway.post(
            f"{APPROVALS}/{approval_id}/process", json={"action": "approve"}, headers=_approver(make_token, tenant)
        )
        assert decided.status_code == 200, decided.text

    async def execution():
        response = await gateway.get(f"{APPROVALS}/{approval_id}", headers=_approver(make_token, tenant))
        return response.json()["approval"]["execution"] or {}

    return await eventually(execution, until=lambda e: e.get("status") in ("executed", "failed"))


def _changed(tenant: str, change: str):
    def match(record) -> bool:
        event = event_json(record)
        return (
            event["type"] == "radiant.subscription.changed.v1"
            and event["tenantid"] == tenant
            and event["data"]["change"] == change
        )

    return match


async def _renew_at_period_end(stack, sessions, tenant: str, period_end: date) -> dict:
    """Renew the tenant's subscription on the day after its period ends; the subscription.changed it publishes."""
    async with tail_topic(stack, "billing-events") as events:
        async with unit_of_work(sessions) as session:
            assert await renew(session, tenant, period_end + timedelta(days=1)) == 1
        [event] = await events.wait_for(_changed(tenant, "downgrade"))
    return event_json(event)


async def test_a_prod_downgrade_goes_through_approval_and_applies_at_the_periods_end(
    gateway, make_token, stack, onboard, billing_sessions
):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    headers = _prod(make_token, requester)
    r = await gateway.post(f"{ADMIN}/upgrade", headers=headers, json={"plan": "pro"})
    assert r.status_code == 200, r.text

    async with tail_topic(stack, "billing-events") as events:
        filed = await gateway.post(f"{ADMIN}/downgrade", headers=headers, json={"plan": "starter"})
        assert filed.status_code == 202, filed.text
        body = filed.json()
        assert (body["status"], body["plan"]) == ("pending_approval", "starter")
        sub = (await gateway.get(f"{ADMIN}/subscription", headers=headers)).json()
        # Filed, not decided: still pro, the change waits for approval.
        assert sub["plan"]["id"] == "pro"
        assert sub["scheduledChange"] is None or sub["scheduledChange"]["status"] == "pending_approval"
        approval = (await gateway.get(f"{APPROVALS}/{body['approvalId']}", headers=headers)).json()["approval"]
        assert approval["filedByService"] == "billing" and approval["requestedBy"]["id"] == requester.id

        execution = await _approve(gateway, make_token, tenant, body["approvalId"])
        assert execution["status"] == "executed", execution
        # Nothing changed yet: a downgrade takes effect when the period ends.
        assert not [r for r in await events.drain(2) if _changed(tenant, "downgrade")(r)]

    sub = (await gateway.get(f"{ADMIN}/subscription", headers=headers)).json()
    period_end = date.fromisoformat(sub["periodEnd"])
    effective = period_end + timedelta(days=1)
    assert sub["plan"]["id"] == "pro"
    assert sub["scheduledChange"]["plan"] == "starter" and sub["scheduledChange"]["status"] == "scheduled"
    assert sub["scheduledChange"]["effectiveOn"] == effective.isoformat()

    event = await _renew_at_period_end(stack, billing_sessions, tenant, period_end)
    data = event["data"]
    assert (data["plan"], data["previous_plan"]) == ("starter", "pro")
    assert data["limits"]["max_users"] == 10 and data["limits"]["max_tokens_per_month"] == 10_000_000
    assert data["period"]["start"] == effective.isoformat()
    after = (await gateway.get(f"{ADMIN}/subscription", headers=headers)).json()
    assert after["plan"]["id"] == "starter" and after["scheduledChange"] is None
    assert after["periodStart"] == effective.isoformat() and after["revision"] == data["revision"]


async def test_a_scheduled_downgrade_is_applied_at_renewal_and_the_new_period_is_charged_at_its_price(
    gateway, make_token, stack, billing_sessions
):
    tenant = new_tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=tenant))
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "pro"})).status_code == 200
    r = await gateway.post(f"{ADMIN}/downgrade", headers=admin, json={"plan": "starter"})
    assert r.status_code == 200 and r.json()["status"] == "scheduled", r.text
    period_end = date.fromisoformat(r.json()["subscription"]["periodEnd"])
    effective = period_end + timedelta(days=1)

    # The day before the period ends nothing renews.
    async with unit_of_work(billing_sessions) as session:
        assert await renew(session, tenant, period_end) == 0
    event = await _renew_at_period_end(stack, billing_sessions, tenant, period_end)
    assert (event["data"]["plan"], event["data"]["previous_plan"]) == ("starter", "pro")
    assert event["data"]["monthly_price"] == "49.00"
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert (sub["plan"]["id"], sub["monthlyPrice"], sub["scheduledChange"]) == ("starter", "49.00", None)
    [fee] = [c for c in sub["uninvoicedCharges"] if c["kind"] == "plan_fee" and c["serviceStart"] == sub["periodStart"]]
    assert Decimal(fee["amount"]) == Decimal("49.00") and fee["serviceEnd"] == sub["periodEnd"]
    assert sub["periodStart"] == effective.isoformat()
    # Renewing again the same day changes nothing (the job may run twice).
    async with unit_of_work(billing_sessions) as session:
        assert await renew(session, tenant, effective) == 0
    again = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert again["revision"] == sub["revision"]


async def test_a_downgrade_below_the_tenants_member_count_is_refused_with_the_users_limit(gateway, make_token):
    """Identity counts the seats (accounts and pending invitations) over its internal route for billing."""
    tenant = new_tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=tenant))
    assert (await gateway.post(f"{ADMIN}/upgrade", headers=admin, json={"plan": "starter"})).status_code == 200
    for n in range(4):  # the free plan seats 3; the fourth fits once identity holds the starter plan's limits

        async def invited(n=n):
            body = {"email": f"seat-{n}-{uuid.uuid4().hex[:8]}@seats.example", "role": "operator"}
            return await gateway.post("/api/v2/admin/invitations", json=body, headers=admin)

        r = await eventually(invited, until=lambda r: r.status_code == 201, what=f"invitation {n}")
    r = await gateway.post(f"{ADMIN}/downgrade", headers=admin, json={"plan": "free"})
    assert r.status_code == 409, r.text
    problem = r.json()
    assert problem["type"] == "urn:radiant:problem:plan-limits-exceeded"
    assert [e for e in problem["exceeded"] if e["resource"] == "users"] == [
        {"limit": "max_users", "resource": "users", "current": 4, "allowed": 3}
    ]
    assert "4 users on a plan of 3" in problem["detail"]
    sub = (await gateway.get(f"{ADMIN}/subscription", headers=admin)).json()
    assert sub["plan"]["id"] == "starter" and sub["scheduledChange"] is None
