"""The documented request bodies say what the service checks: `details` is the payload of `type`, and a
rejection gives a reason."""

from __future__ import annotations

import jsonschema
import pytest

from radiant_approval.schemas import CreateApproval, ProcessApproval
from radiant_approval.service import typed_details
from radiant_platform.errors import ProblemError

BASE = {"action": "deploy", "resourceType": "release", "resourceId": "r-1"}
PROMOTE = {"deployment_id": "d-1", "target_environment": "prod"}


def _service_accepts(body: dict) -> bool:
    try:
        typed_details(body["type"], body["details"])
    except ProblemError:
        return False
    return True


@pytest.mark.parametrize(
    "body",
    [
        {"type": "promotion", "details": PROMOTE},
        {"type": "promotion", "details": {**PROMOTE, "source_environment": "staging"}},
        {"type": "promotion", "details": {**PROMOTE, "source_environment": "prod"}},  # nowhere to move
        {"type": "promotion", "details": {}},
        {"type": "deployment", "details": {}},
        {"type": "deployment", "details": {"version": "1.2.3", "commit_sha": "abcdef1"}},
        {"type": "deployment", "details": PROMOTE},  # another type's payload
        {"type": "deployment", "details": {"version": ""}},
    ],
)
def test_a_request_valid_for_the_document_is_valid_for_the_service_and_only_then(body):
    documented = jsonschema.Draft202012Validator(CreateApproval.model_json_schema()).is_valid({**BASE, **body})
    assert documented == _service_accepts(body)


@pytest.mark.parametrize(
    ("body", "valid"),
    [
        ({"action": "approve"}, True),
        ({"action": "approve", "reason": "looks right"}, True),
        ({"action": "reject", "reason": "wrong tenant"}, True),
        ({"action": "reject"}, False),
        ({"action": "reject", "reason": "   "}, False),
    ],
)
def test_a_rejection_without_a_reason_is_invalid_for_the_document_as_for_the_service(body, valid):
    assert jsonschema.Draft202012Validator(ProcessApproval.model_json_schema()).is_valid(body) is valid
