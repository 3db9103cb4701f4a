"""Quota rules in metering: limits from the plan, tokens at ingestion (flags, thresholds, tiered
margins), the storage gauge, the request path's check and the tenant's view of its four quotas."""

from __future__ import annotations

import calendar
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event
from radiant_contracts.envelope import CloudEvent, service_source
from radiant_contracts.events.billing import SubscriptionChanged
from radiant_contracts.events.metering import QuotaThresholdCrossed
from radiant_contracts.events.usage import StorageReported
from radiant_contracts.quotas import BYTES_PER_GB, QuotaStatus, default_limit, thresholds_reached
from radiant_platform.consumer import Delivery
from radiant_platform.db import after_commit
from radiant_platform.outbox import enqueue_events

from ..pricing import COST_QUANTUM, PriceBook, TierBook, exact_provider_cost, margin_hundredths, tiered_billed_cost
from ..pricing import tiers_from_json as _tiers
from ..repository import STAGE_INPUTS
from . import repository as repo
from .store import QuotaStore

log = logging.getLogger(__name__)

SOURCE = service_source("metering")

# Where each value sits in a staged usage row (repository.STAGE_INPUTS).
_TENANT = STAGE_INPUTS.index("tenant_id")
_REQUEST = STAGE_INPUTS.index("request_id")
_MODEL = STAGE_INPUTS.index("model_id")
_INPUT = STAGE_INPUTS.index("input_tokens")
_OUTPUT = STAGE_INPUTS.index("output_tokens")
_OCCURRED = STAGE_INPUTS.index("occurred_at")
_PROVIDER = STAGE_INPUTS.index("provider_units")
_BILLED = STAGE_INPUTS.index("billed_units")
_MARGIN = STAGE_INPUTS.index("margin_centi")
_UNITS = Decimal(10) ** 10  # cost units per USD (pricing.COST_UNITS_PER_USD)


def month_of(when: datetime) -> date:
    if when.utcoffset():
        when = when.astimezone(UTC)
    return date(when.year, when.month, 1)


def month_end(start: date) -> date:
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


# --- limits ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    tokens: int | None
    storage_bytes: int | None


DEFAULT_LIMITS = Limits(default_limit("tokens"), default_limit("storage"))


async def limits_for(session: AsyncSession, tenant_ids: Sequence[str]) -> dict[str, Limits]:
    """Each tenant's limits: its plan's as billing last said, else the default plan's."""
    stored = await repo.limits_of(session, tenant_ids)
    return {
        t: Limits(stored[t].max_tokens_per_month, stored[t].max_storage_bytes) if t in stored else DEFAULT_LIMITS
        for t in tenant_ids
    }


async def apply_subscription(session: AsyncSession, store: QuotaStore, event: CloudEvent[SubscriptionChanged]) -> None:
    """Replace metering's copy of the tenant's token and storage limits (an event without limits, from a
    payment provider's webhook, leaves them as they are); thresholds the new limits put the tenant past
    are published at once."""
    data, tenant_id = event.data, event.tenantid
    limits = getattr(data, "limits", None)
    if limits is None:
        return
    tokens = limits.max_tokens_per_month
    storage = None if limits.max_storage_gb is None else limits.max_storage_gb * BYTES_PER_GB
    stored = await repo.store_limits(
        session,
        tenant_id,
        max_tokens_per_month=tokens,
        max_storage_bytes=storage,
        plan=data.plan,
        revision=getattr(data, "revision", None),
        effective_at=data.effective_at,
        source_event_id=event.id,
    )
    if not stored:
        return  # an older revision than the copy
    after_commit(session, lambda: store.copy_soon([(tenant_id, tokens, storage)]))
    month = month_of(datetime.now(UTC))
    used = await repo.month_to_date_tokens(session, tenant_id, month)
    candidates = _candidates(tenant_id, "tokens", month, used, tokens)
    gauge = await repo.gauge_of(session, tenant_id)
    if gauge is not None:
        candidates += _candidates(tenant_id, "storage", month, gauge.bytes_used, storage)
    await publish_thresholds(session, candidates)


async def reconcile_limits(session: AsyncSession, store: QuotaStore) -> int:
    """Copy every tenant's limits to Redis, then mark the copy complete (store.py)."""
    token = await store.mark.begin()
    rows = await repo.all_limits(session)
    if await store.copy([(r.tenant_id, r.max_tokens_per_month, r.max_storage_bytes) for r in rows]):
        await store.mark.complete(token)
    return len(rows)


async def record_margin_mode(
    session: AsyncSession, tenant_id: str, effective_from: datetime, mode: str, tiers: list[dict[str, Any]]
) -> None:
    """The mode and tiers of a margin version (billing's `margin_type`, `tiers`), priced from its time."""
    await repo.set_margin_mode(session, tenant_id, effective_from, mode, tiers)


