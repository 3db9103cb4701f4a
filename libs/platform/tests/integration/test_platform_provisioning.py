"""Provisioning against the real PostgreSQL and Kafka: idempotent, isolating, never deleting.

Each test provisions its own database, logins and topics (never the platform's), and removes them.
"""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import asyncpg
import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType

from radiant_contracts.topics import TopicSpec
from radiant_platform.provisioning import (
    SchemaSpec,
    dev_password,
    provision_database_at,
    reconcile_topics_at,
    with_database,
)
from radiant_testing import StackEnv, eventually, kafka_client_kwargs, kafka_security

# --- database -------------------------------------------------------------------------------------


@pytest.fixture
async def scratch_database(stack: StackEnv) -> AsyncIterator[tuple[str, str]]:
    """(admin URL of a database that does not exist yet, a prefix for its logins); both dropped after."""
    prefix = f"prov_{uuid.uuid4().hex[:8]}"
    yield with_database(stack.admin_db_url, prefix), prefix
    conn = await asyncpg.connect(stack.admin_db_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{prefix}" WITH (FORCE)')
        for role in await conn.fetch("SELECT rolname FROM pg_roles WHERE rolname LIKE $1", f"{prefix}%"):
            await conn.execute(f'DROP ROLE "{role["rolname"]}"')
    finally:
        await conn.close()


async def _connect_as(admin_url: str, login: str) -> asyncpg.Connection:
    parts = urlsplit(admin_url)
    return await asyncpg.connect(
        parts._replace(netloc=f"{login}:{dev_password(login)}@{parts.hostname}:{parts.port}").geturl()
    )


async def test_database_is_created_and_each_login_reaches_only_its_schema(scratch_database: tuple[str, str]) -> None:
    admin_url, prefix = scratch_database
    ledger, notes = SchemaSpec(f"{prefix}_ledger", separate_owner=True), SchemaSpec(f"{prefix}_notes")
    for _ in range(2):  # the second run finds everything in place
        await provision_database_at(admin_url, schemas=[ledger, notes])

    conn = await _connect_as(admin_url, notes.service)
    try:
        assert await conn.fetchval("SHOW search_path") == notes.service
        await conn.execute("CREATE TABLE memo (id int)")  # it owns its schema
        assert not await conn.fetchval("SELECT has_schema_privilege($1, 'USAGE')", ledger.service)
        assert not await conn.fetchval("SELECT has_schema_privilege('public', 'CREATE')")
    finally:
        await conn.close()

    conn = await _connect_as(admin_url, ledger.service)
    try:
        assert await conn.fetchval("SELECT has_schema_privilege($1, 'USAGE')", ledger.service)
        assert not await conn.fetchval("SELECT has_schema_privilege($1, 'CREATE')", ledger.service)
    finally:
        await conn.close()


async def test_splitting_the_owner_later_moves_what_the_runtime_login_owned(scratch_database: tuple[str, str]) -> None:
    admin_url, prefix = scratch_database
    service = f"{prefix}_ledger"
    await provision_database_at(admin_url, schemas=[SchemaSpec(service)])
    conn = await _connect_as(admin_url, service)
    try:
        await conn.execute("CREATE TABLE entries (id int)")
    finally:
        await conn.close()

    await provision_database_at(admin_url, schemas=[SchemaSpec(service, separate_owner=True)])

    admin = await asyncpg.connect(admin_url)
    try:
        owners = await admin.fetchrow(
            "SELECT n.nspowner::regrole::text AS schema_owner, c.relowner::regrole::text AS table_owner "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relname = 'entries'",
            service,
        )
        public_connect = await admin.fetchval("SELECT has_database_privilege('public', current_database(), 'CONNECT')")
    finally:
        await admin.close()
    assert dict(owners) == {"schema_owner": f"{service}_owner", "table_owner": f"{service}_owner"}
    assert not public_connect


# --- topics ---------------------------------------------------------------------------------------


@pytest.fixture
async def kafka_admin(stack: StackEnv) -> AsyncIterator[AIOKafkaAdminClient]:
    admin = AIOKafkaAdminClient(**kafka_client_kwargs(stack))
    await admin.start()
    try:
        yield admin
    finally:
        await admin.close()


async def _own_configs(admin: AIOKafkaAdminClient, topic: str) -> dict[str, str]:
    [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    [resource] = response.to_object()["resources"]
    return {e["config_names"]: e["config_value"] for e in resource["config_entries"] if e["config_source"] == 1}


async def test_topics_are_created_grown_and_reconfigured_never_deleted(
    stack: StackEnv, kafka_admin: AIOKafkaAdminClient
) -> None:
    base = f"provisioning-test-{uuid.uuid4().hex[:8]}"
    drifted, missing, unlisted = base, f"{base}-new", f"{base}-unlisted"
    # An existing topic with too few partitions, a drifted registry setting and one of its own.
    await kafka_admin.create_topics(
        [
            NewTopic(drifted, 1, 1, topic_configs={"retention.ms": "60000", "max.message.bytes": "200000"}),
            NewTopic(unlisted, 1, 1),
        ]
    )
    registry = [
        TopicSpec(drifted, 3, {"retention.ms": "3600000"}),
        TopicSpec(missing, 2, {"cleanup.policy": "compact"}),
    ]
    try:
        changes = await reconcile_topics_at(stack.kafka, registry, timeout_s=30, security=kafka_security(stack))
        assert (changes.created, changes.grown, changes.reconfigured) == ([missing], [drifted], [drifted])

        async def partitions() -> dict[str, int]:
            return {t["topic"]: len(t["partitions"]) for t in await kafka_admin.describe_topics([drifted, missing])}

        # The broker adds partitions asynchronously: its metadata may show the old count for a moment
        # (a fresh-clone run read 1 of the 3 right after the reconcile returned).
        expected = {drifted: 3, missing: 2}
        await eventually(partitions, until=lambda seen: seen == expected, what=f"partitions {expected}")
        assert await _own_configs(kafka_admin, drifted) == {"retention.ms": "3600000", "max.message.bytes": "200000"}
        assert await _own_configs(kafka_admin, missing) == {"cleanup.policy": "compact"}
        assert unlisted in await kafka_admin.list_topics()

        again = await reconcile_topics_at(stack.kafka, registry, timeout_s=30, security=kafka_security(stack))
        assert (again.created, again.grown, again.reconfigured) == ([], [], [])
        assert again.present == [drifted, missing]
    finally:
        await kafka_admin.delete_topics([drifted, missing, unlisted])
