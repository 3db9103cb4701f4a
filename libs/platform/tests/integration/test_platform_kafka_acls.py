"""Kafka is no open control plane (issue 12 #2): against the stack's real broker with SASL, every
client logs in, and each principal writes only its own topics and reads only what it consumes, in
its own consumer groups (radiant_platform.provisioning.KAFKA_PRINCIPALS).

The records written to the live topics are harmless on purpose: valid events of a tenant nobody
else uses (`acl-probe-…`) and answers to approvals that do not exist, so the services that consume
them change nothing that matters; dead-letter topics take any bytes.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import (
    GroupAuthorizationFailedError,
    KafkaConnectionError,
    KafkaError,
    TopicAuthorizationFailedError,
)

from radiant_contracts import make_event, topics
from radiant_contracts.events import (
    AgentDeleted,
    AgentStatusReported,
    ApprovalExecuted,
    ApprovalRejected,
    AuditRecorded,
    BillingSettingsUpdated,
    QuotaThresholdCrossed,
    TenantUpdated,
    UsageRecorded,
)
from radiant_contracts.examples import example_payloads
from radiant_contracts.sources import AGENT_RUNTIME, DEPLOYER, IDENTITY, USAGE_PRODUCER
from radiant_platform.kafka_security import KafkaSecurity
from radiant_platform.provisioning import DLQ_SUFFIX, KAFKA_PRINCIPALS, KafkaPrincipal
from radiant_testing import StackEnv, kafka_client_kwargs, kafka_security, producer_as


@pytest.fixture(autouse=True)
def _sasl_only(stack: StackEnv) -> None:
    if not kafka_security(stack).uses_sasl:
        pytest.skip("the stack's Kafka does not authenticate (KAFKA_SECURITY_PROTOCOL is not SASL_*)")


# --- logging in -----------------------------------------------------------------------------------


async def test_a_client_without_credentials_is_refused(stack: StackEnv) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka, request_timeout_ms=5000)
    with pytest.raises(KafkaConnectionError):
        await producer.start()
    await producer.stop()


async def test_a_wrong_password_is_refused(stack: StackEnv) -> None:
    wrong = kafka_security(stack, "producer-usage").as_user("producer-usage", "not-the-password")
    producer = AIOKafkaProducer(bootstrap_servers=stack.kafka, request_timeout_ms=5000, **wrong.client_kwargs())
    with pytest.raises(KafkaError):
        await producer.start()
    await producer.stop()


# --- the usage producer ---------------------------------------------------------------------------


async def test_the_usage_producer_writes_usage_and_nothing_else(stack: StackEnv) -> None:
    async with producer_as(stack, "producer-usage", enable_idempotence=True, acks="all") as producer:
        await _send(producer, topics.USAGE_EVENTS, _probe(topics.USAGE_EVENTS, USAGE_PRODUCER))
        for forbidden in (topics.APPROVAL_DECISIONS, topics.AUDIT_EVENTS, topics.DEPLOYMENT_RESULTS):
            with pytest.raises(TopicAuthorizationFailedError):
                await _send(producer, forbidden, b"{}")
    await _refused_read(kafka_security(stack, "producer-usage"), stack, topics.USAGE_EVENTS)  # write, not read


async def test_a_deployer_answers_on_its_results_topic_and_cannot_write_a_decision(stack: StackEnv) -> None:
    async with producer_as(stack, "deployer", acks="all") as producer:
        await _send(producer, topics.DEPLOYMENT_RESULTS, _probe(topics.DEPLOYMENT_RESULTS, DEPLOYER))
        with pytest.raises(TopicAuthorizationFailedError):
            await _send(producer, topics.APPROVAL_DECISIONS, b"{}")


# --- every principal ------------------------------------------------------------------------------


@pytest.mark.parametrize("principal", KAFKA_PRINCIPALS, ids=lambda p: p.name)
async def test_each_principal_writes_its_topics_and_no_other(stack: StackEnv, principal: KafkaPrincipal) -> None:
    source = _source_of(principal)
    async with producer_as(stack, principal.name, acks="all") as producer:
        for topic in principal.written:
            await _send(producer, topic, _probe(topic, source))
        others = [t.name for t in topics.all_topics() if t.name not in principal.written]
        for topic in others:
            with pytest.raises(TopicAuthorizationFailedError):
                await _send(producer, topic, b"{}")


@pytest.mark.parametrize("principal", [p for p in KAFKA_PRINCIPALS if p.reads], ids=lambda p: p.name)
async def test_each_principal_reads_what_it_consumes_in_its_own_groups(
    stack: StackEnv, principal: KafkaPrincipal
) -> None:
    security = kafka_security(stack, principal.name)
    for topic in principal.reads:
        await _read(security, stack, topic, group=f"{principal.group_prefix}acl-test-{uuid.uuid4().hex[:8]}")
    with pytest.raises(GroupAuthorizationFailedError):
        await _read(security, stack, principal.reads[0], group=f"someone-else-{uuid.uuid4().hex[:8]}")
    # What it only writes (the topics it publishes, its dead letters) it may not read.
    for topic in [t for t in principal.written if t not in principal.reads]:
        await _refused_read(security, stack, topic)


# --- helpers --------------------------------------------------------------------------------------


def _source_of(principal: KafkaPrincipal) -> str:
    known = {"producer-usage": USAGE_PRODUCER, "deployer": DEPLOYER, "agent-runtime": AGENT_RUNTIME}
    return known.get(principal.name, f"radiant/{principal.name}")


def _probe(topic: str, source: str) -> bytes:
    """A record for `topic` that changes nothing anyone relies on."""
    if topic.endswith(DLQ_SUFFIX):
        return b"acl probe"
    tenant = f"acl-probe-{uuid.uuid4()}"
    approval = {"approval_id": str(uuid.uuid4())}
    payloads: dict[str, Any] = {
        topics.USAGE_EVENTS: _example(UsageRecorded, request_id=str(uuid.uuid4())),
        topics.AUDIT_EVENTS: _example(AuditRecorded),
        topics.TENANT_EVENTS: _example(TenantUpdated, tenant_id=tenant),
        topics.BILLING_EVENTS: _example(BillingSettingsUpdated),
        topics.DEPLOYMENT_RESULTS: _example(ApprovalExecuted, approval_type="deployment", **approval),
        # A threshold of a tenant nobody administers: identity has no one to notify.
        topics.METERING_EVENTS: _example(QuotaThresholdCrossed),
    }
    if topic == topics.AGENT_EVENTS:
        # Identity forgets an agent nobody has; the runtime reports on one identity does not know.
        agent = {"agent_id": str(uuid.uuid4())}
        payloads[topic] = (
            _example(AgentDeleted, **agent) if source == IDENTITY else _example(AgentStatusReported, **agent)
        )
    if topic == topics.APPROVAL_DECISIONS:
        # The approval service decides; the executors answer (an approval nobody filed: ignored).
        model = ApprovalRejected if source == "radiant/approval" else ApprovalExecuted
        payloads[topic] = _example(model, **approval)
    return make_event(payloads[topic], tenant_id=tenant, source=source).to_bytes()


def _example(model: type, **update: Any) -> Any:
    return example_payloads()[model.event_type].model_copy(update=update)


async def _send(producer: AIOKafkaProducer, topic: str, value: bytes) -> None:
    await producer.send_and_wait(topic, value, key=b"acl-probe")


async def _read(security: KafkaSecurity, stack: StackEnv, topic: str, *, group: str | None) -> None:
    """Fetch from the topic's end (nothing old is read) and, in a group, commit the position (an
    offset commit needs READ on both the group and the topic)."""
    consumer = AIOKafkaConsumer(
        **{**kafka_client_kwargs(stack), **security.client_kwargs()},
        group_id=group,
        enable_auto_commit=False,
        request_timeout_ms=10000,
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(_partitions(topic))]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        await consumer.getmany(timeout_ms=500)
        if group is not None:
            await consumer.commit({tp: await consumer.position(tp) for tp in partitions})
    finally:
        await consumer.stop()


async def _refused_read(security: KafkaSecurity, stack: StackEnv, topic: str) -> None:
    """Fetching `topic` fails with an authorization error (the client learns it on its first fetch)."""
    consumer = AIOKafkaConsumer(
        **{**kafka_client_kwargs(stack), **security.client_kwargs()}, enable_auto_commit=False, request_timeout_ms=10000
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in range(_partitions(topic))]
        consumer.assign(partitions)
        await consumer.seek_to_end(*partitions)
        deadline = time.monotonic() + 15
        with pytest.raises(TopicAuthorizationFailedError):
            while time.monotonic() < deadline:
                await consumer.getmany(timeout_ms=500)
    finally:
        await consumer.stop()


def _partitions(topic: str) -> int:
    return next(t.partitions for t in topics.all_topics() if t.name == topic)
