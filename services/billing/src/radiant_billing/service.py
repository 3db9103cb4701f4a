"""Billing rules: settings (with prod approvals), the current period, projections and budgets.

Invoices, Stripe and webhooks live in `invoicing.py`. Functions take the edge's session and never
commit; every state change writes its events to the outbox in the same transaction.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from functools import partial
from typing import Any

from pydantic import ValidationError
from pydantic.alias_generators import to_camel
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.approvals import BillingChange, BillingSettingsChange
from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import BillingPeriod, BillingSettingsUpdated, BudgetThresholdCrossed
from radiant_contracts.permissions import has_permission
from radiant_platform.approvals import CannotExecute, answer_approval, execute_approval
from radiant_platform.audit import record_audit
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError, invalid_fields
from radiant_platform.outbox import enqueue_event

from . import repository as repo
from .calculations import (
    PROJECTION_METHOD,
    PROJECTION_METHOD_DESCRIPTION,
    ModelUsage,
    Period,
    crossed_thresholds,
    merge_usage,
    percent_of,
    period_containing,
    project,
    round_money,
)
from .deps import BillingDeps
from .models import BillingSettings, SettingsChange
from .plans import service as plans
from .plans.pricing import BASE_CURRENCY, convert
from .schemas import (
    BudgetPosition,
    CurrentPeriodOut,
    ModelUsageOut,
    PeriodOut,
    ProjectionOut,
    SettingsChangePending,
    SettingsOut,
    SettingsUpdate,
    UsageTotals,
)

log = logging.getLogger(__name__)
SERVICE = "billing"
SOURCE = service_source(SERVICE)
DEFAULT_THRESHOLDS = [50, 75, 90, 100]
SETTINGS_UPDATE = "billing.settings_update"


# --- settings ------------------------------------------------------------------------------------


def _defaults(tenant_id: str) -> BillingSettings:
    return BillingSettings(
        tenant_id=tenant_id,
        margin_percent=Decimal("20.00"),
        margin_type="fixed",
        tiers=[],
        tax_enabled=False,
        tax_percent=Decimal("0.00"),
        tax_id=None,
        auto_pay=False,
        billing_cycle_day=1,
        currency="USD",
        budget_limit=None,
        alert_thresholds=list(DEFAULT_THRESHOLDS),
    )


def settings_out(row: BillingSettings) -> SettingsOut:
    return SettingsOut.model_validate(row)


async def effective_settings(session: AsyncSession, tenant_id: str) -> BillingSettings:
    return await repo.get_settings(session, tenant_id) or _defaults(tenant_id)


async def get_settings(session: AsyncSession, tenant_id: str) -> SettingsOut:
    return settings_out(await effective_settings(session, tenant_id))


def _state(row: BillingSettings) -> dict[str, Any]:
    """The row in the contract's terms (snake_case, `margin_mode`)."""
    return {
        "margin_percent": row.margin_percent,
        "margin_mode": row.margin_type,
        "tiers": [{"up_to": t.get("up_to"), "margin_percent": t["margin_percent"]} for t in row.tiers or []],
        "tax_enabled": row.tax_enabled,
        "tax_percent": row.tax_percent,
        "tax_id": row.tax_id,
        "currency": row.currency,
        "budget_limit": row.budget_limit,
        "alert_thresholds": list(row.alert_thresholds or DEFAULT_THRESHOLDS),
        "billing_cycle_day": row.billing_cycle_day,
        "auto_pay": row.auto_pay,
    }


def _contract_changes(update: SettingsUpdate) -> dict[str, Any]:
    changes = update.model_dump(exclude_unset=True)
    if "margin_type" in changes:
        changes["margin_mode"] = changes.pop("margin_type")
    if "tiers" in changes and changes["tiers"] is None:
        changes["tiers"] = []
    if "alert_thresholds" in changes:
        changes["alert_thresholds"] = sorted(set(changes["alert_thresholds"]))
    return changes


