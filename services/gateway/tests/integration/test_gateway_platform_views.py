"""The operators' platform views through the gateway, against the real stack: `/saas/stats` composed
from identity's, metering's and billing's internal routes, `/saas/health` from every service's
readiness and outbox, the broker's offsets and audit's SIEM forwarders."""

from __future__ import annotations

import socket
import uuid
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from decimal import Decimal

import httpx
import pytest
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import GroupAuthorizationFailedError, TopicAuthorizationFailedError
from fastapi import FastAPI

from radiant_contracts.platform_views import BILLING_STATS_PATH, IDENTITY_STATS_PATH, METERING_STATS_PATH
from radiant_gateway.config import Settings
from radiant_gateway.deps import GatewayDeps
from radiant_gateway.main import create_service_app
from radiant_platform.app import OUTBOX_BACKLOG_PATH
from radiant_testing import bearer, eventually
from radiant_testing.internal import internal_client
from radiant_testing.kafka import kafka_client_kwargs

STATS = "/api/v2/saas/stats"
HEALTH = "/api/v2/saas/health"
SERVICES = ["identity", "approval", "metering", "billing", "audit"]


@pytest.fixture
def support(make_token):
    """A read-only operator: `saas:read` is all either view needs."""
    return bearer(make_token(kind="operator", role="platform_support"))


async def test_only_operators_read_the_views(gateway, make_token, support):
    tenant_admin = bearer(make_token(role="super_admin", tenant_id=f"t-{uuid.uuid4()}"))
    for path in (STATS, HEALTH):
        refused = await gateway.get(path, headers=tenant_admin)
        assert refused.status_code == 403 and refused.headers["content-type"].startswith("application/problem+json")
        assert (await gateway.get(path)).status_code == 401
        assert (await gateway.post(path, headers=support)).status_code == 405
    assert (await gateway.get(STATS, headers=support)).status_code == 200


async def _identity_figures(admin_db):
    tenants = await admin_db.fetch(
        "SELECT status, environment, count(*) AS n FROM identity.tenants GROUP BY 1, 2 ORDER BY 1, 2"
    )
    admins = await admin_db.fetch(
        "SELECT a.role, count(*) AS n FROM identity.administrators a JOIN identity.tenants t ON t.id = a.tenant_id"
        " WHERE a.status = 'active' AND a.role <> 'member' AND t.status <> 'deleted' GROUP BY 1"
    )
    return (
        [{"status": r["status"], "environment": r["environment"], "count": r["n"]} for r in tenants],
        {r["role"]: r["n"] for r in admins},
    )


async def _usage_figures(admin_db):
    row = await admin_db.fetchrow(
        "SELECT coalesce(sum(request_count), 0) AS requests, coalesce(sum(billed_cost), 0) AS billed"
        " FROM metering.usage_month_to_date WHERE month = date_trunc('month', now() AT TIME ZONE 'UTC')::date"
    )
    return row["requests"], row["billed"]


async def _outstanding_figures(admin_db):
    rows = await admin_db.fetch(
        "SELECT currency, count(*) AS n, sum(total) AS total FROM billing.invoices"
        " WHERE status IN ('pending', 'overdue') GROUP BY 1"
    )
    return sum(r["n"] for r in rows), {r["currency"]: r["total"] for r in rows}


async def test_stats_are_the_owners_figures_now(gateway, support, admin_db):
    """Every figure equals what the owning service's tables hold at that moment (others' tests keep
    changing them, so the two are read until they agree)."""

    async def stats_and_tables():
        body = (await gateway.get(STATS, headers=support)).json()
        return (
            body,
            await _identity_figures(admin_db),
            await _usage_figures(admin_db),
            await _outstanding_figures(admin_db),
        )

    def agree(snapshot) -> bool:
        body, (tenants, admins), (requests, billed), (count, totals) = snapshot
        return (
            body["tenants"]["byStatusAndEnvironment"] == tenants
            and body["administrators"]["byRole"] == admins
            and body["usageMonthToDate"]["requests"] == requests
            and Decimal(body["usageMonthToDate"]["billedCost"]) == billed
            and body["invoicesOutstanding"]["count"] == count
            and {c: Decimal(v) for c, v in body["invoicesOutstanding"]["totals"].items()} == totals
        )

    body, (tenants, admins), _, _ = await eventually(stats_and_tables, until=agree, timeout=20, what="stats = tables")
    assert [s["state"] for s in body["sources"]] == ["ok", "ok", "ok"]
    assert body["tenants"]["total"] == sum(t["count"] for t in tenants)
    assert body["tenants"]["byStatus"] == _summed(tenants, "status")
    assert body["tenants"]["byEnvironment"] == _summed(tenants, "environment")
    assert body["administrators"]["total"] == sum(admins.values())
    assert body["tenants"]["activeLast30Days"] == body["usageMonthToDate"]["tenantsWithUsageLast30Days"]


