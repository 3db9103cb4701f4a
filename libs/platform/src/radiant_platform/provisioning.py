"""Kafka topics, principals and ACLs, and PostgreSQL schemas, provisioned one way everywhere (DESIGN.md §6).

The local stack (`deploy/local/stack up`), docker-compose's init jobs and the testcontainers fixtures
all call this module, so a topic's partitions and config, a Kafka principal's rights, and a schema's
owner, logins and grants, are defined once:

    python -m radiant_platform.provisioning kafka             # topics + SCRAM users + ACLs, as the Kafka admin
    python -m radiant_platform.provisioning topics            # KAFKA_BOOTSTRAP_SERVERS, TOPIC_REPLICATION_FACTOR
    python -m radiant_platform.provisioning database          # POSTGRES_ADMIN_URL, <LOGIN>_DB_PASSWORD
    python -m radiant_platform.provisioning database --print  # the SQL, not applied

All are idempotent. Topics come from `radiant_contracts.topics.all_topics()`: missing ones are
created with their partitions and config, existing ones are grown to the registry's partition count
(Kafka cannot shrink) and get drifted configs re-applied; topics are never deleted. Every principal
of `KAFKA_PRINCIPALS` gets its SCRAM credential (`<PRINCIPAL>_KAFKA_PASSWORD`) and exactly the ACLs
the table grants: an ACL the table no longer grants is deleted, so a right taken away is gone.
Logins, schemas and grants are created or brought back in line (passwords included).

Importing this module needs only the standard library; the Kafka and PostgreSQL clients are imported
where they are used.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    import asyncpg
    from aiokafka.admin import AIOKafkaAdminClient

    from radiant_contracts.topics import TopicSpec

    from .kafka_security import KafkaSecurity

log = logging.getLogger(__name__)

T = TypeVar("T")


# --- the schemas ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchemaSpec:
    """One service's schema in the shared database, reached with the service's own login."""

    service: str  # the schema's name and its runtime login
    # Set where the runtime login must not own its tables: the audit log is append-only, and an owner
    # could grant itself UPDATE back or disable the refusing triggers. `<service>_owner` then owns the
    # schema and runs the migrations (`<SERVICE>_MIGRATION_DATABASE_URL`); the runtime login gets only
    # what those migrations grant it.
    separate_owner: bool = False

    @property
    def owner(self) -> str:
        return f"{self.service}_owner" if self.separate_owner else self.service

    @property
    def logins(self) -> tuple[str, ...]:
        return (self.service, self.owner) if self.separate_owner else (self.service,)


SCHEMAS: tuple[SchemaSpec, ...] = (
    SchemaSpec("identity"),
    SchemaSpec("approval"),
    SchemaSpec("metering"),
    SchemaSpec("billing"),
    SchemaSpec("audit", separate_owner=True),
)

PasswordOf = Callable[[str], str]


def dev_password(login: str) -> str:
    """The development password the repository ships for a login; services refuse it outside dev."""
    return f"{login}-dev"


def password_from_environment(environ: Mapping[str, str] = os.environ) -> PasswordOf:
    """`<LOGIN>_DB_PASSWORD` (e.g. `AUDIT_OWNER_DB_PASSWORD`) when set, else the development one."""
    return lambda login: environ.get(f"{login.upper()}_DB_PASSWORD") or dev_password(login)


# --- database: the statements ---------------------------------------------------------------------


def quote_ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def quote_literal(value: str) -> str:
    # standard_conforming_strings is on (the default since PostgreSQL 9.1): only quotes need doubling.
    return "'" + value.replace("'", "''") + "'"


def database_statements(
    database: str, password_of: PasswordOf = dev_password, schemas: Sequence[SchemaSpec] = SCHEMAS
) -> list[str]:
    """The SQL, run as a superuser connected to `database`, that gives each service a login reaching
    only its own schema (DESIGN.md §1). Idempotent: every statement may run again on a provisioned
    database and brings it back in line."""
    statements = [
        # Nobody gets anything by default: no CONNECT/TEMP on the database, nothing in schema public.
        f"REVOKE ALL ON DATABASE {quote_ident(database)} FROM PUBLIC",
        "REVOKE ALL ON SCHEMA public FROM PUBLIC",
    ]
    for schema in schemas:
        for login in schema.logins:
            statements += _login_statements(database, login, schema.service, password_of(login))
        statements += _schema_statements(schema)
    return statements


def _login_statements(database: str, login: str, schema: str, password: str) -> list[str]:
    role, db = quote_ident(login), quote_ident(database)
    return [
        # CREATE ROLE has no IF NOT EXISTS; a role an earlier (or concurrent) run created is fine.
        f"DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$",
        f"ALTER ROLE {role} LOGIN PASSWORD {quote_literal(password)}",
        f"ALTER ROLE {role} IN DATABASE {db} SET search_path = {quote_ident(schema)}",
        f"GRANT CONNECT ON DATABASE {db} TO {role}",
    ]


def _schema_statements(schema: SchemaSpec) -> list[str]:
    name, owner, runtime = quote_ident(schema.service), quote_ident(schema.owner), quote_ident(schema.service)
    statements = [f"CREATE SCHEMA IF NOT EXISTS {name} AUTHORIZATION {owner}"]
    if schema.separate_owner:
        statements += [
            # A database provisioned before the split holds objects the runtime login created: they move.
            f"REASSIGN OWNED BY {runtime} TO {owner}",
            f"GRANT USAGE ON SCHEMA {name} TO {runtime}",
        ]
    return [*statements, f"ALTER SCHEMA {name} OWNER TO {owner}", f"REVOKE ALL ON SCHEMA {name} FROM PUBLIC"]


# --- database: applying them ----------------------------------------------------------------------


async def provision_database(
    conn: asyncpg.Connection,
    database: str,
    password_of: PasswordOf = dev_password,
    schemas: Sequence[SchemaSpec] = SCHEMAS,
) -> None:
    """Apply `database_statements` in one transaction, through a superuser's connection to `database`."""
    async with conn.transaction():
        for statement in database_statements(database, password_of, schemas):
            await conn.execute(statement)


