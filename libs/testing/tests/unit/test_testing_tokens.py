"""Minted tokens carry identity's claims and key id, so every service's verifier accepts them."""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_platform.auth import Principal
from radiant_platform.keys import thumbprint
from radiant_testing import TokenFactory, bearer


def _key_file(tmp_path: Path) -> tuple[Path, Ed25519PrivateKey]:
    key = Ed25519PrivateKey.generate()
    path = tmp_path / "signing.pem"
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return path, key


def test_token_verifies_with_the_published_key_and_names_the_caller(tmp_path: Path):
    path, key = _key_file(tmp_path)
    token = TokenFactory(path, "radiant-identity", "radiant-api")(
        role="auditor", tenant_id="t-1", environment="prod", subject="u-1", email="a@example.com"
    )
    assert jwt.get_unverified_header(token)["kid"] == thumbprint(key.public_key())
    claims = jwt.decode(
        token,
        key.public_key(),
        algorithms=["EdDSA"],
        audience="radiant-api",
        issuer="radiant-identity",
        options={"require": ["exp", "iat", "sub", "aud", "iss"]},
    )
    principal = Principal.from_claims(claims)
    assert (principal.subject, principal.tenant_id, principal.role, principal.environment) == (
        "u-1",
        "t-1",
        "auditor",
        "prod",
    )
    assert principal.amr == ("pwd", "otp") and principal.email == "a@example.com"


def test_ttl_sets_the_expiry(tmp_path: Path):
    path, key = _key_file(tmp_path)
    token = TokenFactory(path, "i", "a")(ttl=timedelta(seconds=30))
    claims = jwt.decode(token, key.public_key(), algorithms=["EdDSA"], audience="a", issuer="i")
    assert int(claims["iat"]) <= claims["exp"] - 30 <= claims["iat"]


def test_issued_at_is_to_the_microsecond(tmp_path: Path):
    """A session end marks a subject's tokens issued at or before it; a token minted later in the
    same second must still be accepted, so `iat` is not truncated to the second."""
    path, key = _key_file(tmp_path)
    before = time.time()
    claims = jwt.decode(
        TokenFactory(path, "i", "a")(), key.public_key(), algorithms=["EdDSA"], audience="a", issuer="i"
    )
    assert before - 1e-6 <= claims["iat"] <= time.time() + 1e-6  # rounded to the microsecond


def test_bearer_header():
    assert bearer("abc") == {"Authorization": "Bearer abc"}


def test_operator_token_has_the_operators_audience_and_no_tenant(tmp_path: Path):
    path, key = _key_file(tmp_path)
    token = TokenFactory(path, "radiant-identity", "radiant-api", "radiant-platform")(
        kind="operator", role="platform_support", subject="op-1", email="ops@example.com"
    )
    claims = jwt.decode(
        token, key.public_key(), algorithms=["EdDSA"], audience="radiant-platform", issuer="radiant-identity"
    )
    assert "tenant_id" not in claims and "environment" not in claims
    principal = Principal.from_claims(claims, kind="operator")
    assert (principal.kind, principal.role, principal.tenant_id) == ("operator", "platform_support", "platform")
    assert principal.can("saas:read") and not principal.can("saas:write") and not principal.can("admin:read")
