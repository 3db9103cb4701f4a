"""Approvals filed by the owning services (issue 12 findings 1 and 4).

- `filed_by_service`: which service filed the approval for its requester over the internal route
  (identity, billing, metering); null for approvals filed through the public API (deployers' types).
- Two approval types identity files in prod: `admin_invitation` and `admin_status_change`.

Revision ID: 0003_filed_by_service
Revises: 0002
"""

from alembic import op

revision = "0003_filed_by_service"
down_revision = "0002"
branch_labels = None
depends_on = None

TYPES_BEFORE = ("deployment", "promotion", "model_activation", "provider_change", "user_role_change", "billing_change")
TYPES_AFTER = (*TYPES_BEFORE, "admin_invitation", "admin_status_change")


def _type_check(types: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{t}'" for t in types)
    return (
        "ALTER TABLE approval.approval_requests "
        f"ADD CONSTRAINT ck_approval_requests_type CHECK (type IN ({listed}))"
    )


def upgrade() -> None:
    op.execute("ALTER TABLE approval.approval_requests ADD COLUMN filed_by_service varchar(50)")
    op.execute("ALTER TABLE approval.approval_requests DROP CONSTRAINT ck_approval_requests_type")
    op.execute(_type_check(TYPES_AFTER))


def downgrade() -> None:
    op.execute("ALTER TABLE approval.approval_requests DROP CONSTRAINT ck_approval_requests_type")
    op.execute(_type_check(TYPES_BEFORE))
    op.execute("ALTER TABLE approval.approval_requests DROP COLUMN filed_by_service")
