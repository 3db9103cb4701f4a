"""The stack's settings: .env.defaults < .env < process environment, and the environment it computes
for the services and the tests (`.local/stack.env`)."""

from __future__ import annotations

import os
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
        self.env_file = self.state / "stack.env"

    def port(self, key: str) -> int:
        return int(self.cfg[key])

    def svc_port(self, svc: str) -> int:
        return self.port(f"{svc.upper()}_PORT")

    def db_password(self, login: str) -> str:
        key = f"{login.upper()}_DB_PASSWORD"
        return os.environ.get(key) or self.cfg.get(key) or f"{login}-dev"

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
        env["KAFKA_BOOTSTRAP_SERVERS"] = f"{h}:{self.port('KAFKA_PORT')}"
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
        env["SMTP_HOST"] = h
        env["SMTP_PORT"] = str(self.port("SMTP_PORT"))
        env["MAIL_API_URL"] = f"http://{h}:{self.port('MAIL_UI_PORT')}"
        env["IDENTITY_SIGNING_KEY_FILE"] = str(self.signing_key)
        env["JWT_ISSUER"] = "radiant-identity"
        env["JWT_AUDIENCE"] = "radiant-api"
        for key in list(env):  # values already set in the process environment win
            if key in os.environ:
                env[key] = os.environ[key]
        return env

    def write_env_file(self) -> Path:
        self.env_file.parent.mkdir(parents=True, exist_ok=True)
        self.env_file.write_text(format_env(self.computed_env()))
        return self.env_file
