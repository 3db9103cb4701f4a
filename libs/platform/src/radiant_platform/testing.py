"""Pytest plugin shared by every test suite: the real stack, tokens, Kafka, databases, the inbox.

Where the dependencies come from (DESIGN.md §6), resolved once per session:
1. the environment, when `KAFKA_BOOTSTRAP_SERVERS`, `POSTGRES_ADMIN_URL` and `REDIS_URL` are set
   (`make test` exports the local stack's `.local/stack.env`; CI against a cluster sets its own);
2. else testcontainers, when a Docker engine answers (infrastructure in containers, provisioned
   with the same SQL and topic registry as docker-compose, services as local processes);
3. else the project's own local stack (`deploy/local/stack.py up`), started if not running.
After that every test uses the same code path: plain URLs in `StackEnv`.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
import pytest_asyncio
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition

ROOT = Path(__file__).resolve().parents[4]
SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")
DB_SERVICES = SERVICES[1:]
REQUIRED = ("KAFKA_BOOTSTRAP_SERVERS", "POSTGRES_ADMIN_URL", "REDIS_URL")


@dataclass(frozen=True)
class StackEnv:
    env: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.env[key]

    @property
    def kafka(self) -> str:
        return self.env["KAFKA_BOOTSTRAP_SERVERS"]

    @property
    def admin_db_url(self) -> str:
        return self.env["POSTGRES_ADMIN_URL"]

    def service_url(self, service: str) -> str:
        return self.env[f"{service.upper()}_URL"]

    def service_db_url(self, service: str) -> str:
        """The service's own login (asyncpg DSN form)."""
        return self.env[f"{service.upper()}_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")


# --- resolving the stack --------------------------------------------------------------------------


def _from_environment() -> dict[str, str] | None:
    return dict(os.environ) if all(os.environ.get(k) for k in REQUIRED) else None


