"""Quota routes: the request path's token check (service keys) and the tenant's four quotas."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from radiant_contracts.quotas import QUOTA_RESOURCES, UPGRADE_URL, QuotaOut
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require

from ..deps import Deps
from . import service
from .schemas import OverLimitOut, QuotasResponse, TokenQuotaOut

router = APIRouter(prefix="/api/v2/metering", tags=["metering"])
admin = APIRouter(prefix="/api/v2/admin", tags=["quotas"])

#: Asking for quota is a producer's (a service key with `quota:read`), never an administrator's.
QuotaReader = Annotated[RequestContext, require("quota:read")]
AdminReader = Annotated[RequestContext, require("admin:read")]


async def _started() -> float:
    return time.perf_counter()


#: Declared first, so it is taken before the caller's key is verified: `Server-Timing` covers the
#: whole check (key verification and the quota's Redis reads), not only the handler.
Started = Annotated[float, Depends(_started)]
#: The most a caller may say its next request will use (10 × the per-event maximum of 2 × 10^7).
MAX_REQUESTED_TOKENS = 200_000_000


@router.get(
    "/quota",
    response_model=TokenQuotaOut,
    summary="Token quota check for the AI request path",
    description="For a producer's service key with `quota:read`. `allowed` is false once the tenant's "
    "input + output tokens this calendar month (UTC) reach its plan's `max_tokens_per_month` — or, with "
    "`tokens`, when that many more would go past it. Answered from Redis alone (two hash reads, see "
    "the README), no database — unless Redis has lost its copies (a flush), when the database answers "
    "until they are copied again. Usage past the limit is still recorded, and flagged. The answer's "
    "`Server-Timing: quota;dur=<ms>` is the check's own time (the caller's key verified, the quota read).",
)
async def token_quota(
    started: Started,
    ctx: QuotaReader,
    deps: Deps,
    session: DbSession,  # used only while Redis has lost its copies (no connection otherwise)
    response: Response,
    tokens: Annotated[int, Query(ge=0, le=MAX_REQUESTED_TOKENS, description="Tokens the next request may use")] = 0,
) -> TokenQuotaOut:
    check = await service.check_tokens(deps.quotas, session, ctx.tenant_id, tokens, datetime.now(UTC))
    status = check.status
    response.headers["Server-Timing"] = f"quota;dur={(time.perf_counter() - started) * 1000:.3f}"
    return TokenQuotaOut(
        allowed=check.allowed,
        current=status.current,
        limit=status.limit,
        remaining=status.remaining,
        percentage=status.percentage,
        period_start=check.period_start,
        period_end=service.month_end(check.period_start),
        upgrade_url=UPGRADE_URL,
    )


@admin.get(
    "/quotas",
    response_model=QuotasResponse,
    summary="The tenant's quotas: users, agents, tokens, storage",
    description="Each with current use, its plan's limit (null: unlimited), percentage (0-100) and whether it "
    "is reached. Users count administrators and members plus pending invitations; tokens are this calendar "
    "month's (UTC); storage is the newest gauge producers reported, in bytes.",
)
async def tenant_quotas(session: DbSession, ctx: AdminReader, deps: Deps) -> QuotasResponse:
    now = datetime.now(UTC)
    statuses = [
        *await deps.identity.statuses(ctx.tenant_id),
        *await service.metered_quotas(session, ctx.tenant_id, now),
    ]
    by_resource = {s.resource: s for s in statuses}
    requests, tokens = await service.over_quota_usage(session, ctx.tenant_id, now)
    period = service.month_of(now)
    return QuotasResponse(
        quotas=[QuotaOut.of(by_resource[r]) for r in QUOTA_RESOURCES if r in by_resource],
        period_start=period,
        period_end=service.month_end(period),
        tokens_over_limit=OverLimitOut(requests=requests, tokens=tokens),
        upgrade_url=UPGRADE_URL,
    )
