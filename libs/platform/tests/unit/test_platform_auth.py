"""Token verification, including the verified-token cache, with a JWKS served by a mock transport."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_identity.keys import SigningKey
from radiant_platform.auth import JwksVerifier, Unauthorized
from radiant_platform.keys import thumbprint


def _verifier(key: SigningKey) -> JwksVerifier:
    jwks = {"keys": [key.public_jwk()]}
    client = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=jwks)))
    return JwksVerifier("http://identity/.well-known/jwks.json", issuer="iss", audience="aud", client=client)


def _token(key: SigningKey, ttl: timedelta) -> str:
    return key.issue_access_token(
        subject="u1",
        tenant_id="t1",
        role="auditor",
        environment="dev",
        amr=["pwd"],
        issuer="iss",
        audience="aud",
        ttl=ttl,
    )


async def test_a_cached_token_is_still_refused_once_it_expires():
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    verifier = _verifier(key)
    token = _token(key, timedelta(seconds=2))
    assert (await verifier.verify(token)).tenant_id == "t1"
    assert (await verifier.verify(token)).subject == "u1"  # answered from the cache
    await asyncio.sleep(2.5)  # let the token's own expiry pass
    with pytest.raises(Unauthorized, match="expired"):
        await verifier.verify(token)


async def test_a_tampered_token_is_refused_even_after_the_original_was_cached():
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    verifier = _verifier(key)
    token = _token(key, timedelta(minutes=5))
    await verifier.verify(token)
    header, payload, signature = token.split(".")
    # Change one whole character in the middle: the last ones carry padding bits, so replacing them
    # could leave the decoded signature unchanged (about once in 256 runs).
    middle = len(signature) // 2
    changed = signature[:middle] + ("B" if signature[middle] == "A" else "A") + signature[middle + 1 :]
    with pytest.raises(Unauthorized):
        await verifier.verify(f"{header}.{payload}.{changed}")


# --- kinds of principal: one audience each, never interchangeable ------------------------------------


def _kinds_verifier(key: SigningKey) -> JwksVerifier:
    jwks = {"keys": [key.public_jwk()]}
    client = httpx.AsyncClient(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=jwks)))
    return JwksVerifier(
        "http://identity/.well-known/jwks.json",
        issuer="iss",
        audience="tenant-aud",
        client=client,
        audiences={"operator-aud": "operator"},
    )


def _signed(key: SigningKey, role: str, audience: str | list[str], **extra: object) -> str:
    import time

    import jwt

    now = int(time.time())
    claims = {
        "sub": "p1",
        "tenant_id": "t1",
        "role": role,
        "iss": "iss",
        "aud": audience,
        "iat": now,
        "exp": now + 60,
        **extra,
    }
    return jwt.encode(claims, key.private_key, algorithm="EdDSA", headers={"kid": key.kid})


async def test_the_audience_decides_the_kind_and_a_tenant_token_never_holds_platform_permissions():
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    verifier = _kinds_verifier(key)
    # A tenant token that claims an operator's role is still a tenant principal: no saas: permission.
    forged = await verifier.verify(_signed(key, "platform_admin", "tenant-aud"))
    assert forged.kind == "tenant" and not forged.can("saas:read") and not forged.can("billing:read")
    operator = await verifier.verify(_signed(key, "platform_admin", "operator-aud"))
    assert operator.kind == "operator" and operator.tenant_id == "platform"
    assert operator.can("saas:write") and not operator.can("billing:read") and not operator.can("admin:read")
    support = await verifier.verify(_signed(key, "platform_support", "operator-aud"))
    assert support.can("saas:read") and support.can("saas:impersonate") and not support.can("saas:write")
    admin = await verifier.verify(_signed(key, "super_admin", "tenant-aud"))
    assert admin.can("billing:read") and not admin.can("saas:read")


async def test_a_token_for_two_kinds_at_once_or_another_audience_is_refused():
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    verifier = _kinds_verifier(key)
    with pytest.raises(Unauthorized, match="one kind"):
        await verifier.verify(_signed(key, "platform_admin", ["tenant-aud", "operator-aud"]))
    with pytest.raises(Unauthorized):
        await verifier.verify(_signed(key, "super_admin", "someone-else"))


async def test_an_impersonation_token_names_the_operator_behind_it():
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    principal = await _kinds_verifier(key).verify(
        _signed(key, "admin", "tenant-aud", act={"sub": "operator-7"}, read_only=True)
    )
    assert principal.kind == "tenant" and principal.actor_subject == "operator-7" and principal.read_only


# --- the platform tenant is the operators' stream, never a tenant a tenant token can name -----------


async def test_a_tenant_token_naming_the_platform_tenant_is_refused():
    # Operators' actions live under the tenant id `platform`; a tenant-audience token claiming it
    # (identity never issues one: tenant ids are generated) must not reach that stream through any
    # tenant route of any service, so the verifier refuses it outright.
    private = Ed25519PrivateKey.generate()
    key = SigningKey(private, thumbprint(private.public_key()))
    verifier = _kinds_verifier(key)
    with pytest.raises(Unauthorized, match="platform"):
        await verifier.verify(_signed(key, "super_admin", "tenant-aud", tenant_id="platform"))
    # An impersonation token is a tenant token too.
    with pytest.raises(Unauthorized, match="platform"):
        await verifier.verify(_signed(key, "auditor", "tenant-aud", tenant_id="platform", act={"sub": "op-1"}))
    # The operators' own audience still maps to the platform stream, and real tenants pass.
    assert (await verifier.verify(_signed(key, "platform_admin", "operator-aud"))).tenant_id == "platform"
    assert (await verifier.verify(_signed(key, "auditor", "tenant-aud"))).tenant_id == "t1"
