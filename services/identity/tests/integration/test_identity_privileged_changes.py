"""The two-person rule cannot be defeated with extra accounts (issue 12 finding 4).

In prod, granting `super_admin` or `admin` (by invitation or role change) and removing or suspending an
administrator go through approval, filed by identity; the approved change is re-checked when identity
executes it. The last active super_admin of a tenant can be neither removed, suspended nor demoted.
"""

from __future__ import annotations

import time
from typing import Any

from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.onboarding import new_email, new_tenant

USERS = "/api/v2/admin/users"
INVITATIONS = "/api/v2/admin/invitations"
APPROVALS = "/api/v2/admin/approvals"


def _as(make_token, admin, role: str | None = None) -> dict[str, str]:
    """A token for a real administrator (its subject is the administrator's id)."""
    return bearer(
        make_token(
            role=role or admin.role,
            tenant_id=admin.tenant_id,
            environment=admin.environment,
            subject=admin.id,
            mfa_time=int(time.time()),  # a fresh second factor: approval decisions in prod want one
        )
    )


def _another_super_admin(make_token, tenant: str, environment: str = "prod") -> dict[str, str]:
    return bearer(make_token(role="super_admin", tenant_id=tenant, environment=environment, mfa_time=int(time.time())))


async def _approve(gateway, headers: dict[str, str], approval_id: str) -> None:
    response = await gateway.post(f"{APPROVALS}/{approval_id}/process", json={"action": "approve"}, headers=headers)
    assert response.status_code == 200, response.text


async def _execution(gateway, headers: dict[str, str], approval_id: str) -> dict[str, Any]:
    async def answered():
        approval = (await gateway.get(f"{APPROVALS}/{approval_id}", headers=headers)).json()["approval"]
        return approval if approval["executionStatus"] in ("executed", "failed") else None

    return (await eventually(answered, what=f"execution of {approval_id}"))["execution"]


async def _admin_row(platform, admin_id: str) -> tuple[str, str]:
    async with service_db(platform, "identity") as db:
        row = await db.fetchrow("SELECT role, status FROM administrators WHERE id = $1::uuid", admin_id)
    return row["role"], row["status"]


# --- invitations -------------------------------------------------------------------------------------


async def test_prod_super_admin_invitation_waits_for_another_super_admin(platform, gateway, inbox, make_token, onboard):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    email = new_email("second")
    response = await gateway.post(
        INVITATIONS, json={"email": email, "role": "super_admin"}, headers=_as(make_token, root)
    )
    assert response.status_code == 202, response.text
    pending = response.json()["pendingApproval"]
    assert pending["type"] == "admin_invitation" and pending["status"] == "pending"
    assert "invitation" not in response.json()

    # Not an active invitation: nothing to accept, nothing mailed, until someone else approves.
    listed = await gateway.get(INVITATIONS, headers=_as(make_token, root))
    assert email not in [i["email"] for i in listed.json()["invitations"]]
    own = await gateway.post(
        f"{APPROVALS}/{pending['id']}/process", json={"action": "approve"}, headers=_as(make_token, root)
    )
    assert own.status_code == 403

    approval = (await gateway.get(f"{APPROVALS}/{pending['id']}", headers=_as(make_token, root))).json()["approval"]
    assert approval["filedByService"] == "identity"
    assert approval["details"]["email"] == email and approval["details"]["role"] == "super_admin"

    await _approve(gateway, _another_super_admin(make_token, tenant), pending["id"])
    execution = await _execution(gateway, _as(make_token, root), pending["id"])
    assert execution["status"] == "executed", execution
    mail = await inbox.wait_for(email, subject_contains="invited")
    assert "super_admin" in mail["text"] or "Super" in mail["text"]
    listed = await gateway.get(INVITATIONS, headers=_as(make_token, root))
    [invitation] = [i for i in listed.json()["invitations"] if i["email"] == email]
    assert invitation["status"] == "pending" and invitation["role"] == "super_admin"
    assert invitation["invitedBy"]["id"] == root.id  # the requester's invitation, approved by another


async def test_prod_admin_invitation_waits_but_lesser_roles_and_dev_do_not(gateway, make_token, onboard):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    admin = await gateway.post(INVITATIONS, json={"email": new_email(), "role": "admin"}, headers=_as(make_token, root))
    assert admin.status_code == 202 and admin.json()["pendingApproval"]["type"] == "admin_invitation"
    operator = await gateway.post(
        INVITATIONS, json={"email": new_email(), "role": "operator"}, headers=_as(make_token, root)
    )
    assert operator.status_code == 201 and operator.json()["invitation"]["role"] == "operator"

    dev_root = await onboard(new_tenant(), role="super_admin")
    dev = await gateway.post(
        INVITATIONS, json={"email": new_email(), "role": "super_admin"}, headers=_as(make_token, dev_root)
    )
    assert dev.status_code == 201


