"""Metering's business rules: ingestion, margins, the model registry, approvals, usage queries, storage."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event
from radiant_contracts.approvals import ModelActivation, ProviderChange
from radiant_contracts.envelope import CloudEvent, service_source
from radiant_contracts.events.approval import ApprovalApproved
from radiant_contracts.events.audit import Actor
from radiant_contracts.events.billing import BillingSettingsUpdated
from radiant_contracts.events.tenant import TenantDeleted, TenantReactivated, TenantSuspended
from radiant_contracts.events.usage import UsageRecorded
from radiant_platform.approvals import CannotExecute, DecisionRecords, answer_approval, execute_approval
from radiant_platform.audit import record_audit
from radiant_platform.auth import PLATFORM_TENANT
from radiant_platform.consumer import Delivery
from radiant_platform.context import RequestContext
from radiant_platform.db import after_commit
from radiant_platform.errors import Conflict, NotFound, ProblemError, invalid_fields
from radiant_platform.outbox import enqueue_events

from . import registry_approvals
from . import repository as repo
from .catalogue import Catalogue, SkippedEntry
from .models import Model, ModelPrice, UsageRollup
from .mtd import MonthToDateCounters
from .pricing import MarginBook, PriceBook, cost_units, margin_hundredths
from .quotas import service as quotas
from .suspensions import SuspensionBook

log = logging.getLogger(__name__)

SERVICE_NAME = "metering"
SOURCE = service_source(SERVICE_NAME)
MODEL_STATUSES = ("active", "inactive", "deprecated")
# Clock skew tolerated when a caller says "effective now".
_RETROACTIVE_GRACE = timedelta(seconds=60)


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
        data: UsageRecorded = event.data
        tenant = event.tenantid
        key = (tenant, data.request_id)
        if key not in seen:
            seen.add(key)
            out.append((tenant, event.id, data))
            tenants.add(tenant)
            if data.model_id not in models:
                models[data.model_id] = data
    return _Sightings(out, models, tenants)


def price_rows(
    events: list[tuple[str, str, UsageRecorded]], prices: PriceBook, margins: MarginBook
) -> list[tuple[Any, ...]]:
    """The staging rows (repository `STAGE_INPUTS` order), each event priced at its own time.

    Costs are integer 1e-10 units and the margin is in hundredths (exact; see `pricing.cost_units`).
    """
    rows: list[tuple[Any, ...]] = []
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
        append(
            (
                tenant_id,
                u.request_id,
                event_id,
                u.provider_id,
                u.model_id,
                u.model_name,
                u.request_type,
                u.input_tokens,
                u.output_tokens,
                u.latency_ms,
                u.cached,
                u.phi_detected,
                u.phi_sanitized,
                u.user_id,
                u.app_id,
                u.environment,
                when,
                provider_units,
                billed_units,
                centi,
                not price.known,
            )
        )
    return rows


async def ingest_usage(
    session: AsyncSession, deliveries: list[Delivery], counters: MonthToDateCounters | None = None
) -> IngestResult:
    """Dedup on (tenant, request_id), price, store raw events, fold into rollups — one transaction.
    Storage gauges (`storage.reported`, on the same topic) are kept in the same transaction; the
    token quota flags and thresholds, and tiered margins, are `quotas.service`'s."""
    usage, storage_reports = quotas.split_storage_reports(deliveries)
    if storage_reports:
        await quotas.record_storage_reports(session, storage_reports)
    batch = _first_sightings(usage)
    if not batch.events:
        return IngestResult(len(deliveries), 0, [])
    prices = PriceBook(await repo.price_versions(session, sorted(batch.models)))
    margins = MarginBook(await repo.margin_versions(session, sorted(batch.tenant_ids)))
    unknown = [(m, u.provider_id, u.model_name) for m, u in sorted(batch.models.items()) if not prices.knows(m)]
    await repo.register_unknown_models(session, unknown)
    suspensions = SuspensionBook(await repo.suspension_intervals(session, sorted(batch.tenant_ids)))
    rows, batch_quotas = await quotas.prepare_ingest(session, price_rows(batch.events, prices, margins), prices)
    month_to_date = await repo.ingest_usage(
        session,
        rows,
        suspended_flags(batch.events, suspensions),
        [u.agent_id for _, _, u in batch.events],
        batch_quotas.over_quota,
    )
    await quotas.finish_ingest(session, batch_quotas, month_to_date)
    if counters is not None:
        after_commit(session, lambda: counters.copy_soon(month_to_date))
    return IngestResult(len(deliveries), len(batch.events), month_to_date)


