"""docker-compose.yml is a valid Compose file and matches the local stack's conventions.

No Docker and no network: the file is checked against the official Compose Specification JSON
Schema (vendored, see README.md next to this file) and against the names, ports, images and
environment the local stack uses (.env.defaults, DESIGN.md §6).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from radiant_contracts.topics import all_topics
from radiant_platform import provisioning

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"
SCHEMA_FILE = Path(__file__).with_name("compose-spec.schema.json")
ENV_DEFAULTS = ROOT / ".env.defaults"

APP_PORTS = {"gateway": 8000, "identity": 8001, "approval": 8002, "metering": 8003, "billing": 8004, "audit": 8005}
DB_SERVICES = ("identity", "approval", "metering", "billing", "audit")
SCHEMAS = {schema.service: schema for schema in provisioning.SCHEMAS}
INFRA_PORTS = {
    "kafka": {9092},
    "postgres": {5432},
    "redis": {6379},
    "stripe-mock": {12111},
    "mailpit": {1025, 8025},
}
OFFICIAL_IMAGES = {
    "kafka": "apache/kafka:4.1.1",
    "postgres": "postgres:16",
    "redis": "redis:7",
    "stripe-mock": "stripe/stripe-mock:v0.203.0",
    "mailpit": "axllent/mailpit",
}
COMMON_ENV = {
    "RADIANT_ENV": "dev",
    "RADIANT_HOST": "0.0.0.0",
    "OTEL_EXPORTER": "none",
    "KAFKA_BOOTSTRAP_SERVERS": "kafka:9092",
    "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
    "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
    "REDIS_URL": "redis://redis:6379/0",
    "STRIPE_API_BASE": "http://stripe-mock:12111",
    "SMTP_HOST": "mailpit",
    "SMTP_PORT": "1025",
    "MAIL_API_URL": "http://mailpit:8025",
    "JWT_ISSUER": "radiant-identity",
    "JWT_AUDIENCE": "radiant-api",
    **{f"{svc.upper()}_URL": f"http://{svc}:{port}" for svc, port in APP_PORTS.items()},
    **{f"{svc.upper()}_PORT": str(port) for svc, port in APP_PORTS.items()},
}
SIGNING_KEY_PATH = "/run/secrets/jwt-ed25519.pem"

# ${VAR}, ${VAR:-default}, ${VAR-default}: the forms this file uses.
_VARIABLE = re.compile(r"\$\{(?P<name>[A-Za-z_][A-Za-z0-9_]*)(?::?-(?P<default>[^}]*))?\}")


def interpolate(value: Any, env: dict[str, str]) -> Any:
    """Resolve Compose variables as `docker compose` would with only `env` set."""
    if isinstance(value, dict):
        return {k: interpolate(v, env) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env) for v in value]
    if isinstance(value, str):
        escaped = value.replace("$$", "\0")
        resolved = _VARIABLE.sub(lambda m: env.get(m["name"]) or m["default"] or "", escaped)
        assert "${" not in resolved, f"unsupported interpolation in {value!r}"
        return resolved.replace("\0", "$")
    return value


@pytest.fixture(scope="module")
def raw_compose() -> dict[str, Any]:
    return yaml.safe_load(COMPOSE_FILE.read_text())  # anchors and `<<` merge keys resolved


@pytest.fixture(scope="module")
def compose(raw_compose: dict[str, Any]) -> dict[str, Any]:
    """The file as Compose sees it with no overrides in the environment: every default applies."""
    return interpolate(raw_compose, env={})


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return compose["services"]


def env_of(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment", {})
    if isinstance(env, list):
        env = dict(item.split("=", 1) for item in env)
    return {k: str(v) for k, v in env.items()}


def published_ports(service: dict[str, Any]) -> set[int]:
    ports: set[int] = set()
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            ports.add(int(entry["published"]))
        else:  # [host_ip:]published:target[/protocol]
            ports.add(int(str(entry).split("/")[0].split(":")[-2]))
    return ports


def depends_condition(service: dict[str, Any], dependency: str) -> str | None:
    depends = service.get("depends_on", {})
    if isinstance(depends, list):
        return "service_started" if dependency in depends else None
    return depends.get(dependency, {}).get("condition") if dependency in depends else None


# --- the Compose Specification ---------------------------------------------------------------------


def test_vendored_schema_is_the_compose_specification() -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    assert schema["title"] == "Compose Specification"
    jsonschema.validators.validator_for(schema).check_schema(schema)


@pytest.mark.parametrize("variant", ["as written", "interpolated"])
def test_compose_file_is_valid_against_compose_spec_schema(
    variant: str, raw_compose: dict[str, Any], compose: dict[str, Any]
) -> None:
    schema = json.loads(SCHEMA_FILE.read_text())
    validator = jsonschema.validators.validator_for(schema)(schema)
    document = raw_compose if variant == "as written" else compose
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


# --- names, ports, images --------------------------------------------------------------------------


def test_every_app_and_infra_service_is_defined(services: dict[str, Any]) -> None:
    expected = set(APP_PORTS) | set(INFRA_PORTS)
    assert expected <= set(services), f"missing: {sorted(expected - set(services))}"


@pytest.mark.parametrize("name, ports", [*((s, {p}) for s, p in APP_PORTS.items()), *INFRA_PORTS.items()])
def test_published_ports_equal_local_stack_defaults(name: str, ports: set[int], services: dict[str, Any]) -> None:
    assert published_ports(services[name]) == ports


def test_port_variables_default_to_env_defaults(raw_compose: dict[str, Any]) -> None:
    """`${GATEWAY_PORT:-8000}` and friends use the local stack's variable names and defaults."""
    if not ENV_DEFAULTS.exists():
        pytest.skip(".env.defaults not present")
    defaults = dict(
        line.split("=", 1) for line in ENV_DEFAULTS.read_text().splitlines() if "=" in line and not line.startswith("#")
    )
    used = {
        m["name"]: m["default"]
        for service in raw_compose["services"].values()
        for entry in service.get("ports", [])
        for m in _VARIABLE.finditer(str(entry))
        if m["name"].endswith("_PORT")
    }
    assert used, "ports are expected to be overridable with the local stack's *_PORT variables"
    for name, default in used.items():
        assert defaults.get(name) == default, f"{name}: compose default {default}, .env.defaults {defaults.get(name)}"


