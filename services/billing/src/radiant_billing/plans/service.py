"""Plan and subscription rules: the catalogue (versioned), one subscription per tenant, upgrades
(at once, prorated), downgrades (at the period's end, only if current usage fits; in prod through
approval), renewals, the charges invoices carry, and exchange rates.

Functions take the edge's session and never commit; every change writes `subscription.changed` and
its audit event to the outbox in the same transaction. A tenant's subscription row is locked for
every change, so concurrent upgrades, renewals and approvals of one tenant happen one at a time.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, localcontext
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.approvals import BillingChange, PlanDowngrade
from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import BillingPeriod, PlanLimits, SubscriptionChanged
from radiant_contracts.permissions import has_permission
from radiant_platform.approvals import CannotExecute, answer_approval, execute_approval
from radiant_platform.audit import record_audit
from radiant_platform.context import RequestContext
from radiant_platform.errors import Conflict, NotFound, ProblemError, invalid_fields
from radiant_platform.outbox import enqueue_event

from ..calculations import period_containing, round_money
from ..deps import BillingDeps
from . import repository as repo
from .models import Plan, PlanVersion, Subscription, SubscriptionChange
from .pricing import BASE_CURRENCY, NoPriceInCurrency, convert, days_left, fee_for, price_in, proration
from .schemas import (
    CatalogueOut,
    CatalogueUpdate,
    ChargeOut,
    DowngradeOut,
    ExchangeRateOut,
    ExchangeRatesOut,
    ExchangeRatesUpdate,
    PlanIn,
    PlanLimitsOut,
    PlanOut,
    ProrationOut,
    ScheduledChangeOut,
    SubscriptionOut,
    UpgradeOut,
)
from .usage_counts import TenantUsage

log = logging.getLogger(__name__)
SERVICE = "billing"
SOURCE = service_source(SERVICE)
BILLING_SYSTEM = Actor(type="system", id="billing", name="billing")
#: What the direct path (`POST /admin/billing/upgrade|downgrade`) requires, checked again at execution.
PLAN_CHANGE_PERMISSION = "billing:*"
UPGRADE_URL = "/admin/billing/upgrade"


def _today() -> date:
    return datetime.now(UTC).date()


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=UTC)


# --- catalogue -----------------------------------------------------------------------------------


def _limits(version: PlanVersion) -> PlanLimitsOut:
    return PlanLimitsOut(
        max_users=version.max_users,
        max_agents=version.max_agents,
        max_tokens_per_month=version.max_tokens_per_month,
        max_storage_gb=version.max_storage_gb,
    )


def plan_out(plan: Plan, version: PlanVersion, versions: int) -> PlanOut:
    return PlanOut(
        id=plan.plan_id,
        name=version.name,
        description=version.description,
        rank=plan.rank,
        version=version.version,
        prices={c: Decimal(p) for c, p in sorted(version.prices.items())},
        limits=_limits(version),
        features=list(version.features or []),
        available=plan.available,
        default=plan.is_default,
        versions=versions,
    )


async def catalogue(session: AsyncSession) -> CatalogueOut:
    latest = await repo.latest_versions(session)
    counts = await repo.version_counts(session)
    return CatalogueOut(
        plans=[
            plan_out(p, latest[p.plan_id], counts[p.plan_id]) for p in await repo.plans(session) if p.plan_id in latest
        ]
    )


async def offered_plans(session: AsyncSession) -> CatalogueOut:
    """The plans a tenant may move to: the catalogue's available plans (withdrawn ones stay on the
    subscriptions that have them, but are not offered), lowest rank first."""
    offered = [p for p in (await catalogue(session)).plans if p.available]
    return CatalogueOut(plans=sorted(offered, key=lambda p: p.rank))


def _terms(plan: PlanIn) -> dict[str, Any]:
    """A plan's versioned terms as stored (prices as decimal strings with their scale)."""
    return {
        "name": plan.name,
        "description": plan.description,
        "prices": {c: format(round_money(p, c), "f") for c, p in sorted(plan.prices.items())},
        "max_users": plan.limits.max_users,
        "max_agents": plan.limits.max_agents,
        "max_tokens_per_month": plan.limits.max_tokens_per_month,
        "max_storage_gb": plan.limits.max_storage_gb,
        "features": list(dict.fromkeys(plan.features)),
    }


