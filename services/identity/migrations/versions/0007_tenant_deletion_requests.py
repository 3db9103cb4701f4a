"""`identity.tenant_deletion_requests`: the `tenant_deletion` approval last filed for each tenant, so a
second request while it is pending is refused (409) instead of filing a duplicate.

Revision ID: 0007_tenant_deletion_requests
Revises: 0004_tenant_deletions
"""

from alembic import op

revision = "0007_tenant_deletion_requests"
down_revision = "0004_tenant_deletions"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        """
        CREATE TABLE identity.tenant_deletion_requests (
            tenant_id varchar(100) PRIMARY KEY REFERENCES identity.tenants(id),
            approval_id varchar(255) NOT NULL,
            requested_by varchar(100) NOT NULL,
            requested_at timestamptz NOT NULL DEFAULT now()
        )
        """
    )


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS identity.tenant_deletion_requests")
