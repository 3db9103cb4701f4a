"""Plans (versioned), one subscription per tenant, its changes (the MRR ledger) and charges, exchange
rates, and the plan an invoice was issued under (issue 14).

Seeds the default catalogue (free / starter / pro / enterprise, prices in USD, EUR and GBP). Tenants
billing already knew before this revision get the default plan from the `subscription-backfill` job
(not here), so that their `subscription.changed` is published like every other tenant's.

Revision ID: 0004_plans_subscriptions
Revises: 0003_outbox_dead_letters
"""

from alembic import op

revision = "0004_plans_subscriptions"
down_revision = "0003_outbox_dead_letters"
branch_labels = None
depends_on = None

STATEMENTS = [
    """
    CREATE TABLE billing.plans (
        plan_id     varchar(64)  PRIMARY KEY,
        rank        integer      NOT NULL,
        is_default  boolean      NOT NULL DEFAULT false,
        available   boolean      NOT NULL DEFAULT true,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        updated_at  timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT ck_plans_id CHECK (plan_id ~ '^[a-z0-9][a-z0-9_-]*$')
    )
    """,
    "CREATE UNIQUE INDEX ux_plans_one_default ON billing.plans (is_default) WHERE is_default",
    """
    CREATE TABLE billing.plan_versions (
        plan_id               varchar(64)  NOT NULL REFERENCES billing.plans (plan_id),
        version               integer      NOT NULL,
        name                  varchar(100) NOT NULL,
        description           varchar(500),
        prices                jsonb        NOT NULL,
        max_users             integer,
        max_agents            integer,
        max_tokens_per_month  bigint,
        max_storage_gb        integer,
        features              jsonb        NOT NULL DEFAULT '[]'::jsonb,
        created_by            varchar(255),
        created_at            timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (plan_id, version),
        CONSTRAINT ck_plan_versions_limits CHECK (
            coalesce(max_users, 0) >= 0 AND coalesce(max_agents, 0) >= 0
            AND coalesce(max_tokens_per_month, 0) >= 0 AND coalesce(max_storage_gb, 0) >= 0)
    )
    """,
    """
    CREATE TABLE billing.subscriptions (
        tenant_id            varchar(255) PRIMARY KEY,
        plan_id              varchar(64)  NOT NULL,
        plan_version         integer      NOT NULL,
        status               varchar(20)  NOT NULL DEFAULT 'active',
        currency             varchar(3)   NOT NULL,
        period_start         date         NOT NULL,
        period_end           date         NOT NULL,
        cycle_days           integer      NOT NULL,
        revision             integer      NOT NULL DEFAULT 1,
        scheduled_plan_id    varchar(64),
        scheduled_change_id  uuid,
        created_at           timestamptz  NOT NULL DEFAULT now(),
        updated_at           timestamptz  NOT NULL DEFAULT now(),
        FOREIGN KEY (plan_id, plan_version) REFERENCES billing.plan_versions (plan_id, version),
        CONSTRAINT ck_subscriptions_status CHECK (status IN ('trialing', 'active', 'past_due', 'cancelled')),
        CONSTRAINT ck_subscriptions_period CHECK (period_end >= period_start)
    )
    """,
    "CREATE INDEX ix_subscriptions_period_end ON billing.subscriptions (period_end) WHERE status <> 'cancelled'",
    """
    CREATE TABLE billing.subscription_changes (
        id            uuid         PRIMARY KEY,
        tenant_id     varchar(255) NOT NULL,
        kind          varchar(20)  NOT NULL,
        status        varchar(20)  NOT NULL,
        from_plan     varchar(64),
        from_version  integer,
        to_plan       varchar(64)  NOT NULL,
        to_version    integer,
        effective_on  date         NOT NULL,
        currency      varchar(3)   NOT NULL,
        mrr           numeric      NOT NULL DEFAULT 0,
        proration     numeric,
        approval_id   varchar(255),
        requested_by  varchar(255),
        reason        text,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        applied_at    timestamptz,
        CONSTRAINT ck_subscription_changes_kind
            CHECK (kind IN ('created', 'upgrade', 'downgrade', 'renewed', 'cancelled')),
        CONSTRAINT ck_subscription_changes_status
            CHECK (status IN ('applied', 'scheduled', 'pending_approval', 'rejected', 'superseded', 'failed'))
    )
    """,
    "CREATE INDEX ix_subscription_changes_ledger ON billing.subscription_changes (tenant_id, effective_on) "
    "WHERE status = 'applied'",
    "CREATE UNIQUE INDEX ux_subscription_changes_approval ON billing.subscription_changes (approval_id) "
    "WHERE approval_id IS NOT NULL",
    """
    CREATE TABLE billing.subscription_charges (
        id             uuid         PRIMARY KEY,
        tenant_id      varchar(255) NOT NULL,
        change_id      uuid         REFERENCES billing.subscription_changes (id),
        kind           varchar(20)  NOT NULL,
        plan_id        varchar(64)  NOT NULL,
        plan_version   integer      NOT NULL,
        description    varchar(500) NOT NULL,
        amount         numeric      NOT NULL,
        currency       varchar(3)   NOT NULL,
        service_start  date         NOT NULL,
        service_end    date         NOT NULL,
        invoice_id     uuid         REFERENCES billing.invoices (id),
        created_at     timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT ck_subscription_charges_kind CHECK (kind IN ('plan_fee', 'proration'))
    )
    """,
    # One fee per tenant and service period; one proration per change (a redelivery adds nothing).
    "CREATE UNIQUE INDEX ux_subscription_charges_fee ON billing.subscription_charges (tenant_id, service_start) "
    "WHERE kind = 'plan_fee'",
    "CREATE UNIQUE INDEX ux_subscription_charges_change ON billing.subscription_charges (change_id) "
    "WHERE change_id IS NOT NULL",
    "CREATE INDEX ix_subscription_charges_open ON billing.subscription_charges (tenant_id) WHERE invoice_id IS NULL",
    """
    CREATE TABLE billing.exchange_rates (
        currency        varchar(3)     NOT NULL,
        effective_from  date           NOT NULL,
        rate            numeric(20,10) NOT NULL,
        source          varchar(200)   NOT NULL,
        created_by      varchar(255),
        created_at      timestamptz    NOT NULL DEFAULT now(),
        PRIMARY KEY (currency, effective_from),
        CONSTRAINT ck_exchange_rates_rate CHECK (rate > 0),
        CONSTRAINT ck_exchange_rates_currency CHECK (currency ~ '^[A-Z]{3}$' AND currency <> 'USD')
    )
    """,
    "ALTER TABLE billing.invoices ADD COLUMN plan_id varchar(64)",
    "ALTER TABLE billing.invoices ADD COLUMN exchange_rate numeric(20,10)",
    # The default catalogue. Prices per currency are set, never converted; limits NULL = unlimited.
    """
    INSERT INTO billing.plans (plan_id, rank, is_default) VALUES
        ('free', 0, true), ('starter', 10, false), ('pro', 20, false), ('enterprise', 30, false)
    """,
    """
    INSERT INTO billing.plan_versions
        (plan_id, version, name, description, prices, max_users, max_agents, max_tokens_per_month,
         max_storage_gb, features, created_by)
    VALUES
        ('free', 1, 'Free', 'To try the platform', '{"USD": "0.00", "EUR": "0.00", "GBP": "0.00"}',
         3, 1, 1000000, 1, '["community_support"]', 'migration'),
        ('starter', 1, 'Starter', 'For small teams', '{"USD": "49.00", "EUR": "45.00", "GBP": "39.00"}',
         10, 5, 10000000, 10, '["email_support"]', 'migration'),
        ('pro', 1, 'Pro', 'For growing teams', '{"USD": "199.00", "EUR": "185.00", "GBP": "159.00"}',
         50, 25, 100000000, 100, '["email_support", "sso", "audit_export"]', 'migration'),
        ('enterprise', 1, 'Enterprise', 'Unlimited, with support',
         '{"USD": "999.00", "EUR": "929.00", "GBP": "799.00"}',
         NULL, NULL, NULL, NULL, '["priority_support", "sso", "audit_export", "siem"]', 'migration')
    """,
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("ALTER TABLE billing.invoices DROP COLUMN IF EXISTS exchange_rate")
    op.execute("ALTER TABLE billing.invoices DROP COLUMN IF EXISTS plan_id")
    for table in (
        "exchange_rates",
        "subscription_charges",
        "subscription_changes",
        "subscriptions",
        "plan_versions",
        "plans",
    ):
        op.execute(f"DROP TABLE IF EXISTS billing.{table}")
