"""The operators' platform views, composed at the edge from what each owner measures.

Why here and not in a service: both views span every service, and the health view must answer while
any one of them is down (identity included — it is one of the things it reports on). The gateway
already knows every service (its route table and readiness) and owns no data, so it only asks: each
owner answers its own part over a signed internal route (`radiant_platform.service_auth`, the
gateway's own key; no service reads another's tables), and the broker answers for consumer lag and
dead letters (`radiant_platform.kafka_lag`, as the gateway's describe-only Kafka principal, over one
connection the process keeps). A part that does not answer is marked `unavailable`; the rest is still
served. Nothing here is cached or estimated: every call measures, all parts at once.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from radiant_contracts.platform_views import (
    BILLING_STATS_PATH,
    IDENTITY_STATS_PATH,
    METERING_STATS_PATH,
    AdministratorStats,
    ConsumerGroupOut,
    DeadLetterQueueOut,
    IdentityStats,
    InvoicesOutstanding,
    InvoiceStats,
    KafkaOut,
    OutboxBacklogPart,
    OutboxOut,
    PartitionLagOut,
    PartStatus,
    PlatformHealth,
    PlatformStats,
    ReadinessOut,
    SiemOut,
    SiemSinkOut,
    TenantStats,
    UsageStats,
)
from radiant_platform.app import OUTBOX_BACKLOG_PATH, READY_PATH
from radiant_platform.kafka_lag import KafkaOffsets, OffsetReader
from radiant_platform.kafka_security import KafkaSecurity
from radiant_platform.service_auth import ServiceAuthUnavailable, ServiceSigner

from .config import UPSTREAM_SERVICES, Settings

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)
#: How long one part may take before it is reported unavailable.
PART_TIMEOUT_SECONDS = 3.0
#: The broker's part, bounded like the others: over the connection the gateway keeps, measuring takes
#: a few hundred milliseconds; the margin is for connecting afresh (a broker back after an outage).
KAFKA_TIMEOUT_SECONDS = PART_TIMEOUT_SECONDS + 1
#: Services with an outbox (the platform seam answers `/internal/v1/outbox` in each).
OUTBOX_SERVICES = UPSTREAM_SERVICES
SIEM_GROUP_PREFIX = "audit-siem-"


class PartUnavailable(Exception):
    """A part of a view could not be had; `detail` says why (never a stack trace)."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Upstreams:
    """The gateway's signed calls to the services' internal routes."""

    def __init__(self, http: httpx.AsyncClient, settings: Settings, signer: ServiceSigner) -> None:
        self._http = http
        self._settings = settings
        self._signer = signer

    async def internal(self, service: str, path: str, model: type[M]) -> M:
        """GET an internal route as the gateway, parsed as `model`."""
        try:
            response = await self._http.get(
                self._settings.upstream_url(service) + path,
                auth=self._signer.auth(service),
                timeout=PART_TIMEOUT_SECONDS,
            )
        except ServiceAuthUnavailable as exc:
            raise PartUnavailable(str(exc.detail)) from None
        return _parsed(service, response, model)

    async def readiness(self, service: str) -> ReadinessOut:
        """The service's own `/readyz`: its database, Kafka, Redis and further probes."""
        try:
            response = await self._http.get(
                self._settings.upstream_url(service) + READY_PATH, timeout=PART_TIMEOUT_SECONDS
            )
        except httpx.HTTPError as exc:
            return ReadinessOut(service=service, ready=False, checks={}, detail=f"unreachable: {type(exc).__name__}")
        body = _json_object(response)
        checks = {str(k): str(v) for k, v in (body.get("checks") or {}).items()}
        return ReadinessOut(
            service=service,
            ready=response.status_code == 200,
            checks=checks,
            detail=None if response.status_code == 200 else str(body.get("detail") or response.status_code),
        )

    async def siem_status(self) -> list[dict[str, Any]]:
        """Audit's own view of its SIEM forwarders (`/internal/siem/status`, loopback only)."""
        response = await self._http.get(
            self._settings.upstream_url("audit") + "/internal/siem/status", timeout=PART_TIMEOUT_SECONDS
        )
        sinks = _json_object(response).get("sinks")
        if response.status_code != 200 or not isinstance(sinks, list):
            raise PartUnavailable(f"audit answered {response.status_code}")
        return [s for s in sinks if isinstance(s, dict)]


