import ipaddress

from pydantic import Field, field_validator
from pydantic_settings import SettingsConfigDict

from radiant_platform.service_auth import ServiceAuthSettings

#: The services the gateway forwards to (and is ready only when they are).
UPSTREAM_SERVICES = ("identity", "approval", "metering", "billing", "audit")


class Settings(ServiceAuthSettings):
    """Gateway settings; variables are prefixed `GATEWAY_`, service locations are the shared `<SVC>_URL`.

    Its own service key (`GATEWAY_INTERNAL_KEY_FILE`) signs the calls that compose the operators'
    platform views; its Kafka login (`GATEWAY_KAFKA_USERNAME`/`_PASSWORD`) may only describe offsets."""

    model_config = SettingsConfigDict(env_prefix="GATEWAY_", extra="ignore")

    service_name: str = "gateway"
    port: int = 8000

    approval_url: str = Field("http://127.0.0.1:8002", validation_alias="APPROVAL_URL")
    metering_url: str = Field("http://127.0.0.1:8003", validation_alias="METERING_URL")
    billing_url: str = Field("http://127.0.0.1:8004", validation_alias="BILLING_URL")
    audit_url: str = Field("http://127.0.0.1:8005", validation_alias="AUDIT_URL")

    # Per-tenant limit for authenticated calls, per-client-IP limit for public ones (login, accept,
    # webhooks): a sustained rate, and the burst: how many requests may arrive at once.
    tenant_rate_per_second: float = 200.0
    tenant_burst: int = 400
    ip_rate_per_second: float = 30.0
    ip_burst: int = 100
    # Addresses (or CIDRs) whose X-Forwarded-For is believed: a load balancer in front of the gateway.
    # None by default, unlike the services' loopback default: the gateway faces the clients directly.
    trusted_proxies: list[str] = []

    # The built admin console served at /console/ (empty: the repository's console/dist).
    console_dir: str = ""

    # Processes serving the one port (uvicorn workers). Rate limits are kept in Redis (one GCRA per
    # subject, on Redis's clock), so they hold across processes; revocations and access policies are
    # cached for at most half a second in each.
    workers: int = Field(1, ge=1, le=16)

    upstream_connect_timeout: float = 2.0
    upstream_read_timeout: float = 30.0

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, proxies: list[str]) -> list[str]:
        # Refused at start-up rather than failing every request that carries X-Forwarded-For.
        for proxy in filter(str.strip, proxies):
            ipaddress.ip_network(proxy.strip(), strict=False)
        return proxies

    def upstream_url(self, service: str) -> str:
        return {
            "identity": self.identity_url,
            "approval": self.approval_url,
            "metering": self.metering_url,
            "billing": self.billing_url,
            "audit": self.audit_url,
        }[service]
