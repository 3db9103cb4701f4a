"""Typed approval payloads: one closed model per approval type, one spelling per field, every input bounded."""

from __future__ import annotations

import json
from decimal import Decimal
from types import MappingProxyType
from typing import Any, get_args

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from radiant_contracts import decode_event, make_event
from radiant_contracts.approvals import (
    APPROVAL_PAYLOADS,
    EXTERNALLY_OWNED_TYPES,
    ApprovalPayload,
    ApprovalType,
    BillingChange,
    ModelActivation,
    ProviderChange,
    Role,
    UserRoleChange,
    owning_service,
    parse_approval_details,
)
from radiant_contracts.events import ApprovalApproved, ApprovalRequested
from radiant_contracts.examples import example_approval_details, example_payloads
from radiant_contracts.permissions import AdminRole
from radiant_contracts.schema_export import (
    DEFAULT_SCHEMA_DIR,
    approval_details_filename,
    find_drift,
    write_schemas,
)

EXAMPLES = example_approval_details()
TYPES = sorted(APPROVAL_PAYLOADS)


def _details(approval_type: str) -> dict[str, Any]:
    dumped: dict[str, Any] = EXAMPLES[approval_type].model_dump(mode="json")
    return dumped


def _errors(approval_type: str, details: Any) -> dict[str, str]:
    """Dotted location → error type of everything refused."""
    with pytest.raises(ValidationError) as exc_info:
        parse_approval_details(approval_type, details)
    return {".".join(map(str, e["loc"])): e["type"] for e in exc_info.value.errors()}


def _refused(approval_type: str, details: Any) -> set[str]:
    return set(_errors(approval_type, details))


