"""Approval requests (seed 000 Part 5 `approval_requests`, plus N-of-M and execution state) and reviews.

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
    CREATE TABLE approval.approval_requests (
        id                  uuid PRIMARY KEY,
        tenant_id           varchar(100) NOT NULL,
        app_id              varchar(100),
        type                varchar(50)  NOT NULL,
        environment         varchar(20)  NOT NULL,
        requested_by        varchar(255) NOT NULL,
        requested_by_name   varchar(255),
        requested_by_email  varchar(255),
        requested_at        timestamptz  NOT NULL DEFAULT now(),
        expires_at          timestamptz  NOT NULL,
        status              varchar(20)  NOT NULL DEFAULT 'pending',
        action              varchar(100) NOT NULL,
        resource_type       varchar(100) NOT NULL,
        resource_id         varchar(255) NOT NULL,
        details             jsonb        NOT NULL DEFAULT '{}'::jsonb,
        priority            varchar(20)  NOT NULL DEFAULT 'medium',
        notes               text,
        requires_two_person boolean      NOT NULL DEFAULT false,
        required_approvals  integer      NOT NULL DEFAULT 1,
        decided_by          varchar(255),
        decided_by_name     varchar(255),
        decided_at          timestamptz,
        decision_reason     text,
        execution_status    varchar(20),
        execution_service   varchar(100),
        execution_result    jsonb,
        execution_error     text,
        executed_at         timestamptz,
        created_at          timestamptz  NOT NULL DEFAULT now(),
        updated_at          timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT ck_approval_requests_status
            CHECK (status IN ('pending', 'approved', 'rejected', 'expired', 'cancelled')),
        CONSTRAINT ck_approval_requests_priority CHECK (priority IN ('low', 'medium', 'high', 'critical')),
        CONSTRAINT ck_approval_requests_type CHECK (type IN ('deployment', 'promotion', 'model_activation',
            'provider_change', 'user_role_change', 'billing_change')),
        CONSTRAINT ck_approval_requests_required_approvals CHECK (required_approvals >= 1),
        CONSTRAINT ck_approval_requests_execution_status
            CHECK (execution_status IN ('pending', 'executed', 'failed', 'external'))
    )
    """,
    "CREATE INDEX ix_approval_requests_tenant_created ON approval.approval_requests (tenant_id, created_at DESC, id)",
    "CREATE INDEX ix_approval_requests_tenant_status ON approval.approval_requests (tenant_id, status)",
    # The expiry sweep scans only what is still pending.
    "CREATE INDEX ix_approval_requests_pending_expiry ON approval.approval_requests (expires_at) "
    "WHERE status = 'pending'",
    """
    CREATE TABLE approval.approval_reviews (
        id            bigserial    PRIMARY KEY,
        approval_id   uuid         NOT NULL REFERENCES approval.approval_requests (id) ON DELETE CASCADE,
        tenant_id     varchar(100) NOT NULL,
        reviewer_id   varchar(255) NOT NULL,
        reviewer_name varchar(255),
        decision      varchar(10)  NOT NULL,
        reason        text,
        created_at    timestamptz  NOT NULL DEFAULT now(),
        CONSTRAINT uq_approval_reviews_approval_reviewer UNIQUE (approval_id, reviewer_id),
        CONSTRAINT ck_approval_reviews_decision CHECK (decision IN ('approve', 'reject'))
    )
    """,
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS approval.approval_reviews")
    op.execute("DROP TABLE IF EXISTS approval.approval_requests")
