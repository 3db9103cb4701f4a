"""`/api/v2/saas/tenants`: platform operators only (`saas:` permissions, which no tenant role holds).

Thin: parse, call one service function, shape the answer; the edge commits.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.pagination import PageParams

from ..deps import Deps
from ..schemas import Environment, InvitationSummary
from . import service
from .models import ImpersonationSession
from .repository import TenantSort
from .schemas import (
    AdministratorsOut,
    CreateTenantRequest,
    FiledApprovalOut,
    ImpersonateRequest,
    ImpersonationList,
    ImpersonationOut,
    ImpersonationStarted,
    StatusChangeOut,
    StatusChangeRequest,
    TenantCreatedOut,
    TenantDeletionOut,
    TenantDetail,
    TenantDetailEnvelope,
    TenantEnvelope,
    TenantList,
    TenantOut,
    TenantStatus,
    UpdateTenantRequest,
    impersonation_out,
)

router = APIRouter(tags=["saas: tenants"])
API = "/api/v2/saas/tenants"

Reader = Annotated[RequestContext, require("saas:read")]
Writer = Annotated[RequestContext, require("saas:write")]
Impersonator = Annotated[RequestContext, require("saas:impersonate")]
TenantId = Annotated[str, Path(min_length=1, max_length=100)]

Responses = dict[int | str, dict[str, Any]]
_FORBIDDEN: Responses = {403: {"description": "Not a platform operator, or the operator's role lacks the permission"}}
_NOT_FOUND: Responses = {404: {"description": "No such tenant"}}
_CONFLICT: Responses = {409: {"description": "The tenant's status does not allow this"}}


def _impersonation_out(row: ImpersonationSession) -> ImpersonationOut:
    return impersonation_out(row, datetime.now(UTC))


@router.get(API, response_model=TenantList, summary="List tenants", responses=_FORBIDDEN)
async def list_tenants(
    session: DbSession,
    ctx: Reader,
    page: PageParams,
    status: TenantStatus | None = None,
    environment: Environment | None = None,
    q: Annotated[str | None, Query(max_length=255, description="Name contains (any case), or the exact id")] = None,
    sort: TenantSort = "-createdAt",
) -> TenantList:
    rows = await service.list_tenants(session, page, status=status, environment=environment, search=q, sort=sort)
    items, pagination = page.cut(rows)
    return TenantList(tenants=[TenantOut.model_validate(t) for t in items], pagination=pagination)


@router.post(
    API,
    status_code=201,
    response_model=TenantCreatedOut,
    summary="Create a tenant and invite its first super_admin (publishes tenant.created)",
    responses=_FORBIDDEN,
)
async def create_tenant(body: CreateTenantRequest, session: DbSession, deps: Deps, ctx: Writer) -> TenantCreatedOut:
    tenant, invitation = await service.create_tenant(session, deps, ctx, body)
    return TenantCreatedOut(
        tenant=TenantOut.model_validate(tenant), invitation=InvitationSummary.model_validate(invitation)
    )


@router.get(
    f"{API}/{{tenant_id}}",
    response_model=TenantDetailEnvelope,
    summary="A tenant: its administrators, status history and live impersonations",
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def get_tenant(tenant_id: TenantId, session: DbSession, ctx: Reader) -> TenantDetailEnvelope:
    facts = await service.tenant_facts(session, tenant_id)
    base = TenantOut.model_validate(facts.tenant)
    detail = TenantDetail(
        **dict(base),
        administrators=AdministratorsOut(
            total=sum(facts.administrators_by_role.values()),
            by_role=facts.administrators_by_role,
            pending_invitations=facts.pending_invitations,
            last_login_at=facts.last_login_at,
        ),
        status_history=[StatusChangeOut.model_validate(c) for c in facts.status_history],
        active_impersonations=[_impersonation_out(s) for s in facts.active_impersonations],
    )
    return TenantDetailEnvelope(tenant=detail)


@router.put(
    f"{API}/{{tenant_id}}",
    response_model=TenantEnvelope,
    summary="Update a tenant's name, app or operator-owned settings (publishes tenant.updated)",
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def update_tenant(
    tenant_id: TenantId, body: UpdateTenantRequest, session: DbSession, ctx: Writer
) -> TenantEnvelope:
    return TenantEnvelope(tenant=TenantOut.model_validate(await service.update_tenant(session, ctx, tenant_id, body)))


@router.delete(
    f"{API}/{{tenant_id}}",
    response_model=TenantDeletionOut,
    summary="Delete a tenant: soft at once (as suspended, tenant.deleted), purged after the retention window; "
    "a prod tenant waits for a second operator's approval (202)",
    responses={
        **_FORBIDDEN,
        **_NOT_FOUND,
        202: {
            "model": TenantDeletionOut,
            "description": "A prod tenant: the `tenant_deletion` approval was filed; another operator decides it "
            "at /api/v2/saas/approvals/{id}, and the tenant is deleted when approved",
        },
        409: {
            "description": "The tenant is deleted already, or (prod) its deletion is already waiting for approval "
            "(`approvalId` names the pending request)"
        },
    },
)
async def delete_tenant(
    tenant_id: TenantId, body: StatusChangeRequest, response: Response, session: DbSession, deps: Deps, ctx: Writer
) -> TenantDeletionOut:
    outcome = await service.delete_tenant(session, deps, ctx, tenant_id, body.reason)
    approval = outcome.approval
    if approval is not None:
        response.status_code = 202
    return TenantDeletionOut(
        tenant=TenantOut.model_validate(outcome.tenant),
        deleted=approval is None,
        approval=FiledApprovalOut(id=approval.id, status=approval.status, type=approval.type) if approval else None,
        purge_after=outcome.purge_after,
    )


@router.post(
    f"{API}/{{tenant_id}}/suspend",
    response_model=TenantEnvelope,
    summary="Suspend a tenant: its sessions end at once, its tokens are refused (tenant.suspended)",
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def suspend_tenant(
    tenant_id: TenantId, body: StatusChangeRequest, session: DbSession, deps: Deps, ctx: Writer
) -> TenantEnvelope:
    tenant = await service.suspend_tenant(session, deps, ctx, tenant_id, body.reason)
    return TenantEnvelope(tenant=TenantOut.model_validate(tenant))


@router.post(
    f"{API}/{{tenant_id}}/reactivate",
    response_model=TenantEnvelope,
    summary="Reactivate a suspended tenant: its administrators may sign in again (tenant.reactivated)",
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def reactivate_tenant(
    tenant_id: TenantId, body: StatusChangeRequest, session: DbSession, deps: Deps, ctx: Writer
) -> TenantEnvelope:
    tenant = await service.reactivate_tenant(session, deps, ctx, tenant_id, body.reason)
    return TenantEnvelope(tenant=TenantOut.model_validate(tenant))


@router.post(
    f"{API}/{{tenant_id}}/impersonate",
    status_code=201,
    response_model=ImpersonationStarted,
    summary="Impersonate a tenant: a time-boxed token with an RFC 8693 act claim, read-only unless asked",
    responses={**_FORBIDDEN, **_NOT_FOUND, **_CONFLICT},
)
async def impersonate(
    tenant_id: TenantId, body: ImpersonateRequest, session: DbSession, deps: Deps, ctx: Impersonator
) -> ImpersonationStarted:
    row, token, seconds = await service.impersonate(session, deps, ctx, tenant_id, body)
    return ImpersonationStarted(session=_impersonation_out(row), access_token=token, expires_in=seconds)


@router.get(
    f"{API}/{{tenant_id}}/impersonations",
    response_model=ImpersonationList,
    summary="A tenant's impersonation sessions, newest first",
    responses={**_FORBIDDEN, **_NOT_FOUND},
)
async def list_impersonations(
    tenant_id: TenantId, session: DbSession, ctx: Reader, page: PageParams
) -> ImpersonationList:
    items, pagination = page.cut(await service.list_impersonations(session, tenant_id, page))
    return ImpersonationList(impersonations=[_impersonation_out(s) for s in items], pagination=pagination)


@router.delete(
    f"{API}/{{tenant_id}}/impersonate/{{session_id}}",
    response_model=ImpersonationOut,
    summary="End an impersonation early: its token is refused from now on",
    responses={
        **_FORBIDDEN,
        404: {"description": "No such session in this tenant"},
        409: {"description": "Already ended"},
    },
)
async def end_impersonation(
    tenant_id: TenantId, session_id: uuid.UUID, session: DbSession, deps: Deps, ctx: Impersonator
) -> ImpersonationOut:
    return _impersonation_out(await service.end_impersonation(session, deps, ctx, tenant_id, session_id))
