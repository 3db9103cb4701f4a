"""Authentication hardening (issue 12): sessions remember when their sign-in happened and when a
second factor was last proved (the access tokens' `auth_time`, `mfa_time`, for step-up); recovery
code hashes become keyed (`hmac1$<key id>$<hex>`, longer than the bare SHA-256 they replace).

Existing recovery code hashes and TOTP secrets are upgraded by identity itself (the
`identity-factors-at-rest` job, which holds the MFA key; this revision never sees a secret), and
read in both forms meanwhile.

Revision ID: 0003_auth_hardening
Revises: 0002
"""

from alembic import op

revision = "0003_auth_hardening"
down_revision = "0002"
branch_labels = None
depends_on = None

STATEMENTS = [
    "ALTER TABLE identity.refresh_tokens ADD COLUMN auth_time timestamptz",
    "ALTER TABLE identity.refresh_tokens ADD COLUMN mfa_time timestamptz",
    "ALTER TABLE identity.mfa_recovery_codes ALTER COLUMN code_hash TYPE varchar(100)",
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    # Keyed hashes do not fit the old width, so it stays; the code before this revision never matches
    # them (its users sign in with their authenticator and replace their recovery codes).
    op.execute("ALTER TABLE identity.refresh_tokens DROP COLUMN IF EXISTS mfa_time")
    op.execute("ALTER TABLE identity.refresh_tokens DROP COLUMN IF EXISTS auth_time")
