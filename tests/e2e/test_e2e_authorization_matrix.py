"""The authorization matrix: every route of the gateway's route table × every kind of principal and
role, called through the gateway and directly on the owning service (defence in depth), answers as
the table says — 401 without a token, 403 without the permission, and neither 401 nor 403 with it.

Generated from the route table itself, so no route can be added without appearing here.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import httpx
import pytest

from radiant_contracts.permissions import PLATFORM_ROLE_PERMISSIONS, ROLE_PERMISSIONS, SERVICE_SCOPES, kind_permits
from radiant_gateway.routes import AUTHENTICATED, PUBLIC, ROUTES, Route
from radiant_testing import bearer

DENIED = {401, 403}


@dataclass(frozen=True)
class Caller:
    kind: str
    role: str

    @property
    def label(self) -> str:
        return f"{self.kind}:{self.role}"


CALLERS = [Caller("tenant", str(role)) for role in ROLE_PERMISSIONS] + [
    Caller("operator", str(role)) for role in PLATFORM_ROLE_PERMISSIONS
]
GUARDED = [route for route in ROUTES if route.permission != PUBLIC]
#: The tenant's members hold no admin permission: every route that needs one is a 403 for them.
ADMIN_ROUTES = [route for route in GUARDED if route.permission != AUTHENTICATED]


def _path(route: Route) -> str:
    # Any value fills a path parameter: the permission is checked before the resource is looked up.
    return route.path.replace("{id}", str(uuid.uuid4()))


def _expected_allowed(route: Route, caller: Caller) -> bool | None:
    """True: neither 401 nor 403; False: 403; None: the service decides (any status is acceptable)."""
    if route.permission == AUTHENTICATED:
        # Any tenant principal passes; other kinds pass the gateway, and the service says whether
        # the route is theirs (e.g. `/me` is, `/admin/profile` is not).
        return True if caller.kind == "tenant" else None
    return kind_permits(caller.kind, caller.role, (), route.permission)


@pytest.fixture(scope="module")
def tokens(make_token) -> dict[str, str]:
    tenant = str(uuid.uuid4())
    minted = {}
    for caller in CALLERS:
        if caller.kind == "operator":
            minted[caller.label] = make_token(kind="operator", role=caller.role, amr=["pwd", "otp"])
        else:
            minted[caller.label] = make_token(role=caller.role, tenant_id=tenant, environment="dev")
    return minted


async def _call(client: httpx.AsyncClient, route: Route, headers: dict[str, str]) -> int:
    body = {} if route.method in ("POST", "PUT", "PATCH") else None
    response = await client.request(route.method, _path(route), headers=headers, json=body)
    return response.status_code


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
async def test_without_a_token_every_guarded_route_is_401(route, gateway, platform):
    assert await _call(gateway, route, {}) == 401
    async with httpx.AsyncClient(base_url=platform.service_url(route.service), timeout=30) as direct:
        assert await _call(direct, route, {}) == 401


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
async def test_each_principal_gets_what_the_table_grants(route, gateway, platform, tokens):
    mismatches = []
    async with httpx.AsyncClient(base_url=platform.service_url(route.service), timeout=30) as direct:
        for caller in CALLERS:
            expected = _expected_allowed(route, caller)
            if expected is None:
                continue
            headers = bearer(tokens[caller.label])
            for where, client in (("gateway", gateway), (route.service, direct)):
                status = await _call(client, route, headers)
                if (expected and status in DENIED) or (not expected and status != 403):
                    mismatches.append(
                        f"{caller.label} via {where}: {status} (expected {'allowed' if expected else 403})"
                    )
    assert mismatches == [], f"{route.method} {route.path} needs {route.permission}: " + "; ".join(mismatches)


@pytest.mark.parametrize("route", GUARDED, ids=lambda r: f"{r.method} {r.path}")
async def test_a_service_key_holds_its_producer_scopes_and_nothing_else(route, gateway, platform, make_service_key):
    key = await make_service_key(scopes=SERVICE_SCOPES)
    granted = kind_permits("service", "", SERVICE_SCOPES, route.permission)
    mismatches = []
    async with httpx.AsyncClient(base_url=platform.service_url(route.service), timeout=30) as direct:
        for where, client in (("gateway", gateway), (route.service, direct)):
            if route.permission == AUTHENTICATED and where != "gateway":
                continue  # "any token" routes are the tenants': the gateway refuses keys, the service decides
            status = await _call(client, route, key.headers)
            if (granted and status in DENIED) or (not granted and status != 403):
                mismatches.append(f"via {where}: {status} (expected {'allowed' if granted else 403})")
    assert mismatches == [], f"{route.method} {route.path} needs {route.permission}: " + "; ".join(mismatches)


def test_the_matrix_calls_every_admin_route_as_a_member_who_holds_none_of_them():
    """A member is among the callers (from ROLE_PERMISSIONS), so every route above is called as one,
    and the table grants a member nothing: each admin route is expected (and checked) to be a 403."""
    assert Caller("tenant", "member") in CALLERS
    assert ADMIN_ROUTES and not [r for r in ADMIN_ROUTES if _expected_allowed(r, Caller("tenant", "member"))]
