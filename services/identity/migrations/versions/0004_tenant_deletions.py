"""`identity.tenant_deletions`: deleted tenants and their purge's progress (radiant_platform.tenant_purge).

Revision ID: 0004_tenant_deletions
Revises: 0003_tenant_lifecycle
"""

from alembic import op

from radiant_platform.tenant_purge import tenant_deletions_ddl

revision = "0004_tenant_deletions"
down_revision = "0003_tenant_lifecycle"
branch_labels = None
depends_on = None


def upgrade() -> None:
    for statement in tenant_deletions_ddl("identity"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS identity.tenant_deletions")