def _summed(rows, key):
    out: dict[str, int] = {}
    for row in rows:
        out[row[key]] = out.get(row[key], 0) + row["count"]
    return dict(sorted(out.items()))


async def _commit(platform, group: str, partition: TopicPartition, offset: int) -> None:
    """`group` has finished with `partition` up to `offset` (a consumer that stopped there)."""
    consumer = AIOKafkaConsumer(group_id=group, enable_auto_commit=False, **kafka_client_kwargs(platform))
    await consumer.start()
    try:
        consumer.assign([partition])
        await consumer.commit({partition: offset})
    finally:
        await consumer.stop()


async def _lag_of(client: httpx.AsyncClient, headers, group: str) -> dict:
    body = (await client.get(HEALTH, headers=headers)).json()
    assert body["kafka"]["state"] == "ok", body["kafka"]
    [lagging] = [g for g in body["kafka"]["consumerGroups"] if g["group"] == group]
    return lagging


async def test_health_reports_a_consumer_lag_and_a_dead_letter_depth_made_on_purpose(
    gateway, support, platform, fresh_topic, kafka_producer
):
    # A consumer group that stopped after 2 of the 5 records of partition 0: lag 3, made on purpose.
    group = f"test-lagging-{uuid.uuid4().hex[:8]}"
    for i in range(5):
        await kafka_producer.send_and_wait(fresh_topic, f"record {i}".encode(), partition=0)
    for i in range(2):
        await kafka_producer.send_and_wait(f"{fresh_topic}.dlq", f"dead {i}".encode(), partition=0)
    partition = TopicPartition(fresh_topic, 0)
    await _commit(platform, group, partition, 2)

    body = (await gateway.get(HEALTH, headers=support)).json()
    assert body["kafka"]["state"] == "ok", body["kafka"]
    [lagging] = [g for g in body["kafka"]["consumerGroups"] if g["group"] == group]
    assert lagging == {
        "group": group,
        "lag": 3,
        "partitions": [{"topic": fresh_topic, "partition": 0, "committedOffset": 2, "endOffset": 5, "lag": 3}],
    }
    [dlq] = [q for q in body["kafka"]["deadLetterQueues"] if q["topic"] == f"{fresh_topic}.dlq"]
    assert dlq == {"topic": f"{fresh_topic}.dlq", "depth": 2, "partitions": {"0": 2}}

    # The group catches up: its lag goes to 0 at the broker, and so in the view.
    await _commit(platform, group, partition, 5)
    assert (await _lag_of(gateway, support, group))["lag"] == 0