def _stored_terms(version: PlanVersion) -> dict[str, Any]:
    return {
        "name": version.name,
        "description": version.description,
        "prices": dict(sorted(version.prices.items())),
        "max_users": version.max_users,
        "max_agents": version.max_agents,
        "max_tokens_per_month": version.max_tokens_per_month,
        "max_storage_gb": version.max_storage_gb,
        "features": list(version.features or []),
    }


async def update_catalogue(session: AsyncSession, ctx: RequestContext, update: CatalogueUpdate) -> CatalogueOut:
    """Create or change the plans sent. Changed terms make a new version: new subscriptions and
    upgrades get it now, subscriptions already on the plan from their next period (`renew`)."""
    await repo.lock_catalogue(session)
    latest = await repo.latest_versions(session)
    for plan in update.plans:
        current = latest.get(plan.id)
        existing = await repo.get_plan(session, plan.id)
        available = plan.available if plan.available is not None else (existing.available if existing else True)
        await repo.upsert_plan(session, plan.id, rank=plan.rank, available=available)
        terms = _terms(plan)
        changed = current is None or terms != _stored_terms(current)
        version = current.version if current is not None else 0
        if changed:
            version += 1
            await repo.add_version(
                session, {"plan_id": plan.id, "version": version, "created_by": ctx.subject, **terms}
            )
        if plan.default:
            await repo.set_default(session, plan.id)
        await ctx.audit(
            session,
            "plan.update",
            "plan",
            plan.id,
            details={
                "version": version,
                "newVersion": changed,
                "terms": {**terms, "rank": plan.rank, "available": available, "default": bool(plan.default)},
            },
        )
    if await repo.default_plan(session) is None:
        raise invalid_fields(("plans", "the catalogue needs one default plan (for new tenants)"))
    default = await repo.default_plan(session)
    if default is not None and not default.available:
        raise invalid_fields(("plans", "the default plan must be available"))
    return await catalogue(session)


# --- prices in the tenant's currency -------------------------------------------------------------


async def rate_for(session: AsyncSession, currency: str, day: date) -> Decimal | None:
    """Units of `currency` per USD in effect on `day` (1 for USD); None when none is recorded."""
    if currency == BASE_CURRENCY:
        return Decimal(1)
    row = await repo.rate_on(session, currency, day)
    return None if row is None else Decimal(row.rate)


def no_rate(currency: str, day: date) -> ProblemError:
    return Conflict(
        f"No USD→{currency} exchange rate is in effect on {day.isoformat()}; an operator records one "
        "(PUT /api/v2/saas/billing/exchange-rates) before amounts in this currency can be computed",
        currency=currency,
        day=day.isoformat(),
    )


async def monthly_price(session: AsyncSession, version: PlanVersion, currency: str, day: date) -> Decimal:
    """The plan's price in `currency`: as set for that currency, else its USD price converted at the
    rate in effect on `day` (rounded once) — never the USD figure under another currency's name."""
    try:
        return round_money(price_in(version.prices, currency), currency)
    except NoPriceInCurrency:
        rate = await rate_for(session, currency, day)
        if rate is None:
            raise no_rate(currency, day) from None
        return round_money(convert(price_in(version.prices, BASE_CURRENCY), rate), currency)


# --- subscriptions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Terms:
    plan: Plan
    version: PlanVersion


async def _terms_of(session: AsyncSession, plan_id: str, version: int | None = None) -> _Terms:
    plan = await repo.get_plan(session, plan_id)
    found = (
        await repo.latest_version(session, plan_id)
        if version is None
        else await repo.get_version(session, plan_id, version)
    )
    if plan is None or found is None:
        raise NotFound("Plan")
    return _Terms(plan, found)


def _event(
    sub: Subscription, terms: _Terms, *, change: str, previous_plan: str | None, effective_at: datetime, price: Decimal
) -> SubscriptionChanged:
    v = terms.version
    return SubscriptionChanged(
        subscription_id=sub.tenant_id,
        change=change,
        previous_plan=previous_plan,
        plan=sub.plan_id,
        status=sub.status,
        effective_at=effective_at,
        provider="internal",
        revision=sub.revision,
        plan_name=v.name,
        plan_version=v.version,
        limits=PlanLimits(
            max_users=v.max_users,
            max_agents=v.max_agents,
            max_tokens_per_month=v.max_tokens_per_month,
            max_storage_gb=v.max_storage_gb,
        ),
        features=list(v.features or []),
        period=BillingPeriod(start=sub.period_start, end=sub.period_end),
        currency=sub.currency,
        monthly_price=price,
    )


