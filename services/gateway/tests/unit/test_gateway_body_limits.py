"""Per-route body limits and the methods a path answers, from the route table alone."""

from radiant_gateway.routes import ROUTES, RouteTable
from radiant_platform.limits import BULK_MAX_BODY_BYTES, CATALOGUE_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES


def test_the_usage_batch_route_takes_bulk_bodies_and_every_other_route_the_default():
    limits = {(r.method, r.path): r.max_body_bytes for r in ROUTES}
    assert limits.pop(("POST", "/api/v2/metering/batch")) == BULK_MAX_BODY_BYTES
    assert limits.pop(("POST", "/api/v2/saas/models/import")) == CATALOGUE_MAX_BODY_BYTES  # a price catalogue
    assert set(limits.values()) == {DEFAULT_MAX_BODY_BYTES}


def test_allowed_methods_lists_every_method_of_the_path():
    table = RouteTable()
    assert table.allowed_methods("/api/v2/admin/invitations/abc") == "DELETE, GET"
    assert table.allowed_methods("/api/v2/admin/approvals") == "GET, POST"
    assert table.allowed_methods("/api/v2/nowhere") == ""
