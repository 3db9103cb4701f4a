"""The rules of agents: configuration (validated, versioned, audited with its diff), who may use an
agent, the desired state (start/stop requests to the runtime through the outbox), the observed
status (from the runtime's reports only), and the approval a prod start of a new configuration needs.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event
from radiant_contracts.api import PageRequest
from radiant_contracts.approvals import AgentDeployment
from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.agent import (
    AgentConfiguration,
    AgentDeleted,
    AgentStartRequested,
    AgentStatusReported,
    AgentStopRequested,
)
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.audit import Actor
from radiant_platform.approval_requests import FiledApproval
from radiant_platform.approvals import CannotExecute
from radiant_platform.audit import record_audit
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, NotFound, invalid_fields
from radiant_platform.outbox import enqueue_event

from .. import service as identity_service
from ..deps import SERVICE, SOURCE, IdentityDeps
from ..quotas import service as quotas
from ..settings import service as settings_service
from . import repository as repo
from .models import Agent, AgentUser, AgentVersion
from .registry import ModelRegistry
from .repository import AgentSort
from .schemas import AgentConfigurationIn

log = logging.getLogger(__name__)

#: The approval type identity files for a prod start of a new configuration, and executes.
DEPLOYMENT = AgentDeployment.approval_type

#: The statuses in which the runtime may be running the agent (so a delete must stop it first).
LIVE_STATUSES = frozenset({"starting", "running", "stopping"})
#: The Kafka principal whose reports change an agent's status (DESIGN.md §1), as audit names it.
RUNTIME_ACTOR = Actor(type="service", id="agent-runtime", name="Agent runtime")


class ReportRefused(Exception):
    """A status report that must not be applied (it goes to the DLQ with this reason)."""


# --- configuration -------------------------------------------------------------------------------


def configuration_diff(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, Any]:
    """Field → {"from", "to"} for every field whose value differs (all of them when there was none)."""
    before = before or {}
    return {
        name: {"from": before.get(name), "to": value}
        for name, value in after.items()
        if before.get(name) != value or name not in before
    }


async def _check_model(
    session: AsyncSession, models: ModelRegistry, tenant_id: str, model_id: str, field: str = "modelId"
) -> None:
    """The model must be one the tenant's settings allow (when they name any), and in metering's
    registry and active (asked over its internal API)."""
    allowed = await settings_service.allowed_models(session, tenant_id)
    if allowed and model_id not in allowed:
        raise invalid_fields(
            (field, f"model {model_id!r} is not among the models this tenant's settings allow for agents"),
            detail="The tenant's settings do not allow this model",
        )
    model = await models.model(model_id)
    if model is None:
        raise invalid_fields((field, f"no model {model_id!r} in the registry"), detail="Unknown model")
    if model.status != "active":
        raise invalid_fields(
            (field, f"model {model_id!r} is {model.status}, not active"), detail="The model is not active"
        )


def _version(
    agent: Agent, version: int, configuration: dict[str, Any], changes: dict[str, Any], ctx: RequestContext
) -> AgentVersion:
    return AgentVersion(
        agent_id=agent.id,
        version=version,
        tenant_id=agent.tenant_id,
        configuration=configuration,
        changes=changes,
        created_by=ctx.subject,
        created_by_name=ctx.display_name,
    )


async def create_agent(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, body: AgentConfigurationIn
) -> Agent:
    """Create an agent with configuration version 1, stopped. The one way an agent comes to exist
    (a quota on agents is checked here)."""
    await _check_model(session, deps.models, ctx.tenant_id, body.model_id)
    # The plan's agents quota, counted under a per-tenant lock until this transaction ends.
    await quotas.ensure_within_quota(session, ctx.tenant_id, "agents", console_url=deps.settings.console_url)
    configuration = body.to_contract().model_dump(mode="json")
    agent = Agent(
        id=uuid.uuid4(),
        tenant_id=ctx.tenant_id,
        name=body.name,
        model_id=body.model_id,
        visibility=body.visibility,
        configuration=configuration,
        current_version=1,
        desired_state="stopped",
        status="stopped",
        created_by=ctx.subject,
        created_by_name=ctx.display_name,
    )
    changes = configuration_diff(None, configuration)
    try:
        await repo.insert_agent(session, agent, _version(agent, 1, configuration, changes, ctx))
    except repo.DuplicateName:
        raise Conflict(f"An agent is already named {body.name!r}") from None
    await ctx.audit(
        session, "agent.create", "agent", str(agent.id), details={"name": agent.name, "version": 1, "changes": changes}
    )
    await session.refresh(agent)
    return agent


async def list_agents(
    session: AsyncSession,
    ctx: RequestContext,
    page: PageRequest,
    *,
    status: str | None,
    desired_state: str | None,
    model_id: str | None,
    visibility: str | None,
    search: str | None,
    sort: AgentSort,
) -> list[Agent]:
    return list(
        await repo.list_agents(
            session,
            ctx.tenant_id,
            status=status,
            desired_state=desired_state,
            model_id=model_id,
            visibility=visibility,
            search=search,
            sort=sort,
            limit=page.fetch_limit,
            offset=page.offset,
        )
    )


async def get_agent(
    session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID, *, for_update: bool = False
) -> Agent:
    agent = await repo.get_agent(session, ctx.tenant_id, agent_id, for_update=for_update)
    if agent is None:
        raise NotFound("Agent")
    return agent


async def configure_agent(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, agent_id: uuid.UUID, body: AgentConfigurationIn
) -> Agent:
    """Replace the configuration: a new version with what changed, audited as `agent.configure`. A
    PUT that changes nothing adds no version. A running agent keeps its version until restarted."""
    agent = await get_agent(session, ctx, agent_id, for_update=True)
    configuration = body.to_contract().model_dump(mode="json")
    changes = configuration_diff(agent.configuration, configuration)
    if not changes:
        return agent
    if "model_id" in changes:
        await _check_model(session, deps.models, ctx.tenant_id, body.model_id)
    version = agent.current_version + 1
    values = {
        "name": body.name,
        "model_id": body.model_id,
        "visibility": body.visibility,
        "configuration": configuration,
        "current_version": version,
    }
    try:
        updated = await repo.rename_agent(session, agent.id, values)
    except repo.DuplicateName:
        raise Conflict(f"An agent is already named {body.name!r}") from None
    await repo.insert_version(session, _version(updated, version, configuration, changes, ctx))
    await ctx.audit(
        session,
        "agent.configure",
        "agent",
        str(agent.id),
        details={"name": updated.name, "version": version, "previousVersion": version - 1, "changes": changes},
    )
    return updated


async def list_versions(
    session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID, page: PageRequest
) -> list[AgentVersion]:
    await get_agent(session, ctx, agent_id)
    return list(await repo.list_versions(session, ctx.tenant_id, agent_id, limit=page.fetch_limit, offset=page.offset))


# --- desired state -------------------------------------------------------------------------------


def _may_be_running(agent: Agent) -> bool:
    return agent.desired_state == "running" or agent.status in LIVE_STATUSES


def needs_approval(environment: str, agent: Agent) -> bool:
    """In prod, a start whose configuration is not the one that last ran (or that never ran)."""
    return environment == "prod" and agent.running_version != agent.current_version


async def _publish(session: AsyncSession, agent: Agent, payload: Any) -> None:
    await enqueue_event(session, make_event(payload, tenant_id=agent.tenant_id, source=SOURCE))


async def _request_start(
    session: AsyncSession, agent: Agent, *, requested_by: str | None, approval_id: str | None
) -> Agent:
    request_id = str(uuid.uuid4())
    updated = await repo.update_agent(
        session, agent.id, {"desired_state": "running", "last_request_id": request_id, "pending_approval_id": None}
    )
    await _publish(
        session,
        updated,
        AgentStartRequested(
            agent_id=str(agent.id),
            request_id=request_id,
            configuration_version=updated.current_version,
            configuration=AgentConfiguration.model_validate(updated.configuration),
            requested_by=requested_by,
            approval_id=approval_id,
        ),
    )
    return updated


async def _request_stop(session: AsyncSession, agent: Agent, *, requested_by: str | None, deleting: bool) -> Agent:
    request_id = str(uuid.uuid4())
    updated = await repo.update_agent(
        session, agent.id, {"desired_state": "stopped", "last_request_id": request_id, "pending_approval_id": None}
    )
    await _publish(
        session,
        updated,
        AgentStopRequested(
            agent_id=str(agent.id),
            request_id=request_id,
            requested_by=requested_by,
            reason="deleting" if deleting else "requested",
        ),
    )
    return updated


@dataclass(frozen=True, slots=True)
class StateChange:
    agent: Agent
    pending: FiledApproval | None = None


def start_refusal(agent: Agent) -> str | None:
    """Why the agent cannot be started now, or None. Once a start is asked, another waits until the
    runtime reports a failure (a second click must not send a second request); stopping it first
    is the way out of a runtime that never answers."""
    if agent.desired_state != "running" or agent.status == "failed":
        return None
    if agent.status in ("starting", "running"):
        return f"The agent is already {agent.status}"
    return "The agent's start was asked and the runtime has not answered yet; stop it to ask again"


def _refuse_start_if_live(agent: Agent) -> None:
    refusal = start_refusal(agent)
    if refusal is not None:
        raise Conflict(refusal, agentStatus=agent.status, desiredState=agent.desired_state)


async def start_agent(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, agent_id: uuid.UUID
) -> StateChange:
    """Record the wish to run the agent and ask the runtime; in prod, a configuration that has not
    run yet waits for another administrator's approval (`agent_deployment`) instead."""
    agent = await get_agent(session, ctx, agent_id, for_update=True)
    _refuse_start_if_live(agent)
    await _check_model(session, deps.models, ctx.tenant_id, agent.model_id)
    if needs_approval(ctx.environment, agent):
        return StateChange(agent, await _file_deployment(session, deps, ctx, agent))
    updated = await _request_start(session, agent, requested_by=ctx.subject, approval_id=None)
    await ctx.audit(
        session,
        "agent.start",
        "agent",
        str(agent.id),
        details={"name": agent.name, "version": updated.current_version, "requestId": updated.last_request_id},
    )
    return StateChange(updated)


