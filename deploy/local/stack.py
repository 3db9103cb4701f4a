#!/usr/bin/env python3
"""Docker-free local stack: PostgreSQL, Redis, Kafka (KRaft), stripe-mock, MailDev and the six services.

    python deploy/local/stack.py install            # fetch/install whatever is missing
    python deploy/local/stack.py up [--infra-only]  # install + start what is not running, wait until ready
    python deploy/local/stack.py down               # stop services, then infrastructure
    python deploy/local/stack.py status             # component / pid / port / health table
    python deploy/local/stack.py env                # the computed service/test environment (KEY=VALUE)

Config: .env.defaults < .env < process environment. All generated state lives in RADIANT_STATE_DIR
(default .local/): binaries, data, logs (.local/logs/<component>.log), pid files (.local/run/).
See deploy/local/README.md.
"""

from __future__ import annotations

import argparse
from abc import ABC, abstractmethod
import asyncio
import base64
import glob
import hashlib
import importlib.util
import os
import shlex
import shutil
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent

SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")
DB_SERVICES = ("identity", "approval", "metering", "billing", "audit")

STRIPE_MOCK_VERSION = "v0.203.0"
# maildev@3.0.0 does not install from this registry (its dependency @zone-eu/mailsplit@5.4.30 is
# missing there); 2.2.1 is the newest 2.x and has the same CLI and REST API.
MAILDEV_VERSION = "2.2.1"

_print_lock = threading.Lock()


def log(component: str, msg: str) -> None:
    with _print_lock:
        print(f"[{component:<11}] {msg}", flush=True)


class StackError(RuntimeError):
    pass


# --------------------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------------------


