"""Services record a share of new traces (OTEL_TRACE_SAMPLE_RATIO), and always follow a sampled parent:
recording every request's spans is work nobody reads at the gateway's rates."""

from __future__ import annotations

import pytest
from opentelemetry import trace
from opentelemetry.trace import NonRecordingSpan, SpanContext, TraceFlags

from radiant_platform.settings import ServiceSettings
from radiant_platform.telemetry import tracer_provider


def _tracer(monkeypatch: pytest.MonkeyPatch, ratio: str | None) -> trace.Tracer:
    if ratio is None:
        monkeypatch.delenv("OTEL_TRACE_SAMPLE_RATIO", raising=False)
    else:
        monkeypatch.setenv("OTEL_TRACE_SAMPLE_RATIO", ratio)
    return tracer_provider(ServiceSettings(service_name="demo")).get_tracer("demo")


def _remote_parent(sampled: bool) -> trace.Context:
    flags = TraceFlags(TraceFlags.SAMPLED if sampled else TraceFlags.DEFAULT)
    parent = SpanContext(trace_id=0x1234, span_id=0x5678, is_remote=True, trace_flags=flags)
    return trace.set_span_in_context(NonRecordingSpan(parent))


def test_by_default_about_one_new_trace_in_a_hundred_is_recorded(monkeypatch: pytest.MonkeyPatch) -> None:
    tracer = _tracer(monkeypatch, None)
    recorded = sum(tracer.start_span("request").is_recording() for _ in range(5000))
    assert 10 <= recorded <= 120  # 1 % of 5,000 is 50


def test_a_new_trace_is_never_recorded_at_ratio_zero_and_always_at_one(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not any(_tracer(monkeypatch, "0").start_span("request").is_recording() for _ in range(200))
    assert all(_tracer(monkeypatch, "1").start_span("request").is_recording() for _ in range(200))


def test_a_sampled_parent_is_followed_whatever_the_ratio(monkeypatch: pytest.MonkeyPatch) -> None:
    tracer = _tracer(monkeypatch, "0")
    child = tracer.start_span("request", context=_remote_parent(sampled=True))
    assert child.is_recording() and child.get_span_context().trace_id == 0x1234
    unsampled = _tracer(monkeypatch, "1").start_span("request", context=_remote_parent(sampled=False))
    assert not unsampled.is_recording()


def test_an_unrecorded_span_still_has_ids_for_the_logs_and_the_propagated_traceparent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    span = _tracer(monkeypatch, "0").start_span("request")
    assert not span.is_recording() and span.get_span_context().is_valid


def test_a_ratio_outside_zero_to_one_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_TRACE_SAMPLE_RATIO", "1.5")
    with pytest.raises(ValueError, match=r"otel_trace_sample_ratio|OTEL_TRACE_SAMPLE_RATIO"):
        ServiceSettings(service_name="demo")
