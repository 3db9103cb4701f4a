"""Agents: the tenant's AI agents — configuration versions, desired and observed state, their users.

Revision ID: 0004_agents
Revises: 0002
"""

from alembic import op

revision = "0004_agents"
down_revision = "0002"
branch_labels = None
depends_on = None

STATUSES = "'stopped', 'starting', 'running', 'stopping', 'failed'"

STATEMENTS = [
    f"""
    CREATE TABLE identity.agents (
        id                  uuid         PRIMARY KEY,
        tenant_id           varchar(100) NOT NULL,
        name                varchar(255) NOT NULL,
        model_id            varchar(255) NOT NULL,
        visibility          varchar(20)  NOT NULL CHECK (visibility IN ('private', 'tenant')),
        configuration       jsonb        NOT NULL,
        current_version     integer      NOT NULL CHECK (current_version >= 1),
        desired_state       varchar(20)  NOT NULL DEFAULT 'stopped' CHECK (desired_state IN ('running', 'stopped')),
        status              varchar(20)  NOT NULL DEFAULT 'stopped' CHECK (status IN ({STATUSES})),
        status_reason       text,
        status_reported_at  timestamptz,
        status_request_id   varchar(255),
        running_version     integer,
        last_request_id     varchar(255),
        pending_approval_id varchar(255),
        created_by          varchar(100),
        created_by_name     varchar(255),
        created_at          timestamptz  NOT NULL DEFAULT now(),
        updated_at          timestamptz  NOT NULL DEFAULT now(),
        deleted_at          timestamptz,
        deleted_by          varchar(100)
    )
    """,
    "CREATE INDEX ix_agents_tenant ON identity.agents (tenant_id, created_at DESC) WHERE deleted_at IS NULL",
    # One live agent per name in a tenant, so the console and the audit log name each unambiguously.
    "CREATE UNIQUE INDEX uq_agents_live_name ON identity.agents (tenant_id, lower(name)) WHERE deleted_at IS NULL",
    """
    CREATE TABLE identity.agent_versions (
        agent_id        uuid         NOT NULL REFERENCES identity.agents (id) ON DELETE CASCADE,
        version         integer      NOT NULL CHECK (version >= 1),
        tenant_id       varchar(100) NOT NULL,
        configuration   jsonb        NOT NULL,
        changes         jsonb        NOT NULL DEFAULT '{}',
        created_by      varchar(100),
        created_by_name varchar(255),
        created_at      timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (agent_id, version)
    )
    """,
    """
    CREATE TABLE identity.agent_users (
        agent_id         uuid         NOT NULL REFERENCES identity.agents (id) ON DELETE CASCADE,
        administrator_id uuid         NOT NULL REFERENCES identity.administrators (id) ON DELETE CASCADE,
        tenant_id        varchar(100) NOT NULL,
        granted_by       varchar(100),
        granted_at       timestamptz  NOT NULL DEFAULT now(),
        PRIMARY KEY (agent_id, administrator_id)
    )
    """,
]


def upgrade() -> None:
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade() -> None:
    for table in ("agent_users", "agent_versions", "agents"):
        op.execute(f"DROP TABLE IF EXISTS identity.{table}")
