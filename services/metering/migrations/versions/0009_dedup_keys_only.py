"""Usage dedup holds only the 16-byte keys: `usage_dedup.tenant_id` is dropped.

0008_compact_dedup_key kept the column, unindexed, for the tenant purge, which deletes a deleted
tenant's rows by `tenant_id` in batches: without an index every batch would scan the whole table
(every key of the raw retention window). A key is a one-way hash of a tenant's id and request id and
says nothing about the tenant, so the table no longer names tenants at all: the purge passes it by
(it purges the tables with a `tenant_id` column) and the keys go with the raw retention (`seen_at`),
as every other key does.

Revision ID: 0009_dedup_keys_only
Revises: 0008_compact_dedup_key
"""

from alembic import op

revision = "0009_dedup_keys_only"
down_revision = "0008_compact_dedup_key"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE metering.usage_dedup DROP COLUMN tenant_id")


def downgrade() -> None:
    # The tenants cannot be recovered from the keys: the column comes back empty.
    op.execute("ALTER TABLE metering.usage_dedup ADD COLUMN tenant_id text")
