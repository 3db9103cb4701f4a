"""Who may publish what: the `source` allow-list consumers check (radiant_contracts.sources)."""

from __future__ import annotations

from radiant_contracts.events import ApprovalApproved, AuditRecorded, UsageRecorded
from radiant_contracts.registry import EVENT_TYPES
from radiant_contracts.sources import ALLOWED_SOURCES, APPROVAL, DEPLOYER, USAGE_PRODUCER, source_refusal


def test_every_event_type_says_who_may_publish_it() -> None:
    assert set(ALLOWED_SOURCES) == set(EVENT_TYPES)
    assert all(ALLOWED_SOURCES.values())


def test_only_the_approval_service_decides() -> None:
    assert source_refusal(ApprovalApproved.event_type, APPROVAL) is None
    for forger in ("radiant/identity", "radiant/metering", USAGE_PRODUCER, DEPLOYER, "radiant/approval2"):
        reason = source_refusal(ApprovalApproved.event_type, forger)
        assert reason is not None and forger in reason and "radiant/approval" in reason


def test_a_usage_producer_may_publish_usage_but_not_audit_events() -> None:
    assert source_refusal(UsageRecorded.event_type, USAGE_PRODUCER) is None
    assert source_refusal(UsageRecorded.event_type, "radiant/metering") is None
    assert source_refusal(AuditRecorded.event_type, USAGE_PRODUCER) is not None
    assert source_refusal(AuditRecorded.event_type, "radiant/billing") is None


def test_executors_and_deployers_answer_approvals_but_the_approval_service_does_not() -> None:
    for executor in ("radiant/identity", "radiant/billing", "radiant/metering", DEPLOYER):
        assert source_refusal("radiant.approval.executed.v1", executor) is None
    assert source_refusal("radiant.approval.executed.v1", APPROVAL) is not None


def test_an_unknown_type_is_refused_and_a_long_source_is_not_repeated_whole() -> None:
    assert source_refusal("radiant.other.thing.v1", APPROVAL) == "no source may publish radiant.other.thing.v1"
    reason = source_refusal(ApprovalApproved.event_type, "x" * 5000)
    assert reason is not None and len(reason) < 400
