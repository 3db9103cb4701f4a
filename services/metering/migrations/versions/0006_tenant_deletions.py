"""`metering.tenant_deletions`: deleted tenants and their purge's progress (radiant_platform.tenant_purge).

Revision ID: 0006_tenant_deletions
Revises: 0005_suspended_usage
"""

from alembic import op

from radiant_platform.tenant_purge import tenant_deletions_ddl

revision = "0006_tenant_deletions"
down_revision = "0005_suspended_usage"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in tenant_deletions_ddl("metering"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS metering.tenant_deletions")
