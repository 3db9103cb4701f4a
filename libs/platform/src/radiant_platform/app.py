"""The service skeleton every Radiant service is built from: FastAPI + FastStream in one process.

Everything with a connection (engine, Redis, Kafka broker, outbox relay, HTTP clients) is built in
the lifespan, never at import. Dependencies that are down do not crash the process: start-up keeps
retrying in the background and `/readyz` answers 503 until every dependency is reachable.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Annotated, Any, Generic, TypeVar

import httpx
import redis.asyncio as aioredis
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.telemetry import TelemetryConfig
from faststream.kafka import KafkaBroker
from faststream.specification import AsyncAPI
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from radiant_contracts.payload import EventPayload
from radiant_contracts.permissions import PrincipalKind
from radiant_contracts.platform_views import OutboxBacklogPart

from .asyncapi import document_publications
from .auth import JwksVerifier
from .consumer import BatchConsumer
from .db import create_engine, create_sessionmaker, unit_of_work
from .errors import install_problem_handlers, problem_response
from .jobs import JobRunner, PeriodicJob
from .kafka_security import bootstrap_list, kafka_security_of
from .limits import BodyLimit, BodyLimitMiddleware, BodyLimits
from .openapi import install_openapi
from .outbox import OUTBOX_WAKE_KEY, OutboxRelay, make_producer, outbox_backlog
from .service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service
from .settings import ServiceSettings
from .telemetry import configure_logging, configure_tracing

log = logging.getLogger(__name__)

D = TypeVar("D")
#: A long-running task (e.g. a SIEM forwarder's consume loop); restarted after an error.
Worker = Callable[["Runtime[Any]"], Awaitable[None]]


@dataclass
class ServiceSpec(Generic[D]):
    """What makes one service different from another; the rest is the shared skeleton.

    `build_deps(rt)` builds the service's typed dependencies once, in the lifespan, from the
    process's infrastructure (`rt.settings`, `rt.sessionmaker`, `rt.redis`, `rt.http`); endpoints
    receive them with `Annotated[MyDeps, Depends(deps_of)]`, consumers and jobs as `rt.deps`.
    `close_deps` releases what they hold. `publishes` lists the event contracts the service writes
    to its outbox, so its AsyncAPI document shows them beside what it consumes.
    """

    settings: ServiceSettings
    title: str
    description: str = ""
    build_deps: Callable[[Runtime[D]], D | Awaitable[D]] | None = None
    close_deps: Callable[[D], Awaitable[None]] | None = None
    routers: Sequence[APIRouter] = ()
    consumers: Callable[[Runtime[D]], Sequence[BatchConsumer]] | None = None
    jobs: Sequence[PeriodicJob[D]] = ()
    workers: Sequence[Worker] = ()
    publishes: Sequence[type[EventPayload]] = ()
    uses_kafka: bool = True
    version: str = "2.0.0"
    # Further readiness probes by name (the gateway probes every service it forwards to).
    readiness: dict[str, Callable[[Runtime[D]], Awaitable[Any]]] = field(default_factory=dict)
    serve_openapi: bool = True  # the gateway serves a merged document instead of its own
    # Request bodies (limits.py): the default bound (size, JSON depth and members) and, by path
    # prefix, larger or smaller ones; None turns the check off (the gateway bounds sizes itself).
    body_limit: BodyLimit | None = field(default_factory=BodyLimit)
    body_limits: dict[str, BodyLimit] = field(default_factory=dict)


@dataclass
class Runtime(Generic[D]):
    """The process's live infrastructure and the service's typed dependencies (`deps`)."""

    spec: ServiceSpec[D]
    settings: ServiceSettings
    engine: AsyncEngine | None = None
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    redis: aioredis.Redis | None = None
    broker: KafkaBroker | None = None
    relay: OutboxRelay | None = None
    verifier: JwksVerifier | None = None
    http: httpx.AsyncClient | None = None
    consumers: list[BatchConsumer] = field(default_factory=list)
    started: bool = False
    start_error: str | None = None
    tasks: list[asyncio.Task[Any]] = field(default_factory=list)
    job_runners: list[JobRunner] = field(default_factory=list)
    asyncapi: Any = None
    _deps: D | None = None

    @property
    def deps(self) -> D:
        if self._deps is None:
            raise RuntimeError(f"{self.settings.service_name}: dependencies are not built yet")
        return self._deps

    def session_factory(self) -> async_sessionmaker[AsyncSession]:
        if self.sessionmaker is None:
            raise RuntimeError("this service has no database")
        return self.sessionmaker


def get_runtime(request: Request) -> Runtime[Any]:
    return request.app.state.runtime  # type: ignore[no-any-return]


# Every dependency is `async def`, however trivial: FastAPI runs a plain `def` dependency in a worker
# thread, one hand-off to the thread pool and back per dependency per request (under load that was
# most of a quota check's server time). tests/lint/test_async_dependencies.py keeps it so.


async def runtime_of(request: Request) -> Runtime[Any]:
    """Endpoint dependency: the service's runtime (`get_runtime`, for a `Depends`)."""
    return get_runtime(request)