_CAMEL = {"margin_mode": "marginType"}


def _field_name(loc: tuple[int | str, ...], message: str) -> str:
    """The API's name of the field an error is about (camelCase, as the client sent it)."""
    field = ".".join(_CAMEL.get(str(p), to_camel(str(p))) for p in loc)
    if not field:  # a rule across fields; name the field the rule is about
        field = "tiers" if "tier" in message else "body"
    return field


def _validation_problem(exc: ValidationError) -> ProblemError:
    errors = [(_field_name(tuple(err["loc"]), err["msg"]), err["msg"]) for err in exc.errors(include_url=False)]
    return invalid_fields(*errors, detail="The settings are not valid together")


def merged_settings_event(
    row: BillingSettings, update: SettingsUpdate, updated_by: str | None
) -> BillingSettingsUpdated:
    """The settings as they would be after `update`, validated as a whole (e.g. tiered needs tiers)."""
    try:
        return BillingSettingsUpdated(
            **{**_state(row), **_contract_changes(update)}, effective_at=datetime.now(UTC), updated_by=updated_by
        )
    except ValidationError as exc:
        raise _validation_problem(exc) from None


def _row_values(event: BillingSettingsUpdated) -> dict[str, Any]:
    return {
        "margin_percent": event.margin_percent,
        "margin_type": event.margin_mode,
        "tiers": [
            {"up_to": None if t.up_to is None else str(t.up_to), "margin_percent": str(t.margin_percent)}
            for t in event.tiers
        ],
        "tax_enabled": event.tax_enabled,
        "tax_percent": event.tax_percent,
        "tax_id": event.tax_id,
        "currency": event.currency,
        "budget_limit": event.budget_limit,
        "alert_thresholds": list(event.alert_thresholds),
        "billing_cycle_day": event.billing_cycle_day,
        "auto_pay": event.auto_pay,
    }


def _requested(update: SettingsUpdate) -> dict[str, Any]:
    """The settings the client sent, as it spelled them (what audit events and the 202 show)."""
    return update.model_dump(mode="json", by_alias=True, exclude_unset=True)


async def _store_settings(
    session: AsyncSession, tenant_id: str, update: SettingsUpdate, *, updated_by: str
) -> BillingSettings:
    """Apply `update` to the tenant's settings and publish `billing.settings_updated` (not audited here)."""
    current = await repo.lock_settings(session, tenant_id)
    event = merged_settings_event(current, update, updated_by=updated_by)
    row = await repo.update_settings(session, tenant_id, _row_values(event))
    stored = BillingSettingsUpdated(**_state(row), effective_at=event.effective_at, updated_by=updated_by)
    await enqueue_event(session, make_event(stored, tenant_id=tenant_id, source=SOURCE))
    return row


async def update_settings(
    session: AsyncSession, deps: BillingDeps, ctx: RequestContext, update: SettingsUpdate
) -> SettingsOut | SettingsChangePending:
    """Apply directly, or in a prod tenant file a `billing_change` approval and wait for it."""
    if ctx.environment == "prod":
        return await _file_settings_change(session, deps, ctx, update)
    row = await _store_settings(session, ctx.tenant_id, update, updated_by=ctx.subject)
    await ctx.audit(
        session, SETTINGS_UPDATE, "billing_settings", ctx.tenant_id, details={"changes": _requested(update)}
    )
    return settings_out(row)


def _billing_change(update: SettingsUpdate) -> BillingChange:
    """The typed approval payload of a settings update (refused with field errors if it cannot be one)."""
    try:
        settings = BillingSettingsChange.model_validate(update.model_dump(mode="json", exclude_unset=True))
    except ValidationError as exc:
        raise _validation_problem(exc) from None
    return BillingChange(settings=settings)


