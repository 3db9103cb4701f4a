"""Administrators (hierarchy, cross-tenant, suspension, approval-driven role change), profiles and
notifications created from approval and billing events."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.approval import ApprovalRequested
from radiant_contracts.events.billing import BillingPeriod, InvoicePaymentFailed
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.onboarding import new_tenant
from radiant_testing.plans import give_plan


async def _publish(producer, event) -> None:
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key(), headers=event.kafka_headers())


async def _wait_for_notifications(gateway, token, count: int = 1):
    async def notifications():
        return (await gateway.get("/api/v2/admin/notifications", headers=bearer(token))).json()

    return await eventually(
        notifications,
        until=lambda body: len(body["notifications"]) >= count,
        timeout=20,
        what=f"{count} notification(s)",
    )


async def test_admin_users_hierarchy_update_suspend_delete(platform, gateway, make_token, onboard, login):
    tenant = new_tenant()
    boss = await onboard(tenant, role="super_admin")
    admin = await onboard(tenant, role="admin")
    operator = await onboard(tenant, role="operator")
    admin_token = (await login(admin)).json()["accessToken"]
    boss_token = (await login(boss)).json()["accessToken"]

    listed = await gateway.get("/api/v2/admin/users", headers=bearer(admin_token))
    assert {u["id"] for u in listed.json()["adminUsers"]} == {boss.id, admin.id, operator.id}

    above = await gateway.put(f"/api/v2/admin/users/{boss.id}", json={"firstName": "X"}, headers=bearer(admin_token))
    assert above.status_code == 403
    promote = await gateway.put(
        f"/api/v2/admin/users/{operator.id}", json={"role": "super_admin"}, headers=bearer(admin_token)
    )
    assert promote.status_code == 403
    assert (await gateway.delete(f"/api/v2/admin/users/{operator.id}", headers=bearer(admin_token))).status_code == 403

    async with tail_topic(platform, "audit-events") as audit:
        changed = await gateway.put(
            f"/api/v2/admin/users/{operator.id}", json={"role": "auditor"}, headers=bearer(admin_token)
        )
        assert changed.status_code == 200 and changed.json()["adminUser"]["role"] == "auditor"
        await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "user.role_change"
        )

        operator_tokens = (await login(operator)).json()
        suspended = await gateway.put(
            f"/api/v2/admin/users/{operator.id}", json={"status": "suspended"}, headers=bearer(admin_token)
        )
        assert suspended.status_code == 200 and suspended.json()["adminUser"]["status"] == "suspended"
        refresh = await gateway.post("/api/v2/auth/refresh", json={"refreshToken": operator_tokens["refreshToken"]})
        assert refresh.status_code == 401  # suspension revoked the session
        assert (await login(operator)).status_code == 401

        removed = await gateway.delete(f"/api/v2/admin/users/{operator.id}", headers=bearer(boss_token))
        assert removed.status_code == 200
        await audit.wait_for(
            lambda r: event_json(r)["tenantid"] == tenant and event_json(r)["data"]["action"] == "user.remove"
        )
    assert (await gateway.get(f"/api/v2/admin/users/{operator.id}", headers=bearer(boss_token))).status_code == 404

    stranger = make_token(role="super_admin", tenant_id=new_tenant())
    assert (await gateway.get(f"/api/v2/admin/users/{admin.id}", headers=bearer(stranger))).status_code == 404
    assert (
        await gateway.put(f"/api/v2/admin/users/{admin.id}", json={"role": "auditor"}, headers=bearer(stranger))
    ).status_code == 404


async def test_approved_role_change_is_applied_and_answered(platform, gateway, make_token, onboard, kafka_producer):
    """Role changes filed in prod (PUT /admin/users/{id} → 202) are carried out once approved, with the
    direct path's rules checked again against the state at execution."""
    tenant = new_tenant()
    await give_plan(platform, kafka_producer, tenant, max_users=10)  # five administrators: past the free plan's 3
    root = await onboard(tenant, role="super_admin", environment="prod")
    requester = await onboard(tenant, role="admin", environment="prod")
    target = await onboard(tenant, role="operator", environment="prod")
    vanishing = await onboard(tenant, role="operator", environment="prod")
    other = await onboard(tenant, role="operator", environment="prod")

    def as_admin(admin) -> dict[str, str]:
        return bearer(
            make_token(
                role=admin.role,
                tenant_id=tenant,
                environment="prod",
                subject=admin.id,
                mfa_time=int(time.time()),
            )
        )

    async def file(admin, on, role: str) -> str:
        response = await gateway.put(f"/api/v2/admin/users/{on.id}", json={"role": role}, headers=as_admin(admin))
        assert response.status_code == 202, response.text
        assert response.json()["pendingApproval"]["type"] == "user_role_change"
        return response.json()["pendingApproval"]["id"]

    approver = bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod", mfa_time=int(time.time())))
    applied = await file(requester, target, "admin")
    gone = await file(root, vanishing, "auditor")
    outranked = await file(requester, other, "admin")
    async with service_db(platform, "identity") as db:
        # Before the decisions: one target leaves, and the requester of another loses admin:write.
        await db.execute("UPDATE administrators SET status = 'deleted' WHERE id = $1::uuid", vanishing.id)

    async def execution(approval_id: str) -> dict:
        async def answered():
            response = await gateway.get(f"/api/v2/admin/approvals/{approval_id}", headers=as_admin(root))
            return response.json()["approval"]["execution"] or {}

        return await eventually(answered, until=lambda e: e.get("status") in ("executed", "failed"))

    for approval_id in (applied, gone):
        decided = await gateway.post(
            f"/api/v2/admin/approvals/{approval_id}/process", json={"action": "approve"}, headers=approver
        )
        assert decided.status_code == 200, decided.text
    done = await execution(applied)
    assert done["status"] == "executed" and done["result"] == {
        "admin_id": target.id,
        "previous_role": "operator",
        "new_role": "admin",
    }
    assert "no longer exists" in (await execution(gone))["error"]

    async with service_db(platform, "identity") as db:
        await db.execute("UPDATE administrators SET role = 'operator' WHERE id = $1::uuid", requester.id)
    decided = await gateway.post(
        f"/api/v2/admin/approvals/{outranked}/process", json={"action": "approve"}, headers=approver
    )
    assert decided.status_code == 200, decided.text
    assert "admin:write" in (await execution(outranked))["error"]
    async with service_db(platform, "identity") as db:
        role = await db.fetchval("SELECT role FROM administrators WHERE id = $1::uuid", target.id)
        other_role = await db.fetchval("SELECT role FROM administrators WHERE id = $1::uuid", other.id)
    assert (role, other_role) == ("admin", "operator")


