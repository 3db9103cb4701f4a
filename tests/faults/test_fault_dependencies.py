"""PostgreSQL and Redis go away and come back (issue 18, cases b and the 503 rule): while a dependency
is down every API answer is a 503 problem+json with `Retry-After` naming its class, `/readyz` is red;
once it is back every service reconnects by itself — `/readyz` green, the API answering, the same
processes (no crash loop) — with no manual step."""

from __future__ import annotations

import time
from typing import Any

import httpx

from radiant_testing import bearer, eventually
from radiant_testing.fault_stack import FaultStack
from radiant_testing.onboarding import new_tenant

DEPENDENCY_UNAVAILABLE = "urn:radiant:problem:dependency-unavailable"
DATABASE_SERVICES = ("identity", "approval", "metering", "billing", "audit")
#: One authenticated read per service with a database, through the gateway.
READS = (
    "/api/v2/admin/users",
    "/api/v2/admin/approvals",
    "/api/v2/billing/settings",
    "/api/v2/admin/audit",
    "/api/v2/metering/rollups",
)


def assert_unavailable(response: httpx.Response, dependency: str) -> None:
    where = f"{response.request.method} {response.request.url.path}"
    assert response.status_code == 503, f"{where}: {response.status_code} {response.text}"
    assert response.headers["content-type"] == "application/problem+json", where
    assert int(response.headers["retry-after"]) > 0, where
    body = response.json()
    assert body["type"] == DEPENDENCY_UNAVAILABLE, f"{where}: {body}"
    assert body["dependency"] == dependency, f"{where}: {body}"


async def readiness(stack: Any, service: str) -> tuple[int, dict[str, str]]:
    async with httpx.AsyncClient(timeout=5) as client:
        try:
            response = await client.get(f"{stack.service_url(service)}/readyz")
        except httpx.HTTPError:
            return 0, {}
    return response.status_code, response.json().get("checks", {})


async def all_ready(stack: Any) -> bool:
    return all([(await readiness(stack, svc))[0] == 200 for svc in ("gateway", *DATABASE_SERVICES)])


async def test_postgres_restart_503s_meanwhile_then_every_service_reconnects_by_itself(
    fault_stack: FaultStack, stack, gateway: httpx.AsyncClient, make_token, figures
) -> None:
    admin = bearer(make_token(role="super_admin", tenant_id=new_tenant(), environment="dev"))
    for path in READS:
        answer = await gateway.get(path, headers=admin)
        assert answer.status_code == 200, f"{path}: {answer.text}"
    pids = {svc: fault_stack.pid(svc) for svc in DATABASE_SERVICES}

    fault_stack.stop("postgres")
    try:
        for svc in DATABASE_SERVICES:
            _status, checks = await eventually(
                lambda svc=svc: readiness(stack, svc), until=lambda r: r[0] == 503, timeout=30, what=f"{svc} red"
            )
            assert checks["database"] == "down", (svc, checks)
        answers = [await gateway.get(path, headers=admin) for path in READS]
        # a write that needs the database: refused the same way, nothing half-done
        answers.append(
            await gateway.post(
                "/api/v2/admin/users/invite", headers=admin, json={"email": "x@example.com", "role": "member"}
            )
        )
        for answer in answers:
            assert_unavailable(answer, "database")
    finally:
        fault_stack.start("postgres")
    back = time.monotonic()

    await eventually(lambda: all_ready(stack), timeout=60, what="every service ready again")
    for path in READS:
        answer = await eventually(
            lambda path=path: gateway.get(path, headers=admin), until=lambda r: r.status_code == 200
        )
        assert answer.status_code == 200
    recovered_in = time.monotonic() - back
    assert {svc: fault_stack.pid(svc) for svc in DATABASE_SERVICES} == pids, "a service restarted (crash loop?)"
    figures.record(
        "postgres-restart",
        sent=len(answers),
        stored=0,
        lost=0,
        twice=0,
        recovered_in=recovered_in,
        answers_503=sum(a.status_code == 503 for a in answers),
    )


async def test_redis_down_login_is_503_naming_the_cache_then_served_again(
    fault_stack: FaultStack, stack, gateway: httpx.AsyncClient, onboard, login, figures
) -> None:
    """Signing in needs Redis (attempt throttles, the TOTP replay check): refusing is right, and it
    says so. Authenticated calls are 503 too — the token revocation marks live there and fail closed."""
    tenant = new_tenant()
    admin = await onboard(tenant, role="super_admin")
    assert (await login(admin)).status_code == 200

    fault_stack.kill("redis")
    try:
        refused = await login(admin)
        assert_unavailable(refused, "cache")
        ready = await readiness(stack, "identity")
        assert ready[0] == 503 and ready[1]["redis"] == "down"
    finally:
        fault_stack.start("redis")
    back = time.monotonic()
    answer = await eventually(lambda: login(admin), until=lambda r: r.status_code == 200, timeout=60)
    recovered_in = time.monotonic() - back
    assert answer.status_code == 200
    figures.record("redis-down-login", sent=2, stored=0, lost=0, twice=0, recovered_in=recovered_in)