def _file_schema(approval_type: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((DEFAULT_SCHEMA_DIR / approval_details_filename(approval_type)).read_text())
    return schema


# --- the registry --------------------------------------------------------------------------------


def test_one_model_per_approval_type_and_nothing_else() -> None:
    assert set(APPROVAL_PAYLOADS) == set(get_args(ApprovalType)) == set(EXAMPLES)
    assert len(set(get_args(ApprovalType))) == 11
    for approval_type, model in APPROVAL_PAYLOADS.items():
        assert issubclass(model, ApprovalPayload) and model.approval_type == approval_type
        assert model.model_config["extra"] == "forbid" and model.model_config["frozen"] is True
    with pytest.raises(TypeError):
        APPROVAL_PAYLOADS["new_type"] = UserRoleChange  # type: ignore[index]


def test_owning_services_follow_design_flow_2() -> None:
    owners = {t: m.owning_service for t, m in APPROVAL_PAYLOADS.items()}
    assert owners == {
        "user_role_change": "identity",
        "admin_invitation": "identity",
        "admin_status_change": "identity",
        "agent_deployment": "identity",
        "tenant_security_policy": "identity",
        "tenant_deletion": "identity",
        "billing_change": "billing",
        "model_activation": "metering",
        "provider_change": "metering",
        "deployment": None,
        "promotion": None,
    }


def test_externally_owned_types_are_the_ones_no_service_owns() -> None:
    assert {"deployment", "promotion"} == EXTERNALLY_OWNED_TYPES
    assert owning_service("admin_invitation") == "identity" and owning_service("deployment") is None
    assert owning_service("no_such_type") is None


def test_admin_changes_are_closed_and_bounded() -> None:
    assert _refused("admin_status_change", {"user_id": "a1", "action": "promote"}) == {"details.action"}
    assert _refused("admin_invitation", {"invitation_id": "i", "email": "x@y", "role": "owner"}) == {"details.role"}
    long_note = {"invitation_id": "i", "email": "x@y", "role": "admin", "message": "m" * 501}
    assert _refused("admin_invitation", long_note) == {"details.message"}
    header_break = {"invitation_id": "i", "email": "x@y", "role": "admin", "message": "hi\rBcc: a@b"}
    assert _refused("admin_invitation", header_break) == {"details.message"}
    lines = {"invitation_id": "i", "email": "x@y", "role": "admin", "message": "Hello,\n\twelcome"}
    assert parse_approval_details("admin_invitation", lines).message == "Hello,\n\twelcome"


def test_roles_are_the_permission_model_roles() -> None:
    assert set(get_args(Role)) == {r.value for r in AdminRole}


# --- round trips and examples --------------------------------------------------------------------


@pytest.mark.parametrize("approval_type", TYPES)
def test_each_type_round_trips(approval_type: str) -> None:
    example = EXAMPLES[approval_type]
    as_json = example.model_dump_json()
    parsed = parse_approval_details(approval_type, json.loads(as_json))
    assert type(parsed) is APPROVAL_PAYLOADS[approval_type]
    assert parsed == example and parsed.model_dump_json() == as_json
    assert APPROVAL_PAYLOADS[approval_type].model_validate_json(as_json) == example


@pytest.mark.parametrize("approval_type", TYPES)
def test_each_example_validates_against_its_exported_schema(approval_type: str) -> None:
    schema = _file_schema(approval_type)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    validator.validate(_details(approval_type))
    for example in schema["examples"]:
        validator.validate(example)
        parse_approval_details(approval_type, example)
    assert schema["x-radiant-approval-type"] == approval_type
    assert schema["additionalProperties"] is False
    assert not validator.is_valid(_details(approval_type) | {"unexpected": 1})


def test_a_read_only_mapping_is_accepted() -> None:
    parsed = parse_approval_details("model_activation", MappingProxyType({"model_id": "gpt-4o", "status": "inactive"}))
    assert parsed == ModelActivation(model_id="gpt-4o", status="inactive")


def test_payloads_are_immutable() -> None:
    change = parse_approval_details("user_role_change", _details("user_role_change"))
    with pytest.raises(ValidationError):
        change.new_role = "super_admin"  # type: ignore[misc]


# --- one spelling, closed ------------------------------------------------------------------------


def test_either_spelling_of_a_field_is_read_once_and_written_snake_case() -> None:
    # The HTTP API is camelCase (the seed's dashboard sends userId/newRole): accepted as declared aliases.
    camel = parse_approval_details("user_role_change", {"userId": "a1", "newRole": "admin"})
    snake = parse_approval_details("user_role_change", {"user_id": "a1", "new_role": "admin"})
    assert camel == snake and camel.model_dump(mode="json", exclude_none=True) == {"user_id": "a1", "new_role": "admin"}
    nested = parse_approval_details("billing_change", {"settings": {"marginPercent": "25.00"}})
    assert nested.settings.changes() == {"margin_percent": "25.00"}


def test_both_spellings_of_one_field_are_refused() -> None:
    # What identity sends today: both spellings; the second one is an unknown field, not a fallback.
    sent_by_identity = {
        "user_id": "a1",
        "userId": "a1",
        "new_role": "admin",
        "newRole": "admin",
        "previous_role": "operator",
        "email": "x@acme.example",
    }
    assert _errors("user_role_change", sent_by_identity) == {
        "details.userId": "extra_forbidden",
        "details.newRole": "extra_forbidden",
    }


def test_billing_change_as_billing_sends_it_today_is_refused() -> None:
    today = {"tenantId": "t1", "changeId": "c1", "settings": {"marginPercent": "25.00"}}
    assert _errors("billing_change", today) == {
        "details.tenantId": "extra_forbidden",
        "details.changeId": "extra_forbidden",
    }


@pytest.mark.parametrize("approval_type", TYPES)
def test_unknown_fields_are_refused(approval_type: str) -> None:
    assert _errors(approval_type, _details(approval_type) | {"apply_also": "x"}) == {
        "details.apply_also": "extra_forbidden"
    }


def test_unknown_nested_fields_are_refused() -> None:
    details = _details("billing_change")
    details["settings"]["tiers"][0]["bonus"] = "1"
    details["settings"]["tenant_id"] = "another-tenant"
    assert _refused("billing_change", details) == {"details.settings.tiers.0.bonus", "details.settings.tenant_id"}


def test_an_unknown_approval_type_is_a_field_error_on_the_type() -> None:
    assert _errors("root_access", {}) == {"approval_type": "literal_error"}
    assert _errors("User_Role_Change", _details("user_role_change")) == {"approval_type": "literal_error"}


@pytest.mark.parametrize("details", [None, "user_id=a1", ["user_id"], 42])
def test_details_must_be_an_object(details: Any) -> None:
    assert _refused("user_role_change", details) == {"details"}


# --- bounds --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"user_id": ""}, "user_id"),
        ({"user_id": "a" * 256}, "user_id"),
        ({"user_id": "a1\r\nBcc: x@evil.example"}, "user_id"),
        ({"user_id": 42}, "user_id"),
        ({"new_role": "root"}, "new_role"),
        ({"previous_role": "Admin"}, "previous_role"),
        ({"email": "not-an-email"}, "email"),
        ({"email": "a@b\n.example"}, "email"),
        ({"email": "a" * 250 + "@b.example"}, "email"),
    ],
)
def test_user_role_change_bounds(change: dict[str, Any], field: str) -> None:
    assert _refused("user_role_change", _details("user_role_change") | change) == {f"details.{field}"}


