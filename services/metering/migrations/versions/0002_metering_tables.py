"""Metering: model registry with effective-dated prices, tenant margin history, usage dedup keys,
raw usage events (range-partitioned by day on occurred_at), daily rollups, month-to-date totals.

Money: prices are per million tokens, numeric(18,6). Each event's provider and billed cost is
rounded once, half-even, to 10 decimal places (numeric(24,10)) when it is priced; sums are exact.

Revision ID: 0002
Revises: 0001
"""
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# The seed's defaults for unknown models are 1.0 / 2.0 per million; these are the launch catalogue.
CATALOGUE = [
    # model_id, provider_id, model_name, input / output price per million tokens (USD)
    ("gpt-4o", "openai", "GPT-4o", "2.500000", "10.000000"),
    ("gpt-4o-mini", "openai", "GPT-4o mini", "0.150000", "0.600000"),
    ("o1", "openai", "o1", "15.000000", "60.000000"),
    ("text-embedding-3-small", "openai", "Text Embedding 3 Small", "0.020000", "0.000000"),
    ("text-embedding-3-large", "openai", "Text Embedding 3 Large", "0.130000", "0.000000"),
    ("claude-3-5-sonnet", "anthropic", "Claude 3.5 Sonnet", "3.000000", "15.000000"),
    ("claude-3-5-haiku", "anthropic", "Claude 3.5 Haiku", "0.800000", "4.000000"),
    ("claude-3-opus", "anthropic", "Claude 3 Opus", "15.000000", "75.000000"),
    ("gemini-1.5-pro", "google", "Gemini 1.5 Pro", "1.250000", "5.000000"),
    ("gemini-1.5-flash", "google", "Gemini 1.5 Flash", "0.075000", "0.300000"),
    ("mistral-large", "mistral", "Mistral Large", "2.000000", "6.000000"),
    ("llama-3.1-70b", "self-hosted", "Llama 3.1 70B", "0.880000", "0.880000"),
]

DDL = [
    """
    CREATE TABLE metering.models (
        model_id     text PRIMARY KEY,
        provider_id  text NOT NULL,
        model_name   text NOT NULL,
        status       text NOT NULL DEFAULT 'active',
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        updated_by   text,
        CONSTRAINT ck_models_status CHECK (status IN ('active', 'inactive', 'deprecated', 'unregistered'))
    )
    """,
    """
    CREATE TABLE metering.model_prices (
        model_id                 text NOT NULL REFERENCES metering.models (model_id),
        effective_from           timestamptz NOT NULL,
        input_price_per_million  numeric(18,6) NOT NULL CHECK (input_price_per_million >= 0),
        output_price_per_million numeric(18,6) NOT NULL CHECK (output_price_per_million >= 0),
        created_at               timestamptz NOT NULL DEFAULT now(),
        created_by               text,
        PRIMARY KEY (model_id, effective_from)
    )
    """,
    """
    CREATE TABLE metering.tenant_margins (
        tenant_id       text NOT NULL,
        effective_from  timestamptz NOT NULL,
        margin_percent  numeric(5,2) NOT NULL CHECK (margin_percent >= 0),
        source_event_id text,
        recorded_at     timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, effective_from)
    )
    """,
    # The dedup key of usage: a producer retry or a Kafka redelivery hits this primary key.
    """
    CREATE TABLE metering.usage_dedup (
        tenant_id  text NOT NULL,
        request_id text NOT NULL,
        seen_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, request_id)
    )
    """,
    """
    CREATE TABLE metering.usage_events (
        tenant_id      text NOT NULL,
        request_id     text NOT NULL,
        event_id       text NOT NULL,
        provider_id    text NOT NULL,
        model_id       text NOT NULL,
        model_name     text NOT NULL,
        request_type   text NOT NULL,
        input_tokens   bigint NOT NULL,
        output_tokens  bigint NOT NULL,
        latency_ms     bigint NOT NULL,
        cached         boolean NOT NULL,
        phi_detected   boolean NOT NULL,
        phi_sanitized  boolean NOT NULL,
        user_id        text,
        app_id         text NOT NULL,
        environment    text NOT NULL,
        occurred_at    timestamptz NOT NULL,
        provider_cost  numeric(24,10) NOT NULL,
        billed_cost    numeric(24,10) NOT NULL,
        margin_percent numeric(5,2) NOT NULL,
        unpriced       boolean NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now()
    ) PARTITION BY RANGE (occurred_at)
    """,
    # Events outside the pre-created daily partitions (very late or far-future) land here.
    "CREATE TABLE metering.usage_events_default PARTITION OF metering.usage_events DEFAULT",
    """
    CREATE TABLE metering.usage_rollups (
        tenant_id         text NOT NULL,
        usage_date        date NOT NULL,
        model_id          text NOT NULL,
        provider_id       text NOT NULL,
        request_count     bigint NOT NULL,
        input_tokens      bigint NOT NULL,
        output_tokens     bigint NOT NULL,
        total_tokens      bigint NOT NULL,
        provider_cost     numeric(24,10) NOT NULL,
        billed_cost       numeric(24,10) NOT NULL,
        cached_requests   bigint NOT NULL,
        phi_requests      bigint NOT NULL,
        latency_sum_ms    bigint NOT NULL,
        unpriced_requests bigint NOT NULL,
        updated_at        timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, usage_date, model_id)
    )
    """,
    """
    CREATE TABLE metering.usage_month_to_date (
        tenant_id     text NOT NULL,
        month         date NOT NULL,
        request_count bigint NOT NULL,
        input_tokens  bigint NOT NULL,
        output_tokens bigint NOT NULL,
        total_tokens  bigint NOT NULL,
        provider_cost numeric(24,10) NOT NULL,
        billed_cost   numeric(24,10) NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, month)
    )
    """,
]


def upgrade() -> None:
    for statement in DDL:
        op.execute(statement)
    for model_id, provider, name, price_in, price_out in CATALOGUE:
        op.execute(
            "INSERT INTO metering.models (model_id, provider_id, model_name, status, updated_by) "
            f"VALUES ('{model_id}', '{provider}', '{name}', 'active', 'catalogue')"
        )
        op.execute(
            "INSERT INTO metering.model_prices (model_id, effective_from, input_price_per_million, "
            f"output_price_per_million, created_by) VALUES ('{model_id}', '2024-01-01T00:00:00Z', "
            f"{price_in}, {price_out}, 'catalogue')"
        )


def downgrade() -> None:
    for table in ("usage_month_to_date", "usage_rollups", "usage_events", "usage_dedup", "tenant_margins",
                  "model_prices", "models"):
        op.execute(f"DROP TABLE IF EXISTS metering.{table} CASCADE")
