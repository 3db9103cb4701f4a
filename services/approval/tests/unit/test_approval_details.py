"""A request's `details` must be its type's payload (radiant_contracts.approvals), stored as written."""

from __future__ import annotations

import pytest

from radiant_approval.service import typed_details
from radiant_platform.errors import ProblemError


def test_valid_details_pass_as_written() -> None:
    details = {"settings": {"marginPercent": "25.5"}}
    assert typed_details("billing_change", details) == details


def test_invalid_details_name_each_field() -> None:
    with pytest.raises(ProblemError) as refused:
        typed_details("user_role_change", {"new_role": "admin", "role": "admin"})
    assert refused.value.status == 422
    fields = {error["field"] for error in refused.value.extensions["errors"]}
    assert fields == {"details.user_id", "details.role"}


def test_details_that_are_no_object_are_refused() -> None:
    with pytest.raises(ProblemError) as refused:
        typed_details("deployment", ["2.4.0"])  # type: ignore[arg-type]
    assert [error["field"] for error in refused.value.extensions["errors"]] == ["details"]