def test_user_role_change_must_change_the_role() -> None:
    same = _details("user_role_change") | {"previous_role": "admin", "new_role": "admin"}
    assert _refused("user_role_change", same) == {"details"}


def _settings(**settings: Any) -> dict[str, Any]:
    return {"settings": settings}


@pytest.mark.parametrize(
    ("settings", "field"),
    [
        ({"margin_percent": "100.01"}, "margin_percent"),
        ({"margin_percent": "-1"}, "margin_percent"),
        ({"margin_percent": "12.345"}, "margin_percent"),
        ({"margin_percent": 12.5}, "margin_percent"),  # a float has already lost the exact value
        ({"margin_percent": None}, "margin_percent"),  # only tax_id, budget_limit, tiers can be cleared
        ({"tax_percent": "NaN"}, "tax_percent"),
        ({"margin_type": "percent"}, "margin_type"),
        ({"tax_id": "x" * 51}, "tax_id"),
        ({"currency": "usd"}, "currency"),
        ({"billing_cycle_day": 29}, "billing_cycle_day"),
        ({"billing_cycle_day": "1"}, "billing_cycle_day"),
        ({"auto_pay": "yes"}, "auto_pay"),
        ({"budget_limit": "12345678901.00"}, "budget_limit"),
        ({"budget_limit": "1.001"}, "budget_limit"),
        ({"alert_thresholds": []}, "alert_thresholds"),
        ({"alert_thresholds": list(range(1, 12))}, "alert_thresholds"),
        ({"alert_thresholds": [0]}, "alert_thresholds.0"),
        ({"tiers": [{"margin_percent": "10"}] * 21}, "tiers"),
        ({"tiers": [{"up_to": "100", "margin_percent": "10"}, {"up_to": "50", "margin_percent": "5"}]}, "tiers"),
        ({"tiers": [{"up_to": None, "margin_percent": "10"}, {"up_to": "50", "margin_percent": "5"}]}, "tiers"),
    ],
)
def test_billing_change_bounds(settings: dict[str, Any], field: str) -> None:
    assert _refused("billing_change", _settings(**settings)) == {f"details.settings.{field}"}


def test_billing_change_names_at_least_one_setting() -> None:
    assert _refused("billing_change", _settings()) == {"details.settings"}
    assert _refused("billing_change", {}) == {"details"}  # neither settings nor a plan downgrade


def test_billing_change_is_settings_or_a_plan_downgrade_never_both() -> None:
    downgrade = {"change_id": "c-1", "from_plan": "pro", "to_plan": "starter", "effective_on": "2027-01-01"}
    change = parse_approval_details("billing_change", {"planDowngrade": downgrade})
    assert isinstance(change, BillingChange) and change.settings is None
    assert change.model_dump(mode="json") == {"plan_downgrade": downgrade}  # no null for the other kind
    assert _refused("billing_change", {"plan_downgrade": downgrade} | _settings(auto_pay=True)) == {"details"}
    assert _refused("billing_change", {"plan_downgrade": downgrade | {"to_plan": "pro"}}) == {"details.plan_downgrade"}
    assert _refused("billing_change", {"plan_downgrade": downgrade | {"to_plan": "Pro!"}}) == {
        "details.plan_downgrade.to_plan"
    }


def test_billing_change_writes_exactly_the_settings_given() -> None:
    change = parse_approval_details("billing_change", _settings(tax_id=None, margin_percent="25.00"))
    assert isinstance(change, BillingChange)
    assert change.model_dump(mode="json") == {"settings": {"tax_id": None, "margin_percent": "25.00"}}
    assert change.settings.changes() == {"tax_id": None, "margin_percent": "25.00"}
    assert change.settings.margin_percent == Decimal("25.00") and change.settings.budget_limit is None


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"model_id": "m" * 256}, "model_id"),
        ({"model_id": "gpt\x00"}, "model_id"),
        ({"provider_id": ""}, "provider_id"),
        ({"model_name": "GPT\n4o"}, "model_name"),
        ({"input_price_per_million": "1.0000001"}, "input_price_per_million"),
        ({"input_price_per_million": "-0.5"}, "input_price_per_million"),
        ({"output_price_per_million": 2.5}, "output_price_per_million"),
        ({"output_price_per_million": "1" * 13}, "output_price_per_million"),
        ({"effective_from": "2025-04-01T00:00:00"}, "effective_from"),  # naive: ambiguous
    ],
)
def test_provider_change_bounds(change: dict[str, Any], field: str) -> None:
    assert _refused("provider_change", _details("provider_change") | change) == {f"details.{field}"}