def database_of(admin_url: str) -> str:
    return unquote(urlsplit(admin_url).path.lstrip("/")) or "postgres"


def with_database(url: str, database: str) -> str:
    return urlsplit(url)._replace(path=f"/{database}").geturl()


async def ensure_database(admin_url: str, *, timeout_s: float = 60) -> bool:
    """Create the database `admin_url` names when it is missing (CREATE DATABASE cannot run inside a
    transaction, nor while connected to the database itself: this goes through `postgres`).
    True when it was created."""
    database = database_of(admin_url)
    conn = await _connect(with_database(admin_url, "postgres"), timeout_s)
    try:
        if await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            return False
        await conn.execute(f"CREATE DATABASE {quote_ident(database)}")
        return True
    finally:
        await conn.close()


async def provision_database_at(
    admin_url: str,
    password_of: PasswordOf = dev_password,
    schemas: Sequence[SchemaSpec] = SCHEMAS,
    *,
    timeout_s: float = 60,
) -> None:
    """The database `admin_url` names (created when missing) provisioned, as the superuser of `admin_url`."""
    database = database_of(admin_url)
    if await ensure_database(admin_url, timeout_s=timeout_s):
        log.info("created database %s", database)
    conn = await _connect(admin_url, timeout_s)
    try:
        await provision_database(conn, database, password_of, schemas)
    finally:
        await conn.close()
    log.info("database %s: logins and schemas %s in place", database, ", ".join(s.service for s in schemas))


async def _connect(url: str, timeout_s: float) -> asyncpg.Connection:
    import asyncpg

    # A server that has just started refuses connections (or answers "starting up") for a moment.
    return await retrying(
        lambda: asyncpg.connect(url, timeout=10),
        f"postgres {urlsplit(url).hostname}",
        timeout_s,
        retry_on=(OSError, asyncpg.CannotConnectNowError, asyncio.TimeoutError),
    )


# --- topics ---------------------------------------------------------------------------------------

TOPIC_ALREADY_EXISTS = 36  # Kafka protocol error code: a concurrent run created it
DYNAMIC_TOPIC_CONFIG = 1  # DescribeConfigs `config_source` of a value set on the topic itself


@dataclass
class TopicChanges:
    created: list[str] = field(default_factory=list)
    grown: list[str] = field(default_factory=list)
    reconfigured: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)  # existed before this run

    def summary(self) -> str:
        parts = [f"{len(self.created)} created", f"{len(self.present)} already present"]
        parts += [f"grew {', '.join(self.grown)}"] if self.grown else []
        parts += [f"re-applied configs of {', '.join(self.reconfigured)}"] if self.reconfigured else []
        return "; ".join(parts)