async def test_prod_role_change_does_not_apply_directly(platform, gateway, onboard, login):
    tenant = new_tenant()
    boss = await onboard(tenant, role="super_admin", environment="prod")
    target = await onboard(tenant, role="operator", environment="prod")
    token = (await login(boss, totpCode=boss.totp())).json()["accessToken"]
    response = await gateway.put(f"/api/v2/admin/users/{target.id}", json={"role": "auditor"}, headers=bearer(token))
    # 202 with the pending approval when the approval service accepts it; an error if it cannot, never a 200.
    assert response.status_code != 200, response.text
    async with service_db(platform, "identity") as db:
        assert await db.fetchval("SELECT role FROM administrators WHERE id = $1::uuid", target.id) == "operator"
    if response.status_code == 202:
        assert response.json()["pendingApproval"]["type"] == "user_role_change"


async def test_approval_requested_notifies_approvers_but_not_the_requester(
    platform, gateway, inbox, kafka_producer, onboard, login
):
    tenant = new_tenant()
    approver = await onboard(tenant, role="super_admin")
    requester = await onboard(tenant, role="admin")
    requested = ApprovalRequested(
        approval_id=str(uuid.uuid4()),
        approval_type="billing_change",
        action="update_margin",
        resource_type="billing_settings",
        resource_id=tenant,
        details={"margin_percent": "25.00"},
        requested_by=requester.id,
        requested_by_name="Ada <b>Lovelace</b>",
        environment="dev",
        priority="high",
        expires_at=datetime.now(UTC) + timedelta(hours=24),
    )
    await _publish(kafka_producer, make_event(requested, tenant_id=tenant, source=service_source("approval")))

    approver_token = (await login(approver)).json()["accessToken"]
    body = await _wait_for_notifications(gateway, approver_token)
    note = body["notifications"][0]
    assert note["type"] == "approval" and note["priority"] == "high" and not note["read"]
    assert body["unreadCount"] == 1
    mail = await inbox.wait_for(approver.email, subject_contains="Approval Required")
    assert "Ada &lt;b&gt;Lovelace&lt;/b&gt;" in mail["html"]

    requester_token = (await login(requester)).json()["accessToken"]
    mine = (await gateway.get("/api/v2/admin/notifications", headers=bearer(requester_token))).json()
    assert mine["notifications"] == []

    read = await gateway.post(f"/api/v2/admin/notifications/{note['id']}/read", headers=bearer(approver_token))
    assert read.json() == {"updated": 1}
    count = await gateway.get("/api/v2/admin/notifications/unread-count", headers=bearer(approver_token))
    assert count.json() == {"unreadCount": 0}
    # Someone else's notification is not found, not merely forbidden.
    assert (
        await gateway.delete(f"/api/v2/admin/notifications/{note['id']}", headers=bearer(requester_token))
    ).status_code == 404
    assert (
        await gateway.delete(f"/api/v2/admin/notifications/{note['id']}", headers=bearer(approver_token))
    ).status_code == 204


