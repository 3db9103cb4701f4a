from fastapi import FastAPI

from radiant_contracts.events.approval import ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.events.billing import (
    BillingSettingsUpdated,
    BudgetThresholdCrossed,
    InvoiceCreated,
    InvoicePaid,
    InvoicePaymentFailed,
    SubscriptionChanged,
)
from radiant_platform import tenant_purge
from radiant_platform.app import ServiceSpec, create_app
from radiant_platform.jobs import PeriodicJob

from .config import Settings
from .consumers import consumers
from .deps import build_deps, close_deps
from .endpoints import router
from .jobs import check_budgets_once, retry_stripe_syncs_once, run_invoices_once, sweep_overdue_once
from .overview.endpoints import internal as overview_internal
from .overview.endpoints import router as overview_router
from .plans.endpoints import admin as plans_admin
from .plans.endpoints import saas as plans_saas
from .plans.jobs import backfill_subscriptions_once, renew_subscriptions_once
from .platform_stats.endpoints import internal as platform_stats_internal
from .providers.endpoints import router as providers_router
from .providers.jobs import retry_lago_syncs_once


def create_service_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_app(
        ServiceSpec(
            settings=settings,
            title="Radiant billing",
            description=(
                "Billing settings, plans and subscriptions, current period and projections, invoices, Stripe, "
                "budgets, webhooks, exchange rates and revenue."
            ),
            build_deps=build_deps,
            close_deps=close_deps,
            routers=[
                router,
                overview_router,
                overview_internal,
                plans_saas,
                plans_admin,
                providers_router,
                platform_stats_internal,
            ],
            consumers=consumers,
            jobs=[
                PeriodicJob("stripe-retry", settings.stripe_retry_interval_seconds, retry_stripe_syncs_once),
                PeriodicJob("budget-check", settings.budget_check_interval_seconds, check_budgets_once),
                PeriodicJob("invoice-run", settings.invoice_run_interval_seconds, run_invoices_once),
                PeriodicJob("overdue-sweep", settings.overdue_sweep_interval_seconds, sweep_overdue_once),
                PeriodicJob("lago-retry", settings.lago_retry_interval_seconds, retry_lago_syncs_once),
                # settings, budgets, invoices, subscriptions, provider sync state (the audit log keeps the money)
                tenant_purge.purge_job("billing", settings),
                PeriodicJob(
                    "subscription-renewals", settings.subscription_renewal_interval_seconds, renew_subscriptions_once
                ),
                PeriodicJob(
                    "subscription-backfill",
                    settings.subscription_backfill_interval_seconds,
                    backfill_subscriptions_once,
                ),
            ],
            publishes=[
                BillingSettingsUpdated,
                BudgetThresholdCrossed,
                InvoiceCreated,
                InvoicePaid,
                InvoicePaymentFailed,
                SubscriptionChanged,
                AuditRecorded,
                ApprovalExecuted,
                ApprovalExecutionFailed,
            ],
        )
    )
