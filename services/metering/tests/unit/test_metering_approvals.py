from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from radiant_contracts.approvals import parse_approval_details
from radiant_contracts.events.approval import ApprovalApproved
from radiant_metering.service import approved_change
from radiant_platform.approvals import CannotExecute, failure_reason

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _approved(approval_type: str, details: dict, action: str = "apply", resource_id: str | None = None):
    return ApprovalApproved(
        approval_id="a1",
        approval_type=approval_type,
        action=action,
        resource_type="model",
        resource_id=resource_id,
        details=details,
        requested_by="u1",
        environment="prod",
        decided_by="u2",
        decided_at=NOW,
    )


def change_from_approval(approved: ApprovalApproved, now: datetime):
    """As the executor (`execute_approval`) runs it: the typed details parsed once, then the change they ask
    for; either refusal becomes the reason shown on the approval."""
    try:
        details = parse_approval_details(approved.approval_type, approved.details)
    except ValidationError as exc:
        raise CannotExecute(failure_reason(exc)) from exc
    return approved_change(approved, details, now)


def test_model_activation_defaults_to_active_and_reads_model_from_resource():
    model_id, change = change_from_approval(_approved("model_activation", {}, resource_id="gpt-4o"), NOW)
    assert model_id == "gpt-4o" and change.status == "active"
    _, change = change_from_approval(_approved("model_activation", {"model_id": "m"}, action="deactivate"), NOW)
    assert change.status == "inactive"


def test_model_activation_status_named_or_from_the_action():
    _, change = change_from_approval(_approved("model_activation", {"model_id": "m"}, action="deprecate"), NOW)
    assert change.status == "deprecated"
    _, change = change_from_approval(
        _approved("model_activation", {"model_id": "m", "status": "inactive"}, action="activate"), NOW
    )
    assert change.status == "inactive"


def test_provider_change_prices_never_retroactive():
    past = (NOW - timedelta(days=3)).isoformat()
    _, change = change_from_approval(
        _approved(
            "provider_change",
            {"model_id": "m", "provider_id": "azure", "input_price_per_million": "2.25", "effective_from": past},
        ),
        NOW,
    )
    assert change.provider_id == "azure" and change.input_price_per_million == Decimal("2.25")
    assert change.effective_from == NOW


# The wording of the last three comes from the typed payload (radiant_contracts.approvals): the reason
# names the field refused.
@pytest.mark.parametrize(
    "details, message",
    [
        ({"provider_id": "x"}, "names no model"),
        ({"model_id": "m"}, "name provider_id"),
        ({"model_id": "m", "input_price_per_million": 1.5}, "input_price_per_million: .*float"),
        ({"model_id": "m", "input_price_per_million": "-1"}, "input_price_per_million: .*greater than or equal to 0"),
    ],
)
def test_invalid_provider_changes_are_refused_with_a_reason(details, message):
    with pytest.raises(CannotExecute, match=message):
        change_from_approval(_approved("provider_change", details), NOW)
