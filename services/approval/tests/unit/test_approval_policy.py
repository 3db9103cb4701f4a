"""Pure rules: N-of-M thresholds, the two-person rule, who may decide, and the create schema."""

from typing import get_args

import pytest
from pydantic import ValidationError

from radiant_approval import policy
from radiant_approval.config import Settings
from radiant_approval.schemas import CreateApproval, ProcessApproval, PublicApprovalType
from radiant_contracts.approvals import EXTERNALLY_OWNED_TYPES

VALID = {"type": "deployment", "action": "deploy", "resourceType": "app", "resourceId": "a1", "details": {}}


@pytest.mark.parametrize(
    ("approval_type", "environment", "expected"),
    [
        ("billing_change", "prod", 3),  # exact key wins
        ("billing_change", "dev", 2),  # type wildcard
        ("deployment", "prod", 4),  # environment wildcard
        ("deployment", "dev", 5),  # catch-all
    ],
)
def test_most_specific_threshold_wins(approval_type, environment, expected):
    configured = {"billing_change:prod": 3, "billing_change:*": 2, "*:prod": 4, "*:*": 5}
    assert policy.required_approvals(approval_type, environment, configured, default=1) == expected


def test_threshold_defaults_and_never_below_one():
    assert policy.required_approvals("deployment", "prod", {}, default=1) == 1
    assert policy.required_approvals("deployment", "prod", {"deployment:prod": 0}, default=1) == 1


def test_default_settings_make_production_billing_changes_need_two_approvers():
    settings = Settings(_env_file=None)
    assert policy.required_approvals("billing_change", "prod", settings.required_approvals, 1) == 2
    assert policy.required_approvals("billing_change", "dev", settings.required_approvals, 1) == 1
    assert policy.required_approvals("user_role_change", "prod", settings.required_approvals, 1) == 1


def test_two_person_rule_in_prod_or_whenever_several_approvers_are_needed():
    assert policy.requires_two_person("prod", ["prod"], 1)
    assert not policy.requires_two_person("dev", ["prod"], 1)
    assert policy.requires_two_person("dev", ["prod"], 2)  # the requester must not count as one of two


def test_external_types_are_marked_for_external_deployers():
    assert policy.initial_execution_status("deployment") == "external"
    assert policy.initial_execution_status("promotion") == "external"
    assert policy.initial_execution_status("user_role_change") == "pending"


def _can(**overrides):
    kwargs = dict(
        status="pending",
        expired=False,
        has_approve_permission=True,
        is_requester=False,
        two_person=True,
        already_reviewed=False,
    )
    return policy.can_decide(**{**kwargs, **overrides})


def test_who_can_decide():
    assert _can()
    assert not _can(status="approved")
    assert not _can(expired=True)
    assert not _can(has_approve_permission=False)
    assert not _can(already_reviewed=True)
    assert not _can(is_requester=True)
    assert _can(is_requester=True, two_person=False)


def test_create_schema_defaults():
    body = CreateApproval.model_validate(VALID)
    assert (body.priority, body.expires_in_hours, body.notes) == ("medium", 24, None)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"expiresInHours": 0}, "expires_in_hours"),
        ({"expiresInHours": 169}, "expires_in_hours"),
        ({"expiresInHours": 1.5}, "expires_in_hours"),
        ({"notes": "x" * 1001}, "notes"),
        ({"priority": "urgent"}, "priority"),
        ({"type": "rollback"}, "type"),
        ({"details": "not an object"}, "details"),
    ],
)
def test_create_schema_rejects(change, field):
    with pytest.raises(ValidationError) as info:
        CreateApproval.model_validate({**VALID, **change})
    assert [e["loc"][0] for e in info.value.errors()] == [CreateApproval.model_fields[field].alias]


def test_process_schema_limits_reason_to_500():
    ProcessApproval.model_validate({"action": "reject", "reason": "x" * 500})
    with pytest.raises(ValidationError):
        ProcessApproval.model_validate({"action": "reject", "reason": "x" * 501})
    with pytest.raises(ValidationError):
        ProcessApproval.model_validate({"action": "hold"})


# --- who files which type (issue 12 finding 1) -----------------------------------------------------


def test_the_public_api_takes_exactly_the_types_no_service_owns():
    assert set(get_args(PublicApprovalType)) == EXTERNALLY_OWNED_TYPES == {"deployment", "promotion"}


def test_a_type_is_filed_by_its_owning_service_alone():
    assert policy.filing_refusal("user_role_change", "identity") is None
    assert policy.filing_refusal("admin_invitation", "identity") is None
    assert policy.filing_refusal("billing_change", "billing") is None
    assert policy.filing_refusal("provider_change", "metering", by_operator=True) is None
    assert "identity alone" in (policy.filing_refusal("user_role_change", "billing") or "")
    assert "billing alone" in (policy.filing_refusal("billing_change", "identity") or "")
    assert "public API" in (policy.filing_refusal("deployment", "identity") or "")
    assert {"identity", "billing", "metering"} == policy.FILING_SERVICES


# --- operators' approvals ---------------------------------------------------------------------------


def test_registry_changes_and_tenant_deletions_are_operators_approvals_alone():
    for approval_type, owner in (
        ("model_activation", "metering"),
        ("provider_change", "metering"),
        ("tenant_deletion", "identity"),
    ):
        assert policy.filing_refusal(approval_type, owner, by_operator=True) is None
        assert "platform operators'" in (policy.filing_refusal(approval_type, owner) or "")
    # and a tenant's types are never an operator's
    assert "tenant's administrators'" in (policy.filing_refusal("user_role_change", "identity", by_operator=True) or "")
    assert "tenant's administrators'" in (policy.filing_refusal("billing_change", "billing", by_operator=True) or "")


def test_an_operators_request_always_needs_a_second_operator():
    assert policy.requires_two_person("dev", ["prod"], 1, by_operator=True)
    assert not policy.requires_two_person("dev", ["prod"], 1)


def test_operators_decide_with_saas_write_and_tenants_with_approvals_star():
    assert policy.approve_permission("operator") == "saas:write"
    assert policy.approve_permission("tenant") == "approvals:*"


def test_a_platform_request_about_a_tenant_is_also_that_tenants():
    assert policy.concerned_tenant("platform", "tenant", "t-1", "platform") == "t-1"
    assert policy.concerned_tenant("platform", "model", "gpt-4o", "platform") is None
    assert policy.concerned_tenant("t-1", "tenant", "t-2", "platform") is None  # a tenant's own request
