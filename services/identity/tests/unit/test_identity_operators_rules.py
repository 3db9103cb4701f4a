"""Operators' rules that need nothing running: the last-admin rule, the accept link, the email."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from radiant_identity.operators.emails import accept_url, operator_invitation_email
from radiant_identity.operators.models import Operator
from radiant_identity.operators.schemas import CreateOperatorInvitation, UpdateOperator
from radiant_identity.operators.service import leaves_no_admin
from radiant_testing.onboarding import token_from_email


def _operator(role: str = "platform_admin", status: str = "active") -> Operator:
    return Operator(id=uuid.uuid4(), email="o@example.com", name="O", role=role, status=status)


@pytest.mark.parametrize(
    ("new_role", "new_status", "others", "refused"),
    [
        ("platform_support", "active", 0, True),  # demoting the last admin
        ("platform_admin", "suspended", 0, True),  # suspending the last admin
        ("platform_support", "suspended", 0, True),
        ("platform_support", "active", 1, False),  # another admin remains
        ("platform_admin", "suspended", 2, False),
        ("platform_admin", "active", 0, False),  # no change to the admin's standing
    ],
)
def test_the_last_active_platform_admin_is_never_removed(new_role, new_status, others, refused):
    target = _operator()
    assert leaves_no_admin(target, new_role=new_role, new_status=new_status, other_active_admins=others) is refused


def test_changing_someone_who_is_no_active_admin_never_trips_the_rule():
    for target in (_operator(role="platform_support"), _operator(status="suspended")):
        assert not leaves_no_admin(target, new_role="platform_support", new_status="suspended", other_active_admins=0)


def test_the_accept_link_names_an_operator_invitation_and_carries_the_token_intact():
    token = "a+b/c=d_e-f"
    link = accept_url("https://console.example/", token)
    assert link == "https://console.example/accept-invitation?token=a%2Bb%2Fc%3Dd_e-f&kind=operator"
    email = operator_invitation_email(
        name="N",
        inviter_name="I",
        role="platform_admin",
        app_name="Radiant",
        accept_link=link,
        expires_at=datetime(2030, 1, 2, 3, 4, tzinfo=UTC),
    )
    assert token_from_email({"text": email.text}) == token  # what a test (and a mail client) reads


def test_names_in_the_email_are_escaped():
    email = operator_invitation_email(
        name="<img src=x>",
        inviter_name='"Eve" <script>',
        role="platform_support",
        app_name="R&D",
        accept_link="https://x.example/accept-invitation?token=t&kind=operator",
        expires_at=datetime(2030, 1, 2, tzinfo=UTC),
    )
    assert "<img" not in email.html and "<script>" not in email.html
    assert "&lt;img src=x&gt;" in email.html and "R&amp;D" in email.html
    assert "token=t&amp;kind=operator" in email.html  # the link's & is escaped inside the attribute


def test_only_platform_roles_can_be_granted_and_unknown_fields_are_refused():
    with pytest.raises(ValidationError):
        CreateOperatorInvitation(email="a@example.com", name="A", role="super_admin")
    ok = CreateOperatorInvitation(email="a@example.com", name="  A  ", role="platform_support")
    assert ok.name == "A" and ok.role == "platform_support"
    with pytest.raises(ValidationError):
        UpdateOperator.model_validate({"role": "platform_admin", "tenantId": "t-1"})
    with pytest.raises(ValidationError):
        UpdateOperator.model_validate({"status": "deleted"})