async def test_payment_failed_notifies_billing_admins(gateway, kafka_producer, onboard, login):
    tenant = new_tenant()
    admin = await onboard(tenant, role="admin")
    failed = InvoicePaymentFailed(
        invoice_id="inv-1",
        number="RAD-1",
        period=BillingPeriod(start=date(2025, 2, 1), end=date(2025, 2, 28)),
        total=Decimal("12.30"),
        currency="USD",
        failure_reason="card declined",
    )
    await _publish(kafka_producer, make_event(failed, tenant_id=tenant, source=service_source("billing")))
    token = (await login(admin)).json()["accessToken"]
    note = (await _wait_for_notifications(gateway, token))["notifications"][0]
    assert note["type"] == "billing" and note["priority"] == "high" and "12.30 USD" in note["message"]


async def test_profile_defaults_update_and_validation(gateway, onboard, login):
    admin = await onboard(new_tenant())
    token = (await login(admin)).json()["accessToken"]
    profile = (await gateway.get("/api/v2/admin/profile", headers=bearer(token))).json()["profile"]
    assert profile["timezone"] == "America/New_York" and profile["tableRowsPerPage"] == 25
    assert profile["notifications"]["method"] == "email"

    updated = await gateway.put(
        "/api/v2/admin/profile",
        headers=bearer(token),
        json={
            "timezone": "Europe/Berlin",
            "theme": "dark",
            "notifications": {"method": "in_app", "frequency": "daily"},
        },
    )
    assert updated.status_code == 200
    assert updated.json()["profile"]["timezone"] == "Europe/Berlin"
    assert updated.json()["profile"]["notifications"]["method"] == "in_app"

    invalid = await gateway.put(
        "/api/v2/admin/profile",
        headers=bearer(token),
        json={"timezone": "Mars/Olympus", "theme": "neon", "tableRowsPerPage": 0},
    )
    assert invalid.status_code == 422
    assert {e["field"] for e in invalid.json()["errors"]} == {"timezone", "theme", "tableRowsPerPage"}