async def deps_of(request: Request) -> Any:
    """Endpoint dependency: the service's typed dependencies. Each service names it once:
    `Deps = Annotated[BillingDeps, Depends(deps_of)]`."""
    return get_runtime(request).deps


async def _db_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session per request; committed when the endpoint returns, rolled back on error."""
    async with unit_of_work(get_runtime(request).session_factory()) as session:
        yield session


# scope="function": commit before the response is sent, so a failed commit is a 500, not a lie.
DbSession = Annotated[AsyncSession, Depends(_db_session, scope="function")]
RuntimeDep = Annotated[Runtime[Any], Depends(runtime_of)]


async def _start_dependencies(rt: Runtime[Any]) -> None:
    """Connect to Kafka and start consumers, relay and jobs; retried until the broker answers."""
    delay = 0.5
    while True:
        try:
            if rt.broker is not None:
                await rt.broker.start()
            if rt.relay is not None:
                await rt.relay.start()
                rt.tasks.append(asyncio.create_task(rt.relay.run(), name="outbox-relay"))
            for job in rt.spec.jobs:
                runner = JobRunner(job, rt)
                rt.job_runners.append(runner)
                runner.start()
            for worker in rt.spec.workers:
                rt.tasks.append(
                    asyncio.create_task(_keep_running(worker, rt), name=getattr(worker, "__name__", "worker"))
                )
            rt.started = True
            rt.start_error = None
            log.info("%s started", rt.settings.service_name)
            return
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # noqa: BLE001 - keep retrying, report through /readyz
            rt.start_error = f"{type(exc).__name__}: {exc}"
            log.warning("start-up of %s waiting for dependencies: %s", rt.settings.service_name, rt.start_error)
            if rt.broker is not None:
                await _quietly(rt.broker.stop())
            if rt.relay is not None:
                await _quietly(rt.relay.close())
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10)


async def _keep_running(worker: Worker, rt: Runtime[Any]) -> None:
    """Workers restart after an error instead of dying silently."""
    while True:
        try:
            await worker(rt)
            return
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("worker %s failed; restarting in 5 s", getattr(worker, "__name__", worker))
            await asyncio.sleep(5)


async def _quietly(awaitable: Awaitable[Any]) -> None:
    """Shutdown steps: one that fails must not stop the others."""
    with contextlib.suppress(Exception):
        await awaitable


async def build_runtime(spec: ServiceSpec[D]) -> Runtime[D]:
    """Infrastructure first, then the service's dependencies, then its consumers (which use both)."""
    s = spec.settings
    rt: Runtime[D] = Runtime(spec=spec, settings=s)
    if s.database_url:
        rt.engine = create_engine(s)
        rt.sessionmaker = create_sessionmaker(rt.engine)
    # One retry on a fresh connection when a pooled one turns out dead (Redis restarted): without it
    # each stale connection answered one request with a 503 after Redis was back.
    rt.redis = aioredis.from_url(
        s.redis_url,
        decode_responses=False,
        socket_timeout=2,
        socket_connect_timeout=2,
        retry=Retry(NoBackoff(), 1),
        retry_on_error=[RedisConnectionError],
    )
    rt.http = httpx.AsyncClient(
        timeout=httpx.Timeout(10.0, connect=2.0), limits=httpx.Limits(max_connections=200, max_keepalive_connections=50)
    )
    rt.verifier = JwksVerifier(
        f"{s.identity_url}/.well-known/jwks.json",
        issuer=s.jwt_issuer,
        audience=s.jwt_audience,
        cache_seconds=s.jwks_cache_seconds,
        audiences={s.jwt_operator_audience: PrincipalKind.OPERATOR},
    )
    if spec.uses_kafka:
        security = kafka_security_of(s)  # the service's own Kafka principal
        rt.broker = KafkaBroker(
            bootstrap_list(s.kafka_bootstrap_servers),
            client_id=f"radiant-{s.service_name}",
            logger=log,
            security=security.broker_security(),
            allow_auto_create_topics=False,  # topics come from provisioning; no service may create one
        )
        if rt.sessionmaker is not None:
            producer = make_producer(s.kafka_bootstrap_servers, f"radiant-{s.service_name}-outbox", security)
            rt.relay = OutboxRelay(
                rt.sessionmaker,
                producer,
                schema=s.db_schema or s.service_name,
                batch_size=s.outbox_batch_size,
                poll_seconds=s.outbox_poll_seconds,
                # A record the broker refused leaves the producer out of step: the relay replaces it.
                renew_producer=lambda: make_producer(
                    s.kafka_bootstrap_servers, f"radiant-{s.service_name}-outbox", security
                ),
            )
            rt.sessionmaker.configure(info={OUTBOX_WAKE_KEY: rt.relay.wake})
    if spec.build_deps is not None:
        built = spec.build_deps(rt)
        rt._deps = await built if inspect.isawaitable(built) else built
    if rt.broker is not None:
        if spec.consumers is not None:
            rt.consumers = list(spec.consumers(rt))
            for consumer in rt.consumers:
                consumer.register(rt.broker)
        document_publications(rt.broker, spec.publishes, rt.consumers)
    return rt


