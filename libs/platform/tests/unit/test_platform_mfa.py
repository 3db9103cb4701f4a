"""MFA on every prod-privileged request and step-up (issue 12 #12), through `require` in a real app."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Annotated, Any

import httpx
from fastapi import FastAPI

from radiant_contracts.permissions import PrincipalKind
from radiant_platform.auth import Principal, current_principal
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import install_problem_handlers
from radiant_platform.mfa import STEP_UP_MAX_AGE, mfa_refusal
from radiant_platform.settings import ServiceSettings


def _principal(**overrides: Any) -> Principal:
    fields: dict[str, Any] = {
        "subject": "u1",
        "tenant_id": "t1",
        "role": "super_admin",
        "environment": "prod",
        "amr": ("pwd", "otp"),
        "mfa_time": time.time(),
    }
    return Principal(**(fields | overrides))


def _app(principal: Principal) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.runtime = type("Runtime", (), {"settings": ServiceSettings(service_name="mfa-test")})()
    app.dependency_overrides[current_principal] = lambda: principal

    @app.get("/read")
    async def read(ctx: Annotated[RequestContext, require("billing:read")]) -> dict[str, str]:
        return {"ok": ctx.subject}

    @app.put("/write")
    async def write(ctx: Annotated[RequestContext, require("billing:write")]) -> dict[str, str]:
        return {"ok": ctx.subject}

    @app.post("/decide")
    async def decide(
        ctx: Annotated[RequestContext, require("approvals:approve", fresh_mfa_within=STEP_UP_MAX_AGE)],
    ) -> dict[str, str]:
        return {"ok": ctx.subject}

    return app


async def _call(principal: Principal, method: str, path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=_app(principal))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.request(method, path)


async def test_a_prod_token_without_a_second_factor_is_refused_on_every_permission():
    no_mfa = _principal(amr=("pwd",))
    for method, path in (("PUT", "/write"), ("GET", "/read")):
        response = await _call(no_mfa, method, path)
        assert response.status_code == 403, (path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["type"] == "urn:radiant:problem:mfa-required" and response.json()["mfaRequired"]
    assert (await _call(_principal(), "PUT", "/write")).status_code == 200


async def test_outside_prod_a_password_alone_is_enough():
    for environment in ("dev", "staging"):
        response = await _call(_principal(environment=environment, amr=("pwd",), mfa_time=None), "POST", "/decide")
        assert response.status_code == 200, (environment, response.text)


async def test_missing_permission_is_reported_before_missing_mfa():
    response = await _call(_principal(role="auditor", amr=("pwd",)), "PUT", "/write")
    assert response.status_code == 403 and response.json()["required_permission"] == "billing:write"


async def test_a_decision_with_a_stale_second_factor_is_refused_naming_step_up():
    stale = _principal(mfa_time=time.time() - 3600)
    response = await _call(stale, "POST", "/decide")
    assert response.status_code == 403
    body = response.json()
    assert body["type"] == "urn:radiant:problem:step-up-required" and body["stepUpRequired"] is True
    assert body["stepUpPath"] == "/api/v2/auth/step-up" and body["maxAgeSeconds"] == 600
    assert "insufficient_user_authentication" in response.headers["www-authenticate"]
    # A token that never recorded when its factor was proved is stale too.
    assert (await _call(_principal(mfa_time=None), "POST", "/decide")).status_code == 403
    # The ordinary permissions do not ask for freshness.
    assert (await _call(stale, "PUT", "/write")).status_code == 200


async def test_after_a_step_up_the_decision_is_allowed():
    assert (await _call(_principal(mfa_time=time.time() - 5), "POST", "/decide")).status_code == 200


def test_the_window_is_a_window_and_service_principals_are_outside_the_rule():
    now = 1_000_000.0
    window = timedelta(minutes=10)
    assert mfa_refusal(_principal(mfa_time=now - 599), fresh_within=window, now=now) is None
    assert mfa_refusal(_principal(mfa_time=now - 601), fresh_within=window, now=now) is not None
    assert mfa_refusal(_principal(mfa_time=now + 3600), fresh_within=window, now=now) is not None  # from the future
    service = _principal(kind=PrincipalKind.SERVICE, amr=(), mfa_time=None, role="")
    assert mfa_refusal(service, fresh_within=window, now=now) is None
