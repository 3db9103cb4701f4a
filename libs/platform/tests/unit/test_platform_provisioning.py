"""The provisioning SQL: one login per schema, an owner apart where the runtime must own nothing,
nobody else getting anything, and nothing that deletes."""

from __future__ import annotations

import re

from radiant_platform.provisioning import (
    SCHEMAS,
    SchemaSpec,
    TopicChanges,
    database_of,
    database_statements,
    dev_password,
    password_from_environment,
    quote_ident,
    quote_literal,
    with_database,
)


def test_identifiers_and_literals_are_quoted() -> None:
    assert quote_ident('we"ird') == '"we""ird"'
    assert quote_literal("it's") == "'it''s'"


def test_every_service_schema_is_provisioned_and_audit_has_a_separate_owner() -> None:
    assert [s.service for s in SCHEMAS] == ["identity", "approval", "metering", "billing", "audit"]
    owners = {s.service: s.owner for s in SCHEMAS}
    assert owners == {
        "identity": "identity",
        "approval": "approval",
        "metering": "metering",
        "billing": "billing",
        "audit": "audit_owner",
    }


def test_nobody_gets_anything_by_default() -> None:
    statements = database_statements("radiant")
    assert statements[:2] == ['REVOKE ALL ON DATABASE "radiant" FROM PUBLIC', "REVOKE ALL ON SCHEMA public FROM PUBLIC"]
    for schema in SCHEMAS:
        assert f'REVOKE ALL ON SCHEMA "{schema.service}" FROM PUBLIC' in statements


def test_each_login_is_created_once_then_kept_in_line() -> None:
    statements = database_statements("radiant", password_of=lambda login: f"secret-{login}")
    for login in ("identity", "audit", "audit_owner"):
        role = f'"{login}"'
        assert f"DO $$ BEGIN CREATE ROLE {role}; EXCEPTION WHEN duplicate_object THEN NULL; END $$" in statements
        assert f"ALTER ROLE {role} LOGIN PASSWORD 'secret-{login}'" in statements
        assert f'GRANT CONNECT ON DATABASE "radiant" TO {role}' in statements


def test_a_login_is_created_before_the_schema_it_owns() -> None:
    statements = database_statements("radiant")
    create_owner = statements.index(
        'DO $$ BEGIN CREATE ROLE "audit_owner"; EXCEPTION WHEN duplicate_object THEN NULL; END $$'
    )
    assert create_owner < statements.index('CREATE SCHEMA IF NOT EXISTS "audit" AUTHORIZATION "audit_owner"')


def test_a_separately_owned_schema_takes_over_what_its_runtime_login_created() -> None:
    statements = database_statements("radiant", schemas=[SchemaSpec("ledger", separate_owner=True)])
    assert statements[-5:] == [
        'CREATE SCHEMA IF NOT EXISTS "ledger" AUTHORIZATION "ledger_owner"',
        'REASSIGN OWNED BY "ledger" TO "ledger_owner"',
        'GRANT USAGE ON SCHEMA "ledger" TO "ledger"',
        'ALTER SCHEMA "ledger" OWNER TO "ledger_owner"',
        'REVOKE ALL ON SCHEMA "ledger" FROM PUBLIC',
    ]
    assert 'ALTER ROLE "ledger_owner" IN DATABASE "radiant" SET search_path = "ledger"' in statements


def test_nothing_is_ever_dropped() -> None:
    assert not [s for s in database_statements("radiant") if re.match(r"\s*(DROP|TRUNCATE|DELETE)\b", s)]


def test_passwords_come_from_the_environment_else_the_dev_ones() -> None:
    password_of = password_from_environment({"AUDIT_OWNER_DB_PASSWORD": "s3cret"})
    assert password_of("audit_owner") == "s3cret"
    assert password_of("identity") == dev_password("identity") == "identity-dev"


def test_the_admin_url_names_the_database() -> None:
    url = "postgresql://postgres:pw@db:5432/radiant"
    assert database_of(url) == "radiant"
    assert with_database(url, "postgres") == "postgresql://postgres:pw@db:5432/postgres"


def test_topic_changes_summarise_what_happened() -> None:
    changes = TopicChanges(created=["a"], grown=["b"], reconfigured=["c"], present=["b", "c"])
    assert changes.summary() == "1 created; 2 already present; grew b; re-applied configs of c"
