"""Secret files (private keys): written readable by their owner only, and refused when they are not.

A private key that another local account can read is a key that may already be copied; outside
`dev` a service refuses to start on one, saying which file and how to fix it, rather than signing
with it. In `dev` (docker-compose bind-mounts file secrets as they are on the host) it is accepted.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: Any permission for the group or for others.
_SHARED_BITS = stat.S_IRWXG | stat.S_IRWXO


class InsecureSecretFile(RuntimeError):
    pass


def loose_permissions_allowed(environment: str) -> bool:
    return environment == "dev"


def check_secret_file(path: Path, *, environment: str) -> None:
    """Refuse (outside dev) a secret file that its group or others may read or write."""
    mode = path.stat().st_mode
    if mode & _SHARED_BITS and not loose_permissions_allowed(environment):
        raise InsecureSecretFile(
            f"{path} is accessible to other accounts (mode {stat.S_IMODE(mode):04o}); "
            f"run `chmod 600 {path}` (owned by the account the service runs as)"
        )


def read_secret_file(path: Path, *, environment: str) -> bytes:
    check_secret_file(path, environment=environment)
    return path.read_bytes()


def write_secret_file(path: Path, data: bytes) -> None:
    """Create `path` with mode 0600 from the start (never briefly readable by others), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
