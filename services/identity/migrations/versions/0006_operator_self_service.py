"""Operators' self-service: a forgotten password (single-use, one-hour reset links, stored hashed) and
re-enrolling an authenticator (the new secret waits, sealed, until a code from it proves it).

Revision ID: 0006_operator_self_service
Revises: 0003_operators
"""

from alembic import op

revision = "0006_operator_self_service"
down_revision = "0003_operators"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("""
    CREATE TABLE identity.operator_password_resets (
        id           uuid        PRIMARY KEY,
        operator_id  uuid        NOT NULL REFERENCES identity.operators(id) ON DELETE CASCADE,
        token_hash   varchar(64) NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at   timestamptz NOT NULL,
        used_at      timestamptz,
        requested_ip varchar(45),
        created_at   timestamptz NOT NULL DEFAULT now()
    )
    """)
    op.execute(
        "CREATE INDEX ix_operator_password_resets_open ON identity.operator_password_resets (operator_id) "
        "WHERE used_at IS NULL"
    )
    op.execute("ALTER TABLE identity.operators ADD COLUMN pending_totp_secret_enc text")


def downgrade() -> None:
    op.execute("ALTER TABLE identity.operators DROP COLUMN IF EXISTS pending_totp_secret_enc")
    op.execute("DROP TABLE IF EXISTS identity.operator_password_resets")
