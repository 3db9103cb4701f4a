"""How Kafka clients authenticate (kafka_security) and what each principal may do (provisioning's
ACL table, DESIGN.md §1-2): pure rules, no broker."""

from __future__ import annotations

import pytest
from faststream.security import SASLScram512
from pydantic import ValidationError
from pydantic_settings import SettingsConfigDict

from radiant_contracts import topics
from radiant_contracts.topics import all_topics
from radiant_platform import provisioning
from radiant_platform.kafka_security import (
    KafkaSecurity,
    KafkaSecurityError,
    credential_names,
    kafka_security_from_env,
    kafka_security_of,
)
from radiant_platform.provisioning import KAFKA_PRINCIPALS, AclBinding
from radiant_platform.settings import ServiceSettings


class BillingLikeSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="BILLING_", extra="ignore")
    service_name: str = "billing"


# --- client settings ------------------------------------------------------------------------------


def test_plaintext_is_the_default_and_carries_no_credentials() -> None:
    security = KafkaSecurity()
    assert security.client_kwargs() == {"security_protocol": "PLAINTEXT"}
    assert security.broker_security() is None


def test_sasl_logs_in_with_scram_sha_512_as_the_principal() -> None:
    security = KafkaSecurity("SASL_PLAINTEXT", "SCRAM-SHA-512", "metering", "s3cret")
    assert security.client_kwargs() == {
        "security_protocol": "SASL_PLAINTEXT",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "metering",
        "sasl_plain_password": "s3cret",
    }
    broker = security.broker_security()
    assert isinstance(broker, SASLScram512) and (broker.username, broker.password) == ("metering", "s3cret")
    assert "s3cret" not in repr(security)


def test_sasl_without_a_password_or_an_unknown_protocol_is_refused() -> None:
    with pytest.raises(KafkaSecurityError, match="username and password"):
        KafkaSecurity("SASL_SSL", username="metering")
    with pytest.raises(KafkaSecurityError, match="KAFKA_SECURITY_PROTOCOL"):
        KafkaSecurity("SASL")


@pytest.mark.parametrize("environment", ["staging", "prod"])
def test_an_unauthenticated_client_is_refused_outside_dev(environment: str) -> None:
    with pytest.raises(KafkaSecurityError, match="authenticate outside dev"):
        KafkaSecurity().require_authentication(environment)
    assert KafkaSecurity("SASL_SSL", username="u", password="p").require_authentication(environment).uses_sasl
    assert not KafkaSecurity().require_authentication("dev").uses_sasl


def test_a_service_is_its_own_principal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
    monkeypatch.setenv("BILLING_KAFKA_PASSWORD", "billing-secret")
    monkeypatch.setenv("METERING_KAFKA_PASSWORD", "not-billing's")
    security = kafka_security_of(BillingLikeSettings())
    assert (security.username, security.password) == ("billing", "billing-secret")
    monkeypatch.setenv("BILLING_KAFKA_USERNAME", "svc-billing")
    assert kafka_security_of(BillingLikeSettings()).username == "svc-billing"


def test_a_development_kafka_password_is_refused_outside_dev(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RADIANT_ENV", "prod")
    monkeypatch.setenv("SERVICE_KEY_PEPPER", "a-real-pepper-for-this-test")
    with pytest.raises(ValidationError, match="kafka_password uses a development secret"):
        BillingLikeSettings(kafka_password="billing-kafka-dev", database_url=None, migration_database_url=None)


def test_tools_read_a_principal_from_the_environment() -> None:
    environ = {
        "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "PRODUCER_USAGE_KAFKA_PASSWORD": "p",
        "KAFKA_ADMIN_USERNAME": "root",
        "KAFKA_ADMIN_PASSWORD": "a",
    }
    producer = kafka_security_from_env("producer-usage", environ, default_username="producer-usage")
    assert (producer.username, producer.password) == ("producer-usage", "p")
    assert credential_names("producer-usage") == ("PRODUCER_USAGE_KAFKA_USERNAME", "PRODUCER_USAGE_KAFKA_PASSWORD")
    assert provisioning.kafka_admin_security(environ).username == "root"
    assert not kafka_security_from_env("identity", {}).uses_sasl


# --- the principals and their ACLs ----------------------------------------------------------------


def _principal(name: str) -> provisioning.KafkaPrincipal:
    return next(p for p in KAFKA_PRINCIPALS if p.name == name)


def test_the_table_names_the_registry_topics_as_the_contracts_spell_them() -> None:
    registry = {t.name for t in all_topics()}
    for principal in KAFKA_PRINCIPALS:
        assert set(principal.written) | set(principal.reads) <= registry, principal.name
    assert provisioning.USAGE_EVENTS == topics.USAGE_EVENTS
    assert provisioning.AUDIT_EVENTS == topics.AUDIT_EVENTS
    assert provisioning.APPROVAL_DECISIONS == topics.APPROVAL_DECISIONS
    assert provisioning.TENANT_EVENTS == topics.TENANT_EVENTS
    assert provisioning.BILLING_EVENTS == topics.BILLING_EVENTS
    assert provisioning.DEPLOYMENT_RESULTS == topics.DEPLOYMENT_RESULTS
    assert provisioning.AGENT_EVENTS == topics.AGENT_EVENTS
    assert provisioning.DLQ_SUFFIX == topics.DLQ_SUFFIX


def test_every_topic_has_a_writer_and_every_consumed_topic_a_reader() -> None:
    written = {t for p in KAFKA_PRINCIPALS for t in p.written}
    read = {t for p in KAFKA_PRINCIPALS for t in p.reads}
    assert {t.name for t in topics.TOPICS} <= written
    assert {t.name for t in topics.TOPICS if t.consumed} <= read


def test_external_producers_write_only_their_own_topic_and_nobody_outside_writes_decisions() -> None:
    usage, deployer = _principal("producer-usage"), _principal("deployer")
    assert (usage.written, usage.reads) == ((topics.USAGE_EVENTS,), ())
    assert deployer.written == (topics.DEPLOYMENT_RESULTS,)
    deciders = {p.name for p in KAFKA_PRINCIPALS if topics.APPROVAL_DECISIONS in p.written}
    assert deciders == {"approval", "identity", "billing", "metering"}  # the approval service and the executors
    auditors = {p.name for p in KAFKA_PRINCIPALS if topics.AUDIT_EVENTS in p.written}
    assert auditors == {"identity", "approval", "metering", "billing"}
    gateway = _principal("gateway")  # reads and writes no topic: it only measures offsets (/saas/health)
    assert (gateway.written, gateway.reads) == ((), ())
    assert gateway.acl_bindings() == {
        AclBinding("TOPIC", "*", "LITERAL", "User:gateway", "DESCRIBE"),
        AclBinding("GROUP", "*", "LITERAL", "User:gateway", "DESCRIBE"),
    }
    assert not any(p.describes_everything for p in KAFKA_PRINCIPALS if p.name != "gateway")


def test_a_service_reads_in_its_own_groups_and_dead_letters_what_it_reads() -> None:
    bindings = _principal("audit").acl_bindings()
    assert bindings == {
        AclBinding("TOPIC", "audit-events", "LITERAL", "User:audit", "READ"),
        AclBinding("TOPIC", "audit-events.dlq", "LITERAL", "User:audit", "WRITE"),
        AclBinding("GROUP", "audit-", "PREFIXED", "User:audit", "READ"),
    }
    assert not [b for b in _principal("producer-usage").acl_bindings() if b.resource_type == "GROUP"]
    assert _principal("deployer").dead_letters == ()  # an external consumer keeps its own dead letters