def suspended_flags(events: list[tuple[str, str, UsageRecorded]], book: SuspensionBook) -> list[bool] | None:
    """Per event: did it occur while its tenant was suspended? None when no tenant of the batch ever was."""
    if not book:
        return None
    return [book.suspended_at(tenant_id, u.occurred_at) for tenant_id, _, u in events]


async def reconcile_month_to_date(session: AsyncSession, counters: MonthToDateCounters, today: date) -> int:
    """Copy every tenant's month-to-date totals to Redis, then mark the copy complete (mtd.py)."""
    token = await counters.mark.begin()
    rows = await repo.month_to_date_rows(session, today.replace(day=1))
    if await counters.copy(rows):
        await counters.mark.complete(token)
    return len(rows)


# --- recording over HTTP --------------------------------------------------------------------------


async def record_usage(session: AsyncSession, ctx: RequestContext, items: list[UsageRecorded]) -> list[str]:
    """Put usage on `usage-events` through the outbox; returns the event ids (in order)."""
    events = [make_event(payload, tenant_id=ctx.tenant_id, source=SOURCE) for payload in items]
    await enqueue_events(session, events)
    ids = [event.id for event in events]
    resource_id = ids[0] if len(ids) == 1 else None
    await ctx.audit(
        session,
        "usage.record",
        "usage_event",
        resource_id,
        details={"events": len(ids), "request_ids": [p.request_id for p in items][:100]},
    )
    return ids


# --- margins (billing-events) ---------------------------------------------------------------------


async def apply_billing_settings(session: AsyncSession, event: CloudEvent[BillingSettingsUpdated]) -> None:
    """Keep the margin history: the new margin prices usage that occurred from `effective_at` on."""
    data = event.data
    await repo.upsert_margin(session, event.tenantid, data.effective_at, data.margin_percent, event.id)
    # Tiered margins price usage from the same effective time (quotas.service.prepare_ingest).
    tiers = [t.model_dump(mode="json") for t in data.tiers] if data.margin_mode == "tiered" else []
    await quotas.record_margin_mode(session, event.tenantid, data.effective_at, data.margin_mode, tiers)


# --- tenants' status (tenant-events) --------------------------------------------------------------


async def apply_tenant_status(
    session: AsyncSession,
    event: CloudEvent[TenantSuspended] | CloudEvent[TenantReactivated] | CloudEvent[TenantDeleted],
) -> None:
    """Keep metering's copy of the tenant's suspensions: from the event's time on, its usage is flagged
    (a deleted tenant counts as suspended, as identity treats it); reactivation ends the interval."""
    if isinstance(event.data, TenantReactivated):
        await repo.close_suspension(session, event.tenantid, event.time)
    else:
        await repo.open_suspension(session, event.tenantid, event.time, event.id)


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


def _invalid_change(field: str, message: str) -> ProblemError:
    return invalid_fields((field, message), detail=message)


def current_price(model: Model, now: datetime) -> ModelPrice | None:
    live = [p for p in model.prices if p.effective_from <= now]
    return live[-1] if live else None


async def _register_model(session: AsyncSession, model_id: str, change: ModelChange, actor_id: str) -> bool:
    """A model new to the registry needs a provider, a name and both prices; True when this call created it."""
    missing = [
        f
        for f, v in (
            ("providerId", change.provider_id),
            ("modelName", change.model_name),
            ("inputPricePerMillion", change.input_price_per_million),
            ("outputPricePerMillion", change.output_price_per_million),
        )
        if v is None
    ]
    if missing or change.provider_id is None or change.model_name is None:  # (the last two: for mypy)
        raise _invalid_change(missing[0], f"A new model needs {', '.join(missing)}")
    return await repo.create_model(
        session, model_id, change.provider_id, change.model_name, change.status or "active", actor_id
    )


async def change_model(
    session: AsyncSession, model_id: str, change: ModelChange, actor_id: str, now: datetime | None = None
) -> tuple[Model, dict[str, Any]]:
    """Create or update a registry entry; a new price applies from its effective time, never before."""
    now = now or datetime.now(UTC)
    effective_from = change.effective_from or now
    if effective_from < now - _RETROACTIVE_GRACE:
        raise _invalid_change(
            "effectiveFrom", "Prices never apply retroactively: effectiveFrom must not be in the past"
        )
    if change.status is not None and change.status not in MODEL_STATUSES:
        raise _invalid_change("status", f"status must be one of {', '.join(MODEL_STATUSES)}")
    created = False
    model = await repo.get_model(session, model_id, for_update=True)
    if model is None:
        created = await _register_model(session, model_id, change, actor_id)
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
        price_change = {
            "input_price_per_million": format(price_in, "f"),
            "output_price_per_million": format(price_out, "f"),
            "effective_from": effective_from.isoformat(),
        }
    fresh = await repo.get_model(session, model_id)
    assert fresh is not None
    summary = {
        "model_id": model_id,
        "created": created,
        "changed": {k: str(v) for k, v in fields.items()},
        **({"price": price_change} if price_change else {}),
    }
    return fresh, summary


