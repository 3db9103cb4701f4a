from fastapi import FastAPI

from radiant_platform.app import ServiceSpec, create_app

from .config import Settings
from .consumers import consumers
from .deps import build_deps
from .endpoints import internal, router
from .jobs import checkpoint_job, siem_workers


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant audit",
            description="The append-only, hash-chained audit log: ingestion, queries, exports, "
            "verification, and streaming to SIEMs.",
            build_deps=build_deps,
            routers=[router, internal],
            consumers=consumers,
            jobs=[checkpoint_job(settings)],
            workers=siem_workers(settings),
            publishes=[],  # it writes no events; the dead letters of audit-events are documented by the platform
        )
    )
