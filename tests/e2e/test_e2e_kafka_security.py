"""Kafka is no open control plane (issue 12 #2), end to end: identity, the executor of role changes,
believes an `approval.approved` only from the approval service's source and only as the approval
service recorded it; external deployers answer on their own topic and only for their approval types.

Decisions are written to Kafka here as the Kafka admin (whoever managed to write the topic); what
matters is what the services make of them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from radiant_contracts import make_event
from radiant_contracts.dlq import DLQ_HEADER_REASON
from radiant_contracts.events.approval import ApprovalApproved, ApprovalExecuted
from radiant_contracts.sources import DEPLOYER
from radiant_contracts.topics import APPROVAL_DECISIONS, DEPLOYMENT_RESULTS
from radiant_testing import event_json, eventually, producer_as, service_db, tail_topic
from radiant_testing.approvals import publish_event, record_decision
from radiant_testing.onboarding import new_tenant

EXECUTED, FAILED = "radiant.approval.executed.v1", "radiant.approval.execution_failed.v1"


def _role_change(requester: Any, target: Any, new_role: str = "admin") -> ApprovalApproved:
    return ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="user_role_change",
        action="change_role",
        resource_type="administrator",
        resource_id=target.id,
        details={"user_id": target.id, "previous_role": "operator", "new_role": new_role},
        requested_by=requester.id,
        environment="prod",
        decided_by=str(uuid.uuid4()),
        decided_at=datetime.now(UTC),
    )


def _answer_to(approval_id: str):
    def matches(record) -> bool:
        event = event_json(record)
        return event["type"] in (EXECUTED, FAILED) and event["data"]["approval_id"] == approval_id

    return matches


async def _role_of(platform, admin_id: str) -> str:
    async with service_db(platform, "identity") as db:
        return str(await db.fetchval("SELECT role FROM administrators WHERE id = $1::uuid", admin_id))


@pytest.fixture
async def prod_tenant(onboard):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    target = await onboard(tenant, role="operator", environment="prod")
    return tenant, requester, target


async def test_a_forged_approval_is_answered_execution_failed_and_not_applied(platform, kafka_producer, prod_tenant):
    tenant, requester, target = prod_tenant
    forged = _role_change(requester, target)  # no such request in the approval service
    pending = await record_decision(platform, tenant, _role_change(requester, target), status="pending")
    altered = await record_decision(platform, tenant, _role_change(requester, target, new_role="auditor"))
    altered = altered.model_copy(update={"details": {**altered.details, "new_role": "admin"}})  # not what was approved
    async with tail_topic(platform, APPROVAL_DECISIONS) as decisions:
        for decision in (forged, pending, altered):
            await publish_event(kafka_producer, tenant, decision)

        async def reason(decision: ApprovalApproved) -> str:
            [answer] = await decisions.wait_for(_answer_to(decision.approval_id))
            assert event_json(answer)["type"] == FAILED
            return str(event_json(answer)["data"]["reason"])

        assert "is not a request of this tenant in the approval service" in await reason(forged)
        assert "is pending, not approved" in await reason(pending)
        assert "differs from the approval service's record (details)" in await reason(altered)
    assert await _role_of(platform, target.id) == "operator"


async def test_the_decision_the_approval_service_recorded_is_applied(platform, kafka_producer, prod_tenant):
    tenant, requester, target = prod_tenant
    genuine = await record_decision(platform, tenant, _role_change(requester, target))
    async with tail_topic(platform, APPROVAL_DECISIONS) as decisions:
        await publish_event(kafka_producer, tenant, genuine)
        [answer] = await decisions.wait_for(_answer_to(genuine.approval_id))
    assert event_json(answer)["type"] == EXECUTED, event_json(answer)
    assert await _role_of(platform, target.id) == "admin"


async def test_a_decision_from_another_source_is_dead_lettered_with_the_reason(platform, kafka_producer, prod_tenant):
    tenant, requester, target = prod_tenant
    # Recorded and well formed, but claiming to come from metering: no consumer believes it.
    decision = await record_decision(platform, tenant, _role_change(requester, target))
    event = make_event(decision, tenant_id=tenant, source="radiant/metering")
    async with (
        tail_topic(platform, f"{APPROVAL_DECISIONS}.dlq") as dlq,
        tail_topic(platform, APPROVAL_DECISIONS) as decisions,
    ):
        await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
        dead = await dlq.wait_for(lambda r: r.value == event.to_bytes())
        await decisions.drain(2.0)
    reason = dict(dead[0].headers)[DLQ_HEADER_REASON].decode()
    assert "source 'radiant/metering' may not publish radiant.approval.approved.v1" in reason
    assert not [r for r in decisions.records if _answer_to(decision.approval_id)(r)]
    assert await _role_of(platform, target.id) == "operator"


async def test_a_deployer_answers_its_approvals_on_its_own_topic_and_no_others(platform, prod_tenant):
    tenant, requester, target = prod_tenant
    deployment = await record_decision(
        platform,
        tenant,
        ApprovalApproved(
            approval_id=str(uuid.uuid4()),
            approval_type="deployment",
            action="deploy",
            resource_type="release",
            resource_id="r-42",
            details={"version": "1.4.2"},
            requested_by=requester.id,
            environment="prod",
            decided_by=str(uuid.uuid4()),
            decided_at=datetime.now(UTC),
        ),
    )
    role_change = await record_decision(platform, tenant, _role_change(requester, target))

    def answer(approved: ApprovalApproved) -> bytes:
        executed = ApprovalExecuted(
            approval_id=approved.approval_id,
            approval_type=approved.approval_type,
            executed_by_service="deployer",
            result={"release": "r-42"},
        )
        return make_event(executed, tenant_id=tenant, source=DEPLOYER).to_bytes()

    async with (
        tail_topic(platform, f"{DEPLOYMENT_RESULTS}.dlq") as dlq,
        producer_as(platform, "deployer", acks="all") as deployer,
    ):
        for approved in (deployment, role_change):
            await deployer.send_and_wait(DEPLOYMENT_RESULTS, answer(approved), key=approved.approval_id.encode())
        [dead] = await dlq.wait_for(lambda r: _same_approval(r, role_change))

    async def execution_of(approval_id: str) -> str | None:
        async with service_db(platform, "approval") as db:
            return await db.fetchval("SELECT execution_status FROM approval_requests WHERE id = $1::uuid", approval_id)

    assert await eventually(lambda: execution_of(deployment.approval_id), until=lambda s: s == "executed")
    reason = dict(dead.headers)[DLQ_HEADER_REASON].decode()
    assert "deployers answer deployment and promotion approvals only, not user_role_change" in reason
    assert await execution_of(role_change.approval_id) is None


def _same_approval(record, approved: ApprovalApproved) -> bool:
    try:
        return bool(event_json(record)["data"]["approval_id"] == approved.approval_id)
    except (ValueError, KeyError):
        return False