def registry() -> list[TopicSpec]:
    from radiant_contracts.topics import all_topics

    return all_topics()


async def reconcile_topics(
    admin: AIOKafkaAdminClient, topics: Sequence[TopicSpec] | None = None, *, replication_factor: int = 1
) -> TopicChanges:
    """Bring the cluster's topics in line with `topics` (default: the registry). Never deletes."""
    specs = list(topics) if topics is not None else registry()
    existing = set(await admin.list_topics())
    present = [t for t in specs if t.name in existing]
    return TopicChanges(
        created=await _create_missing(admin, [t for t in specs if t.name not in existing], replication_factor),
        grown=await _grow_partitions(admin, present),
        reconfigured=await _reapply_configs(admin, [t for t in present if t.config]),
        present=[t.name for t in present],
    )


async def _create_missing(admin: AIOKafkaAdminClient, missing: list[TopicSpec], replication_factor: int) -> list[str]:
    from aiokafka.admin import NewTopic

    if not missing:
        return []
    response = await admin.create_topics(
        [NewTopic(t.name, t.partitions, replication_factor, topic_configs=dict(t.config)) for t in missing]
    )
    _raise_for_errors(
        response.to_object()["topic_errors"], "creating topic", name_key="topic", ignore=(TOPIC_ALREADY_EXISTS,)
    )
    return [t.name for t in missing]


async def _grow_partitions(admin: AIOKafkaAdminClient, present: list[TopicSpec]) -> list[str]:
    from aiokafka.admin import NewPartitions

    if not present:
        return []
    counts = {d["topic"]: len(d["partitions"]) for d in await admin.describe_topics([t.name for t in present])}
    grow = {t.name: NewPartitions(total_count=t.partitions) for t in present if counts.get(t.name, 0) < t.partitions}
    if grow:
        await admin.create_partitions(grow)  # raises on a topic error
    return list(grow)


async def _reapply_configs(admin: AIOKafkaAdminClient, configured: list[TopicSpec]) -> list[str]:
    """Re-apply registry configs someone changed. AlterConfigs replaces all of a topic's own settings,
    so the ones the registry does not list are carried over."""
    from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

    if not configured:
        return []
    described = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, t.name) for t in configured])
    current = _topic_own_configs(described)
    drifted = [t for t in configured if any(current.get(t.name, {}).get(k) != v for k, v in t.config.items())]
    if drifted:
        responses = await admin.alter_configs(
            [
                ConfigResource(ConfigResourceType.TOPIC, t.name, configs={**current.get(t.name, {}), **t.config})
                for t in drifted
            ]
        )
        for response in responses:
            _raise_for_errors(response.to_object()["resources"], "altering configs of", name_key="resource_name")
    return [t.name for t in drifted]


def _topic_own_configs(responses: list[Any]) -> dict[str, dict[str, str]]:
    """Per topic, only the values set on the topic itself, so re-applying never pins broker defaults."""
    out: dict[str, dict[str, str]] = {}
    for response in responses:
        for resource in response.to_object()["resources"]:
            out[resource["resource_name"]] = {
                entry["config_names"]: entry["config_value"]
                for entry in resource["config_entries"]
                if _set_on_topic(entry)
            }
    return out


def _set_on_topic(entry: dict[str, Any]) -> bool:
    if "config_source" in entry:  # DescribeConfigs v1+
        return bool(entry["config_source"] == DYNAMIC_TOPIC_CONFIG)
    return not entry["is_default"]


def _raise_for_errors(
    results: list[dict[str, Any]], doing: str, *, name_key: str, ignore: tuple[int, ...] = ()
) -> None:
    from aiokafka.errors import for_code

    for result in results:
        code = result["error_code"]
        if code and code not in ignore:
            raise for_code(code)(f"{doing} {result[name_key]}: {result.get('error_message') or ''}")


async def reconcile_topics_at(
    bootstrap: str,
    topics: Sequence[TopicSpec] | None = None,
    *,
    replication_factor: int = 1,
    timeout_s: float = 120,
    security: KafkaSecurity | None = None,
) -> TopicChanges:
    """`reconcile_topics` against `bootstrap` (as the Kafka admin, `security`), retried until the
    broker answers (a just-started KRaft controller refuses requests for a few seconds) or
    `timeout_s` passes."""

    async def reconcile(admin: AIOKafkaAdminClient) -> TopicChanges:
        return await reconcile_topics(admin, topics, replication_factor=replication_factor)

    return await with_kafka_admin(bootstrap, reconcile, security=security, timeout_s=timeout_s)