@pytest.mark.parametrize("name", sorted(OFFICIAL_IMAGES))
def test_infra_uses_official_images(name: str, services: dict[str, Any]) -> None:
    image = services[name]["image"]
    expected = OFFICIAL_IMAGES[name]
    if ":" in expected:
        assert image == expected
    else:  # pinned tag, official repository
        assert image.split(":")[0] == expected and ":" in image and not image.endswith(":latest")


# --- app services -----------------------------------------------------------------------------------


@pytest.mark.parametrize("svc", sorted(APP_PORTS))
def test_app_service_runs_the_shared_image_with_serve(svc: str, services: dict[str, Any]) -> None:
    service = services[svc]
    assert service["command"] == [f"radiant_{svc}", "serve"]
    assert service["build"]["context"] == "."
    assert (ROOT / service["build"]["dockerfile"]) == ROOT / "deploy/docker/Dockerfile"
    images = {services[s]["image"] for s in APP_PORTS}
    assert len(images) == 1, f"app services should share one image: {images}"


@pytest.mark.parametrize("svc", sorted(APP_PORTS))
def test_app_service_has_common_env(svc: str, services: dict[str, Any]) -> None:
    env = env_of(services[svc])
    mismatched = {k: (env.get(k), v) for k, v in COMMON_ENV.items() if env.get(k) != v}
    assert not mismatched, f"(actual, expected): {mismatched}"


@pytest.mark.parametrize("svc", DB_SERVICES)
def test_db_service_gets_only_its_own_database_url(svc: str, services: dict[str, Any]) -> None:
    env = env_of(services[svc])
    assert env[f"{svc.upper()}_DATABASE_URL"] == f"postgresql+asyncpg://{svc}:{svc}-dev@postgres:5432/radiant"
    others = [k for k in env if k.endswith("_DATABASE_URL") and k != f"{svc.upper()}_DATABASE_URL"]
    assert not others, f"{svc} can see other services' credentials: {others}"


@pytest.mark.parametrize("svc", sorted(APP_PORTS))
def test_app_service_has_healthcheck_on_its_healthz(svc: str, services: dict[str, Any]) -> None:
    check = services[svc].get("healthcheck")
    assert check, f"{svc} has no healthcheck"
    test = " ".join(check["test"]) if isinstance(check["test"], list) else check["test"]
    assert f"127.0.0.1:{APP_PORTS[svc]}/healthz" in test
    assert "curl" not in test and "wget" not in test, "python:3.11-slim has neither; use urllib"