async def update_model_over_http(
    session: AsyncSession, ctx: RequestContext, model_id: str, change: ModelChange
) -> Model:
    existing = await repo.get_model(session, model_id, for_update=True)
    refusal = registry_approvals.direct_edit_refusal(
        existing.status if existing else None,
        existing.provider_id if existing else None,
        change.status,
        change.provider_id,
    )
    if refusal is not None:
        raise Conflict(refusal, approvalType="model_activation" if "activation" in refusal else "provider_change")
    model, summary = await change_model(session, model_id, change, ctx.subject)
    await ctx.audit(session, "model.update", "model", model_id, details=summary)
    return model


async def list_models(session: AsyncSession) -> list[Model]:
    return await repo.list_models(session)


async def get_model(session: AsyncSession, model_id: str) -> Model:
    model = await repo.get_model(session, model_id)
    if model is None:
        raise NotFound("Model")
    return model


# --- catalogue import (operators: `radiant prices import`, POST /saas/models/import) --------------

#: How many of an import's changes its audit event lists (the counts are always complete).
AUDITED_CHANGES = 100


@dataclass(frozen=True, slots=True)
class PriceChange:
    """What an import does to one model: `create` it, or `reprice` it (a new version from the import's time)."""

    model_id: str
    action: str
    provider_id: str
    model_name: str
    before: tuple[Decimal, Decimal] | None
    after: tuple[Decimal, Decimal]

    def audited(self) -> dict[str, Any]:
        return {
            "model_id": self.model_id,
            "action": self.action,
            "before": [format(p, "f") for p in self.before] if self.before else None,
            "after": [format(p, "f") for p in self.after],
        }


@dataclass(slots=True)
class ImportResult:
    format: str
    dry_run: bool
    effective_from: datetime
    changes: list[PriceChange]
    unchanged: int
    skipped: list[SkippedEntry]

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    def audit_details(self) -> dict[str, Any]:
        return {
            "format": self.format,
            "effective_from": self.effective_from.isoformat(),
            "created": self.count("create"),
            "repriced": self.count("reprice"),
            "unchanged": self.unchanged,
            "skipped": len(self.skipped),
            "changes": [c.audited() for c in self.changes[:AUDITED_CHANGES]],
            "changes_truncated": len(self.changes) > AUDITED_CHANGES,
        }


def price_diff(
    catalogue: Catalogue, registry: dict[str, Model], effective_from: datetime, *, create_missing: bool
) -> tuple[list[PriceChange], int, list[SkippedEntry]]:
    """Compare each entry with the price in force at `effective_from`: (changes, unchanged, skipped).
    Only prices change an existing model; a model's provider and name are the registry's own."""
    changes: list[PriceChange] = []
    skipped: list[SkippedEntry] = []
    unchanged = 0
    for entry in catalogue.entries:
        after = (entry.input_price_per_million, entry.output_price_per_million)
        model = registry.get(entry.model_id)
        if model is None:
            if create_missing:
                changes.append(PriceChange(entry.model_id, "create", entry.provider_id, entry.model_name, None, after))
            else:
                skipped.append(SkippedEntry(entry.model_id, "not in the registry (existing models only)"))
            continue
        price = current_price(model, effective_from)
        before = (price.input_price_per_million, price.output_price_per_million) if price else None
        if before == after:  # Decimal equality: 2.5 == 2.500000
            unchanged += 1
            continue
        changes.append(PriceChange(model.model_id, "reprice", model.provider_id, model.model_name, before, after))
    return changes, unchanged, skipped