def test_provider_change_must_change_something() -> None:
    assert _refused("provider_change", {"model_id": "m", "effective_from": "2025-04-01T00:00:00Z"}) == {"details"}
    parsed = parse_approval_details("provider_change", {"model_id": "m", "output_price_per_million": "3"})
    assert isinstance(parsed, ProviderChange) and parsed.changes_price and parsed.provider_id is None


@pytest.mark.parametrize(
    ("approval_type", "change", "field"),
    [
        ("model_activation", {"status": "enabled"}, "status"),
        ("deployment", {"version": "2.4.0; rm -rf /"}, "version"),
        ("deployment", {"version": "v" * 65}, "version"),
        ("deployment", {"commit_sha": "9FCEB02"}, "commit_sha"),
        ("deployment", {"commit_sha": "abc"}, "commit_sha"),
        ("promotion", {"target_environment": "production"}, "target_environment"),
        ("promotion", {"deployment_id": ""}, "deployment_id"),
    ],
)
def test_other_bounds(approval_type: str, change: dict[str, Any], field: str) -> None:
    assert _refused(approval_type, _details(approval_type) | change) == {f"details.{field}"}


@pytest.mark.parametrize(
    ("approval_type", "required"),
    [
        ("user_role_change", {"user_id", "new_role"}),
        ("billing_change", set()),  # exactly one of settings and plan_downgrade (a model rule)
        ("model_activation", set()),  # the approval's resource_id names the model, its action the status
        ("provider_change", set()),
        ("deployment", set()),  # the approval's resource_id names the release
        ("promotion", {"deployment_id", "target_environment"}),
    ],
)
def test_required_fields(approval_type: str, required: set[str]) -> None:
    if required:
        assert _refused(approval_type, {}) >= {f"details.{name}" for name in required}
    assert set(APPROVAL_PAYLOADS[approval_type].model_json_schema().get("required", [])) == required


def test_promotion_must_move_between_environments() -> None:
    same = _details("promotion") | {"source_environment": "prod", "target_environment": "prod"}
    assert _refused("promotion", same) == {"details"}


def test_the_largest_possible_details_stay_small() -> None:
    """Every field bounded: even the largest role change or billing change is a few KB, far below the
    1 MiB a Kafka record may have."""
    role = UserRoleChange(
        user_id="u" * 255, previous_role="super_admin", new_role="auditor", email="e" * 240 + "@acme.example"
    )
    billing = parse_approval_details(
        "billing_change",
        _settings(
            margin_percent="100.00",
            margin_type="tiered",
            tax_enabled=True,
            tax_percent="99.99",
            tax_id="x" * 50,
            currency="USD",
            billing_cycle_day=28,
            auto_pay=True,
            budget_limit="9999999999.99",
            alert_thresholds=[1000] * 10,
            tiers=[{"up_to": f"{9999999980 + i}.99", "margin_percent": "100.00"} for i in range(19)]
            + [{"up_to": None, "margin_percent": "100.00"}],
        ),
    )
    assert len(role.model_dump_json()) < 1024 and len(billing.model_dump_json()) < 4096


# --- in the approval events ----------------------------------------------------------------------


def test_decision_events_parse_their_details_once() -> None:
    approved = example_payloads()[ApprovalApproved.event_type]
    assert isinstance(approved, ApprovalApproved)
    typed = approved.typed_details()
    assert isinstance(typed, UserRoleChange) and typed.new_role == "operator"
    assert approved.details == typed.model_dump(mode="json")  # on the wire: the same JSON object


def test_an_event_with_legacy_details_still_decodes_but_does_not_parse() -> None:
    """The executor receives it, and answers approval.execution_failed with the field errors."""
    legacy = example_payloads()[ApprovalApproved.event_type].model_copy(
        update={"details": {"userId": "admin-42", "user_id": "admin-42", "newRole": "operator"}}
    )
    event = decode_event(make_event(legacy, tenant_id="t", source="radiant/approval").to_bytes())
    assert isinstance(event.data, ApprovalApproved) and event.data.details["userId"] == "admin-42"
    with pytest.raises(ValidationError) as exc_info:
        event.data.typed_details()
    assert {".".join(map(str, e["loc"])) for e in exc_info.value.errors()} == {"details.userId"}


