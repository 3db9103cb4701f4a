"""Usage past the monthly token limit is flagged on the event itself (`usage_events.over_quota`) and
counted in its rollup (`over_quota_requests`, `over_quota_tokens`), like a suspended tenant's usage:
the flag travels beside the staged row, so the hot path pays one boolean per event instead of a row
in a side table (0006's `over_quota_usage`, dropped here). Constant defaults: catalogue changes only.

Revision ID: 0007_over_quota_flag
Revises: 0006_quotas_tiered_margins
"""

from alembic import op

revision = "0007_over_quota_flag"
down_revision = "0006_quotas_tiered_margins"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE metering.usage_events ADD COLUMN over_quota boolean NOT NULL DEFAULT false")
    op.execute("ALTER TABLE metering.usage_rollups ADD COLUMN over_quota_requests bigint NOT NULL DEFAULT 0")
    op.execute("ALTER TABLE metering.usage_rollups ADD COLUMN over_quota_tokens bigint NOT NULL DEFAULT 0")
    op.execute("DROP TABLE IF EXISTS metering.over_quota_usage")


def downgrade() -> None:
    op.execute("ALTER TABLE metering.usage_rollups DROP COLUMN IF EXISTS over_quota_tokens")
    op.execute("ALTER TABLE metering.usage_rollups DROP COLUMN IF EXISTS over_quota_requests")
    op.execute("ALTER TABLE metering.usage_events DROP COLUMN IF EXISTS over_quota")
