"""Platform operators: accounts (TOTP always enrolled), their one-time invitations, sessions and
MFA recovery codes. Operators belong to no tenant; nothing here has a tenant column.

Revision ID: 0003_operators
Revises: 0002
"""

from alembic import op

revision = "0003_operators"
down_revision = "0002"
branch_labels = None
depends_on = None

ROLES = "('platform_admin', 'platform_support')"

STATEMENTS = [
    f"""
    CREATE TABLE identity.operators (
        id              uuid PRIMARY KEY,
        email           varchar(255) NOT NULL CHECK (email = lower(email)),
        name            varchar(101) NOT NULL,
        role            varchar(50)  NOT NULL CHECK (role IN {ROLES}),
        status          varchar(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
        password_hash   text         NOT NULL,
        -- MFA is never optional for an operator: an account without a second factor cannot exist.
        totp_secret_enc text         NOT NULL,
        invitation_id   uuid         NOT NULL,
        invited_by      varchar(100),
        last_login_at   timestamptz,
        created_at      timestamptz  NOT NULL DEFAULT now(),
        updated_at      timestamptz  NOT NULL DEFAULT now()
    )
    """,
    "CREATE UNIQUE INDEX uq_operators_email ON identity.operators (email)",
    # One operator per invitation, whatever the concurrency of accepts.
    "CREATE UNIQUE INDEX uq_operators_invitation ON identity.operators (invitation_id)",
    f"""
    CREATE TABLE identity.operator_invitations (
        id              uuid PRIMARY KEY,
        email           varchar(255) NOT NULL CHECK (email = lower(email)),
        name            varchar(101) NOT NULL,
        role            varchar(50)  NOT NULL CHECK (role IN {ROLES}),
        invited_by      varchar(100),
        invited_by_name varchar(255),
        token_hash      varchar(64)  NOT NULL,
        expires_at      timestamptz  NOT NULL,
        status          varchar(20)  NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'accepted', 'expired', 'revoked')),
        accepted_at     timestamptz,
        accepted_by_ip  varchar(45),
        created_at      timestamptz  NOT NULL DEFAULT now()
    )
    """,
    "CREATE UNIQUE INDEX uq_operator_invitations_token_hash ON identity.operator_invitations (token_hash)",
    # At most one pending invitation per email (the duplicate check, race-free).
    "CREATE UNIQUE INDEX uq_operator_invitations_pending_email ON identity.operator_invitations (email) "
    "WHERE status = 'pending'",
    "CREATE INDEX ix_operator_invitations_created ON identity.operator_invitations (created_at DESC)",
    """
    CREATE TABLE identity.operator_refresh_tokens (
        id          uuid PRIMARY KEY,
        family_id   uuid         NOT NULL,
        operator_id uuid         NOT NULL REFERENCES identity.operators(id) ON DELETE CASCADE,
        token_hash  varchar(64)  NOT NULL UNIQUE,
        status      varchar(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'rotated', 'revoked')),
        amr         jsonb        NOT NULL,
        expires_at  timestamptz  NOT NULL,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        used_at     timestamptz,
        ip          varchar(45),
        user_agent  varchar(1024),
        -- The access token issued with this refresh token, so ending a session (a suspension)
        -- can refuse it at once instead of letting it live out its 15 minutes.
        access_token_id         varchar(64),
        access_token_expires_at timestamptz
    )
    """,
    "CREATE INDEX ix_operator_refresh_tokens_family ON identity.operator_refresh_tokens (family_id)",
    "CREATE INDEX ix_operator_refresh_tokens_operator ON identity.operator_refresh_tokens (operator_id) "
    "WHERE status = 'active'",
    """
    CREATE TABLE identity.operator_recovery_codes (
        id          uuid PRIMARY KEY,
        operator_id uuid        NOT NULL REFERENCES identity.operators(id) ON DELETE CASCADE,
        code_hash   varchar(128) NOT NULL,
        used_at     timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX ix_operator_recovery_codes_operator ON identity.operator_recovery_codes (operator_id)",
]

TABLES = ["operator_recovery_codes", "operator_refresh_tokens", "operator_invitations", "operators"]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS identity.{table}")
