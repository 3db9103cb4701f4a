"""HTTP API: record usage (to Kafka via the outbox), usage queries, the model registry, internal rollups."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Body, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import ValidationError

from radiant_contracts.api import IsoDate
from radiant_contracts.events.usage import UsageRecorded
from radiant_platform.app import DbSession
from radiant_platform.context import RequestContext, require
from radiant_platform.errors import invalid_fields, problem_response
from radiant_platform.openapi import input_rules
from radiant_platform.service_auth import INTERNAL_RESPONSES, ServiceCaller, require_service

from . import registry_approvals, service
from .catalogue import Catalogue, CatalogueError, parse_catalogue
from .deps import Deps
from .models import Model, ModelPrice, UsageRollup
from .schemas import (
    BatchItemResult,
    BatchRecordRequest,
    BatchRecordResponse,
    BatchSummary,
    CatalogueImportRequest,
    CatalogueImportResponse,
    FieldErrorOut,
    FiledApprovalEnvelope,
    FiledApprovalOut,
    ImportChangeOut,
    ImportPrice,
    ImportSkippedOut,
    ImportSummaryOut,
    InternalModelOut,
    InternalPeriod,
    InternalRollupsResponse,
    ModelDetailOut,
    ModelOut,
    ModelsResponse,
    ModelTotalsOut,
    ModelUpdateRequest,
    Period,
    PriceOut,
    RecordedEvent,
    RecordUsageRequest,
    RecordUsageResponse,
    RegistryApprovalRequest,
    RollupOut,
    RollupsResponse,
    SummaryResponse,
    UsageTotals,
)

router = APIRouter(prefix="/api/v2/metering", tags=["metering"])
saas = APIRouter(prefix="/api/v2/saas", tags=["saas"])
internal = APIRouter(prefix="/internal/v1", tags=["internal"])

MAX_PERIOD_DAYS = 366

UsageReader = Annotated[RequestContext, require("billing:read")]
#: Recording usage: a producer's service key (`usage:write`), never a tenant administrator's token.
Producer = Annotated[RequestContext, require("usage:write")]
#: The registry is the platform's: tenants read it, operators read and change it.
RegistryReader = Annotated[RequestContext, require("settings:read")]
OperatorRegistryReader = Annotated[RequestContext, require("saas:read")]
RegistryWriter = Annotated[RequestContext, require("saas:write")]


def _environment(ctx: RequestContext) -> str:
    return ctx.environment if ctx.environment in ("dev", "staging", "prod") else "dev"


def _to_contract(item: RecordUsageRequest, ctx: RequestContext, app_id: str) -> UsageRecorded:
    return UsageRecorded(
        request_id=item.request_id,
        provider_id=item.provider_id,
        model_id=item.model_id,
        model_name=item.model_name,
        request_type=item.request_type,
        input_tokens=item.input_tokens,
        output_tokens=item.output_tokens,
        latency_ms=item.latency_ms,
        cached=item.cached,
        phi_detected=item.phi_detected,
        phi_sanitized=item.phi_sanitized,
        user_id=item.user_id or ctx.subject,
        agent_id=item.agent_id,
        app_id=item.app_id or app_id,
        environment=_environment(ctx),
        occurred_at=datetime.now(UTC),
    )


def _field_errors(exc: ValidationError) -> list[FieldErrorOut]:
    return [
        FieldErrorOut(field=".".join(str(p) for p in e["loc"]) or "body", message=e["msg"], type=e["type"])
        for e in exc.errors(include_url=False)
    ]


# --- recording ------------------------------------------------------------------------------------


@router.post("/record", status_code=202, response_model=RecordUsageResponse, summary="Record usage event")
async def record(body: RecordUsageRequest, session: DbSession, ctx: Producer, deps: Deps) -> RecordUsageResponse:
    payload = _to_contract(body, ctx, deps.settings.default_app_id)
    [event_id] = await service.record_usage(session, ctx, [payload])
    return RecordUsageResponse(event=RecordedEvent(id=event_id, request_id=payload.request_id))


@router.post("/batch", status_code=202, response_model=BatchRecordResponse, summary="Batch record events (≤ 100)")
async def batch(
    body: BatchRecordRequest, request: Request, session: DbSession, ctx: Producer, deps: Deps
) -> BatchRecordResponse | JSONResponse:
    results: list[BatchItemResult | None] = []
    accepted: list[tuple[int, UsageRecorded]] = []
    for index, raw in enumerate(body.events):
        request_id = raw.get("requestId") if isinstance(raw, dict) else None
        request_id = request_id if isinstance(request_id, str) and request_id else None
        try:
            item = RecordUsageRequest.model_validate(raw)
        except ValidationError as exc:
            results.append(
                BatchItemResult(
                    index=index,
                    id=request_id or "unknown",
                    request_id=request_id,
                    success=False,
                    error="Invalid data",
                    errors=_field_errors(exc),
                )
            )
            continue
        accepted.append((index, _to_contract(item, ctx, deps.settings.default_app_id)))
        results.append(None)
    if accepted:
        ids = await service.record_usage(session, ctx, [p for _, p in accepted])
        for (index, payload), event_id in zip(accepted, ids, strict=True):
            results[index] = BatchItemResult(index=index, id=event_id, request_id=payload.request_id, success=True)
    final = [r for r in results if r is not None]
    summary = BatchSummary(total=len(final), successful=len(accepted), failed=len(final) - len(accepted))
    response = BatchRecordResponse(results=final, summary=summary)
    if not accepted:  # nothing to accept: a client error, with every item's reasons
        return problem_response(
            request,
            422,
            title="Validation failed",
            detail="No event in the batch is valid",
            **response.model_dump(mode="json", by_alias=True),
        )
    return response


# --- reading usage --------------------------------------------------------------------------------


def _period(start: date | None, end: date | None) -> tuple[date, date]:
    default_start, default_end = service.default_period(datetime.now(UTC).date())
    start = start or (end - (default_end - default_start) if end else default_start)
    end = end or default_end
    if end < start:
        raise invalid_fields(("query.endDate", "must not be before startDate"), detail="endDate is before startDate")
    if (end - start).days >= MAX_PERIOD_DAYS:
        raise invalid_fields(
            ("query.startDate", f"at most {MAX_PERIOD_DAYS} days"),
            detail=f"The period may span at most {MAX_PERIOD_DAYS} days",
        )
    return start, end


StartDate = Annotated[
    IsoDate | None, Query(alias="startDate", description="YYYY-MM-DD, default 30 days before endDate")
]
EndDate = Annotated[IsoDate | None, Query(alias="endDate", description="YYYY-MM-DD inclusive, default today (UTC)")]
#: What `_period` refuses beyond the parameters' own schema.
PERIOD_RULES = input_rules(
    ("query.endDate", "not before startDate"),
    (
        "query.startDate",
        f"at most {MAX_PERIOD_DAYS - 1} days before endDate (default today): {MAX_PERIOD_DAYS} days in all",
    ),
)


@router.get("/summary", response_model=SummaryResponse, summary="Usage summary", openapi_extra=PERIOD_RULES)
async def summary(
    session: DbSession, ctx: UsageReader, start_date: StartDate = None, end_date: EndDate = None
) -> SummaryResponse:
    start, end = _period(start_date, end_date)
    totals = await service.summary(session, ctx.tenant_id, start, end)
    return SummaryResponse(period=Period(start_date=start, end_date=end), totals=UsageTotals.model_validate(totals))


def _rollup_out(r: UsageRollup) -> RollupOut:
    return RollupOut(
        date=r.usage_date,
        model_id=r.model_id,
        provider_id=r.provider_id,
        request_count=r.request_count,
        input_tokens=r.input_tokens,
        output_tokens=r.output_tokens,
        total_tokens=r.total_tokens,
        provider_cost=r.provider_cost,
        billed_cost=r.billed_cost,
        avg_latency_ms=round(r.latency_sum_ms / r.request_count, 2) if r.request_count else 0.0,
        cached_requests=r.cached_requests,
        phi_requests=r.phi_requests,
        unpriced_requests=r.unpriced_requests,
        suspended_requests=r.suspended_requests,
    )


@router.get("/rollups", response_model=RollupsResponse, summary="Daily rollups", openapi_extra=PERIOD_RULES)
async def rollups(
    session: DbSession, ctx: UsageReader, start_date: StartDate = None, end_date: EndDate = None
) -> RollupsResponse:
    start, end = _period(start_date, end_date)
    rows = await service.rollups(session, ctx.tenant_id, start, end)
    return RollupsResponse(period=Period(start_date=start, end_date=end), rollups=[_rollup_out(r) for r in rows])


# --- model registry -------------------------------------------------------------------------------

#: A model's id, bounded as every label of the registry is.
ModelId = Annotated[str, Path(min_length=1, max_length=255)]


def _price_out(p: ModelPrice) -> PriceOut:
    return PriceOut.model_validate(p)


def _model_fields(m: Model, now: datetime) -> dict[str, Any]:
    """A model's registry fields and the prices in force at `now` and scheduled after it."""
    current = service.current_price(m, now)
    return dict(
        model_id=m.model_id,
        provider_id=m.provider_id,
        model_name=m.model_name,
        status=m.status,
        unregistered=m.status == "unregistered",
        current_price=_price_out(current) if current else None,
        scheduled_prices=[_price_out(p) for p in m.prices if p.effective_from > now],
        updated_at=m.updated_at,
        updated_by=m.updated_by,
    )


