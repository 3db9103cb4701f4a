"""`/api/v2/admin/agents`: the tenant's AI agents (seed 004 §2.1). Reading them is `admin:read`,
changing them `admin:write`, starting and stopping them `deployments:write`. Parse, call the
service, shape the answer; the edge commits."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Response

from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.openapi import input_rules
from radiant_platform.pagination import PageParams
from radiant_platform.quotas import QUOTA_RESPONSES

from ..deps import Deps
from . import service
from .models import Agent, AgentUser, AgentVersion
from .repository import AgentSort
from .schemas import (
    MAX_TOOL_CONFIG_BYTES,
    AddAgentUser,
    AgentConfigurationIn,
    AgentConfigurationOut,
    AgentEnvelope,
    AgentList,
    AgentOut,
    AgentStatus,
    AgentUserEnvelope,
    AgentUserList,
    AgentUserOut,
    AgentVersionList,
    AgentVersionOut,
    DesiredState,
    PendingApprovalOut,
    StateChangeOut,
    UserRef,
    Visibility,
)

router = APIRouter(prefix="/api/v2/admin/agents", tags=["agents"])

Reader = Annotated[RequestContext, require("admin:read")]
Writer = Annotated[RequestContext, require("admin:write")]
Deployer = Annotated[RequestContext, require("deployments:write")]

Responses = dict[int | str, dict[str, Any]]
_NOT_FOUND: Responses = {404: {"description": "No such agent in this tenant"}}
#: What the configuration's schema cannot state (the fuzzer and clients read them as x-input-rules).
CONFIGURATION_RULES = input_rules(
    ("modelId", "an active model of the registry, and one the tenant's settings allow for agents (if they name any)"),
    ("tools", "each tool named at most once"),
    ("tools.*", f"a tool's config is at most {MAX_TOOL_CONFIG_BYTES} bytes of JSON"),
)
_MODEL: Responses = {
    422: {"description": "Invalid configuration, or its model is not an active model of the registry"},
    503: {"description": "The model registry cannot be checked just now (Retry-After)"},
}


def agent_out(agent: Agent) -> AgentOut:
    return AgentOut(
        **AgentConfigurationOut.model_validate(agent.configuration).model_dump(),
        id=agent.id,
        version=agent.current_version,
        desired_state=agent.desired_state,
        status=agent.status,
        status_reason=agent.status_reason,
        status_reported_at=agent.status_reported_at,
        running_version=agent.running_version,
        pending_approval_id=agent.pending_approval_id,
        created_by=UserRef(id=agent.created_by, name=agent.created_by_name),
        created_at=agent.created_at,
        updated_at=agent.updated_at,
    )


def _version_out(version: AgentVersion) -> AgentVersionOut:
    return AgentVersionOut(
        version=version.version,
        configuration=AgentConfigurationOut.model_validate(version.configuration),
        changes=version.changes,
        created_by=UserRef(id=version.created_by, name=version.created_by_name),
        created_at=version.created_at,
    )


def _user_out(row: AgentUser, member: Any) -> AgentUserOut:
    return AgentUserOut(
        id=member.id,
        email=member.email,
        display_name=member.display_name,
        role=member.role,
        status=member.status,
        granted_by=row.granted_by,
        granted_at=row.granted_at,
    )


@router.get("", response_model=AgentList, summary="List the tenant's agents")
async def list_agents(
    session: DbSession,
    ctx: Reader,
    page: PageParams,
    status: AgentStatus | None = None,
    desired_state: Annotated[DesiredState | None, Query(alias="desiredState")] = None,
    model_id: Annotated[str | None, Query(alias="modelId", min_length=1, max_length=255)] = None,
    visibility: Visibility | None = None,
    q: Annotated[str | None, Query(max_length=255, description="Name contains (any case)")] = None,
    sort: AgentSort = "-createdAt",
) -> AgentList:
    rows = await service.list_agents(
        session,
        ctx,
        page,
        status=status,
        desired_state=desired_state,
        model_id=model_id,
        visibility=visibility,
        search=q,
        sort=sort,
    )
    items, pagination = page.cut(rows)
    return AgentList(agents=[agent_out(a) for a in items], pagination=pagination)


@router.post(
    "",
    status_code=201,
    response_model=AgentEnvelope,
    summary="Create an agent (configuration version 1, stopped)",
    openapi_extra=CONFIGURATION_RULES,
    responses={**_MODEL, **QUOTA_RESPONSES, 409: {"description": "Another agent of the tenant has this name"}},
)
async def create_agent(body: AgentConfigurationIn, session: DbSession, deps: Deps, ctx: Writer) -> AgentEnvelope:
    return AgentEnvelope(agent=agent_out(await service.create_agent(session, deps, ctx, body)))


@router.get(
    "/{agent_id}", response_model=AgentEnvelope, summary="An agent's configuration and state", responses=_NOT_FOUND
)
async def get_agent(agent_id: uuid.UUID, session: DbSession, ctx: Reader) -> AgentEnvelope:
    return AgentEnvelope(agent=agent_out(await service.get_agent(session, ctx, agent_id)))


@router.put(
    "/{agent_id}",
    response_model=AgentEnvelope,
    summary="Replace an agent's configuration (a new version when anything changed)",
    openapi_extra=CONFIGURATION_RULES,
    responses={**_NOT_FOUND, **_MODEL, 409: {"description": "Another agent of the tenant has this name"}},
)
async def configure_agent(
    agent_id: uuid.UUID, body: AgentConfigurationIn, session: DbSession, deps: Deps, ctx: Writer
) -> AgentEnvelope:
    return AgentEnvelope(agent=agent_out(await service.configure_agent(session, deps, ctx, agent_id, body)))


@router.delete(
    "/{agent_id}",
    response_model=AgentEnvelope,
    summary="Delete an agent (a running one is stopped first)",
    responses=_NOT_FOUND,
)
async def delete_agent(agent_id: uuid.UUID, session: DbSession, ctx: Writer) -> AgentEnvelope:
    return AgentEnvelope(agent=agent_out(await service.delete_agent(session, ctx, agent_id)))


@router.get(
    "/{agent_id}/versions",
    response_model=AgentVersionList,
    summary="An agent's configuration versions, newest first, each with what it changed",
    responses=_NOT_FOUND,
)
async def list_versions(agent_id: uuid.UUID, session: DbSession, ctx: Reader, page: PageParams) -> AgentVersionList:
    items, pagination = page.cut(await service.list_versions(session, ctx, agent_id, page))
    return AgentVersionList(versions=[_version_out(v) for v in items], pagination=pagination)


@router.post(
    "/{agent_id}/start",
    status_code=202,
    response_model=StateChangeOut,
    summary="Start an agent: the runtime is asked (in prod, a configuration that has not run waits for approval)",
    responses={
        **_NOT_FOUND,
        409: {"description": "The agent is already starting or running"},
        422: {"description": "The agent's model is no longer an active model of the registry"},
        503: {"description": "The model registry or the approval service cannot be reached (Retry-After)"},
    },
)
async def start_agent(agent_id: uuid.UUID, session: DbSession, deps: Deps, ctx: Deployer) -> StateChangeOut:
    change = await service.start_agent(session, deps, ctx, agent_id)
    if change.pending is not None:
        return StateChangeOut(
            agent=agent_out(change.agent),
            message="The agent starts once another administrator approves this configuration",
            pending_approval=PendingApprovalOut(
                id=change.pending.id, status=change.pending.status, type=change.pending.type
            ),
        )
    return StateChangeOut(agent=agent_out(change.agent), message="The runtime has been asked to start the agent")


@router.post(
    "/{agent_id}/stop",
    status_code=202,
    response_model=StateChangeOut,
    summary="Stop an agent: the runtime is asked (a start waiting for approval is withdrawn)",
    responses={**_NOT_FOUND, 409: {"description": "The agent is already stopped"}},
)
async def stop_agent(agent_id: uuid.UUID, session: DbSession, ctx: Deployer) -> StateChangeOut:
    change = await service.stop_agent(session, ctx, agent_id)
    return StateChangeOut(agent=agent_out(change.agent), message="The runtime has been asked to stop the agent")


@router.get(
    "/{agent_id}/users", response_model=AgentUserList, summary="The members who may use the agent", responses=_NOT_FOUND
)
async def list_users(agent_id: uuid.UUID, session: DbSession, ctx: Reader, page: PageParams) -> AgentUserList:
    items, pagination = page.cut(await service.list_users(session, ctx, agent_id, page))
    return AgentUserList(users=[_user_out(row, member) for row, member in items], pagination=pagination)


@router.post(
    "/{agent_id}/users",
    status_code=201,
    response_model=AgentUserEnvelope,
    summary="Let a member (or administrator) of the tenant use the agent",
    openapi_extra=input_rules(("userId", "an active member or administrator of the caller's tenant")),
    responses={
        **_NOT_FOUND,
        409: {"description": "The member may already use the agent"},
        422: {"description": "No such active member in this tenant"},
    },
)
async def add_user(agent_id: uuid.UUID, body: AddAgentUser, session: DbSession, ctx: Writer) -> AgentUserEnvelope:
    row, member = await service.add_user(session, ctx, agent_id, body.user_id)
    return AgentUserEnvelope(user=_user_out(row, member))


@router.delete(
    "/{agent_id}/users",
    status_code=204,
    response_class=Response,
    summary="Withdraw a member's use of the agent",
    responses={404: {"description": "No such agent in this tenant, or the member is not one of its users"}},
)
async def remove_user(
    agent_id: uuid.UUID,
    session: DbSession,
    ctx: Writer,
    user_id: Annotated[uuid.UUID, Query(alias="userId", description="The member whose use is withdrawn")],
) -> Response:
    await service.remove_user(session, ctx, agent_id, user_id)
    return Response(status_code=204)