@asynccontextmanager
async def _own_gateway(settings: Settings) -> AsyncIterator[tuple[httpx.AsyncClient, FastAPI]]:
    """A gateway instance of our own in this process, so the test can see what its deps hold."""
    app = create_service_app(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=(f"10.9.{uuid.uuid4().int % 250}.1", 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as client:
            yield client, app


def _deps(app: FastAPI) -> GatewayDeps:
    return app.state.runtime.deps


async def test_health_calls_measure_over_the_gateways_one_broker_connection(
    platform, support, fresh_topic, kafka_producer
):
    """Each call measures afresh (the second sees the group caught up), over the one admin client the
    gateway opened on the first call and closes on shutdown — not a new connection and login each."""
    group = f"test-lagging-{uuid.uuid4().hex[:8]}"
    for i in range(4):
        await kafka_producer.send_and_wait(fresh_topic, f"record {i}".encode(), partition=1)
    partition = TopicPartition(fresh_topic, 1)
    await _commit(platform, group, partition, 1)

    async with _own_gateway(Settings()) as (client, app):
        reader = _deps(app).offset_reader
        assert reader.client is None  # nothing opened until the view is asked for
        assert (await _lag_of(client, support, group))["lag"] == 3
        connection = reader.client
        assert connection is not None

        await _commit(platform, group, partition, 4)
        assert (await _lag_of(client, support, group))["partitions"] == [
            {"topic": fresh_topic, "partition": 1, "committedOffset": 4, "endOffset": 4, "lag": 0}
        ]
        assert reader.client is connection
    assert reader.client is None  # closed with the gateway


@pytest.fixture
def nowhere() -> Iterator[str]:
    """An address where no broker listens: a port bound for the test and never listening (refused)."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"127.0.0.1:{held.getsockname()[1]}"


async def test_a_broker_that_is_gone_is_reported_and_the_rest_is_still_served(platform, support, nowhere, monkeypatch):
    monkeypatch.setenv("KAFKA_BOOTSTRAP_SERVERS", nowhere)
    async with _own_gateway(Settings()) as (client, app):
        for _ in range(2):  # and again: a failed connection is not kept, the next call tries afresh
            response = await client.get(HEALTH, headers=support)
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["kafka"]["state"] == "unavailable" and body["kafka"]["consumerGroups"] == []
            assert body["kafka"]["detail"].startswith("the broker was not measured")
            assert [s["service"] for s in body["services"]] == SERVICES  # the services' readiness, still asked
            assert [o["service"] for o in body["outboxes"]] == SERVICES
            assert all(sink["lag"] is None for sink in body["siem"].get("sinks", []))  # not measured, never 0
            assert body["healthy"] is False
            assert _deps(app).offset_reader.client is None


async def test_health_shows_every_services_readiness_and_outbox(gateway, support, admin_db):
    body = (await gateway.get(HEALTH, headers=support)).json()
    assert [s["service"] for s in body["services"]] == SERVICES
    for service in body["services"]:
        assert service["ready"] is True, service
        assert {"database", "kafka", "redis"} <= set(service["checks"]), service
    assert [o["service"] for o in body["outboxes"]] == SERVICES
    for outbox in body["outboxes"]:
        assert outbox["state"] == "ok" and outbox["pending"] >= 0, outbox
    assert body["healthy"] is True
    assert body["siem"]["state"] == "ok"

    # Dead-lettered outbox rows are counted as the service's own table holds them.
    async def dead_letters_agree():
        answered = {
            o["service"]: o["deadLettered"] for o in (await gateway.get(HEALTH, headers=support)).json()["outboxes"]
        }
        stored = {
            s: await admin_db.fetchval(f"SELECT count(*) FROM {s}.outbox WHERE failed_at IS NOT NULL") for s in SERVICES
        }
        return answered == stored

    await eventually(dead_letters_agree, timeout=20, what="dead letters = the outboxes' rows")


async def test_the_views_are_in_the_merged_openapi_with_their_permission(gateway):
    document = (await gateway.get("/openapi.json")).json()
    for path in (STATS, HEALTH):
        operation = document["paths"][path]["get"]
        assert operation["x-permission"] == "saas:read" and operation["x-service"] == "gateway"
        assert operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]


@pytest.mark.parametrize(
    ("callee", "path"),
    [
        ("identity", IDENTITY_STATS_PATH),
        ("metering", METERING_STATS_PATH),
        ("billing", BILLING_STATS_PATH),
        *((service, OUTBOX_BACKLOG_PATH) for service in SERVICES),
    ],
)
async def test_the_owners_parts_answer_the_gateway_alone(platform, callee, path):
    async with internal_client(platform, caller="gateway", callee=callee) as client:
        assert (await client.get(path)).status_code == 200
    async with internal_client(platform, caller="billing" if callee != "billing" else "metering", callee=callee) as c:
        assert (await c.get(path)).status_code == 403
    async with internal_client(platform, caller=None, callee=callee) as client:
        assert (await client.get(path)).status_code == 401


async def test_the_gateways_kafka_login_reads_nothing_and_commits_for_no_group(platform, fresh_topic, kafka_producer):
    """DESCRIBE only: it measures offsets, but can neither read a record nor move a group's offsets."""
    await kafka_producer.send_and_wait(fresh_topic, b"secret", partition=0)
    partition = TopicPartition(fresh_topic, 0)
    reader = AIOKafkaConsumer(enable_auto_commit=False, **kafka_client_kwargs(platform, "gateway"))
    await reader.start()
    try:
        reader.assign([partition])
        reader.seek(partition, 0)
        with pytest.raises(TopicAuthorizationFailedError):
            for _ in range(30):
                assert not await reader.getmany(timeout_ms=500)  # never a record
    finally:
        await reader.stop()
    committer = AIOKafkaConsumer(
        group_id="metering-usage", enable_auto_commit=False, **kafka_client_kwargs(platform, "gateway")
    )
    await committer.start()
    try:
        committer.assign([partition])
        with pytest.raises((GroupAuthorizationFailedError, TopicAuthorizationFailedError)):
            await committer.commit({partition: 0})
    finally:
        await committer.stop()