async def with_kafka_admin(
    bootstrap: str,
    operation: Callable[[AIOKafkaAdminClient], Awaitable[T]],
    *,
    security: KafkaSecurity | None = None,
    timeout_s: float = 120,
) -> T:
    """`operation(admin)` with an admin client connected as `security` (default: unauthenticated),
    retried until the broker answers or `timeout_s` passes. A refused login is not retried."""
    from aiokafka.admin import AIOKafkaAdminClient
    from aiokafka.errors import KafkaError

    from .kafka_security import KafkaSecurity

    kwargs = (security or KafkaSecurity()).client_kwargs()

    async def attempt() -> T:
        admin = AIOKafkaAdminClient(
            bootstrap_servers=bootstrap, client_id="radiant-provisioning", request_timeout_ms=15000, **kwargs
        )
        try:
            await admin.start()
            return await operation(admin)
        finally:
            await admin.close()

    return await retrying(
        attempt,
        f"kafka {bootstrap}",
        timeout_s,
        retry_on=(KafkaError, OSError, asyncio.TimeoutError),
        give_up_on=_authentication_failures(),
    )


def _authentication_failures() -> tuple[type[BaseException], ...]:
    from aiokafka.errors import (
        ClusterAuthorizationFailedError,
        SaslAuthenticationFailed,
        TopicAuthorizationFailedError,
    )

    return (SaslAuthenticationFailed, ClusterAuthorizationFailedError, TopicAuthorizationFailedError)


# --- Kafka principals and their ACLs -----------------------------------------------------------------

# Topic names as the registry (radiant_contracts.topics) spells them; this module imports no contracts
# when it is loaded (the local stack reads the principals without the workspace's venv). A unit test
# holds the two together.
USAGE_EVENTS = "usage-events"
AUDIT_EVENTS = "audit-events"
APPROVAL_DECISIONS = "approval-decisions"
TENANT_EVENTS = "tenant-events"
BILLING_EVENTS = "billing-events"
DEPLOYMENT_RESULTS = "deployment-results"
AGENT_EVENTS = "agent-events"
METERING_EVENTS = "metering-events"
DLQ_SUFFIX = ".dlq"

#: The super user that provisions topics, users and ACLs (`super.users` on the broker); its
#: credentials are KAFKA_ADMIN_USERNAME / KAFKA_ADMIN_PASSWORD. No service runs as it.
KAFKA_ADMIN = "admin"


@dataclass(frozen=True, order=True)
class AclBinding:
    """One ACL (Kafka's names): allow `principal` to `operation` the resource."""

    resource_type: str  # TOPIC, GROUP
    resource_name: str
    pattern_type: str  # LITERAL, PREFIXED
    principal: str  # User:<name>
    operation: str  # READ, WRITE (each implies DESCRIBE)
    permission: str = "ALLOW"
    host: str = "*"

    def __str__(self) -> str:
        pattern = "*" if self.pattern_type == "PREFIXED" else ""
        return f"{self.principal} {self.operation} {self.resource_type.lower()} {self.resource_name}{pattern}"


@dataclass(frozen=True)
class KafkaPrincipal:
    """One Kafka principal (a SCRAM user) and what the ACLs let it do (DESIGN.md §1, §2): write the
    topics it publishes, read the topics it consumes in its own consumer groups (`<name>-…`)."""

    name: str
    writes: tuple[str, ...] = ()
    reads: tuple[str, ...] = ()
    # A platform service: its outbox relay dead-letters what it cannot apply to `<topic>.dlq`.
    service: bool = True
    # Sees every topic's offsets and every group's committed offsets (DESCRIBE only: it can neither
    # read a record nor write one, nor join or reset a group): the operators' health view measures
    # consumer lag and DLQ depth with it.
    describes_everything: bool = False

    @property
    def credentials_prefix(self) -> str:
        """`IDENTITY` → IDENTITY_KAFKA_USERNAME / IDENTITY_KAFKA_PASSWORD."""
        return self.name.upper().replace("-", "_")

    @property
    def group_prefix(self) -> str:
        return f"{self.name}-"

    @property
    def dead_letters(self) -> tuple[str, ...]:
        return tuple(t + DLQ_SUFFIX for t in self.reads) if self.service else ()

    @property
    def written(self) -> tuple[str, ...]:
        return (*self.writes, *self.dead_letters)

    def acl_bindings(self, username: str | None = None) -> set[AclBinding]:
        principal = f"User:{username or self.name}"
        bindings = {AclBinding("TOPIC", t, "LITERAL", principal, "WRITE") for t in self.written}
        bindings |= {AclBinding("TOPIC", t, "LITERAL", principal, "READ") for t in self.reads}
        if self.reads:
            bindings.add(AclBinding("GROUP", self.group_prefix, "PREFIXED", principal, "READ"))
        if self.describes_everything:
            # `*` with the LITERAL pattern is Kafka's wildcard: every topic and group, present or future.
            bindings.add(AclBinding("TOPIC", "*", "LITERAL", principal, "DESCRIBE"))
            bindings.add(AclBinding("GROUP", "*", "LITERAL", principal, "DESCRIBE"))
        return bindings