async def _publish(session: AsyncSession, event: SubscriptionChanged, tenant_id: str) -> None:
    await enqueue_event(session, make_event(event, tenant_id=tenant_id, source=SOURCE))


async def _ledger(
    session: AsyncSession,
    sub: Subscription,
    *,
    kind: str,
    from_plan: str | None,
    from_version: int | None,
    effective_on: date,
    mrr: Decimal,
    proration_amount: Decimal | None = None,
    requested_by: str | None = None,
) -> SubscriptionChange:
    return await repo.add_change(
        session,
        {
            "id": uuid.uuid4(),
            "tenant_id": sub.tenant_id,
            "kind": kind,
            "status": "applied",
            "from_plan": from_plan,
            "from_version": from_version,
            "to_plan": sub.plan_id,
            "to_version": sub.plan_version,
            "effective_on": effective_on,
            "currency": sub.currency,
            "mrr": mrr,
            "proration": proration_amount,
            "requested_by": requested_by,
            "applied_at": datetime.now(UTC),
        },
    )


async def _charge_fee(session: AsyncSession, sub: Subscription, terms: _Terms, price: Decimal, start: date) -> None:
    """The plan's fee for the service days [start, period end] of this period (none when free)."""
    days = (sub.period_end - start).days + 1
    amount = fee_for(price, days, sub.cycle_days, sub.currency)
    if amount <= 0:
        return
    whole = days >= sub.cycle_days
    description = f"{terms.version.name} plan, {start.isoformat()} to {sub.period_end.isoformat()}" + (
        "" if whole else f" ({days} of {sub.cycle_days} days)"
    )
    await repo.add_charge(
        session,
        {
            "id": uuid.uuid4(),
            "tenant_id": sub.tenant_id,
            "kind": "plan_fee",
            "plan_id": sub.plan_id,
            "plan_version": sub.plan_version,
            "description": description,
            "amount": amount,
            "currency": sub.currency,
            "service_start": start,
            "service_end": sub.period_end,
        },
    )


async def ensure_subscription(session: AsyncSession, tenant_id: str, today: date) -> bool:
    """Give the tenant the default plan unless it has a subscription (idempotent: a redelivered
    `tenant.created` changes nothing). True when this call created it."""
    default = await repo.default_plan(session)
    if default is None:
        raise RuntimeError("the plan catalogue has no default plan")
    terms = await _terms_of(session, default.plan_id)
    currency = await repo.tenant_currency(session, tenant_id)
    cycle = period_containing(today, await repo.tenant_cycle_day(session, tenant_id))
    price = await monthly_price(session, terms.version, currency, cycle.start)
    created = await repo.insert_subscription(
        session,
        {
            "tenant_id": tenant_id,
            "plan_id": default.plan_id,
            "plan_version": terms.version.version,
            "status": "active",
            "currency": currency,
            "period_start": today,
            "period_end": cycle.end,
            "cycle_days": cycle.days,
            "revision": 1,
        },
    )
    if not created:
        return False
    sub = await repo.get_subscription(session, tenant_id)
    assert sub is not None
    await _charge_fee(session, sub, terms, price, today)
    await _ledger(session, sub, kind="created", from_plan=None, from_version=None, effective_on=today, mrr=price)
    await _publish(
        session,
        _event(sub, terms, change="created", previous_plan=None, effective_at=datetime.now(UTC), price=price),
        tenant_id,
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=BILLING_SYSTEM,
        action="subscription.create",
        resource_type="subscription",
        resource_id=tenant_id,
        details={
            "plan": default.plan_id,
            "version": terms.version.version,
            "monthlyPrice": str(price),
            "currency": currency,
        },
    )
    return True


