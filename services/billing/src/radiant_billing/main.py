from fastapi import FastAPI

from radiant_platform.app import ServiceSpec, create_app

from .config import Settings
from .consumers import consumers
from .endpoints import router
from .jobs import BACKGROUND_JOBS


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(ServiceSpec(
        settings=settings,
        title="Radiant billing",
        description="Billing settings, current period and projections, invoices, Stripe, budgets and webhooks.",
        routers=[router],
        consumers=consumers,
        background=BACKGROUND_JOBS,
    ))
