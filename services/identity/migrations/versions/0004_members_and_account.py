"""Members and account self-service (issue 13): the `member` role, password reset links (stored as
hashes, single use, expiring) and notification digests (pending notifications, one digest per
recipient and period).

Revision ID: 0004_members_and_account
Revises: 0002
"""

from alembic import op

revision = "0004_members_and_account"
down_revision = "0002"
branch_labels = None
depends_on = None

ROLES = "('super_admin', 'admin', 'operator', 'auditor', 'member')"
OLD_ROLES = "('super_admin', 'admin', 'operator', 'auditor')"

STATEMENTS = [
    # The tenant's end users are members: the same accounts and invitations, a role with no admin permission.
    "ALTER TABLE identity.administrators DROP CONSTRAINT administrators_role_check",
    f"ALTER TABLE identity.administrators ADD CONSTRAINT administrators_role_check CHECK (role IN {ROLES})",
    "ALTER TABLE identity.invitations DROP CONSTRAINT invitations_role_check",
    f"ALTER TABLE identity.invitations ADD CONSTRAINT invitations_role_check CHECK (role IN {ROLES})",
    """
    CREATE TABLE identity.password_resets (
        id           uuid         PRIMARY KEY,
        admin_id     uuid         NOT NULL REFERENCES identity.administrators(id) ON DELETE CASCADE,
        tenant_id    varchar(100) NOT NULL,
        token_hash   varchar(64)  NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        expires_at   timestamptz  NOT NULL,
        used_at      timestamptz,
        requested_ip varchar(45),
        created_at   timestamptz  NOT NULL DEFAULT now()
    )
    """,
    "CREATE INDEX ix_password_resets_admin ON identity.password_resets (admin_id) WHERE used_at IS NULL",
    """
    CREATE TABLE identity.notification_digests (
        id                 uuid         PRIMARY KEY,
        admin_id           uuid         NOT NULL REFERENCES identity.administrators(id) ON DELETE CASCADE,
        tenant_id          varchar(100) NOT NULL,
        frequency          varchar(10)  NOT NULL CHECK (frequency IN ('immediate', 'hourly', 'daily', 'weekly')),
        period_end         timestamptz  NOT NULL,
        notification_count integer      NOT NULL CHECK (notification_count > 0),
        created_at         timestamptz  NOT NULL DEFAULT now(),
        -- One digest per recipient and period, however many job runs or replicas race.
        CONSTRAINT uq_notification_digests_period UNIQUE (admin_id, period_end)
    )
    """,
    # A notification waiting for its recipient's digest: due at the end of its period.
    "ALTER TABLE identity.admin_notifications ADD COLUMN email_due_at timestamptz",
    "ALTER TABLE identity.admin_notifications ADD COLUMN digest_id uuid "
    "REFERENCES identity.notification_digests(id) ON DELETE SET NULL",
    "CREATE INDEX ix_notifications_digest_due ON identity.admin_notifications (email_due_at) "
    "WHERE email_due_at IS NOT NULL",
]

DOWNGRADE = [
    "DROP INDEX identity.ix_notifications_digest_due",
    "ALTER TABLE identity.admin_notifications DROP COLUMN digest_id",
    "ALTER TABLE identity.admin_notifications DROP COLUMN email_due_at",
    "DROP TABLE identity.notification_digests",
    "DROP TABLE identity.password_resets",
    "DELETE FROM identity.invitations WHERE role = 'member'",
    "DELETE FROM identity.administrators WHERE role = 'member'",
    "ALTER TABLE identity.invitations DROP CONSTRAINT invitations_role_check",
    f"ALTER TABLE identity.invitations ADD CONSTRAINT invitations_role_check CHECK (role IN {OLD_ROLES})",
    "ALTER TABLE identity.administrators DROP CONSTRAINT administrators_role_check",
    f"ALTER TABLE identity.administrators ADD CONSTRAINT administrators_role_check CHECK (role IN {OLD_ROLES})",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for statement in DOWNGRADE:
        op.execute(statement)