async def _file_settings_change(
    session: AsyncSession, deps: BillingDeps, ctx: RequestContext, update: SettingsUpdate
) -> SettingsChangePending:
    tenant_id = ctx.tenant_id
    current = await repo.lock_settings(session, tenant_id)
    merged_settings_event(current, update, updated_by=ctx.subject)  # refuse now what could never apply
    change = _billing_change(update)
    requested = _requested(update)
    change_id = uuid.uuid4()
    await repo.add_settings_change(
        session, change_id=change_id, tenant_id=tenant_id, requested=requested, requested_by=ctx.subject
    )
    approval_id = await deps.approvals.request_billing_change(ctx, change_id=str(change_id), change=change)
    await repo.set_change_approval(session, change_id, approval_id)
    await ctx.audit(
        session,
        SETTINGS_UPDATE,
        "billing_settings",
        tenant_id,
        details={
            "status": "pending_approval",
            "approvalId": approval_id,
            "changeId": str(change_id),
            "changes": requested,
        },
    )
    return SettingsChangePending(
        change_id=change_id, approval_id=approval_id, requested=requested, current=settings_out(current)
    )


# --- approval decisions --------------------------------------------------------------------------


#: What the direct path (`PUT /billing/settings`) requires of the requester, checked again at execution.
SETTINGS_PERMISSION = "billing:*"
NOT_FILED_BY_BILLING = (
    "not filed by billing: no settings change filed through PUT /billing/settings awaits this approval"
)


async def _check_requester(
    deps: BillingDeps, tenant_id: str, approved: ApprovalApproved, filed: SettingsChange
) -> None:
    """The direct path's rules, again, now: the approval is for the administrator who filed the
    change, and they are still an active administrator holding `billing:*`. Identity being down is
    an outage (`DirectoryUnavailable`): the consumer retries, nothing is refused for it."""
    if approved.requested_by != filed.requested_by:
        raise CannotExecute("the approval names another requester than the one who filed the change")
    requester = await deps.administrators.administrator(tenant_id, filed.requested_by)
    if requester is None or requester.status != "active":
        raise CannotExecute("the requesting administrator is no longer active in this tenant")
    if not has_permission(requester.role, SETTINGS_PERMISSION):
        raise CannotExecute(
            f"the requesting administrator no longer holds {SETTINGS_PERMISSION} (role now {requester.role})"
        )


async def _apply_billing_change(
    session: AsyncSession,
    approved: ApprovalApproved,
    change: BillingChange,
    *,
    deps: BillingDeps,
    tenant_id: str,
    filed: SettingsChange,
) -> dict[str, Any]:
    """Apply the settings billing stored when it filed the change (the approval service confirmed the
    decision is for exactly those), as the requester, with the direct path's rules run again here."""
    await _check_requester(deps, tenant_id, approved, filed)
    update = SettingsUpdate.model_validate(filed.requested)
    row = await _store_settings(session, tenant_id, update, updated_by=approved.requested_by)
    requester = Actor(type="admin", id=approved.requested_by)
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=requester,
        action=SETTINGS_UPDATE,
        resource_type="billing_settings",
        resource_id=tenant_id,
        details={"changes": _requested(update), "approvalId": approved.approval_id},
        environment=approved.environment,
    )
    return {"settings": settings_out(row).model_dump(mode="json", by_alias=True)}


async def execute_billing_change(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, approved: ApprovalApproved
) -> None:
    """Apply an approved `billing_change`, answering `approval.executed` or `approval.execution_failed`.

    Only a change billing filed is ever applied: the one stored by PUT /billing/settings behind this
    approval, exactly as stored (whatever the approval's details say), and only while its requester
    still may make it. Any other approved `billing_change` is answered as failed and audited.
    """
    change = await repo.take_pending_change(session, tenant_id=tenant_id, approval_id=approved.approval_id)
    if change is None:
        await _refuse_unfiled(session, tenant_id, approved)
        return
    failure = await execute_approval(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        approved=approved,
        apply=partial(_apply_billing_change, deps=deps, tenant_id=tenant_id, filed=change),
        records=deps.decisions,
    )
    if failure is not None:
        await repo.mark_change_failed(session, change.id, failure)


