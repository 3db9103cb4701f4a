"""A small simulated agent runtime, for tests: it plays the real runtime's side of the protocol on
`agent-events` (README, "Agents: the runtime protocol") as the `agent-runtime` Kafka principal.

It reads identity's requests from the moment it starts and answers each one about an agent it was
told to serve: a start request with `starting` then `running` (or `starting` then `failed` with a
reason, for agents in `fail_starts`), a stop request with `stopping` then `stopped`. `report()`
publishes any report a test wants (late, repeated, invalid ones).

    async with simulated_runtime(stack) as runtime:
        runtime.serve(agent_id)                      # or runtime.serve(agent_id, fail_start="no GPU left")
        ...POST /admin/agents/{id}/start...
        await runtime.wait_for_request(agent_id, "start")
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from radiant_contracts import make_event
from radiant_contracts.events.agent import AgentStatusReported
from radiant_contracts.sources import AGENT_RUNTIME
from radiant_contracts.topics import AGENT_EVENTS
from radiant_testing.kafka import _partitions, event_json, kafka_client_kwargs
from radiant_testing.polling import eventually
from radiant_testing.stack import StackEnv

#: The runtime's Kafka principal (radiant_platform.provisioning.KAFKA_PRINCIPALS).
PRINCIPAL = "agent-runtime"
START = "radiant.agent.start_requested.v1"
STOP = "radiant.agent.stop_requested.v1"
DELETED = "radiant.agent.deleted.v1"


@dataclass
class SimulatedRuntime:
    producer: AIOKafkaProducer
    #: Agents this runtime answers for (other tests' agents are left alone), and why each start fails.
    served: dict[str, str | None] = field(default_factory=dict)
    #: Every request seen for a served agent, in order: (event type, CloudEvent JSON).
    requests: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    def serve(self, agent_id: str, *, fail_start: str | None = None) -> None:
        """Answer this agent's requests; with `fail_start`, its starts fail with that reason."""
        self.served[str(agent_id)] = fail_start

    def requests_for(self, agent_id: str, kind: str | None = None) -> list[dict[str, Any]]:
        wanted = {"start": START, "stop": STOP, "deleted": DELETED}.get(kind or "")
        return [
            e for t, e in self.requests if e["data"]["agent_id"] == str(agent_id) and (wanted is None or t == wanted)
        ]

    async def wait_for_request(self, agent_id: str, kind: str, *, count: int = 1) -> list[dict[str, Any]]:
        seen: list[dict[str, Any]] = await eventually(
            lambda: self.requests_for(agent_id, kind),
            until=lambda seen: len(seen) >= count,
            what=f"{count} {kind} request(s) for agent {agent_id}",
        )
        return seen

    async def report(
        self,
        tenant_id: str,
        agent_id: str,
        status: str,
        *,
        reported_at: datetime | None = None,
        request_id: str | None = None,
        configuration_version: int | None = None,
        reason: str | None = None,
        event_id: str | None = None,
    ) -> str:
        """Publish one `agent.status_reported`; returns its event id."""
        payload = AgentStatusReported(
            agent_id=str(agent_id),
            status=status,
            reported_at=reported_at or datetime.now(UTC),
            request_id=request_id,
            configuration_version=configuration_version,
            reason=reason,
        )
        event = make_event(payload, tenant_id=tenant_id, source=AGENT_RUNTIME, event_id=event_id)
        await self.producer.send_and_wait(AGENT_EVENTS, event.to_bytes(), key=event.kafka_key())
        return event.id

    async def publish_raw(self, value: bytes, *, key: bytes) -> None:
        await self.producer.send_and_wait(AGENT_EVENTS, value, key=key)

    async def _answer(self, event_type: str, event: dict[str, Any]) -> None:
        data, tenant_id = event["data"], event["tenantid"]
        agent_id = data["agent_id"]
        if agent_id not in self.served:
            return
        self.requests.append((event_type, event))
        now = datetime.now(UTC)
        common = {"request_id": data.get("request_id")}
        if event_type == START:
            version = data["configuration_version"]
            await self.report(tenant_id, agent_id, "starting", reported_at=now, configuration_version=version, **common)
            failure = self.served[agent_id]
            later = now + timedelta(milliseconds=1)
            if failure is None:
                await self.report(
                    tenant_id, agent_id, "running", reported_at=later, configuration_version=version, **common
                )
            else:
                await self.report(
                    tenant_id,
                    agent_id,
                    "failed",
                    reported_at=later,
                    configuration_version=version,
                    reason=failure,
                    **common,
                )
        elif event_type == STOP:
            await self.report(tenant_id, agent_id, "stopping", reported_at=now, **common)
            await self.report(tenant_id, agent_id, "stopped", reported_at=now + timedelta(milliseconds=1), **common)


async def _run(consumer: AIOKafkaConsumer, runtime: SimulatedRuntime) -> None:
    while True:
        batches = await consumer.getmany(timeout_ms=200)
        for records in batches.values():
            for record in records:
                try:
                    event = event_json(record)
                except ValueError:
                    continue
                if event.get("type") in (START, STOP, DELETED):
                    await runtime._answer(event["type"], event)


@asynccontextmanager
async def simulated_runtime(stack: StackEnv) -> AsyncIterator[SimulatedRuntime]:
    """A runtime reading `agent-events` from now on (no consumer group: it assigns every partition),
    answering as the `agent-runtime` principal."""
    kwargs = kafka_client_kwargs(stack, PRINCIPAL)
    consumer = AIOKafkaConsumer(**kwargs, enable_auto_commit=False, client_id=f"sim-runtime-{uuid.uuid4().hex[:8]}")
    producer = AIOKafkaProducer(**kwargs, acks="all")
    await consumer.start()
    await producer.start()
    task: asyncio.Task[None] | None = None
    try:
        partitions = await _partitions(consumer, AGENT_EVENTS)
        consumer.assign(partitions)
        for tp, offset in (await consumer.end_offsets(partitions)).items():
            consumer.seek(tp, offset)
        runtime = SimulatedRuntime(producer)
        task = asyncio.create_task(_run(consumer, runtime))
        yield runtime
    finally:
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await producer.stop()
        await consumer.stop()
