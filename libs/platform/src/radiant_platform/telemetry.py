"""OpenTelemetry tracing (exporter chosen by settings) and JSON logs that carry the trace id."""

from __future__ import annotations

import logging
import sys
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, ConsoleSpanExporter
from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased
from opentelemetry.trace import SpanKind, Status, StatusCode
from pythonjsonlogger.json import JsonFormatter
from sqlalchemy import event

from .settings import ServiceSettings

_configured = False


class TraceContextFilter(logging.Filter):
    """Adds the current trace and span ids to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        ctx = trace.get_current_span().get_span_context()
        record.trace_id = format(ctx.trace_id, "032x") if ctx.is_valid else None
        record.span_id = format(ctx.span_id, "016x") if ctx.is_valid else None
        return True


def configure_logging(settings: ServiceSettings) -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(TraceContextFilter())
    handler.setFormatter(
        JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s %(trace_id)s %(span_id)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
            static_fields={"service": settings.service_name},
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level.upper())
    # Per-request client logs would cost more than the requests themselves at gateway rates.
    for noisy in ("aiokafka", "uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def tracer_provider(settings: ServiceSettings) -> TracerProvider:
    """The service's tracer provider, sampling new traces at `otel_trace_sample_ratio`."""
    return TracerProvider(
        resource=Resource.create({"service.name": f"radiant-{settings.service_name}"}),
        # Unsampled spans still carry trace ids: logs keep their correlation and `traceparent` travels on.
        sampler=ParentBased(TraceIdRatioBased(settings.otel_trace_sample_ratio)),
    )


def configure_tracing(settings: ServiceSettings) -> None:
    """Install the global tracer provider once per process; `none` keeps tracing in-process only."""
    global _configured
    if _configured:
        return
    _configured = True
    provider = tracer_provider(settings)
    if settings.otel_exporter == "console":
        provider.add_span_processor(BatchSpanProcessor(ConsoleSpanExporter()))
    elif settings.otel_exporter == "otlp":
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        exporter = OTLPSpanExporter(endpoint=settings.otel_endpoint) if settings.otel_endpoint else OTLPSpanExporter()
        provider.add_span_processor(BatchSpanProcessor(exporter))
    trace.set_tracer_provider(provider)


# --- database spans ---------------------------------------------------------------------------------
# opentelemetry-instrumentation-sqlalchemy refuses SQLAlchemy 2.1, so statements are traced with
# SQLAlchemy's own cursor events: one CLIENT span per statement, under the request's or batch's span.

_db_tracer = trace.get_tracer("radiant.db")
_SPAN_KEY = "radiant_otel_span"


def trace_statements(sync_engine: Any, schema: str | None) -> None:
    @event.listens_for(sync_engine, "before_cursor_execute")
    def _start(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        span = _db_tracer.start_span(
            statement.split(None, 1)[0].upper() if statement else "SQL",
            kind=SpanKind.CLIENT,
            attributes={
                "db.system.name": "postgresql",
                "db.namespace": schema or "",
                "db.query.text": statement[:2000],
            },
        )
        conn.info.setdefault(_SPAN_KEY, []).append(span)

    @event.listens_for(sync_engine, "after_cursor_execute")
    def _end(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, executemany: bool) -> None:
        spans = conn.info.get(_SPAN_KEY)
        if spans:
            spans.pop().end()

    @event.listens_for(sync_engine, "handle_error")
    def _failed(exception_context: Any) -> None:
        conn = exception_context.connection
        spans = conn.info.get(_SPAN_KEY) if conn is not None else None
        if spans:
            span = spans.pop()
            span.record_exception(exception_context.original_exception)
            span.set_status(Status(StatusCode.ERROR))
            span.end()
