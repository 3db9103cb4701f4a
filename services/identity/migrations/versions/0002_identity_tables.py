"""Tenants, administrators, invitations, sessions, MFA recovery codes, profiles, notifications, email outbox.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

STATEMENTS = [
    """
    CREATE TABLE identity.tenants (
        id          varchar(100) PRIMARY KEY,
        name        varchar(255) NOT NULL,
        app_id      varchar(100) NOT NULL,
        environment varchar(20)  NOT NULL CHECK (environment IN ('dev', 'staging', 'prod')),
        status      varchar(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
        created_at  timestamptz  NOT NULL DEFAULT now(),
        updated_at  timestamptz  NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE identity.administrators (
        id                      uuid PRIMARY KEY,
        tenant_id               varchar(100) NOT NULL,
        app_id                  varchar(100) NOT NULL,
        environment             varchar(20)  NOT NULL CHECK (environment IN ('dev', 'staging', 'prod')),
        email                   varchar(255) NOT NULL CHECK (email = lower(email)),
        first_name              varchar(50)  NOT NULL,
        last_name               varchar(50)  NOT NULL,
        display_name            varchar(101) NOT NULL,
        role                    varchar(50)  NOT NULL CHECK (role IN ('super_admin', 'admin', 'operator', 'auditor')),
        status                  varchar(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
        password_hash           text         NOT NULL,
        mfa_enabled             boolean      NOT NULL DEFAULT false,
        mfa_method              varchar(20),
        totp_secret_enc         text,
        pending_totp_secret_enc text,
        phone                   varchar(32),
        invitation_id           uuid,
        created_by              varchar(100),
        last_login_at           timestamptz,
        created_at              timestamptz  NOT NULL DEFAULT now(),
        updated_at              timestamptz  NOT NULL DEFAULT now()
    )
    """,
    # One live administrator per email and tenant; deleted ones keep their row for the audit trail.
    "CREATE UNIQUE INDEX uq_administrators_tenant_email ON identity.administrators (tenant_id, email) "
    "WHERE status <> 'deleted'",
    "CREATE INDEX ix_administrators_email ON identity.administrators (email)",
    # One accepted administrator per invitation, whatever the concurrency.
    "CREATE UNIQUE INDEX uq_administrators_invitation ON identity.administrators (invitation_id) "
    "WHERE invitation_id IS NOT NULL",
    """
    CREATE TABLE identity.invitations (
        id              uuid PRIMARY KEY,
        email           varchar(255) NOT NULL CHECK (email = lower(email)),
        role            varchar(50)  NOT NULL CHECK (role IN ('super_admin', 'admin', 'operator', 'auditor')),
        invited_by      varchar(100),
        invited_by_name varchar(255),
        app_id          varchar(100) NOT NULL,
        tenant_id       varchar(100) NOT NULL,
        environment     varchar(20)  NOT NULL CHECK (environment IN ('dev', 'staging', 'prod')),
        token_hash      varchar(64)  NOT NULL,
        expires_at      timestamptz  NOT NULL,
        status          varchar(20)  NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'accepted', 'expired', 'revoked')),
        message         text,
        accepted_at     timestamptz,
        accepted_by_ip  varchar(45),
        created_at      timestamptz  NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX ix_invitations_tenant ON identity.invitations (tenant_id, created_at DESC)",
    "CREATE UNIQUE INDEX uq_invitations_token_hash ON identity.invitations (token_hash)",
    # At most one pending invitation per email and tenant (the duplicate check, race-free).
    "CREATE UNIQUE INDEX uq_invitations_pending_email ON identity.invitations (tenant_id, email) "
    "WHERE status = 'pending'",
    """
    CREATE TABLE identity.refresh_tokens (
        id          uuid PRIMARY KEY,
        family_id   uuid         NOT NULL,
        admin_id    uuid         NOT NULL REFERENCES identity.administrators(id) ON DELETE CASCADE,
        tenant_id   varchar(100) NOT NULL,
        token_hash  varchar(64)  NOT NULL UNIQUE,
        status      varchar(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'rotated', 'revoked')),
        amr         jsonb        NOT NULL,
        expires_at  timestamptz  NOT NULL,
        created_at  timestamptz  NOT NULL DEFAULT now(),
        used_at     timestamptz,
        ip          varchar(45),
        user_agent  varchar(1024)
    )
    """,
    "CREATE INDEX ix_refresh_tokens_family ON identity.refresh_tokens (family_id)",
    "CREATE INDEX ix_refresh_tokens_admin ON identity.refresh_tokens (admin_id) WHERE status = 'active'",
    """
    CREATE TABLE identity.mfa_recovery_codes (
        id         uuid PRIMARY KEY,
        admin_id   uuid        NOT NULL REFERENCES identity.administrators(id) ON DELETE CASCADE,
        code_hash  varchar(64) NOT NULL,
        used_at    timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX ix_mfa_recovery_codes_admin ON identity.mfa_recovery_codes (admin_id)",
    """
    CREATE TABLE identity.admin_profiles (
        admin_id            uuid PRIMARY KEY REFERENCES identity.administrators(id) ON DELETE CASCADE,
        notifications       jsonb       NOT NULL DEFAULT '{}',
        timezone            varchar(50) NOT NULL DEFAULT 'America/New_York',
        language            varchar(10) NOT NULL DEFAULT 'en',
        date_format         varchar(20) NOT NULL DEFAULT 'MM/DD/YYYY',
        time_format         varchar(10) NOT NULL DEFAULT '12h',
        currency            varchar(3)  NOT NULL DEFAULT 'USD',
        theme               varchar(20) NOT NULL DEFAULT 'system',
        default_environment varchar(20) NOT NULL DEFAULT 'dev',
        sidebar_collapsed   boolean     NOT NULL DEFAULT false,
        table_rows_per_page integer     NOT NULL DEFAULT 25,
        updated_at          timestamptz NOT NULL DEFAULT now()
    )
    """,
    """
    CREATE TABLE identity.admin_notifications (
        id              uuid PRIMARY KEY,
        admin_id        uuid         NOT NULL REFERENCES identity.administrators(id) ON DELETE CASCADE,
        tenant_id       varchar(100) NOT NULL,
        type            varchar(50)  NOT NULL,
        priority        varchar(20)  NOT NULL DEFAULT 'medium',
        title           varchar(255) NOT NULL,
        message         text         NOT NULL,
        action_url      varchar(500),
        action_label    varchar(100),
        read            boolean      NOT NULL DEFAULT false,
        read_at         timestamptz,
        dismissed       boolean      NOT NULL DEFAULT false,
        dismissed_at    timestamptz,
        email_sent      boolean      NOT NULL DEFAULT false,
        email_sent_at   timestamptz,
        source_event_id varchar(255),
        created_at      timestamptz  NOT NULL DEFAULT now(),
        expires_at      timestamptz,
        CONSTRAINT valid_notification_type
            CHECK (type IN ('security', 'billing', 'deployment', 'approval', 'system', 'alert')),
        CONSTRAINT valid_notification_priority CHECK (priority IN ('low', 'medium', 'high', 'critical'))
    )
    """,
    "CREATE INDEX ix_notifications_admin ON identity.admin_notifications (admin_id, created_at DESC)",
    "CREATE INDEX ix_notifications_unread ON identity.admin_notifications (admin_id) WHERE NOT read AND NOT dismissed",
    # The same event never notifies the same administrator twice.
    "CREATE UNIQUE INDEX uq_notifications_source ON identity.admin_notifications (admin_id, source_event_id) "
    "WHERE source_event_id IS NOT NULL",
    """
    CREATE TABLE identity.email_outbox (
        id              serial PRIMARY KEY,
        to_address      varchar(255) NOT NULL,
        subject         varchar(500) NOT NULL,
        html            text,
        text            text,
        status          varchar(20)  NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
        attempts        integer      NOT NULL DEFAULT 0,
        next_attempt_at timestamptz  NOT NULL DEFAULT now(),
        last_error      text,
        created_at      timestamptz  NOT NULL DEFAULT now(),
        sent_at         timestamptz
    )
    """,
    "CREATE INDEX ix_email_outbox_due ON identity.email_outbox (next_attempt_at) WHERE status = 'pending'",
]

TABLES = [
    "email_outbox", "admin_notifications", "admin_profiles", "mfa_recovery_codes", "refresh_tokens",
    "invitations", "administrators", "tenants",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in TABLES:
        op.execute(f"DROP TABLE IF EXISTS identity.{table}")