async def cancel_subscription(session: AsyncSession, tenant_id: str, today: date) -> bool:
    """The tenant is deleted: its subscription ends (churn in revenue); nothing is charged after."""
    sub = await repo.lock_subscription(session, tenant_id)
    if sub is None or sub.status == "cancelled":
        return False
    terms = await _terms_of(session, sub.plan_id, sub.plan_version)
    sub = await repo.update_subscription(
        session,
        tenant_id,
        status="cancelled",
        revision=sub.revision + 1,
        scheduled_plan_id=None,
        scheduled_change_id=None,
    )
    await _ledger(
        session,
        sub,
        kind="cancelled",
        from_plan=sub.plan_id,
        from_version=sub.plan_version,
        effective_on=today,
        mrr=Decimal(0),
    )
    await _publish(
        session,
        _event(
            sub, terms, change="cancelled", previous_plan=sub.plan_id, effective_at=datetime.now(UTC), price=Decimal(0)
        ),
        tenant_id,
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=BILLING_SYSTEM,
        action="subscription.cancel",
        resource_type="subscription",
        resource_id=tenant_id,
        details={"plan": sub.plan_id, "reason": "tenant deleted"},
    )
    return True


async def renew(session: AsyncSession, tenant_id: str, today: date) -> int:
    """Move a subscription whose period ended into the period containing today, one period at a
    time: a scheduled downgrade takes effect, the plan's newest version prices the new period, its
    fee is charged and `subscription.changed` published. Returns the periods renewed."""
    sub = await repo.lock_subscription(session, tenant_id)
    renewed = 0
    while sub is not None and sub.status != "cancelled" and sub.period_end < today:
        sub = await _renew_once(session, sub)
        renewed += 1
    return renewed


async def _renew_once(session: AsyncSession, sub: Subscription) -> Subscription:
    start = sub.period_end + timedelta(days=1)
    cycle = period_containing(start, await repo.tenant_cycle_day(session, sub.tenant_id))
    currency = await repo.tenant_currency(session, sub.tenant_id)
    previous_plan, previous_version = sub.plan_id, sub.plan_version
    scheduled = sub.scheduled_change_id
    plan_id = sub.scheduled_plan_id or sub.plan_id
    terms = await _terms_of(session, plan_id)
    price = await monthly_price(session, terms.version, currency, start)
    sub = await repo.update_subscription(
        session,
        sub.tenant_id,
        plan_id=plan_id,
        plan_version=terms.version.version,
        currency=currency,
        period_start=start,
        period_end=cycle.end,
        cycle_days=cycle.days,
        revision=sub.revision + 1,
        scheduled_plan_id=None,
        scheduled_change_id=None,
    )
    kind = "downgrade" if scheduled is not None else "renewed"
    if scheduled is not None:
        await repo.set_change(
            session, scheduled, status="applied", to_version=sub.plan_version, mrr=price, applied_at=datetime.now(UTC)
        )
    else:
        await _ledger(
            session,
            sub,
            kind="renewed",
            from_plan=previous_plan,
            from_version=previous_version,
            effective_on=start,
            mrr=price,
        )
    await _charge_fee(session, sub, terms, price, start)
    await _publish(
        session,
        _event(sub, terms, change=kind, previous_plan=previous_plan, effective_at=_start_of(start), price=price),
        sub.tenant_id,
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=sub.tenant_id,
        actor=BILLING_SYSTEM,
        action="subscription.renew" if scheduled is None else "billing.downgrade",
        resource_type="subscription",
        resource_id=sub.tenant_id,
        details={
            "fromPlan": previous_plan,
            "plan": plan_id,
            "version": sub.plan_version,
            "periodStart": start.isoformat(),
            "periodEnd": cycle.end.isoformat(),
            "monthlyPrice": str(price),
            "currency": currency,
            **({"status": "applied", "changeId": str(scheduled)} if scheduled is not None else {}),
        },
    )
    return sub


async def _current(session: AsyncSession, tenant_id: str, today: date) -> Subscription:
    """The tenant's subscription, locked and renewed up to today (created with the default plan
    if the tenant predates plans and the backfill has not reached it yet)."""
    if await repo.get_subscription(session, tenant_id) is None:
        await ensure_subscription(session, tenant_id, today)
    await renew(session, tenant_id, today)
    sub = await repo.lock_subscription(session, tenant_id)
    assert sub is not None
    if sub.status == "cancelled":
        raise Conflict("The subscription is cancelled")
    return sub


