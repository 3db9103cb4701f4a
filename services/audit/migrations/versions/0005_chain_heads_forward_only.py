"""Chain heads only move forward, refused by the database for every role (issue 12 #8).

`chain_heads` is the one audit table the runtime login must be able to change: ingestion moves each
tenant's head to the entry it just appended, and locks the row (`SELECT ... FOR UPDATE`) to number
entries one tenant at a time, and both need UPDATE (an upsert with `ON CONFLICT DO UPDATE` would too).
Before this revision that login could also move a head backwards, re-point it at another hash,
delete it (the chain would restart at 1) or truncate the table, and `/verify` trusted the head. Now:

- a BEFORE UPDATE trigger refuses a head whose `last_seq` goes down, or whose `last_hash` changes
  while `last_seq` stays (a rewritten entry passed earlier); its WHEN clause is evaluated inline, so
  the forward updates of ingestion (one per tenant per batch) never enter the function;
- a BEFORE INSERT trigger refuses a new head that does not start at the genesis (seq 0), so no head
  can be planted ahead of a chain;
- BEFORE DELETE and TRUNCATE triggers refuse removing heads;
- the runtime login keeps INSERT, and UPDATE on `last_seq`, `last_hash` and `updated_at` only (not
  `tenant_id`); DELETE and TRUNCATE are revoked.

The triggers and their function belong to the schema owner (`audit_owner`, which runs migrations).
The runtime login owns nothing and has no CREATE on the schema, so it cannot drop, disable or replace
them, and it cannot `SET session_replication_role` (superuser only). A superuser still can; what it
does is what verification (the walk to the last entry, signed checkpoints, the copies exported to
the SIEM) is there to catch.

Revision ID: 0005_chain_heads_forward_only
Revises: 0004
"""
from alembic import op

revision = "0005_chain_heads_forward_only"
down_revision = "0004"
branch_labels = None
depends_on = None

RUNTIME = "audit"
GENESIS_HASH = "0" * 64  # radiant_audit.chain.GENESIS_HASH, spelled out: a migration never changes


def upgrade() -> None:
    op.execute("""
        CREATE FUNCTION audit.refuse_chain_head_rewind() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION 'audit.chain_heads only moves forward: the head of % is at entry % (%), not % (%)',
                    OLD.tenant_id, OLD.last_seq, OLD.last_hash, NEW.last_seq, NEW.last_hash
                    USING ERRCODE = 'insufficient_privilege';
            ELSIF TG_OP = 'INSERT' THEN
                RAISE EXCEPTION 'audit.chain_heads: a new head starts at the genesis (entry 0), not at entry % of %',
                    NEW.last_seq, NEW.tenant_id
                    USING ERRCODE = 'insufficient_privilege';
            END IF;
            RAISE EXCEPTION 'audit.chain_heads rows cannot be deleted (% refused)', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END
        $$
    """)
    op.execute("""
        CREATE TRIGGER chain_heads_forward_only BEFORE UPDATE ON audit.chain_heads
        FOR EACH ROW
        WHEN (NEW.last_seq < OLD.last_seq
              OR (NEW.last_seq = OLD.last_seq AND NEW.last_hash IS DISTINCT FROM OLD.last_hash)
              OR NEW.tenant_id IS DISTINCT FROM OLD.tenant_id)
        EXECUTE FUNCTION audit.refuse_chain_head_rewind()
    """)
    op.execute(f"""
        CREATE TRIGGER chain_heads_start_at_genesis BEFORE INSERT ON audit.chain_heads
        FOR EACH ROW
        WHEN (NEW.last_seq <> 0 OR NEW.last_hash IS DISTINCT FROM '{GENESIS_HASH}')
        EXECUTE FUNCTION audit.refuse_chain_head_rewind()
    """)
    op.execute("""
        CREATE TRIGGER chain_heads_no_delete BEFORE DELETE ON audit.chain_heads
        FOR EACH ROW EXECUTE FUNCTION audit.refuse_chain_head_rewind()
    """)
    op.execute("""
        CREATE TRIGGER chain_heads_no_truncate BEFORE TRUNCATE ON audit.chain_heads
        FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_chain_head_rewind()
    """)
    # Revoking table-level UPDATE revokes it on every column; then only the columns ingestion moves.
    op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON audit.chain_heads FROM {RUNTIME}")
    op.execute(f"GRANT SELECT, INSERT ON audit.chain_heads TO {RUNTIME}")
    op.execute(f"GRANT UPDATE (last_seq, last_hash, updated_at) ON audit.chain_heads TO {RUNTIME}")
    op.execute("REVOKE DELETE, TRUNCATE ON audit.chain_heads FROM CURRENT_USER")


def downgrade() -> None:
    op.execute("GRANT DELETE, TRUNCATE ON audit.chain_heads TO CURRENT_USER")
    op.execute(f"REVOKE UPDATE (last_seq, last_hash, updated_at) ON audit.chain_heads FROM {RUNTIME}")
    op.execute(f"GRANT UPDATE, DELETE ON audit.chain_heads TO {RUNTIME}")
    for trigger in (
        "chain_heads_forward_only",
        "chain_heads_start_at_genesis",
        "chain_heads_no_delete",
        "chain_heads_no_truncate",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON audit.chain_heads")
    op.execute("DROP FUNCTION IF EXISTS audit.refuse_chain_head_rewind()")
