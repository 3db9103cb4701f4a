"""Suspended tenants' usage: still metered, and flagged.

`tenant_suspensions` is metering's copy of each tenant's suspensions, from `tenant.suspended` /
`tenant.reactivated` (and `tenant.deleted`, which suspends as well): usage that occurred inside an
interval is stored with `tenant_suspended` and counted in its rollup's `suspended_requests`. Adding a
column with a constant default is a catalogue change only (no rewrite of the partitions).

Revision ID: 0005_suspended_usage
Revises: 0004_outbox_dead_letters
"""

from alembic import op

revision = "0005_suspended_usage"
down_revision = "0004_outbox_dead_letters"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE metering.tenant_suspensions (
        tenant_id       text NOT NULL,
        suspended_from  timestamptz NOT NULL,
        suspended_until timestamptz,
        source_event_id text NOT NULL,
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, suspended_from),
        CONSTRAINT ck_tenant_suspensions_order CHECK (suspended_until IS NULL OR suspended_until >= suspended_from)
    )
    """)
    # At most one suspension in force per tenant.
    op.execute(
        "CREATE UNIQUE INDEX tenant_suspensions_open ON metering.tenant_suspensions (tenant_id) "
        "WHERE suspended_until IS NULL"
    )
    op.execute("ALTER TABLE metering.usage_events ADD COLUMN tenant_suspended boolean NOT NULL DEFAULT false")
    op.execute("ALTER TABLE metering.usage_rollups ADD COLUMN suspended_requests bigint NOT NULL DEFAULT 0")


def downgrade() -> None:
    op.execute("ALTER TABLE metering.usage_rollups DROP COLUMN IF EXISTS suspended_requests")
    op.execute("ALTER TABLE metering.usage_events DROP COLUMN IF EXISTS tenant_suspended")
    op.execute("DROP TABLE IF EXISTS metering.tenant_suspensions")
