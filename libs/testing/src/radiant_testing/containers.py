"""The second way to get a stack: infrastructure in containers when a Docker engine answers.

Kafka, PostgreSQL and Redis run in containers, provisioned by the same module as docker-compose's
init jobs and the local stack (`radiant_platform.provisioning`); the services run as local processes
against them, exactly as the local stack runs them. Which services exist, their ports, database
logins and signing key come from the local stack's own configuration (its `env` command),
re-pointed at the containers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from radiant_testing.stack import StackEnv, from_local_stack, repo_root

POSTGRES_IMAGE = "postgres:16"
REDIS_IMAGE = "redis:7"
KAFKA_IMAGE = "apache/kafka:4.1.1"


def from_testcontainers() -> dict[str, str]:  # pragma: no cover - needs a Docker engine
    local = {**from_local_stack(start=False), **os.environ}  # the process environment wins, as in the stack
    postgres = _start_postgres(local)
    host, port = postgres.get_container_host_ip(), int(postgres.get_exposed_port(5432))
    env = {**local, **_repointed_databases(local, host, port), **_start_kafka_and_redis()}
    _provision(env)
    _run_services(StackEnv(env))
    return env


def _start_postgres(env: dict[str, str]) -> Any:  # pragma: no cover - needs a Docker engine
    from testcontainers.postgres import PostgresContainer

    return PostgresContainer(
        POSTGRES_IMAGE,
        username=env.get("POSTGRES_SUPERUSER", "postgres"),
        password=env.get("POSTGRES_SUPERUSER_PASSWORD", "postgres-dev"),
        dbname=env.get("POSTGRES_DB", "radiant"),
    ).start()


def _start_kafka_and_redis() -> dict[str, str]:  # pragma: no cover - needs a Docker engine
    from testcontainers.kafka import KafkaContainer
    from testcontainers.redis import RedisContainer

    redis = RedisContainer(REDIS_IMAGE).start()
    kafka = KafkaContainer(KAFKA_IMAGE).with_kraft().start()
    return {
        "KAFKA_BOOTSTRAP_SERVERS": kafka.get_bootstrap_server(),
        "REDIS_URL": f"redis://{redis.get_container_host_ip()}:{redis.get_exposed_port(6379)}/0",
    }


def _repointed_databases(env: dict[str, str], host: str, port: int) -> dict[str, str]:
    """Every database URL of the stack's config (admin and each service's logins), same roles and
    passwords, on the container's address."""
    keys = [k for k in env if k == "POSTGRES_ADMIN_URL" or k.endswith("_DATABASE_URL")]
    return {key: repoint(env[key], host, port) for key in keys}


def repoint(url: str, host: str, port: int) -> str:
    """`url` with its host and port replaced, credentials, database and query kept."""
    parts = urlsplit(url)
    credentials = parts.netloc.rpartition("@")[0]
    netloc = f"{credentials}@{host}:{port}" if credentials else f"{host}:{port}"
    return urlunsplit(parts._replace(netloc=netloc))


def _provision(env: dict[str, str]) -> None:  # pragma: no cover - needs a Docker engine
    """Logins, schemas and topics, by the one provisioning module the local stack and docker-compose's
    init jobs use (`radiant_platform.provisioning`)."""
    for what in ("database", "topics"):
        subprocess.run([sys.executable, "-m", "radiant_platform.provisioning", what], env=env, check=True)


def _run_services(stack: StackEnv) -> None:  # pragma: no cover - needs a Docker engine
    """Migrate the services that have a database, then start every service in the background."""
    with_database = set(stack.database_services())
    for name, module in workspace_services(repo_root()).items():
        if name in with_database:
            subprocess.run([sys.executable, "-m", module, "migrate"], env=stack.env, check=True)
        subprocess.Popen([sys.executable, "-m", module, "serve"], env=stack.env, start_new_session=True)


def workspace_services(root: Path) -> dict[str, str]:
    """Each service folder (`services/<name>/`) and the package it runs as (`python -m <package>`)."""
    services = {}
    for folder in sorted(p for p in (root / "services").iterdir() if (p / "pyproject.toml").is_file()):
        packages = [p.name for p in (folder / "src").iterdir() if (p / "__main__.py").is_file()]
        if len(packages) == 1:
            services[folder.name] = packages[0]
    return services