@pytest.mark.parametrize("approval_type", TYPES)
def test_event_schemas_document_details_per_approval_type(approval_type: str) -> None:
    schema = json.loads((DEFAULT_SCHEMA_DIR / f"{ApprovalRequested.event_type}.json").read_text())
    validator = Draft202012Validator(schema)
    base = json.loads(
        make_event(
            example_payloads()[ApprovalRequested.event_type], tenant_id="t", source="radiant/approval"
        ).to_bytes()
    )
    good = base | {"data": base["data"] | {"approval_type": approval_type, "details": _details(approval_type)}}
    assert validator.is_valid(good)
    assert not validator.is_valid(good | {"data": good["data"] | {"details": _details(approval_type) | {"x": 1}}})
    other = next(t for t in TYPES if t != approval_type)
    assert not validator.is_valid(good | {"data": good["data"] | {"details": _details(other)}})
    assert validator.is_valid(good | {"data": good["data"] | {"future_field": 1}})  # the event stays tolerant


def test_approval_details_schemas_are_part_of_the_drift_check(tmp_path: Any) -> None:
    write_schemas(tmp_path)
    assert find_drift(tmp_path) == []
    (tmp_path / approval_details_filename("promotion")).unlink()
    (tmp_path / approval_details_filename("gone")).write_text("{}\n")
    assert find_drift(tmp_path) == [
        "missing: approval-details/promotion.json",
        "stale (no such event type): approval-details/gone.json",
    ]
    write_schemas(tmp_path)
    assert find_drift(tmp_path) == [] and not (tmp_path / approval_details_filename("gone")).exists()


def test_errors_become_problem_field_errors() -> None:
    from radiant_contracts.problem import validation_problem

    with pytest.raises(ValidationError) as exc_info:
        parse_approval_details("user_role_change", {"userId": "a1", "role": "admin", "previous_role": "operator"})
    problem = validation_problem(exc_info.value.errors())
    assert problem.status == 422
    assert {(e.field, e.type) for e in problem.errors or []} == {
        ("details.role", "extra_forbidden"),
        ("details.new_role", "missing"),
    }


# --- the request's `action` label (issue 12 #7) ------------------------------------------------------


@pytest.mark.parametrize("action", ["change_role", "billing.settings_update", "Deploy v2.4.0", "model:gpt-4o/enable"])
def test_an_approval_action_is_a_plain_label(action: str) -> None:
    assert ApprovalRequested.model_validate(_request_data() | {"action": action}).action == action


@pytest.mark.parametrize(
    "action", ["change_role\r\nBcc: attacker@example.com", "tab\there", "nul\x00", "del\x7f", " leading", "", "x" * 256]
)
def test_an_approval_action_with_control_characters_or_no_label_is_refused(action: str) -> None:
    for model in (ApprovalRequested, ApprovalApproved):
        with pytest.raises(ValidationError) as refused:
            model.model_validate(_request_data() | {"action": action})
        assert [e["loc"] for e in refused.value.errors()] == [("action",)]


def _request_data() -> dict[str, Any]:
    """A valid `approval.requested`/`approval.approved` payload: the contract's own example."""
    example = example_payloads()[ApprovalRequested.event_type]
    return example.model_dump(mode="json") | {"decided_by": "admin-8", "decided_at": "2025-03-14T12:00:00Z"}


# --- tenant_security_policy (identity's tenant settings) ------------------------------------------


def test_a_security_policy_names_networks_with_their_host_bits_zero_once_each() -> None:
    change = parse_approval_details(
        "tenant_security_policy", {"ipAllowList": ["10.0.0.0/8", "10.0.0.0/8", "2001:db8::/32", "192.0.2.7"]}
    )
    assert change.ip_allow_list == ["10.0.0.0/8", "2001:db8::/32", "192.0.2.7/32"]
    assert change.mfa_required is None and change.session_lifetime_hours is None


@pytest.mark.parametrize(
    ("details", "field"),
    [
        ({"ip_allow_list": ["10.0.0.1/8"]}, "details.ip_allow_list"),  # host bits set: not what is enforced
        ({"ip_allow_list": ["not-a-network"]}, "details.ip_allow_list.0"),
        ({"ip_allow_list": [f"10.0.{i}.0/24" for i in range(51)]}, "details.ip_allow_list"),
        ({"session_lifetime_hours": 0}, "details.session_lifetime_hours"),
        ({"session_lifetime_hours": 721}, "details.session_lifetime_hours"),
        ({"mfa_required": "yes"}, "details.mfa_required"),
        ({}, "details"),  # nothing to change
        ({"mfa_required": True, "tenant_id": "other"}, "details.tenant_id"),
    ],
)
def test_a_security_policy_is_bounded_and_closed(details: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_approval_details("tenant_security_policy", details)
    assert field in {".".join(str(p) for p in e["loc"]) for e in refused.value.errors()}
