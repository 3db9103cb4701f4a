"""Lago's webhook signatures (JWT RS256 with `data` = the raw body, and HMAC-SHA256), as its docs define them."""

from __future__ import annotations

import asyncio
import json

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from radiant_billing.providers.signatures import LagoPublicKey, SignatureRefused, hmac_signature, verify_signature

BODY = json.dumps({"webhook_type": "invoice.created", "object_type": "invoice", "invoice": {"lago_id": "x"}}).encode()
HMAC_KEY = "test-hmac-key"


def _pair() -> tuple[rsa.RSAPrivateKey, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return key, public


PRIVATE, PUBLIC = _pair()
OTHER_PRIVATE, _ = _pair()


def _jwt(body: bytes, key: rsa.RSAPrivateKey = PRIVATE, iss: str = "https://api.getlago.com") -> str:
    return jwt.encode({"data": body.decode(), "iss": iss}, key, algorithm="RS256")


class Fetches:
    def __init__(self, key: bytes) -> None:
        self.key, self.calls = key, 0

    async def __call__(self) -> bytes:
        self.calls += 1
        return self.key


def _verify(body: bytes, signature: str | None, algorithm: str | None, fetch: Fetches | None = None) -> None:
    keys = LagoPublicKey(fetch or Fetches(PUBLIC))
    asyncio.run(
        verify_signature(
            body,
            signature=signature,
            algorithm=algorithm,
            public_key=keys,
            hmac_key=HMAC_KEY,
            issuer="https://api.getlago.com",
        )
    )


def test_lago_signed_jwt_and_hmac_verify() -> None:
    _verify(BODY, _jwt(BODY), "jwt")
    _verify(BODY, hmac_signature(BODY, HMAC_KEY), "hmac")


@pytest.mark.parametrize(
    ("signature", "algorithm"),
    [
        (None, "jwt"),
        (_jwt(BODY, OTHER_PRIVATE), "jwt"),  # forged: another key
        (_jwt(b'{"webhook_type":"invoice.created"}'), "jwt"),  # a genuine signature, replayed with another body
        (_jwt(BODY, iss="https://evil.example"), "jwt"),
        (jwt.encode({"data": BODY.decode()}, "secret", algorithm="HS256"), "jwt"),  # algorithm confusion
        (hmac_signature(BODY, "another-key"), "hmac"),
        (hmac_signature(b"{}", HMAC_KEY), "hmac"),
        (hmac_signature(BODY, HMAC_KEY), "md5"),  # unknown algorithm
        (hmac_signature(BODY, HMAC_KEY), None),
    ],
)
def test_forged_replayed_or_unknown_signatures_are_refused(signature: str | None, algorithm: str | None) -> None:
    with pytest.raises(SignatureRefused):
        _verify(BODY, signature, algorithm)


def test_the_public_key_is_fetched_once_and_cached() -> None:
    fetch = Fetches(PUBLIC)
    keys = LagoPublicKey(fetch)

    async def twice() -> None:
        for _ in range(2):
            await verify_signature(
                BODY, signature=_jwt(BODY), algorithm="jwt", public_key=keys, hmac_key=HMAC_KEY, issuer=None
            )

    asyncio.run(twice())
    assert fetch.calls == 1
