"""Query indexes end with occurred_at: the log lists newest first by occurred_at.

With (tenant, <filter>, seq) indexes and `ORDER BY seq DESC`, a time-window query on a big tenant
was planned as a backward walk of the primary key from the chain head, filtering on time: the
planner assumes time and seq are independent, but in a log they rise together, so a window a
month back read most of the tenant's entries (370 ms at 375k entries, seconds at millions).
Ordered by (occurred_at, seq) instead, each filter's index (tenant, <filter>, occurred_at, seq)
yields the rows already in page order, so a page is a short backward scan that stops at the limit,
with no sort node whatever the row estimates (a generic plan of a prepared statement estimates one
row and would otherwise sort the whole window). Same number of indexes; 8 bytes more per entry
in the time index.

Revision ID: 0004
Revises: 0003
"""
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

NEW = {
    "ix_audit_log_time_seq": "(tenant_id, occurred_at, seq)",
    "ix_audit_log_action_time": "(tenant_id, action, occurred_at, seq)",
    "ix_audit_log_actor_time": "(tenant_id, actor_id, occurred_at, seq)",
    "ix_audit_log_resource_time": "(tenant_id, resource_type, resource_id, occurred_at, seq)",
}
OLD = {
    "ix_audit_log_time": "(tenant_id, occurred_at)",
    "ix_audit_log_action": "(tenant_id, action, seq)",
    "ix_audit_log_actor": "(tenant_id, actor_id, seq)",
    "ix_audit_log_resource": "(tenant_id, resource_type, resource_id, seq)",
}


def _swap(create: dict[str, str], drop: dict[str, str]) -> None:
    for name, columns in create.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON audit.audit_log {columns}")
    for name in drop:
        op.execute(f"DROP INDEX IF EXISTS audit.{name}")


def upgrade() -> None:
    _swap(NEW, OLD)


def downgrade() -> None:
    _swap(OLD, NEW)
