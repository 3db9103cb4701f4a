"""Identity's token-signing key (Ed25519) and its public JWKS."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_platform.keys import public_jwk, thumbprint
from radiant_platform.secret_files import read_secret_file


@dataclass(frozen=True)
class SigningKey:
    private_key: Ed25519PrivateKey
    kid: str

    @classmethod
    def load(cls, path: Path, *, environment: str = "prod") -> SigningKey:
        """The key in `path`; outside dev, refused unless only its owner may read it (0600)."""
        key = serialization.load_pem_private_key(read_secret_file(path, environment=environment), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} is not an Ed25519 private key")
        return cls(key, thumbprint(key.public_key()))

    def public_jwk(self) -> dict[str, str]:
        return public_jwk(self.private_key.public_key(), self.kid)

    def sign(self, claims: dict[str, Any]) -> str:
        return jwt.encode(claims, self.private_key, algorithm="EdDSA", headers={"kid": self.kid, "typ": "JWT"})

    def issue_access_token(
        self,
        *,
        subject: str,
        tenant_id: str,
        role: str,
        environment: str,
        amr: list[str],
        issuer: str,
        audience: str,
        ttl: timedelta,
        extra: dict[str, Any] | None = None,
    ) -> str:
        now = datetime.now(UTC)
        claims = {
            "iss": issuer,
            "aud": audience,
            "sub": subject,
            # To the microsecond (RFC 7519 allows fractions): a tenant's not-before mark must tell a
            # token issued just before a suspension from one issued just after the reactivation.
            "iat": round(now.timestamp(), 6),
            "nbf": now,
            "exp": now + ttl,
            "jti": str(uuid.uuid4()),
            "tenant_id": tenant_id,
            "role": role,
            "environment": environment,
            "amr": amr,
            **(extra or {}),
        }
        return self.sign(claims)
