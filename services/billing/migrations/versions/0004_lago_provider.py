"""Billing providers (issue 15): a tenant's provider override, Lago's customer/subscription sync
state, the usage batches sent to Lago, Lago webhooks processed once, and invoices from either provider.

Invoices gain `provider` (every existing one is Stripe-era) and `provider_invoice_id` (Lago's id);
the one-invoice-per-period rule stays for the invoices billing computes itself, while a Lago invoice
is unique by its Lago id (Lago decides its periods).

Revision ID: 0004_lago_provider
Revises: 0003_outbox_dead_letters
"""

from alembic import op

revision = "0004_lago_provider"
down_revision = "0003_outbox_dead_letters"
branch_labels = None
depends_on = None

STATEMENTS = [
    "ALTER TABLE billing.billing_settings ADD COLUMN billing_provider varchar(10)",
    "ALTER TABLE billing.billing_settings ADD COLUMN billing_email varchar(320)",
    """ALTER TABLE billing.billing_settings ADD CONSTRAINT ck_billing_settings_provider
       CHECK (billing_provider IS NULL OR billing_provider IN ('stripe', 'lago'))""",
    "ALTER TABLE billing.invoices ADD COLUMN provider varchar(10) NOT NULL DEFAULT 'stripe'",
    "ALTER TABLE billing.invoices ADD COLUMN provider_invoice_id varchar(100)",
    "ALTER TABLE billing.invoices ADD CONSTRAINT ck_invoices_provider CHECK (provider IN ('stripe', 'lago'))",
    "ALTER TABLE billing.invoices DROP CONSTRAINT uq_invoices_tenant_period",
    """CREATE UNIQUE INDEX uq_invoices_tenant_period ON billing.invoices (tenant_id, period_start, period_end)
       WHERE provider = 'stripe'""",
    """CREATE UNIQUE INDEX uq_invoices_provider_invoice ON billing.invoices (provider, provider_invoice_id)
       WHERE provider_invoice_id IS NOT NULL""",
    """
    CREATE TABLE billing.provider_syncs (
        tenant_id        varchar(255) NOT NULL,
        provider         varchar(10)  NOT NULL,
        kind             varchar(20)  NOT NULL,
        external_id      varchar(255) NOT NULL,
        status           varchar(20)  NOT NULL DEFAULT 'pending',
        wanted           jsonb        NOT NULL DEFAULT '{}'::jsonb,
        synced           jsonb,
        attempts         integer      NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz,
        last_error       text,
        synced_at        timestamptz,
        updated_at       timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, provider, kind),
        CONSTRAINT ck_provider_syncs_kind CHECK (kind IN ('customer', 'subscription')),
        CONSTRAINT ck_provider_syncs_status CHECK (status IN ('pending', 'synced', 'refused'))
    )
    """,
    "CREATE INDEX ix_provider_syncs_due ON billing.provider_syncs (next_attempt_at) WHERE status = 'pending'",
    """
    CREATE TABLE billing.lago_usage_sent (
        tenant_id       varchar(255) NOT NULL,
        transaction_id  varchar(255) NOT NULL,
        batch_id        uuid         NOT NULL,
        sent_at         timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, transaction_id)
    )
    """,
    """
    CREATE TABLE billing.lago_usage_batches (
        id               uuid PRIMARY KEY,
        consumer         varchar(255) NOT NULL,
        transaction_ids  text[]       NOT NULL,
        sent_at          timestamptz  NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE billing.lago_webhooks (
        webhook_key   varchar(255) PRIMARY KEY,
        webhook_type  varchar(100) NOT NULL,
        object_id     varchar(255),
        tenant_id     varchar(255),
        outcome       varchar(50)  NOT NULL DEFAULT 'received',
        received_at   timestamptz  NOT NULL DEFAULT now()
    )
    """,
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in ("lago_webhooks", "lago_usage_batches", "lago_usage_sent", "provider_syncs"):
        op.execute(f"DROP TABLE IF EXISTS billing.{table}")
    op.execute("DROP INDEX IF EXISTS billing.uq_invoices_provider_invoice")
    op.execute("DROP INDEX IF EXISTS billing.uq_invoices_tenant_period")
    op.execute(
        "ALTER TABLE billing.invoices ADD CONSTRAINT uq_invoices_tenant_period UNIQUE (tenant_id, period_start, period_end)"
    )
    op.execute("ALTER TABLE billing.invoices DROP COLUMN provider_invoice_id, DROP COLUMN provider")
    op.execute("ALTER TABLE billing.billing_settings DROP COLUMN billing_email, DROP COLUMN billing_provider")