async def subscription_out(session: AsyncSession, sub: Subscription) -> SubscriptionOut:
    terms = await _terms_of(session, sub.plan_id, sub.plan_version)
    counts = await repo.version_counts(session)
    price = await monthly_price(session, terms.version, sub.currency, sub.period_start)
    scheduled = None
    if sub.scheduled_change_id is not None:
        change = await repo.get_change(session, sub.scheduled_change_id)
        if change is not None:
            scheduled = ScheduledChangeOut(
                change_id=change.id,
                plan=change.to_plan,
                effective_on=change.effective_on,
                status="scheduled",
                approval_id=change.approval_id,
            )
    charges = await repo.uninvoiced_charges(session, sub.tenant_id)
    return SubscriptionOut(
        tenant_id=sub.tenant_id,
        plan=plan_out(terms.plan, terms.version, counts.get(sub.plan_id, 1)),
        plan_version=sub.plan_version,
        status=sub.status,
        currency=sub.currency,
        monthly_price=price,
        period_start=sub.period_start,
        period_end=sub.period_end,
        revision=sub.revision,
        scheduled_change=scheduled,
        uninvoiced_charges=[
            ChargeOut(
                kind=c.kind,
                description=c.description,
                amount=c.amount,
                currency=c.currency,
                service_start=c.service_start,
                service_end=c.service_end,
            )
            for c in charges
        ],
    )


async def get_subscription(session: AsyncSession, tenant_id: str) -> SubscriptionOut:
    sub = await repo.get_subscription(session, tenant_id)
    if sub is None:
        raise NotFound("Subscription")
    return await subscription_out(session, sub)


async def _target(session: AsyncSession, plan_id: str) -> _Terms:
    plan = await repo.get_plan(session, plan_id)
    if plan is None or not plan.available:
        raise invalid_fields(("plan", "no such plan is offered"), detail=f"Plan '{plan_id}' is not offered")
    return await _terms_of(session, plan_id)


# --- upgrade -------------------------------------------------------------------------------------


async def upgrade(session: AsyncSession, ctx: RequestContext, plan_id: str, today: date) -> UpgradeOut:
    """Move to a higher plan at once. The rest of the period is charged at the difference, prorated
    (a line of the next invoice); a downgrade that was scheduled is superseded."""
    sub = await _current(session, ctx.tenant_id, today)
    current = await _terms_of(session, sub.plan_id, sub.plan_version)
    target = await _target(session, plan_id)
    if target.plan.rank <= current.plan.rank:
        raise Conflict(
            f"'{plan_id}' is not above the current plan '{sub.plan_id}'; use POST /admin/billing/downgrade",
            currentPlan=sub.plan_id,
        )
    old_price = await monthly_price(session, current.version, sub.currency, sub.period_start)
    new_price = await monthly_price(session, target.version, sub.currency, sub.period_start)
    left = days_left(today, sub.period_end)
    amount = proration(old_price, new_price, left, sub.cycle_days, sub.currency)
    if sub.scheduled_change_id is not None:
        await repo.set_change(
            session, sub.scheduled_change_id, status="superseded", reason="upgraded before it applied"
        )
    previous_plan, previous_version = sub.plan_id, sub.plan_version
    sub = await repo.update_subscription(
        session,
        sub.tenant_id,
        plan_id=plan_id,
        plan_version=target.version.version,
        revision=sub.revision + 1,
        scheduled_plan_id=None,
        scheduled_change_id=None,
    )
    change = await _ledger(
        session,
        sub,
        kind="upgrade",
        from_plan=previous_plan,
        from_version=previous_version,
        effective_on=today,
        mrr=new_price,
        proration_amount=amount,
        requested_by=ctx.subject,
    )
    if amount > 0:
        await repo.add_charge(
            session,
            {
                "id": uuid.uuid4(),
                "tenant_id": sub.tenant_id,
                "change_id": change.id,
                "kind": "proration",
                "plan_id": sub.plan_id,
                "plan_version": sub.plan_version,
                "description": (
                    f"Upgrade {current.version.name} → {target.version.name}, {today.isoformat()} to "
                    f"{sub.period_end.isoformat()} ({left} of {sub.cycle_days} days)"
                ),
                "amount": amount,
                "currency": sub.currency,
                "service_start": today,
                "service_end": sub.period_end,
            },
        )
    await _publish(
        session,
        _event(
            sub, target, change="upgrade", previous_plan=previous_plan, effective_at=datetime.now(UTC), price=new_price
        ),
        sub.tenant_id,
    )
    result = ProrationOut(
        amount=amount,
        currency=sub.currency,
        old_price=old_price,
        new_price=new_price,
        days_left=left,
        cycle_days=sub.cycle_days,
        service_start=today,
        service_end=sub.period_end,
    )
    await ctx.audit(
        session,
        "billing.upgrade",
        "subscription",
        sub.tenant_id,
        details={
            "fromPlan": previous_plan,
            "toPlan": plan_id,
            "version": sub.plan_version,
            "proration": result.model_dump(mode="json", by_alias=True),
        },
    )
    return UpgradeOut(subscription=await subscription_out(session, sub), proration=result)


