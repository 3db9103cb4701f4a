"""Quotas (issue 14): identity's copy of each tenant's plan limits (from billing's
`subscription.changed`; a tenant without one is held to the default plan's) and the users/agents
threshold notices already sent (once per tenant, resource, limit and threshold).

Revision ID: 0005_quotas
Revises: 0002
"""

from alembic import op

revision = "0005_quotas"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE identity.plan_limits (
        tenant_id            varchar(100) PRIMARY KEY,
        max_users            bigint CHECK (max_users >= 0),
        max_agents           bigint CHECK (max_agents >= 0),
        max_tokens_per_month bigint CHECK (max_tokens_per_month >= 0),
        max_storage_gb       bigint CHECK (max_storage_gb >= 0),
        plan                 varchar(255),
        revision             bigint,
        effective_at         timestamptz NOT NULL,
        source_event_id      varchar(255) NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
    )
    """)
    op.execute("""
    CREATE TABLE identity.quota_notices (
        tenant_id         varchar(100) NOT NULL,
        resource          varchar(20)  NOT NULL CHECK (resource IN ('users', 'agents')),
        quota_limit       bigint       NOT NULL,
        threshold_percent integer      NOT NULL,
        notified_at       timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, resource, quota_limit, threshold_percent)
    )
    """)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS identity.quota_notices")
    op.execute("DROP TABLE IF EXISTS identity.plan_limits")
