"""Approval decisions for tests of the services that execute them.

An executor carries out `approval.approved` only after confirming it with the approval service's
record (`radiant_platform.approvals.execute_approval`). A test about an executor's own rules (a role
change re-checked at execution, a billing change applied) therefore needs the decision to exist in
the approval service as well as on Kafka: `publish_decision` writes the record, as the approval
service holds it after two people approved, then publishes the event as the approval service does.
A test that leaves the record out (or gives it another status) shows what a forged decision gets.
"""

from __future__ import annotations

import json
import uuid

from aiokafka import AIOKafkaProducer

from radiant_contracts import make_event
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.sources import APPROVAL
from radiant_testing.databases import service_db
from radiant_testing.stack import StackEnv


async def record_decision(
    stack: StackEnv, tenant_id: str, approved: ApprovalApproved, *, status: str = "approved"
) -> ApprovalApproved:
    """Store in the approval service's records the request `approved` stands for, with `status`.
    The record needs a resource id: the approval's own id when the decision names none. Returns the
    decision as the approval service would publish it (with that resource id)."""
    decision = approved.model_copy(update={"resource_id": approved.resource_id or approved.approval_id})
    async with service_db(stack, "approval") as db:
        await db.execute(
            "INSERT INTO approval_requests (id, tenant_id, type, environment, requested_by, expires_at, status, "
            "action, resource_type, resource_id, details, decided_by, decided_at) "
            "VALUES ($1, $2, $3, $4, $5, now() + interval '1 day', $6, $7, $8, $9, $10::jsonb, $11, $12)",
            uuid.UUID(decision.approval_id),
            tenant_id,
            decision.approval_type,
            decision.environment,
            decision.requested_by,
            status,
            decision.action,
            decision.resource_type,
            decision.resource_id,
            json.dumps(decision.details),
            decision.decided_by if status != "pending" else None,
            decision.decided_at if status != "pending" else None,
        )
    return decision


async def publish_decision(
    stack: StackEnv, producer: AIOKafkaProducer, tenant_id: str, approved: ApprovalApproved
) -> ApprovalApproved:
    """`record_decision`, then the event on `approval-decisions` from `radiant/approval`."""
    decision = await record_decision(stack, tenant_id, approved)
    await publish_event(producer, tenant_id, decision)
    return decision


async def publish_event(producer: AIOKafkaProducer, tenant_id: str, approved: ApprovalApproved) -> None:
    """Only the event, as the approval service would publish it (no record: a forgery)."""
    event = make_event(approved, tenant_id=tenant_id, source=APPROVAL)
    await producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key(), headers=event.kafka_headers())