async def _file_deployment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, agent: Agent
) -> FiledApproval:
    change = AgentDeployment(
        agent_id=str(agent.id),
        configuration_version=agent.current_version,
        agent_name=agent.name,
        previous_version=agent.running_version,
    )
    filed = await deps.approvals.file(
        ctx,
        change,
        action="start_agent",
        resource_type="agent",
        resource_id=str(agent.id),
        notes=f"Start agent {agent.name} with configuration version {agent.current_version}",
    )
    await repo.update_agent(session, agent.id, {"pending_approval_id": filed.id})
    await ctx.audit(
        session,
        "agent.start_requested",
        "agent",
        str(agent.id),
        details={"name": agent.name, "version": agent.current_version, "approvalId": filed.id},
    )
    return filed


async def stop_agent(session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID) -> StateChange:
    agent = await get_agent(session, ctx, agent_id, for_update=True)
    if not _may_be_running(agent) and agent.pending_approval_id is None:
        raise Conflict(f"The agent is already {agent.status}", agentStatus=agent.status)
    updated = await _request_stop(session, agent, requested_by=ctx.subject, deleting=False)
    await ctx.audit(
        session,
        "agent.stop",
        "agent",
        str(agent.id),
        details={"name": agent.name, "requestId": updated.last_request_id},
    )
    return StateChange(updated)