async def _refuse_unfiled(session: AsyncSession, tenant_id: str, approved: ApprovalApproved) -> None:
    log.warning("approved billing_change %s was not filed by billing; not applied", approved.approval_id)
    await answer_approval(
        session, service=SERVICE, tenant_id=tenant_id, approved=approved, failure=NOT_FILED_BY_BILLING
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=tenant_id,
        actor=Actor(type="admin", id=approved.decided_by),
        action=SETTINGS_UPDATE,
        resource_type="billing_settings",
        resource_id=tenant_id,
        outcome="denied",
        details={"approvalId": approved.approval_id, "reason": NOT_FILED_BY_BILLING},
        environment=approved.environment,
    )


async def close_billing_change(
    session: AsyncSession, tenant_id: str, approval_id: str, resource_id: str | None, outcome: str
) -> None:
    """Rejected, cancelled or expired: the waiting change will never apply."""
    await repo.decide_pending_change(
        session, tenant_id=tenant_id, approval_id=approval_id, change_id=resource_id, status="rejected", reason=outcome
    )


# --- current period, projections, budgets -------------------------------------------------------


async def _period_usage(deps: BillingDeps, tenant_id: str, period: Period, today: date) -> list[ModelUsage]:
    end = min(today, period.end)
    if end < period.start:
        return []
    return merge_usage(await deps.usage.usage(tenant_id, period.start, end))


def _converted(model: ModelUsage, rate: Decimal) -> ModelUsage:
    return replace(
        model, provider_cost=convert(model.provider_cost, rate), billed_cost=convert(model.billed_cost, rate)
    )


async def usage_in_currency(
    session: AsyncSession, deps: BillingDeps, tenant_id: str, period: Period, today: date, currency: str
) -> tuple[list[ModelUsage], Decimal | None]:
    """The period's usage with its costs in `currency`, and the rate used (None: USD).

    Metering prices in USD; a tenant billed in another currency sees `USD x rate` at the rate in
    effect on the period's first day — the rate its invoice for the period will use — never the USD
    figure under its currency's name. Without such a rate, usage cannot be shown in that currency and
    the answer is the same 409 invoicing gives (no usage: nothing to convert, zero in any currency)."""
    models = await _period_usage(deps, tenant_id, period, today)
    if currency == BASE_CURRENCY:
        return models, None
    rate = await plans.rate_for(session, currency, period.start)
    if rate is None:
        if models:
            raise plans.no_rate(currency, period.start)
        return models, None
    return [_converted(m, rate) for m in models], rate


def _budget_position(
    row: BillingSettings, spent: Decimal, projected: Decimal | None, alerted: list[int]
) -> BudgetPosition:
    thresholds = list(row.alert_thresholds or DEFAULT_THRESHOLDS)
    limit = row.budget_limit
    if limit is None:
        return BudgetPosition(
            budget_limit=None,
            spent=spent,
            percent_used=None,
            alert_thresholds=thresholds,
            thresholds_crossed=[],
            status="no_budget",
        )
    crossed = sorted(set(alerted) | set(crossed_thresholds(spent, limit, thresholds)))
    if spent >= limit:
        status = "over_budget"
    elif projected is not None and projected >= limit:
        status = "at_risk"
    else:
        status = "within_budget"
    return BudgetPosition(
        budget_limit=limit,
        spent=spent,
        percent_used=percent_of(spent, limit),
        projected_percent=None if projected is None else percent_of(projected, limit),
        alert_thresholds=thresholds,
        thresholds_crossed=crossed,
        status=status,
    )


def _totals(models: list[ModelUsage], currency: str) -> UsageTotals:
    return UsageTotals(
        request_count=sum(m.request_count for m in models),
        total_tokens=sum(m.total_tokens for m in models),
        provider_cost=round_money(sum((m.provider_cost for m in models), Decimal(0)), currency),
        billed_cost=round_money(sum((m.billed_cost for m in models), Decimal(0)), currency),
    )


