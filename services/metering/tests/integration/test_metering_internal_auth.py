"""Metering's internal API (`/internal/v1/*`) answers billing only, authenticated, for a bounded period
(issue 12 finding 3): any other local process used to read any tenant's usage."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radiant_testing import bearer
from radiant_testing.internal import internal_client, signer_for

ROLLUPS = "/internal/v1/rollups"


def _period(tenant: str, days: int) -> dict[str, str]:
    end = datetime.now(UTC).date()
    return {"tenantId": tenant, "start": str(end - timedelta(days=days - 1)), "end": str(end)}


def _is_problem(response, status: int) -> bool:
    return response.status_code == status and response.headers["content-type"].startswith("application/problem+json")


async def test_rollups_refuse_a_caller_without_a_service_token(platform, make_token, tenant):
    async with internal_client(platform, caller=None, callee="metering") as client:
        anonymous = await client.get(ROLLUPS, params=_period(tenant, 1))
        # A tenant administrator's access token is no service token, even a super_admin's.
        user = await client.get(
            ROLLUPS, params=_period(tenant, 1), headers=bearer(make_token(role="super_admin", tenant_id=tenant))
        )
        legacy = await client.get(ROLLUPS, params=_period(tenant, 1), headers={"X-Internal-Token": "guess"})
    for response in (anonymous, user, legacy):
        assert _is_problem(response, 401), response.text
    assert anonymous.headers["www-authenticate"].startswith("Bearer")


async def test_rollups_refuse_every_service_but_billing(platform, tenant):
    for service in ("identity", "approval", "gateway"):
        async with internal_client(platform, caller=service, callee="metering") as client:
            response = await client.get(ROLLUPS, params=_period(tenant, 1))
        assert _is_problem(response, 403), (service, response.text)
        assert response.json()["allowed_services"] == ["billing"]


async def test_a_token_for_another_route_callee_or_a_second_use_is_refused(platform, tenant):
    signer = signer_for(platform, "billing")
    async with internal_client(platform, caller=None, callee="metering") as client:
        for headers in (
            signer.headers("metering", "GET", "/internal/v1/other"),  # signed for another path
            signer.headers("approval", "GET", ROLLUPS),  # addressed to another service
            signer.headers("metering", "POST", ROLLUPS),  # signed for another method
        ):
            assert _is_problem(await client.get(ROLLUPS, params=_period(tenant, 1), headers=headers), 401)
        once = signer.headers("metering", "GET", ROLLUPS)
        assert (await client.get(ROLLUPS, params=_period(tenant, 1), headers=once)).status_code == 200
        replayed = await client.get(ROLLUPS, params=_period(tenant, 1), headers=once)
    assert _is_problem(replayed, 401) and "already used" in replayed.json()["detail"]


async def test_rollups_period_is_bounded(platform, tenant):
    async with internal_client(platform, caller="billing", callee="metering") as client:
        too_long = await client.get(ROLLUPS, params=_period(tenant, 401))
        longest = await client.get(ROLLUPS, params=_period(tenant, 400))
        backwards = await client.get(ROLLUPS, params={"tenantId": tenant, "start": "2025-02-01", "end": "2025-01-01"})
    assert _is_problem(too_long, 422), too_long.text
    assert [e["field"] for e in too_long.json()["errors"]] == ["query.end"]
    assert longest.status_code == 200 and longest.json()["models"] == []
    assert _is_problem(backwards, 422)