async def delete_agent(session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID) -> Agent:
    """Soft delete (its versions stay for the audit trail). A running agent is stopped first: the
    runtime gets the stop request, then `agent.deleted`, in that order (one key, one partition)."""
    agent = await get_agent(session, ctx, agent_id, for_update=True)
    stopped_first = _may_be_running(agent)
    if stopped_first:
        stopping = await _request_stop(session, agent, requested_by=ctx.subject, deleting=True)
        await ctx.audit(
            session,
            "agent.stop",
            "agent",
            str(agent.id),
            details={"name": agent.name, "requestId": stopping.last_request_id, "reason": "deleting"},
        )
    deleted = await repo.set_deleted(session, agent.id, deleted_by=ctx.subject, at=datetime.now(UTC))
    await _publish(session, deleted, AgentDeleted(agent_id=str(agent.id), deleted_by=ctx.subject))
    await ctx.audit(
        session,
        "agent.delete",
        "agent",
        str(agent.id),
        details={"name": agent.name, "version": agent.current_version, "stoppedFirst": stopped_first},
    )
    return deleted


async def retire_tenant_agents(session: AsyncSession, tenant_id: str, *, actor: Actor, by: str) -> int:
    """A deleted tenant's agents: each live one is stopped (if it may be running) and deleted, as
    `DELETE /admin/agents/{id}` does, in the tenant deletion's transaction. Returns how many."""
    agents = await repo.live_agents_for_update(session, tenant_id)
    now = datetime.now(UTC)
    for agent in agents:
        stopped_first = _may_be_running(agent)
        if stopped_first:
            await _request_stop(session, agent, requested_by=by, deleting=True)
        await repo.set_deleted(session, agent.id, deleted_by=by, at=now)
        await _publish(session, agent, AgentDeleted(agent_id=str(agent.id), deleted_by=by))
        await record_audit(
            session,
            service=SERVICE,
            tenant_id=tenant_id,
            actor=actor,
            action="agent.delete",
            resource_type="agent",
            resource_id=str(agent.id),
            details={"name": agent.name, "stoppedFirst": stopped_first, "reason": "tenant deleted"},
        )
    return len(agents)


