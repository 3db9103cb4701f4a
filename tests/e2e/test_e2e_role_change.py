"""DESIGN.md flow 2 across three services: a role change in a prod tenant needs a second admin.

identity (PUT /admin/users/{id}) → approval request → a different super_admin approves →
`approval.approved` on Kafka → identity applies the role → `approval.executed` → approval shows it.
"""

from __future__ import annotations

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import new_tenant


async def _token(login, admin) -> str:
    response = await login(admin, totpCode=admin.totp())
    assert response.status_code == 200, response.text
    return response.json()["accessToken"]


async def test_prod_role_change_is_applied_only_after_another_admin_approves(platform, gateway, onboard, login):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    approver = await onboard(tenant, role="super_admin", environment="prod")
    target = await onboard(tenant, role="operator", environment="prod")
    requester_token, approver_token = await _token(login, requester), await _token(login, approver)

    change = await gateway.put(
        f"/api/v2/admin/users/{target.id}", json={"role": "admin"}, headers=bearer(requester_token)
    )
    assert change.status_code == 202, change.text
    approval_id = change.json()["pendingApproval"]["id"]

    user = await gateway.get(f"/api/v2/admin/users/{target.id}", headers=bearer(requester_token))
    assert user.json()["adminUser"]["role"] == "operator"  # nothing changes before the decision

    own = await gateway.post(
        f"/api/v2/admin/approvals/{approval_id}/process", json={"action": "approve"}, headers=bearer(requester_token)
    )
    assert own.status_code == 403  # the two-person rule: never your own request

    mine = await gateway.get("/api/v2/admin/approvals?status=pending&pendingForMe=true", headers=bearer(approver_token))
    assert approval_id in [a["id"] for a in mine.json()["approvals"]]
    decision = await gateway.post(
        f"/api/v2/admin/approvals/{approval_id}/process", json={"action": "approve"}, headers=bearer(approver_token)
    )
    assert decision.status_code == 200, decision.text

    async def executed():
        response = await gateway.get(f"/api/v2/admin/approvals/{approval_id}", headers=bearer(approver_token))
        approval = response.json()["approval"]
        return approval if (approval.get("execution") or {}).get("status") == "executed" else None

    approval = await eventually(executed)
    assert approval["status"] == "approved"
    assert approval["execution"]["service"] == "identity"
    user = await gateway.get(f"/api/v2/admin/users/{target.id}", headers=bearer(approver_token))
    assert user.json()["adminUser"]["role"] == "admin"

    # Every step landed in the tenant's tamper-evident audit log, from the services that did it.
    wanted = {
        ("identity", "user.role_change_requested"),
        ("approval", "approval.create"),
        ("approval", "approval.approve"),
        ("approval", "approval.execute"),
        ("identity", "user.role_change"),
    }

    async def audited():
        response = await gateway.get("/api/v2/admin/audit?limit=200", headers=bearer(approver_token))
        assert response.status_code == 200, response.text
        seen = {(e["source"].removeprefix("radiant/"), e["action"]) for e in response.json()["entries"]}
        return seen if wanted <= seen else None

    await eventually(audited)
    verify = await gateway.get("/api/v2/admin/audit/verify", headers=bearer(approver_token))
    assert verify.status_code == 200 and verify.json()["valid"] is True
