from fastapi import FastAPI

from radiant_platform.app import Runtime, ServiceSpec, create_app

from .config import Settings
from .consumers import approval_consumer, billing_consumer, usage_consumer
from .endpoints import internal, router
from radiant_platform.gc_tuning import tune_for_batches
from .jobs import maintain_storage, reconcile_month_to_date
from .mtd import MonthToDateCounters


def _consumers(rt: Runtime):
    settings: Settings = rt.settings  # type: ignore[assignment]
    counters = MonthToDateCounters(rt.redis, settings.mtd_key_ttl_days)
    rt.extras["mtd"] = counters
    return [
        usage_consumer(settings, rt.session_factory, counters),
        billing_consumer(rt.session_factory),
        approval_consumer(rt.session_factory),
    ]


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_app(ServiceSpec(
        settings=settings,
        title="Radiant metering",
        description="Usage events to priced daily rollups; the model registry; month-to-date counters.",
        routers=[router, internal],
        consumers=_consumers,
        background=[maintain_storage, reconcile_month_to_date],
    ))
    tune_for_batches()  # the usage consumer runs in this process too
    return app
