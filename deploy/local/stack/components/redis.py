"""Redis from Debian's `redis-server`: daemonized, AOF on, data in .local/redis."""

from __future__ import annotations

import contextlib
import shutil
import socket

from ..processes import apt_install, log, pid_alive, run, wait_for
from .base import Component


class Redis(Component):
    name = "redis"
    marker = "redis-server"

    @property
    def port(self) -> int:
        return self.s.port("REDIS_PORT")

    def installed(self) -> bool:
        return shutil.which("redis-server") is not None

    def install(self) -> None:
        apt_install("redis-server")

    def _cmd(self, *parts: str, timeout: float = 1.0) -> bytes:
        """One RESP command, no client library."""
        payload = f"*{len(parts)}\r\n".encode() + b"".join(f"${len(p.encode())}\r\n{p}\r\n".encode() for p in parts)
        with socket.create_connection((self.s.host, self.port), timeout=timeout) as sock:
            sock.sendall(payload)
            try:
                return sock.recv(256)
            except OSError:
                return b""

    def healthy(self) -> bool:
        try:
            return self._cmd("PING").startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        data = self.s.state / "redis"
        for d in (data, self.s.logs, self.s.run):
            d.mkdir(parents=True, exist_ok=True)
        log(self.name, f"starting on {self.s.host}:{self.port}")
        run(
            [
                "redis-server",
                "--bind",
                self.s.host,
                "--port",
                str(self.port),
                "--daemonize",
                "yes",
                "--dir",
                str(data),
                "--pidfile",
                str(self.pid_path),
                "--logfile",
                str(self.log_path),
                "--appendonly",
                "yes",
                "--save",
                "3600 1 300 100 60 10000",
                "--protected-mode",
                "yes",
            ],
            "redis-server start",
        )

    def stop(self) -> None:
        pid = self.pid()
        if pid is None:
            return
        log(self.name, f"stopping pid {pid} (SHUTDOWN)")
        with contextlib.suppress(OSError):  # the server closes the connection as it goes
            self._cmd("SHUTDOWN", timeout=10)
        if not wait_for(lambda: not pid_alive(pid), 20):
            self.stop_pid()
        self.pid_path.unlink(missing_ok=True)
