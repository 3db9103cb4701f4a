"""Signed checkpoints exported to every SIEM sink: one delivery cursor per sink (issue 12 #8).

Each sink's exporter sends the checkpoints after its cursor (in `checkpoints.id` order), and moves the
cursor in the same transaction once the sink accepted them, holding the cursor's row lock meanwhile,
so two replicas never export to one sink at once. The runtime login reads, creates and moves
cursors; it cannot delete them.

Revision ID: 0006_siem_checkpoint_export
Revises: 0005_chain_heads_forward_only
"""
from alembic import op

revision = "0006_siem_checkpoint_export"
down_revision = "0005_chain_heads_forward_only"
branch_labels = None
depends_on = None

RUNTIME = "audit"


def upgrade() -> None:
    op.execute("""
        CREATE TABLE audit.siem_checkpoint_cursors (
            sink               text        PRIMARY KEY,
            last_checkpoint_id bigint      NOT NULL,
            updated_at         timestamptz NOT NULL DEFAULT now()
        )
    """)
    op.execute(f"REVOKE ALL ON audit.siem_checkpoint_cursors FROM {RUNTIME}")  # the default privileges of 0003
    op.execute(f"GRANT SELECT, INSERT, UPDATE ON audit.siem_checkpoint_cursors TO {RUNTIME}")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS audit.siem_checkpoint_cursors")
