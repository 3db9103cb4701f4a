"""HTTP API (thin: parse → call the service → return).

Tenant routes (`/api/v2/admin/audit…`) need `audit:read` and read the caller's tenant's log; the
platform stream (operators' actions, tenant id `platform`) is read by operators with `saas:read`
at `/api/v2/saas/audit`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import PlainTextResponse, StreamingResponse

from radiant_contracts.api import IsoDateTime
from radiant_platform.app import DbSession, RuntimeDep
from radiant_platform.auth import PLATFORM_TENANT
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import Forbidden, invalid_fields
from radiant_platform.openapi import input_rules

from . import service
from .chain import checkpoint_message
from .deps import Deps
from .metrics import render_metrics
from .schemas import (
    CURSOR_PATTERN,
    EntryFilter,
    EntryPage,
    ExportFormat,
    Outcome,
    PublicKeyOut,
    SummaryOut,
    VerificationOut,
)

API = "/api/v2/admin/audit"
SAAS_API = "/api/v2/saas/audit"
router = APIRouter(tags=["audit"])
internal = APIRouter(tags=["internal"], include_in_schema=False)


async def _tenant_reader(ctx: Annotated[RequestContext, require("audit:read")]) -> RequestContext:
    # No tenant is ever called `platform` (tenant ids are generated); a tenant token claiming it
    # must not open the operators' stream through the tenant routes.
    if ctx.tenant_id == PLATFORM_TENANT:
        raise Forbidden("The platform audit stream is read by operators, at /api/v2/saas/audit")
    return ctx


Reader = Annotated[RequestContext, Depends(_tenant_reader)]
PlatformReader = Annotated[RequestContext, require("saas:read")]
ActorQ = Annotated[str | None, Query(alias="actor", max_length=255, description="Actor id")]
ActionQ = Annotated[
    str | None,
    Query(
        alias="action",
        max_length=100,
        description="Action prefix, e.g. `invitation.`; either seed's name finds an action "
        "(`user.invite` = `invitation.create`, `user.accept` = `invitation.accept`)",
    ),
]
ResourceTypeQ = Annotated[str | None, Query(alias="resourceType", max_length=255)]
ResourceIdQ = Annotated[str | None, Query(alias="resourceId", max_length=255)]
OutcomeQ = Annotated[Outcome | None, Query(alias="outcome")]
FromQ = Annotated[IsoDateTime | None, Query(alias="from", description="occurredAt >= from (ISO 8601 with offset)")]
ToQ = Annotated[IsoDateTime | None, Query(alias="to", description="occurredAt < to (ISO 8601 with offset)")]
CursorQ = Annotated[
    str | None, Query(max_length=200, pattern=CURSOR_PATTERN, description="The nextCursor of the previous page")
]
#: What `_filter` refuses beyond the parameters' own schema.
PERIOD_RULES = input_rules(("query.to", "later than from"))


def _filter(
    tenant_id: str,
    actor: str | None,
    action: str | None,
    resource_type: str | None,
    resource_id: str | None,
    outcome: str | None,
    since: datetime | None,
    until: datetime | None,
) -> EntryFilter:
    if since and until and since >= until:
        raise invalid_fields(("query.to", "must be later than from"))
    return EntryFilter(
        tenant_id=tenant_id,
        actor_id=actor or None,
        action_prefix=action or None,
        resource_type=resource_type or None,
        resource_id=resource_id or None,
        outcome=outcome,
        since=since,
        until=until,
    )


@router.get(API, summary="Audit log, newest first, cursor-paginated", openapi_extra=PERIOD_RULES)
async def list_entries(
    session: DbSession,
    ctx: Reader,
    actor: ActorQ = None,
    action: ActionQ = None,
    resource_type: ResourceTypeQ = None,
    resource_id: ResourceIdQ = None,
    outcome: OutcomeQ = None,
    since: FromQ = None,
    until: ToQ = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: CursorQ = None,
) -> EntryPage:
    f = _filter(ctx.tenant_id, actor, action, resource_type, resource_id, outcome, since, until)
    return await service.query_entries(session, f, cursor=cursor, limit=limit)


@router.get(
    SAAS_API,
    summary="The platform audit stream (operators' actions), newest first, cursor-paginated",
    openapi_extra=PERIOD_RULES,
)
async def list_platform_entries(
    session: DbSession,
    ctx: PlatformReader,
    actor: ActorQ = None,
    action: ActionQ = None,
    resource_type: ResourceTypeQ = None,
    resource_id: ResourceIdQ = None,
    outcome: OutcomeQ = None,
    since: FromQ = None,
    until: ToQ = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: CursorQ = None,
) -> EntryPage:
    f = _filter(PLATFORM_TENANT, actor, action, resource_type, resource_id, outcome, since, until)
    return await service.query_entries(session, f, cursor=cursor, limit=limit)


@router.get(
    f"{API}/export",
    summary="Export matching entries (CSV or JSON Lines, streamed, chain order)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The entries, one a line (`format`: csv with a header line, or jsonl)",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "application/jsonl": {"schema": {"type": "string"}},
            },
        }
    },
    openapi_extra=PERIOD_RULES,
)
async def export_entries(
    rt: RuntimeDep,
    ctx: Reader,
    format: Annotated[ExportFormat, Query()] = "jsonl",
    actor: ActorQ = None,
    action: ActionQ = None,
    resource_type: ResourceTypeQ = None,
    resource_id: ResourceIdQ = None,
    outcome: OutcomeQ = None,
    since: FromQ = None,
    until: ToQ = None,
) -> StreamingResponse:
    f = _filter(ctx.tenant_id, actor, action, resource_type, resource_id, outcome, since, until)
    media = "text/csv; charset=utf-8" if format == "csv" else "application/jsonl"
    filename = f"audit-{datetime.now(UTC):%Y%m%dT%H%M%SZ}.{format}"
    # The stream outlives the request's session: it reads page by page, each in a session of its own.
    return StreamingResponse(
        service.export_entries(rt.session_factory(), f, format),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    f"{API}/summary",
    summary="Compliance summary: counts by action, actor, outcome; privileged actions",
    openapi_extra=input_rules(("query.to", "later than from (to defaults to now, from to 30 days before to)")),
)
async def summary(session: DbSession, deps: Deps, ctx: Reader, since: FromQ = None, until: ToQ = None) -> SummaryOut:
    start, end = service.summary_period(since, until, datetime.now(UTC))
    f = _filter(ctx.tenant_id, None, None, None, None, None, start, end)
    return await service.compliance_summary(session, f, privileged_limit=deps.settings.privileged_list_limit)


@router.get(
    f"{API}/verify",
    summary="Verify the tenant's hash chain to its last entry, its chain head and every signed checkpoint",
    description="Walks the whole log (never stopping at the chain head), and reports every broken link, a "
    "chain head that is not the last entry, checkpoints whose signature or signed hash does not match (a "
    "rewritten or truncated history), and how many entries the latest valid checkpoint does not cover yet. "
    "Against the checkpoints a SIEM received: `python -m radiant_audit verify --against-checkpoints FILE`.",
)
async def verify(session: DbSession, deps: Deps, ctx: Reader) -> VerificationOut:
    return await service.verify_chain(session, ctx.tenant_id, deps.checkpoint_key.verifier)


@router.get(
    f"{SAAS_API}/verify",
    summary="Verify the platform stream's hash chain to its last entry, its chain head and every signed checkpoint",
)
async def verify_platform(session: DbSession, deps: Deps, ctx: PlatformReader) -> VerificationOut:
    return await service.verify_chain(session, PLATFORM_TENANT, deps.checkpoint_key.verifier)


@router.get(
    f"{SAAS_API}/tenants/{{tenant_id}}/verify",
    summary="Verify one tenant's hash chain (operators), a deleted tenant's too: its log is never purged",
)
async def verify_tenant_for_operators(
    tenant_id: Annotated[str, Path(min_length=1, max_length=100)], session: DbSession, deps: Deps, ctx: PlatformReader
) -> VerificationOut:
    return await service.verify_chain(session, tenant_id, deps.checkpoint_key.verifier)


@router.get(f"{API}/public-key", summary="The Ed25519 public key that verifies checkpoint signatures")
async def public_key(deps: Deps, ctx: Reader) -> PublicKeyOut:
    key = deps.checkpoint_key
    example = checkpoint_message(
        tenant_id="<tenant>", seq=0, hash_="<hash>", signed_at=datetime(2000, 1, 1, tzinfo=UTC), key_id=key.key_id
    ).decode()
    return PublicKeyOut(
        key_id=key.key_id,
        algorithm="Ed25519",
        public_key_pem=key.public_pem(),
        jwk=key.public_jwk(),
        signed_message=example,
    )


# --- internal (service port only; the gateway has no route to these) ------------------------------------


@internal.get("/internal/siem/status")
async def siem_status(deps: Deps) -> dict[str, object]:
    return {"sinks": deps.siem.status()}


@internal.get("/metrics")
async def metrics(rt: RuntimeDep, deps: Deps) -> PlainTextResponse:
    return PlainTextResponse(render_metrics(rt.consumers, deps.siem), media_type="text/plain; version=0.0.4")
