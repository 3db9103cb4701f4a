"""Lago's webhook signatures, as its documentation defines them.

`X-Lago-Signature-Algorithm: jwt` (Lago's default): `X-Lago-Signature` is a JWT signed RS256 with
Lago's key whose `data` claim is the raw body (and `iss` Lago's API URL). `hmac`: the signature is
base64(HMAC-SHA256(key, raw body)). Either way the body is compared as sent, before it is parsed, so a
signature replayed with another body never verifies. Lago's public key is fetched from its API once
and cached; when a signature does not verify with the cached key, the key is fetched again (at most
once a minute), so a rotated key is picked up without letting a stranger make us call Lago per request.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import jwt

REFETCH_MIN_SECONDS = 60.0


class SignatureRefused(Exception):
    """Missing, unknown or bad signature: the webhook is answered 401 and nothing happens."""


def hmac_signature(body: bytes, key: str) -> str:
    return base64.b64encode(hmac.new(key.encode(), body, hashlib.sha256).digest()).decode()


def verify_hmac(body: bytes, signature: str, key: str) -> None:
    if not key or not hmac.compare_digest(hmac_signature(body, key), signature.strip()):
        raise SignatureRefused("the HMAC signature does not match the body")


def verify_jwt(body: bytes, signature: str, public_key_pem: bytes, issuer: str | None) -> None:
    try:
        claims = jwt.decode(
            signature.strip(),
            public_key_pem,
            algorithms=["RS256"],  # never what the token says
            issuer=issuer or None,
            options={"require": ["data"], "verify_aud": False},
        )
    except jwt.PyJWTError as exc:
        raise SignatureRefused(f"the JWT signature does not verify: {type(exc).__name__}") from None
    data = claims.get("data")
    if not isinstance(data, str) or not hmac.compare_digest(data.encode(), body):
        raise SignatureRefused("the JWT signature is for another body")


class LagoPublicKey:
    """Lago's webhook public key: from a file when configured, else fetched from Lago and cached."""

    def __init__(
        self,
        fetch: Callable[[], Awaitable[bytes]],
        *,
        key_file: str | None = None,
        ttl_seconds: float = 3600,
    ) -> None:
        self._fetch = fetch
        self._file = Path(key_file) if key_file else None
        self._ttl = ttl_seconds
        self._key: bytes | None = None
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def get(self, *, refresh: bool = False) -> bytes:
        if self._file is not None:
            return self._file.read_bytes()
        async with self._lock:
            age = time.monotonic() - self._fetched_at
            stale = self._key is None or age > self._ttl or (refresh and age > REFETCH_MIN_SECONDS)
            if stale:
                self._key = await self._fetch()
                self._fetched_at = time.monotonic()
            assert self._key is not None
            return self._key

    @property
    def refreshable(self) -> bool:
        return self._file is None and time.monotonic() - self._fetched_at > REFETCH_MIN_SECONDS


async def verify_signature(
    body: bytes,
    *,
    signature: str | None,
    algorithm: str | None,
    public_key: LagoPublicKey,
    hmac_key: str,
    issuer: str | None,
) -> None:
    """Raise `SignatureRefused` unless Lago signed exactly this body."""
    if not signature:
        raise SignatureRefused("no X-Lago-Signature")
    algo = (algorithm or "").strip().lower()
    if algo == "hmac":
        verify_hmac(body, signature, hmac_key)
    elif algo == "jwt":
        try:
            verify_jwt(body, signature, await public_key.get(), issuer)
        except SignatureRefused:
            if not public_key.refreshable:
                raise
            verify_jwt(body, signature, await public_key.get(refresh=True), issuer)
    else:
        raise SignatureRefused(f"unknown X-Lago-Signature-Algorithm {algorithm!r}")
