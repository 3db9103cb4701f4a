"""Names a person reads — an administrator's, an operator's, an agent's, a service key's, the tenant's
display name — hold no control characters (C0, C1, DEL, U+2028/9). They travel into approval requests
(whose payloads refuse them: a tenant named with U+0088 made its deletion answer 500), emails,
notifications and audit lines."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from radiant_identity.agents.schemas import AgentName
from radiant_identity.operators.schemas import OperatorName
from radiant_identity.schemas import Name
from radiant_identity.service_keys.schemas import KeyName
from radiant_identity.settings.schemas import DisplayName
from radiant_identity.tenants.schemas import TenantName

NAME_TYPES = [Name, OperatorName, AgentName, KeyName, DisplayName, TenantName]


@pytest.mark.parametrize("name_type", NAME_TYPES)
@pytest.mark.parametrize("bad", ["Ada\x88", "Ada\u2028Lovelace", "Ada\x1b[31m", "Ada\x7f", "\tAda", "   "])
def test_a_control_character_or_a_blank_name_is_refused(name_type, bad):
    with pytest.raises(ValidationError):
        TypeAdapter(name_type).validate_python(bad)


@pytest.mark.parametrize("name_type", NAME_TYPES)
@pytest.mark.parametrize(("sent", "kept"), [("Ada", "Ada"), ("  Zoë Ñúñez ", "Zoë Ñúñez"), ("名前", "名前")])
def test_a_printable_name_is_kept_trimmed(name_type, sent, kept):
    assert TypeAdapter(name_type).validate_python(sent) == kept


def test_a_status_change_reason_is_one_printable_line():
    # The fuzzer's reason "\u008aN\u0087)\u00cf" reached the prod deletion's approval payload: a 500.
    from radiant_identity.tenants.schemas import StatusChangeRequest

    for bad in ("\x8aN\x87)\xcf", "ended\nfor good", "   "):
        with pytest.raises(ValidationError):
            StatusChangeRequest.model_validate({"reason": bad})
    assert StatusChangeRequest.model_validate({"reason": " Contract ended — Zoë "}).reason == "Contract ended — Zoë"


def test_an_invitations_message_may_span_lines_but_holds_no_other_control_character():
    from radiant_identity.schemas import CreateInvitationRequest

    base = {"email": "ada@example.com", "role": "admin"}
    assert CreateInvitationRequest.model_validate({**base, "message": "Welcome!\n\tAda"}).message == "Welcome!\n\tAda"
    with pytest.raises(ValidationError):
        CreateInvitationRequest.model_validate({**base, "message": "Welcome\x85"})
