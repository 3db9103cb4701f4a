"""Audit service settings; every variable is prefixed `AUDIT_` (e.g. `AUDIT_DATABASE_URL`)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import SettingsConfigDict

from radiant_platform.service_auth import ServiceAuthSettings


def _default_checkpoint_key_file() -> Path:
    # The local stack's state folder (RADIANT_STATE_DIR), like identity's signing key.
    return Path(os.environ.get("RADIANT_STATE_DIR", ".local")) / "secrets" / "audit-checkpoint-ed25519.pem"


class SiemSinkConfig(BaseModel):
    """One SIEM destination; each gets its own Kafka consumer group (`audit-siem-<name>`)."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,62}$")
    type: Literal["syslog", "splunk_hec"]
    # syslog (RFC 5424 over TCP with octet counting, RFC 6587; TLS per RFC 5425)
    host: str = "127.0.0.1"
    port: int = 6514
    tls: bool = False
    ca_file: Path | None = None  # trust anchor for the receiver's certificate (system store when absent)
    tls_server_name: str | None = None
    format: Literal["json", "cef"] = "json"
    app_name: str = "radiant-audit"
    # Splunk HTTP Event Collector
    url: str | None = None  # e.g. https://splunk.example.com:8088
    token: str | None = None
    verify_tls: bool = True
    index: str | None = None
    sourcetype: str = "radiant:audit"
    # delivery
    batch_size: int = Field(1000, ge=1, le=10_000)
    confirm_delay_ms: int = Field(100, ge=0)  # how long a TCP receiver must stay connected after a write
    max_backoff_s: float = Field(10.0, gt=0)

    @model_validator(mode="after")
    def _complete(self) -> SiemSinkConfig:
        if self.type == "splunk_hec" and not (self.url and self.token):
            raise ValueError("a splunk_hec sink needs url and token")
        return self

    @property
    def consumer_group(self) -> str:
        return f"audit-siem-{self.name}"


class Settings(ServiceAuthSettings):  # verifies the gateway's signed calls (its outbox backlog)
    model_config = SettingsConfigDict(env_prefix="AUDIT_", extra="ignore")

    service_name: str = "audit"
    db_schema: str = "audit"
    #: Ed25519 private key (PKCS#8 PEM) that signs chain checkpoints; generated in dev when missing.
    checkpoint_key_file: Path = Field(default_factory=_default_checkpoint_key_file)
    checkpoint_interval_seconds: float = 60.0
    #: How often each SIEM sink's exporter looks for checkpoints to send (another replica's, or after
    #: a failure); those this process signs are sent at once.
    checkpoint_export_poll_seconds: float = Field(5.0, gt=0)
    consumer_max_records: int = 2000
    #: Members of the `audit-ingest` group run by this process (up to the topic's partition count).
    ingest_consumers: int = Field(3, ge=1, le=16)
    #: Each member decodes its next batch while this one commits (radiant_platform.consumer).
    ingest_pipeline: bool = True
    #: JSON list of `SiemSinkConfig`, e.g. `[{"name":"soc","type":"syslog","host":"siem","port":6514,"tls":true}]`.
    siem_sinks: list[SiemSinkConfig] = Field(default_factory=list)
    query_max_limit: int = 200
    privileged_list_limit: int = 1000

    def secret_values(self) -> dict[str, str | None]:
        return {**super().secret_values(), **{f"siem_sinks[{s.name}].token": s.token for s in self.siem_sinks}}