#: Every principal and its rights, from DESIGN.md §1 ("publishes", "consumes"): a service also
#: writes `approval-decisions` when it executes approvals (its `approval.executed` answers) and the
#: DLQ of each topic it reads. The gateway only describes (offsets, for the health view).
KAFKA_PRINCIPALS: tuple[KafkaPrincipal, ...] = (
    KafkaPrincipal(
        "identity",
        writes=(AUDIT_EVENTS, TENANT_EVENTS, APPROVAL_DECISIONS, AGENT_EVENTS),
        reads=(APPROVAL_DECISIONS, BILLING_EVENTS, AGENT_EVENTS, METERING_EVENTS),
    ),
    KafkaPrincipal(
        # tenant-events: a deleted tenant's requests are purged after the retention window
        "approval",
        writes=(APPROVAL_DECISIONS, AUDIT_EVENTS),
        reads=(APPROVAL_DECISIONS, DEPLOYMENT_RESULTS, TENANT_EVENTS),
    ),
    KafkaPrincipal(
        "metering",
        writes=(USAGE_EVENTS, AUDIT_EVENTS, APPROVAL_DECISIONS, METERING_EVENTS),
        reads=(USAGE_EVENTS, BILLING_EVENTS, APPROVAL_DECISIONS, TENANT_EVENTS),
    ),
    KafkaPrincipal(
        "billing",
        writes=(BILLING_EVENTS, AUDIT_EVENTS, APPROVAL_DECISIONS),
        # its own billing-events too: a Lago-billed tenant's Lago subscription follows its plan
        reads=(APPROVAL_DECISIONS, TENANT_EVENTS, USAGE_EVENTS, BILLING_EVENTS),
    ),
    KafkaPrincipal("audit", reads=(AUDIT_EVENTS,)),
    # Producers on the AI request path: usage, nothing else, and they read nothing.
    KafkaPrincipal("producer-usage", writes=(USAGE_EVENTS,), service=False),
    # External deployers: they learn of approved deployments and promotions on `approval-decisions`
    # and answer on `deployment-results` only, so no deployer can write a decision.
    KafkaPrincipal("deployer", writes=(DEPLOYMENT_RESULTS,), reads=(APPROVAL_DECISIONS,), service=False),
    # The gateway reads and writes no topic; it measures consumer lag and DLQ depth for /saas/health.
    KafkaPrincipal("gateway", service=False, describes_everything=True),
    # The agent runtime (outside the platform): it reads identity's start/stop/delete requests and
    # answers with `agent.status_reported` on the same topic, keyed by agent id. The runtime consumes
    # every request meant for it, so it could only ever forge requests to itself; identity believes a
    # status report only from `radiant/agent-runtime` (radiant_contracts.sources).
    KafkaPrincipal("agent-runtime", writes=(AGENT_EVENTS,), reads=(AGENT_EVENTS,), service=False),
    # Operators' DLQ tool (`radiant dlq`): reads a DLQ (without a group; its own `dlq-operator-…` ones
    # would do) and replays records to its source topic, as their producer did. Only usage-events' so far:
    # replaying to a topic of decisions or audit would let an operator's login forge them.
    KafkaPrincipal("dlq-operator", writes=(USAGE_EVENTS,), reads=(USAGE_EVENTS + DLQ_SUFFIX,), service=False),
)