async def import_catalogue(
    session: AsyncSession,
    catalogue: Catalogue,
    *,
    actor_id: str,
    dry_run: bool,
    effective_from: datetime | None = None,
    create_missing: bool = True,
    now: datetime | None = None,
) -> ImportResult:
    """Price versions (and new models) only where the catalogue's price differs from the registry's.

    The affected models are locked while the diff is taken and applied, so a concurrent change of one
    of them (an operator's PUT, an approval) queues behind the import instead of being overwritten.
    A dry run computes the same diff and writes nothing."""
    now = now or datetime.now(UTC)
    effective_from = effective_from or now
    if effective_from < now - _RETROACTIVE_GRACE:
        raise _invalid_change(
            "effectiveFrom", "Prices never apply retroactively: effectiveFrom must not be in the past"
        )
    ids = [e.model_id for e in catalogue.entries]
    models = await repo.models_with_prices(session, ids, for_update=not dry_run)
    changes, unchanged, not_applied = price_diff(
        catalogue, {m.model_id: m for m in models}, effective_from, create_missing=create_missing
    )
    result = ImportResult(
        catalogue.format, dry_run, effective_from, changes, unchanged, catalogue.skipped + not_applied
    )
    if dry_run or not changes:
        return result
    new = [(c.model_id, c.provider_id, c.model_name) for c in changes if c.action == "create"]
    created = await repo.create_models(session, new, actor_id)
    raced = {m for m, _, _ in new} - created
    if raced:  # created by someone else since the diff: leave their price alone, say so
        result.changes = [c for c in changes if c.model_id not in raced]
        result.skipped += [SkippedEntry(m, "created concurrently by another change; import again") for m in raced]
    await repo.insert_price_versions(
        session, [(c.model_id, *c.after) for c in result.changes], effective_from, actor_id
    )
    await repo.mark_repriced(session, [c.model_id for c in result.changes if c.action == "reprice"], actor_id)
    return result


async def import_catalogue_over_http(
    session: AsyncSession,
    ctx: RequestContext,
    catalogue: Catalogue,
    *,
    dry_run: bool,
    effective_from: datetime | None,
    create_missing: bool,
) -> ImportResult:
    result = await import_catalogue(
        session,
        catalogue,
        actor_id=ctx.subject,
        dry_run=dry_run,
        effective_from=effective_from,
        create_missing=create_missing,
    )
    if not dry_run:  # a dry run changes nothing, so there is nothing to audit
        await ctx.audit(session, "model.import", "model_registry", None, details=result.audit_details())
    return result


async def import_catalogue_from_cli(
    session: AsyncSession,
    catalogue: Catalogue,
    *,
    actor_id: str,
    dry_run: bool,
    effective_from: datetime | None,
    create_missing: bool,
) -> ImportResult:
    result = await import_catalogue(
        session,
        catalogue,
        actor_id=actor_id,
        dry_run=dry_run,
        effective_from=effective_from,
        create_missing=create_missing,
    )
    if not dry_run:
        await record_audit(
            session,
            service=SERVICE_NAME,
            tenant_id=PLATFORM_TENANT,
            actor=Actor(type="system", id=actor_id),
            action="model.import",
            resource_type="model_registry",
            resource_id=None,
            details=result.audit_details(),
        )
    return result


# --- approvals (approval-decisions) ---------------------------------------------------------------

HANDLED_APPROVALS = ("model_activation", "provider_change")
# An activation approval that names no status takes it from its action; any other action activates.
_STATUS_OF_ACTION = {
    "deactivate": "inactive",
    "disable": "inactive",
    "deactivate_model": "inactive",
    "deprecate": "deprecated",
}


def approved_change(
    approved: ApprovalApproved, details: ModelActivation | ProviderChange, now: datetime
) -> tuple[str, ModelChange]:
    """The registry change an approval asks for, as of `now` (its typed details, its resource and action)."""
    model_id = details.model_id or approved.resource_id
    if not model_id:
        raise CannotExecute("the approval names no model (details.model_id or resource_id)")
    if isinstance(details, ModelActivation):
        status = details.status or _STATUS_OF_ACTION.get(approved.action.lower(), "active")
        return model_id, ModelChange(status=status)
    effective = details.effective_from
    return model_id, ModelChange(
        provider_id=details.provider_id,
        model_name=details.model_name,
        input_price_per_million=details.input_price_per_million,
        output_price_per_million=details.output_price_per_million,
        # An approval decided late still never reprices usage that already happened.
        effective_from=max(effective, now) if effective else now,
    )


def _approver(approved: ApprovalApproved, tenant_id: str) -> Actor:
    return Actor(type="operator" if tenant_id == PLATFORM_TENANT else "admin", id=approved.decided_by)


