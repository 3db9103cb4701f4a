"""Usage dedup on a 16-byte key: `usage_dedup.dedup_key uuid` replaces the (tenant_id, request_id) text key.

Every ingested batch probes and extends this primary key; as text it held ~80 bytes per entry compared
with the database's collation, so the index grew (and slowed) with the raw table. The key is the first
16 bytes of SHA-256 over the length-prefixed tenant id and the request id (`metering.usage_dedup_key`;
the prefix keeps ("ab", "c") and ("a", "bc") apart; a truncated SHA-256, unlike MD5, leaves a tenant no
practical way to make two of its own request ids collide and so have one left unbilled). Existing rows
get their key in place, so whatever was deduplicated stays deduplicated. `tenant_id` stays, unindexed,
for the tenant purge; `seen_at` for retention.

Revision ID: 0008_compact_dedup_key
Revises: 0007_over_quota_flag
"""

from alembic import op

revision = "0008_compact_dedup_key"
down_revision = "0007_over_quota_flag"
branch_labels = None
depends_on = None

# IMMUTABLE and a single expression: PostgreSQL inlines it into the ingest statement.
KEY_FUNCTION = """
CREATE FUNCTION metering.usage_dedup_key(tenant_id text, request_id text) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN encode(substring(sha256(convert_to(length(tenant_id)::text || ':' || tenant_id || request_id, 'UTF8'))
                        FROM 1 FOR 16), 'hex')::uuid
"""


def upgrade() -> None:
    op.execute(KEY_FUNCTION)
    op.execute("ALTER TABLE metering.usage_dedup ADD COLUMN dedup_key uuid")
    op.execute("UPDATE metering.usage_dedup SET dedup_key = metering.usage_dedup_key(tenant_id, request_id)")
    op.execute("ALTER TABLE metering.usage_dedup ALTER COLUMN dedup_key SET NOT NULL")
    op.execute("ALTER TABLE metering.usage_dedup DROP CONSTRAINT usage_dedup_pkey")
    op.execute("ALTER TABLE metering.usage_dedup ADD CONSTRAINT usage_dedup_pkey PRIMARY KEY (dedup_key)")
    op.execute("ALTER TABLE metering.usage_dedup DROP COLUMN request_id")


def downgrade() -> None:
    # The request ids cannot be recovered from their hashes: the old table starts empty.
    op.execute("DROP TABLE metering.usage_dedup")
    op.execute(
        "CREATE TABLE metering.usage_dedup (tenant_id text NOT NULL, request_id text NOT NULL, "
        "seen_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant_id, request_id))"
    )
    op.execute("DROP FUNCTION metering.usage_dedup_key(text, text)")