async def _shutdown(rt: Runtime[Any]) -> None:
    """Drain: stop consuming (in-flight batches finish and commit), flush the outbox, close."""
    if rt.broker is not None:
        # A pipelined consumer's batch in flight commits its offsets before the Kafka clients close.
        await asyncio.gather(*(c.drain() for c in rt.consumers), return_exceptions=True)
        await _quietly(rt.broker.stop())
    if rt.relay is not None:
        await rt.relay.stop()
        await _quietly(rt.relay.publish_pending())
    await asyncio.gather(*(runner.stop() for runner in rt.job_runners), return_exceptions=True)
    for task in rt.tasks:
        task.cancel()
    await asyncio.gather(*rt.tasks, return_exceptions=True)
    if rt.spec.close_deps is not None and rt._deps is not None:
        await _quietly(rt.spec.close_deps(rt._deps))
    if rt.relay is not None:
        await _quietly(rt.relay.close())
    if rt.verifier is not None:
        await _quietly(rt.verifier.aclose())
    if rt.http is not None:
        await _quietly(rt.http.aclose())
    if rt.redis is not None:
        await _quietly(rt.redis.aclose())
    if rt.engine is not None:
        await _quietly(rt.engine.dispose())


async def check_readiness(rt: Runtime[Any]) -> dict[str, str]:
    checks: dict[str, str] = {}

    async def probe(name: str, coro: Awaitable[Any]) -> None:
        try:
            await asyncio.wait_for(coro, timeout=2.0)
            checks[name] = "ok"
        except Exception as exc:  # noqa: BLE001
            # Hosts, ports and driver messages are for the operator's log, not for whoever can
            # reach this port: the answer says only which dependency is down.
            log.warning("readiness: %s is down: %s: %s", name, type(exc).__name__, exc)
            checks[name] = "down"

    async def db() -> None:
        assert rt.engine is not None
        async with rt.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))

    async def kafka() -> None:
        assert rt.broker is not None
        if not rt.started:
            raise RuntimeError(rt.start_error or "starting")
        if not await rt.broker.ping(timeout=2.0):
            raise RuntimeError("broker did not answer")

    probes = []
    if rt.engine is not None:
        probes.append(probe("database", db()))
    if rt.broker is not None:
        probes.append(probe("kafka", kafka()))
    if rt.redis is not None:
        probes.append(probe("redis", rt.redis.ping()))
    for name, check in rt.spec.readiness.items():
        probes.append(probe(name, check(rt)))
    await asyncio.gather(*probes)
    if not rt.started and "kafka" not in checks:
        # `_start_dependencies` has logged the error it keeps retrying on.
        checks["startup"] = "down" if rt.start_error else "starting"
    return checks


async def _outbox_state(rt: Runtime[Any]) -> dict[str, int] | None:
    """Outbox rows dead-lettered (refused for good by Kafka) and waiting for an operator. Shown,
    not a readiness check: the service serves requests and publishes its other events meanwhile."""
    if rt.relay is None:
        return None
    try:
        dead = await asyncio.wait_for(rt.relay.dead_lettered_count(), timeout=2.0)
    except Exception as exc:  # noqa: BLE001 - the database check reports the outage
        log.warning("readiness: outbox dead letters not counted: %s: %s", type(exc).__name__, exc)
        return None
    return {"deadLettered": dead, "deadLetteredSinceStart": rt.relay.dead_lettered_total}


#: The probes' paths: served by `_health_router`, never traced (`REQUEST_TELEMETRY`).
HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"
PROBE_PATHS = frozenset({HEALTH_PATH, READY_PATH})


