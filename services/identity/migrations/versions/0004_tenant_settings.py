"""Tenant settings that a tenant's own administrators manage (`/api/v2/admin/settings`): display
name and branding, default environment, security policy, allowed models for agents, data retention.

One row per tenant, the whole document in `document` (validated by the API's one schema before it is
written); `version` counts changes. A tenant without a row has the defaults.

Revision ID: 0004_tenant_settings
Revises: 0003_tenant_lifecycle
"""

from alembic import op

revision = "0004_tenant_settings"
down_revision = "0003_tenant_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE identity.tenant_admin_settings (
            tenant_id   varchar(100) PRIMARY KEY,
            document    jsonb        NOT NULL,
            version     integer      NOT NULL DEFAULT 1 CHECK (version >= 1),
            updated_at  timestamptz  NOT NULL DEFAULT now(),
            updated_by  varchar(100)
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS identity.tenant_admin_settings")