@pytest.mark.parametrize("svc", DB_SERVICES)
def test_db_service_waits_for_infra_topics_and_its_migration(svc: str, services: dict[str, Any]) -> None:
    service = services[svc]
    assert depends_condition(service, "postgres") == "service_healthy"
    assert depends_condition(service, "redis") == "service_healthy"
    assert depends_condition(service, "kafka-init") == "service_completed_successfully"
    assert depends_condition(service, f"{svc}-migrate") == "service_completed_successfully"

    migrate = services[f"{svc}-migrate"]
    assert migrate["command"] == [f"radiant_{svc}", "migrate"]
    assert migrate["image"] == service["image"]
    assert migrate.get("restart") == "no"
    # Migrations see the service's settings; a schema whose runtime login owns nothing (audit) adds
    # the owner's login for them, and only them.
    extra = {k: v for k, v in env_of(migrate).items() if k not in env_of(service)}
    assert {k: v for k, v in env_of(migrate).items() if k in env_of(service)} == env_of(service)
    assert set(extra) == ({f"{svc.upper()}_MIGRATION_DATABASE_URL"} if svc == "audit" else set())
    assert depends_condition(migrate, "postgres") == "service_healthy"
    assert depends_condition(migrate, "postgres-init") == "service_completed_successfully"


@pytest.mark.parametrize("svc", DB_SERVICES)
def test_database_urls_use_the_logins_provisioning_creates(svc: str, services: dict[str, Any]) -> None:
    """The compose URLs carry the logins and (dev) passwords `postgres-init` gives each schema."""
    schema = SCHEMAS[svc]
    runtime = env_of(services[svc])[f"{svc.upper()}_DATABASE_URL"]
    assert runtime.startswith(f"postgresql+asyncpg://{svc}:{provisioning.dev_password(svc)}@postgres:5432/")
    migration = env_of(services[f"{svc}-migrate"]).get(f"{svc.upper()}_MIGRATION_DATABASE_URL")
    if schema.separate_owner:
        owner = schema.owner
        assert migration == f"postgresql+asyncpg://{owner}:{provisioning.dev_password(owner)}@postgres:5432/radiant"
    else:
        assert migration is None


def test_gateway_has_no_database_and_no_migration(services: dict[str, Any]) -> None:
    assert "gateway-migrate" not in services
    assert not [k for k in env_of(services["gateway"]) if k.endswith("_DATABASE_URL")]


def init_job_argv(job: dict[str, Any]) -> list[str]:
    """The job's argv in the image, whose ENTRYPOINT is `python -m` (checked below)."""
    return [*job.get("entrypoint", ["python", "-m"]), *job.get("command", [])]


def test_kafka_init_creates_topics_principals_and_acls_as_the_admin(services: dict[str, Any]) -> None:
    init = services["kafka-init"]
    assert init_job_argv(init) == ["python", "-m", "radiant_platform.provisioning", "kafka"]
    assert init["image"] == services["gateway"]["image"]
    assert init.get("restart") == "no"
    assert depends_condition(init, "kafka") == "service_healthy"
    env = env_of(init)
    assert env["KAFKA_BOOTSTRAP_SERVERS"] == "kafka:9092"
    assert (env["KAFKA_SECURITY_PROTOCOL"], env["KAFKA_SASL_MECHANISM"]) == ("SASL_PLAINTEXT", "SCRAM-SHA-512")
    assert env["KAFKA_ADMIN_USERNAME"] == provisioning.KAFKA_ADMIN
    assert env["KAFKA_ADMIN_PASSWORD"] == env_of(services["kafka"])["KAFKA_ADMIN_PASSWORD"]
    # Every principal of the table gets the password its clients use (the services' ones: below).
    for principal in provisioning.KAFKA_PRINCIPALS:
        assert env[f"{principal.credentials_prefix}_KAFKA_PASSWORD"] == provisioning.kafka_dev_password(principal)
    assert [t.name for t in provisioning.registry()] == [t.name for t in all_topics()]


KAFKA_SERVICES = tuple(p.name for p in provisioning.KAFKA_PRINCIPALS if p.service)


