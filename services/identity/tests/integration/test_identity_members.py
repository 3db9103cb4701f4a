"""Seed 004's users through the gateway: members (the tenant's end users) invited, listed, resent,
accepted, changed and removed on the administrators' rules; a member holds no admin permission; the
flows audited under seed 004's names and found under seed 000's too."""

from __future__ import annotations

from typing import Any

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant, token_from_email

USERS = "/api/v2/admin/users"


async def _audit_entries(gateway, auditor: str, **params: Any) -> list[dict[str, Any]]:
    response = await gateway.get("/api/v2/admin/audit", params=params, headers=bearer(auditor))
    assert response.status_code == 200, response.text
    return response.json()["entries"]


async def _accept(gateway, token: str) -> dict[str, Any]:
    body = {"token": token, "firstName": "Mia", "lastName": "Member", "password": PASSWORD}
    accepted = await gateway.post("/api/v2/admin/invitations/accept", json=body)
    assert accepted.status_code == 200, accepted.text
    return accepted.json()["adminUser"]


async def test_a_member_is_invited_resent_accepted_listed_changed_and_removed(gateway, inbox, make_token):
    tenant = new_tenant()
    admin = make_token(role="super_admin", tenant_id=tenant, environment="dev")
    auditor = make_token(role="auditor", tenant_id=tenant, environment="dev")
    email = new_email("member")

    invited = await gateway.post(f"{USERS}/invite", headers=bearer(admin), json={"email": email, "role": "member"})
    assert invited.status_code == 201, invited.text
    user_id = invited.json()["invitation"]["id"]
    first_link = token_from_email(await inbox.wait_for(email, subject_contains="invited"))

    # Invited, not signed up yet: a pending user, addressed by their invitation's id.
    pending = await gateway.get(USERS, params={"status": "pending"}, headers=bearer(admin))
    assert pending.status_code == 200, pending.text
    assert [(u["id"], u["email"], u["role"], u["status"]) for u in pending.json()["adminUsers"]] == [
        (user_id, email, "member", "pending")
    ]
    shown = await gateway.get(f"{USERS}/{user_id}", headers=bearer(admin))
    assert shown.status_code == 200 and shown.json()["adminUser"]["status"] == "pending"

    # Resend by the pending user's id: a new link; the old one stops working.
    resent = await gateway.post(f"{USERS}/{user_id}/resend", headers=bearer(admin))
    assert resent.status_code == 200, resent.text
    reminder = await inbox.wait_for(email, subject_contains="Reminder")
    second_link = token_from_email(reminder)
    assert second_link != first_link
    stale = {"token": first_link, "firstName": "Mia", "lastName": "Member", "password": PASSWORD}
    assert (await gateway.post("/api/v2/admin/invitations/accept", json=stale)).status_code == 404
    member = await _accept(gateway, second_link)
    assert member["role"] == "member"

    # Everyone is one list, each with their role; a member can be asked for by role.
    listed = await gateway.get(USERS, params={"role": "member"}, headers=bearer(admin))
    assert [(u["id"], u["role"], u["status"]) for u in listed.json()["adminUsers"]] == [
        (member["id"], "member", "active")
    ]
    assert (await gateway.get(USERS, params={"status": "pending"}, headers=bearer(admin))).json()["adminUsers"] == []
    again = await gateway.post(f"{USERS}/{member['id']}/resend", headers=bearer(admin))
    assert again.status_code == 409, again.text  # signed up: nothing to resend

    # The member signs in and holds no admin permission.
    login = await gateway.post("/api/v2/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    member_token = bearer(login.json()["accessToken"])
    me = (await gateway.get("/api/v2/me", headers=member_token)).json()
    assert me["role"] == "member" and me["permissions"] == []
    for method, path in [("GET", USERS), ("POST", f"{USERS}/invite"), ("GET", "/api/v2/admin/audit")]:
        refused = await gateway.request(method, path, headers=member_token, json={} if method == "POST" else None)
        assert refused.status_code == 403, (method, path, refused.text)
    assert (await gateway.get("/api/v2/admin/profile", headers=member_token)).status_code == 200

    # A role change and the removal, audited under seed 004's names.
    changed = await gateway.put(f"{USERS}/{member['id']}", headers=bearer(admin), json={"role": "operator"})
    assert changed.status_code == 200 and changed.json()["adminUser"]["role"] == "operator"
    back = await gateway.put(f"{USERS}/{member['id']}", headers=bearer(admin), json={"role": "member"})
    assert back.status_code == 200 and back.json()["adminUser"]["role"] == "member"
    removed = await gateway.delete(f"{USERS}/{member['id']}", headers=bearer(admin))
    assert removed.status_code == 200, removed.text
    assert (await gateway.get(f"{USERS}/{member['id']}", headers=bearer(admin))).status_code == 404
    refused = await gateway.post("/api/v2/auth/login", json={"email": email, "password": PASSWORD})
    assert refused.status_code == 401

    entries = await eventually(
        lambda: _audit_entries(gateway, auditor, limit=50),
        until=lambda found: (
            {"user.invite", "user.accept", "user.role_change", "user.remove"} <= {e["action"] for e in found}
        ),
        what="the member's flows in the audit log",
    )
    changes = [e["details"] for e in entries if e["action"] == "user.role_change"]
    assert {"previousRole": "member", "newRole": "operator"} in changes
    # Either seed's name finds the invitation and the acceptance.
    for name in ("user.invite", "invitation.create"):
        found = await _audit_entries(gateway, auditor, action=name)
        assert [e["resourceId"] for e in found] == [user_id], name
    for name in ("user.accept", "invitation.accept"):
        found = await _audit_entries(gateway, auditor, action=name)
        assert [e["details"]["adminId"] for e in found] == [member["id"]], name


async def test_inviting_a_user_follows_the_invitation_rules(gateway, inbox, make_token):
    tenant = new_tenant()
    admin = make_token(role="admin", tenant_id=tenant, environment="dev")
    email = new_email("member")
    # Nobody grants a role above their own; a taken address is a conflict; the body is validated.
    above = await gateway.post(f"{USERS}/invite", headers=bearer(admin), json={"email": email, "role": "super_admin"})
    assert above.status_code == 403, above.text
    bad = await gateway.post(f"{USERS}/invite", headers=bearer(admin), json={"email": email, "role": "root"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert (
        await gateway.post(f"{USERS}/invite", headers=bearer(admin), json={"email": email, "role": "member"})
    ).status_code == 201
    twice = await gateway.post(f"{USERS}/invite", headers=bearer(admin), json={"email": email, "role": "member"})
    assert twice.status_code == 409, twice.text
    await inbox.wait_for(email, subject_contains="invited")
    # An operator (admin:read only) may look but not invite.
    operator = make_token(role="operator", tenant_id=tenant, environment="dev")
    denied = await gateway.post(
        f"{USERS}/invite", headers=bearer(operator), json={"email": new_email(), "role": "member"}
    )
    assert denied.status_code == 403


async def test_a_prod_invitation_of_an_admin_waits_for_approval_and_a_members_does_not(gateway, onboard, make_token):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    token = make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=root.id)
    privileged = await gateway.post(
        f"{USERS}/invite", headers=bearer(token), json={"email": new_email("adm"), "role": "admin"}
    )
    assert privileged.status_code == 202, privileged.text
    assert privileged.json()["pendingApproval"]["type"] == "admin_invitation"
    member = await gateway.post(f"{USERS}/invite", headers=bearer(token), json={"email": new_email(), "role": "member"})
    assert member.status_code == 201, member.text


async def test_removing_a_pending_user_withdraws_the_invitation(gateway, inbox, make_token):
    tenant = new_tenant()
    admin = make_token(role="super_admin", tenant_id=tenant, environment="dev")
    email = new_email("member")
    invited = await gateway.post(f"{USERS}/invite", headers=bearer(admin), json={"email": email, "role": "member"})
    user_id = invited.json()["invitation"]["id"]
    link = token_from_email(await inbox.wait_for(email, subject_contains="invited"))
    removed = await gateway.delete(f"{USERS}/{user_id}", headers=bearer(admin))
    assert removed.status_code == 200, removed.text
    assert (await gateway.get(f"{USERS}/{user_id}", headers=bearer(admin))).status_code == 404
    body = {"token": link, "firstName": "Mia", "lastName": "Member", "password": PASSWORD}
    assert (await gateway.post("/api/v2/admin/invitations/accept", json=body)).status_code == 404
    assert (await gateway.post(f"{USERS}/{user_id}/resend", headers=bearer(admin))).status_code == 409
    unknown = "00000000-0000-4000-8000-000000000000"
    assert (await gateway.post(f"{USERS}/{unknown}/resend", headers=bearer(admin))).status_code == 404


async def test_a_removed_suspended_or_demoted_users_access_tokens_are_refused_at_once(
    gateway, onboard, login, make_token
):
    """Removal, suspension and a role change end the account's sessions: its refresh tokens and, from
    that moment, the access tokens it already holds (they carry the old role) — not 15 minutes later."""
    tenant = new_tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=tenant, environment="dev"))
    removed, suspended, demoted = [await onboard(tenant, role="auditor") for _ in range(3)]
    tokens = {}
    for who in (removed, suspended, demoted):
        tokens[who.id] = bearer((await login(who)).json()["accessToken"])
        assert (await gateway.get("/api/v2/admin/audit", headers=tokens[who.id])).status_code == 200

    assert (await gateway.delete(f"{USERS}/{removed.id}", headers=admin)).status_code == 200
    assert (
        await gateway.put(f"{USERS}/{suspended.id}", headers=admin, json={"status": "suspended"})
    ).status_code == 200
    assert (await gateway.put(f"{USERS}/{demoted.id}", headers=admin, json={"role": "member"})).status_code == 200

    for who in (removed, suspended, demoted):

        async def status(who=who) -> int:
            return (await gateway.get("/api/v2/admin/audit", headers=tokens[who.id])).status_code

        await eventually(status, until=lambda s: s == 401, timeout=5, what=f"{who.email}'s old token refused")
    # The demoted member signs in again and holds what a member holds.
    again = await login(demoted)
    assert again.status_code == 200
    fresh = bearer(again.json()["accessToken"])
    assert (await gateway.get("/api/v2/admin/audit", headers=fresh)).status_code == 403