def _model_detail(m: Model) -> ModelDetailOut:
    return ModelDetailOut(**_model_fields(m, datetime.now(UTC)), price_history=[_price_out(p) for p in m.prices])


@router.get("/models", response_model=ModelsResponse, summary="Model registry (prices per million tokens)")
async def list_models(session: DbSession, _: RegistryReader) -> ModelsResponse:
    now = datetime.now(UTC)
    return ModelsResponse(models=[ModelOut(**_model_fields(m, now)) for m in await service.list_models(session)])


@router.get("/models/{model_id}", response_model=ModelDetailOut, summary="One model with its price history")
async def get_model(model_id: ModelId, session: DbSession, _: RegistryReader) -> ModelDetailOut:
    return _model_detail(await service.get_model(session, model_id))


@router.put(
    "/models/{model_id}",
    response_model=ModelDetailOut,
    summary="Create or update a model / schedule a price (operators)",
    responses={
        409: {
            "description": "Bringing an inactive or deprecated model back into service, or moving a model to another "
            "provider, needs a second operator: file it with POST /api/v2/saas/approvals"
        }
    },
    openapi_extra=input_rules(
        ("providerId", "required for a model new to the registry"),
        ("modelName", "required for a model new to the registry"),
        ("inputPricePerMillion", "required for a model new to the registry"),
        ("outputPricePerMillion", "required for a model new to the registry"),
        ("effectiveFrom", "not in the past: a price never applies retroactively"),
    ),
)
async def put_model(
    model_id: ModelId, body: ModelUpdateRequest, session: DbSession, ctx: RegistryWriter
) -> ModelDetailOut:
    change = service.ModelChange(**body.model_dump())
    model = await service.update_model_over_http(session, ctx, model_id, change)
    return _model_detail(model)


