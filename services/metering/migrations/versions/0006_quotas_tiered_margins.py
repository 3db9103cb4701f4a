"""Quotas (tokens, storage) and tiered margins.

- `quota_limits`: metering's copy of each tenant's plan limits for tokens and storage, from
  `subscription.changed` (a tenant without one is held to the default plan's limits).
- `storage_gauges`: the newest `storage.reported` gauge per tenant.
- `over_quota_usage`: usage recorded past the tenant's monthly token limit — stored and billed like
  any usage (in `usage_events`), and flagged here, one row per event.
- `quota_thresholds`: each 80 % / 100 % threshold published, once per tenant, resource, period,
  limit and threshold (the primary key makes it once under concurrency and redelivery).
- `tenant_margins.margin_mode` / `tiers`: the tiers of billing's `margin_type: tiered`, applied from
  the version's effective time.

Revision ID: 0006_quotas_tiered_margins
Revises: 0005_suspended_usage
"""

from alembic import op

revision = "0006_quotas_tiered_margins"
down_revision = "0005_suspended_usage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE metering.quota_limits (
        tenant_id            text PRIMARY KEY,
        max_tokens_per_month bigint CHECK (max_tokens_per_month >= 0),
        max_storage_bytes    bigint CHECK (max_storage_bytes >= 0),
        plan                 text,
        revision             bigint,
        effective_at         timestamptz NOT NULL,
        source_event_id      text NOT NULL,
        updated_at           timestamptz NOT NULL DEFAULT now()
    )
    """)
    op.execute("""
    CREATE TABLE metering.storage_gauges (
        tenant_id       text PRIMARY KEY,
        bytes_used      bigint NOT NULL CHECK (bytes_used >= 0),
        reported_at     timestamptz NOT NULL,
        source_event_id text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now()
    )
    """)
    op.execute("""
    CREATE TABLE metering.over_quota_usage (
        tenant_id    text NOT NULL,
        request_id   text NOT NULL,
        period_start date NOT NULL,
        occurred_at  timestamptz NOT NULL,
        total_tokens bigint NOT NULL,
        tokens_after bigint NOT NULL,
        quota_limit  bigint NOT NULL,
        flagged_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, request_id)
    )
    """)
    op.execute("CREATE INDEX over_quota_usage_period ON metering.over_quota_usage (period_start)")
    op.execute("""
    CREATE TABLE metering.quota_thresholds (
        tenant_id         text NOT NULL,
        resource          text NOT NULL CHECK (resource IN ('tokens', 'storage')),
        period_start      date NOT NULL,
        quota_limit       bigint NOT NULL,
        threshold_percent integer NOT NULL,
        current_value     bigint NOT NULL,
        crossed_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, resource, period_start, quota_limit, threshold_percent)
    )
    """)
    op.execute(
        "ALTER TABLE metering.tenant_margins ADD COLUMN margin_mode text NOT NULL DEFAULT 'fixed' "
        "CHECK (margin_mode IN ('fixed', 'tiered'))"
    )
    op.execute("ALTER TABLE metering.tenant_margins ADD COLUMN tiers jsonb NOT NULL DEFAULT '[]'::jsonb")


def downgrade() -> None:
    op.execute("ALTER TABLE metering.tenant_margins DROP COLUMN IF EXISTS tiers")
    op.execute("ALTER TABLE metering.tenant_margins DROP COLUMN IF EXISTS margin_mode")
    for table in ("quota_thresholds", "over_quota_usage", "storage_gauges", "quota_limits"):
        op.execute(f"DROP TABLE IF EXISTS metering.{table}")
