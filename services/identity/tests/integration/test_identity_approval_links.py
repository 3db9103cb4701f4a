"""An approval's email and in-app notification link to the console's page of that request (the
gateway serves it), not to a gateway path that answers 404 when PUBLIC_APP_URL is not set."""

from __future__ import annotations

import re

import httpx

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import new_email, new_tenant


async def test_an_approval_request_links_approvers_to_the_consoles_page_of_it(
    platform, gateway, inbox, onboard, make_token
):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    approver = await onboard(tenant, role="super_admin", environment="prod")
    token = make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=requester.id)
    filed = await gateway.post(
        "/api/v2/admin/invitations", json={"email": new_email(), "role": "admin"}, headers=bearer(token)
    )
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["pendingApproval"]["id"]

    mail = await inbox.wait_for(approver.email, subject_contains="Approval Required")
    links = re.findall(r"https?://\S+/console/approvals/[0-9a-f-]+\?decision=(?:approve|reject)", mail["text"])
    assert {link.rsplit("?", 1)[0].rsplit("/", 1)[1] for link in links} == {approval_id}, mail["text"]
    assert any(link.endswith("?decision=approve") for link in links) and any(link.endswith("=reject") for link in links)
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(links[0])
    assert page.status_code == 200 and "<radiant-app>" in page.text  # the console, which routes to the page

    approver_token = make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=approver.id)

    async def notifications() -> list[dict]:
        listed = await gateway.get("/api/v2/admin/notifications", headers=bearer(approver_token))
        return listed.json()["notifications"]

    [notice] = await eventually(notifications, until=lambda n: len(n) > 0, what="the approver's notification")
    assert notice["actionUrl"].endswith(f"/console/approvals/{approval_id}")