def _health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get(HEALTH_PATH, include_in_schema=False)
    async def healthz(request: Request) -> dict[str, str]:
        return {"status": "ok", "service": get_runtime(request).settings.service_name}

    @router.get(READY_PATH, include_in_schema=False)
    async def readyz(request: Request) -> Response:
        rt = get_runtime(request)
        checks, outbox = await asyncio.gather(check_readiness(rt), _outbox_state(rt))
        extra: dict[str, Any] = {"outbox": outbox} if outbox is not None else {}
        if all(v == "ok" for v in checks.values()):
            return JSONResponse({"status": "ready", "service": rt.settings.service_name, "checks": checks, **extra})
        return problem_response(request, 503, detail="Not ready", checks=checks, **extra)

    @router.get("/asyncapi.json", include_in_schema=False)
    async def asyncapi_json(request: Request) -> Response:
        return Response(_asyncapi(get_runtime(request)).to_json(), media_type="application/json")

    @router.get("/asyncapi", include_in_schema=False)
    async def asyncapi_html(request: Request) -> Response:
        # The viewer is the gateway's page (`/docs/asyncapi/<service>`), whose script and styles come
        # from the platform's own build: FastStream's page loads them from a CDN, blank offline.
        return RedirectResponse(asyncapi_page_url(get_runtime(request).settings), status_code=307)

    return router


#: Who may read a service's outbox backlog: the gateway, which composes the operators' health view.
OUTBOX_BACKLOG_READERS = ("gateway",)
OUTBOX_BACKLOG_PATH = "/internal/v1/outbox"


def _internal_router() -> APIRouter:
    """Internal routes every service with a database answers the same way (service-authenticated)."""
    router = APIRouter(tags=["internal"], include_in_schema=False)

    @router.get(OUTBOX_BACKLOG_PATH, responses=INTERNAL_RESPONSES)
    async def outbox(
        request: Request, _: Annotated[ServiceCaller, require_service(*OUTBOX_BACKLOG_READERS)]
    ) -> Response:
        rt = get_runtime(request)
        if rt.sessionmaker is None:
            return problem_response(request, 404, detail=f"{rt.settings.service_name} has no outbox")
        async with rt.sessionmaker() as session:
            backlog = await outbox_backlog(session)
        part = OutboxBacklogPart(
            service=rt.settings.service_name,
            pending=backlog.pending,
            pending_capped=backlog.pending_capped,
            oldest_pending_at=backlog.oldest_pending_at,
            dead_lettered=backlog.dead_lettered,
            dead_lettered_since_start=rt.relay.dead_lettered_total if rt.relay else 0,
        )
        return JSONResponse(part.model_dump(mode="json", by_alias=True))

    return router


#: Where the gateway shows a service's events (radiant_gateway.docs).
ASYNCAPI_PAGE_PATH = "/docs/asyncapi"


def asyncapi_page_url(settings: ServiceSettings) -> str:
    """The gateway's page of this service's AsyncAPI document (GATEWAY_URL, as people reach it)."""
    return f"{settings.gateway_url.rstrip('/')}{ASYNCAPI_PAGE_PATH}/{settings.service_name}"


def _asyncapi(rt: Runtime[Any]) -> Any:
    if rt.asyncapi is None:
        brokers = [rt.broker] if rt.broker is not None else []
        rt.asyncapi = AsyncAPI(
            *brokers, title=f"{rt.spec.title} events", version=rt.spec.version, description=rt.spec.description
        ).to_specification()
    return rt.asyncapi


#: FastAPI's own request telemetry: one server span per request (sampled by the service's tracer
#: provider, `traceparent` followed), named by its route template once routing has chosen it. It
#: replaces OpenTelemetry's FastAPI middleware, which matched every request against every route a
#: second time to name its span: a fifth of identity's CPU per `GET /me` under the gateway benchmark.
#: No spans for dependency resolution and serialisation (more spans than a request is worth); none
#: for the probes.
REQUEST_TELEMETRY: TelemetryConfig = {
    "operation_spans": False,
    "exclude": lambda scope: scope.get("path") in PROBE_PATHS,
}


def create_app(spec: ServiceSpec[Any]) -> FastAPI:
    settings = spec.settings
    configure_logging(settings)
    configure_tracing(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        rt = await build_runtime(spec)
        app.state.runtime = rt
        starter = asyncio.create_task(_start_dependencies(rt), name="start-dependencies")
        try:
            yield
        finally:
            starter.cancel()
            await asyncio.gather(starter, return_exceptions=True)
            await _shutdown(rt)

    docs: dict[str, Any] = {} if spec.serve_openapi else {"openapi_url": None, "docs_url": None, "redoc_url": None}
    app = FastAPI(
        title=spec.title,
        description=spec.description,
        version=spec.version,
        lifespan=lifespan,
        telemetry=REQUEST_TELEMETRY,
        **docs,
    )
    install_problem_handlers(app)
    if spec.body_limit is not None:
        app.add_middleware(BodyLimitMiddleware, limits=BodyLimits(spec.body_limit, spec.body_limits))
    if spec.serve_openapi:
        install_openapi(app)
    app.include_router(_health_router())
    app.include_router(_internal_router())
    for router in spec.routers:
        app.include_router(router)
    HTTPXClientInstrumentor().instrument()
    return app