KafkaPasswordOf = Callable[[KafkaPrincipal], str]


def kafka_dev_password(principal: KafkaPrincipal) -> str:
    """The development password of a principal (docker-compose's default); refused outside dev."""
    return f"{principal.name}-kafka-dev"


def kafka_password_from_environment(environ: Mapping[str, str] = os.environ) -> KafkaPasswordOf:
    """`<PRINCIPAL>_KAFKA_PASSWORD` (e.g. PRODUCER_USAGE_KAFKA_PASSWORD) when set, else the dev one."""
    return lambda p: environ.get(f"{p.credentials_prefix}_KAFKA_PASSWORD") or kafka_dev_password(p)


def kafka_username_from_environment(environ: Mapping[str, str] = os.environ) -> Callable[[KafkaPrincipal], str]:
    """`<PRINCIPAL>_KAFKA_USERNAME` when set (a managed cluster's own naming), else the principal's name."""
    return lambda p: environ.get(f"{p.credentials_prefix}_KAFKA_USERNAME") or p.name


@dataclass
class PrincipalChanges:
    users: list[str] = field(default_factory=list)  # SCRAM credentials set (created or replaced)
    granted: list[str] = field(default_factory=list)
    revoked: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.users)} SCRAM users set ({', '.join(self.users)}); "
            f"{len(self.granted)} ACLs granted, {len(self.revoked)} revoked"
        )


async def reconcile_principals(
    admin: AIOKafkaAdminClient,
    principals: Sequence[KafkaPrincipal] = KAFKA_PRINCIPALS,
    *,
    password_of: KafkaPasswordOf = kafka_dev_password,
    username_of: Callable[[KafkaPrincipal], str] = lambda p: p.name,
    mechanism: str = "SCRAM-SHA-512",
) -> PrincipalChanges:
    """Give each principal its SCRAM credential (passwords brought back in line every run) and
    exactly the ACLs of the table: missing ones are created, ones the table no longer grants are
    deleted. ACLs of principals not in the table are never touched."""
    from .kafka_admin import create_acls, delete_acls, describe_acls, upsert_scram_credentials

    users = {username_of(p): password_of(p) for p in principals}
    await upsert_scram_credentials(admin, users, mechanism=mechanism)
    changes = PrincipalChanges(users=sorted(users))
    for principal in principals:
        username = username_of(principal)
        wanted = principal.acl_bindings(username)
        present = await describe_acls(admin, f"User:{username}")
        await delete_acls(admin, present - wanted)
        await create_acls(admin, wanted - present)
        changes.granted += [str(b) for b in sorted(wanted - present)]
        changes.revoked += [str(b) for b in sorted(present - wanted)]
    return changes


async def reconcile_kafka_at(
    bootstrap: str,
    *,
    security: KafkaSecurity | None = None,
    replication_factor: int = 1,
    timeout_s: float = 120,
    password_of: KafkaPasswordOf = kafka_dev_password,
    username_of: Callable[[KafkaPrincipal], str] = lambda p: p.name,
) -> tuple[TopicChanges, PrincipalChanges]:
    """Topics, then principals and ACLs, as the Kafka admin (`security`)."""

    async def reconcile(admin: AIOKafkaAdminClient) -> tuple[TopicChanges, PrincipalChanges]:
        topics = await reconcile_topics(admin, replication_factor=replication_factor)
        mechanism = security.mechanism if security is not None and security.uses_sasl else "SCRAM-SHA-512"
        principals = await reconcile_principals(
            admin, password_of=password_of, username_of=username_of, mechanism=mechanism
        )
        return topics, principals

    return await with_kafka_admin(bootstrap, reconcile, security=security, timeout_s=timeout_s)


# --- shared ---------------------------------------------------------------------------------------


async def retrying(
    operation: Callable[[], Awaitable[T]],
    what: str,
    timeout_s: float,
    *,
    retry_on: tuple[type[BaseException], ...],
    interval_s: float = 2.0,
    give_up_on: tuple[type[BaseException], ...] = (),
) -> T:
    """`operation()`, tried again after `retry_on` errors (except `give_up_on`, raised at once: a
    wrong password does not get right by waiting) until `timeout_s` has passed."""
    deadline = time.monotonic() + timeout_s
    attempt = 1
    while True:
        try:
            return await operation()
        except give_up_on:
            raise
        except retry_on as exc:
            if time.monotonic() + interval_s > deadline:
                raise
            log.warning("%s: attempt %d failed (%r); retrying", what, attempt, exc)
            attempt += 1
            await asyncio.sleep(interval_s)


