"""Which notifications wait for a digest: the profile wants the category by email, not one by one."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from radiant_identity.service import wants_digest, wants_email


def _profile(**notifications: Any) -> Any:
    return SimpleNamespace(notifications={"method": "email", "frequency": "immediate", **notifications})


def test_a_digest_frequency_turns_each_email_into_a_digest_entry() -> None:
    for frequency in ("hourly", "daily", "weekly"):
        profile = _profile(frequency=frequency)
        assert wants_digest(profile, "approvals") == frequency
        assert not wants_email(profile, "approvals")  # never both: one email each, or the digest


def test_immediate_in_app_and_switched_off_categories_never_wait_for_a_digest() -> None:
    assert wants_digest(_profile(), "approvals") is None and wants_email(_profile(), "approvals")
    assert wants_digest(_profile(frequency="daily", method="in_app"), "approvals") is None
    assert wants_digest(_profile(frequency="daily", method="none"), "approvals") is None
    assert wants_digest(_profile(frequency="daily", method="both"), "approvals") == "daily"
    off = _profile(frequency="weekly", categories={"billing": False})
    assert wants_digest(off, "billing") is None and wants_digest(off, "approvals") == "weekly"
    assert wants_digest(None, "security") is None  # no profile: the default, immediate