def _parse_env_file(path: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    if not path.is_file():
        return out
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("export "):
            line = line[7:].lstrip()
        key, sep, value = line.partition("=")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        out[key] = value
    return out


def effective_config() -> dict[str, str]:
    """.env.defaults, overridden by .env, overridden by the process environment (for those keys)."""
    cfg = _parse_env_file(ROOT / ".env.defaults")
    cfg.update(_parse_env_file(ROOT / ".env"))
    for key in list(cfg):
        if key in os.environ:
            cfg[key] = os.environ[key]
    return cfg


class Settings:
    def __init__(self) -> None:
        self.cfg = effective_config()
        c = self.cfg
        self.host = c.get("RADIANT_HOST", "127.0.0.1")
        state = Path(c.get("RADIANT_STATE_DIR", ".local"))
        self.state = state if state.is_absolute() else ROOT / state
        self.logs = self.state / "logs"
        self.run = self.state / "run"
        self.bin = self.state / "bin"
        self.secrets = self.state / "secrets"
        self.signing_key = self.secrets / "jwt-ed25519.pem"

    def port(self, key: str) -> int:
        return int(self.cfg[key])

    def svc_port(self, svc: str) -> int:
        return self.port(f"{svc.upper()}_PORT")

    def db_password(self, svc: str) -> str:
        key = f"{svc.upper()}_DB_PASSWORD"
        return os.environ.get(key) or self.cfg.get(key) or f"{svc}-dev"

    @property
    def pg_superuser(self) -> str:
        return self.cfg.get("POSTGRES_SUPERUSER", "postgres")

    @property
    def pg_password(self) -> str:
        return self.cfg.get("POSTGRES_SUPERUSER_PASSWORD", "postgres-dev")

    @property
    def pg_db(self) -> str:
        return self.cfg.get("POSTGRES_DB", "radiant")

    def computed_env(self) -> dict[str, str]:
        h = self.host
        env = dict(self.cfg)
        env["RADIANT_STATE_DIR"] = str(self.state)
        env["KAFKA_BOOTSTRAP_SERVERS"] = f"{h}:{self.port('KAFKA_PORT')}"
        env["REDIS_URL"] = f"redis://{h}:{self.port('REDIS_PORT')}/0"
        pg_port = self.port("POSTGRES_PORT")
        def url(role: str) -> str:
            return f"postgresql+asyncpg://{role}:{quote(self.db_password(role), safe='')}@{h}:{pg_port}/{self.pg_db}"

        for svc in DB_SERVICES:
            env[f"{svc.upper()}_DATABASE_URL"] = url(svc)
            if schema_owner(svc) != svc:
                env[f"{svc.upper()}_MIGRATION_DATABASE_URL"] = url(schema_owner(svc))
        admin = f"{quote(self.pg_superuser, safe='')}:{quote(self.pg_password, safe='')}"
        env["POSTGRES_ADMIN_URL"] = f"postgresql://{admin}@{h}:{pg_port}/{self.pg_db}"
        for svc in SERVICES:
            env[f"{svc.upper()}_PORT"] = str(self.svc_port(svc))
            env[f"{svc.upper()}_URL"] = f"http://{h}:{self.svc_port(svc)}"
        env["STRIPE_API_BASE"] = f"http://{h}:{self.port('STRIPE_MOCK_PORT')}"
        env["SMTP_HOST"] = h
        env["SMTP_PORT"] = str(self.port("SMTP_PORT"))
        env["MAIL_API_URL"] = f"http://{h}:{self.port('MAIL_UI_PORT')}"
        env["IDENTITY_SIGNING_KEY_FILE"] = str(self.signing_key)
        env["JWT_ISSUER"] = "radiant-identity"
        env["JWT_AUDIENCE"] = "radiant-api"
        for key in list(env):  # values already set in the process environment win
            if key in os.environ:
                env[key] = os.environ[key]
        return env

    def write_env_file(self) -> Path:
        path = self.state / "stack.env"
        path.parent.mkdir(parents=True, exist_ok=True)
        env = self.computed_env()
        path.write_text(format_env(env))
        return path


def format_env(env: dict[str, str]) -> str:
    """KEY=VALUE lines; values are shell-quoted only when needed, so `set -a; . .local/stack.env` works."""
    return "".join(f"{k}={shlex.quote(v) if v else ''}\n" for k, v in env.items())


# --------------------------------------------------------------------------------------------------
# Process helpers
# --------------------------------------------------------------------------------------------------


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


def tail(path: Path, lines: int = 30) -> str:
    if not path.exists():
        return f"(no log at {path})"
    data = path.read_bytes()[-200_000:].decode(errors="replace").splitlines()
    return "\n".join(data[-lines:])


def wait_for(check: Callable[[], bool], timeout: float, interval: float = 0.25) -> bool:
    deadline = time.monotonic() + timeout
    while True:
        if check():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(interval)


def run(cmd: list[str], what: str, log_path: Path | None = None, **kw) -> None:
    """Run a command to completion; on failure raise with its output (or the log path)."""
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with open(log_path, "ab") as fh:
            fh.write(f"\n=== {time.strftime('%F %T')} $ {shlex.join(cmd)}\n".encode())
            fh.flush()
            rc = subprocess.run(cmd, stdout=fh, stderr=subprocess.STDOUT, **kw).returncode
        if rc != 0:
            raise StackError(f"{what} failed (exit {rc}); see {log_path}:\n{tail(log_path)}")
        return
    proc = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if proc.returncode != 0:
        raise StackError(f"{what} failed (exit {proc.returncode}): {shlex.join(cmd)}\n{proc.stdout}{proc.stderr}")


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
            createcluster.write_text("# written by radiant deploy/local/stack.py\ncreate_main_cluster = false\n")
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


# --------------------------------------------------------------------------------------------------
# Components
# --------------------------------------------------------------------------------------------------


class Component(ABC):
    name = ""
    marker = ""  # substring of our process's command line, to tell our pid from a stranger's

    def __init__(self, s: Settings) -> None:
        self.s = s

    # -- what each component defines
    @property
    @abstractmethod
    def port(self) -> int: ...

    @property
    def ports_label(self) -> str:
        return str(self.port)

    def installed(self) -> bool:
        return True

    def install(self) -> None:
        pass

    @abstractmethod
    def healthy(self) -> bool: ...

    @abstractmethod
    def start(self) -> None: ...

    def stop(self) -> None:
        self._stop_pid()

    # -- shared
    @property
    def log_path(self) -> Path:
        return self.s.logs / f"{self.name}.log"

    @property
    def pid_path(self) -> Path:
        return self.s.run / f"{self.name}.pid"

    def pid(self) -> int | None:
        """Our live pid, from our pid file only (a stale file -- dead pid or a reused pid running something
        else -- is removed). A process we did not start is never ours to stop, even if it holds our port."""
        try:
            pid = int(self.pid_path.read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        if pid_alive(pid) and (not self.marker or self.marker in cmdline(pid)):
            return pid
        self.pid_path.unlink(missing_ok=True)
        return None

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
        self.s.logs.mkdir(parents=True, exist_ok=True)
        self.s.run.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as fh:
            fh.write(f"\n=== {time.strftime('%F %T')} starting: {shlex.join(cmd)}\n".encode())
            fh.flush()
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=fh,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env=env,
                cwd=cwd or ROOT,
                close_fds=True,
            )
        self.pid_path.write_text(f"{proc.pid}\n")
        self._child = proc
        return proc.pid

    def died_early(self) -> bool:
        proc = getattr(self, "_child", None)
        return proc is not None and proc.poll() is not None

    def _stop_pid(self, grace: float = 20) -> None:
        pid = self.pid()
        if pid is None:
            self.pid_path.unlink(missing_ok=True)
            return
        log(self.name, f"stopping pid {pid}")
        try:
            pgid = os.getpgid(pid)
            kill = (lambda sig: os.killpg(pgid, sig)) if pgid == pid else (lambda sig: os.kill(pid, sig))
            kill(signal.SIGTERM)
            if not wait_for(lambda: not pid_alive(pid), grace):
                log(self.name, f"still alive after {grace:.0f}s: SIGKILL")
                kill(signal.SIGKILL)
                wait_for(lambda: not pid_alive(pid), 5)
        except ProcessLookupError:
            pass
        self.pid_path.unlink(missing_ok=True)


class Postgres(Component):
    name = "postgres"
    marker = "postgres"

    @property
    def port(self) -> int:
        return self.s.port("POSTGRES_PORT")

    @property
    def base(self) -> Path:
        return self.s.state / "pg"

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def sockdir(self) -> Path:
        return self.base / "run"

    @staticmethod
    def bindir() -> Path | None:
        found = glob.glob("/usr/lib/postgresql/*/bin/initdb")
        if not found:
            return None
        return Path(max(found, key=lambda p: int(Path(p).parts[-3]))).parent

    def installed(self) -> bool:
        return self.bindir() is not None

    def install(self) -> None:
        apt_install("postgresql")
        if self.bindir() is None:
            raise StackError("postgresql installed but no /usr/lib/postgresql/*/bin/initdb found")

    def pid(self) -> int | None:
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None
        return pid if pid_alive(pid) else None

    def healthy(self) -> bool:
        if not port_open(self.s.host, self.port):
            return False
        bindir = self.bindir()
        if bindir is None:
            return False
        return (
            subprocess.run(
                [str(bindir / "pg_isready"), "-q", "-h", self.s.host, "-p", str(self.port), "-t", "2"]
            ).returncode
            == 0
        )

    def _as_postgres(self, *cmd: str) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else list(cmd)

    def _prepare_dirs(self) -> None:
        for d in (self.base, self.sockdir, self.s.logs):
            d.mkdir(parents=True, exist_ok=True)
        self.log_path.touch()
        if os.geteuid() == 0:
            shutil.chown(self.base, "postgres", "postgres")
            shutil.chown(self.sockdir, "postgres", "postgres")
            shutil.chown(self.log_path, "postgres", "postgres")
            # the postgres user must be able to reach .local/pg: make ancestors traversable
            for parent in self.base.parents:
                mode = parent.stat().st_mode
                if not mode & 0o001:
                    log(self.name, f"chmod o+x {parent} (so the postgres user can reach its data dir)")
                    parent.chmod(mode | 0o001)
                if parent == Path("/"):
                    break

    def _initdb(self) -> None:
        bindir = self.bindir()
        assert bindir is not None
        pwfile = self.base / ".pwfile"
        pwfile.write_text(self.s.pg_password + "\n")
        if os.geteuid() == 0:
            shutil.chown(pwfile, "postgres", "postgres")
        pwfile.chmod(0o600)
        tmp = self.base / "data.initdb"
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            log(self.name, f"initdb {self.data}")
            run(
                self._as_postgres(
                    str(bindir / "initdb"),
                    "-D",
                    str(tmp),
                    "-U",
                    self.s.pg_superuser,
                    f"--pwfile={pwfile}",
                    "--auth=scram-sha-256",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ),
                "initdb",
                log_path=self.log_path,
            )
        finally:
            pwfile.unlink(missing_ok=True)
        with open(tmp / "postgresql.conf", "a") as fh:
            fh.write(
                "\n# radiant local stack settings (rewritten on every start)\ninclude_if_exists = 'radiant.conf'\n"
            )
        tmp.rename(self.data)

    def _write_conf(self) -> None:
        conf = self.data / "radiant.conf"
        conf.write_text(
            "# generated by deploy/local/stack.py on every start; edit there\n"
            f"listen_addresses = '{self.s.host}'\n"
            f"port = {self.port}\n"
            f"unix_socket_directories = '{self.sockdir}'\n"
            "max_connections = 300\n"
            "shared_buffers = 1GB\n"
            "effective_cache_size = 4GB\n"
            "work_mem = 8MB\n"
            "maintenance_work_mem = 256MB\n"
            "wal_level = replica\n"
            "synchronous_commit = on\n"
            "max_wal_size = 2GB\n"
            "checkpoint_timeout = 15min\n"
            "max_worker_processes = 4\n"
            "max_parallel_workers = 2\n"
            "max_parallel_workers_per_gather = 1\n"
            "log_min_duration_statement = 1000\n"
            "log_line_prefix = '%m [%p] %q%u@%d '\n"
            "timezone = 'UTC'\n"
        )
        if os.geteuid() == 0:
            shutil.chown(conf, "postgres", "postgres")

    def start(self) -> None:
        self._prepare_dirs()
        if not (self.data / "PG_VERSION").exists():
            self._initdb()
        self._write_conf()
        bindir = self.bindir()
        assert bindir is not None
        log(self.name, f"starting on {self.s.host}:{self.port}")
        run(
            self._as_postgres(
                str(bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.log_path), "-w", "-t", "90", "start"
            ),
            "pg_ctl start",
            log_path=self.log_path,
        )

    def stop(self) -> None:
        if not (self.data / "postmaster.pid").exists():
            return
        bindir = self.bindir()
        pid = self.pid()
        if bindir is None or pid is None:
            return
        log(self.name, f"stopping pid {pid} (pg_ctl stop -m fast)")
        run(
            self._as_postgres(str(bindir / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "-t", "60", "stop"),
            "pg_ctl stop",
            log_path=self.log_path,
        )

    def provision(self) -> None:
        """Database + one login role and schema per service; idempotent."""
        asyncio.run(self._provision())

    async def _provision(self) -> None:
        import asyncpg

        s = self.s
        kw = dict(host=s.host, port=self.port, user=s.pg_superuser, password=s.pg_password, timeout=10)
        conn = await asyncpg.connect(database="postgres", **kw)
        try:
            if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", s.pg_db):
                stmt = await conn.fetchval("SELECT format('CREATE DATABASE %I', $1::text)", s.pg_db)
                await conn.execute(stmt)
                log(self.name, f"created database {s.pg_db}")
        finally:
            await conn.close()
        conn = await asyncpg.connect(database=s.pg_db, **kw)

        async def sql(fmt: str, *args: str) -> None:
            """Run a DDL statement built server-side with format() (%I identifiers, %L literals)."""
            placeholders = ", ".join(f"${i}::text" for i in range(1, len(args) + 1))
            await conn.execute(await conn.fetchval(f"SELECT format('{fmt}', {placeholders})", *args))

        try:
            async with conn.transaction():
                db = s.pg_db
                await conn.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC")
                await sql("REVOKE ALL ON DATABASE %I FROM PUBLIC", db)
                for svc in DB_SERVICES:
                    owner = schema_owner(svc)
                    for role in dict.fromkeys((svc, owner)):
                        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
                        await sql(f"{'ALTER' if exists else 'CREATE'} ROLE %I LOGIN PASSWORD %L", role,
                                  s.db_password(role))
                        await sql("ALTER ROLE %I SET search_path = %I", role, svc)
                        await sql("GRANT CONNECT ON DATABASE %I TO %I", db, role)
                    await sql("CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I", svc, owner)
                    if owner != svc:
                        # Objects the runtime login created before the split move to the owner.
                        await sql("REASSIGN OWNED BY %I TO %I", svc, owner)
                        await sql("GRANT USAGE ON SCHEMA %I TO %I", svc, svc)
                    await sql("ALTER SCHEMA %I OWNER TO %I", svc, owner)
                    await sql("REVOKE ALL ON SCHEMA %I FROM PUBLIC", svc)
        finally:
            await conn.close()
        log(self.name, f"database {s.pg_db}: roles+schemas {', '.join(DB_SERVICES)} in place")


# Services whose runtime login must not own its tables: the audit log is append-only, and an owner
# could grant itself UPDATE back or disable the refusing triggers. Their migrations run as
# `<svc>_owner` (`<SVC>_MIGRATION_DATABASE_URL`); the runtime login gets only what they grant it.
OWNER_SPLIT = frozenset({"audit"})


def schema_owner(svc: str) -> str:
    return f"{svc}_owner" if svc in OWNER_SPLIT else svc


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
        d = self.s.state / "redis"
        d.mkdir(parents=True, exist_ok=True)
        self.s.logs.mkdir(parents=True, exist_ok=True)
        self.s.run.mkdir(parents=True, exist_ok=True)
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
                str(d),
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
        try:
            self._cmd("SHUTDOWN", timeout=10)
        except OSError:
            pass
        if not wait_for(lambda: not pid_alive(pid), 20):
            self._stop_pid()
        self.pid_path.unlink(missing_ok=True)


class Kafka(Component):
    name = "kafka"
    marker = "kafka.Kafka"

    @property
    def port(self) -> int:
        return self.s.port("KAFKA_PORT")

    @property
    def ports_label(self) -> str:
        return f"{self.port} (controller {self.s.port('KAFKA_CONTROLLER_PORT')})"

    @property
    def base(self) -> Path:
        return self.s.state / "kafka"

    @property
    def libs(self) -> Path:
        return self.base / "libs"

    @property
    def data(self) -> Path:
        return self.base / "data"

    @property
    def props(self) -> Path:
        return self.base / "server.properties"

    @property
    def classpath(self) -> str:
        return str(self.libs / "*")

    @property
    def pom(self) -> Path:
        return HERE / "kafka" / "pom.xml"

    def _pom_digest(self) -> str:
        return hashlib.sha256(self.pom.read_bytes()).hexdigest()

    def installed(self) -> bool:
        # re-resolve when pom.xml changes (version bump, different binding)
        stamp = self.libs / ".pom.sha256"
        return (
            bool(glob.glob(str(self.libs / "kafka_2.13-*.jar")))
            and stamp.is_file()
            and stamp.read_text().strip() == self._pom_digest()
        )

    def install(self) -> None:
        for tool in ("java", "mvn"):
            if shutil.which(tool) is None:
                raise StackError(f"kafka: `{tool}` not on PATH (need Java 17+ and Maven)")
        tmp = self.base / "libs.tmp"
        shutil.rmtree(tmp, ignore_errors=True)
        self.base.mkdir(parents=True, exist_ok=True)
        run(
            [
                "mvn",
                "-q",
                "-B",
                "-f",
                str(self.pom),
                "dependency:copy-dependencies",
                "-DincludeScope=runtime",
                f"-DoutputDirectory={tmp}",
            ],
            "mvn dependency:copy-dependencies",
            log_path=self.s.logs / "kafka-install.log",
        )
        (tmp / ".pom.sha256").write_text(self._pom_digest() + "\n")
        shutil.rmtree(self.libs, ignore_errors=True)
        tmp.rename(self.libs)

    def healthy(self) -> bool:
        if not port_open(self.s.host, self.port):
            return False
        return asyncio.run(self._metadata_ok())

    async def _metadata_ok(self) -> bool:
        from aiokafka.admin import AIOKafkaAdminClient

        admin = AIOKafkaAdminClient(bootstrap_servers=f"{self.s.host}:{self.port}", request_timeout_ms=3000)
        try:
            await asyncio.wait_for(admin.start(), 5)
            await asyncio.wait_for(admin.describe_cluster(), 5)
            return True
        except Exception:
            return False
        finally:
            try:
                await admin.close()
            except Exception:
                pass

    def _render_props(self) -> None:
        tmpl = string.Template((HERE / "kafka" / "server.properties.tmpl").read_text())
        values = {**self.s.cfg, "HOST": self.s.host, "KAFKA_DATA_DIR": str(self.data)}
        self.props.write_text(tmpl.substitute(values))

    def _java(self, main: str, *args: str) -> list[str]:
        return [
            "java",
            "-cp",
            self.classpath,
            f"-Dlog4j2.configurationFile={HERE / 'kafka' / 'log4j2.yaml'}",
            f"-Dkafka.logs.dir={self.s.logs}",
            main,
            *args,
        ]

    def start(self) -> None:
        self.data.mkdir(parents=True, exist_ok=True)
        self._render_props()
        if not (self.data / "meta.properties").exists():
            cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
            log(self.name, f"formatting storage (cluster id {cluster_id})")
            run(
                self._java(
                    "kafka.tools.StorageTool", "format", "--standalone", "-t", cluster_id, "-c", str(self.props)
                ),
                "kafka storage format",
                log_path=self.log_path,
            )
        log(self.name, f"starting on {self.s.host}:{self.port}")
        heap = self.s.cfg.get("KAFKA_HEAP_OPTS", "-Xms512m -Xmx1g").split()
        self.spawn(
            [
                "java",
                *heap,
                "-XX:+UseG1GC",
                "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true",
                f"-Dlog4j2.configurationFile={HERE / 'kafka' / 'log4j2.yaml'}",
                f"-Dkafka.logs.dir={self.s.logs}",
                "-cp",
                self.classpath,
                "kafka.Kafka",
                str(self.props),
            ]
        )

    def stop(self) -> None:
        self._stop_pid(grace=45)  # controlled shutdown flushes logs and the metadata log

    def create_topics(self, attempts: int = 5) -> None:
        for attempt in range(1, attempts + 1):
            try:
                asyncio.run(self._create_topics())
                return
            except Exception as exc:  # noqa: BLE001  (a just-started controller can still be settling)
                if attempt == attempts:
                    raise StackError(f"kafka: creating topics failed: {exc!r}") from exc
                log(self.name, f"topic creation attempt {attempt} failed ({exc!r}); retrying")
                time.sleep(2)

    async def _create_topics(self) -> None:
        from aiokafka.admin import AIOKafkaAdminClient, NewTopic
        from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
        from radiant_contracts.topics import all_topics

        specs = all_topics()
        admin = AIOKafkaAdminClient(bootstrap_servers=f"{self.s.host}:{self.port}", request_timeout_ms=15000)
        await admin.start()
        try:
            existing = set(await admin.list_topics())
            missing = [t for t in specs if t.name not in existing]
            if missing:
                resp = await admin.create_topics(
                    [NewTopic(t.name, t.partitions, 1, topic_configs=dict(t.config)) for t in missing]
                )
                errors = [(name, code, msg) for name, code, msg in _topic_errors(resp) if code not in (0, 36)]
                if errors:
                    raise StackError(f"kafka: create_topics failed: {errors}")
            # Keep configs of existing topics in line with the registry (incremental: only listed keys).
            present = [t for t in specs if t.name in existing and t.config]
            if present:
                described = await admin.describe_configs(
                    [ConfigResource(ConfigResourceType.TOPIC, t.name) for t in present]
                )
                current = _described_configs(described)
                drift = [t for t in present if any(current.get(t.name, {}).get(k) != v for k, v in t.config.items())]
                if drift:
                    merged = [
                        ConfigResource(
                            ConfigResourceType.TOPIC, t.name, configs={**current.get(t.name, {}), **t.config}
                        )
                        for t in drift
                    ]
                    await admin.alter_configs(merged)
                    log(self.name, f"re-applied configs of {', '.join(t.name for t in drift)}")
            # Partitions can only grow; report (don't fail) when an existing topic has fewer.
            meta = await admin.describe_topics([t.name for t in specs])
            counts = {m["topic"]: len(m["partitions"]) for m in meta}
            for t in specs:
                if counts.get(t.name, t.partitions) < t.partitions:
                    log(self.name, f"WARNING: {t.name} has {counts[t.name]} partitions, registry says {t.partitions}")
        finally:
            await admin.close()
        log(
            self.name,
            f"topics: {len(missing)} created, {len(specs) - len(missing)} already present "
            f"({', '.join(t.name for t in specs)})",
        )


def _topic_errors(resp) -> list[tuple[str, int, str | None]]:
    out = []
    for entry in getattr(resp, "topic_errors", []) or []:
        name, code = entry[0], entry[1]
        msg = entry[2] if len(entry) > 2 else None
        out.append((name, code, msg))
    return out


def _described_configs(responses) -> dict[str, dict[str, str]]:
    """Only non-default (dynamic topic) configs, so alter_configs does not pin broker defaults."""
    out: dict[str, dict[str, str]] = {}
    for resp in responses:
        for res in resp.resources:
            name = res[3]
            entries = res[4]
            cfg = {}
            for e in entries:
                key, value, is_default = e[0], e[1], e[3] if len(e) > 3 else False
                # v1+: (name, value, read_only, config_source, is_sensitive, synonyms)
                source = e[3] if len(e) > 5 else None
                if source is not None:
                    if source == 1:  # DYNAMIC_TOPIC_CONFIG
                        cfg[key] = value
                elif not is_default:
                    cfg[key] = value
            out[name] = cfg
    return out


class StripeMock(Component):
    name = "stripe-mock"
    marker = "stripe-mock"

    @property
    def port(self) -> int:
        return self.s.port("STRIPE_MOCK_PORT")

    @property
    def exe(self) -> Path:
        return self.s.bin / "stripe-mock"

    def installed(self) -> bool:
        return self.exe.is_file()

    def install(self) -> None:
        if shutil.which("go") is None and not Path("/usr/local/go/bin/go").exists():
            raise StackError("stripe-mock: `go` not found (need Go to `go install` stripe-mock)")
        go = shutil.which("go") or "/usr/local/go/bin/go"
        self.s.bin.mkdir(parents=True, exist_ok=True)
        run(
            [go, "install", f"github.com/stripe/stripe-mock@{STRIPE_MOCK_VERSION}"],
            "go install stripe-mock",
            log_path=self.s.logs / "stripe-mock-install.log",
            env={**os.environ, "GOBIN": str(self.s.bin)},
        )

    def healthy(self) -> bool:
        return (
            http_status(f"http://{self.s.host}:{self.port}/v1/customers", {"Authorization": "Bearer sk_test_123"})
            == 200
        )

    def start(self) -> None:
        log(self.name, f"starting on {self.s.host}:{self.port}")
        # HTTP only matters; HTTPS would otherwise default to [::]:12112, so pin it to loopback, port+1.
        self.spawn(
            [str(self.exe), "-http-addr", f"{self.s.host}:{self.port}", "-https-addr", f"{self.s.host}:{self.port + 1}"]
        )


class MailDev(Component):
    name = "maildev"
    marker = "maildev"

    @property
    def port(self) -> int:
        return self.s.port("MAIL_UI_PORT")

    @property
    def ports_label(self) -> str:
        return f"smtp {self.s.port('SMTP_PORT')}, web/api {self.port}"

    @property
    def prefix(self) -> Path:
        return self.s.state / "node"

    @property
    def entry(self) -> Path:
        return self.prefix / "node_modules" / "maildev" / "bin" / "maildev"

    def installed(self) -> bool:
        return self.entry.is_file()

    def install(self) -> None:
        if shutil.which("npm") is None:
            raise StackError("maildev: `npm` not found (need Node 20 + npm)")
        self.prefix.mkdir(parents=True, exist_ok=True)
        run(
            [
                "npm",
                "install",
                "--prefix",
                str(self.prefix),
                f"maildev@{MAILDEV_VERSION}",
                "--no-audit",
                "--no-fund",
                "--loglevel=error",
            ],
            "npm install maildev",
            log_path=self.s.logs / "maildev-install.log",
        )

    def healthy(self) -> bool:
        return http_status(f"http://{self.s.host}:{self.port}/email") == 200 and port_open(
            self.s.host, self.s.port("SMTP_PORT")
        )

    def start(self) -> None:
        maildir = self.s.state / "maildev"
        maildir.mkdir(parents=True, exist_ok=True)
        log(self.name, f"starting smtp {self.s.host}:{self.s.port('SMTP_PORT')}, web {self.s.host}:{self.port}")
        self.spawn(
            [
                "node",
                str(self.entry),
                "--smtp",
                str(self.s.port("SMTP_PORT")),
                "--web",
                str(self.port),
                "--ip",
                self.s.host,
                "--web-ip",
                self.s.host,
                "--mail-directory",
                str(maildir),
            ]
        )


class Service(Component):
    def __init__(self, s: Settings, svc: str) -> None:
        super().__init__(s)
        self.svc = svc
        self.name = svc
        self.module = f"radiant_{svc}"
        self.marker = self.module

    @property
    def port(self) -> int:
        return self.s.svc_port(self.svc)

    @property
    def url(self) -> str:
        return f"http://{self.s.host}:{self.port}"

    @property
    def python(self) -> str:
        venv = ROOT / ".venv" / "bin" / "python"
        return str(venv) if venv.exists() else sys.executable

    def runnable(self) -> bool:
        """The package has a __main__ (i.e. `python -m radiant_<svc>` works)."""
        if (ROOT / "services" / self.svc / "src" / self.module / "__main__.py").is_file():
            return True
        try:
            spec = importlib.util.find_spec(self.module)
        except (ImportError, ValueError):
            return False
        return bool(
            spec
            and spec.submodule_search_locations
            and any((Path(p) / "__main__.py").is_file() for p in spec.submodule_search_locations)
        )

    def healthy(self) -> bool:
        return http_status(f"{self.url}/healthz", timeout=1.0) == 200

    def ready(self) -> bool:
        return http_status(f"{self.url}/readyz", timeout=2.0) == 200

    def child_env(self) -> dict[str, str]:
        return {**os.environ, **self.s.computed_env(), "PYTHONUNBUFFERED": "1"}

    def migrate_proc(self) -> subprocess.Popen:
        self.s.logs.mkdir(parents=True, exist_ok=True)
        fh = open(self.log_path, "ab")
        cmd = [self.python, "-m", self.module, "migrate"]
        fh.write(f"\n=== {time.strftime('%F %T')} $ {shlex.join(cmd)}\n".encode())
        fh.flush()
        proc = subprocess.Popen(
            cmd, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT, env=self.child_env(), cwd=ROOT
        )
        fh.close()
        return proc

    def start(self) -> None:
        self.spawn([self.python, "-m", self.module, "serve"], env=self.child_env())


# --------------------------------------------------------------------------------------------------
# Commands
# --------------------------------------------------------------------------------------------------


def infra(s: Settings) -> list[Component]:
    return [Postgres(s), Redis(s), Kafka(s), StripeMock(s), MailDev(s)]


def ensure_signing_key(s: Settings) -> None:
    if s.signing_key.exists():
        return
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    s.secrets.mkdir(parents=True, exist_ok=True)
    s.secrets.chmod(0o700)
    pem = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    tmp = s.signing_key.with_suffix(".tmp")
    tmp.write_bytes(pem)
    tmp.chmod(0o600)
    tmp.rename(s.signing_key)
    log("secrets", f"generated {s.signing_key}")


def _parallel(fns: list[Callable[[], None]]) -> None:
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


def cmd_install(s: Settings) -> None:
    s.state.mkdir(parents=True, exist_ok=True)
    s.logs.mkdir(parents=True, exist_ok=True)
    _parallel([c.ensure_installed for c in infra(s)])
    ensure_tools()
    ensure_signing_key(s)


# Command-line tools the docs and tests use against the stack: kcat (a stock Kafka client, to show
# producers need nothing of ours) and rsyslogd (the real syslog receiver the SIEM tests forward to).
TOOLS = {"kcat": "kcat", "rsyslogd": "rsyslog"}


def ensure_tools() -> None:
    missing = [pkg for binary, pkg in TOOLS.items() if shutil.which(binary) is None
               and not Path(f"/usr/sbin/{binary}").exists()]
    if missing:
        apt_install(*missing)


def cmd_up(s: Settings, infra_only: bool) -> None:
    t0 = time.monotonic()
    cmd_install(s)
    s.write_env_file()
    pg, redis, kafka, stripe, mail = infra(s)

    def pg_up() -> None:
        pg.ensure_running()
        pg.provision()

    def kafka_up() -> None:
        kafka.ensure_running(timeout=120)
        kafka.create_topics()

    _parallel([pg_up, redis.ensure_running, kafka_up, stripe.ensure_running, mail.ensure_running])
    log("stack", f"infrastructure ready in {time.monotonic() - t0:.1f}s")
    if not infra_only:
        start_services(s)
    print_urls(s, infra_only)
    log("stack", f"up in {time.monotonic() - t0:.1f}s; env in {s.state / 'stack.env'}")


def start_services(s: Settings, timeout: float = 120) -> None:
    services = [Service(s, svc) for svc in SERVICES]
    runnable = []
    for svc in services:
        if not svc.runnable():
            log(svc.name, f"SKIPPED: {svc.module} has no __main__.py yet (`python -m {svc.module}` would fail)")
        else:
            runnable.append(svc)
    to_start, foreign = [], []
    for svc in runnable:
        if svc.healthy():
            log(svc.name, f"already running on {svc.url} (pid {svc.pid_label()})")
            if svc.pid() is None:  # started by someone else: we cannot know its schema is migrated
                foreign.append(svc)
        elif port_open(s.host, svc.port):
            raise StackError(
                f"{svc.name}: port {svc.port} is taken (pid {pid_listening_on(svc.port)}) "
                f"but /healthz does not answer 200"
            )
        else:
            to_start.append(svc)
    # migrations (concurrently) for the DB services we are about to start, and for ones someone else runs;
    # services this stack started and left running were migrated then, so a warm `up` stays fast.
    procs = {svc: svc.migrate_proc() for svc in [*to_start, *foreign] if svc.svc in DB_SERVICES}
    failed = []
    for svc, proc in procs.items():
        rc = proc.wait()
        if rc != 0:
            failed.append(
                f"{svc.name}: `python -m {svc.module} migrate` failed (exit {rc}); log {svc.log_path}:\n"
                + tail(svc.log_path)
            )
        else:
            log(svc.name, "migrations applied")
    if failed:
        raise StackError("\n\n".join(failed))
    for svc in to_start:
        log(svc.name, f"starting on {svc.url}")
        svc.start()
    deadline = time.monotonic() + timeout
    pending = list(runnable)
    while pending:
        for svc in list(pending):
            if svc.ready():
                log(svc.name, f"ready ({svc.url}/readyz)")
                pending.remove(svc)
            elif svc.died_early():
                raise StackError(
                    f"{svc.name} exited (code {svc._child.returncode}); last lines of "
                    f"{svc.log_path}:\n{tail(svc.log_path)}"
                )
        if pending and time.monotonic() > deadline:
            msgs = [
                f"{svc.name}: /readyz not 200 after {timeout:.0f}s; last lines of {svc.log_path}:\n{tail(svc.log_path)}"
                for svc in pending
            ]
            raise StackError("\n\n".join(msgs))
        if pending:
            time.sleep(0.3)


def print_urls(s: Settings, infra_only: bool) -> None:
    h = s.host
    lines = [
        "",
        f"  Gateway API       http://{h}:{s.svc_port('gateway')}/api/v2",
        f"  OpenAPI docs      http://{h}:{s.svc_port('gateway')}/docs",
    ]
    for svc in SERVICES:
        lines.append(f"  AsyncAPI {svc:<9}http://{h}:{s.svc_port(svc)}/asyncapi")
    lines += [
        f"  Mail UI / API     http://{h}:{s.port('MAIL_UI_PORT')}   (SMTP {h}:{s.port('SMTP_PORT')})",
        f"  Stripe mock       http://{h}:{s.port('STRIPE_MOCK_PORT')}",
        f"  Kafka             {h}:{s.port('KAFKA_PORT')}",
        f"  PostgreSQL        postgresql://{s.pg_superuser}:***@{h}:{s.port('POSTGRES_PORT')}/{s.pg_db}",
        f"  Redis             redis://{h}:{s.port('REDIS_PORT')}/0",
        f"  Logs              {s.logs}/",
        "",
    ]
    if infra_only:
        lines.insert(1, "  (--infra-only: services not started)")
    print("\n".join(lines), flush=True)


def _stop_unrecorded_instance(svc: "Service") -> None:
    """A restart asked for by name also replaces an instance of that same service whose pid file was
    lost (e.g. two restarts raced): the process on its port running `-m radiant_<svc>`. Anything
    else on the port is left alone and reported by `start_services`."""
    pid = pid_listening_on(svc.port)
    if pid is None or f"-m {svc.module}" not in cmdline(pid):
        return
    log(svc.name, f"replacing an unrecorded instance (pid {pid})")
    try:
        os.kill(pid, signal.SIGTERM)
        if not wait_for(lambda: not pid_alive(pid), 15):
            os.kill(pid, signal.SIGKILL)
            wait_for(lambda: not pid_alive(pid), 5)
    except ProcessLookupError:
        pass


def cmd_restart(s: Settings, names: list[str]) -> None:
    """Stop the named services (all when none are named), then migrate, start and wait for them."""
    unknown = [n for n in names if n not in SERVICES]
    if unknown:
        raise StackError(f"unknown service(s): {', '.join(unknown)}; known: {', '.join(SERVICES)}")
    for name in names or SERVICES:
        svc = Service(s, name)
        svc._stop_pid(grace=15)
        _stop_unrecorded_instance(svc)
    s.write_env_file()
    start_services(s)


def cmd_down(s: Settings) -> None:
    for svc in [Service(s, n) for n in reversed(SERVICES)]:
        svc._stop_pid(grace=15)
    pg, redis, kafka, stripe, mail = infra(s)
    # services first (done), then the rest; Kafka takes the longest, so stop things concurrently.
    _parallel([mail.stop, stripe.stop, kafka.stop, redis.stop, pg.stop])
    leftovers = []
    for c in [*infra(s), *[Service(s, n) for n in SERVICES]]:
        if c.pid() is not None:
            leftovers.append(f"{c.name} (pid {c.pid()})")
    if leftovers:
        raise StackError(f"still running after down: {', '.join(leftovers)}")
    log("stack", "down")


def cmd_status(s: Settings) -> int:
    rows = [("COMPONENT", "PID", "PORT", "HEALTH")]
    comps: list[Component] = [*infra(s), *[Service(s, n) for n in SERVICES]]
    results: dict[str, tuple[str, str, str, str]] = {}

    def probe(c: Component) -> None:
        pid = c.pid()
        if isinstance(c, Service) and not c.runnable():
            health = "n/a (no __main__)" if pid is None else ("ok" if c.healthy() else "down")
        else:
            try:
                health = "ok" if c.healthy() else "down"
            except Exception:  # noqa: BLE001
                health = "down"
            if isinstance(c, Service) and health == "ok" and not c.ready():
                health = "ok (not ready)"
        results[c.name] = (c.name, c.pid_label(), c.ports_label, health)

    with ThreadPoolExecutor(max_workers=len(comps)) as pool:
        list(pool.map(probe, comps))
    rows += [results[c.name] for c in comps]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  ".join(col.ljust(w) for col, w in zip(r, widths, strict=True)).rstrip())
    # exit 1 when infrastructure is down (services may legitimately be off: `up --infra-only`)
    return 0 if all(results[c.name][3] == "ok" for c in comps if not isinstance(c, Service)) else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="stack.py", description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    sub.add_parser("install", help="install what is missing (postgres/redis via apt, kafka jars, stripe-mock, maildev)")
    up = sub.add_parser("up", help="install + start what is not running; wait until everything is ready")
    up.add_argument("--infra-only", action="store_true", help="do not migrate/start the services")
    restart = sub.add_parser("restart", help="restart services (all, or the ones named) after a code change")
    restart.add_argument("services", nargs="*")
    sub.add_parser("down", help="stop services, then infrastructure")
    sub.add_parser("status", help="component/pid/port/health table (exit 1 if anything is down)")
    sub.add_parser("env", help="print the computed service/test environment as KEY=VALUE lines")
    args = parser.parse_args(argv)
    s = Settings()
    try:
        if args.cmd == "install":
            cmd_install(s)
        elif args.cmd == "restart":
            cmd_restart(s, args.services)
        elif args.cmd == "up":
            cmd_up(s, args.infra_only)
        elif args.cmd == "down":
            cmd_down(s)
        elif args.cmd == "status":
            return cmd_status(s)
        elif args.cmd == "env":
            s.write_env_file()
            sys.stdout.write(format_env(s.computed_env()))
    except StackError as exc:
        print(f"\nERROR: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
