"""How every Kafka client of the platform authenticates (DESIGN.md §2: SASL, one principal each).

One `KafkaSecurity` per client, built from the settings (`KAFKA_SECURITY_PROTOCOL`,
`KAFKA_SASL_MECHANISM`, `KAFKA_SSL_CAFILE`, and the principal's `<NAME>_KAFKA_USERNAME` /
`<NAME>_KAFKA_PASSWORD`), turned into what each client library takes:

    KafkaBroker(servers, security=security.broker_security())      # FastStream
    AIOKafkaProducer(bootstrap_servers=servers, **security.client_kwargs())   # aiokafka clients

The default is PLAINTEXT without credentials, so a client configured before the cluster required
SASL keeps working; outside dev and test a service refuses to start without SASL
(`require_authentication`). Importing this module needs only the standard library (provisioning and
the local stack use it); the client libraries are imported where they are used.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faststream.security import BaseSecurity

    from .settings import ServiceSettings

PROTOCOLS = ("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL")
MECHANISMS = ("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN")
DEFAULT_MECHANISM = "SCRAM-SHA-512"
#: Environments where a Kafka client may go without SASL (the developer's machine, the test suite).
UNAUTHENTICATED_ALLOWED = ("dev", "test")


class KafkaSecurityError(ValueError):
    """The Kafka security settings are incomplete or not allowed here."""


#: The credentials prefix of the super user that provisions topics, users and ACLs.
ADMIN = "KAFKA_ADMIN"


def credential_names(prefix: str) -> tuple[str, str]:
    """The variables holding a principal's credentials: `identity` → IDENTITY_KAFKA_USERNAME /
    IDENTITY_KAFKA_PASSWORD, `producer-usage` → PRODUCER_USAGE_KAFKA_…; the admin's are
    KAFKA_ADMIN_USERNAME / KAFKA_ADMIN_PASSWORD."""
    key = prefix.upper().replace("-", "_")
    if key == ADMIN:
        return "KAFKA_ADMIN_USERNAME", "KAFKA_ADMIN_PASSWORD"
    return f"{key}_KAFKA_USERNAME", f"{key}_KAFKA_PASSWORD"


@dataclass(frozen=True)
class KafkaSecurity:
    protocol: str = "PLAINTEXT"
    mechanism: str = DEFAULT_MECHANISM
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    ssl_cafile: str | None = None

    def __post_init__(self) -> None:
        if self.protocol not in PROTOCOLS:
            raise KafkaSecurityError(f"KAFKA_SECURITY_PROTOCOL must be one of {', '.join(PROTOCOLS)}")
        if self.mechanism not in MECHANISMS:
            raise KafkaSecurityError(f"KAFKA_SASL_MECHANISM must be one of {', '.join(MECHANISMS)}")
        if self.uses_sasl and not (self.username and self.password):
            raise KafkaSecurityError(f"{self.protocol} needs a Kafka username and password")

    @property
    def uses_sasl(self) -> bool:
        return self.protocol.startswith("SASL_")

    @property
    def uses_ssl(self) -> bool:
        return self.protocol.endswith("SSL")

    def as_user(self, username: str, password: str) -> KafkaSecurity:
        """The same cluster settings for another principal."""
        return KafkaSecurity(self.protocol, self.mechanism, username, password, self.ssl_cafile)

    def require_authentication(self, environment: str) -> KafkaSecurity:
        """Refuse an unauthenticated client outside dev and test: every principal is explicit."""
        if not self.uses_sasl and environment not in UNAUTHENTICATED_ALLOWED:
            raise KafkaSecurityError(
                f"Kafka clients authenticate outside dev ({environment}): set KAFKA_SECURITY_PROTOCOL=SASL_SSL "
                "(or SASL_PLAINTEXT) and the service's <SERVICE>_KAFKA_USERNAME / <SERVICE>_KAFKA_PASSWORD"
            )
        return self

    def client_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for aiokafka's producer, consumer and admin client."""
        kwargs: dict[str, Any] = {"security_protocol": self.protocol}
        if self.uses_ssl:
            kwargs["ssl_context"] = self._ssl_context()
        if self.uses_sasl:
            kwargs |= {
                "sasl_mechanism": self.mechanism,
                "sasl_plain_username": self.username,
                "sasl_plain_password": self.password,
            }
        return kwargs

    def broker_security(self) -> BaseSecurity | None:
        """FastStream's `KafkaBroker(security=...)`."""
        from faststream.security import BaseSecurity, SASLPlaintext, SASLScram256, SASLScram512

        ssl = {"ssl_context": self._ssl_context(), "use_ssl": True} if self.uses_ssl else {"use_ssl": False}
        if not self.uses_sasl:
            return BaseSecurity(**ssl) if self.uses_ssl else None
        assert self.username is not None and self.password is not None  # checked in __post_init__
        sasl = {"SCRAM-SHA-512": SASLScram512, "SCRAM-SHA-256": SASLScram256, "PLAIN": SASLPlaintext}[self.mechanism]
        return sasl(self.username, self.password, **ssl)

    def _ssl_context(self) -> Any:
        from aiokafka.helpers import create_ssl_context

        return create_ssl_context(cafile=self.ssl_cafile)


def bootstrap_list(servers: str) -> list[str]:
    """`KAFKA_BOOTSTRAP_SERVERS` (`b-1:9092,b-2:9092,…`) as a list, for FastStream's `KafkaBroker`,
    which takes a string as one server (aiokafka's own clients split it themselves)."""
    return [server.strip() for server in servers.split(",") if server.strip()]


def kafka_security_from_env(
    credentials_prefix: str,
    environ: Mapping[str, str] = os.environ,
    *,
    default_username: str | None = None,
) -> KafkaSecurity:
    """The cluster settings from the environment, as the principal whose variables start with
    `credentials_prefix` (e.g. `METERING`, `PRODUCER_USAGE`, `KAFKA_ADMIN`). Scripts and tools use
    this; services read the same variables through their settings (`kafka_security_of`)."""
    user_var, password_var = credential_names(credentials_prefix)
    protocol = environ.get("KAFKA_SECURITY_PROTOCOL") or "PLAINTEXT"
    sasl = protocol.startswith("SASL_")
    return KafkaSecurity(
        protocol=protocol,
        mechanism=environ.get("KAFKA_SASL_MECHANISM") or DEFAULT_MECHANISM,
        username=(environ.get(user_var) or default_username) if sasl else None,
        password=environ.get(password_var) if sasl else None,
        ssl_cafile=environ.get("KAFKA_SSL_CAFILE") or None,
    )


def kafka_security_of(settings: ServiceSettings) -> KafkaSecurity:
    """A service's own principal (`<SVC>_KAFKA_USERNAME`, default the service's name), refused
    without SASL outside dev and test."""
    security = KafkaSecurity(
        protocol=settings.kafka_security_protocol,
        mechanism=settings.kafka_sasl_mechanism,
        username=(settings.kafka_username or settings.service_name) if settings.kafka_uses_sasl else None,
        password=settings.kafka_password if settings.kafka_uses_sasl else None,
        ssl_cafile=settings.kafka_ssl_cafile,
    )
    return security.require_authentication(settings.environment)
