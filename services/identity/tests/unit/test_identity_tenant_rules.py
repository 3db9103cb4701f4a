"""The tenant lifecycle's pure rules: operator settings, how long a lifted suspension is remembered, and
why access tokens carry a sub-second `iat`."""

from __future__ import annotations

from datetime import timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_identity.config import Settings
from radiant_identity.keys import SigningKey
from radiant_identity.tenants.schemas import TenantSettingsIn
from radiant_identity.tenants.service import _merged_settings, revocation_mark_seconds
from radiant_platform.keys import thumbprint
from radiant_platform.revocation import TenantMark


def test_given_settings_replace_theirs_and_the_rest_keep_their_values_or_defaults():
    stored = {"labels": {"crm": "A-1"}, "allow_write_impersonation": False}
    assert _merged_settings(stored, TenantSettingsIn(labels={"region": "eu"})) == {
        "labels": {"region": "eu"},
        "allow_write_impersonation": False,
    }
    assert _merged_settings({}, None) == {"labels": {}, "allow_write_impersonation": True}


def test_a_lifted_suspension_is_remembered_longer_than_any_access_token_lives():
    settings = Settings(access_token_minutes=15, impersonation_max_minutes=60)
    assert revocation_mark_seconds(settings) > 60 * 60
    assert revocation_mark_seconds(Settings(access_token_minutes=120)) > 120 * 60


def test_a_token_issued_just_after_a_reactivation_is_told_from_one_issued_just_before_the_suspension():
    """Suspension and reactivation can fall in the same second; a whole-second `iat` could not tell
    the tokens apart, so either every token of that second would stay refused or none would."""
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    token = key.issue_access_token(
        subject="a",
        tenant_id="t",
        role="admin",
        environment="dev",
        amr=["pwd"],
        issuer="iss",
        audience="aud",
        ttl=timedelta(minutes=15),
    )
    iat = jwt.decode(token, options={"verify_signature": False})["iat"]
    assert isinstance(iat, float)
    suspended_a_moment_earlier = TenantMark(iat - 0.001, suspended=False)
    assert iat > suspended_a_moment_earlier.not_before  # accepted after the reactivation
