"""Access tokens for tests that need a caller of a given role, signed with identity's key.

The claims are the ones identity issues and every service verifies (`radiant_platform.auth`); the
key id is the key's RFC 7638 thumbprint, as identity publishes it in its JWKS. Minted here from
the key file rather than through identity's code: the harness never imports a service.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_platform.keys import thumbprint
from radiant_testing.stack import StackEnv

#: The platform operators' audience when the stack does not name one (the platform's default).
DEFAULT_OPERATOR_AUDIENCE = "radiant-platform"


@dataclass(frozen=True)
class TokenFactory:
    """`make_token(role=, tenant_id=, environment=, subject=, amr=, ttl=, kind=, **extra_claims)`.

    `kind="operator"` mints a platform operator's token as identity issues it: the operators'
    audience, no `tenant_id` or `environment`, a platform role (`platform_admin` unless `role=` says).
    """

    key_file: Path
    issuer: str
    audience: str
    operator_audience: str = DEFAULT_OPERATOR_AUDIENCE

    @classmethod
    def for_stack(cls, stack: StackEnv) -> TokenFactory:
        return cls(
            Path(stack["IDENTITY_SIGNING_KEY_FILE"]),
            stack["JWT_ISSUER"],
            stack["JWT_AUDIENCE"],
            stack.env.get("JWT_OPERATOR_AUDIENCE", DEFAULT_OPERATOR_AUDIENCE),
        )

    @cached_property
    def _key(self) -> Ed25519PrivateKey:
        key = serialization.load_pem_private_key(self.key_file.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{self.key_file} is not an Ed25519 private key")
        return key

    def __call__(
        self,
        *,
        role: str | None = None,
        tenant_id: str | None = None,
        environment: str = "dev",
        subject: str | None = None,
        amr: list[str] | None = None,
        ttl: timedelta = timedelta(minutes=15),
        kind: str = "tenant",
        **extra: Any,
    ) -> str:
        now = datetime.now(UTC)
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": subject or str(uuid.uuid4()),
            # To the microsecond, as identity issues it: a token minted in the same second as a session
            # end that came before it (a subject's not-before mark) is still accepted.
            "iat": round(now.timestamp(), 6),
            "nbf": now,
            "exp": now + ttl,
            "jti": str(uuid.uuid4()),
            "amr": amr if amr is not None else ["pwd", "otp"],
        }
        if SECOND_FACTORS & set(claims["amr"]):
            # As identity issues it: a sign-in with a second factor says when (step-up checks read it).
            claims["mfa_time"] = int(now.timestamp())
        if kind == "operator":
            claims |= {"aud": self.operator_audience, "role": role or "platform_admin"}
        elif kind == "tenant":
            claims |= {
                "aud": self.audience,
                "tenant_id": tenant_id or str(uuid.uuid4()),
                "role": role or "super_admin",
                "environment": environment,
            }
        else:
            raise ValueError(f"make_token mints tenant and operator tokens, not {kind!r}")
        claims |= extra
        headers = {"kid": thumbprint(self._key.public_key()), "typ": "JWT"}
        return jwt.encode(claims, self._key, algorithm="EdDSA", headers=headers)


#: amr values (RFC 8176) that mean a second factor was proved.
SECOND_FACTORS = {"mfa", "otp", "hwk", "swk", "sms"}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
