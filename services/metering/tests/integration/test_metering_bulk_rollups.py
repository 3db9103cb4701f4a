"""`POST /internal/v1/rollups/tenants`: many tenants' usage per model for one period, billing only.

The rollups are written straight into metering's table (the ingest path has its own tests): this is
a read API, and its figures must be exactly the sums of the rows it covers.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from decimal import Decimal

from radiant_testing import bearer, service_db
from radiant_testing.internal import internal_client

BULK = "/internal/v1/rollups/tenants"
START, END = date(2021, 3, 1), date(2021, 3, 31)
MAX_TENANTS = 500


async def _seed(platform, tenant: str, rows: list[tuple[date, str, int, str, str]]) -> None:
    """Daily rollups: (day, model, requests, provider cost, billed cost); tokens are 10 per request."""
    async with service_db(platform, "metering") as conn:
        await conn.executemany(
            """INSERT INTO metering.usage_rollups (tenant_id, usage_date, model_id, provider_id, request_count,
                   input_tokens, output_tokens, total_tokens, provider_cost, billed_cost, cached_requests,
                   phi_requests, latency_sum_ms, unpriced_requests, suspended_requests, updated_at)
               VALUES ($1, $2, $3, 'openai', $4::bigint, $4::bigint * 6, $4::bigint * 4, $4::bigint * 10, $5::numeric, $6::numeric, 0, 0, 0, 0, 0, now())""",
            [(tenant, day, model, n, provider, billed) for day, model, n, provider, billed in rows],
        )


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


async def _post(platform, body: dict, caller: str | None = "billing"):
    async with internal_client(platform, caller=caller, callee="metering") as client:
        return await client.post(BULK, json=body)


async def test_each_tenant_asked_for_is_answered_with_its_sums_in_the_order_asked(platform):
    a, b, idle = (f"t-bulk-{uuid.uuid4().hex[:12]}" for _ in range(3))
    await _seed(
        platform,
        a,
        [
            (START, "gpt-4o", 3, "0.100000", "0.120000"),
            (START + timedelta(days=30), "gpt-4o", 2, "0.000001", "0.000002"),
            (START, "claude-3-5-haiku", 1, "0.010000", "0.012000"),
            (START - timedelta(days=1), "gpt-4o", 100, "9.000000", "9.000000"),  # before the period
            (END + timedelta(days=1), "gpt-4o", 100, "9.000000", "9.000000"),  # after it
        ],
    )
    await _seed(platform, b, [(START + timedelta(days=9), "gpt-4o-mini", 7, "0.700000", "0.840000")])

    response = await _post(platform, {"start": str(START), "end": str(END), "tenantIds": [b, idle, a]})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["period"] == {"start": str(START), "end": str(END)}
    assert [t["tenantId"] for t in body["tenants"]] == [b, idle, a]
    by_tenant = {t["tenantId"]: t for t in body["tenants"]}
    assert by_tenant[idle]["models"] == [] and Decimal(by_tenant[idle]["billedCost"]) == 0
    models_a = by_tenant[a]["models"]
    assert [m["modelId"] for m in models_a] == ["claude-3-5-haiku", "gpt-4o"]
    gpt = models_a[1]
    assert (gpt["requestCount"], gpt["inputTokens"], gpt["outputTokens"], gpt["totalTokens"]) == (5, 30, 20, 50)
    assert Decimal(gpt["providerCost"]) == Decimal("0.100001") and Decimal(gpt["billedCost"]) == Decimal("0.120002")
    assert Decimal(by_tenant[a]["billedCost"]) == Decimal("0.132002")
    assert Decimal(by_tenant[b]["models"][0]["billedCost"]) == Decimal("0.84")


async def test_a_page_holds_at_most_500_tenants(platform):
    """Paging is the caller's: a full page is answered, one more tenant is refused, none is refused."""
    tenants = [f"t-bulk-page-{i:03d}-{uuid.uuid4().hex[:6]}" for i in range(MAX_TENANTS + 1)]
    full = await _post(platform, {"start": str(START), "end": str(END), "tenantIds": tenants[:MAX_TENANTS]})
    assert full.status_code == 200, full.text
    assert len(full.json()["tenants"]) == MAX_TENANTS

    over = _problem(await _post(platform, {"start": str(START), "end": str(END), "tenantIds": tenants}), 422)
    assert [e["field"] for e in over["errors"]] == ["tenantIds"]
    empty = _problem(await _post(platform, {"start": str(START), "end": str(END), "tenantIds": []}), 422)
    assert [e["field"] for e in empty["errors"]] == ["tenantIds"]


async def test_bad_input_is_a_problem_naming_the_field(platform):
    tenant = f"t-bulk-{uuid.uuid4().hex[:12]}"
    cases = {
        "end": {"start": str(END), "end": str(START), "tenantIds": [tenant]},  # end before start
        "end ": {"start": "2020-01-01", "end": "2021-02-04", "tenantIds": [tenant]},  # 401 days
        "tenantIds": {"start": str(START), "end": str(END), "tenantIds": [tenant, tenant]},  # named twice
        "tenantIds.0": {"start": str(START), "end": str(END), "tenantIds": ["x" * 101]},  # too long
        "start": {"start": "March", "end": str(END), "tenantIds": [tenant]},
        "surprise": {"start": str(START), "end": str(END), "tenantIds": [tenant], "surprise": 1},
    }
    for field, body in cases.items():
        problem = _problem(await _post(platform, body), 422)
        assert [e["field"] for e in problem["errors"]] == [field.strip()], (field, problem)


async def test_only_billing_may_read_tenants_usage(platform, make_token):
    body = {"start": str(START), "end": str(END), "tenantIds": [f"t-bulk-{uuid.uuid4().hex[:12]}"]}
    for service in ("identity", "approval", "gateway", "audit"):
        refused = _problem(await _post(platform, body, caller=service), 403)
        assert refused["allowed_services"] == ["billing"], service
    anonymous = _problem(await _post(platform, body, caller=None), 401)
    assert anonymous["status"] == 401
    async with internal_client(platform, caller=None, callee="metering") as client:
        # A tenant administrator's access token is no service token, even a super_admin's.
        user = await client.post(BULK, json=body, headers=bearer(make_token(role="super_admin")))
    _problem(user, 401)


async def test_the_route_is_documented_in_metering_openapi(platform):
    async with internal_client(platform, caller=None, callee="metering") as client:
        document = (await client.get("/openapi.json")).json()
    operation = document["paths"][BULK]["post"]
    assert {"401", "403", "422"} <= set(operation["responses"])
    schema_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    tenant_ids = document["components"]["schemas"][schema_ref]["properties"]["tenantIds"]
    assert (tenant_ids["minItems"], tenant_ids["maxItems"]) == (1, MAX_TENANTS)
    assert {r["field"] for r in operation["x-input-rules"]} == {"end", "tenantIds"}