def test_every_kafka_principal_of_a_service_is_a_compose_service(services: dict[str, Any]) -> None:
    assert set(KAFKA_SERVICES) == set(DB_SERVICES) and "gateway" not in KAFKA_SERVICES


@pytest.mark.parametrize("svc", KAFKA_SERVICES)
def test_a_service_gets_its_own_kafka_login_and_no_one_elses(svc: str, services: dict[str, Any]) -> None:
    env = env_of(services[svc])
    assert env[f"{svc.upper()}_KAFKA_PASSWORD"] == env_of(services["kafka-init"])[f"{svc.upper()}_KAFKA_PASSWORD"]
    others = [k for k in env if k.endswith("_KAFKA_PASSWORD") and k != f"{svc.upper()}_KAFKA_PASSWORD"]
    assert not others, f"{svc} can see other principals' Kafka credentials: {others}"


def test_the_gateway_has_only_its_own_describe_only_kafka_login(services: dict[str, Any]) -> None:
    logins = [k for k in env_of(services["gateway"]) if "_KAFKA_" in k and k.endswith(("PASSWORD", "USERNAME"))]
    assert logins == ["GATEWAY_KAFKA_PASSWORD"]
    gateway = next(p for p in provisioning.KAFKA_PRINCIPALS if p.name == "gateway")
    assert (gateway.writes, gateway.reads, gateway.describes_everything) == ((), (), True)


def _broker_config(services: dict[str, Any]) -> dict[str, str]:
    """The server.properties the kafka service's start script writes."""
    script = services["kafka"]["entrypoint"][-1]
    body = script.split('cat > "$conf" <<EOF\n', 1)[1].split("\nEOF\n", 1)[0]
    return dict(line.split("=", 1) for line in body.splitlines())


def test_the_broker_authenticates_every_listener_and_refuses_what_no_acl_allows(services: dict[str, Any]) -> None:
    config = _broker_config(services)
    protocols = dict(item.split(":") for item in config["listener.security.protocol.map"].split(","))
    assert protocols == {"INTERNAL": "SASL_PLAINTEXT", "EXTERNAL": "SASL_PLAINTEXT", "CONTROLLER": "SASL_PLAINTEXT"}
    assert {name.split("://")[0] for name in config["listeners"].split(",")} == set(protocols)
    assert config["sasl.enabled.mechanisms"] == "SCRAM-SHA-512"
    assert config["authorizer.class.name"] == "org.apache.kafka.metadata.authorizer.StandardAuthorizer"
    assert config["allow.everyone.if.no.acl.found"] == "false"
    assert config["super.users"] == f"User:{provisioning.KAFKA_ADMIN};User:controller"
    assert config["auto.create.topics.enable"] == "false"
    script = services["kafka"]["entrypoint"][-1]
    assert '--add-scram "SCRAM-SHA-512=[name=admin,password=$KAFKA_ADMIN_PASSWORD]"' in script
    health = " ".join(services["kafka"]["healthcheck"]["test"])
    assert "--command-config /opt/kafka/config/admin.properties" in health


def test_only_identity_holds_the_signing_key(compose: dict[str, Any], services: dict[str, Any]) -> None:
    secret_file = compose["secrets"]["jwt-signing-key"]["file"]
    assert secret_file == "./deploy/docker/secrets/jwt-ed25519.pem"
    ignore = (ROOT / "deploy/docker/secrets/.gitignore").read_text().split()
    assert "*" in ignore, "the key directory must be git-ignored"

    holders = {name for name, s in services.items() if "jwt-signing-key" in _secret_sources(s)}
    assert holders == {"identity", "identity-migrate"}
    assert {"source": "jwt-signing-key", "target": SIGNING_KEY_PATH} in services["identity"]["secrets"]
    assert env_of(services["identity"])["IDENTITY_SIGNING_KEY_FILE"] == SIGNING_KEY_PATH


INTERNAL_CALLERS = ("identity", "approval", "metering", "billing", "gateway", "audit")
INTERNAL_KEY_PATH = "/run/secrets/internal-key.pem"
INTERNAL_TRUST_PATH = "/run/secrets/internal-trust.json"


def _secret_sources(service: dict[str, Any]) -> list[str]:
    return [entry["source"] if isinstance(entry, dict) else entry for entry in service.get("secrets", [])]


