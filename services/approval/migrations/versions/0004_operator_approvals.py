"""Operators' approvals and a deleted tenant's purge.

- The `tenant_deletion` approval type (identity files it when an operator deletes a prod tenant). The
  type check is rebuilt as the union of the types it admits now and this one, so revisions on other
  heads that add their own types keep them whichever runs last.
- `approval.tenant_deletions`: the tenants deleted (from `tenant.deleted`) and their purge's progress
  (radiant_platform.tenant_purge).

Revision ID: 0004_operator_approvals
Revises: 0003_filed_by_service
"""

import re

import sqlalchemy as sa
from alembic import op

from radiant_platform.tenant_purge import tenant_deletions_ddl

revision = "0004_operator_approvals"
down_revision = "0003_filed_by_service"
branch_labels = None
depends_on = None

NEW_TYPE = "tenant_deletion"
CONSTRAINT = "ck_approval_requests_type"


def _admitted_types() -> list[str]:
    definition = (
        op.get_bind()
        .execute(
            sa.text(
                "SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
                "WHERE n.nspname = 'approval' AND c.conname = :name"
            ),
            {"name": CONSTRAINT},
        )
        .scalar_one()
    )
    return re.findall(r"'([a-z_]+)'", definition)


def _replace_check(types: list[str]) -> None:
    listed = ", ".join(f"'{t}'" for t in types)
    op.execute(f"ALTER TABLE approval.approval_requests DROP CONSTRAINT {CONSTRAINT}")
    op.execute(f"ALTER TABLE approval.approval_requests ADD CONSTRAINT {CONSTRAINT} CHECK (type IN ({listed}))")


def upgrade() -> None:
    types = _admitted_types()
    if NEW_TYPE not in types:
        _replace_check([*types, NEW_TYPE])
    for statement in tenant_deletions_ddl("approval"):
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS approval.tenant_deletions")
    _replace_check([t for t in _admitted_types() if t != NEW_TYPE])
