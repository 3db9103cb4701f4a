"""The runtime login reads and appends; it owns nothing, so it cannot grant itself more.

The schema and its tables belong to `audit_owner` (migrations run as it). The `audit` login gets
SELECT and INSERT on the audit log and checkpoints (never UPDATE, DELETE or TRUNCATE), and the
ordinary read/write rights on its working tables. Only the owner or a superuser could change that,
and the triggers of 0002 refuse changes to the log even for them.

Revision ID: 0003
Revises: 0002
"""
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RUNTIME = "audit"
APPEND_ONLY = ("audit.audit_log", "audit.checkpoints")


def upgrade() -> None:
    op.execute(f"GRANT USAGE ON SCHEMA audit TO {RUNTIME}")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA audit TO {RUNTIME}")
    op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(APPEND_ONLY)} FROM {RUNTIME}")
    op.execute(f"REVOKE ALL ON audit.alembic_version FROM {RUNTIME}")
    op.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA audit TO {RUNTIME}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA audit GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {RUNTIME}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA audit GRANT USAGE, SELECT ON SEQUENCES TO {RUNTIME}")


def downgrade() -> None:
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA audit REVOKE ALL ON TABLES FROM {RUNTIME}")
    op.execute(f"ALTER DEFAULT PRIVILEGES IN SCHEMA audit REVOKE ALL ON SEQUENCES FROM {RUNTIME}")
    op.execute(f"REVOKE ALL ON ALL TABLES IN SCHEMA audit FROM {RUNTIME}")