# --- thresholds -----------------------------------------------------------------------------------


Candidate = tuple[str, str, date, int, int, int]  # tenant, resource, period start, limit, threshold, current


def _candidates(tenant_id: str, resource: str, period: date, current: int, limit: int | None) -> list[Candidate]:
    if limit is None:
        return []
    return [(tenant_id, resource, period, limit, t, current) for t in thresholds_reached(current, limit)]


async def publish_thresholds(session: AsyncSession, candidates: list[Candidate]) -> int:
    """Publish each threshold not published before for its tenant, resource, period and limit (the
    claim's primary key decides under concurrency and redelivery), in the caller's transaction."""
    claimed = await repo.claim_thresholds(session, candidates)
    events = []
    for tenant_id, resource, period, limit, threshold, current in claimed:
        status = QuotaStatus(resource, current, limit)  # type: ignore[arg-type]  # claimed: tokens|storage
        payload = QuotaThresholdCrossed(
            resource=resource,
            unit="tokens" if resource == "tokens" else "bytes",
            threshold_percent=threshold,
            current=current,
            limit=limit,
            percentage=status.percentage,
            period_start=period,
            period_end=month_end(period),
        )
        events.append(make_event(payload, tenant_id=tenant_id, source=SOURCE))
    await enqueue_events(session, events)  # one statement: a batch may take a thousand tenants past one
    return len(claimed)


# --- tokens at ingestion (and tiered margins, which need the same exact month-to-date) --------------


@dataclass(slots=True)
class BatchQuotas:
    """What `prepare_ingest` found, for `finish_ingest` once the batch is stored."""

    limits: dict[str, Limits] = field(default_factory=dict)
    #: Per row: past the tenant's monthly token limit (None: no row is).
    over_quota: list[bool] | None = None


async def prepare_ingest(
    session: AsyncSession, rows: list[tuple[Any, ...]], prices: PriceBook
) -> tuple[list[tuple[Any, ...]], BatchQuotas]:
    """Before the batch's rows are stored: price tiered tenants' rows by their tiers and find the rows
    past the tenant's monthly token limit. Both need each event's exact place in its tenant's month;
    that is computed (under a per tenant-month lock, duplicates of stored events left out) only where
    it matters — a tiered tenant, or a month this batch may take past its limit. A month already past
    its limit before the batch flags every row of it (duplicates of stored events are dropped by the
    ingest statement whatever their flag); elsewhere rows pass untouched, so ordinary batches pay
    three small reads."""
    per_month: dict[tuple[str, date], list[int]] = {}
    for row in rows:
        key = (row[_TENANT], month_of(row[_OCCURRED]))
        acc = per_month.get(key)
        tokens = row[_INPUT] + row[_OUTPUT]
        if acc is None:
            per_month[key] = [tokens]
        else:
            acc[0] += tokens
    tenants = sorted({t for t, _ in per_month})
    quotas = BatchQuotas(limits=await limits_for(session, tenants))
    tier_book = TierBook((t, at, mode, _tiers(raw)) for t, at, mode, raw in await repo.tier_versions(session, tenants))
    before = await repo.month_totals(session, list(per_month))
    exact, past = set(), set()
    for key, (batch_tokens,) in per_month.items():
        limit = quotas.limits[key[0]].tokens
        used = before.get(key, (0, Decimal(0)))[0]
        tiered = key[0] in tier_book.tenants
        if limit is not None and used > limit and not tiered:
            past.add(key)  # every event of it is past the limit: no exact place needed
        elif tiered or (limit is not None and used + batch_tokens > limit):
            exact.add(key)
    if past:
        quotas.over_quota = [(r[_TENANT], month_of(r[_OCCURRED])) in past for r in rows]
    if not exact:
        return rows, quotas
    await repo.lock_tenant_months(session, sorted(exact))
    before = await repo.month_totals(session, sorted(exact))  # as of now, under the lock
    seen = await repo.already_seen(
        session, [(r[_TENANT], r[_REQUEST]) for r in rows if (r[_TENANT], month_of(r[_OCCURRED])) in exact]
    )
    used_tokens = {k: before.get(k, (0, Decimal(0)))[0] for k in exact}
    spent = {k: before.get(k, (0, Decimal(0)))[1] for k in exact}
    out: list[tuple[Any, ...]] = []
    flags = quotas.over_quota or [False] * len(rows)
    for index, row in enumerate(rows):
        key = (row[_TENANT], month_of(row[_OCCURRED]))
        if key not in exact or (row[_TENANT], row[_REQUEST]) in seen:
            out.append(row)
            continue
        tiers = tier_book.tiers_at(row[_TENANT], row[_OCCURRED])
        if tiers is not None:
            row = _priced_by_tiers(row, prices, spent[key], tiers)
        spent[key] += Decimal(row[_PROVIDER]) / _UNITS
        tokens = row[_INPUT] + row[_OUTPUT]
        used_tokens[key] += tokens
        limit = quotas.limits[key[0]].tokens
        if limit is not None and used_tokens[key] > limit:
            flags[index] = True
        out.append(row)
    quotas.over_quota = flags
    return out, quotas