# --- command line (docker-compose's init jobs) ----------------------------------------------------


def kafka_admin_security(environ: Mapping[str, str] = os.environ) -> KafkaSecurity:
    """The Kafka admin's client settings (KAFKA_SECURITY_PROTOCOL, KAFKA_ADMIN_USERNAME / _PASSWORD)."""
    from .kafka_security import ADMIN, kafka_security_from_env

    return kafka_security_from_env(ADMIN, environ, default_username=KAFKA_ADMIN)


def _topics_command(environ: Mapping[str, str]) -> int:
    changes = asyncio.run(
        reconcile_topics_at(
            environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
            replication_factor=int(environ.get("TOPIC_REPLICATION_FACTOR", "1")),
            timeout_s=float(environ.get("KAFKA_INIT_TIMEOUT_S", "120")),
            security=kafka_admin_security(environ),
        )
    )
    log.info("topics: %s (%s)", changes.summary(), ", ".join(t.name for t in registry()))
    return 0


def _kafka_command(environ: Mapping[str, str]) -> int:
    topics, principals = asyncio.run(
        reconcile_kafka_at(
            environ.get("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
            security=kafka_admin_security(environ),
            replication_factor=int(environ.get("TOPIC_REPLICATION_FACTOR", "1")),
            timeout_s=float(environ.get("KAFKA_INIT_TIMEOUT_S", "120")),
            password_of=kafka_password_from_environment(environ),
            username_of=kafka_username_from_environment(environ),
        )
    )
    log.info("topics: %s (%s)", topics.summary(), ", ".join(t.name for t in registry()))
    log.info("principals: %s", principals.summary())
    for line in principals.granted:
        log.info("granted: %s", line)
    for line in principals.revoked:
        log.info("revoked: %s", line)
    return 0


def _database_command(environ: Mapping[str, str], *, print_only: bool) -> int:
    admin_url = environ.get("POSTGRES_ADMIN_URL")
    if print_only:
        database = database_of(admin_url) if admin_url else environ.get("POSTGRES_DB", "radiant")
        print(";\n".join(database_statements(database, password_from_environment(environ))) + ";")
        return 0
    if not admin_url:
        print(
            "POSTGRES_ADMIN_URL is not set (postgresql://<superuser>:<password>@<host>:<port>/<database>)",
            file=sys.stderr,
        )
        return 2
    asyncio.run(
        provision_database_at(
            admin_url, password_from_environment(environ), timeout_s=float(environ.get("POSTGRES_INIT_TIMEOUT_S", "60"))
        )
    )
    return 0


def main(argv: list[str] | None = None, environ: Mapping[str, str] = os.environ) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    parser = argparse.ArgumentParser(
        prog="python -m radiant_platform.provisioning",
        description="Provision Kafka (topics, principals, ACLs) or the database (idempotent).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser(
        "kafka",
        help="topics, then a SCRAM user per principal and exactly the ACLs of KAFKA_PRINCIPALS, as the Kafka "
        "admin (KAFKA_BOOTSTRAP_SERVERS, KAFKA_SECURITY_PROTOCOL, KAFKA_ADMIN_USERNAME/_PASSWORD, "
        "<PRINCIPAL>_KAFKA_PASSWORD, TOPIC_REPLICATION_FACTOR, KAFKA_INIT_TIMEOUT_S)",
    )
    commands.add_parser(
        "topics",
        help="create, grow and re-configure the registry's topics "
        "(KAFKA_BOOTSTRAP_SERVERS, TOPIC_REPLICATION_FACTOR, KAFKA_INIT_TIMEOUT_S)",
    )
    database = commands.add_parser(
        "database",
        help="logins, schemas and grants per service "
        "(POSTGRES_ADMIN_URL, <LOGIN>_DB_PASSWORD, POSTGRES_INIT_TIMEOUT_S)",
    )
    database.add_argument("--print", action="store_true", dest="print_only", help="print the SQL, do not apply it")
    args = parser.parse_args(argv)
    if args.command == "kafka":
        return _kafka_command(environ)
    if args.command == "topics":
        return _topics_command(environ)
    return _database_command(environ, print_only=args.print_only)


if __name__ == "__main__":
    sys.exit(main())
