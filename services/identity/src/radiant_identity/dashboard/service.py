"""The home screen: identity's own counts, and the owners' parts fetched at once (in parallel).

A part whose owner does not answer is left out and named in `unavailable` — a dashboard shows what it
can while one service is down, instead of failing the whole screen.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable
from datetime import UTC, datetime
from typing import TypeVar

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.quotas import QuotaOut
from radiant_contracts.tenant_views import MeteredQuotas, PendingApprovals, TenantSpend
from radiant_platform.context import RequestContext

from ..deps import IdentityDeps
from ..quotas import service as quotas
from . import repository as repo
from .schemas import AgentsOut, InvitationsOut, MembersOut, RoleStatusCount, TenantStatsOut, UnavailablePart
from .sources import PartUnavailable

T = TypeVar("T")
#: Who may decide approvals; for anyone else nothing awaits their decision.
DECIDES_APPROVALS = "approvals:*"


async def _part(name: str, fetch: Awaitable[T], unavailable: list[UnavailablePart]) -> T | None:
    try:
        return await fetch
    except PartUnavailable as missing:
        unavailable.append(UnavailablePart(part=name, reason=missing.reason))
        return None


async def _members(session: AsyncSession, tenant_id: str) -> MembersOut:
    rows = await repo.people_by_role_and_status(session, tenant_id)
    by_role: Counter[str] = Counter()
    by_status: Counter[str] = Counter()
    for row in rows:
        by_role[row.role] += row.count
        by_status[row.status] += row.count
    return MembersOut(
        total=sum(by_role.values()),
        by_role=dict(by_role),
        by_status=dict(by_status),
        by_role_and_status=[RoleStatusCount(role=r.role, status=r.status, count=r.count) for r in rows],
    )


async def _invitations(session: AsyncSession, tenant_id: str, now: datetime) -> InvitationsOut:
    by_role = {r.role: r.count for r in await repo.pending_invitations_by_role(session, tenant_id, now)}
    return InvitationsOut(pending=sum(by_role.values()), pending_by_role=by_role)


async def _agents(session: AsyncSession, tenant_id: str) -> AgentsOut:
    by_status: Counter[str] = Counter()
    by_desired: Counter[str] = Counter()
    for row in await repo.agents_by_status(session, tenant_id):
        by_status[row.status] += row.count
        by_desired[row.desired_state] += row.count
    return AgentsOut(total=sum(by_status.values()), by_status=dict(by_status), by_desired_state=dict(by_desired))


async def tenant_stats(session: AsyncSession, deps: IdentityDeps, ctx: RequestContext) -> TenantStatsOut:
    tenant_id, now = ctx.tenant_id, datetime.now(UTC)
    unavailable: list[UnavailablePart] = []
    sources = deps.dashboard
    # The owners answer over HTTP meanwhile; identity's own counts use the session (one at a time).
    remote = asyncio.gather(
        _part("spend", sources.spend(tenant_id), unavailable),
        _part("approvals", sources.pending_approvals(tenant_id, ctx.subject), unavailable),
        _part("quotas.metered", sources.metered_quotas(tenant_id), unavailable),
    )
    members = await _members(session, tenant_id)
    invitations = await _invitations(session, tenant_id, now)
    agents = await _agents(session, tenant_id)
    own_quotas = [QuotaOut.of(s) for s in await quotas.statuses(session, tenant_id)]
    spend, approvals, metered = await remote
    assert spend is None or isinstance(spend, TenantSpend)
    assert approvals is None or isinstance(approvals, PendingApprovals)
    assert metered is None or isinstance(metered, MeteredQuotas)
    if approvals is not None and not ctx.can(DECIDES_APPROVALS):
        approvals = approvals.model_copy(update={"awaiting_decision": 0})
    return TenantStatsOut(
        tenant_id=tenant_id,
        generated_at=now,
        members=members,
        invitations=invitations,
        agents=agents,
        spend=spend,
        approvals=approvals,
        quotas=[*own_quotas, *(metered.quotas if metered is not None else [])],
        unavailable=sorted(unavailable, key=lambda u: u.part),
    )
