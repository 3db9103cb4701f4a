"""The append-only, hash-chained audit log, chain heads and signed checkpoints.

Append-only at the database level, two layers:
- the service role (`audit`, which owns the schema) has UPDATE, DELETE and TRUNCATE revoked on the
  log and the checkpoints, so its statements fail with "permission denied";
- BEFORE UPDATE/DELETE and BEFORE TRUNCATE triggers refuse the change for *every* role, superusers
  included. Only a superuser can get past them (`SET session_replication_role = replica`, or DDL to
  drop them); what gets past is still caught by the hash chain and the signed checkpoints.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

APPEND_ONLY = ("audit_log", "checkpoints")


def upgrade() -> None:
    op.execute("""
        CREATE TABLE audit.audit_log (
            tenant_id        text        NOT NULL,
            seq              bigint      NOT NULL CHECK (seq > 0),
            event_id         text        NOT NULL,
            event_type       text        NOT NULL,
            source           text        NOT NULL,
            occurred_at      timestamptz NOT NULL,
            recorded_at      timestamptz NOT NULL,
            actor_type       text        NOT NULL,
            actor_id         text        NOT NULL,
            actor_name       text,
            actor_ip         text,
            actor_user_agent text,
            impersonator     json,
            action           text COLLATE "C" NOT NULL,
            resource_type    text        NOT NULL,
            resource_id      text,
            outcome          text        NOT NULL,
            details          json        NOT NULL,
            app_id           text,
            environment      text,
            extra            json        NOT NULL,
            prev_hash        text        NOT NULL,
            hash             text        NOT NULL,
            CONSTRAINT pk_audit_log PRIMARY KEY (tenant_id, seq),
            CONSTRAINT uq_audit_log_tenant_event UNIQUE (tenant_id, event_id)
        )
    """)
    op.execute("CREATE INDEX ix_audit_log_action ON audit.audit_log (tenant_id, action, seq)")
    op.execute("CREATE INDEX ix_audit_log_actor ON audit.audit_log (tenant_id, actor_id, seq)")
    op.execute("CREATE INDEX ix_audit_log_resource ON audit.audit_log (tenant_id, resource_type, resource_id, seq)")
    op.execute("CREATE INDEX ix_audit_log_time ON audit.audit_log (tenant_id, occurred_at)")
    op.execute("""
        CREATE TABLE audit.chain_heads (
            tenant_id  text        PRIMARY KEY,
            last_seq   bigint      NOT NULL,
            last_hash  text        NOT NULL,
            updated_at timestamptz NOT NULL DEFAULT now()
        )
    """)
    op.execute("""
        CREATE TABLE audit.checkpoints (
            id        bigserial   PRIMARY KEY,
            tenant_id text        NOT NULL,
            seq       bigint      NOT NULL,
            hash      text        NOT NULL,
            signed_at timestamptz NOT NULL,
            key_id    text        NOT NULL,
            signature text        NOT NULL
        )
    """)
    op.execute("CREATE INDEX ix_checkpoints_tenant_seq ON audit.checkpoints (tenant_id, seq)")
    op.execute("""
        CREATE FUNCTION audit.refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'audit.% is append-only: % refused', TG_TABLE_NAME, TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
    """)
    for table in APPEND_ONLY:
        op.execute(f"""
            CREATE TRIGGER {table}_no_update_delete BEFORE UPDATE OR DELETE ON audit.{table}
            FOR EACH ROW EXECUTE FUNCTION audit.refuse_audit_change()
        """)
        op.execute(f"""
            CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON audit.{table}
            FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_audit_change()
        """)
        op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit.{table} FROM CURRENT_USER")


def downgrade() -> None:
    op.execute("DROP TABLE IF EXISTS audit.checkpoints")
    op.execute("DROP TABLE IF EXISTS audit.chain_heads")
    op.execute("DROP TABLE IF EXISTS audit.audit_log")
    op.execute("DROP FUNCTION IF EXISTS audit.refuse_audit_change()")
