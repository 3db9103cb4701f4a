from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from radiant_contracts.events.approval import ApprovalApproved
from radiant_metering.service import CannotExecute, change_from_approval

NOW = datetime(2025, 6, 1, tzinfo=UTC)


def _approved(approval_type: str, details: dict, action: str = "apply", resource_id: str | None = None):
    return ApprovalApproved(approval_id="a1", approval_type=approval_type, action=action, resource_type="model",
                            resource_id=resource_id, details=details, requested_by="u1", environment="prod",
                            decided_by="u2", decided_at=NOW)


def test_model_activation_defaults_to_active_and_reads_model_from_resource():
    model_id, change = change_from_approval(_approved("model_activation", {}, resource_id="gpt-4o"), NOW)
    assert model_id == "gpt-4o" and change.status == "active"
    _, change = change_from_approval(_approved("model_activation", {"model_id": "m"}, action="deactivate"), NOW)
    assert change.status == "inactive"


def test_provider_change_prices_never_retroactive():
    past = (NOW - timedelta(days=3)).isoformat()
    _, change = change_from_approval(_approved("provider_change", {
        "model_id": "m", "provider_id": "azure", "input_price_per_million": "2.25", "effective_from": past}), NOW)
    assert change.provider_id == "azure" and change.input_price_per_million == Decimal("2.25")
    assert change.effective_from == NOW


@pytest.mark.parametrize("details, message", [
    ({}, "names no model"),
    ({"model_id": "m"}, "needs provider_id"),
    ({"model_id": "m", "input_price_per_million": 1.5}, "not a float"),
    ({"model_id": "m", "input_price_per_million": "-1"}, "non-negative"),
])
def test_invalid_provider_changes_are_refused_with_a_reason(details, message):
    with pytest.raises(CannotExecute, match=message):
        change_from_approval(_approved("provider_change", details), NOW)
