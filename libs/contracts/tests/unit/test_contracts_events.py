"""Payload models: strict on declared fields, exact money, documented audit actions, registry."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from pydantic import ValidationError

from radiant_contracts import (
    EVENT_TYPES,
    InvalidEvent,
    decode_event,
    event_types_for_topic,
    make_event,
    payload_model_for,
    topic_for,
)
from radiant_contracts.errors import UnknownEventType
from radiant_contracts.events import (
    AUDIT_ACTION_PATTERN,
    AUDIT_ACTIONS,
    AuditRecorded,
    BillingSettingsUpdated,
    BudgetThresholdCrossed,
    InvoiceCreated,
    TenantSuspended,
    UsageRecorded,
)
from radiant_contracts.examples import example_payloads
from radiant_contracts.topics import TOPICS

EXAMPLES = example_payloads()


def _data(event_type: str) -> dict:
    return EXAMPLES[event_type].model_dump(mode="json")


def _invalid_fields(model, data: dict) -> set[str]:
    with pytest.raises(ValidationError) as exc_info:
        model.model_validate(data)
    return {".".join(map(str, e["loc"])) for e in exc_info.value.errors()}


# --- usage ---------------------------------------------------------------------------------------


def test_usage_defaults_follow_the_seed_schema() -> None:
    data = _data(UsageRecorded.event_type)
    for optional in ("cached", "phi_detected", "phi_sanitized", "user_id"):
        del data[optional]
    usage = UsageRecorded.model_validate(data)
    assert (usage.cached, usage.phi_detected, usage.phi_sanitized, usage.user_id) == (False, False, False, None)
    assert usage.total_tokens == 1550


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("input_tokens", -1),
        ("output_tokens", -5),
        ("latency_ms", -1),
        ("input_tokens", "12"),  # strict: no string coercion
        ("input_tokens", 1.5),
        ("cached", "yes"),
        ("request_type", "completion"),
        ("environment", "production"),
        ("request_id", ""),
        ("occurred_at", "2025-01-01T00:00:00"),  # naive timestamps are ambiguous
    ],
)
def test_usage_rejects_bad_values_with_field_path(field: str, value: object) -> None:
    data = _data(UsageRecorded.event_type) | {field: value}
    assert _invalid_fields(UsageRecorded, data) == {field}


def test_usage_requires_the_seed_required_fields() -> None:
    data = _data(UsageRecorded.event_type)
    del data["model_id"], data["input_tokens"]
    assert _invalid_fields(UsageRecorded, data) == {"model_id", "input_tokens"}


def test_invalid_event_reports_dotted_paths_into_data() -> None:
    event = make_event(EXAMPLES[UsageRecorded.event_type], tenant_id="t", source="radiant/x")
    obj = json.loads(event.to_bytes())
    obj["data"]["input_tokens"] = -3

    with pytest.raises(InvalidEvent) as exc_info:
        decode_event(json.dumps(obj))

    assert [e.field for e in exc_info.value.errors] == ["data.input_tokens"]
    assert "data.input_tokens" in str(exc_info.value)


# --- audit ---------------------------------------------------------------------------------------

SEED_004_ACTIONS = {
    "user.invite",
    "user.accept",
    "user.remove",
    "user.role_change",
    "agent.create",
    "agent.delete",
    "agent.configure",
    "agent.start",
    "agent.stop",
    "settings.update",
    "billing.upgrade",
    "billing.downgrade",
}


def test_audit_actions_cover_the_seed_and_match_the_pattern() -> None:
    assert SEED_004_ACTIONS <= AUDIT_ACTIONS
    assert {"invitation.create", "auth.refresh_reuse", "approval.execute", "tenant.impersonate"} <= AUDIT_ACTIONS
    assert all(re.match(AUDIT_ACTION_PATTERN, action) for action in AUDIT_ACTIONS)


@pytest.mark.parametrize("action", [*sorted(AUDIT_ACTIONS), "brand_new.thing"])
def test_known_and_new_well_formed_actions_are_accepted(action: str) -> None:
    assert AuditRecorded.model_validate(_data(AuditRecorded.event_type) | {"action": action}).action == action


@pytest.mark.parametrize("action", ["login", "User.Invite", "user.", "user invite", "user.invite!", ""])
def test_malformed_actions_are_rejected(action: str) -> None:
    assert _invalid_fields(AuditRecorded, _data(AuditRecorded.event_type) | {"action": action}) == {"action"}


def test_audit_actor_is_validated_in_depth() -> None:
    data = _data(AuditRecorded.event_type)
    data["actor"] |= {"type": "robot", "ip": "not-an-ip"}
    data["outcome"] = "maybe"
    assert _invalid_fields(AuditRecorded, data) == {"actor.type", "actor.ip", "outcome"}


def test_system_actor_needs_no_ip_or_user_agent() -> None:
    audit = AuditRecorded(
        actor={"type": "system", "id": "approval-expirer"}, action="approval.expire", resource_type="approval_request"
    )
    assert audit.outcome == "success" and audit.details == {} and audit.actor.ip is None


# --- tenant, approval, billing -------------------------------------------------------------------


def test_tenant_event_status_must_match_its_meaning() -> None:
    data = _data(TenantSuspended.event_type) | {"status": "active"}
    assert _invalid_fields(TenantSuspended, data) == {"status"}


def test_tiered_margin_needs_ordered_tiers() -> None:
    data = _data(BillingSettingsUpdated.event_type)
    with pytest.raises(ValidationError, match="at least one tier"):
        BillingSettingsUpdated.model_validate(data | {"tiers": []})
    unordered = [{"up_to": "500", "margin_percent": "10"}, {"up_to": "100", "margin_percent": "5"}]
    with pytest.raises(ValidationError, match="strictly increasing"):
        BillingSettingsUpdated.model_validate(data | {"tiers": unordered})
    unbounded_first = [{"up_to": None, "margin_percent": "10"}, {"up_to": "100", "margin_percent": "5"}]
    with pytest.raises(ValidationError, match="only the last tier"):
        BillingSettingsUpdated.model_validate(data | {"tiers": unbounded_first})


def test_billing_settings_defaults_match_the_seed_table() -> None:
    settings = BillingSettingsUpdated(effective_at="2025-01-01T00:00:00Z")
    assert settings.margin_percent == Decimal("20.00") and settings.margin_mode == "fixed"
    assert settings.alert_thresholds == [50, 75, 90, 100] and settings.currency == "USD"
    assert settings.budget_limit is None and settings.billing_cycle_day == 1


def test_period_must_not_end_before_it_starts() -> None:
    data = _data(BudgetThresholdCrossed.event_type)
    data["period"] = {"start": "2025-02-01", "end": "2025-01-31"}
    with pytest.raises(ValidationError, match="before its start"):
        BudgetThresholdCrossed.model_validate(data)


def test_percent_matches_decimal_5_2() -> None:
    data = _data(BillingSettingsUpdated.event_type)
    assert _invalid_fields(BillingSettingsUpdated, data | {"margin_percent": "12.345"}) == {"margin_percent"}
    assert _invalid_fields(BillingSettingsUpdated, data | {"tax_percent": "-1"}) == {"tax_percent"}
    assert _invalid_fields(BillingSettingsUpdated, data | {"currency": "usd"}) == {"currency"}


# --- money ---------------------------------------------------------------------------------------


def test_money_serialises_as_exact_strings() -> None:
    invoice = InvoiceCreated.model_validate(
        _data(InvoiceCreated.event_type) | {"total": "0.30", "subtotal": "100000000000.0000000001"}
    )
    event = make_event(invoice, tenant_id="t", source="radiant/billing")

    data = json.loads(event.to_bytes())["data"]

    assert data["total"] == "0.30"  # scale preserved, not 0.3 and not a float
    assert data["subtotal"] == "100000000000.0000000001"  # no float rounding
    assert data["tax_percent"] == "8.25" and data["line_items"][0]["amount"] == "1140.40"
    assert decode_event(event.to_bytes()).data.total == Decimal("0.30")


def test_money_never_uses_exponent_notation() -> None:
    invoice = InvoiceCreated.model_validate(_data(InvoiceCreated.event_type) | {"total": Decimal("1E+3")})
    assert json.loads(invoice.model_dump_json())["total"] == "1000"


@pytest.mark.parametrize("value", [12.3, float("nan"), "NaN", "Infinity", "-1.00", "ten"])
def test_bad_money_is_rejected(value: object) -> None:
    data = _data(InvoiceCreated.event_type) | {"total": value}
    assert _invalid_fields(InvoiceCreated, data) == {"total"}


def test_float_money_in_json_is_rejected() -> None:
    event = make_event(EXAMPLES[InvoiceCreated.event_type], tenant_id="t", source="radiant/billing")
    raw = event.to_bytes().replace(b'"total":"1234.56"', b'"total":1234.56')
    with pytest.raises(InvalidEvent, match=r"data\.total"):
        decode_event(raw)


# --- registry ------------------------------------------------------------------------------------


def test_registry_maps_every_type_to_its_model_and_topic() -> None:
    topics = {t.name for t in TOPICS}
    for event_type, model in EVENT_TYPES.items():
        assert event_type.startswith("radiant.") and re.search(r"\.v\d+$", event_type)
        assert payload_model_for(event_type) is model
        assert topic_for(event_type) == model.topic in topics


def test_every_topic_carries_the_events_in_the_design() -> None:
    # The storage gauge shares usage's topic (a type of its own: v1 usage consumers skip it).
    assert sorted(event_types_for_topic("usage-events")) == ["radiant.storage.reported.v1", "radiant.usage.recorded.v1"]
    assert event_types_for_topic("metering-events") == ["radiant.quota.threshold_crossed.v1"]
    assert event_types_for_topic("audit-events") == ["radiant.audit.recorded.v1"]
    assert len(event_types_for_topic("approval-decisions")) == 7
    assert len(event_types_for_topic("tenant-events")) == 5
    assert {t.removeprefix("radiant.") for t in event_types_for_topic("billing-events")} == {
        "billing.settings_updated.v1",
        "invoice.created.v1",
        "invoice.paid.v1",
        "invoice.payment_failed.v1",
        "budget.threshold_crossed.v1",
        "subscription.changed.v1",
    }


def test_unknown_type_lookup_fails_clearly() -> None:
    with pytest.raises(UnknownEventType, match=r"radiant\.nope\.v1"):
        topic_for("radiant.nope.v1")


def test_payload_field_names_are_snake_case() -> None:
    def names(schema: dict) -> set[str]:
        found = set(schema.get("properties", {}))
        for sub in schema.get("$defs", {}).values():
            found |= names(sub)
        return found

    for model in EVENT_TYPES.values():
        assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names(model.model_json_schema())), model


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("user.invite", {"user.invite", "invitation.create"}),
        ("invitation.create", {"invitation.create", "user.invite"}),
        ("user.accept", {"user.accept", "invitation.accept"}),
        ("invitation.accept", {"invitation.accept", "user.accept"}),
        # A stem's extension keeps its alias: the requested form under the other seed's name.
        ("user.invite_requested", {"user.invite_requested", "invitation.create_requested"}),
        # A filter shorter than a name finds that name's alias too (every user.* under either name).
        ("user.", {"user.", "invitation.create", "invitation.accept"}),
        ("invitation.", {"invitation.", "user.invite", "user.accept"}),
        # Actions without an alias are filtered as before.
        ("user.role_change", {"user.role_change"}),
        ("agent.", {"agent."}),
    ],
)
def test_an_action_filter_finds_either_seeds_name(prefix: str, expected: set[str]) -> None:
    from radiant_contracts.events.audit import action_filter_prefixes

    assert set(action_filter_prefixes(prefix)) == expected
