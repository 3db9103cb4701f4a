"""Prometheus text exposition (`GET /metrics` on the service port): ingest counters and SIEM lag."""

from __future__ import annotations

from collections.abc import Sequence

from radiant_platform.consumer import BatchConsumer

from .siem.forwarder import SiemForwarding


def _line(name: str, value: float | int | None, labels: dict[str, str] | None = None) -> str | None:
    if value is None:
        return None
    label_text = ""
    if labels:
        label_text = "{" + ",".join(f'{k}="{v}"' for k, v in labels.items()) + "}"
    return f"{name}{label_text} {value}"


def render_metrics(consumers: Sequence[BatchConsumer], forwarding: SiemForwarding) -> str:
    lines: list[str | None] = [
        "# HELP radiant_audit_ingested_events_total Audit events consumed by the ingest consumer.",
        "# TYPE radiant_audit_ingested_events_total counter",
    ]
    totals: dict[str, list[int]] = {}  # several members of one group: one series, summed
    for consumer in consumers:
        counts = totals.setdefault(consumer.name, [0, 0, 0])
        counts[0] += consumer.stats.events
        counts[1] += consumer.stats.dead_lettered
        counts[2] += consumer.stats.batches
    for name, (events, dead_lettered, batches) in totals.items():
        labels = {"consumer": name}
        lines += [
            _line("radiant_audit_ingested_events_total", events, labels),
            _line("radiant_audit_dead_lettered_total", dead_lettered, labels),
            _line("radiant_audit_ingest_batches_total", batches, labels),
        ]
    lines += [
        "# HELP radiant_audit_siem_lag_records Records on audit-events not yet confirmed by the sink.",
        "# TYPE radiant_audit_siem_lag_records gauge",
    ]
    for f in forwarding.forwarders:
        labels = {"sink": f.sink.name}
        p99 = f.status.latency_percentile(99)
        lines += [
            _line("radiant_audit_siem_lag_records", f.status.lag_records, labels),
            _line("radiant_audit_siem_up", 1 if f.status.state == "up" else 0, labels),
            _line("radiant_audit_siem_delivered_total", f.status.delivered, labels),
            _line("radiant_audit_siem_failures_total", f.status.failures, labels),
            _line("radiant_audit_siem_delivery_latency_p99_seconds", None if p99 is None else p99 / 1000, labels),
        ]
    lines += [
        "# HELP radiant_audit_siem_checkpoint_lag Signed checkpoints not yet exported to the sink.",
        "# TYPE radiant_audit_siem_checkpoint_lag gauge",
    ]
    for e in forwarding.exporters:
        labels = {"sink": e.sink.name}
        lines += [
            _line("radiant_audit_siem_checkpoint_lag", e.status.lag_checkpoints, labels),
            _line("radiant_audit_siem_checkpoints_exported_total", e.status.exported, labels),
            _line("radiant_audit_siem_checkpoint_export_failures_total", e.status.failures, labels),
        ]
    return "\n".join(line for line in lines if line is not None) + "\n"