# --- downgrade -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LimitExceeded:
    limit: str
    resource: str
    current: int
    allowed: int


def exceeded_limits(usage: TenantUsage, version: PlanVersion) -> tuple[list[LimitExceeded], list[str]]:
    """The limits of `version` that current usage exceeds, and the limits that could not be checked
    (their count is unknown). A limit of null is unlimited; usage equal to a limit fits."""
    checks = (
        ("max_users", "users", usage.users, version.max_users),
        ("max_agents", "agents", usage.agents, version.max_agents),
        ("max_tokens_per_month", "tokens", usage.tokens_this_month, version.max_tokens_per_month),
        ("max_storage_gb", "storage", usage.storage_gb, version.max_storage_gb),
    )
    exceeded, unverified = [], []
    for limit, resource, current, allowed in checks:
        if allowed is None:
            continue
        if current is None:
            unverified.append(limit)
        elif current > allowed:
            exceeded.append(LimitExceeded(limit, resource, current, allowed))
    return exceeded, unverified


def does_not_fit(plan_id: str, exceeded: list[LimitExceeded]) -> ProblemError:
    return ProblemError(
        409,
        f"Current usage exceeds the limits of plan '{plan_id}': "
        + "; ".join(f"{e.current} {e.resource} on a plan of {e.allowed}" for e in exceeded),
        title="Usage exceeds the plan's limits",
        type_="urn:radiant:problem:plan-limits-exceeded",
        plan=plan_id,
        exceeded=[
            {"limit": e.limit, "resource": e.resource, "current": e.current, "allowed": e.allowed} for e in exceeded
        ],
    )


async def _fits(deps: BillingDeps, tenant_id: str, target: _Terms, today: date) -> list[str]:
    """Refuse (409) when current usage exceeds a limit of the target; the limits not verifiable."""
    if deps.tenant_usage is None:
        raise RuntimeError("billing has no source of the tenant's current usage")
    usage = await deps.tenant_usage.current(tenant_id, today)
    exceeded, unverified = exceeded_limits(usage, target.version)
    if exceeded:
        raise does_not_fit(target.plan.plan_id, exceeded)
    return unverified


async def downgrade(
    session: AsyncSession, deps: BillingDeps, ctx: RequestContext, plan_id: str, today: date
) -> DowngradeOut:
    """Move to a lower plan from the next period, if current usage fits its limits; in a prod
    tenant the change waits for approval first (filed here, executed by `execute_downgrade`)."""
    sub = await _current(session, ctx.tenant_id, today)
    current = await _terms_of(session, sub.plan_id, sub.plan_version)
    target = await _target(session, plan_id)
    if target.plan.rank >= current.plan.rank:
        raise Conflict(
            f"'{plan_id}' is not below the current plan '{sub.plan_id}'; use POST /admin/billing/upgrade",
            currentPlan=sub.plan_id,
        )
    unverified = await _fits(deps, ctx.tenant_id, target, today)
    effective_on = sub.period_end + timedelta(days=1)
    change_id = uuid.uuid4()
    pending = ctx.environment == "prod"
    await repo.add_change(
        session,
        {
            "id": change_id,
            "tenant_id": sub.tenant_id,
            "kind": "downgrade",
            "status": "pending_approval" if pending else "scheduled",
            "from_plan": sub.plan_id,
            "from_version": sub.plan_version,
            "to_plan": plan_id,
            "effective_on": effective_on,
            "currency": sub.currency,
            "requested_by": ctx.subject,
        },
    )
    approval_id = None
    if pending:
        change = BillingChange(
            plan_downgrade=PlanDowngrade(
                change_id=str(change_id), from_plan=sub.plan_id, to_plan=plan_id, effective_on=effective_on
            )
        )
        approval_id = await deps.approvals.request_plan_downgrade(ctx, change_id=str(change_id), change=change)
        await repo.set_change(session, change_id, approval_id=approval_id)
    else:
        sub = await _schedule(session, sub, change_id, plan_id)
    await ctx.audit(
        session,
        "billing.downgrade",
        "subscription",
        sub.tenant_id,
        details={
            "status": "pending_approval" if pending else "scheduled",
            "fromPlan": current.plan.plan_id,
            "toPlan": plan_id,
            "effectiveOn": effective_on.isoformat(),
            "changeId": str(change_id),
            "approvalId": approval_id,
            "unverifiedLimits": unverified,
        },
    )
    return DowngradeOut(
        status="pending_approval" if pending else "scheduled",
        change_id=change_id,
        plan=plan_id,
        effective_on=effective_on,
        approval_id=approval_id,
        subscription=await subscription_out(session, sub),
    )


