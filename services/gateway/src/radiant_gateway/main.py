from fastapi import FastAPI

from radiant_platform.app import Runtime, ServiceSpec, create_app

from .config import Settings
from .endpoints import ROUTE_TABLE, router
from .openapi import MergedOpenAPI
from .proxy import make_session
from .ratelimit import RateLimiter

SERVICES = ("identity", "approval", "metering", "billing", "audit")


def _readiness_probe(service: str):
    async def probe(rt: Runtime) -> None:
        settings: Settings = rt.settings  # type: ignore[assignment]
        assert rt.http is not None
        response = await rt.http.get(f"{settings.upstream_url(service)}/readyz", timeout=2.0)
        if response.status_code != 200:
            raise RuntimeError(f"{service} not ready ({response.status_code})")

    return probe


async def _prepare(rt: Runtime) -> None:
    settings: Settings = rt.settings  # type: ignore[assignment]
    assert rt.redis is not None
    rt.extras["limiter"] = RateLimiter(rt.redis, prefix="gw:rl")
    rt.extras["upstream"] = make_session(settings.upstream_connect_timeout, settings.upstream_read_timeout)
    rt.extras["openapi"] = MergedOpenAPI(ROUTE_TABLE, {s: settings.upstream_url(s) for s in SERVICES},
                                         version=rt.spec.version)


async def _close(rt: Runtime) -> None:
    if "upstream" in rt.extras:
        await rt.extras["upstream"].close()


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant gateway",
            description="The single public HTTP API: authentication, permissions, rate limits, routing.",
            routers=[router],
            uses_kafka=False,
            on_startup=[_prepare],
            on_shutdown=[_close],
            readiness={s: _readiness_probe(s) for s in SERVICES},
            serve_openapi=False,
        )
    )
