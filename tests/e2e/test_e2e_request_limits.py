"""Every input bounded (DESIGN.md §5, issue 12 #5, #6 and Low), through the gateway and directly on the
owning service: oversize bodies (declared or chunked) are 413, JSON nested too deep is 422, an
approval's `details` is capped, bulk usage batches may be larger than other bodies, and no list
answers a 500 to a huge `offset` or `limit` — each as problem+json."""

from __future__ import annotations

import json
import uuid
from collections.abc import AsyncIterator

import httpx
import pytest

from radiant_testing import bearer

PROBLEM = "application/problem+json"
MiB = 1024 * 1024
APPROVALS = "/api/v2/admin/approvals"


@pytest.fixture(params=["gateway", "service"])
async def client(request, stack, platform) -> AsyncIterator[httpx.AsyncClient]:
    """The approval API, reached through the gateway or directly on the approval service."""
    base = stack.service_url("gateway") if request.param == "gateway" else stack.service_url("approval")
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        yield http


@pytest.fixture
def admin(make_token) -> dict[str, str]:
    return {**bearer(make_token(role="super_admin")), "content-type": "application/json"}


def _approval(details: object) -> dict[str, object]:
    return {
        "type": "deployment",
        "action": "deploy",
        "resourceType": "service",
        "resourceId": str(uuid.uuid4()),
        "details": details,
    }


async def _chunks(body: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"] == PROBLEM
    return response.json()  # type: ignore[no-any-return]


async def test_a_body_declared_over_1_mib_is_413(client, admin):
    body = json.dumps(_approval({"notes": "a" * MiB})).encode()
    problem = _assert_problem(await client.post(APPROVALS, content=body, headers=admin), 413)
    assert problem["maxBytes"] == MiB


async def test_a_chunked_body_over_1_mib_is_413(client, admin):
    body = json.dumps(_approval({"notes": "a" * MiB})).encode()
    response = await client.post(APPROVALS, content=_chunks(body), headers=admin)
    assert "content-length" not in response.request.headers
    _assert_problem(response, 413)


async def test_json_nested_deeper_than_32_levels_is_422(client, admin):
    deep: object = "leaf"
    for _ in range(40):
        deep = {"next": deep}
    problem = _assert_problem(await client.post(APPROVALS, json=_approval(deep), headers=admin), 422)
    assert problem["errors"] == [
        {"field": "body", "message": "JSON is nested deeper than 32 levels", "type": "json_too_deep"}
    ]


async def test_an_approval_whose_details_exceed_16_kib_is_refused_naming_details(client, admin):
    response = await client.post(APPROVALS, json=_approval({"notes": "a" * 17_000}), headers=admin)
    problem = _assert_problem(response, 422)
    [error] = problem["errors"]  # type: ignore[misc]
    assert error["field"] == "details"
    assert "16384 bytes" in error["message"]


@pytest.mark.parametrize("via", ["gateway", "metering"])
async def test_a_usage_batch_may_exceed_1_mib_where_a_single_record_may_not(via, stack, platform, make_token):
    # A full batch (100 events) whose labels are written as JSON escapes, 12 bytes a character: over
    # 1 MiB on the wire. Each event has negative tokens, so nothing is recorded whoever may call.
    label = "\\ud83d\\ude00" * 255
    event = (
        '{"requestId":"%s","providerId":"%s","modelId":"%s","modelName":"%s","userId":"%s","appId":"%s",'
        '"requestType":"chat","inputTokens":-1,"outputTokens":1,"latencyMs":1}'
    )
    events = [event % (uuid.uuid4(), label, label, label, label, label) for _ in range(100)]
    batch = ('{"events":[' + ",".join(events) + "]}").encode()
    assert MiB < len(batch) < 4 * MiB
    headers = {**bearer(make_token(role="super_admin")), "content-type": "application/json"}
    async with httpx.AsyncClient(base_url=stack.service_url(via), timeout=30) as http:
        bulk = await http.post("/api/v2/metering/batch", content=batch, headers=headers)
        single = await http.post("/api/v2/metering/record", content=batch, headers=headers)
    # Judged on its caller and content (an administrator may not record usage; no event is valid), not its size.
    assert bulk.status_code in (401, 403, 422), bulk.text[:300]
    _assert_problem(bulk, bulk.status_code)
    _assert_problem(single, 413)


async def test_no_list_answers_a_huge_offset_or_limit_with_a_server_error(gateway, make_token):
    document = (await gateway.get("/openapi.json")).json()
    lists = [
        path
        for path, item in document["paths"].items()
        if "{" not in path
        and "get" in item
        and {p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"} & {"offset", "limit"}
    ]
    assert "/api/v2/admin/users" in lists and "/api/v2/billing/invoices" in lists  # the document lists them
    tenant_admin = bearer(make_token(role="super_admin"))
    operator = bearer(make_token(kind="operator", role="platform_admin"))
    for path in lists:
        headers = operator if path.startswith("/api/v2/saas/") else tenant_admin
        names = {p["name"] for p in document["paths"][path]["get"]["parameters"] if p["in"] == "query"}
        for name in names & {"offset", "limit"}:
            response = await gateway.get(path, params={name: str(10**30)}, headers=headers)
            problem = _assert_problem(response, 422)
            assert any(e["field"] == f"query.{name}" for e in problem["errors"]), (path, problem)  # type: ignore[union-attr]