# --- the approved prod start (identity executes `agent_deployment`) ------------------------------


async def apply_approved_deployment(
    session: AsyncSession, deps: IdentityDeps, tenant_id: str, approved: ApprovalApproved, change: AgentDeployment
) -> dict[str, Any]:
    """Re-check the direct path's rules against the state now, then start the approved version."""
    try:
        agent_id = uuid.UUID(change.agent_id)
    except ValueError:
        raise CannotExecute("the approval does not name an agent (details.agent_id)") from None
    agent = await repo.get_agent(session, tenant_id, agent_id, for_update=True)
    if agent is None:
        raise CannotExecute("the agent no longer exists in this tenant")
    if agent.current_version != change.configuration_version:
        raise CannotExecute(
            f"the agent's configuration is now version {agent.current_version}, not version "
            f"{change.configuration_version} as approved; start it again to ask for approval"
        )
    if agent.pending_approval_id != approved.approval_id:
        raise CannotExecute("this start was superseded: the agent was stopped or started again since it was requested")
    if (refusal := start_refusal(agent)) is not None:
        raise CannotExecute(refusal)
    requester = await identity_service._approval_requester(session, tenant_id, approved)
    identity_service._check_still_holds(requester, "deployments:write")
    await _check_model(session, deps.models, tenant_id, agent.model_id)  # still allowed and active
    updated = await _request_start(session, agent, requested_by=approved.requested_by, approval_id=approved.approval_id)
    result = {
        "agent_id": str(agent.id),
        "configuration_version": updated.current_version,
        "request_id": updated.last_request_id,
    }
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=identity_service._approval_actor(approved),
        action="agent.start",
        resource_type="agent",
        resource_id=str(agent.id),
        environment=approved.environment,
        details={
            **result,
            "name": agent.name,
            "approval_id": approved.approval_id,
            "requested_by": approved.requested_by,
        },
    )
    return result


