import gc

from fastapi import FastAPI

from radiant_platform.app import Runtime, ServiceSpec, create_app

from .config import Settings
from .consumers import consumers
from .endpoints import internal, router
from .jobs import checkpoint_job, siem_job
from .keys import load_checkpoint_key
from .siem.forwarder import SiemForwarding


def tune_garbage_collector() -> None:
    """Ingest allocates ~20 short-lived objects per event (a pydantic event, its entry dict and COPY
    row), thousands per batch, all freed when the batch commits. With the default thresholds the
    collector runs every 700 allocations and, as batches survive into the older generations,
    keeps re-scanning the whole long-lived heap (the app, SQLAlchemy, pydantic schemas): profiled,
    a large share of the time attributed to decoding. So: move what exists after start-up out of
    the collector's sight (`gc.freeze`), and collect the young generation less often."""
    gc.freeze()
    gc.set_threshold(20_000, 20, 50)


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Loaded at app creation: a missing key outside dev is a configuration error that must stop start-up.
    checkpoint_key = load_checkpoint_key(settings)

    async def wire_up(rt: Runtime) -> None:
        rt.extras["checkpoint_key"] = checkpoint_key
        rt.extras.setdefault("siem", SiemForwarding(settings.siem_sinks, settings.kafka_bootstrap_servers))
        tune_garbage_collector()

    app = create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant audit",
            description="The append-only, hash-chained audit log: ingestion, queries, exports, "
                        "verification, and streaming to SIEMs.",
            routers=[router, internal],
            consumers=consumers,
            background=[checkpoint_job, siem_job],
            on_startup=[wire_up],
        )
    )
    app.state.checkpoint_key = checkpoint_key
    return app
