"""The topic registry: shapes the local stack and the cluster create from one list."""

from __future__ import annotations

from radiant_contracts.topics import (
    APPROVAL_DECISIONS,
    DLQ_SUFFIX,
    TENANT_EVENTS,
    TOPICS,
    USAGE_EVENTS,
    all_topics,
)


def _by_name() -> dict:
    return {t.name: t for t in all_topics()}


def test_every_consumed_topic_has_a_dlq() -> None:
    topics = _by_name()
    for spec in TOPICS:
        assert spec.consumed
        dlq = topics[spec.name + DLQ_SUFFIX]
        assert spec.dlq == dlq.name and not dlq.consumed
        assert int(dlq.config["retention.ms"]) > 0


def test_topic_names_are_unique() -> None:
    names = [t.name for t in all_topics()]
    assert len(names) == len(set(names)) == 2 * len(TOPICS)


def test_usage_events_has_12_partitions() -> None:
    assert _by_name()[USAGE_EVENTS].partitions == 12


def test_tenant_events_is_compacted() -> None:
    assert _by_name()[TENANT_EVENTS].config["cleanup.policy"] == "compact"


def test_design_topics_exist() -> None:
    assert {"usage-events", "audit-events", APPROVAL_DECISIONS, "tenant-events", "billing-events"} <= set(_by_name())
