"""The seam every service is built on: typed deps, the request context, periodic jobs, field errors,
pagination and the AsyncAPI document — without any external service."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter, Depends, FastAPI

from radiant_contracts.api import PAGE_LIMIT_MAX, Page, PageRequest
from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.audit import AuditRecorded
from radiant_platform.app import ServiceSpec, _asyncapi, build_runtime, create_app, deps_of
from radiant_platform.audit import client_from
from radiant_platform.auth import Principal
from radiant_platform.consumer import BatchConsumer
from radiant_platform.context import RequestContext, context_for
from radiant_platform.errors import ProblemError, install_problem_handlers, invalid_fields, refusal_keeping_effects
from radiant_platform.jobs import JobRunner, PeriodicJob
from radiant_platform.pagination import PageParams
from radiant_platform.settings import ServiceSettings


@dataclass(frozen=True)
class FakeDeps:
    greeting: str


def _settings(**kw: Any) -> ServiceSettings:
    # No broker is reached here: the Kafka clients are built, never connected, so no login is needed
    # whatever the environment says (a stack running SASL exports KAFKA_SECURITY_PROTOCOL).
    return ServiceSettings(service_name="seam-test", **{"kafka_security_protocol": "PLAINTEXT", **kw})


# --- the trusted-proxy rule --------------------------------------------------------------------------


def test_forwarded_for_is_believed_only_from_a_trusted_proxy() -> None:
    assert client_from("203.0.113.9", "127.0.0.1", None).ip == "203.0.113.9"
    # A caller that is not a trusted proxy cannot choose the address the audit trail records.
    assert client_from("203.0.113.9", "198.51.100.7", None).ip == "198.51.100.7"
    assert client_from("203.0.113.9", "10.1.2.3", None, ["10.0.0.0/8"]).ip == "203.0.113.9"
    assert client_from("203.0.113.9", "10.1.2.3", None, []).ip == "10.1.2.3"


def test_the_client_is_the_rightmost_untrusted_hop_so_a_forged_prefix_is_ignored() -> None:
    # The client wrote "6.6.6.6"; the load balancer appended what it saw (203.0.113.9), the gateway
    # (10.0.0.7) forwarded to the service from loopback.
    forged = "6.6.6.6, 203.0.113.9, 10.0.0.7"
    assert client_from(forged, "127.0.0.1", None).ip == "203.0.113.9"
    assert client_from("6.6.6.6, garbage", "127.0.0.1", None).ip is None  # an unreadable hop is not believed
    assert client_from("10.0.0.8", "10.0.0.7", None).ip == "10.0.0.8"  # every hop trusted: the farthest


def test_the_context_names_its_caller_and_audits_for_it() -> None:
    principal = Principal(
        subject="u1", tenant_id="t1", role="admin", environment="prod", amr=("pwd",), email="a@example.com"
    )
    ctx = RequestContext(principal=principal, client=client_from(None, "192.0.2.1", "ua"), service="billing")
    actor = ctx.actor()
    assert (actor.type, actor.id, actor.name, str(actor.ip), actor.user_agent) == (
        "admin",
        "u1",
        "a@example.com",
        "192.0.2.1",
        "ua",
    )
    assert ctx.tenant_id == "t1" and ctx.environment == "prod" and ctx.can("billing:read")


# --- typed deps and the request context through a real app -------------------------------------------


def _app_with(router: APIRouter, **spec: Any) -> FastAPI:
    return create_app(
        ServiceSpec(
            settings=_settings(),
            title="seam",
            routers=[router],
            uses_kafka=False,
            build_deps=lambda rt: FakeDeps("hello"),
            **spec,
        )
    )


async def test_endpoints_receive_the_deps_built_once_in_the_lifespan() -> None:
    router = APIRouter()

    @router.get("/hello")
    async def hello(deps: Annotated[FakeDeps, Depends(deps_of)]) -> dict[str, str]:
        return {"greeting": deps.greeting}

    app = _app_with(router)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            response = await client.get("/hello")
    assert response.json() == {"greeting": "hello"}


def test_the_context_reads_the_client_through_the_services_trusted_proxies() -> None:
    class _Req:
        headers = {"x-forwarded-for": "203.0.113.5", "user-agent": "ua"}
        client = type("C", (), {"host": "10.0.0.2"})()
        app = type("A", (), {"state": type("S", (), {})()})()

    request: Any = _Req()
    principal = Principal(subject="u", tenant_id="t", role="auditor", environment="dev", amr=())
    for trusted, expected in ((["10.0.0.0/8"], "203.0.113.5"), (["127.0.0.1/32"], "10.0.0.2")):
        request.app.state.runtime = type("R", (), {"settings": _settings(trusted_proxies=trusted)})()
        assert context_for(request, principal).client.ip == expected


# --- field errors and refusals -----------------------------------------------------------------------


async def test_field_errors_answer_422_problem_json_naming_each_field() -> None:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/range")
    async def bad_range() -> None:
        raise invalid_fields(("query.end", "must not be before start"), ("query.start", "too old"))

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        response = await client.get("/range")
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "query.end", "message": "must not be before start", "type": "value_error"},
        {"field": "query.start", "message": "too old", "type": "value_error"},
    ]


def test_a_refusal_keeping_its_effects_is_marked_for_commit() -> None:
    problem = refusal_keeping_effects(ProblemError(410, "This invitation has expired"))
    assert problem.commit_effects and problem.status == 410


# --- pagination --------------------------------------------------------------------------------------


def test_a_page_knows_whether_more_follows_from_one_extra_row() -> None:
    page = PageRequest(limit=2, offset=4)
    assert page.fetch_limit == 3
    items, pagination = page.cut(["a", "b", "c"])
    assert items == ["a", "b"] and pagination.has_more
    items, pagination = page.cut(["a", "b"])  # exactly a page: nothing follows
    assert items == ["a", "b"] and not pagination.has_more
    assert page.page(["a"]).model_dump(by_alias=True) == {
        "items": ["a"],
        "pagination": {"limit": 2, "offset": 4, "hasMore": False},
    }
    assert Page[int](items=[1], pagination=pagination).items == [1]


async def test_page_parameters_are_bounded_the_same_everywhere() -> None:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/things")
    async def things(page: PageParams) -> dict[str, int]:
        return {"limit": page.limit, "offset": page.offset}

    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        assert (await client.get("/things")).json() == {"limit": 50, "offset": 0}
        too_many = await client.get("/things", params={"limit": PAGE_LIMIT_MAX + 1})
        negative = await client.get("/things", params={"offset": -1})
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "query.limit"
    assert negative.status_code == 422 and negative.json()["errors"][0]["field"] == "query.offset"


# --- periodic jobs -----------------------------------------------------------------------------------


async def test_a_job_drains_a_backlog_survives_a_failing_round_and_stops_gracefully() -> None:
    rounds: list[str] = []
    backlog = [3]

    async def one_round(rt: Any) -> bool:
        if len(rounds) == 1:
            rounds.append("fail")
            raise RuntimeError("database away")
        rounds.append("ok")
        backlog[0] -= 1
        return backlog[0] > 0  # more waits: run again at once

    job = PeriodicJob("drain", interval=0.05, run=one_round, jitter=0.0)
    runner = JobRunner(job, runtime=None)  # type: ignore[arg-type]
    runner.start()
    for _ in range(100):
        if backlog[0] <= 0:
            break
        await asyncio.sleep(0.02)
    await runner.stop()
    assert rounds[:2] == ["ok", "fail"] and rounds.count("ok") == 3
    assert runner.failures == 1 and backlog[0] == 0


async def test_stopping_lets_the_round_in_progress_finish() -> None:
    finished = asyncio.Event()
    started = asyncio.Event()

    async def slow_round(rt: Any) -> None:
        started.set()
        await asyncio.sleep(0.2)
        finished.set()

    runner = JobRunner(PeriodicJob("slow", interval=60, run=slow_round), runtime=None)  # type: ignore[arg-type]
    runner.start()
    await started.wait()
    await runner.stop()
    assert finished.is_set()


def test_jitter_spreads_the_interval_within_bounds() -> None:
    job = PeriodicJob("j", interval=10.0, run=lambda rt: asyncio.sleep(0), jitter=0.2)
    delays = {job.next_delay() for _ in range(200)}
    assert all(8.0 <= d <= 12.0 for d in delays) and len(delays) > 1


# --- the AsyncAPI document ---------------------------------------------------------------------------


async def _noop(session: Any, deliveries: Any) -> None:
    return None


async def test_asyncapi_shows_consumed_and_published_contracts_with_their_fields() -> None:
    spec = ServiceSpec(
        settings=_settings(),
        title="Seam",
        build_deps=lambda rt: FakeDeps("x"),
        consumers=lambda rt: [
            BatchConsumer(
                name="seam-approvals",
                topic="approval-decisions",
                handler=_noop,
                sessionmaker_provider=rt.session_factory,
                event_types=[ApprovalExecuted.event_type, ApprovalExecutionFailed.event_type],
            )
        ],
        publishes=[AuditRecorded],
    )
    rt = await build_runtime(spec)
    try:
        document = json.loads(_asyncapi(rt).to_json())
    finally:
        assert rt.redis is not None and rt.http is not None
        await rt.redis.aclose()
        await rt.http.aclose()
    assert document["asyncapi"].startswith("3.")
    assert {"approval-decisions:seam-approvals", "audit-events:publish", "approval-decisions.dlq:publish"} <= set(
        document["channels"]
    )
    schemas = document["components"]["schemas"]
    assert {"approval_id", "executed_by_service", "result"} <= set(schemas["ApprovalExecuted"]["properties"])
    assert {"action", "actor", "resource_type"} <= set(schemas["AuditRecorded"]["properties"])
    assert rt.deps == FakeDeps("x")


async def test_deps_are_refused_before_they_are_built() -> None:
    spec: ServiceSpec[FakeDeps] = ServiceSpec(settings=_settings(), title="Seam", uses_kafka=False)
    rt = await build_runtime(spec)
    try:
        with pytest.raises(RuntimeError, match="not built"):
            _ = rt.deps
    finally:
        assert rt.redis is not None and rt.http is not None
        await rt.redis.aclose()
        await rt.http.aclose()
