"""Approval inputs and decisions under issue 12: an `action` is a plain label (#7: it becomes an email
subject), a prod caller without a second factor holds no permission, and a prod decision needs a
second factor proved in the last minutes (#12, step-up).

Requests are of type `deployment` (the type no service owns, filed directly by a tenant's admin).
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import httpx

from radiant_testing import bearer

API = "/api/v2/admin/approvals"


def _caller(make_token, tenant: str, role: str, environment: str = "prod", **claims: Any) -> dict[str, str]:
    return bearer(make_token(role=role, tenant_id=tenant, environment=environment, subject=str(uuid.uuid4()), **claims))


def _request(**overrides: Any) -> dict[str, Any]:
    return {
        "type": "deployment",
        "action": "deploy",
        "resourceType": "agent",
        "resourceId": str(uuid.uuid4()),
        "details": {"version": "2.4.0"},
        **overrides,
    }


async def _pending(gateway: httpx.AsyncClient, make_token, tenant: str, environment: str = "prod") -> str:
    created = await gateway.post(API, json=_request(), headers=_caller(make_token, tenant, "admin", environment))
    assert created.status_code == 201, created.text
    return created.json()["approval"]["id"]


async def test_an_action_with_control_characters_is_refused(gateway, make_token, platform):
    headers = _caller(make_token, f"t-{uuid.uuid4()}", "admin")
    for action in ("deploy\r\nBcc: attacker@example.com", "deploy\n", "tab\tbed"):
        response = await gateway.post(API, json=_request(action=action), headers=headers)
        assert response.status_code == 422, (action, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert [e["field"] for e in response.json()["errors"]] == ["action"]
    assert (await gateway.post(API, json=_request(action="Deploy v2.4.0"), headers=headers)).status_code == 201


async def test_a_prod_token_without_a_second_factor_is_refused_on_a_privileged_write(gateway, make_token, platform):
    tenant = f"t-{uuid.uuid4()}"
    response = await gateway.post(API, json=_request(), headers=_caller(make_token, tenant, "admin", amr=["pwd"]))
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["type"] == "urn:radiant:problem:mfa-required"
    # The same caller in dev, where MFA is not mandatory, may.
    dev = _caller(make_token, tenant, "admin", environment="dev", amr=["pwd"])
    assert (await gateway.post(API, json=_request(), headers=dev)).status_code == 201


async def test_a_decision_with_a_stale_second_factor_is_refused_naming_step_up(gateway, make_token, platform):
    tenant = f"t-{uuid.uuid4()}"
    approval_id = await _pending(gateway, make_token, tenant)
    stale = _caller(make_token, tenant, "super_admin", mfa_time=int(time.time()) - 3600)
    response = await gateway.post(f"{API}/{approval_id}/process", json={"action": "approve"}, headers=stale)
    assert response.status_code == 403, response.text
    body = response.json()
    assert body["type"] == "urn:radiant:problem:step-up-required" and body["stepUpRequired"] is True
    assert body["stepUpPath"] == "/api/v2/auth/step-up" and "step up" in body["detail"]
    assert (await gateway.get(f"{API}/{approval_id}", headers=stale)).json()["approval"]["status"] == "pending"

    fresh = _caller(make_token, tenant, "super_admin", mfa_time=int(time.time()) - 30)
    decided = await gateway.post(f"{API}/{approval_id}/process", json={"action": "approve"}, headers=fresh)
    assert decided.status_code == 200, decided.text


async def test_a_dev_decision_needs_no_step_up(gateway, make_token, platform):
    tenant = f"t-{uuid.uuid4()}"
    approval_id = await _pending(gateway, make_token, tenant, environment="dev")
    approver = _caller(make_token, tenant, "super_admin", environment="dev", amr=["pwd"])
    decided = await gateway.post(f"{API}/{approval_id}/process", json={"action": "approve"}, headers=approver)
    assert decided.status_code == 200, decided.text
