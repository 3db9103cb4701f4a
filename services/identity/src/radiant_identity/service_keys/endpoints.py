"""`/api/v2/admin/api-keys`: a tenant's service keys. Managing them is a tenant setting
(`settings:write`: super_admin and admin, as for the tenant's other integration settings); seeing
them, `settings:read`. Parse, call the service, shape the answer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path

from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.openapi import input_rules
from radiant_platform.pagination import PageParams

from ..deps import Deps
from . import service
from .models import ServiceKey
from .schemas import CreateServiceKey, CreatorRef, ServiceKeyCreated, ServiceKeyEnvelope, ServiceKeyList, ServiceKeyOut

router = APIRouter(prefix="/api/v2/admin/api-keys", tags=["api-keys"])

KeyReader = Annotated[RequestContext, require("settings:read")]
KeyManager = Annotated[RequestContext, require("settings:write")]
KeyId = Annotated[str, Path(pattern="^[0-9a-f]{16}$", description="The key's id (in `rk_<env>_<id>_…`)")]


def _key_out(key: ServiceKey, now: datetime, last_used_at: datetime | None = None) -> ServiceKeyOut:
    return ServiceKeyOut(
        id=key.id,
        name=key.name,
        prefix=service.prefix_of(key),
        environment=key.environment,
        scopes=list(key.scopes),
        status=service.status_of(key, now),
        created_at=key.created_at,
        created_by=CreatorRef(id=key.created_by, name=key.created_by_name),
        expires_at=key.expires_at,
        last_used_at=last_used_at or key.last_used_at,
        revoked_at=key.revoked_at,
    )


@router.post(
    "",
    status_code=201,
    response_model=ServiceKeyCreated,
    summary="Create a service key for a producer (the secret is shown once)",
    responses={409: {"description": "An active key already has this name, or the tenant has its most active keys"}},
    openapi_extra=input_rules(("expiresAt", f"in the future, at most {service.MAX_LIFETIME.days} days ahead")),
)
async def create_key(body: CreateServiceKey, session: DbSession, deps: Deps, ctx: KeyManager) -> ServiceKeyCreated:
    created = await service.create_key(session, service.store_of(deps), ctx, body)
    await session.refresh(created.key)  # created_at comes from the database
    return ServiceKeyCreated(api_key=_key_out(created.key, datetime.now(UTC)), secret=created.secret)


@router.get("", response_model=ServiceKeyList, summary="List the tenant's service keys with their last use")
async def list_keys(session: DbSession, deps: Deps, ctx: KeyReader, page: PageParams) -> ServiceKeyList:
    rows, pagination = page.cut(await service.list_keys(session, service.store_of(deps), ctx, page))
    now = datetime.now(UTC)
    return ServiceKeyList(api_keys=[_key_out(k, now, used) for k, used in rows], pagination=pagination)


@router.delete(
    "/{key_id}",
    response_model=ServiceKeyEnvelope,
    summary="Revoke a service key (refused at once)",
    responses={409: {"description": "The key is already revoked"}},
)
async def revoke_key(key_id: KeyId, session: DbSession, deps: Deps, ctx: KeyManager) -> ServiceKeyEnvelope:
    revoked = await service.revoke_key(session, service.store_of(deps), ctx, key_id)
    return ServiceKeyEnvelope(api_key=_key_out(revoked, datetime.now(UTC)))