async def apply_approval(
    session: AsyncSession, event: CloudEvent[ApprovalApproved], decisions: DecisionRecords
) -> None:
    """Apply an approved model activation or provider change, once the approval service confirms the
    decision (`decisions`), and answer on approval-decisions."""
    approved, tenant_id = event.data, event.tenantid
    if approved.approval_type not in HANDLED_APPROVALS:
        return
    if tenant_id != PLATFORM_TENANT:
        # The registry is the platform's (every tenant is priced from it): only an operator approval,
        # in the platform's own stream, may change it — never two administrators of one tenant. Refused
        # before anything else, whatever the approval service says of it.
        reason: str | None = (
            f"{approved.approval_type} changes the platform's model registry: it is an operator approval, "
            "and one requested in a tenant is not applied"
        )
        await answer_approval(session, service=SERVICE_NAME, tenant_id=tenant_id, approved=approved, failure=reason)
    else:
        apply = partial(_apply_model_change, tenant_id=tenant_id)
        reason = await execute_approval(
            session, service=SERVICE_NAME, tenant_id=tenant_id, approved=approved, apply=apply, records=decisions
        )
    if reason is not None:
        await record_audit(
            session,
            service=SERVICE_NAME,
            tenant_id=tenant_id,
            actor=_approver(approved, tenant_id),
            action="approval.execute",
            resource_type="approval",
            resource_id=approved.approval_id,
            outcome="failure",
            details={"approval_type": approved.approval_type, "reason": reason},
            environment=approved.environment,
        )


async def _apply_model_change(
    session: AsyncSession, approved: ApprovalApproved, details: ModelActivation | ProviderChange, *, tenant_id: str
) -> dict[str, Any]:
    """Inside the executor's savepoint: change the registry entry, audit it, return what changed."""
    now = datetime.now(UTC)
    model_id, change = approved_change(approved, details, now)
    if await repo.get_model(session, model_id) is None:
        raise CannotExecute(f"model {model_id!r} is not in the registry")
    _, summary = await change_model(session, model_id, change, approved.decided_by, now=now)
    await record_audit(
        session,
        service=SERVICE_NAME,
        tenant_id=tenant_id,
        actor=_approver(approved, tenant_id),
        action="model.update",
        resource_type="model",
        resource_id=model_id,
        details={**summary, "approval_id": approved.approval_id},
        environment=approved.environment,
    )
    return summary


# --- reading usage --------------------------------------------------------------------------------


def default_period(today: date) -> tuple[date, date]:
    return today - timedelta(days=30), today


async def rollups(session: AsyncSession, tenant_id: str, start: date, end: date) -> list[UsageRollup]:
    return await repo.rollups_between(session, tenant_id, start, end)


async def summary(session: AsyncSession, tenant_id: str, start: date, end: date) -> Any:
    return await repo.totals_between(session, tenant_id, start, end)


async def per_model_totals(session: AsyncSession, tenant_id: str, start: date, end: date) -> list[Any]:
    return await repo.per_model_totals(session, tenant_id, start, end)


# --- raw-event storage: daily partitions and retention ---------------------------------------------

# Partition DDL waits for locks that ingestion holds; it gives up soon rather than stall ingestion.
_DDL_LOCK_TIMEOUT = "5s"


def _day_of(partition: str) -> date | None:
    try:
        return datetime.strptime(partition.removeprefix("usage_events_"), "%Y%m%d").date()
    except ValueError:
        return None  # the default partition


async def ensure_partitions(session: AsyncSession, today: date, ahead_days: int) -> list[str]:
    """Daily partitions from yesterday to `ahead_days` ahead; other days go to the default partition."""
    await repo.set_lock_timeout(session, _DDL_LOCK_TIMEOUT)
    existing = await repo.existing_partitions(session)
    created = []
    for offset in range(-1, ahead_days + 1):
        day = today + timedelta(days=offset)
        name = repo.partition_name(day)
        if name in existing:
            continue
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        if await repo.default_partition_has_rows_between(session, start, start + timedelta(days=1)):
            continue  # that day's rows already sit in the default partition; leave them there
        await repo.create_day_partition(session, day)
        created.append(name)
    return created


async def apply_retention(session: AsyncSession, today: date, retention_days: int) -> list[str]:
    """Drop whole daily partitions past retention (cheap), then trim the default partition and dedup keys."""
    await repo.set_lock_timeout(session, _DDL_LOCK_TIMEOUT)
    cutoff_day = today - timedelta(days=retention_days)
    dropped = []
    for name in sorted(await repo.existing_partitions(session)):
        day = _day_of(name)
        if day is not None and day < cutoff_day:
            await repo.drop_partition(session, name)
            dropped.append(name)
    cutoff = datetime(cutoff_day.year, cutoff_day.month, cutoff_day.day, tzinfo=UTC)
    await repo.purge_default_partition_before(session, cutoff)
    await repo.purge_dedup_keys_before(session, cutoff)
    return dropped
