"""Metering's business rules: ingestion, margins, the model registry, approvals, usage queries."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event
from radiant_contracts.envelope import CloudEvent, service_source
from radiant_contracts.events.approval import ApprovalApproved, ApprovalExecuted, ApprovalExecutionFailed
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import BillingSettingsUpdated
from radiant_contracts.events.usage import UsageRecorded
from radiant_platform.audit import Client, admin_actor, record_audit
from radiant_platform.auth import Principal
from radiant_platform.consumer import Delivery
from radiant_platform.db import after_commit
from radiant_platform.errors import NotFound, ProblemError
from radiant_platform.outbox import enqueue_event

from . import repository as repo
from .models import Model
from .mtd import MonthToDateCounters
from .pricing import MarginBook, PriceBook, cost_units, margin_hundredths

log = logging.getLogger(__name__)

SOURCE = service_source("metering")
SERVICE_NAME = "metering"
MODEL_STATUSES = ("active", "inactive", "deprecated")
# Clock skew tolerated when a caller says "effective now".
_RETROACTIVE_GRACE = timedelta(seconds=60)


# --- who did it (audit) ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RequestContext:
    """The authenticated caller of an HTTP request, as the audit trail records it."""

    principal: Principal
    client: Client

    def actor(self) -> Actor:
        return admin_actor(self.principal, self.client)


async def _audit(session: AsyncSession, tenant_id: str, actor: Actor, action: str, resource_type: str,
                 resource_id: str | None, details: dict[str, Any], environment: str | None = None,
                 outcome: str = "success") -> None:
    await record_audit(session, service="metering", tenant_id=tenant_id, actor=actor, action=action,
                       resource_type=resource_type, resource_id=resource_id, outcome=outcome, details=details,
                       environment=environment)


# --- ingestion ------------------------------------------------------------------------------------


@dataclass(slots=True)
class IngestResult:
    received: int
    staged: int
    month_to_date: list[Any]


@dataclass(slots=True)
class _Sightings:
    events: list[tuple[str, str, UsageRecorded]]  # (tenant, event id, payload), first delivery of each key
    models: dict[str, UsageRecorded]  # model id -> its first payload (to register an unknown model)
    tenant_ids: set[str]


def _first_sightings(deliveries: list[Delivery]) -> _Sightings:
    """The first delivery of each (tenant, request_id) in the batch, and the models and tenants named."""
    seen: set[tuple[str, str]] = set()
    out = []
    models: dict[str, UsageRecorded] = {}
    tenants: set[str] = set()
    for d in deliveries:
        event = d.event
        data: UsageRecorded = event.data  # type: ignore[assignment]
        tenant = event.tenantid
        key = (tenant, data.request_id)
        if key not in seen:
            seen.add(key)
            out.append((tenant, event.id, data))
            tenants.add(tenant)
            if data.model_id not in models:
                models[data.model_id] = data
    return _Sightings(out, models, tenants)


def price_rows(events: list[tuple[str, str, UsageRecorded]], prices: PriceBook, margins: MarginBook) -> list[tuple]:
    """The staging rows (repository `STAGE_INPUTS` order), each event priced at its own time.

    Costs are integer 1e-10 units and the margin is in hundredths (exact; see `pricing.cost_units`).
    """
    rows = []
    append = rows.append
    price_at, margin_at = prices.price_at, margins.margin_at
    hundredths: dict[int, int] = {}  # by identity: a batch sees only a few margin objects
    for tenant_id, event_id, u in events:
        when = u.occurred_at
        price = price_at(u.model_id, when)
        margin = margin_at(tenant_id, when)
        centi = hundredths.get(id(margin))
        if centi is None:
            centi = hundredths[id(margin)] = margin_hundredths(margin)
        provider_units, billed_units = cost_units(u.input_tokens, u.output_tokens, price, margin, centi)
        append((tenant_id, u.request_id, event_id, u.provider_id, u.model_id, u.model_name, u.request_type,
                u.input_tokens, u.output_tokens, u.latency_ms, u.cached, u.phi_detected, u.phi_sanitized,
                u.user_id, u.app_id, u.environment, when, provider_units, billed_units, centi, not price.known))
    return rows


async def ingest_usage(session: AsyncSession, deliveries: list[Delivery],
                       counters: MonthToDateCounters | None = None) -> IngestResult:
    """Dedup on (tenant, request_id), price, store raw events, fold into rollups — one transaction."""
    batch = _first_sightings(deliveries)
    if not batch.events:
        return IngestResult(len(deliveries), 0, [])
    prices = PriceBook(await repo.price_versions(session, sorted(batch.models)))
    margins = MarginBook(await repo.margin_versions(session, sorted(batch.tenant_ids)))
    unknown = [(m, u.provider_id, u.model_name) for m, u in sorted(batch.models.items()) if not prices.knows(m)]
    await repo.register_unknown_models(session, unknown)
    month_to_date = await repo.ingest_usage(session, price_rows(batch.events, prices, margins))
    if counters is not None:
        after_commit(session, lambda: counters.copy_soon(month_to_date))
    return IngestResult(len(deliveries), len(batch.events), month_to_date)


async def reconcile_month_to_date(session: AsyncSession, counters: MonthToDateCounters, today: date) -> int:
    rows = await repo.month_to_date_rows(session, today.replace(day=1))
    await counters.copy(rows)
    return len(rows)


# --- recording over HTTP --------------------------------------------------------------------------


async def record_usage(session: AsyncSession, ctx: RequestContext, items: list[UsageRecorded]) -> list[str]:
    """Put usage on `usage-events` through the outbox; returns the event ids (in order)."""
    tenant = ctx.principal.tenant_id
    ids = []
    for payload in items:
        event = make_event(payload, tenant_id=tenant, source=SOURCE)
        await enqueue_event(session, event)
        ids.append(event.id)
    resource_id = ids[0] if len(ids) == 1 else None
    await _audit(session, tenant, ctx.actor(), "usage.record", "usage_event", resource_id,
                 {"events": len(ids), "request_ids": [p.request_id for p in items][:100]},
                 ctx.principal.environment)
    return ids


# --- margins (billing-events) ---------------------------------------------------------------------


async def apply_billing_settings(session: AsyncSession, event: CloudEvent[BillingSettingsUpdated]) -> None:
    """Keep the margin history: the new margin prices usage that occurred from `effective_at` on."""
    data = event.data
    if data.margin_mode == "tiered":
        log.warning("tenant %s uses tiered margins; metering prices with the base margin %s",
                    event.tenantid, data.margin_percent)
    await repo.upsert_margin(session, event.tenantid, data.effective_at, data.margin_percent, event.id)


# --- model registry -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ModelChange:
    provider_id: str | None = None
    model_name: str | None = None
    status: str | None = None
    input_price_per_million: Decimal | None = None
    output_price_per_million: Decimal | None = None
    effective_from: datetime | None = None

    @property
    def changes_price(self) -> bool:
        return self.input_price_per_million is not None or self.output_price_per_million is not None


class InvalidModelChange(ProblemError):
    def __init__(self, detail: str, field: str) -> None:
        super().__init__(422, detail, title="Validation failed",
                         errors=[{"field": field, "message": detail, "type": "value_error"}])


def current_price(model: Model, now: datetime):
    live = [p for p in model.prices if p.effective_from <= now]
    return live[-1] if live else None


async def change_model(session: AsyncSession, model_id: str, change: ModelChange, actor_id: str,
                       now: datetime | None = None) -> tuple[Model, dict[str, Any]]:
    """Create or update a registry entry; a new price applies from its effective time, never before."""
    now = now or datetime.now(UTC)
    effective_from = change.effective_from or now
    if effective_from < now - _RETROACTIVE_GRACE:
        raise InvalidModelChange("Prices never apply retroactively: effectiveFrom must not be in the past",
                                 "effectiveFrom")
    if change.status is not None and change.status not in MODEL_STATUSES:
        raise InvalidModelChange(f"status must be one of {', '.join(MODEL_STATUSES)}", "status")
    created = False
    model = await repo.get_model(session, model_id, for_update=True)
    if model is None:
        missing = [f for f, v in (("providerId", change.provider_id), ("modelName", change.model_name),
                                  ("inputPricePerMillion", change.input_price_per_million),
                                  ("outputPricePerMillion", change.output_price_per_million)) if v is None]
        if missing:
            raise InvalidModelChange(f"A new model needs {', '.join(missing)}", missing[0])
        created = await repo.create_model(session, model_id, change.provider_id, change.model_name,
                                          change.status or "active", actor_id)
        model = await repo.get_model(session, model_id, for_update=True)
        assert model is not None
    fields: dict[str, Any] = {}
    if change.provider_id is not None and change.provider_id != model.provider_id:
        fields["provider_id"] = change.provider_id
    if change.model_name is not None and change.model_name != model.model_name:
        fields["model_name"] = change.model_name
    status = change.status
    if status is None and model.status == "unregistered" and change.changes_price:
        status = "active"  # pricing a model first seen in usage registers it
    if status is not None and status != model.status:
        fields["status"] = status
    if fields:
        await repo.update_model(session, model_id, fields, actor_id)
    price_change: dict[str, str] = {}
    if change.changes_price:
        base = current_price(model, effective_from)
        price_in = change.input_price_per_million
        price_out = change.output_price_per_million
        if price_in is None:
            price_in = base.input_price_per_million if base else Decimal("1.0")
        if price_out is None:
            price_out = base.output_price_per_million if base else Decimal("2.0")
        await repo.upsert_price(session, model_id, effective_from, price_in, price_out, actor_id)
        price_change = {"input_price_per_million": format(price_in, "f"),
                        "output_price_per_million": format(price_out, "f"),
                        "effective_from": effective_from.isoformat()}
    fresh = await repo.get_model(session, model_id)
    assert fresh is not None
    summary = {"model_id": model_id, "created": created,
               "changed": {k: str(v) for k, v in fields.items()}, **({"price": price_change} if price_change else {})}
    return fresh, summary


async def update_model_over_http(session: AsyncSession, ctx: RequestContext, model_id: str,
                                 change: ModelChange) -> Model:
    model, summary = await change_model(session, model_id, change, ctx.principal.subject)
    await _audit(session, ctx.principal.tenant_id, ctx.actor(), "model.update", "model", model_id, summary,
                 ctx.principal.environment)
    return model


async def list_models(session: AsyncSession) -> list[Model]:
    return await repo.list_models(session)


async def get_model(session: AsyncSession, model_id: str) -> Model:
    model = await repo.get_model(session, model_id)
    if model is None:
        raise NotFound("Model")
    return model


# --- approvals (approval-decisions) ---------------------------------------------------------------

HANDLED_APPROVALS = ("model_activation", "provider_change")


class CannotExecute(Exception):
    """The approved change cannot be applied; the reason is shown on the approval."""


def _detail(details: dict[str, Any], *names: str) -> Any:
    for name in names:
        if details.get(name) is not None:
            return details[name]
    return None


def _decimal_detail(details: dict[str, Any], *names: str) -> Decimal | None:
    value = _detail(details, *names)
    if value is None:
        return None
    if isinstance(value, float) or isinstance(value, bool):
        raise CannotExecute(f"{names[0]} must be a decimal string, not a float")
    try:
        price = Decimal(str(value))
    except ArithmeticError:
        raise CannotExecute(f"{names[0]} is not a number") from None
    if not price.is_finite() or price < 0 or price.as_tuple().exponent < -6:
        raise CannotExecute(f"{names[0]} must be a non-negative price with at most 6 decimal places")
    return price


def _datetime_detail(details: dict[str, Any], *names: str) -> datetime | None:
    value = _detail(details, *names)
    if value is None:
        return None
    try:
        when = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        raise CannotExecute(f"{names[0]} is not an ISO 8601 time") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def change_from_approval(data: ApprovalApproved, now: datetime) -> tuple[str, ModelChange]:
    details = data.details or {}
    model_id = _detail(details, "model_id", "modelId") or data.resource_id
    if not model_id or not isinstance(model_id, str):
        raise CannotExecute("the approval names no model (details.model_id or resource_id)")
    if data.approval_type == "model_activation":
        status = _detail(details, "status")
        if status is None:
            status = "inactive" if data.action.lower() in ("deactivate", "disable", "deactivate_model") else "active"
        if status not in MODEL_STATUSES:
            raise CannotExecute(f"status must be one of {', '.join(MODEL_STATUSES)}")
        return model_id, ModelChange(status=status)
    effective = _datetime_detail(details, "effective_from", "effectiveFrom")
    change = ModelChange(
        provider_id=_detail(details, "provider_id", "providerId"),
        model_name=_detail(details, "model_name", "modelName"),
        input_price_per_million=_decimal_detail(details, "input_price_per_million", "inputPricePerMillion"),
        output_price_per_million=_decimal_detail(details, "output_price_per_million", "outputPricePerMillion"),
        # An approval decided late still never reprices usage that already happened.
        effective_from=max(effective, now) if effective else now,
    )
    if change.provider_id is None and change.model_name is None and not change.changes_price:
        raise CannotExecute("a provider change needs provider_id, model_name or prices in details")
    return model_id, change


async def apply_approval(session: AsyncSession, event: CloudEvent[ApprovalApproved]) -> None:
    """Apply an approved model activation or provider change and answer on approval-decisions."""
    data = event.data
    if data.approval_type not in HANDLED_APPROVALS:
        return
    now = datetime.now(UTC)
    actor = Actor(type="admin", id=data.decided_by)
    try:
        model_id, change = change_from_approval(data, now)
        async with session.begin_nested():  # a failed change leaves nothing half-applied
            if await repo.get_model(session, model_id) is None:
                raise CannotExecute(f"model {model_id!r} is not in the registry")
            _, summary = await change_model(session, model_id, change, data.decided_by, now=now)
    except (CannotExecute, InvalidModelChange) as exc:
        reason = str(exc.detail if isinstance(exc, ProblemError) else exc)
        answer: Any = ApprovalExecutionFailed(approval_id=data.approval_id, approval_type=data.approval_type,
                                              executed_by_service=SERVICE_NAME, reason=reason[:1000])
        await _audit(session, event.tenantid, actor, "approval.execute", "approval", data.approval_id,
                     {"approval_type": data.approval_type, "reason": reason}, data.environment, outcome="failure")
    else:
        answer = ApprovalExecuted(approval_id=data.approval_id, approval_type=data.approval_type,
                                  executed_by_service=SERVICE_NAME, result=summary)
        await _audit(session, event.tenantid, actor, "model.update", "model", model_id,
                     {**summary, "approval_id": data.approval_id}, data.environment)
    await enqueue_event(session, make_event(answer, tenant_id=event.tenantid, source=SOURCE))


# --- reading usage --------------------------------------------------------------------------------


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=30), today


async def rollups(session: AsyncSession, tenant_id: str, start: date, end: date):
    return await repo.rollups_between(session, tenant_id, start, end)


async def summary(session: AsyncSession, tenant_id: str, start: date, end: date):
    return await repo.totals_between(session, tenant_id, start, end)


async def per_model_totals(session: AsyncSession, tenant_id: str, start: date, end: date):
    return await repo.per_model_totals(session, tenant_id, start, end)
