from fastapi import FastAPI

from radiant_platform.app import Runtime, ServiceSpec, create_app
from radiant_platform.gc_tuning import tune_for_batches

from .config import Settings
from .consumers import consumers
from .endpoints import internal, router
from .jobs import checkpoint_job, siem_job
from .keys import load_checkpoint_key
from .siem.forwarder import SiemForwarding


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Loaded at app creation: a missing key outside dev is a configuration error that must stop start-up.
    checkpoint_key = load_checkpoint_key(settings)

    async def wire_up(rt: Runtime) -> None:
        rt.extras["checkpoint_key"] = checkpoint_key
        rt.extras.setdefault("siem", SiemForwarding(settings.siem_sinks, settings.kafka_bootstrap_servers))
        tune_for_batches()

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
