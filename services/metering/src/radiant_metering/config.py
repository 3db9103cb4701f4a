from pydantic import Field
from pydantic_settings import SettingsConfigDict

from radiant_platform.service_auth import ServiceAuthSettings
from radiant_platform.tenant_purge import TenantPurgeSettings


class Settings(ServiceAuthSettings, TenantPurgeSettings):
    """Metering service settings; every variable is prefixed `METERING_` (e.g. `METERING_DATABASE_URL`)."""

    model_config = SettingsConfigDict(env_prefix="METERING_", extra="ignore")

    service_name: str = "metering"
    db_schema: str = "metering"

    # Ingestion: big batches amortise the per-transaction cost and fold more events into each rollup
    # row update (a batch is as big as what is waiting, so at low rates batches stay small and quick).
    ingest_group: str = "metering-usage"
    ingest_max_records: int = 16000
    ingest_batch_timeout_ms: int = 1000  # an idle poll's wait; records end it at once
    ingest_partition_fetch_bytes: int = 4 * 1024 * 1024
    # Pipelined: the next batch is decoded and priced while this one commits (radiant_platform.consumer).
    ingest_pipeline: bool = True

    # Raw usage events are kept this long (the seed's 90-day TTL); daily partitions make dropping cheap.
    raw_retention_days: int = 90
    partitions_ahead_days: int = 7
    maintenance_interval_seconds: float = 600.0

    # Month-to-date counters in Redis: re-copied from the database this often (and on start-up).
    mtd_reconcile_seconds: float = 60.0
    mtd_key_ttl_days: int = 40

    # Used when a usage event arrives over HTTP and the caller does not name its app.
    default_app_id: str = "radiant"

    # Where an approved registry change is confirmed before it is applied (radiant_platform.approvals).
    approval_url: str = Field("http://127.0.0.1:8002", validation_alias="APPROVAL_URL")

    # Service-to-service `/internal/v1/*` is authenticated with the services' own keys
    # (`METERING_INTERNAL_KEY_FILE`, `INTERNAL_TRUST_FILE`: radiant_platform.service_auth).
