"""The tenant lifecycle run by platform operators: operator-owned settings, suspension, the status
history (every change with its reason and who made it) and impersonation sessions.

Revision ID: 0003_tenant_lifecycle
Revises: 0002
"""

from alembic import op

revision = "0003_tenant_lifecycle"
down_revision = "0002"
branch_labels = None
depends_on = None

STATUSES = "('active', 'suspended', 'deleted')"

STATEMENTS = [
    "ALTER TABLE identity.tenants ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'",
    "ALTER TABLE identity.tenants ADD COLUMN created_by varchar(100)",
    # The last suspension's moment: the not-before of the tenant's tokens, kept after reactivation.
    "ALTER TABLE identity.tenants ADD COLUMN suspended_at timestamptz",
    "ALTER TABLE identity.tenants ADD COLUMN status_changed_at timestamptz",
    "CREATE INDEX ix_tenants_created ON identity.tenants (created_at DESC, id)",
    "CREATE INDEX ix_tenants_name ON identity.tenants (lower(name), id)",
    "CREATE INDEX ix_tenants_suspension ON identity.tenants (suspended_at) WHERE suspended_at IS NOT NULL",
    f"""
    CREATE TABLE identity.tenant_status_changes (
        id              uuid PRIMARY KEY,
        tenant_id       varchar(100) NOT NULL REFERENCES identity.tenants(id),
        from_status     varchar(20)  CHECK (from_status IN {STATUSES}),
        to_status       varchar(20)  NOT NULL CHECK (to_status IN {STATUSES}),
        reason          text         CHECK (length(reason) <= 1000),
        changed_by      varchar(100),
        changed_by_name varchar(255),
        changed_at      timestamptz  NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX ix_tenant_status_changes_tenant ON identity.tenant_status_changes (tenant_id, changed_at DESC)",
    """
    CREATE TABLE identity.impersonation_sessions (
        id             uuid PRIMARY KEY,
        tenant_id      varchar(100) NOT NULL REFERENCES identity.tenants(id),
        operator_id    varchar(100) NOT NULL,
        operator_email varchar(255),
        operator_name  varchar(255),
        reason         text         NOT NULL CHECK (length(reason) BETWEEN 1 AND 1000),
        read_only      boolean      NOT NULL,
        started_at     timestamptz  NOT NULL DEFAULT now(),
        expires_at     timestamptz  NOT NULL,
        ended_at       timestamptz,
        ended_by       varchar(100),
        end_reason     varchar(30)  CHECK (end_reason IN ('ended', 'tenant_suspended')),
        CHECK (expires_at > started_at)
    )
    """,
    "CREATE INDEX ix_impersonation_sessions_tenant ON identity.impersonation_sessions (tenant_id, started_at DESC)",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS identity.impersonation_sessions")
    op.execute("DROP TABLE IF EXISTS identity.tenant_status_changes")
    op.execute("DROP INDEX IF EXISTS identity.ix_tenants_suspension")
    op.execute("DROP INDEX IF EXISTS identity.ix_tenants_name")
    op.execute("DROP INDEX IF EXISTS identity.ix_tenants_created")
    for column in ("status_changed_at", "suspended_at", "created_by", "settings"):
        op.execute(f"ALTER TABLE identity.tenants DROP COLUMN IF EXISTS {column}")
