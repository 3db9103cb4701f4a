"""HTTP request and response models (camelCase JSON, as the seed's responses)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, Field, StrictBool, StrictStr

from radiant_contracts.api import ApiModel, DecimalInput, InputModel, IsoDateTime, JsonInt
from radiant_contracts.fields import NonNegativeMoney

Label = Annotated[StrictStr, Field(min_length=1, max_length=255)]

# Upper bounds of one usage event recorded over HTTP. The longest context windows offered today are a
# few million tokens (and outputs far fewer), so ten million per direction leaves room for models to
# come while an event past it is a producer's bug — a cumulative counter, characters or bytes sent as
# tokens — which would otherwise be billed to the tenant. A model call that took an hour has long been
# timed out by every provider; a longer latency is a unit mix-up (µs for ms) or a broken clock.
MAX_TOKENS_PER_EVENT = 10_000_000
MAX_LATENCY_MS = 3_600_000
#: Events per batch request (the seed's limit).
MAX_BATCH_EVENTS = 100
# Integers as JSON Schema means them (1351.0 is one; "1351" and true are not).
EventTokens = Annotated[JsonInt, Field(ge=0, le=MAX_TOKENS_PER_EVENT)]
LatencyMs = Annotated[JsonInt, Field(ge=0, le=MAX_LATENCY_MS)]
# A decimal string or JSON number, documented as exactly what is accepted (pattern, range, places).
PricePerMillion = Annotated[Decimal, DecimalInput(max_digits=18, decimal_places=6)]


class RecordUsageRequest(InputModel):
    """The seed's `recordUsageSchema`; app and environment come from the caller, the time from our clock."""

    request_id: Label
    provider_id: Label
    model_id: Label
    model_name: Label
    request_type: Literal["chat", "embedding", "image", "audio", "video"]
    input_tokens: EventTokens
    output_tokens: EventTokens
    latency_ms: LatencyMs
    cached: StrictBool = False
    phi_detected: StrictBool = False
    phi_sanitized: StrictBool = False
    user_id: Label | None = None
    #: The tenant's agent that made the call (identity's agent id), for the usage series by agent.
    agent_id: Label | None = None
    app_id: Label | None = None


class BatchRecordRequest(ApiModel):
    # Items are validated one by one so that invalid ones are reported, not the whole batch refused;
    # a batch with no valid event at all is a 422, which the document states (`contains`).
    events: list[Any] = Field(
        min_length=1,
        max_length=MAX_BATCH_EVENTS,
        description="Usage events, each as POST /record takes it; at least one valid",
        json_schema_extra={"contains": RecordUsageRequest.model_json_schema()},
    )


class RecordedEvent(ApiModel):
    id: str
    request_id: str


class RecordUsageResponse(ApiModel):
    event: RecordedEvent
    status: Literal["accepted"] = "accepted"


class FieldErrorOut(ApiModel):
    field: str
    message: str
    type: str


class BatchItemResult(ApiModel):
    index: int
    id: str  # the event id when accepted, else the item's requestId (or "unknown"), as the seed
    request_id: str | None = None
    success: bool
    error: str | None = None
    errors: list[FieldErrorOut] | None = None


class BatchSummary(ApiModel):
    total: int
    successful: int
    failed: int


class BatchRecordResponse(ApiModel):
    results: list[BatchItemResult]
    summary: BatchSummary


class Period(ApiModel):
    start_date: date
    end_date: date


class UsageTotals(ApiModel):
    requests: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    provider_cost: NonNegativeMoney
    billed_cost: NonNegativeMoney
    cached_requests: int
    phi_requests: int
    unpriced_requests: int
    #: Requests recorded while the tenant was suspended (still metered and billed).
    suspended_requests: int
    currency: str = "USD"


class SummaryResponse(ApiModel):
    period: Period
    totals: UsageTotals


class RollupOut(ApiModel):
    date: date
    model_id: str
    provider_id: str
    request_count: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    provider_cost: NonNegativeMoney
    billed_cost: NonNegativeMoney
    avg_latency_ms: float
    cached_requests: int
    phi_requests: int
    unpriced_requests: int
    #: Requests recorded while the tenant was suspended (still metered and billed).
    suspended_requests: int


class RollupsResponse(ApiModel):
    rollups: list[RollupOut]
    period: Period


class PriceOut(ApiModel):
    input_price_per_million: NonNegativeMoney
    output_price_per_million: NonNegativeMoney
    effective_from: datetime


class ModelOut(ApiModel):
    model_id: str
    provider_id: str
    model_name: str
    status: str
    unregistered: bool  # first seen in usage and priced with the seed's defaults until priced here
    current_price: PriceOut | None
    scheduled_prices: list[PriceOut]
    updated_at: datetime
    updated_by: str | None


class ModelDetailOut(ModelOut):
    price_history: list[PriceOut]