async def _schedule(session: AsyncSession, sub: Subscription, change_id: uuid.UUID, plan_id: str) -> Subscription:
    """The downgrade applies at the next renewal; one scheduled at a time (a newer one supersedes)."""
    if sub.scheduled_change_id is not None and sub.scheduled_change_id != change_id:
        await repo.set_change(session, sub.scheduled_change_id, status="superseded", reason="another downgrade asked")
    await repo.set_change(session, change_id, status="scheduled")
    return await repo.update_subscription(
        session, sub.tenant_id, scheduled_plan_id=plan_id, scheduled_change_id=change_id
    )


NOT_FILED = "not filed by billing: no plan downgrade filed through POST /admin/billing/downgrade awaits this approval"


async def execute_downgrade(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, approved: ApprovalApproved
) -> None:
    """Carry out an approved downgrade billing filed, exactly as filed, with the direct path's rules
    run again now (requester still holds billing:*, tenant still on the plan, usage still fits)."""
    change = await repo.take_pending_change(session, tenant_id, approved.approval_id)
    if change is None:
        await answer_approval(session, service=SERVICE, tenant_id=tenant_id, approved=approved, failure=NOT_FILED)
        return
    failure = await execute_approval(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        approved=approved,
        apply=partial(_apply_downgrade, deps=deps, tenant_id=tenant_id, filed=change),
        records=deps.decisions,
    )
    if failure is not None:
        await repo.set_change(session, change.id, status="failed", reason=failure[:1000])


async def _apply_downgrade(
    session: AsyncSession,
    approved: ApprovalApproved,
    details: Any,
    *,
    deps: BillingDeps,
    tenant_id: str,
    filed: SubscriptionChange,
) -> dict[str, Any]:
    if approved.requested_by != filed.requested_by:
        raise CannotExecute("the approval names another requester than the one who filed the downgrade")
    requester = await deps.administrators.administrator(tenant_id, filed.requested_by or "")
    if requester is None or requester.status != "active":
        raise CannotExecute("the requesting administrator is no longer active in this tenant")
    if not has_permission(requester.role, PLAN_CHANGE_PERMISSION):
        raise CannotExecute(f"the requesting administrator no longer holds {PLAN_CHANGE_PERMISSION}")
    today = _today()
    sub = await _current(session, tenant_id, today)
    if sub.plan_id != filed.from_plan:
        raise CannotExecute(f"the tenant is no longer on '{filed.from_plan}' (now '{sub.plan_id}')")
    target = await _target(session, filed.to_plan)
    await _fits(deps, tenant_id, target, today)
    effective_on = sub.period_end + timedelta(days=1)
    await repo.set_change(session, filed.id, effective_on=effective_on)
    await _schedule(session, sub, filed.id, filed.to_plan)
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=Actor(type="admin", id=approved.requested_by),
        action="billing.downgrade",
        resource_type="subscription",
        resource_id=tenant_id,
        environment=approved.environment,
        details={
            "status": "scheduled",
            "fromPlan": filed.from_plan,
            "toPlan": filed.to_plan,
            "effectiveOn": effective_on.isoformat(),
            "changeId": str(filed.id),
            "approvalId": approved.approval_id,
        },
    )
    return {"plan": filed.to_plan, "effectiveOn": effective_on.isoformat(), "changeId": str(filed.id)}


async def close_downgrade(session: AsyncSession, tenant_id: str, approval_id: str, outcome: str) -> None:
    """Rejected, cancelled or expired: the downgrade will never apply."""
    change = await repo.take_pending_change(session, tenant_id, approval_id)
    if change is not None:
        await repo.set_change(session, change.id, status="rejected", reason=outcome)


