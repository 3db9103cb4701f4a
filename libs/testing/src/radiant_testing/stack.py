"""Where the stack under test comes from (DESIGN.md §6), resolved once per session:

1. the environment, when `KAFKA_BOOTSTRAP_SERVERS`, `POSTGRES_ADMIN_URL` and `REDIS_URL` are set
   (`make test` exports the local stack's `.local/stack.env`; CI against a cluster sets its own);
2. else testcontainers, when a Docker engine answers (see `containers.py`);
3. else the project's own local stack (`deploy/local/stack`), started if not running.

After that every test uses the same code path: plain URLs in a `StackEnv`. Nothing here names a
service: which services exist, their URLs and database logins all come from that environment.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import httpx

REQUIRED = ("KAFKA_BOOTSTRAP_SERVERS", "POSTGRES_ADMIN_URL", "REDIS_URL")
# The one service a test talks to by name: the edge every client goes through. Its readiness
# covers the services behind it.
EDGE = "gateway"
_DATABASE_URL_KEY = re.compile(r"^([A-Z]+)_DATABASE_URL$")


@dataclass(frozen=True)
class StackEnv:
    """The stack's settings (`KEY=value`, as in `.local/stack.env`) with names for what tests need."""

    env: dict[str, str]

    def __getitem__(self, key: str) -> str:
        return self.env[key]

    @property
    def kafka(self) -> str:
        return self.env["KAFKA_BOOTSTRAP_SERVERS"]

    @property
    def admin_db_url(self) -> str:
        return self.env["POSTGRES_ADMIN_URL"]

    def service_url(self, service: str) -> str:
        return self.env[f"{service.upper()}_URL"]

    def service_db_url(self, service: str) -> str:
        """The service's own login (asyncpg DSN form)."""
        return self.env[f"{service.upper()}_DATABASE_URL"].replace("postgresql+asyncpg://", "postgresql://")

    def log_offsets(self) -> dict[Path, int]:
        """Where each service's log ends now (the local stack's `RADIANT_STATE_DIR/logs`; none elsewhere)."""
        state = self.env.get("RADIANT_STATE_DIR")
        if not state:
            return {}
        return {log: log.stat().st_size for log in sorted((Path(state) / "logs").glob("*.log"))}

    def errors_logged_since(self, offsets: dict[Path, int], limit: int = 20) -> list[str]:
        """The ERROR lines the stack's services logged after `offsets` (`log_offsets`): what a failing
        test shows next to the answer it got, since a 500's cause is only in the service's log."""
        found: list[str] = []
        for log, offset in offsets.items():
            with log.open("rb") as handle:
                handle.seek(offset)
                lines = handle.read().decode(errors="replace").splitlines()
            found += [f"{log.stem}: {line[:4000]}" for line in lines if '"level": "ERROR"' in line]
        return found[-limit:]

    def database_services(self) -> list[str]:
        """The services that have a database login (`<SVC>_DATABASE_URL`), lower-case."""
        return sorted(m.group(1).lower() for key in self.env if (m := _DATABASE_URL_KEY.match(key)))


# --- resolving the stack --------------------------------------------------------------------------


@cache
def repo_root() -> Path:
    """The workspace root (it holds `uv.lock`): found from this file when installed editable, else
    from the working directory (pytest runs from the root)."""
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for folder in (start, *start.parents):
            if (folder / "uv.lock").is_file() and (folder / "deploy").is_dir():
                return folder
    raise RuntimeError("cannot find the workspace root (a folder with uv.lock and deploy/)")


def local_stack_command() -> list[str]:
    """How to run the local stack's CLI: `deploy/local/stack.py`, or the `deploy/local/stack/`
    package (a folder with `__main__.py` runs the same way)."""
    root = repo_root()
    script = root / "deploy/local/stack.py"
    return [sys.executable, str(script if script.is_file() else root / "deploy/local/stack")]


def from_local_stack(*, start: bool = True) -> dict[str, str]:
    """The local stack's computed environment (its `env` command), after `up` when `start`."""
    command, root = local_stack_command(), repo_root()
    if start:
        subprocess.run([*command, "up"], check=True, cwd=root)
    out = subprocess.run([*command, "env"], check=True, cwd=root, capture_output=True, text=True).stdout
    return parse_env_lines(out)


def parse_env_lines(text: str) -> dict[str, str]:
    """`KEY=value` lines as the local stack writes them (values shell-quoted when needed)."""
    env = {}
    for line in text.splitlines():
        if "=" in line and not line.startswith("#"):
            key, raw = line.split("=", 1)
            words = shlex.split(raw)
            env[key] = words[0] if words else ""
    return env


def _from_environment() -> dict[str, str] | None:
    return dict(os.environ) if all(os.environ.get(k) for k in REQUIRED) else None


def _docker_answers() -> bool:
    try:
        import docker  # type: ignore[import-untyped]

        docker.from_env(timeout=2).ping()
        return True
    except Exception:  # noqa: BLE001 - no engine, no socket, no client: fall through
        return False


def resolve_stack() -> StackEnv:
    env = _from_environment()
    if env is None:
        if _docker_answers():
            from radiant_testing.containers import from_testcontainers

            env = from_testcontainers()
        else:
            env = from_local_stack()
        os.environ.update(env)  # settings classes built inside tests read the same values
    return StackEnv(env)


def wait_until_ready(stack: StackEnv, timeout: float = 120) -> None:
    """Block until the edge answers `/readyz` with 200 (it probes every service behind it).

    Plain and blocking (not `eventually`): it runs in a synchronous session fixture and in
    benchmark scripts, and a refused connection here means "not up yet", not a failure.
    """
    deadline = time.monotonic() + timeout
    url = f"{stack.service_url(EDGE)}/readyz"
    last: httpx.Response | httpx.HTTPError | None = None
    while time.monotonic() < deadline:
        try:
            last = httpx.get(url, timeout=3)
            if last.status_code == 200:
                return
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.5)
    raise RuntimeError(f"platform not ready after {timeout}s: {getattr(last, 'text', last)}")
