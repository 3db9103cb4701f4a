"""Ed25519 public keys as JWKs (RFC 8037) with RFC 7638 thumbprints as their key ids.

Identity publishes its token-signing key this way and audit its checkpoint-signing key; deriving the
key id from the key means a rotated key can never be mistaken for the old one.
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def okp_members(public_key: Ed25519PublicKey) -> dict[str, str]:
    """The JWK's required members, the only ones a thumbprint covers."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url(raw)}


def thumbprint(public_key: Ed25519PublicKey) -> str:
    """RFC 7638 JWK thumbprint: a stable key id derived from the key itself."""
    canonical = json.dumps(okp_members(public_key), sort_keys=True, separators=(",", ":")).encode()
    return b64url(hashlib.sha256(canonical).digest())


def public_jwk(public_key: Ed25519PublicKey, kid: str) -> dict[str, str]:
    return {**okp_members(public_key), "kid": kid, "use": "sig", "alg": "EdDSA"}
