"""Identity's documented request bodies say what its models accept (found by the fuzzer): an address
to invite is never at a special-use domain, and a tenant's label keys are only of their pattern."""

from __future__ import annotations

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from radiant_identity.schemas import CreateInvitationRequest
from radiant_identity.tenants.schemas import StatusChangeRequest, TenantSettingsIn


def _documented(model: type[BaseModel], body: dict) -> bool:
    return jsonschema.Draft202012Validator(model.model_json_schema()).is_valid(body)


def _accepted(model: type[BaseModel], body: dict) -> bool:
    try:
        model.model_validate(body)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize("email", ["ada@example.com", "ada@testing.com", "ada@b.test", "ada@B.TEST", "ada@x.local"])
def test_an_invitation_address_is_valid_for_the_document_exactly_when_the_model_takes_it(email):
    body = {"email": email, "role": "operator"}
    assert _documented(CreateInvitationRequest, body) == _accepted(CreateInvitationRequest, body)


@pytest.mark.parametrize("labels", [{"crm": "A-1"}, {"Not A Key": "x"}, {",7": "x"}])
def test_label_keys_are_valid_for_the_document_exactly_when_the_model_takes_them(labels):
    body = {"labels": labels}
    assert _documented(TenantSettingsIn, body) == _accepted(TenantSettingsIn, body)


@pytest.mark.parametrize("reason", ["audit request", "  padded  ", " \t" + "*" * 999, "   ", "\x85"])
def test_a_reason_is_valid_for_the_document_exactly_when_the_model_takes_it(reason):
    # Found by the fuzzer: stripped before its length was checked, a reason longer than documented passed.
    body = {"reason": reason}
    assert _documented(StatusChangeRequest, body) == _accepted(StatusChangeRequest, body)