# --- the registry for operators: /api/v2/saas/models ---------------------------------------------


@saas.get("/models", response_model=ModelsResponse, summary="Model registry (operators)")
async def list_models_for_operators(session: DbSession, _: OperatorRegistryReader) -> ModelsResponse:
    now = datetime.now(UTC)
    return ModelsResponse(models=[ModelOut(**_model_fields(m, now)) for m in await service.list_models(session)])


@saas.get("/models/{model_id}", response_model=ModelDetailOut, summary="One model with its price history (operators)")
async def get_model_for_operators(model_id: ModelId, session: DbSession, _: OperatorRegistryReader) -> ModelDetailOut:
    return _model_detail(await service.get_model(session, model_id))


@saas.post(
    "/approvals",
    status_code=201,
    response_model=FiledApprovalEnvelope,
    summary="File a registry change for a second operator's approval (model_activation, provider_change)",
    openapi_extra=input_rules(
        ("details.modelId", "a model of the registry (a new one is registered with PUT)"),
        ("details", "a provider_change names providerId, modelName or a price to change"),
    ),
    responses={
        409: {"description": "The change would change nothing (the model is in that state already)"},
        422: {"description": "The details are invalid, or name no model of the registry"},
        503: {"description": "The approval service is unavailable; retry after Retry-After"},
    },
)
async def request_registry_approval(
    body: Annotated[RegistryApprovalRequest, Body()], session: DbSession, ctx: RegistryWriter, deps: Deps
) -> FiledApprovalEnvelope:
    filed = await registry_approvals.request_registry_change(session, deps, ctx, body)
    return FiledApprovalEnvelope(approval=FiledApprovalOut(id=filed.id, status=filed.status, type=filed.type))


