"""What every component of the stack is: installed or not, healthy or not, started and stopped the same way."""

from __future__ import annotations

import subprocess
import time
from abc import ABC, abstractmethod
from pathlib import Path

from ..config import ROOT, Settings
from ..processes import (
    StackError,
    log,
    pid_listening_on,
    port_open,
    read_pid_file,
    spawn_detached,
    tail,
    terminate,
    wait_for,
)


class Component(ABC):
    name = ""
    marker = ""  # substring of our process's command line, to tell our pid from a stranger's

    def __init__(self, s: Settings) -> None:
        self.s = s
        self.child: subprocess.Popen | None = None  # the process `spawn` started in this run, if any

    # -- what each component defines
    @property
    @abstractmethod
    def port(self) -> int: ...

    @property
    def ports_label(self) -> str:
        return str(self.port)

    def installed(self) -> bool:
        return True

    def install(self) -> None:  # noqa: B027 - optional: most components have nothing to install
        pass

    @abstractmethod
    def healthy(self) -> bool: ...

    @abstractmethod
    def start(self) -> None: ...

    def stop(self) -> None:
        self.stop_pid()

    # -- shared
    @property
    def log_path(self) -> Path:
        return self.s.logs / f"{self.name}.log"

    @property
    def pid_path(self) -> Path:
        return self.s.run / f"{self.name}.pid"

    def pid(self) -> int | None:
        """Our live pid, from our pid file only. A process we did not start is never ours to stop, even
        if it holds our port."""
        return read_pid_file(self.pid_path, self.marker)

    def pid_label(self) -> str:
        pid = self.pid()
        if pid is not None:
            return str(pid)
        other = pid_listening_on(self.port)
        return f"{other} (not ours)" if other else "-"

    def ensure_installed(self) -> None:
        if not self.installed():
            t0 = time.monotonic()
            log(self.name, "installing ...")
            self.install()
            log(self.name, f"installed in {time.monotonic() - t0:.1f}s")

    def ensure_running(self, timeout: float = 90) -> None:
        if self.healthy():
            log(self.name, f"already running on {self.ports_label}")
            return
        if port_open(self.s.host, self.port):
            raise StackError(
                f"{self.name}: port {self.port} is taken by another process (pid {pid_listening_on(self.port)}) "
                f"that does not answer as {self.name}; stop it or change the port in .env"
            )
        t0 = time.monotonic()
        self.start()
        if not wait_for(self.healthy, timeout):
            raise StackError(
                f"{self.name} did not become ready within {timeout:.0f}s; last lines of {self.log_path}:\n"
                + tail(self.log_path)
            )
        log(self.name, f"ready on {self.ports_label} in {time.monotonic() - t0:.1f}s (log: {self.log_path})")

    def spawn(self, cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> int:
        """Start a detached background process (own session), output appended to our log, pid file written."""
        self.s.run.mkdir(parents=True, exist_ok=True)
        self.child = spawn_detached(cmd, self.log_path, cwd=cwd or ROOT, env=env)
        self.pid_path.write_text(f"{self.child.pid}\n")
        return self.child.pid

    def died_early(self) -> bool:
        return self.child is not None and self.child.poll() is not None

    def stop_pid(self, grace: float = 20) -> None:
        pid = self.pid()
        if pid is not None:
            log(self.name, f"stopping pid {pid}")
            terminate(pid, self.name, grace)
        self.pid_path.unlink(missing_ok=True)
