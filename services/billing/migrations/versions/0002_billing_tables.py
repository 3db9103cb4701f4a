"""Billing tables: settings, pending settings changes, invoices, budget alerts, Stripe webhook events.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATEMENTS = [
    """
    CREATE TABLE billing.billing_settings (
        tenant_id                 varchar(255) PRIMARY KEY,
        margin_percent            numeric(5,2) NOT NULL DEFAULT 20.00,
        margin_type               varchar(20)  NOT NULL DEFAULT 'fixed',
        tiers                     jsonb        NOT NULL DEFAULT '[]'::jsonb,
        tax_enabled               boolean      NOT NULL DEFAULT false,
        tax_percent               numeric(5,2) NOT NULL DEFAULT 0.00,
        tax_id                    varchar(50),
        stripe_customer_id        varchar(100),
        default_payment_method_id varchar(100),
        auto_pay                  boolean      NOT NULL DEFAULT false,
        billing_cycle_day         integer      NOT NULL DEFAULT 1,
        currency                  varchar(3)   NOT NULL DEFAULT 'USD',
        budget_limit              numeric(12,2),
        alert_thresholds          integer[]    NOT NULL DEFAULT '{50,75,90,100}',
        app_id                    varchar(255),
        tenant_name               varchar(255),
        tenant_status             varchar(20)  NOT NULL DEFAULT 'active',
        created_at                timestamptz  NOT NULL DEFAULT now(),
        updated_at                timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT ck_billing_settings_margin_type CHECK (margin_type IN ('fixed', 'tiered')),
        CONSTRAINT ck_billing_settings_billing_day CHECK (billing_cycle_day BETWEEN 1 AND 28),
        CONSTRAINT ck_billing_settings_percents CHECK (margin_percent >= 0 AND tax_percent BETWEEN 0 AND 100),
        CONSTRAINT ck_billing_settings_budget CHECK (budget_limit IS NULL OR budget_limit >= 0)
    )
    """,
    "CREATE INDEX ix_billing_settings_stripe_customer ON billing.billing_settings (stripe_customer_id)",
    """
    CREATE TABLE billing.settings_changes (
        id            uuid PRIMARY KEY,
        tenant_id     varchar(255) NOT NULL,
        approval_id   varchar(255),
        requested     jsonb        NOT NULL,
        requested_by  varchar(255) NOT NULL,
        status        varchar(20)  NOT NULL DEFAULT 'pending',
        reason        text,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        decided_at    timestamptz,
        CONSTRAINT ck_settings_changes_status CHECK (status IN ('pending', 'applied', 'rejected', 'failed'))
    )
    """,
    "CREATE INDEX ix_settings_changes_tenant ON billing.settings_changes (tenant_id, created_at DESC)",
    "CREATE UNIQUE INDEX uq_settings_changes_approval ON billing.settings_changes (approval_id)",
    """
    CREATE TABLE billing.invoices (
        id                       uuid PRIMARY KEY,
        number                   varchar(64)  NOT NULL UNIQUE,
        tenant_id                varchar(255) NOT NULL,
        app_id                   varchar(255),
        period_start             date         NOT NULL,
        period_end               date         NOT NULL,
        provider_cost            numeric       NOT NULL,
        subtotal                 numeric       NOT NULL,
        margin_percent           numeric(7,2) NOT NULL,
        margin_amount            numeric       NOT NULL,
        tax                      numeric       NOT NULL DEFAULT 0,
        tax_percent              numeric(5,2) NOT NULL DEFAULT 0,
        total                    numeric       NOT NULL,
        currency                 varchar(3)   NOT NULL DEFAULT 'USD',
        status                   varchar(20)  NOT NULL DEFAULT 'draft',
        due_date                 timestamptz  NOT NULL,
        paid_at                  timestamptz,
        line_items               jsonb        NOT NULL DEFAULT '[]'::jsonb,
        stripe_invoice_id        varchar(100),
        stripe_payment_intent_id varchar(100),
        stripe_sync_status       varchar(20)  NOT NULL DEFAULT 'not_requested',
        stripe_sync_attempts     integer      NOT NULL DEFAULT 0,
        stripe_next_attempt_at   timestamptz,
        stripe_last_error        text,
        payment_attempts         integer      NOT NULL DEFAULT 0,
        payment_failed_at        timestamptz,
        grace_until              timestamptz,
        generated_by             varchar(255),
        created_at               timestamptz  NOT NULL DEFAULT now(),
        updated_at               timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT ck_invoices_status CHECK (status IN ('draft', 'pending', 'paid', 'overdue', 'cancelled')),
        CONSTRAINT ck_invoices_sync CHECK (stripe_sync_status IN ('not_requested', 'pending', 'synced', 'failed')),
        CONSTRAINT ck_invoices_period CHECK (period_end >= period_start),
        -- generating the same tenant and period twice returns the first invoice
        CONSTRAINT uq_invoices_tenant_period UNIQUE (tenant_id, period_start, period_end)
    )
    """,
    "CREATE INDEX ix_invoices_tenant_created ON billing.invoices (tenant_id, created_at DESC)",
    "CREATE INDEX ix_invoices_status ON billing.invoices (status)",
    "CREATE INDEX ix_invoices_stripe_invoice ON billing.invoices (stripe_invoice_id)",
    """CREATE INDEX ix_invoices_sync_due ON billing.invoices (stripe_next_attempt_at)
       WHERE stripe_sync_status = 'pending'""",
    """
    CREATE TABLE billing.budget_alerts (
        tenant_id          varchar(255) NOT NULL,
        period_start       date         NOT NULL,
        threshold_percent  integer      NOT NULL,
        period_end         date         NOT NULL,
        budget_limit       numeric(12,2) NOT NULL,
        cost_at_crossing   numeric       NOT NULL,
        crossed_at         timestamptz  NOT NULL DEFAULT now(),
        -- one alert per threshold per period, however many checks see it crossed
        PRIMARY KEY (tenant_id, period_start, threshold_percent)
    )
    """,
    """
    CREATE TABLE billing.stripe_events (
        event_id     varchar(255) PRIMARY KEY,
        event_type   varchar(100) NOT NULL,
        tenant_id    varchar(255),
        outcome      varchar(50)  NOT NULL,
        received_at  timestamptz  NOT NULL DEFAULT now()
    )
    """,
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in ("stripe_events", "budget_alerts", "invoices", "settings_changes", "billing_settings"):
        op.execute(f"DROP TABLE IF EXISTS billing.{table}")
