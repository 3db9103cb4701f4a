"""A BRIN index on `usage_dedup.seen_at`, for the raw retention's purge of old dedup keys.

The maintenance round (every `maintenance_interval_seconds`, 10 minutes) deletes the keys seen before
the retention cutoff with `DELETE FROM usage_dedup WHERE seen_at < $1`. Without an index that is a
scan of every key of the retention window each round — 1.3 GB on a development database after a few
benchmark runs, read while ingestion competes for the same disk; 90 days at the design's rate is
billions of keys. Keys are appended in `seen_at` order, so a BRIN index (a few pages, next to nothing
to maintain on insert, unlike a btree that every ingested event would update) points the delete at
the old block ranges only.

Revision ID: 0010_dedup_seen_at_brin
Revises: 0009_dedup_keys_only
"""

from alembic import op

revision = "0010_dedup_seen_at_brin"
down_revision = "0009_dedup_keys_only"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_usage_dedup_seen_at ON metering.usage_dedup USING brin (seen_at)"
        " WITH (autosummarize = on)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS metering.ix_usage_dedup_seen_at")