async def current_period(session: AsyncSession, deps: BillingDeps, tenant_id: str, today: date) -> CurrentPeriodOut:
    row = await effective_settings(session, tenant_id)
    period = period_containing(today, row.billing_cycle_day)
    models, rate = await usage_in_currency(session, deps, tenant_id, period, today, row.currency)
    totals = _totals(models, row.currency)
    projection = project(period, today, sum((m.billed_cost for m in models), Decimal(0)), row.currency)
    alerted = await repo.alerted_thresholds(session, tenant_id, period.start)
    return CurrentPeriodOut(
        tenant_id=tenant_id,
        period=PeriodOut(start=period.start, end=period.end),
        as_of=today,
        days_elapsed=projection.elapsed_days,
        days_in_period=period.days,
        currency=row.currency,
        exchange_rate=rate,
        models=[ModelUsageOut(**m.__dict__) for m in models],
        totals=totals,
        budget=_budget_position(row, totals.billed_cost, projection.projected_total, alerted),
    )


async def projections(session: AsyncSession, deps: BillingDeps, tenant_id: str, today: date) -> ProjectionOut:
    row = await effective_settings(session, tenant_id)
    period = period_containing(today, row.billing_cycle_day)
    models, rate = await usage_in_currency(session, deps, tenant_id, period, today, row.currency)
    projection = project(period, today, sum((m.billed_cost for m in models), Decimal(0)), row.currency)
    alerted = await repo.alerted_thresholds(session, tenant_id, period.start)
    return ProjectionOut(
        tenant_id=tenant_id,
        period=PeriodOut(start=period.start, end=period.end),
        as_of=today,
        currency=row.currency,
        exchange_rate=rate,
        method=PROJECTION_METHOD,
        method_description=PROJECTION_METHOD_DESCRIPTION,
        days_elapsed=projection.elapsed_days,
        days_in_period=projection.period_days,
        cost_to_date=projection.cost_to_date,
        daily_average=projection.daily_average,
        projected_total=projection.projected_total,
        budget=_budget_position(row, projection.cost_to_date, projection.projected_total, alerted),
    )


async def check_budget(session: AsyncSession, deps: BillingDeps, row: BillingSettings, today: date) -> list[int]:
    """Publish `budget.threshold_crossed` for each threshold crossed for the first time this period."""
    if row.budget_limit is None:
        return []
    period = period_containing(today, row.billing_cycle_day)
    # The budget is in the tenant's currency, so is the cost it is compared with (no rate: a 409 the
    # job logs for this tenant; its thresholds are checked again once an operator records one).
    models, _rate = await usage_in_currency(session, deps, row.tenant_id, period, today, row.currency)
    cost = sum((m.billed_cost for m in models), Decimal(0))
    fired = []
    for threshold in crossed_thresholds(cost, row.budget_limit, row.alert_thresholds or DEFAULT_THRESHOLDS):
        first_time = await repo.record_budget_alert(
            session,
            tenant_id=row.tenant_id,
            period_start=period.start,
            period_end=period.end,
            threshold=threshold,
            budget_limit=row.budget_limit,
            cost=cost,
        )
        if not first_time:
            continue
        fired.append(threshold)
        await enqueue_event(
            session,
            make_event(
                BudgetThresholdCrossed(
                    threshold_percent=threshold,
                    period=BillingPeriod(start=period.start, end=period.end),
                    budget_limit=row.budget_limit,
                    month_to_date_cost=round_money(cost, row.currency),
                    currency=row.currency,
                ),
                tenant_id=row.tenant_id,
                source=SOURCE,
            ),
        )
    return fired


async def record_tenant(
    session: AsyncSession, tenant_id: str, *, app_id: str | None, name: str | None, status: str
) -> None:
    await repo.upsert_tenant_info(session, tenant_id, app_id=app_id, name=name, status=status)