def _docker_answers() -> bool:
    try:
        import docker

        docker.from_env(timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no client: fall through
        return False


def _from_testcontainers() -> dict[str, str]:  # pragma: no cover - needs a Docker engine
    from testcontainers.kafka import KafkaContainer
    from testcontainers.postgres import PostgresContainer
    from testcontainers.redis import RedisContainer

    pg = PostgresContainer("postgres:16", username="postgres", password="postgres-dev", dbname="radiant").start()
    redis = RedisContainer("redis:7").start()
    kafka = KafkaContainer("apache/kafka:4.1.1").with_kraft().start()
    host, port = pg.get_container_host_ip(), pg.get_exposed_port(5432)
    admin = f"postgresql://postgres:postgres-dev@{host}:{port}/radiant"
    sql = (ROOT / "deploy/docker/postgres-init/01-schemas.sql").read_text()
    subprocess.run(["psql", admin, "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True)
    env = dict(os.environ)
    env.update({
        "KAFKA_BOOTSTRAP_SERVERS": kafka.get_bootstrap_server(),
        "REDIS_URL": f"redis://{redis.get_container_host_ip()}:{redis.get_exposed_port(6379)}/0",
        "POSTGRES_ADMIN_URL": admin,
    })
    for svc in DB_SERVICES:
        env[f"{svc.upper()}_DATABASE_URL"] = f"postgresql+asyncpg://{svc}:{svc}-dev@{host}:{port}/radiant"
    # the audit schema's owner runs its migrations (see 01-schemas.sql)
    env["AUDIT_MIGRATION_DATABASE_URL"] = f"postgresql+asyncpg://audit_owner:audit_owner-dev@{host}:{port}/radiant"
    subprocess.run([sys.executable, str(ROOT / "deploy/docker/create_topics.py")], env=env, check=True)
    # Services run as local processes against the containers, exactly as `stack.py` runs them.
    local = _from_local_stack(start=False)
    for key in ("IDENTITY_SIGNING_KEY_FILE", "JWT_ISSUER", "JWT_AUDIENCE", *[f"{s.upper()}_URL" for s in SERVICES],
                *[f"{s.upper()}_PORT" for s in SERVICES]):
        env.setdefault(key, local[key])
    for svc in SERVICES:
        if svc != "gateway":
            subprocess.run([sys.executable, "-m", f"radiant_{svc}", "migrate"], env=env, check=True)
        subprocess.Popen([sys.executable, "-m", f"radiant_{svc}", "serve"], env=env, start_new_session=True)
    return env


def _from_local_stack(*, start: bool = True) -> dict[str, str]:
    if start:
        subprocess.run([sys.executable, str(ROOT / "deploy/local/stack.py"), "up"], check=True, cwd=ROOT)
    out = subprocess.run([sys.executable, str(ROOT / "deploy/local/stack.py"), "env"], check=True, cwd=ROOT,
                         capture_output=True, text=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line and not line.startswith("#"))


def resolve_stack() -> StackEnv:
    env = _from_environment()
    if env is None:
        env = _from_testcontainers() if _docker_answers() else _from_local_stack()
        os.environ.update(env)  # settings classes built inside tests read the same values
    return StackEnv(env)


def wait_until_ready(stack: StackEnv, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    url = f"{stack.service_url('gateway')}/readyz"
    last = None
    while time.monotonic() < deadline:
        try:
            last = httpx.get(url, timeout=3)
            if last.status_code == 200:
                return
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.5)
    raise RuntimeError(f"platform not ready after {timeout}s: {getattr(last, 'text', last)}")


@pytest.fixture(scope="session")
def stack() -> StackEnv:
    return resolve_stack()


@pytest.fixture(scope="session")
def platform(stack: StackEnv) -> StackEnv:
    """The stack with all six services ready (for integration and e2e tests)."""
    wait_until_ready(stack)
    return stack


# --- tokens ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TokenFactory:
    """Mints access tokens with identity's signing key, for tests that need a caller of a given role."""

    key_file: Path
    issuer: str
    audience: str

    def __call__(self, *, role: str = "super_admin", tenant_id: str | None = None, environment: str = "dev",
                 subject: str | None = None, amr: list[str] | None = None, ttl: timedelta = timedelta(minutes=15),
                 **extra: Any) -> str:
        from radiant_identity.keys import SigningKey

        key = SigningKey.load(self.key_file)
        return key.issue_access_token(
            subject=subject or str(uuid.uuid4()), tenant_id=tenant_id or str(uuid.uuid4()), role=role,
            environment=environment, amr=amr if amr is not None else ["pwd", "otp"], issuer=self.issuer,
            audience=self.audience, ttl=ttl, extra=extra or None,
        )


@pytest.fixture(scope="session")
def make_token(stack: StackEnv) -> TokenFactory:
    return TokenFactory(Path(stack["IDENTITY_SIGNING_KEY_FILE"]), stack["JWT_ISSUER"], stack["JWT_AUDIENCE"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# --- HTTP -----------------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def gateway(platform: StackEnv) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=platform.service_url("gateway"), timeout=30) as client:
        yield client


# --- databases ------------------------------------------------------------------------------------


@pytest_asyncio.fixture
async def admin_db(stack: StackEnv) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(stack.admin_db_url)
    try:
        yield conn
    finally:
        await conn.close()


@asynccontextmanager
async def service_db(stack: StackEnv, service: str) -> AsyncIterator[asyncpg.Connection]:
    conn = await asyncpg.connect(stack.service_db_url(service))
    try:
        yield conn
    finally:
        await conn.close()


# --- Kafka ----------------------------------------------------------------------------------------


class TopicTail:
    """Reads a topic from the moment it was opened; `wait_for` returns the records that match."""

    def __init__(self, consumer: AIOKafkaConsumer) -> None:
        self._consumer = consumer
        self.records: list[ConsumerRecord] = []

    async def wait_for(self, predicate: Callable[[ConsumerRecord], bool], *, count: int = 1,
                       timeout: float = 20.0) -> list[ConsumerRecord]:
        deadline = time.monotonic() + timeout
        while True:
            matched = [r for r in self.records if predicate(r)]
            if len(matched) >= count:
                return matched
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"expected {count} matching records within {timeout}s, saw {len(matched)}")
            batches = await self._consumer.getmany(timeout_ms=int(min(remaining, 0.5) * 1000))
            for records in batches.values():
                self.records.extend(records)

    async def drain(self, seconds: float) -> list[ConsumerRecord]:
        """Everything that arrives within `seconds` (to prove something did *not* happen)."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            for records in (await self._consumer.getmany(timeout_ms=int(left * 1000))).values():
                self.records.extend(records)
        return self.records


@asynccontextmanager
async def tail_topic(stack: StackEnv, topic: str) -> AsyncIterator[TopicTail]:
    consumer = AIOKafkaConsumer(bootstrap_servers=stack.kafka, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or ())]
        if not partitions:
            await consumer._client.force_metadata_update()  # noqa: SLF001 - first use of the topic
            partitions = [TopicPartition(topic, p) for p in (consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        for tp, offset in ends.items():
            consumer.seek(tp, offset)
        yield TopicTail(consumer)
    finally:
        await consumer.stop()


@pytest_asyncio.fixture
async def fresh_topic(stack: StackEnv) -> AsyncIterator[str]:
    """A new 3-partition topic and its DLQ (the broker does not auto-create topics), deleted after."""
    from aiokafka.admin import AIOKafkaAdminClient, NewTopic

    name = f"test-{uuid.uuid4().hex[:10]}"
    admin = AIOKafkaAdminClient(bootstrap_servers=stack.kafka)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, 3, 1), NewTopic(f"{name}.dlq", 1, 1)])
        yield name
        await admin.delete_topics([name, f"{name}.dlq"])
    finally:
        await admin.close()


async def eventually(check: Callable[[], Any], *, timeout: float = 30.0, interval: float = 0.3) -> Any:
    """Await `check()` until it returns something truthy (and return that); fail after `timeout`."""
    deadline = time.monotonic() + timeout
    while True:
        result = await check()
        if result:
            return result
        assert time.monotonic() < deadline, f"condition not reached within {timeout}s"
        await asyncio.sleep(interval)


def event_json(record: ConsumerRecord) -> dict[str, Any]:
    return json.loads(record.value)


@pytest_asyncio.fixture
async def kafka_producer(stack: StackEnv) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka, enable_idempotence=True, acks="all")
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


# --- mail -----------------------------------------------------------------------------------------


class Inbox:
    """The SMTP server's inbox (MailDev REST API locally, Mailpit in compose)."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def messages(self) -> list[dict[str, Any]]:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"{self._base}/email")
            response.raise_for_status()
            return response.json()

    async def wait_for(self, to: str, *, subject_contains: str = "", timeout: float = 20.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in await self.messages():
                recipients = [a.get("address", "").lower() for a in message.get("to", [])]
                if to.lower() in recipients and subject_contains in message.get("subject", ""):
                    return message
            await asyncio.sleep(0.3)
        raise AssertionError(f"no email to {to} (subject containing {subject_contains!r}) within {timeout}s")


@pytest.fixture
def inbox(stack: StackEnv) -> Inbox:
    return Inbox(stack["MAIL_API_URL"])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests under `integration/` or `tests/e2e/` need the running stack: mark them so."""
    for item in items:
        path = str(item.path)
        if "/integration/" in path or "/tests/e2e/" in path:
            item.add_marker(pytest.mark.integration)
