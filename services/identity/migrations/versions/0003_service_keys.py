"""Service keys: a tenant's API keys for producers (stored as a keyed hash, never the secret).

Revision ID: 0003_service_keys
Revises: 0002
"""

from alembic import op

revision = "0003_service_keys"
down_revision = "0002"
branch_labels = None
depends_on = None

STATEMENTS = [
    """
    CREATE TABLE identity.service_keys (
        id              varchar(16)  PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
        tenant_id       varchar(100) NOT NULL,
        environment     varchar(20)  NOT NULL CHECK (environment IN ('dev', 'staging', 'prod')),
        name            varchar(100) NOT NULL,
        scopes          text[]       NOT NULL
                        CHECK (cardinality(scopes) >= 1 AND scopes <@ ARRAY['usage:write', 'quota:read']::text[]),
        key_hash        varchar(64)  NOT NULL UNIQUE CHECK (key_hash ~ '^[0-9a-f]{64}$'),
        status          varchar(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'revoked')),
        created_by      varchar(100),
        created_by_name varchar(255),
        created_at      timestamptz  NOT NULL DEFAULT now(),
        expires_at      timestamptz,
        last_used_at    timestamptz,
        revoked_at      timestamptz,
        revoked_by      varchar(100),
        CHECK ((status = 'revoked') = (revoked_at IS NOT NULL))
    )
    """,
    "CREATE INDEX ix_service_keys_tenant ON identity.service_keys (tenant_id, created_at DESC)",
    # One active key per name and tenant, so a list names each key unambiguously.
    "CREATE UNIQUE INDEX uq_service_keys_active_name ON identity.service_keys (tenant_id, lower(name)) "
    "WHERE status = 'active'",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS identity.service_keys")
