"""The checkpoint-signing key (Ed25519): loaded from `AUDIT_CHECKPOINT_KEY_FILE`, generated in dev."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from radiant_platform.keys import public_jwk, thumbprint

from .config import Settings


@dataclass(frozen=True)
class CheckpointVerifier:
    """The public half: all that checking a checkpoint needs, in the service or outside it."""

    public_key: Ed25519PublicKey
    key_id: str

    @classmethod
    def from_pem(cls, pem: bytes) -> CheckpointVerifier:
        """From the PEM that `GET /api/v2/admin/audit/public-key` serves (`publicKeyPem`)."""
        key = serialization.load_pem_public_key(pem)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 public key")
        return cls(key, thumbprint(key))


@dataclass(frozen=True)
class CheckpointKey:
    private_key: Ed25519PrivateKey
    key_id: str

    @property
    def public_key(self) -> Ed25519PublicKey:
        return self.private_key.public_key()

    @property
    def verifier(self) -> CheckpointVerifier:
        return CheckpointVerifier(self.public_key, self.key_id)

    def public_jwk(self) -> dict[str, str]:
        return public_jwk(self.public_key, self.key_id)

    def public_pem(self) -> str:
        return self.public_key.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ).decode()


def load_checkpoint_key(settings: Settings) -> CheckpointKey:
    """Load the key; in dev/test a missing key is generated (elsewhere it is a configuration error)."""
    path = settings.checkpoint_key_file
    if not path.exists():
        if settings.environment not in ("dev", "test"):
            raise RuntimeError(f"audit checkpoint key {path} is missing; set AUDIT_CHECKPOINT_KEY_FILE")
        _generate(path)
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return CheckpointKey(key, thumbprint(key.public_key()))


def _generate(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pem)
    tmp.chmod(0o600)
    try:
        os.link(tmp, path)  # atomic and never overwrites a key another process generated first
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
