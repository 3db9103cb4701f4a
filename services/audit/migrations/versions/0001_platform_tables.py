"""Platform tables: the transactional outbox and the processed-events (dedup) table.

Revision ID: 0001
Revises:
"""
from alembic import op

from radiant_platform.migrations import platform_tables_ddl

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in platform_tables_ddl("audit"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS audit.processed_events")
    op.execute("DROP TABLE IF EXISTS audit.outbox")
