"""The `tenant_security_policy` approval type (identity files it for a prod tenant's security policy).

The type check is rebuilt as the union of the types it admits now and this one, rather than from a
fixed list, so revisions on other heads that add their own types keep them whichever runs last.

Revision ID: 0004_tenant_security_policy_type
Revises: 0003_filed_by_service
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0004_tenant_security_policy_type"
down_revision = "0003_filed_by_service"
branch_labels = None
depends_on = None

NEW_TYPE = "tenant_security_policy"
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


def downgrade() -> None:
    _replace_check([t for t in _admitted_types() if t != NEW_TYPE])
