"""The rules of service keys: who may create and revoke them, what they may carry, how long they live,
and keeping Redis (where every verifier looks) in step with the database."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.api import PageRequest
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, NotFound, ProblemError, invalid_fields
from radiant_platform.service_keys import (
    ENVIRONMENTS,
    ServiceKeyRecord,
    ServiceKeyStore,
    display_prefix,
    new_service_key,
)

from ..deps import IdentityDeps
from . import repository as repo
from .models import ServiceKey
from .schemas import CreateServiceKey

log = logging.getLogger(__name__)

#: Active keys per tenant: one per producer and environment is the norm; this bounds a leak's reach.
MAX_ACTIVE_KEYS = 50
#: A key lives at most this long; rotating at least every three years is the least one can ask.
MAX_LIFETIME = timedelta(days=3 * 365)


def store_of(deps: IdentityDeps) -> ServiceKeyStore:
    return ServiceKeyStore(deps.redis, deps.settings.service_key_pepper)


def record_of(key: ServiceKey) -> ServiceKeyRecord:
    return ServiceKeyRecord(
        key_id=key.id,
        tenant_id=key.tenant_id,
        environment=key.environment,
        scopes=tuple(key.scopes),
        key_hash=key.key_hash,
        name=key.name,
        expires_at=key.expires_at,
    )


def status_of(key: ServiceKey, now: datetime) -> str:
    if key.status == "active" and key.expires_at is not None and key.expires_at <= now:
        return "expired"
    return key.status


def prefix_of(key: ServiceKey) -> str:
    return display_prefix(key.environment, key.id)


def _redis_unavailable() -> ProblemError:
    return ProblemError(503, "Service keys cannot be changed just now; try again shortly", headers={"Retry-After": "2"})


def _check_caller(ctx: RequestContext) -> None:
    # A key that posts billable usage is a production credential: minting or revoking one in prod
    # needs an MFA-verified session, as every prod-privileged change does.
    if ctx.environment == "prod" and "otp" not in ctx.principal.amr:
        raise ProblemError(403, "Multi-factor authentication is required to manage production service keys")


def _check_expiry(expires_at: datetime | None, now: datetime) -> None:
    if expires_at is None:
        return
    if expires_at <= now:
        raise invalid_fields(("expiresAt", "must be in the future"), detail="expiresAt must be in the future")
    if expires_at > now + MAX_LIFETIME:
        raise invalid_fields(
            ("expiresAt", f"at most {MAX_LIFETIME.days} days ahead"),
            detail=f"A service key lives at most {MAX_LIFETIME.days} days",
        )


@dataclass(frozen=True, slots=True)
class CreatedKey:
    key: ServiceKey
    secret: str


async def create_key(
    session: AsyncSession, store: ServiceKeyStore, ctx: RequestContext, body: CreateServiceKey
) -> CreatedKey:
    """Mint a key for the caller's tenant and environment; the secret leaves only in the answer."""
    _check_caller(ctx)
    now = datetime.now(UTC)
    _check_expiry(body.expires_at, now)
    if ctx.environment not in ENVIRONMENTS:
        raise ProblemError(400, f"Service keys are not available in the '{ctx.environment}' environment")
    await repo.lock_tenant_keys(session, ctx.tenant_id)
    if await repo.count_active(session, ctx.tenant_id, now) >= MAX_ACTIVE_KEYS:
        raise Conflict(
            f"The tenant already has {MAX_ACTIVE_KEYS} active service keys; revoke one first", limit=MAX_ACTIVE_KEYS
        )
    key_id, secret = new_service_key(ctx.environment)
    key = ServiceKey(
        id=key_id,
        tenant_id=ctx.tenant_id,
        environment=ctx.environment,
        name=body.name,
        scopes=list(body.scopes),
        key_hash=store.hash_of(secret),
        status="active",
        created_by=ctx.subject,
        created_by_name=ctx.display_name,
        expires_at=body.expires_at,
    )
    try:
        await repo.insert_key(session, key)
    except repo.DuplicateName:
        raise Conflict(f"An active service key is already named {body.name!r}") from None
    try:
        # Before the commit: the key works the moment its creator sees it. Should the commit fail, the
        # record names a key nobody was given, and the reconcile removes it.
        await store.publish(record_of(key))
    except RedisError:
        raise _redis_unavailable() from None
    await ctx.audit(
        session,
        "api_key.create",
        "api_key",
        key_id,
        details={
            "name": key.name,
            "scopes": key.scopes,
            "environment": key.environment,
            "expires_at": key.expires_at.isoformat() if key.expires_at else None,
        },
    )
    return CreatedKey(key, secret)


async def list_keys(
    session: AsyncSession, store: ServiceKeyStore, ctx: RequestContext, page: PageRequest
) -> list[tuple[ServiceKey, datetime | None]]:
    """The tenant's keys, newest first, each with its last use: the database's, or the newer mark a
    verifier left in Redis since the last-use job last ran."""
    keys = await repo.list_keys(session, ctx.tenant_id, limit=page.fetch_limit, offset=page.offset)
    try:
        marks = await store.last_used()
    except RedisError:
        log.warning("last use of service keys unavailable; showing the stored values")
        marks = {}
    return [(key, _latest(key.last_used_at, marks.get(key.id))) for key in keys]


def _latest(stored: datetime | None, marked: datetime | None) -> datetime | None:
    if stored is None or marked is None:
        return stored or marked
    return max(stored, marked)


async def revoke_key(session: AsyncSession, store: ServiceKeyStore, ctx: RequestContext, key_id: str) -> ServiceKey:
    """Revoke the tenant's key; every verifier refuses it from the moment this answers."""
    _check_caller(ctx)
    existing = await repo.get_key(session, ctx.tenant_id, key_id, for_update=True)
    if existing is None:
        raise NotFound("Service key")
    revoked = await repo.revoke_key(session, ctx.tenant_id, key_id, ctx.subject)
    if revoked is None:
        raise Conflict("The service key is already revoked")
    try:
        # Before the commit, and a failure fails the request: a revocation is never reported done
        # while the key still works somewhere.
        await store.withdraw(key_id)
    except RedisError:
        raise _redis_unavailable() from None
    await ctx.audit(
        session, "api_key.revoke", "api_key", key_id, details={"name": revoked.name, "scopes": revoked.scopes}
    )
    return revoked


# --- keeping Redis in step (identity's jobs) ------------------------------------------------------


async def reconcile_store(session: AsyncSession, store: ServiceKeyStore) -> tuple[int, int]:
    """Rewrite every active key's record, withdraw records of keys that are not active (Redis lost,
    restored from an old copy, a write that failed): (written, withdrawn)."""
    keys = await repo.active_keys_for_share(session, datetime.now(UTC))
    return await store.reconcile(record_of(k) for k in keys)


async def persist_last_use(session: AsyncSession, store: ServiceKeyStore) -> int:
    """Fold the verifiers' last-use marks into the database (so a Redis loss forgets at most a minute)."""
    return await repo.record_last_use(session, await store.last_used())
