from fastapi import FastAPI

from radiant_platform.app import ServiceSpec, create_app

from .config import Settings
from .consumers import consumers
from .endpoints import router
from .jobs import expiry_sweep


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant approval",
            description="Two-person approval of production changes: requests, N-of-M reviews, expiry, "
            "decisions on `approval-decisions` and the owning services' execution results.",
            routers=[router],
            consumers=consumers,
            background=[expiry_sweep],
        )
    )