def import_response(result: service.ImportResult) -> CatalogueImportResponse:
    def price(p: tuple[Decimal, Decimal]) -> ImportPrice:
        return ImportPrice(input_price_per_million=p[0], output_price_per_million=p[1])

    return CatalogueImportResponse(
        dry_run=result.dry_run,
        format=result.format,
        effective_from=result.effective_from,
        summary=ImportSummaryOut(
            created=result.count("create"),
            repriced=result.count("reprice"),
            unchanged=result.unchanged,
            skipped=len(result.skipped),
        ),
        changes=[
            ImportChangeOut(
                model_id=c.model_id,
                action=c.action,
                provider_id=c.provider_id,
                model_name=c.model_name,
                before=price(c.before) if c.before else None,
                after=price(c.after),
            )
            for c in result.changes
        ],
        skipped=[ImportSkippedOut(model_id=s.model_id, reason=s.reason) for s in result.skipped],
    )


def catalogue_of(raw_body: bytes) -> Catalogue:
    """The request's `catalogue`, read again from the raw body with every number as a Decimal: the
    parsed body has them as floats, and a per-token price must convert exactly."""
    try:
        document = json.loads(raw_body, parse_float=Decimal)
        return parse_catalogue(document["catalogue"])
    except CatalogueError as exc:
        raise invalid_fields(*exc.errors, detail=exc.message) from None


@saas.post(
    "/models/import",
    response_model=CatalogueImportResponse,
    summary="Import a price catalogue (registry or LiteLLM format); a dry run shows the diff",
    openapi_extra=input_rules(
        (
            "catalogue.*",
            'the registry\'s format (`{"models": [...]}`, as GET /metering/models answers) or '
            "LiteLLM's model_prices_and_context_window.json (`{\"<model>\": {...}}`); errors name the entry's fields",
        ),
        ("effectiveFrom", "not in the past: a price never applies retroactively"),
    ),
)
async def import_models(
    body: CatalogueImportRequest, request: Request, session: DbSession, ctx: RegistryWriter
) -> CatalogueImportResponse:
    catalogue = catalogue_of(await request.body())
    result = await service.import_catalogue_over_http(
        session,
        ctx,
        catalogue,
        dry_run=body.dry_run,
        effective_from=body.effective_from,
        create_missing=not body.existing_only,
    )
    return import_response(result)


# --- internal (service to service, not routed by the gateway) -------------------------------------


#: Only billing reads a tenant's usage this way, authenticated as itself (issue 12 finding 3).
BillingCaller = Annotated[ServiceCaller, require_service("billing")]
#: The longest period billing asks for (a year of invoices and projections, and some slack): every
#: input is bounded, and a scan of years of rollups is nobody's legitimate question.
MAX_INTERNAL_PERIOD_DAYS = 400


@internal.get(
    "/rollups",
    response_model=InternalRollupsResponse,
    summary="A tenant's usage per model for a period (billing only; at most 400 days)",
    responses={
        **INTERNAL_RESPONSES,
        422: {"description": "Invalid period: `end` before `start`, or longer than 400 days"},
    },
)
async def internal_rollups(
    session: DbSession,
    _: BillingCaller,
    tenant_id: Annotated[str, Query(alias="tenantId", min_length=1, max_length=100)],
    start: date,
    end: date,
) -> InternalRollupsResponse:
    if end < start:
        raise invalid_fields(("query.end", "must not be before start"), detail="end is before start")
    if (end - start).days + 1 > MAX_INTERNAL_PERIOD_DAYS:
        raise invalid_fields(
            ("query.end", f"the period may span at most {MAX_INTERNAL_PERIOD_DAYS} days"), detail="period too long"
        )
    rows = await service.per_model_totals(session, tenant_id, start, end)
    models = [ModelTotalsOut.model_validate(r) for r in rows]
    return InternalRollupsResponse(
        tenant_id=tenant_id,
        period=InternalPeriod(start=start, end=end),
        models=models,
        provider_cost=sum((m.provider_cost for m in models), start=Decimal(0)),
        billed_cost=sum((m.billed_cost for m in models), start=Decimal(0)),
    )


#: Identity checks that an agent's model is in the registry and active (it never reads these tables).
RegistryCaller = Annotated[ServiceCaller, require_service("identity")]


@internal.get(
    "/models/{model_id}",
    response_model=InternalModelOut,
    summary="One registry model and its status (identity only: an agent's model must be active)",
    responses={**INTERNAL_RESPONSES, 404: {"description": "No such model in the registry"}},
)
async def internal_model(
    session: DbSession, _: RegistryCaller, model_id: Annotated[str, Path(min_length=1, max_length=255)]
) -> InternalModelOut:
    return InternalModelOut.model_validate(await service.get_model(session, model_id), from_attributes=True)
