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
