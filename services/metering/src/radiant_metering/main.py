from fastapi import FastAPI

from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.events.metering import QuotaThresholdCrossed
from radiant_contracts.events.usage import UsageRecorded
from radiant_platform import tenant_purge
from radiant_platform.app import ServiceSpec, create_app
from radiant_platform.jobs import PeriodicJob
from radiant_platform.limits import (
    BULK_MAX_BODY_BYTES,
    CATALOGUE_MAX_BODY_BYTES,
    CATALOGUE_MAX_JSON_KEYS,
    BodyLimit,
)

from .config import Settings
from .consumers import consumers
from .deps import build_deps
from .endpoints import internal, router, saas
from .jobs import maintain_storage, reconcile_month_to_date
from .platform_stats.endpoints import internal as platform_stats_internal
from .quotas.endpoints import admin as quotas_admin
from .quotas.endpoints import router as quotas_router
from .quotas.jobs import reconcile_quota_limits
from .usage_bulk.endpoints import internal as usage_bulk_internal
from .usage_series.endpoints import internal as usage_series_internal
from .usage_series.endpoints import router as usage_series_router
from .usage_series.jobs import usage_series_jobs


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant metering",
            description="Usage events to priced daily rollups; the model registry; month-to-date counters.",
            build_deps=build_deps,
            routers=[
                router,
                saas,
                internal,
                usage_series_router,
                usage_series_internal,
                quotas_router,
                quotas_admin,
                platform_stats_internal,
                usage_bulk_internal,
            ],
            consumers=consumers,
            jobs=[
                # A failed round (e.g. a lock timeout behind ingestion) is retried soon, not in ten minutes.
                PeriodicJob(
                    "usage-storage", settings.maintenance_interval_seconds, maintain_storage, retry_after_error=10
                ),
                PeriodicJob("month-to-date-reconcile", settings.mtd_reconcile_seconds, reconcile_month_to_date),
                *usage_series_jobs(),
                # Redis's copy of the plan limits (the request path's quota check) repaired as often.
                PeriodicJob("quota-limits-reconcile", settings.mtd_reconcile_seconds, reconcile_quota_limits),
                # raw usage (every partition), dedup keys, rollups, counters, margins, quotas
                tenant_purge.purge_job("metering", settings),
            ],
            publishes=[UsageRecorded, AuditRecorded, ApprovalExecuted, ApprovalExecutionFailed, QuotaThresholdCrossed],
            # A full usage batch may exceed the default 1 MiB (limits.BULK_MAX_BODY_BYTES says why).
            body_limits={
                "/api/v2/metering/batch": BodyLimit(max_bytes=BULK_MAX_BODY_BYTES),
                # A price catalogue (LiteLLM's is ~1.6 MB, ~40,000 members): limits.CATALOGUE_* say why.
                "/api/v2/saas/models/import": BodyLimit(
                    max_bytes=CATALOGUE_MAX_BODY_BYTES, max_json_keys=CATALOGUE_MAX_JSON_KEYS
                ),
            },
        )
    )