def _priced_by_tiers(row: tuple[Any, ...], prices: PriceBook, spent_before: Decimal, tiers: Any) -> tuple[Any, ...]:
    """The row with its billed cost and margin by the tiers in force at the event's time."""
    price = prices.price_at(row[_MODEL], row[_OCCURRED])
    provider = exact_provider_cost(row[_INPUT], row[_OUTPUT], price)
    billed, margin = tiered_billed_cost(provider, spent_before, tiers)
    values = list(row)
    values[_BILLED] = int(billed.quantize(COST_QUANTUM).scaleb(10))
    values[_MARGIN] = margin_hundredths(margin)
    return tuple(values)


async def finish_ingest(session: AsyncSession, quotas: BatchQuotas, month_to_date: Sequence[Any]) -> None:
    """Once the batch is stored: publish the thresholds it reached."""
    candidates: list[Candidate] = []
    for row in month_to_date:
        tenant_id = row["tenant_id"]
        limits = quotas.limits.get(tenant_id, DEFAULT_LIMITS)
        candidates += _candidates(tenant_id, "tokens", row["month"], int(row["total_tokens"]), limits.tokens)
    if candidates:
        await publish_thresholds(session, candidates)


# --- storage (storage.reported on usage-events) ---------------------------------------------------


def split_storage_reports(deliveries: list[Delivery]) -> tuple[list[Delivery], list[Delivery]]:
    """(usage deliveries, storage reports): both travel on `usage-events`."""
    if all(d.event.type != StorageReported.event_type for d in deliveries):
        return deliveries, []
    usage = [d for d in deliveries if d.event.type != StorageReported.event_type]
    storage = [d for d in deliveries if d.event.type == StorageReported.event_type]
    return usage, storage


async def record_storage_reports(session: AsyncSession, reports: list[Delivery]) -> None:
    """Keep each tenant's newest gauge and publish the storage thresholds it reaches."""
    reports = sorted(reports, key=lambda d: d.event.data.reported_at)
    limits = await limits_for(session, sorted({d.event.tenantid for d in reports}))
    candidates: list[Candidate] = []
    for d in reports:
        data: StorageReported = d.event.data
        tenant_id = d.event.tenantid
        if await repo.store_gauge(session, tenant_id, data.bytes_used, data.reported_at, d.event.id):
            period = month_of(data.reported_at)
            candidates += _candidates(tenant_id, "storage", period, data.bytes_used, limits[tenant_id].storage_bytes)
    await publish_thresholds(session, candidates)


# --- the request path's check ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TokenCheck:
    status: QuotaStatus
    allowed: bool
    period_start: date


async def check_tokens(
    store: QuotaStore, session: AsyncSession, tenant_id: str, requested: int, now: datetime
) -> TokenCheck:
    """Allowed while the month's tokens are under the limit — and, when the caller says how many the
    request may use, while those fit too. From Redis (`store.py`): no database on the request path,
    unless Redis has lost its copies (no ready marks), when the database's exact figures answer."""
    month = month_of(now)
    copied = await store.tokens(tenant_id, month)
    if copied is None:
        status = (await metered_quotas(session, tenant_id, now))[0]
    else:
        status = QuotaStatus("tokens", *copied)
    allowed = not status.exceeded and (requested == 0 or status.fits(requested))
    return TokenCheck(status, allowed, month)


# --- the tenant's view ----------------------------------------------------------------------------


async def metered_quotas(session: AsyncSession, tenant_id: str, now: datetime) -> list[QuotaStatus]:
    """Tokens (this calendar month, exact from the database) and storage (the newest gauge)."""
    limits = (await limits_for(session, [tenant_id]))[tenant_id]
    used = await repo.month_to_date_tokens(session, tenant_id, month_of(now))
    gauge = await repo.gauge_of(session, tenant_id)
    return [
        QuotaStatus("tokens", used, limits.tokens),
        QuotaStatus("storage", gauge.bytes_used if gauge else 0, limits.storage_bytes),
    ]


async def over_quota_usage(session: AsyncSession, tenant_id: str, now: datetime) -> tuple[int, int]:
    return await repo.over_quota_totals(session, tenant_id, month_of(now))
