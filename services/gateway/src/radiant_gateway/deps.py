"""What the gateway needs beyond the platform's runtime, built once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, cast

import aiohttp
from fastapi import Depends

from radiant_platform.app import Runtime, deps_of
from radiant_platform.kafka_lag import OffsetReader
from radiant_platform.kafka_security import kafka_security_of
from radiant_platform.service_auth import ServiceSigner

from .config import UPSTREAM_SERVICES, Settings
from .openapi import MergedOpenAPI
from .platform_views import OffsetsProbe, Upstreams, offset_reader
from .proxy import make_session
from .ratelimit import RateLimiter
from .routes import RouteTable


@dataclass(frozen=True)
class GatewayDeps:
    settings: Settings
    routes: RouteTable
    limiter: RateLimiter
    #: Pooled keep-alive connections to the services (aiohttp: the forwarding hot path).
    upstream: aiohttp.ClientSession
    openapi: MergedOpenAPI
    #: `settings.trusted_proxies` as a tuple, so the memoised client-address rule can take it as is.
    trusted_proxies: tuple[str, ...]
    #: The operators' platform views: signed internal calls to the owners, offsets from the broker.
    upstreams: Upstreams
    #: The broker's offsets over the one connection `offset_reader` keeps (`offset_reader.measure`).
    offset_reader: OffsetReader
    offsets: OffsetsProbe


def build_deps(rt: Runtime[GatewayDeps], own_docs: dict[str, dict[str, Any]] | None = None) -> GatewayDeps:
    """`own_docs`: the OpenAPI documents of the routes the gateway answers itself (its views)."""
    settings = cast(Settings, rt.settings)
    assert rt.redis is not None and rt.http is not None
    routes = RouteTable()
    reader = offset_reader(settings, kafka_security_of(settings))
    return GatewayDeps(
        settings=settings,
        routes=routes,
        limiter=RateLimiter(rt.redis, prefix="gw:rl"),
        upstream=make_session(settings.upstream_connect_timeout, settings.upstream_read_timeout),
        openapi=MergedOpenAPI(
            routes,
            {s: settings.upstream_url(s) for s in UPSTREAM_SERVICES},
            version=rt.spec.version,
            own_docs=own_docs,
        ),
        trusted_proxies=tuple(settings.trusted_proxies),
        upstreams=Upstreams(rt.http, settings, ServiceSigner.from_settings(settings)),
        offset_reader=reader,
        offsets=reader.measure,
    )


async def close_deps(deps: GatewayDeps) -> None:
    await deps.upstream.close()
    await deps.offset_reader.close()


Deps = Annotated[GatewayDeps, Depends(deps_of)]
