"""Outbox dead letters: a row Kafka refuses for good (too large, invalid topic) is kept, with the
reason, out of the relay's way (radiant_platform.outbox, issue 12 #6).

Revision ID: 0003_outbox_dead_letters
Revises: 0002
"""
from alembic import op

from radiant_platform.outbox import outbox_dead_letter_ddl

revision = "0003_outbox_dead_letters"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in outbox_dead_letter_ddl("identity"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS identity.ix_outbox_dead_lettered")
    op.execute("ALTER TABLE identity.outbox DROP COLUMN IF EXISTS failure_reason")
    op.execute("ALTER TABLE identity.outbox DROP COLUMN IF EXISTS failed_at")
