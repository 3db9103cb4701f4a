from radiant_contracts.permissions import (
    PLATFORM_ROLE_PERMISSIONS,
    ROLE_PERMISSIONS,
    SERVICE_SCOPES,
    AdminRole,
    has_permission,
    kind_permits,
    permission_grants,
)
from radiant_gateway.routes import AUTHENTICATED, PUBLIC, ROUTES, RouteTable


def test_path_parameters_match_one_segment_only():
    table = RouteTable()
    route, _ = table.match("GET", "/api/v2/admin/invitations/abc")
    assert route is not None and route.path.endswith("{id}")
    assert table.match("GET", "/api/v2/admin/invitations/abc/extra") == (None, False)


def test_literal_segments_win_over_parameters_by_method():
    route, _ = RouteTable().match("POST", "/api/v2/admin/invitations/accept")
    assert route is not None and route.permission == PUBLIC


def test_known_path_with_another_method_is_reported_for_405():
    assert RouteTable().match("PATCH", "/api/v2/admin/users/1") == (None, True)


def test_dots_in_paths_are_literal():
    assert RouteTable().match("GET", "/.well-known/jwksXjson") == (None, False)


def test_every_route_permission_is_granted_to_some_seed_role():
    # a tenant role's, an operator role's or a service key's scope: each kind holds only its own
    granted = [p for perms in (*ROLE_PERMISSIONS.values(), *PLATFORM_ROLE_PERMISSIONS.values()) for p in perms]
    granted += SERVICE_SCOPES
    for route in ROUTES:
        if route.permission in (PUBLIC, AUTHENTICATED):
            continue
        assert any(permission_grants(g, route.permission) for g in granted), route


def test_seed_admin_route_permissions_are_as_specified():
    expected = {
        ("POST", "/api/v2/admin/invitations"): "admin:write",
        ("DELETE", "/api/v2/admin/users/{id}"): "admin:*",
        ("POST", "/api/v2/admin/approvals/{id}/process"): "approvals:*",
        ("PUT", "/api/v2/billing/settings"): "billing:*",
        ("GET", "/api/v2/metering/rollups"): "billing:read",
    }
    table = {(r.method, r.path): r.permission for r in ROUTES}
    for key, permission in expected.items():
        assert table[key] == permission


def test_usage_is_recorded_by_producers_and_the_model_registry_changed_by_operators():
    table = {(r.method, r.path): r.permission for r in ROUTES}
    for path in ("/api/v2/metering/record", "/api/v2/metering/batch"):
        assert table[("POST", path)] == "usage:write"
        assert not any(has_permission(role, "usage:write") for role in AdminRole)  # no tenant staff
        assert kind_permits("service", "", ("usage:write",), "usage:write")
    for key in (("PUT", "/api/v2/metering/models/{id}"), ("POST", "/api/v2/saas/models/import")):
        assert table[key] == "saas:write"
        assert not any(has_permission(role, "saas:write") for role in AdminRole)
    assert table[("GET", "/api/v2/metering/models")] == "settings:read"  # tenants keep reading it
    for key in (("POST", "/api/v2/admin/api-keys"), ("DELETE", "/api/v2/admin/api-keys/{id}")):
        assert table[key] == "settings:write"  # a tenant setting: super_admin and admin


def test_merged_openapi_matches_routes_whatever_the_parameter_names():
    from radiant_gateway.openapi import merge

    service_doc = {
        "paths": {
            "/api/v2/admin/approvals/{approval_id}/process": {"post": {"summary": "Decide"}},
            "/internal/v1/rollups": {"get": {"summary": "not public"}},
        }
    }
    merged = merge({"approval": service_doc, "metering": service_doc}, RouteTable(), version="t")
    assert list(merged["paths"]) == ["/api/v2/admin/approvals/{approval_id}/process"]
    assert merged["paths"]["/api/v2/admin/approvals/{approval_id}/process"]["post"]["x-permission"] == "approvals:*"


def test_a_literal_path_is_never_taken_for_a_parameter_under_another_method():
    # `/notifications/read-all` is not the notification with id `read-all`: DELETE there is a 405
    # naming the literal path's own methods, not a call on `/notifications/{id}`.
    table = RouteTable()
    assert table.match("DELETE", "/api/v2/admin/notifications/read-all") == (None, True)
    assert table.allowed_methods("/api/v2/admin/notifications/read-all") == "POST"
    assert table.match("GET", "/api/v2/admin/invitations/accept") == (None, True)
    assert table.allowed_methods("/api/v2/admin/invitations/accept") == "POST"
    route, _ = table.match("DELETE", "/api/v2/admin/notifications/3f1c9e1e-0000-4000-8000-000000000000")
    assert route is not None and route.path.endswith("{id}")