# --- observed status (the runtime's reports) -----------------------------------------------------


def is_newer(report: AgentStatusReported, agent: Agent) -> bool:
    """A report changes the status only when the runtime observed it after the one shown."""
    return agent.status_reported_at is None or report.reported_at > agent.status_reported_at


async def apply_status_report(session: AsyncSession, event: CloudEvent[AgentStatusReported]) -> bool:
    """Apply one report; True when it changed the agent. Late and repeated reports change nothing;
    a report on an agent identity never had is ignored; one naming another tenant is refused."""
    report = event.data
    try:
        agent_id = uuid.UUID(report.agent_id)
    except ValueError:
        raise ReportRefused(f"agent_id {report.agent_id[:100]!r} is not an agent id") from None
    agent = await repo.get_any_agent_for_update(session, agent_id)
    if agent is None:
        log.info("status report for unknown agent %s ignored", agent_id)
        return False
    if agent.tenant_id != event.tenantid:
        raise ReportRefused(f"agent {agent_id} is not an agent of tenant {event.tenantid[:100]}")
    if not is_newer(report, agent):
        return False
    values: dict[str, Any] = {
        "status": report.status,
        "status_reason": report.reason if report.status == "failed" else None,
        "status_reported_at": report.reported_at,
        "status_request_id": report.request_id,
    }
    if report.status == "running" and report.configuration_version is not None:
        values["running_version"] = report.configuration_version
    previous = agent.status
    await repo.update_agent(session, agent.id, values)
    if agent.deleted_at is None and previous != report.status:
        await record_audit(
            session,
            service=SERVICE,
            tenant_id=agent.tenant_id,
            actor=RUNTIME_ACTOR,
            action="agent.status_change",
            resource_type="agent",
            resource_id=str(agent.id),
            outcome="failure" if report.status == "failed" else "success",
            details={
                "from": previous,
                "to": report.status,
                "reason": report.reason,
                "configurationVersion": report.configuration_version,
                "requestId": report.request_id,
            },
        )
    return True


# --- the agent's users ---------------------------------------------------------------------------


async def list_users(
    session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID, page: PageRequest
) -> list[tuple[AgentUser, Any]]:
    await get_agent(session, ctx, agent_id)
    return await repo.list_users(session, ctx.tenant_id, agent_id, limit=page.fetch_limit, offset=page.offset)


async def add_user(
    session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID, member_id: uuid.UUID
) -> tuple[AgentUser, Any]:
    """Allow a member (or administrator) of the same tenant to use the agent."""
    agent = await get_agent(session, ctx, agent_id, for_update=True)
    member = await repo.tenant_member(session, ctx.tenant_id, member_id)
    if member is None:
        raise invalid_fields(("userId", "no such member in this tenant"), detail="Unknown member")
    if member.status != "active":
        raise invalid_fields(
            ("userId", f"the member is {member.status}, not active"), detail="The member is not active"
        )
    row = AgentUser(agent_id=agent.id, administrator_id=member.id, tenant_id=ctx.tenant_id, granted_by=ctx.subject)
    if not await repo.add_user(session, row):
        raise Conflict("The member may already use this agent")
    await ctx.audit(
        session,
        "agent.user_add",
        "agent",
        str(agent.id),
        details={"name": agent.name, "userId": str(member.id), "email": member.email, "role": member.role},
    )
    found = await repo.get_user(session, ctx.tenant_id, agent.id, member.id)
    assert found is not None  # added just above
    return found


async def remove_user(session: AsyncSession, ctx: RequestContext, agent_id: uuid.UUID, member_id: uuid.UUID) -> None:
    agent = await get_agent(session, ctx, agent_id, for_update=True)
    if not await repo.remove_user(session, ctx.tenant_id, agent.id, member_id):
        raise NotFound("Agent user")
    await ctx.audit(
        session, "agent.user_remove", "agent", str(agent.id), details={"name": agent.name, "userId": str(member_id)}
    )
