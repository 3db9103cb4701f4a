"""The stack's settings: .env.defaults < .env < process environment, and the environment it computes
for the services and the tests (`.local/stack.env`)."""

from __future__ import annotations

import os
import secrets
import shlex
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[3]
LOCAL_DIR = ROOT / "deploy" / "local"  # kafka/ templates and pom.xml

SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")


def parse_env_file(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[7:].lstrip()
        key, sep, value = line.partition("=")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        out[key] = value
    return out


def effective_config() -> dict[str, str]:
    """.env.defaults, overridden by .env, overridden by the process environment (for those keys)."""
    cfg = parse_env_file(ROOT / ".env.defaults")
    cfg.update(parse_env_file(ROOT / ".env"))
    for key in list(cfg):
        if key in os.environ:
            cfg[key] = os.environ[key]
    return cfg


def format_env(env: dict[str, str]) -> str:
    """KEY=VALUE lines; values are shell-quoted only when needed, so `set -a; . .local/stack.env` works."""
    return "".join(f"{k}={shlex.quote(v) if v else ''}\n" for k, v in env.items())


def database_schemas():  # -> tuple[radiant_platform.provisioning.SchemaSpec, ...]
    """The services with a database, and their logins: provisioning's registry, the one definition.
    That module needs only the standard library, so without the workspace's venv (`make clean` runs
    `python3 deploy/local/stack down`) it is read from the source tree."""
    try:
        from radiant_platform.provisioning import SCHEMAS
    except ImportError:
        sys.path.append(str(ROOT / "libs" / "platform" / "src"))
        from radiant_platform.provisioning import SCHEMAS
    return SCHEMAS


def kafka_principals():  # -> tuple[radiant_platform.provisioning.KafkaPrincipal, ...]
    """The Kafka principals and their ACLs: provisioning's table, read like `database_schemas`."""
    try:
        from radiant_platform.provisioning import KAFKA_PRINCIPALS
    except ImportError:
        sys.path.append(str(ROOT / "libs" / "platform" / "src"))
        from radiant_platform.provisioning import KAFKA_PRINCIPALS
    return KAFKA_PRINCIPALS


# How the local broker authenticates clients: SASL_PLAINTEXT (SCRAM-SHA-512, one principal per service
# and external producer, ACLs) or PLAINTEXT (no authentication at all; dev only).
KAFKA_PROTOCOLS = ("SASL_PLAINTEXT", "PLAINTEXT")
KAFKA_MECHANISM = "SCRAM-SHA-512"
KAFKA_ADMIN_USER = "admin"  # provisioning's super user (radiant_platform.provisioning.KAFKA_ADMIN)
KAFKA_CONTROLLER_USER = "controller"  # the controller listener's own (PLAIN) login, never a client's
KAFKA_NODE_PORT_STEP = 10  # node i of a cluster listens 10 (i - 1) above node 1's ports


def credential_names(prefix: str) -> tuple[str, str]:
    """As radiant_platform.kafka_security.credential_names: `producer-usage` → PRODUCER_USAGE_KAFKA_…"""
    if prefix == KAFKA_ADMIN_USER:
        return "KAFKA_ADMIN_USERNAME", "KAFKA_ADMIN_PASSWORD"
    key = prefix.upper().replace("-", "_")
    return f"{key}_KAFKA_USERNAME", f"{key}_KAFKA_PASSWORD"


class Settings:
    def __init__(self) -> None:
        self.cfg = effective_config()
        c = self.cfg
        self.host = c.get("RADIANT_HOST", "127.0.0.1")
        state = Path(c.get("RADIANT_STATE_DIR", ".local"))
        self.state = state if state.is_absolute() else ROOT / state
        self.logs = self.state / "logs"
        self.run = self.state / "run"
        self.bin = self.state / "bin"
        self.secrets = self.state / "secrets"
        self.signing_key = self.secrets / "jwt-ed25519.pem"
        # Each service's own key for service-to-service calls, and every service's public key.
        self.internal_keys = self.secrets / "internal"
        self.internal_trust = self.internal_keys / "trust.json"
        # Generated Kafka passwords, one file per login (secrets/kafka/<login>, 0600).
        self.kafka_secrets = self.secrets / "kafka"
        self.env_file = self.state / "stack.env"
        # The stack's Lago is Prism, which cannot sign webhooks: tests sign them as Lago does, with
        # this key pair (billing verifies with the public half) and HMAC key.
        self.lago_secrets = self.secrets / "lago"
        self.lago_webhook_private_key = self.lago_secrets / "webhook-rsa.pem"
        self.lago_webhook_public_key = self.lago_secrets / "webhook-rsa.pub.pem"

    def internal_key(self, svc: str) -> Path:
        return self.internal_keys / f"{svc}.pem"

    def port(self, key: str) -> int:
        return int(self.cfg[key])

    def svc_port(self, svc: str) -> int:
        return self.port(f"{svc.upper()}_PORT")

    def db_password(self, login: str) -> str:
        key = f"{login.upper()}_DB_PASSWORD"
        return os.environ.get(key) or self.cfg.get(key) or f"{login}-dev"

    @property
    def kafka_protocol(self) -> str:
        protocol = self.cfg.get("KAFKA_SECURITY_PROTOCOL") or "PLAINTEXT"
        if protocol not in KAFKA_PROTOCOLS:
            raise ValueError(f"KAFKA_SECURITY_PROTOCOL={protocol}: the local stack runs {' or '.join(KAFKA_PROTOCOLS)}")
        return protocol

    @property
    def kafka_sasl(self) -> bool:
        return self.kafka_protocol == "SASL_PLAINTEXT"

    @property
    def kafka_brokers(self) -> int:
        """How many Kafka nodes (`make up KAFKA_BROKERS=3`): 1, or a cluster of 3 or 5 on loopback."""
        brokers = self.cfg.get("KAFKA_BROKERS") or "1"
        if brokers not in ("1", "3", "5"):
            raise ValueError(f"KAFKA_BROKERS={brokers}: the local stack runs 1, 3 or 5 Kafka nodes")
        return int(brokers)

    @property
    def kafka_replication_factor(self) -> int:
        """Every topic on every node up to three (TOPIC_REPLICATION_FACTOR overrides)."""
        return int(self.cfg.get("TOPIC_REPLICATION_FACTOR") or min(3, self.kafka_brokers))

    @property
    def kafka_min_insync_replicas(self) -> int:
        """A write is acknowledged (acks=all) by this many replicas: 2 of 3, so one node may be down."""
        return int(self.cfg.get("KAFKA_MIN_INSYNC_REPLICAS") or max(1, self.kafka_replication_factor - 1))

    def kafka_node_ports(self, node: int) -> tuple[int, int]:
        """Node `node`'s (client, controller) ports: node 1 has KAFKA_PORT and KAFKA_CONTROLLER_PORT,
        each further one 10 above the one before."""
        step = KAFKA_NODE_PORT_STEP * (node - 1)
        return self.port("KAFKA_PORT") + step, self.port("KAFKA_CONTROLLER_PORT") + step

    @property
    def kafka_bootstrap(self) -> str:
        nodes = range(1, self.kafka_brokers + 1)
        return ",".join(f"{self.host}:{self.kafka_node_ports(n)[0]}" for n in nodes)

    def kafka_password(self, login: str) -> str:
        """A Kafka login's password: `<LOGIN>_KAFKA_PASSWORD` (KAFKA_ADMIN_PASSWORD for the admin) when
        set, else the one generated once into `secrets/kafka/<login>`."""
        key = credential_names(login)[1]
        return os.environ.get(key) or self.cfg.get(key) or self._generated_secret(self.kafka_secrets / login)

    def _generated_secret(self, path: Path) -> str:
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.parent.chmod(0o700)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_text(secrets.token_urlsafe(32) + "\n")
            tmp.chmod(0o600)
            try:
                os.link(tmp, path)  # the first writer wins: two commands racing read one password
            except FileExistsError:
                pass
            finally:
                tmp.unlink()
        return path.read_text().strip()

    def kafka_env(self) -> dict[str, str]:
        """What a Kafka client of this stack needs: the protocol and, with SASL, every login."""
        env = {"KAFKA_SECURITY_PROTOCOL": self.kafka_protocol, "KAFKA_SASL_MECHANISM": KAFKA_MECHANISM}
        if not self.kafka_sasl:
            return env
        logins = [KAFKA_ADMIN_USER, *(p.name for p in kafka_principals())]
        for login in logins:
            user_key, password_key = credential_names(login)
            env[user_key] = login
            env[password_key] = self.kafka_password(login)
        return env

    @property
    def pg_superuser(self) -> str:
        return self.cfg.get("POSTGRES_SUPERUSER", "postgres")

    @property
    def pg_password(self) -> str:
        return self.cfg.get("POSTGRES_SUPERUSER_PASSWORD", "postgres-dev")

    @property
    def pg_db(self) -> str:
        return self.cfg.get("POSTGRES_DB", "radiant")

    def db_url(self, login: str, scheme: str = "postgresql+asyncpg") -> str:
        credentials = f"{quote(login, safe='')}:{quote(self.db_password(login), safe='')}"
        return f"{scheme}://{credentials}@{self.host}:{self.port('POSTGRES_PORT')}/{self.pg_db}"

    @property
    def admin_db_url(self) -> str:
        admin = f"{quote(self.pg_superuser, safe='')}:{quote(self.pg_password, safe='')}"
        return f"postgresql://{admin}@{self.host}:{self.port('POSTGRES_PORT')}/{self.pg_db}"

    def computed_env(self) -> dict[str, str]:
        h = self.host
        env = dict(self.cfg)
        env["RADIANT_STATE_DIR"] = str(self.state)
        env["KAFKA_BOOTSTRAP_SERVERS"] = self.kafka_bootstrap
        env["TOPIC_REPLICATION_FACTOR"] = str(self.kafka_replication_factor)
        env.update(self.kafka_env())
        env["REDIS_URL"] = f"redis://{h}:{self.port('REDIS_PORT')}/0"
        for schema in database_schemas():
            env[f"{schema.service.upper()}_DATABASE_URL"] = self.db_url(schema.service)
            if schema.separate_owner:
                env[f"{schema.service.upper()}_MIGRATION_DATABASE_URL"] = self.db_url(schema.owner)
        env["POSTGRES_ADMIN_URL"] = self.admin_db_url
        for svc in SERVICES:
            env[f"{svc.upper()}_PORT"] = str(self.svc_port(svc))
            env[f"{svc.upper()}_URL"] = f"http://{h}:{self.svc_port(svc)}"
        env["STRIPE_API_BASE"] = f"http://{h}:{self.port('STRIPE_MOCK_PORT')}"
        # Lago's API as Prism serves its published document (billing's client adds /api/v1/).
        env["LAGO_API_URL"] = f"http://{h}:{self.port('LAGO_MOCK_PORT')}"
        env["BILLING_LAGO_WEBHOOK_PUBLIC_KEY_FILE"] = str(self.lago_webhook_public_key)
        env["LAGO_WEBHOOK_SIGNING_KEY_FILE"] = str(self.lago_webhook_private_key)
        env["BILLING_LAGO_WEBHOOK_HMAC_KEY"] = self._generated_secret(self.lago_secrets / "webhook-hmac")
        env["SMTP_HOST"] = h
        env["SMTP_PORT"] = str(self.port("SMTP_PORT"))
        env["MAIL_API_URL"] = f"http://{h}:{self.port('MAIL_UI_PORT')}"
        env["IDENTITY_SIGNING_KEY_FILE"] = str(self.signing_key)
        for svc in SERVICES:
            env[f"{svc.upper()}_INTERNAL_KEY_FILE"] = str(self.internal_key(svc))
        env["INTERNAL_TRUST_FILE"] = str(self.internal_trust)
        env["JWT_ISSUER"] = "radiant-identity"
        env["JWT_AUDIENCE"] = "radiant-api"
        for key in list(env):  # values already set in the process environment win
            if key in os.environ:
                env[key] = os.environ[key]
        return env

    def write_env_file(self) -> Path:
        self.env_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.env_file.with_name(f".{self.env_file.name}.{os.getpid()}.tmp")
        tmp.write_text(format_env(self.computed_env()))
        tmp.chmod(0o600)  # it holds every login's password
        tmp.replace(self.env_file)
        return self.env_file