class ModelsResponse(ApiModel):
    models: list[ModelOut]


class ModelUpdateRequest(InputModel):
    provider_id: Label | None = None
    model_name: Label | None = None
    status: Literal["active", "inactive", "deprecated"] | None = None
    input_price_per_million: PricePerMillion | None = None
    output_price_per_million: PricePerMillion | None = None
    effective_from: AwareDatetime | None = None


class ModelActivationDetails(InputModel):
    """Set a registry model's status (`active` brings it into service) once a second operator approves."""

    model_id: Label
    status: Literal["active", "inactive", "deprecated"] = "active"


class ProviderChangeDetails(InputModel):
    """Move a registry model to another provider (and/or rename or reprice it from `effectiveFrom`)."""

    model_id: Label
    provider_id: Label | None = None
    model_name: Label | None = None
    input_price_per_million: PricePerMillion | None = None
    output_price_per_million: PricePerMillion | None = None
    effective_from: IsoDateTime | None = None


REGISTRY_DETAILS: dict[str, type[InputModel]] = {
    "model_activation": ModelActivationDetails,
    "provider_change": ProviderChangeDetails,
}


def _registry_details_by_type(schema: dict[str, Any]) -> None:
    """The document says what the service checks: `details` is the change of the request's `type`."""
    payloads = {t: m.model_json_schema(by_alias=True) for t, m in REGISTRY_DETAILS.items()}
    for payload in payloads.values():
        payload.pop("title", None)
    schema["properties"]["details"] = {"anyOf": list(payloads.values()), "description": "The change, by `type`"}
    schema["oneOf"] = [
        {"required": ["type", "details"], "properties": {"type": {"const": t}, "details": payload}}
        for t, payload in payloads.items()
    ]


class RegistryApprovalRequest(InputModel):
    """A registry change for a second operator's approval: `model_activation` (bring a model into
    service, or out of it) or `provider_change` (move it to another provider, rename or reprice it)."""

    model_config = InputModel.model_config | {"json_schema_extra": _registry_details_by_type}

    type: Literal["model_activation", "provider_change"]
    #: Checked by `type` (`REGISTRY_DETAILS`): errors name `details.<field>`.
    details: Annotated[dict[str, Any], Field(max_length=16)]
    notes: Annotated[StrictStr, Field(max_length=1000)] | None = None
    expires_in_hours: Annotated[JsonInt, Field(ge=1, le=168)] = 24


class FiledApprovalOut(ApiModel):
    id: str
    status: str
    type: str


class FiledApprovalEnvelope(ApiModel):
    """The filed request; another operator decides it at /api/v2/saas/approvals/{id}."""

    approval: FiledApprovalOut


class ModelTotalsOut(ApiModel):
    model_id: str
    provider_id: str
    request_count: int
    input_tokens: int
    output_tokens: int
    total_tokens: int
    provider_cost: NonNegativeMoney
    billed_cost: NonNegativeMoney
    unpriced_requests: int


class InternalPeriod(ApiModel):
    start: date
    end: date


class InternalRollupsResponse(ApiModel):
    tenant_id: str
    period: InternalPeriod
    currency: str = "USD"
    models: list[ModelTotalsOut]
    provider_cost: NonNegativeMoney
    billed_cost: NonNegativeMoney


class InternalModelOut(ApiModel):
    """A registry model as identity checks it (an agent may only use an `active` one)."""

    model_id: str
    provider_id: str
    model_name: str
    status: str


# --- catalogue import (operators) -------------------------------------------------------------------


class CatalogueImportRequest(InputModel):
    """A price catalogue to import: `catalogue` is the file's content, in the registry's format (what
    `GET /metering/models` answers) or LiteLLM's `model_prices_and_context_window.json`. Its numbers
    are read exactly (as decimals, never floats)."""

    catalogue: dict[str, Any]
    dry_run: StrictBool = Field(False, description="Show the diff and change nothing")
    effective_from: AwareDatetime | None = Field(None, description="When the new prices apply (default: now)")
    existing_only: StrictBool = Field(False, description="Reprice models already in the registry; add none")


class ImportPrice(ApiModel):
    input_price_per_million: NonNegativeMoney
    output_price_per_million: NonNegativeMoney


class ImportChangeOut(ApiModel):
    model_id: str
    action: Literal["create", "reprice"]
    provider_id: str
    model_name: str
    before: ImportPrice | None
    after: ImportPrice


class ImportSkippedOut(ApiModel):
    model_id: str
    reason: str


class ImportSummaryOut(ApiModel):
    created: int
    repriced: int
    unchanged: int
    skipped: int


class CatalogueImportResponse(ApiModel):
    dry_run: bool
    format: Literal["registry", "litellm"]
    effective_from: datetime
    summary: ImportSummaryOut
    changes: list[ImportChangeOut]
    skipped: list[ImportSkippedOut]
