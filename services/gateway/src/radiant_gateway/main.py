from fastapi import FastAPI

from radiant_platform.app import ServiceSpec, create_app

from .config import Settings
from .console import console
from .deps import build_deps, close_deps
from .docs import docs
from .endpoints import router
from .fastpath import install as install_fast_path
from .readiness import upstream_probes
from .routes import GATEWAY
from .views import views, views_openapi


def create_service_app(settings: Settings | None = None, *, fast_path: bool = True) -> FastAPI:
    """The gateway; `fast_path=False` leaves every request to the full framework stack (tests compare
    the two ways' answers)."""
    settings = settings or Settings()
    app = create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant gateway",
            description="The single public HTTP API: authentication, permissions, rate limits, routing.",
            build_deps=lambda rt: build_deps(rt, own_docs={GATEWAY: views_openapi(rt.spec.version)}),
            close_deps=close_deps,
            # The views first: the forwarding route would otherwise take their paths.
            routers=[views, console, docs, router],
            uses_kafka=False,
            readiness=upstream_probes(),
            serve_openapi=False,
            # Bodies are bounded per route in the forwarding path (a length check on the hot path);
            # the services behind bound JSON depth and members with the platform's middleware.
            body_limit=None,
        )
    )
    return install_fast_path(app) if fast_path else app
