"""Tokens refused before they expire (a suspended tenant's, an ended impersonation's), and read-only
sessions — the platform's checks, with Redis replaced by a dictionary."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

import httpx
import pytest
from fastapi import APIRouter
from redis.exceptions import ConnectionError as RedisConnectionError

from radiant_platform.app import ServiceSpec, create_app
from radiant_platform.auth import Principal, current_principal
from radiant_platform.context import READ_ONLY_SESSION_TYPE, AnyCtx, RequestContext, require
from radiant_platform.errors import ProblemError
from radiant_platform.revocation import (
    TENANT_SUSPENDED_TYPE,
    RevocationList,
    TenantMark,
    mark_tenant_reactivated,
    mark_tenant_suspended,
    revoke_token,
    tenant_mark_key,
)
from radiant_platform.settings import ServiceSettings


class FakeRedis:
    def __init__(self) -> None:
        self.values: dict[str, bytes] = {}
        self.expiries: dict[str, int | None] = {}
        self.reads = 0
        self.down = False

    async def mget(self, keys: list[str]) -> list[bytes | None]:
        if self.down:
            raise RedisConnectionError("redis is away")
        self.reads += 1
        return [self.values.get(k) for k in keys]

    async def set(self, key: str, value: bytes, ex: int | None = None) -> bool:
        if self.down:
            raise RedisConnectionError("redis is away")
        self.values[key] = value
        self.expiries[key] = ex
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _principal(kind: str = "tenant", *, issued_at: float = 100.0, token_id: str = "jti-1", **kw: Any) -> Principal:
    return Principal(
        subject="s",
        tenant_id=kw.pop("tenant_id", "t1"),
        role=kw.pop("role", "admin"),
        environment="dev",
        amr=(),
        token_id=token_id,
        kind=kind,
        issued_at=issued_at,
        **kw,
    )


def _list(redis: FakeRedis, clock: Clock | None = None) -> RevocationList:
    return RevocationList(redis, clock=clock or Clock())  # type: ignore[arg-type]


async def test_a_suspended_tenants_tokens_are_refused_with_a_tenant_suspended_problem() -> None:
    redis = FakeRedis()
    await mark_tenant_suspended(redis, "t1", 150.0)  # type: ignore[arg-type]
    revocations = _list(redis)
    with pytest.raises(ProblemError) as refused:
        await revocations.check(_principal(issued_at=200.0))  # issued after the mark: still refused
    assert (refused.value.status, refused.value.title, refused.value.type) == (
        403,
        "Tenant suspended",
        TENANT_SUSPENDED_TYPE,
    )
    assert refused.value.extensions == {"tenantId": "t1"}
    await revocations.check(_principal(tenant_id="t2"))  # another tenant is untouched


async def test_producers_keys_and_operators_are_not_refused_by_a_tenants_suspension() -> None:
    redis = FakeRedis()
    await mark_tenant_suspended(redis, "t1", 150.0)  # type: ignore[arg-type]
    revocations = _list(redis)
    await revocations.check(_principal("service", role=""))  # usage keeps being metered
    await revocations.check(_principal("operator", tenant_id="platform", role="platform_admin"))


async def test_after_reactivation_only_tokens_issued_after_the_suspension_are_accepted() -> None:
    redis = FakeRedis()
    await mark_tenant_reactivated(redis, "t1", 150.0, keep_seconds=3900)  # type: ignore[arg-type]
    assert redis.expiries[tenant_mark_key("t1")] == 3900
    revocations = _list(redis)
    await revocations.check(_principal(issued_at=151.0))
    for issued_at in (150.0, 149.0):
        with pytest.raises(ProblemError) as refused:
            await revocations.check(_principal(issued_at=issued_at, token_id=f"old-{issued_at}"))
        assert refused.value.status == 401 and "sign in again" in (refused.value.detail or "")


async def test_a_revoked_token_is_refused_whatever_its_kind() -> None:
    redis = FakeRedis()
    await revoke_token(redis, "jti-9", expires_at=4_000_000_000.0)  # type: ignore[arg-type]
    revocations = _list(redis)
    for kind in ("tenant", "operator"):
        with pytest.raises(ProblemError) as refused:
            await revocations.check(_principal(kind, token_id="jti-9"))
        assert refused.value.status == 401 and refused.value.detail == "This token was revoked"
    await revocations.check(_principal(token_id="jti-10"))


async def test_one_round_trip_per_check_and_marks_believed_for_under_a_second() -> None:
    redis, clock = FakeRedis(), Clock()
    revocations = _list(redis, clock)
    principal = _principal()
    await revocations.check(principal)
    await revocations.check(principal)
    assert redis.reads == 1  # both keys in one MGET, then from the cache
    await mark_tenant_suspended(redis, "t1", 150.0)  # type: ignore[arg-type]
    clock.now += 0.4
    await revocations.check(principal)  # still the cached "no mark"
    clock.now += 0.2  # past CACHE_SECONDS (0.5): read again
    with pytest.raises(ProblemError, match="suspended"):
        await revocations.check(principal)
    assert redis.reads == 2


async def test_redis_down_refuses_with_503_rather_than_letting_tokens_through() -> None:
    redis = FakeRedis()
    redis.down = True
    with pytest.raises(ProblemError) as unavailable:
        await _list(redis).check(_principal())
    assert unavailable.value.status == 503 and unavailable.value.headers == {"Retry-After": "1"}
    with pytest.raises(ProblemError) as unwritable:
        await mark_tenant_suspended(redis, "t1", 1.0)  # type: ignore[arg-type]
    assert unwritable.value.status == 503


def test_a_mark_reads_back_as_written_and_a_malformed_one_means_suspended() -> None:
    for mark in (TenantMark(1712345678.123456, True), TenantMark(1712345678.5, False)):
        assert TenantMark.decode(mark.encode()) == mark
    assert TenantMark.decode(None) is None
    assert TenantMark.decode(b"garbage").suspended  # type: ignore[union-attr]


# --- read-only sessions (impersonation) ---------------------------------------------------------------


async def test_a_read_only_session_passes_only_read_permissions_and_safe_methods() -> None:
    router = APIRouter()

    @router.get("/users")
    async def users(ctx: Annotated[RequestContext, require("admin:read")]) -> dict[str, str]:
        return {"ok": ctx.subject}

    @router.get("/export")
    async def export(ctx: Annotated[RequestContext, require("admin:write")]) -> dict[str, str]:
        return {"ok": ctx.subject}

    @router.post("/profile")
    async def profile(ctx: AnyCtx) -> dict[str, str]:
        return {"ok": ctx.subject}

    app = create_app(
        ServiceSpec(settings=ServiceSettings(service_name="ro-test"), title="ro", routers=[router], uses_kafka=False)
    )
    principals = {
        "read_only": _principal(role="super_admin", read_only=True, actor_subject="op-1"),
        "writer": _principal(role="super_admin", actor_subject="op-1"),
    }
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            results = {}
            for name, principal in principals.items():
                app.dependency_overrides[current_principal] = lambda p=principal: p
                results[name] = [
                    (await client.get("/users")).status_code,
                    (await client.get("/export")).status_code,
                    (await client.post("/profile")).status_code,
                ]
            app.dependency_overrides[current_principal] = lambda: principals["read_only"]
            refused = await client.post("/profile")
    assert results == {"read_only": [200, 403, 403], "writer": [200, 200, 200]}
    assert refused.json()["type"] == READ_ONLY_SESSION_TYPE


async def test_an_accounts_ended_sessions_refuse_its_older_tokens_only() -> None:
    from radiant_platform.revocation import end_subject_sessions

    redis = FakeRedis()
    await end_subject_sessions(redis, "s", 150.0, keep_seconds=960)  # type: ignore[arg-type]
    revocations = _list(redis)
    with pytest.raises(ProblemError) as refused:
        await revocations.check(_principal(issued_at=149.5))
    assert refused.value.status == 401
    await revocations.check(_principal(issued_at=150.000001, token_id="jti-2"))  # issued after: accepted
    # Another account of the same tenant, operators and producers' keys are not concerned.
    other = Principal(subject="other", tenant_id="t1", role="admin", environment="dev", amr=(), issued_at=1.0)
    await revocations.check(other)
    await revocations.check(_principal("operator", issued_at=1.0, token_id="jti-3"))
    assert redis.expiries["radiant:nbf:subject:s"] == 960


class SlowRedis(FakeRedis):
    """Reads at once but answers only once `answer` is set: reads stay under way while more checks come in."""

    def __init__(self) -> None:
        super().__init__()
        self.answer = asyncio.Event()

    async def mget(self, keys: list[str]) -> list[bytes | None]:
        values = await super().mget(keys)
        await self.answer.wait()
        return values


async def test_checks_of_one_token_made_while_its_marks_are_read_share_that_read() -> None:
    """When the cached marks expire under load, the requests meanwhile wait for one read, not one each."""
    redis = SlowRedis()
    await mark_tenant_suspended(redis, "t1", 150.0)  # type: ignore[arg-type]
    revocations = _list(redis)
    checks = [asyncio.ensure_future(revocations.check(_principal())) for _ in range(10)]
    await asyncio.sleep(0)
    redis.answer.set()
    outcomes = await asyncio.gather(*checks, return_exceptions=True)
    assert redis.reads == 1
    assert all(isinstance(o, ProblemError) and o.status == 403 for o in outcomes)  # each told, from the one read


async def test_a_check_after_a_local_write_does_not_join_a_read_begun_before_it() -> None:
    redis = SlowRedis()
    revocations = _list(redis)
    before = asyncio.ensure_future(revocations.check(_principal()))
    while redis.reads == 0:  # its read is under way, before the suspension
        await asyncio.sleep(0)
    await mark_tenant_suspended(redis, "t1", 150.0)  # type: ignore[arg-type]
    revocations.forget(tenant_mark_key("t1"))  # what identity does after writing a mark
    after = asyncio.ensure_future(revocations.check(_principal()))
    redis.answer.set()
    with pytest.raises(ProblemError, match="suspended"):
        await after
    await before  # read before the mark: it passed, and its answer was not kept
    with pytest.raises(ProblemError, match="suspended"):
        await revocations.check(_principal())


async def test_a_check_that_goes_away_leaves_the_shared_read_to_the_others() -> None:
    redis = SlowRedis()
    revocations = _list(redis)
    leaving, staying = (asyncio.ensure_future(revocations.check(_principal())) for _ in range(2))
    await asyncio.sleep(0)
    leaving.cancel()  # its client disconnected
    await asyncio.sleep(0)
    redis.answer.set()
    await staying
    assert leaving.cancelled() and redis.reads == 1
