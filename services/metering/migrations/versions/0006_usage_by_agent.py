"""Usage by agent and by hour, for the tenant dashboard's usage screen (`GET /api/v2/admin/usage`).

- `usage_events.agent_id`: the agent a producer names on `usage.recorded` (optional). A nullable
  column without a default is a catalogue change only (no rewrite of the partitions).
- `usage_hourly`: per tenant, UTC hour, model and agent ('' when none was named) — folded in by the
  ingest statement in the same transaction as the raw events and the daily rollups, so it never
  disagrees with them; kept as long as the raw events (`METERING_RAW_RETENTION_DAYS`).

Revision ID: 0006_usage_by_agent
Revises: 0005_suspended_usage
"""

from alembic import op

revision = "0006_usage_by_agent"
down_revision = "0005_suspended_usage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE metering.usage_events ADD COLUMN agent_id text")
    op.execute("""
    CREATE TABLE metering.usage_hourly (
        tenant_id      text NOT NULL,
        usage_hour     timestamptz NOT NULL,
        model_id       text NOT NULL,
        agent_id       text NOT NULL,
        request_count  bigint NOT NULL,
        input_tokens   bigint NOT NULL,
        output_tokens  bigint NOT NULL,
        total_tokens   bigint NOT NULL,
        provider_cost  numeric(24,10) NOT NULL,
        billed_cost    numeric(24,10) NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, usage_hour, model_id, agent_id)
    ) WITH (fillfactor = 75)
    """)
    # The retention sweep deletes by hour across tenants.
    op.execute("CREATE INDEX ix_usage_hourly_hour ON metering.usage_hourly (usage_hour)")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS metering.usage_hourly")
    op.execute("ALTER TABLE metering.usage_events DROP COLUMN IF EXISTS agent_id")