def is_plan_downgrade(details: dict[str, Any]) -> bool:
    return isinstance(details, dict) and ("plan_downgrade" in details or "planDowngrade" in details)


# --- invoice lines -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanLine:
    charge_id: uuid.UUID
    kind: str
    plan_id: str
    description: str
    amount: Decimal


async def plan_lines(
    session: AsyncSession, tenant_id: str, period_end: date, currency: str, rate_day: date
) -> list[PlanLine]:
    """The plan fees and prorations not on an invoice yet whose service began by `period_end`,
    locked until the invoice that carries them is written (`mark_invoiced`), in `currency`.

    A charge made in another currency (the tenant changed its currency after the period's fee or an
    upgrade was charged) is converted at the rates in effect on `rate_day` — the day the invoice's
    usage is converted at — rounded once, its original amount named in the line; without those
    rates the invoice is refused (409) as for usage, so a charge is never dropped nor relabelled."""
    lines = []
    for c in await repo.open_charges(session, tenant_id, period_end):
        amount, description = Decimal(c.amount), c.description
        if c.currency != currency:
            amount = await _converted_charge(session, amount, c.currency, currency, rate_day)
            description = f"{description} ({Decimal(c.amount)} {c.currency})"
        lines.append(PlanLine(charge_id=c.id, kind=c.kind, plan_id=c.plan_id, description=description, amount=amount))
    return lines


async def _converted_charge(session: AsyncSession, amount: Decimal, source: str, target: str, day: date) -> Decimal:
    """`amount` of `source` in `target` through their USD rates on `day` (each units per USD)."""
    from_rate = await rate_for(session, source, day)
    if from_rate is None:
        raise no_rate(source, day)
    to_rate = await rate_for(session, target, day)
    if to_rate is None:
        raise no_rate(target, day)
    with localcontext() as ctx:
        ctx.prec = 50
        return round_money(amount / from_rate * to_rate, target)


async def mark_invoiced(session: AsyncSession, lines: list[PlanLine], invoice_id: uuid.UUID) -> None:
    await repo.mark_invoiced(session, [line.charge_id for line in lines], invoice_id)


async def plan_of(session: AsyncSession, tenant_id: str) -> str | None:
    sub = await repo.get_subscription(session, tenant_id)
    return None if sub is None else sub.plan_id


# --- exchange rates ------------------------------------------------------------------------------


def _rate_out(row: Any) -> ExchangeRateOut:
    return ExchangeRateOut(
        currency=row.currency,
        rate=Decimal(row.rate),
        effective_from=row.effective_from,
        source=row.source,
        created_by=row.created_by,
    )


async def exchange_rates(session: AsyncSession, currency: str | None, limit: int) -> ExchangeRatesOut:
    return ExchangeRatesOut(rates=[_rate_out(r) for r in await repo.rates(session, currency, limit)])


async def update_exchange_rates(
    session: AsyncSession, ctx: RequestContext, update: ExchangeRatesUpdate, today: date
) -> ExchangeRatesOut:
    """Record rates from their effective date on. A rate never applies to a day already past: the
    amounts of periods that began are not recomputed behind the tenant's back."""
    errors = [
        (f"rates.{i}.effectiveFrom", "must not be in the past (a rate never applies retroactively)")
        for i, r in enumerate(update.rates)
        if r.effective_from < today
    ]
    keys = [(r.currency, r.effective_from) for r in update.rates]
    if len(set(keys)) != len(keys):
        errors.append(("rates", "each (currency, effectiveFrom) once"))
    if errors:
        raise invalid_fields(*errors)
    for r in update.rates:
        await repo.upsert_rate(
            session,
            {
                "currency": r.currency,
                "effective_from": r.effective_from,
                "rate": r.rate,
                "source": r.source,
                "created_by": ctx.subject,
            },
        )
    await ctx.audit(
        session,
        "exchange_rate.update",
        "exchange_rates",
        None,
        details={"rates": [r.model_dump(mode="json", by_alias=True) for r in update.rates]},
    )
    currencies = sorted({r.currency for r in update.rates})
    rows = [r for c in currencies for r in await repo.rates(session, c, 20)]
    return ExchangeRatesOut(rates=[_rate_out(r) for r in rows])
