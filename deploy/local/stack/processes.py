"""Process, port and package helpers: starting detached processes, stopping them, pid files, waiting.
Standard library only (`down` and `status` run without the venv)."""

from __future__ import annotations

import os
import shlex
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

_print_lock = threading.Lock()


class StackError(RuntimeError):
    pass


def log(component: str, msg: str) -> None:
    with _print_lock:
        print(f"[{component:<11}] {msg}", flush=True)


# --- ports and probes -----------------------------------------------------------------------------


def port_open(host: str, port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def http_status(url: str, headers: dict[str, str] | None = None, timeout: float = 2.0) -> int | None:
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except (OSError, ValueError):
        return None


def pid_listening_on(port: int) -> int | None:
    """The pid of the process listening on TCP `port` (via ss), if any."""
    try:
        out = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for part in out.split("pid=")[1:]:
        digits = "".join(ch for ch in part[:12] if ch.isdigit() or ch == ",").split(",")[0]
        if digits:
            return int(digits)
    return None


def wait_for(check: Callable[[], bool], timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


# --- pids -----------------------------------------------------------------------------------------


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie still answers kill(0)
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return True


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def read_pid_file(path: Path, marker: str = "") -> int | None:
    """The live pid recorded in `path` whose command line contains `marker`. A stale file (dead pid, or
    a reused pid now running something else) is removed."""
    try:
        pid = int(path.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    if pid_alive(pid) and (not marker or marker in cmdline(pid)):
        return pid
    path.unlink(missing_ok=True)
    return None


def terminate(pid: int, name: str, grace: float) -> None:
    """SIGTERM (to the process group when `pid` leads one), then SIGKILL after `grace` seconds."""
    try:
        pgid = os.getpgid(pid)
        kill = (lambda sig: os.killpg(pgid, sig)) if pgid == pid else (lambda sig: os.kill(pid, sig))
        kill(signal.SIGTERM)
        if not wait_for(lambda: not pid_alive(pid), grace):
            log(name, f"still alive after {grace:.0f}s: SIGKILL")
            kill(signal.SIGKILL)
            wait_for(lambda: not pid_alive(pid), 5)
    except ProcessLookupError:
        pass


# --- running commands -----------------------------------------------------------------------------


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return f"(no log at {path})"
    data = path.read_bytes()[-200_000:].decode(errors="replace").splitlines()
    return "\n".join(data[-lines:])


def _log_command(fh, prefix: str, cmd: list[str]) -> None:
    fh.write(f"\n=== {time.strftime('%F %T')} {prefix}{shlex.join(cmd)}\n".encode())
    fh.flush()


def spawn_detached(cmd: list[str], log_path: Path, *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a background process in its own session, its output appended to `log_path`."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as fh:
        _log_command(fh, "starting: ", cmd)
        return subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=fh,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env=env,
            cwd=cwd,
            close_fds=True,
        )


def start_logged(cmd: list[str], log_path: Path, *, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen:
    """Start a command that runs to completion (not detached), its output appended to `log_path`."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as fh:
        _log_command(fh, "$ ", cmd)
        return subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT, env=env, cwd=cwd)


def run(cmd: list[str], what: str, log_path: Path | None = None, **kw) -> None:
    """Run a command to completion; on failure raise with its output (or the log path)."""
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as fh:
            _log_command(fh, "$ ", cmd)
            rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, **kw).returncode
        if rc != 0:
            raise StackError(f"{what} failed (exit {rc}); see {log_path}:\n{tail(log_path)}")
        return
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise StackError(f"{what} failed (exit {proc.returncode}): {shlex.join(cmd)}\n{proc.stdout}{proc.stderr}")


def run_concurrently(fns: list[Callable[[], None]]) -> None:
    """Run fns concurrently; raise the first error after all have finished."""
    errors: list[BaseException] = []
    with ThreadPoolExecutor(max_workers=max(1, len(fns))) as pool:
        for fut in [pool.submit(fn) for fn in fns]:
            try:
                fut.result()
            except BaseException as exc:  # noqa: BLE001
                errors.append(exc)
    if errors:
        for exc in errors[1:]:
            print(f"ERROR: {exc}", file=sys.stderr)
        raise errors[0]


# --- Debian packages ------------------------------------------------------------------------------

_apt_lock = threading.Lock()
_apt_updated = False


def apt_install(*packages: str) -> None:
    """apt-get install without letting the packages start their own daemons or default clusters."""
    global _apt_updated
    if os.geteuid() != 0:
        raise StackError(f"{' '.join(packages)} missing and not root: apt-get install -y {' '.join(packages)}")
    with _apt_lock:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        if not _apt_updated:
            log("apt", "apt-get update")
            run(["apt-get", "update", "-q"], "apt-get update", env=env)
            _apt_updated = True
        # Debian's postgresql package would create and start a `main` cluster on 5432; don't.
        createcluster = Path("/etc/postgresql-common/createcluster.conf")
        if "postgresql" in " ".join(packages) and not createcluster.exists():
            createcluster.parent.mkdir(parents=True, exist_ok=True)
            createcluster.write_text("# written by radiant deploy/local/stack\ncreate_main_cluster = false\n")
        policy = Path("/usr/sbin/policy-rc.d")
        own_policy = not policy.exists()
        if own_policy:  # forbid invoke-rc.d from starting services during the install
            policy.write_text("#!/bin/sh\nexit 101\n")
            policy.chmod(0o755)
        try:
            log("apt", f"apt-get install -y {' '.join(packages)}")
            run(
                [
                    "apt-get",
                    "install",
                    "-y",
                    "-q",
                    "--no-install-recommends",
                    "-o",
                    "Dpkg::Options::=--force-confold",
                    *packages,
                ],
                f"apt-get install {' '.join(packages)}",
                env=env,
            )
        finally:
            if own_policy:
                policy.unlink(missing_ok=True)
