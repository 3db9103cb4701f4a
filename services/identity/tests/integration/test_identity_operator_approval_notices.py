"""Operators are told of platform approvals waiting for them: when an operator files one (here a prod
tenant's deletion, an `approval.requested` under the platform tenant), every other active operator who
may decide it is emailed with links to the request's page on the operators' screens (review, approve, reject) —
never the requester, nor platform_support (who decides nothing)."""

from __future__ import annotations

import asyncio
import re
import uuid
from urllib.parse import urlsplit

from radiant_testing import bearer
from radiant_testing.onboarding import new_email

SAAS = "/api/v2/saas"
SUBJECT = "Approval Required: delete_tenant"


async def _token(operator_login, operator) -> str:
    response = await operator_login(operator)
    assert response.status_code == 200, response.text
    return response.json()["accessToken"]


async def _mails_to(inbox, address: str, approval_id: str) -> list[dict]:
    return [
        m
        for m in await inbox.messages()
        if address in [a.get("address", "").lower() for a in m.get("to", [])] and approval_id in m.get("text", "")
    ]


async def test_other_operators_who_may_decide_are_emailed_of_a_platform_approval(
    gateway, inbox, onboard_operator, operator_login
):
    requester = await onboard_operator(role="platform_admin", name=f"Rita {uuid.uuid4().hex[:6]}")
    decider = await onboard_operator(role="platform_admin")
    support = await onboard_operator(role="platform_support")
    headers = bearer(await _token(operator_login, requester))
    await _token(operator_login, decider)  # active lately: among those told first
    created = await gateway.post(
        f"{SAAS}/tenants",
        json={"name": f"Notice {uuid.uuid4().hex[:8]}", "environment": "prod", "superAdminEmail": new_email("owner")},
        headers=headers,
    )
    assert created.status_code == 201, created.text
    tenant_id = created.json()["tenant"]["id"]

    filed = await gateway.request(
        "DELETE", f"{SAAS}/tenants/{tenant_id}", json={"reason": "customer left"}, headers=headers
    )
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["approval"]["id"]

    mail = await inbox.wait_for(decider.email, subject_contains=SUBJECT)
    assert approval_id in mail["text"] and requester.name in mail["text"]
    # The email links to the console's page of the request, the decision chosen (the page confirms it).
    links = dict(re.findall(r"(Review|Approve|Reject): (\S+)", mail["text"]))
    page = f"/console/platform/approvals/{approval_id}"
    assert {k: (urlsplit(v).path, urlsplit(v).query) for k, v in links.items()} == {
        "Review": (page, ""),
        "Approve": (page, "decision=approve"),
        "Reject": (page, "decision=reject"),
    }, mail["text"]
    path = f"{SAAS}/approvals/{approval_id}/approve"
    await asyncio.sleep(2)  # the requester's and support's would have been queued in the same transaction
    assert await _mails_to(inbox, requester.email, approval_id) == []
    assert await _mails_to(inbox, support.email, approval_id) == []
    assert len(await _mails_to(inbox, decider.email, approval_id)) == 1
    decided = await gateway.post(path, json={"reason": "agreed"}, headers=bearer(await _token(operator_login, decider)))
    assert decided.status_code == 200, decided.text
