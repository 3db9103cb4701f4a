from fastapi import FastAPI

from radiant_contracts.events.approval import (
    ApprovalApproved,
    ApprovalCancelled,
    ApprovalExpired,
    ApprovalRejected,
    ApprovalRequested,
)
from radiant_contracts.events.audit import AuditRecorded
from radiant_platform import tenant_purge
from radiant_platform.app import ServiceSpec, create_app
from radiant_platform.jobs import PeriodicJob

from .config import Settings
from .consumers import consumers
from .deps import build_deps
from .endpoints import internal, router, saas
from .jobs import expire_overdue_requests
from .pending.endpoints import internal as pending_internal


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant approval",
            description="Two-person approval of production changes: requests, N-of-M reviews, expiry, "
            "decisions on `approval-decisions` and the owning services' execution results.",
            build_deps=build_deps,
            routers=[router, saas, internal, pending_internal],
            consumers=consumers,
            jobs=[
                PeriodicJob("approval-expiry-sweep", settings.expiry_sweep_seconds, expire_overdue_requests),
                tenant_purge.purge_job("approval", settings),
            ],
            publishes=[
                ApprovalRequested,
                ApprovalApproved,
                ApprovalRejected,
                ApprovalCancelled,
                ApprovalExpired,
                AuditRecorded,
            ],
        )
    )
