"""Secrets and credentials: one-time tokens, password hashing, TOTP and its encryption at rest."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pyotp
import segno
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INVITATION_TOKEN_BYTES = 48
REFRESH_TOKEN_BYTES = 32
RECOVERY_CODE_COUNT = 10
_RECOVERY_ALPHABET = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I/O: codes are typed by hand

# OWASP argon2id: 19 MiB, 2 iterations, 1 lane (the minimum it recommends).
PASSWORD_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified when the email is unknown, so a login for a missing account costs the same time.
DUMMY_PASSWORD_HASH = PASSWORD_HASHER.hash("radiant-dummy-password-for-timing")


def generate_token(num_bytes: int = INVITATION_TOKEN_BYTES) -> str:
    return secrets.token_urlsafe(num_bytes)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def verify_token(token: str, expected_hash: str) -> bool:
    return hmac.compare_digest(hash_token(token), expected_hash)


def expiry_after(hours: int, now: datetime | None = None) -> datetime:
    return (now or datetime.now(UTC)) + timedelta(hours=hours)


def hash_password(password: str) -> str:
    return PASSWORD_HASHER.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return PASSWORD_HASHER.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def burn_password_check(password: str) -> None:
    """Spend the time of a real verification (unknown account)."""
    verify_password(DUMMY_PASSWORD_HASH, password)


# --- TOTP -----------------------------------------------------------------------------------------


def new_totp_secret() -> str:
    return pyotp.random_base32()


def totp_uri(secret: str, account: str, issuer: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def totp_qr_png_data_uri(uri: str) -> str:
    buffer = io.BytesIO()
    segno.make(uri, error="m").save(buffer, kind="png", scale=5)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def verify_totp(secret: str, code: str) -> bool:
    """Accepts the current 30 s step and one step either side (clock drift)."""
    code = code.strip().replace(" ", "")
    if not code.isdigit() or len(code) != 6:
        return False
    return pyotp.TOTP(secret).verify(code, valid_window=1)


def new_recovery_codes(count: int = RECOVERY_CODE_COUNT) -> list[str]:
    def one() -> str:
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        return f"{raw[:5]}-{raw[5:]}"

    return [one() for _ in range(count)]


def normalise_recovery_code(code: str) -> str:
    raw = code.strip().upper().replace("-", "").replace(" ", "")
    return f"{raw[:5]}-{raw[5:]}"


SEALED_PREFIX = "v2$"
RECOVERY_HASH_PREFIX = "hmac1$"


def _derive(key_material: str, purpose: bytes) -> bytes:
    """One independent 256-bit key per purpose from the configured secret (HKDF-SHA256, RFC 5869)."""
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"radiant-identity " + purpose).derive(
        key_material.encode()
    )


@dataclass(frozen=True)
class _MfaKey:
    """One version of the MFA key: its id (stored beside what it protects), AES key and HMAC key."""

    kid: str
    aead: AESGCM
    hmac_key: bytes

    @classmethod
    def of(cls, key_material: str) -> _MfaKey:
        aes_key = _derive(key_material, b"totp-secrets v2")
        kid = base64.urlsafe_b64encode(hashlib.sha256(b"kid:" + aes_key).digest()[:6]).decode()
        return cls(kid, AESGCM(aes_key), _derive(key_material, b"recovery-codes v1"))


def _totp_aad(owner_id: uuid.UUID | str | None) -> bytes:
    return f"identity:totp:{owner_id}".encode() if owner_id is not None else b"identity:totp"


class SecretBox:
    """Second factors at rest: a database dump alone yields neither TOTP secrets nor recovery codes.

    TOTP secrets are sealed with AES-256-GCM as `v2$<key id>$<base64(nonce‖ciphertext)>`, bound to
    their administrator (the id is the associated data, so a sealed secret copied onto another
    account does not open) and named by key version (rotation: the previous keys still open what
    they sealed until it is re-sealed). Secrets sealed before versions existed (no prefix, no
    associated data) still open, and `needs_reseal` says which to upgrade.

    Recovery codes are stored as `hmac1$<key id>$<HMAC-SHA256(admin id ‖ SHA-256(code))>`: keyed (a
    stolen table cannot be brute-forced offline) and per administrator (equal codes hash apart).
    Hashing the legacy SHA-256 lets existing rows be upgraded without knowing their codes.
    """

    def __init__(self, key_material: str, previous_key_material: Sequence[str] = ()) -> None:
        self._current = _MfaKey.of(key_material)
        self._keys = {k.kid: k for k in (self._current, *map(_MfaKey.of, previous_key_material))}
        # Before key versions: AES key = SHA-256 of the material, no associated data.
        self._legacy = [AESGCM(hashlib.sha256(m.encode()).digest()) for m in (key_material, *previous_key_material)]

    # --- TOTP secrets ---

    def seal(self, plaintext: str, *, admin_id: uuid.UUID | str | None = None) -> str:
        """`admin_id`: the account the secret belongs to (an operator's id for operators); only a
        secret sealed with its owner's id is bound to it."""
        nonce = os.urandom(12)
        sealed = self._current.aead.encrypt(nonce, plaintext.encode(), _totp_aad(admin_id))
        return f"{SEALED_PREFIX}{self._current.kid}${base64.b64encode(nonce + sealed).decode()}"

    def open(self, sealed: str, *, admin_id: uuid.UUID | str | None = None) -> str:
        if sealed.startswith(SEALED_PREFIX):
            kid, _, body = sealed[len(SEALED_PREFIX) :].partition("$")
            key = self._keys.get(kid)
            if key is None:
                raise InvalidTag(f"sealed with an unknown key version {kid!r}")
            raw = base64.b64decode(body)
            return key.aead.decrypt(raw[:12], raw[12:], _totp_aad(admin_id)).decode()
        raw = base64.b64decode(sealed)
        for aead in self._legacy:
            try:
                return aead.decrypt(raw[:12], raw[12:], None).decode()
            except InvalidTag:
                continue
        raise InvalidTag("no configured key opens this secret")

    @property
    def current_prefix(self) -> str:
        """How every secret sealed with the current key begins."""
        return f"{SEALED_PREFIX}{self._current.kid}$"

    def needs_reseal(self, sealed: str) -> bool:
        """Sealed before versions (unbound to its administrator) or with a previous key."""
        return not sealed.startswith(self.current_prefix)

    def reseal(self, sealed: str | None, *, admin_id: uuid.UUID | str) -> str | None:
        """`sealed` under the current key and bound to `admin_id`; unchanged when it already is."""
        if sealed is None or not self.needs_reseal(sealed):
            return sealed
        return self.seal(self.open(sealed, admin_id=admin_id), admin_id=admin_id)

    # --- recovery codes ---

    def recovery_code_hash(self, admin_id: uuid.UUID | str, code: str) -> str:
        return self._keyed(self._current, admin_id, hash_token(normalise_recovery_code(code)))

    def recovery_code_candidates(self, admin_id: uuid.UUID | str, code: str) -> list[str]:
        """Every stored form this code may have: under each key version, and the legacy SHA-256
        (rows written by an instance that predates keyed hashes, until they are upgraded)."""
        legacy = hash_token(normalise_recovery_code(code))
        return [*(self._keyed(k, admin_id, legacy) for k in self._keys.values()), legacy]

    def upgrade_recovery_hash(self, admin_id: uuid.UUID | str, stored: str) -> str | None:
        """The keyed form of a legacy (unkeyed SHA-256) stored hash; None when already keyed."""
        if stored.startswith(RECOVERY_HASH_PREFIX):
            return None
        return self._keyed(self._current, admin_id, stored)

    @staticmethod
    def _keyed(key: _MfaKey, admin_id: uuid.UUID | str, legacy_hash: str) -> str:
        digest = hmac.new(key.hmac_key, f"{admin_id}:{legacy_hash}".encode(), hashlib.sha256).hexdigest()
        return f"{RECOVERY_HASH_PREFIX}{key.kid}${digest}"
