"""The bootstrap: identity's `ServiceSpec`, its dependencies (built once), consumers and jobs."""

from fastapi import FastAPI

from radiant_contracts.events.agent import AgentDeleted, AgentStartRequested, AgentStopRequested
from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.events.tenant import (
    TenantCreated,
    TenantDeleted,
    TenantReactivated,
    TenantSuspended,
    TenantUpdated,
)
from radiant_platform.app import ServiceSpec, create_app

from .account.endpoints import page_router as reset_page_router
from .account.endpoints import router as account_router
from .agents.consumers import agent_consumers
from .agents.endpoints import router as agents_router
from .billing_status.consumers import billing_status_consumers
from .config import Settings
from .console_sessions.endpoints import router as console_sessions_router
from .consumers import consumers
from .dashboard.endpoints import router as dashboard_router
from .deps import IdentityDeps, build_deps
from .digests.jobs import digest_jobs
from .endpoints import internal, router
from .jobs import identity_jobs
from .members.endpoints import router as members_router
from .operators.endpoints import internal as operators_internal
from .operators.endpoints import router as operators_router
from .quotas.consumers import quota_consumers
from .quotas.endpoints import internal as quotas_internal
from .service_keys.endpoints import router as service_keys_router
from .service_keys.jobs import service_key_jobs
from .settings.endpoints import internal as settings_internal
from .settings.endpoints import router as settings_router
from .settings.jobs import settings_jobs
from .tenants.endpoints import router as tenants_router
from .tenants.jobs import tenant_jobs


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec[IdentityDeps](
            settings=settings,
            title="Radiant identity",
            description="Tenants, administrators, invitations, login, MFA, profiles and notifications.",
            build_deps=build_deps,
            routers=[
                members_router,
                account_router,
                reset_page_router,
                router,
                operators_router,
                service_keys_router,
                tenants_router,
                agents_router,
                settings_router,
                dashboard_router,
                console_sessions_router,
                internal,
                operators_internal,
                quotas_internal,
                settings_internal,
            ],
            consumers=lambda rt: [
                *consumers(rt),
                *agent_consumers(rt),
                *quota_consumers(rt),
                *billing_status_consumers(rt),
            ],
            jobs=[
                *identity_jobs(settings),
                *digest_jobs(settings),
                *service_key_jobs(),
                *tenant_jobs(settings),
                *settings_jobs(settings),
            ],
            publishes=[
                AuditRecorded,
                AgentStartRequested,
                AgentStopRequested,
                AgentDeleted,
                TenantCreated,
                TenantUpdated,
                TenantSuspended,
                TenantReactivated,
                TenantDeleted,
                ApprovalExecuted,
                ApprovalExecutionFailed,
            ],
        )
    )
