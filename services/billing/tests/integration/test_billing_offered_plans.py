"""The plans a tenant may move to (GET /api/v2/admin/billing/plans): what the console's upgrade prompt
offers — the catalogue's available plans with their prices and limits, lowest rank first — read by
any administrator who may read billing, never by an operator's token or without one."""

import uuid

from radiant_testing import bearer

PLANS = "/api/v2/admin/billing/plans"


async def test_a_tenant_reads_the_offered_plans_lowest_first_with_prices_and_limits(gateway, make_token):
    auditor = bearer(make_token(role="auditor", tenant_id=f"t-offer-{uuid.uuid4().hex[:12]}"))
    r = await gateway.get(PLANS, headers=auditor)
    assert r.status_code == 200, r.text
    plans = r.json()["plans"]
    assert plans, "the catalogue offers at least the default plan"
    assert all(p["available"] for p in plans)
    assert [p["rank"] for p in plans] == sorted(p["rank"] for p in plans)
    ids = [p["id"] for p in plans]
    assert {"free", "starter"} <= set(ids) and ids.index("free") < ids.index("starter")
    starter = plans[ids.index("starter")]
    assert starter["prices"]["USD"] == "49.00" and starter["limits"]["maxUsers"] == 10
    assert [p for p in plans if p["default"]] == [plans[ids.index("free")]]


async def test_the_offered_plans_need_a_tenant_administrator_who_reads_billing(gateway, make_token):
    operator = bearer(make_token(kind="operator", role="platform_admin", subject=str(uuid.uuid4())))
    member = bearer(make_token(role="member", tenant_id=f"t-offer-{uuid.uuid4().hex[:12]}"))
    assert (await gateway.get(PLANS)).status_code == 401
    assert (await gateway.get(PLANS, headers=operator)).status_code == 403
    assert (await gateway.get(PLANS, headers=member)).status_code == 403