@pytest.mark.parametrize("svc", INTERNAL_CALLERS)
def test_each_service_holds_only_its_own_internal_key_and_the_trust_file(
    svc: str, compose: dict[str, Any], services: dict[str, Any]
) -> None:
    """Service-to-service calls are signed with the caller's own key (radiant_platform.service_auth):
    a service that held another's key could call as it."""
    secrets = services[svc]["secrets"]
    assert {"source": f"internal-key-{svc}", "target": INTERNAL_KEY_PATH} in secrets
    assert {"source": "internal-trust", "target": INTERNAL_TRUST_PATH} in secrets
    others = [s for s in _secret_sources(services[svc]) if s.startswith("internal-key-") and s != f"internal-key-{svc}"]
    assert not others, f"{svc} holds other services' keys: {others}"
    env = env_of(services[svc])
    assert env[f"{svc.upper()}_INTERNAL_KEY_FILE"] == INTERNAL_KEY_PATH
    assert env["INTERNAL_TRUST_FILE"] == INTERNAL_TRUST_PATH
    assert compose["secrets"][f"internal-key-{svc}"]["file"] == f"./deploy/docker/secrets/internal/{svc}.pem"
    holders = {name for name, s in services.items() if f"internal-key-{svc}" in _secret_sources(s)}
    assert holders == {svc}, "only the service itself (not even its migration) holds its key"


def test_postgres_init_creates_one_role_and_schema_per_service(services: dict[str, Any]) -> None:
    init = services["postgres-init"]
    assert init_job_argv(init) == ["python", "-m", "radiant_platform.provisioning", "database"]
    assert init["image"] == services["gateway"]["image"]
    assert init.get("restart") == "no"
    assert depends_condition(init, "postgres") == "service_healthy"
    postgres_env = env_of(services["postgres"])
    superuser = f"{postgres_env['POSTGRES_USER']}:{postgres_env['POSTGRES_PASSWORD']}"
    assert env_of(init)["POSTGRES_ADMIN_URL"] == f"postgresql://{superuser}@postgres:5432/{postgres_env['POSTGRES_DB']}"
    # Provisioned once, by the module: no second copy in the image's init scripts to drift from it.
    assert not [m for m in services["postgres"]["volumes"] if "docker-entrypoint-initdb.d" in m]

    assert set(SCHEMAS) == set(DB_SERVICES)
    sql = "\n".join(provisioning.database_statements("radiant"))
    for svc in DB_SERVICES:
        assert f'CREATE SCHEMA IF NOT EXISTS "{svc}" AUTHORIZATION "{SCHEMAS[svc].owner}"' in sql
        assert f'REVOKE ALL ON SCHEMA "{svc}" FROM PUBLIC' in sql
        for login in SCHEMAS[svc].logins:
            assert f'GRANT CONNECT ON DATABASE "radiant" TO "{login}"' in sql
            assert f'ALTER ROLE "{login}" IN DATABASE "radiant" SET search_path = "{svc}"' in sql
    for statement in ('REVOKE ALL ON DATABASE "radiant" FROM PUBLIC', "REVOKE ALL ON SCHEMA public FROM PUBLIC"):
        assert statement in sql


# --- the image --------------------------------------------------------------------------------------


def test_dockerfile_follows_the_build_conventions() -> None:
    dockerfile = (ROOT / "deploy/docker/Dockerfile").read_text()
    assert "python:3.11-slim" in dockerfile
    assert "uv sync --frozen --no-dev --all-packages" in dockerfile
    assert "--mount=type=cache" in dockerfile
    assert re.search(r"^USER (?!root|0\b)", dockerfile, re.MULTILINE), "the runtime must not run as root"
    assert 'ENTRYPOINT ["python", "-m"]' in dockerfile


def test_dockerignore_keeps_secrets_and_local_state_out_of_the_context() -> None:
    ignore = (ROOT / "deploy/docker/Dockerfile.dockerignore").read_text().splitlines()
    patterns = [line.strip() for line in ignore if line.strip() and not line.startswith("#")]
    assert patterns[0] == "*", "allow-list: exclude everything, then re-include what the image needs"
    allowed = {p[1:].rstrip("/") for p in patterns if p.startswith("!")}
    assert allowed == {"pyproject.toml", "uv.lock", "libs", "services", "console"}
    assert "**/.venv" in patterns and "**/.local" in patterns
