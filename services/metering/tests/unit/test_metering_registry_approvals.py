"""Which registry edits stay direct and which need a second operator (registry_approvals)."""

from __future__ import annotations

from radiant_metering.registry_approvals import direct_edit_refusal


def test_a_model_new_to_the_registry_is_registered_directly():
    assert direct_edit_refusal(None, None, "active", "acme") is None


def test_bringing_a_model_back_into_service_needs_an_activation_approval():
    for status in ("inactive", "deprecated"):
        assert "model_activation" in (direct_edit_refusal(status, "acme", "active", None) or "")


def test_moving_a_model_to_another_provider_needs_a_provider_change_approval():
    assert "provider_change" in (direct_edit_refusal("active", "acme", None, "azure") or "")
    assert "provider_change" in (direct_edit_refusal("inactive", "acme", "inactive", "azure") or "")


def test_renames_prices_and_taking_a_model_out_of_service_stay_direct():
    assert direct_edit_refusal("active", "acme", None, None) is None  # a price or a name
    assert direct_edit_refusal("active", "acme", None, "acme") is None  # the same provider
    assert direct_edit_refusal("active", "acme", "inactive", None) is None
    assert direct_edit_refusal("active", "acme", "deprecated", None) is None
    assert direct_edit_refusal("active", "acme", "active", None) is None  # already in service
    assert direct_edit_refusal("unregistered", "acme", "active", None) is None  # first priced from usage
