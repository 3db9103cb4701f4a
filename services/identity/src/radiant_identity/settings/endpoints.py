"""`/api/v2/admin/settings`: the tenant's own settings (`settings:read` to look, `settings:write` to change).

Thin: parse, call one service function, shape the answer; the edge commits.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Response

from radiant_contracts.api import ApiModel
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.openapi import input_rules
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from ..deps import Deps
from . import service
from .schemas import USAGE_DETAIL_DAYS_MAX, PendingApproval, SettingsOut, SettingsUpdate, SettingsUpdated

router = APIRouter(tags=["settings"])
API = "/api/v2/admin/settings"

Reader = Annotated[RequestContext, require("settings:read")]
Writer = Annotated[RequestContext, require("settings:write")]

_FORBIDDEN: dict[int | str, dict[str, Any]] = {403: {"description": "The caller's role lacks the permission"}}


def _out(stored: service.StoredSettings) -> SettingsOut:
    return SettingsOut(
        **dict(stored.settings),
        tenant_id=stored.tenant_id,
        environment=stored.environment,
        version=stored.version,
        updated_at=stored.updated_at,
        updated_by=stored.updated_by,
    )


@router.get(API, response_model=SettingsOut, summary="The tenant's settings (defaults filled in)", responses=_FORBIDDEN)
async def get_settings(session: DbSession, ctx: Reader) -> SettingsOut:
    return _out(await service.get_settings(session, ctx))


@router.put(
    API,
    response_model=SettingsUpdated,
    summary="Change the tenant's settings (only what is given; in prod a security-policy change waits for approval)",
    responses={
        **_FORBIDDEN,
        202: {"model": SettingsUpdated, "description": "prod: the security policy change waits for approval"},
        422: {"description": "A field is invalid, or the IP allow-list would refuse the caller's own address"},
    },
    openapi_extra=input_rules(
        ("security.ipAllowList", "every entry a network in CIDR notation with its host bits zero"),
        ("security.ipAllowList", "when not empty, it includes the caller's own address (nobody locks themselves out)"),
    ),
)
async def put_settings(
    body: SettingsUpdate, response: Response, session: DbSession, deps: Deps, ctx: Writer
) -> SettingsUpdated:
    change = await service.update_settings(session, deps, ctx, body)
    pending = None
    if change.pending is not None:
        response.status_code = 202
        pending = PendingApproval(id=change.pending.id, status=change.pending.status, type=change.pending.type)
    return SettingsUpdated(
        settings=_out(change.stored),
        changed_keys=change.changed_keys,
        pending_approval=pending,
        pending_keys=change.pending_keys,
    )


# --- internal: the tenants' raw-usage retention, for metering's retention job ----------------------

internal = APIRouter(prefix="/internal/v1", tags=["internal"])

RetentionReader = Annotated[ServiceCaller, require_service("metering")]


class UsageRetention(ApiModel):
    tenant_id: str
    usage_detail_days: int


class UsageRetentions(ApiModel):
    #: The platform's raw-usage retention; only tenants that keep less are listed.
    max_days: int
    tenants: list[UsageRetention]


@internal.get(
    "/tenants/usage-retention",
    response_model=UsageRetentions,
    responses=INTERNAL_RESPONSES,
    summary="The tenants whose usageDetailDays is below the platform's raw-usage retention (metering only)",
)
async def usage_retention(session: DbSession, caller: RetentionReader) -> UsageRetentions:
    tenants = await service.shorter_usage_detail(session)
    return UsageRetentions(
        max_days=USAGE_DETAIL_DAYS_MAX,
        tenants=[UsageRetention(tenant_id=t, usage_detail_days=d) for t, d in tenants],
    )
