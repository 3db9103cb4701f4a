"""Settings shared by every service; each service subclasses `ServiceSettings` with its env prefix.

Platform-wide infrastructure (Kafka, Redis, the environment, telemetry, token verification) is
read from un-prefixed variables so that one `.env` configures every service alike; what belongs
to one service (its database login, its port) carries the service's prefix, e.g. `IDENTITY_PORT`.
"""

from __future__ import annotations

import sys
from typing import Literal

from pydantic import AliasChoices, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from .clients import INTERNAL_NETWORKS

Environment = Literal["dev", "test", "staging", "prod"]

# Passwords and keys the repository ships for local development; refused anywhere else.
DEV_SECRET_MARKERS = ("-dev@", "-dev", "dev-secret", "whsec_test_dev")


def running_in_test_suite() -> bool:
    """Whether this process is pytest's: a service never imports it (the runtime image has none)."""
    return "pytest" in sys.modules


def dev_secrets_allowed(environment: str) -> bool:
    """Dev, or `test` inside the test suite; a process started with `RADIANT_ENV=test` elsewhere
    (a mistyped deployment) gets production's rules."""
    return environment == "dev" or (environment == "test" and running_in_test_suite())


def _shared(name: str) -> AliasChoices:
    return AliasChoices(name)


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore", env_prefix="RADIANT_")

    service_name: str = "service"
    environment: Environment = Field("dev", validation_alias=_shared("RADIANT_ENV"))
    host: str = Field("127.0.0.1", validation_alias=_shared("RADIANT_HOST"))
    port: int = 8000
    log_level: str = Field("INFO", validation_alias=_shared("LOG_LEVEL"))

    database_url: str | None = None
    # The schema owner's login, for migrations, where the runtime login must not own its tables.
    migration_database_url: str | None = None
    db_schema: str | None = None
    db_pool_size: int = 10

    kafka_bootstrap_servers: str = Field("127.0.0.1:9092", validation_alias=_shared("KAFKA_BOOTSTRAP_SERVERS"))
    # How Kafka clients authenticate (kafka_security): the cluster's protocol and SASL mechanism are
    # shared; each service is its own principal (`<SVC>_KAFKA_USERNAME`, default its name, and
    # `<SVC>_KAFKA_PASSWORD`), allowed by the ACLs to write only its own topics.
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = Field(
        "PLAINTEXT", validation_alias=_shared("KAFKA_SECURITY_PROTOCOL")
    )
    kafka_sasl_mechanism: Literal["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"] = Field(
        "SCRAM-SHA-512", validation_alias=_shared("KAFKA_SASL_MECHANISM")
    )
    kafka_ssl_cafile: str | None = Field(None, validation_alias=_shared("KAFKA_SSL_CAFILE"))
    kafka_username: str | None = None
    kafka_password: str | None = None
    redis_url: str = Field("redis://127.0.0.1:6379/0", validation_alias=_shared("REDIS_URL"))

    otel_exporter: Literal["otlp", "console", "none"] = Field("none", validation_alias=_shared("OTEL_EXPORTER"))
    otel_endpoint: str | None = Field(None, validation_alias=_shared("OTEL_EXPORTER_OTLP_ENDPOINT"))
    #: The share of new traces (requests and batches without a sampled parent) that are recorded; a
    #: sampled parent (a caller's `traceparent`, an event's) is always followed. Recording every
    #: request's spans is work nobody reads at these rates (≈5 % of identity's CPU per `GET /me`).
    otel_trace_sample_ratio: float = Field(0.01, ge=0.0, le=1.0, validation_alias=_shared("OTEL_TRACE_SAMPLE_RATIO"))

    identity_url: str = Field("http://127.0.0.1:8001", validation_alias=_shared("IDENTITY_URL"))
    jwt_issuer: str = Field("radiant-identity", validation_alias=_shared("JWT_ISSUER"))
    jwt_audience: str = Field("radiant-api", validation_alias=_shared("JWT_AUDIENCE"))
    # Platform operators' tokens: their own audience, so no tenant token can ever act as one.
    jwt_operator_audience: str = Field("radiant-platform", validation_alias=_shared("JWT_OPERATOR_AUDIENCE"))
    jwks_cache_seconds: int = Field(300, validation_alias=_shared("JWKS_CACHE_SECONDS"))
    # Service keys (`rk_…`, `service_keys`) are stored and looked up by an HMAC keyed with this pepper;
    # identity (which issues them), the gateway and every service that verifies them share it.
    service_key_pepper: str = Field("service-key-pepper-dev-secret", validation_alias=_shared("SERVICE_KEY_PEPPER"))

    # Where people reach the platform, for the links it emails and the pages it points at: the admin
    # console's public base (`PUBLIC_APP_URL`, e.g. https://admin.example.com/console) when set, else
    # the gateway's public URL (`GATEWAY_URL`) + /console. Read here once; see `console_url`.
    public_app_url: str | None = Field(None, validation_alias=_shared("PUBLIC_APP_URL"))
    gateway_url: str = Field("http://127.0.0.1:8000", validation_alias=_shared("GATEWAY_URL"))

    # Proxies (addresses or CIDRs) whose X-Forwarded-For hop is believed: the gateway and the network
    # inside the deployment. The client is the rightmost address that is not one of these.
    trusted_proxies: list[str] = list(INTERNAL_NETWORKS)

    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 500

    @model_validator(mode="after")
    def _refuse_dev_secrets_outside_dev(self) -> ServiceSettings:
        """Outside dev every secret that is set must be real: not one the repository ships, and not
        empty (an empty webhook secret would make any signature verify). `None` is "not configured",
        which each setting's own rules judge. `test` counts as dev only inside the test suite."""
        if dev_secrets_allowed(self.environment):
            return self
        for name, value in self.secret_values().items():
            if value is None:
                continue
            if not value.strip():
                raise ValueError(f"{name} is empty; set a real secret for {self.environment}")
            if any(marker in value for marker in DEV_SECRET_MARKERS):
                raise ValueError(f"{name} uses a development secret; set a real one for {self.environment}")
        return self

    def secret_values(self) -> dict[str, str | None]:
        """Settings that carry secrets; subclasses add theirs."""
        return {
            "database_url": self.database_url,
            "migration_database_url": self.migration_database_url,
            "kafka_password": self.kafka_password,
            "service_key_pepper": self.service_key_pepper,
        }

    @property
    def console_url(self) -> str:
        """The admin console's base URL, without a trailing slash (`radiant_platform.console_links`
        builds the pages' links from it)."""
        if self.public_app_url:
            return self.public_app_url.rstrip("/")
        return self.gateway_url.rstrip("/") + "/console"

    @property
    def kafka_uses_sasl(self) -> bool:
        return self.kafka_security_protocol.startswith("SASL_")

    @property
    def is_production(self) -> bool:
        return self.environment == "prod"