async def test_an_approved_invitation_is_rechecked_at_execution(platform, gateway, make_token, onboard):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    requester = await onboard(tenant, role="admin", environment="prod")  # filed and approved by the fixture
    response = await gateway.post(
        INVITATIONS, json={"email": new_email(), "role": "admin"}, headers=_as(make_token, requester)
    )
    assert response.status_code == 202, response.text
    # Before the decision the requester loses the right to grant admin: demoted to operator in dev terms.
    async with service_db(platform, "identity") as db:
        await db.execute("UPDATE administrators SET role = 'operator' WHERE id = $1::uuid", requester.id)
    approval_id = response.json()["pendingApproval"]["id"]
    await _approve(gateway, _as(make_token, root), approval_id)
    execution = await _execution(gateway, _as(make_token, root), approval_id)
    assert execution["status"] == "failed" and "admin" in execution["error"]


# --- removal, suspension, demotion ------------------------------------------------------------------


async def test_prod_removal_and_suspension_wait_for_approval(platform, gateway, make_token, onboard):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    operator = await onboard(tenant, role="operator", environment="prod")
    auditor = await onboard(tenant, role="auditor", environment="prod")

    removal = await gateway.delete(f"{USERS}/{operator.id}", headers=_as(make_token, root))
    assert removal.status_code == 202, removal.text
    assert removal.json()["pendingApproval"]["type"] == "admin_status_change"
    suspension = await gateway.put(f"{USERS}/{auditor.id}", json={"status": "suspended"}, headers=_as(make_token, root))
    assert suspension.status_code == 202, suspension.text
    assert suspension.json()["adminUser"]["status"] == "active"
    assert await _admin_row(platform, operator.id) == ("operator", "active")
    assert await _admin_row(platform, auditor.id) == ("auditor", "active")

    approver = _another_super_admin(make_token, tenant)
    async with tail_topic(platform, "audit-events") as audit:
        for pending in (removal.json()["pendingApproval"], suspension.json()["pendingApproval"]):
            await _approve(gateway, approver, pending["id"])
            assert (await _execution(gateway, approver, pending["id"]))["status"] == "executed"
        await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "user.remove"
        )
    assert await _admin_row(platform, operator.id) == ("operator", "deleted")
    assert await _admin_row(platform, auditor.id) == ("auditor", "suspended")


async def test_the_last_super_admin_cannot_be_removed_suspended_or_demoted(platform, gateway, make_token, onboard):
    for environment in ("dev", "prod"):
        tenant = new_tenant()
        last = await onboard(tenant, role="super_admin", environment=environment)
        # A super_admin token that is not `last` (e.g. an account removed while its token still lives).
        other = bearer(make_token(role="super_admin", tenant_id=tenant, environment=environment))
        removed = await gateway.delete(f"{USERS}/{last.id}", headers=other)
        assert removed.status_code == 409, removed.text
        assert removed.headers["content-type"].startswith("application/problem+json")
        assert "last super_admin" in removed.json()["detail"]
        suspended = await gateway.put(f"{USERS}/{last.id}", json={"status": "suspended"}, headers=other)
        assert suspended.status_code == 409, suspended.text
        demoted = await gateway.put(f"{USERS}/{last.id}", json={"role": "admin"}, headers=other)
        assert demoted.status_code == 409, demoted.text
        assert await _admin_row(platform, last.id) == ("super_admin", "active")


async def test_an_approved_removal_of_the_last_super_admin_fails_at_execution(platform, gateway, make_token, onboard):
    tenant = new_tenant()
    first = await onboard(tenant, role="super_admin", environment="prod")
    second = await onboard(tenant, role="super_admin", environment="prod")
    # Both removals were filed while two super_admins existed; the second to execute would leave none.
    approvals = []
    for requester, target in ((first, second), (second, first)):
        response = await gateway.delete(f"{USERS}/{target.id}", headers=_as(make_token, requester))
        assert response.status_code == 202, response.text
        approvals.append(response.json()["pendingApproval"]["id"])
    approver = _another_super_admin(make_token, tenant)
    for approval_id in approvals:
        await _approve(gateway, approver, approval_id)
    outcomes = [await _execution(gateway, approver, approval_id) for approval_id in approvals]
    assert sorted(o["status"] for o in outcomes) == ["executed", "failed"], outcomes
    assert any("requesting administrator" in (o["error"] or "") or "last" in (o["error"] or "") for o in outcomes)
    statuses = {(await _admin_row(platform, admin.id))[1] for admin in (first, second)}
    assert statuses == {"active", "deleted"}


async def test_an_approved_suspension_is_rechecked_at_execution(platform, gateway, make_token, onboard):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    requester = await onboard(tenant, role="admin", environment="prod")
    target = await onboard(tenant, role="operator", environment="prod")
    filed = await gateway.put(f"{USERS}/{target.id}", json={"status": "suspended"}, headers=_as(make_token, requester))
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["pendingApproval"]["id"]
    # The requester is suspended before anyone decides: the approval must not act in their name.
    async with service_db(platform, "identity") as db:
        await db.execute("UPDATE administrators SET status = 'suspended' WHERE id = $1::uuid", requester.id)
    await _approve(gateway, _as(make_token, root), approval_id)
    execution = await _execution(gateway, _as(make_token, root), approval_id)
    assert execution["status"] == "failed" and "requesting administrator" in execution["error"]
    assert await _admin_row(platform, target.id) == ("operator", "active")