def _json_object(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _parsed(service: str, response: httpx.Response, model: type[M]) -> M:
    if response.status_code != 200:
        detail = _json_object(response).get("detail")
        raise PartUnavailable(f"{service} answered {response.status_code}" + (f": {detail}" if detail else ""))
    try:
        return model.model_validate_json(response.content)
    except ValidationError:
        raise PartUnavailable(f"{service} answered an unexpected document") from None


async def _part(service: str, fetch: Awaitable[M], sources: list[PartStatus]) -> M | None:
    """One owner's part, or None with the reason recorded in `sources`."""
    try:
        result = await asyncio.wait_for(fetch, timeout=PART_TIMEOUT_SECONDS + 1)
    except PartUnavailable as exc:
        sources.append(PartStatus(service=service, state="unavailable", detail=exc.detail))
        return None
    except (httpx.HTTPError, TimeoutError) as exc:
        sources.append(PartStatus(service=service, state="unavailable", detail=f"unreachable: {type(exc).__name__}"))
        return None
    sources.append(PartStatus(service=service, state="ok"))
    return result


# --- /saas/stats ----------------------------------------------------------------------------------


async def platform_stats(upstreams: Upstreams, now: datetime | None = None) -> PlatformStats:
    sources: list[PartStatus] = []
    identity, usage, invoices = await asyncio.gather(
        _part("identity", upstreams.internal("identity", IDENTITY_STATS_PATH, IdentityStats), sources),
        _part("metering", upstreams.internal("metering", METERING_STATS_PATH, UsageStats), sources),
        _part("billing", upstreams.internal("billing", BILLING_STATS_PATH, InvoiceStats), sources),
    )
    return PlatformStats(
        generated_at=now or datetime.now(UTC),
        tenants=tenant_stats(identity, usage) if identity else None,
        administrators=administrator_stats(identity) if identity else None,
        usage_month_to_date=usage,
        invoices_outstanding=outstanding(invoices) if invoices else None,
        sources=sorted(sources, key=lambda s: s.service),
    )


def tenant_stats(identity: IdentityStats, usage: UsageStats | None) -> TenantStats:
    by_status: Counter[str] = Counter()
    by_environment: Counter[str] = Counter()
    for row in identity.tenants:
        by_status[row.status] += row.count
        by_environment[row.environment] += row.count
    return TenantStats(
        total=sum(by_status.values()),
        by_status=dict(sorted(by_status.items())),
        by_environment=dict(sorted(by_environment.items())),
        by_status_and_environment=identity.tenants,
        active_last_30_days=usage.tenants_with_usage_last_30_days if usage else None,
        signed_in_last_30_days=identity.tenants_signed_in_last_30_days,
    )


def administrator_stats(identity: IdentityStats) -> AdministratorStats:
    by_role = dict(sorted(identity.administrators_by_role.items()))
    return AdministratorStats(total=sum(by_role.values()), by_role=by_role)


def outstanding(invoices: InvoiceStats) -> InvoicesOutstanding:
    totals: dict[str, Decimal] = {}
    for row in invoices.outstanding:
        totals[row.currency] = totals.get(row.currency, Decimal(0)) + row.total
    return InvoicesOutstanding(
        count=sum(row.count for row in invoices.outstanding),
        totals=dict(sorted(totals.items())),
        by_status=invoices.outstanding,
    )


# --- /saas/health ---------------------------------------------------------------------------------

OffsetsProbe = Callable[[], Awaitable[KafkaOffsets]]


def offset_reader(settings: Settings, security: KafkaSecurity) -> OffsetReader:
    """The gateway's one connection to the broker for the view (as its DESCRIBE-only principal): opened
    on the first health call, reopened after a failed one, closed with the process (`close_deps`)."""
    return OffsetReader(settings.kafka_bootstrap_servers, security, client_id="radiant-gateway-health")


async def platform_health(upstreams: Upstreams, probe: OffsetsProbe, now: datetime | None = None) -> PlatformHealth:
    now = now or datetime.now(UTC)
    readiness, outboxes, (kafka, offsets), siem = await asyncio.gather(
        asyncio.gather(*(upstreams.readiness(s) for s in UPSTREAM_SERVICES)),
        asyncio.gather(*(_outbox(upstreams, s, now) for s in OUTBOX_SERVICES)),
        _kafka(probe),
        _siem_sinks(upstreams),
    )
    siem_out = _siem_with_lag(siem, offsets)
    # Dead letters (the outboxes' and the DLQ topics') are kept until an operator acts, so they are
    # reported, not counted against health: healthy is every service ready and every part measured.
    healthy = all(r.ready for r in readiness) and kafka.state == "ok" and all(o.state == "ok" for o in outboxes)
    return PlatformHealth(
        generated_at=now,
        healthy=healthy,
        services=list(readiness),
        outboxes=list(outboxes),
        kafka=kafka,
        siem=siem_out,
    )


async def _outbox(upstreams: Upstreams, service: str, now: datetime) -> OutboxOut:
    try:
        part = await asyncio.wait_for(
            upstreams.internal(service, OUTBOX_BACKLOG_PATH, OutboxBacklogPart), timeout=PART_TIMEOUT_SECONDS + 1
        )
    except PartUnavailable as exc:
        return OutboxOut(service=service, state="unavailable", detail=exc.detail)
    except (httpx.HTTPError, TimeoutError) as exc:
        return OutboxOut(service=service, state="unavailable", detail=f"unreachable: {type(exc).__name__}")
    oldest = part.oldest_pending_at
    return OutboxOut(
        service=service,
        state="ok",
        pending=part.pending,
        pending_capped=part.pending_capped,
        oldest_pending_at=oldest,
        oldest_pending_age_seconds=max(0.0, (now - oldest).total_seconds()) if oldest else None,
        dead_lettered=part.dead_lettered,
    )


async def _kafka(probe: OffsetsProbe) -> tuple[KafkaOut, KafkaOffsets | None]:
    try:
        offsets = await asyncio.wait_for(probe(), timeout=KAFKA_TIMEOUT_SECONDS)
    except Exception as exc:  # noqa: BLE001 - any broker failure is this part being unavailable
        log.warning("health: Kafka offsets not measured: %s: %s", type(exc).__name__, exc)
        return KafkaOut(state="unavailable", detail=f"the broker was not measured: {type(exc).__name__}"), None
    groups = [
        ConsumerGroupOut(
            group=g.group,
            lag=g.lag,
            partitions=[
                PartitionLagOut(
                    topic=p.topic, partition=p.partition, committed_offset=p.committed, end_offset=p.end, lag=p.lag
                )
                for p in g.partitions
            ],
        )
        for g in offsets.groups
    ]
    queues = [
        DeadLetterQueueOut(topic=q.topic, depth=q.depth, partitions={str(p.partition): p.depth for p in q.partitions})
        for q in offsets.dead_letter_queues
    ]
    kafka = KafkaOut(
        state="ok", consumer_groups=groups, groups_truncated=offsets.groups_truncated, dead_letter_queues=queues
    )
    return kafka, offsets


async def _siem_sinks(upstreams: Upstreams) -> list[dict[str, Any]] | str:
    """Audit's forwarders, or why they could not be read."""
    try:
        return await asyncio.wait_for(upstreams.siem_status(), timeout=PART_TIMEOUT_SECONDS + 1)
    except PartUnavailable as exc:
        return exc.detail
    except (httpx.HTTPError, TimeoutError) as exc:
        return f"unreachable: {type(exc).__name__}"


def _siem_with_lag(sinks: list[dict[str, Any]] | str, offsets: KafkaOffsets | None) -> SiemOut:
    if isinstance(sinks, str):
        return SiemOut(state="unavailable", detail=sinks)
    lag_of = {g.group: g.lag for g in offsets.groups} if offsets else {}
    out = []
    for sink in sinks:
        name = str(sink.get("name", ""))
        group = str(sink.get("consumerGroup") or f"{SIEM_GROUP_PREFIX}{name}")
        delivered_at = sink.get("lastDeliveryAt")
        out.append(
            SiemSinkOut(
                name=name,
                consumer_group=group,
                state=sink.get("state"),
                lag=lag_of.get(group) if offsets else None,
                forwarder_lag_records=sink.get("lagRecords"),
                last_delivery_at=(
                    datetime.fromtimestamp(delivered_at, UTC) if isinstance(delivered_at, int | float) else None
                ),
                consecutive_failures=sink.get("consecutiveFailures"),
                last_error=sink.get("lastError"),
            )
        )
    return SiemOut(state="ok", sinks=out)
