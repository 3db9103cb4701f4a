"""Every service's requests get one server span (radiant_platform.app.REQUEST_TELEMETRY): named by the
route template, continuing the caller's trace; none for the probes. The app is built by `create_app`,
as every service's is, without starting its lifespan."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi import APIRouter
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from radiant_platform.app import Runtime, ServiceSpec, create_app
from radiant_platform.settings import ServiceSettings

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
SAMPLED = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


@pytest.fixture
def exporter() -> Iterator[InMemorySpanExporter]:
    if not isinstance(trace.get_tracer_provider(), TracerProvider):
        trace.set_tracer_provider(TracerProvider())
    exported = InMemorySpanExporter()
    provider = trace.get_tracer_provider()
    assert isinstance(provider, TracerProvider)
    provider.add_span_processor(SimpleSpanProcessor(exported))
    yield exported
    exported.shutdown()


def _client() -> httpx.AsyncClient:
    router = APIRouter()

    @router.get("/api/v2/things/{thing_id}")
    async def thing(thing_id: str) -> dict[str, str]:
        return {"id": thing_id}

    settings = ServiceSettings(service_name="spans-test")
    spec: ServiceSpec[None] = ServiceSpec(settings=settings, title="t", routers=[router], uses_kafka=False)
    app = create_app(spec)
    app.state.runtime = Runtime(spec=spec, settings=settings)  # what /healthz reads; the lifespan is not run
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


def _servers(exporter: InMemorySpanExporter) -> list[ReadableSpan]:
    return [s for s in exporter.get_finished_spans() if s.kind == SpanKind.SERVER]


async def test_a_request_continues_the_callers_trace_in_one_span_named_by_its_route(exporter) -> None:
    async with _client() as client:
        response = await client.get("/api/v2/things/t-1", headers={"traceparent": SAMPLED})
    assert response.json() == {"id": "t-1"}
    [span] = _servers(exporter)
    assert span.name == "GET /api/v2/things/{thing_id}"
    assert format(span.context.trace_id, "032x") == TRACE_ID
    assert span.attributes is not None
    assert span.attributes["http.route"] == "/api/v2/things/{thing_id}"
    assert span.attributes["http.response.status_code"] == 200
    assert not [s for s in exporter.get_finished_spans() if s.kind == SpanKind.INTERNAL]  # no per-step spans


async def test_the_probes_get_no_span(exporter) -> None:
    async with _client() as client:
        assert (await client.get("/healthz", headers={"traceparent": SAMPLED})).status_code == 200
    assert _servers(exporter) == []
