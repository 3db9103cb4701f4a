"""A whole stack of one's own, for tests that kill things (the fault suite, cluster runs).

The shared dev stack (`.local/`) is everyone's: nothing may kill its PostgreSQL, Redis, Kafka or a
service. `FaultStack` starts a second copy of it — the same components (`deploy/local/stack`), in its
own state directory, every port shifted by `offset` — and gives the test process handles to kill -9,
stop and start each component:

    stack = FaultStack(ROOT / ".local" / "faults", offset=20000)
    stack.up()                      # infrastructure + six services, migrated and ready
    env = stack.env()               # its stack.env: URLs, database logins, Kafka logins
    stack.kill("metering")          # SIGKILL, as a crash would
    stack.start("metering")         # started again; waits until /readyz is green
    stack.down()

Each command runs `python -m radiant_testing.fault_stack <command>` in a child whose environment is
built from nothing but PATH/HOME and the shifted ports, so no setting of the shared stack (a test run
exports `.local/stack.env`) can leak into the private one. What the shared stack installed once
(Kafka's jars, stripe-mock, MailDev, Prism) is linked, not installed again; the console is never
built (its `dist/` belongs to the console engineers' working tree).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[4]
SHARED_STATE = ROOT / ".local"
#: Every port the stack listens on (deploy/local/stack/config.py); each is shifted by the offset.
PORT_KEYS = (
    "GATEWAY_PORT",
    "IDENTITY_PORT",
    "APPROVAL_PORT",
    "METERING_PORT",
    "BILLING_PORT",
    "AUDIT_PORT",
    "KAFKA_PORT",
    "KAFKA_CONTROLLER_PORT",
    "POSTGRES_PORT",
    "REDIS_PORT",
    "STRIPE_MOCK_PORT",
    "LAGO_MOCK_PORT",
    "LAGO_API_PORT",
    "LAGO_FRONT_PORT",
    "SMTP_PORT",
    "MAIL_UI_PORT",
)
DEFAULT_PORTS = {
    "GATEWAY_PORT": 8000,
    "IDENTITY_PORT": 8001,
    "APPROVAL_PORT": 8002,
    "METERING_PORT": 8003,
    "BILLING_PORT": 8004,
    "AUDIT_PORT": 8005,
    "KAFKA_PORT": 9092,
    "KAFKA_CONTROLLER_PORT": 9093,
    "POSTGRES_PORT": 5432,
    "REDIS_PORT": 6379,
    "STRIPE_MOCK_PORT": 12111,
    "LAGO_MOCK_PORT": 4010,
    "LAGO_API_PORT": 3000,
    "LAGO_FRONT_PORT": 8080,
    "SMTP_PORT": 1025,
    "MAIL_UI_PORT": 8025,
}
#: The only variables a child inherits from the caller: enough to find the tools, nothing of a stack.
INHERITED = ("PATH", "HOME", "LANG", "LC_ALL", "USER", "LOGNAME", "TMPDIR", "JAVA_HOME", "TERM")
#: Installed once by the shared stack, read-only at run time: linked into a private state directory.
SHARED_INSTALLS = ("bin", "node", "prism", "kafka/libs")
SERVICES = ("gateway", "identity", "approval", "metering", "billing", "audit")
INFRA = ("postgres", "redis", "kafka", "stripe-mock", "maildev", "lago-prism")


@dataclass
class FaultStack:
    """A private stack: `state` is its directory (logs in `state/logs`), ports shifted by `offset`."""

    state: Path
    offset: int = 20000
    ready_timeout: float = 180
    #: Further variables for every process of the stack (e.g. a PYTHONPATH to run other code).
    extra_env: dict[str, str] = field(default_factory=dict)

    def ports(self) -> dict[str, int]:
        return {key: DEFAULT_PORTS[key] + self.offset for key in PORT_KEYS}

    def child_env(self) -> dict[str, str]:
        env = {key: os.environ[key] for key in INHERITED if key in os.environ}
        env.update({key: str(port) for key, port in self.ports().items()})
        env["RADIANT_STATE_DIR"] = str(self.state)
        env["PYTHONUNBUFFERED"] = "1"
        env.update(self.extra_env)
        return env

    def _run(self, *args: str, timeout: float | None = None) -> str:
        cmd = [sys.executable, "-m", "radiant_testing.fault_stack", *args]
        proc = subprocess.run(cmd, env=self.child_env(), cwd=ROOT, capture_output=True, text=True, timeout=timeout)
        if proc.returncode != 0:
            raise RuntimeError(
                f"fault stack `{' '.join(args)}` failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
            )
        return proc.stdout

    # -- the stack as a whole
    def up(self) -> dict[str, str]:
        """Start whatever is not running (infrastructure, then migrated services); its env."""
        self.state.mkdir(parents=True, exist_ok=True)
        link_shared_installs(self.state)
        self._run("up", timeout=self.ready_timeout + 300)
        return self.env()

    def heal(self) -> list[str]:
        """Start every component that is not running (a case that failed half-way leaves none
        down for the next); the names it started."""
        last = self._run("heal", timeout=self.ready_timeout + 300).strip().splitlines()[-1:]
        return last[0].removeprefix("started:").split() if last else []

    def down(self) -> None:
        self._run("down", timeout=300)

    @contextlib.contextmanager
    def running(self, *, keep: bool = False) -> Iterator[FaultStack]:
        """Up for a test session and down after it (all its Kafka nodes too: this stack's own
        environment says how many), so a run leaves nothing behind on the shifted ports; `keep`
        leaves it up for the next run, which then starts in seconds."""
        self.up()
        try:
            yield self
        finally:
            if not keep:
                self.down()

    def env(self) -> dict[str, str]:
        """The private stack's `stack.env`, as the tests read the shared one."""
        return parse_env(self.state / "stack.env")

    # -- one component
    def pid(self, name: str) -> int | None:
        return self.pids(name)[name]

    def pids(self, *names: str) -> dict[str, int | None]:
        """Each component's live pid (None when it is not running), in one child."""
        out = self._run("pid", *names).strip().splitlines()[-1].split()
        return {name: None if pid == "-" else int(pid) for name, pid in zip(names, out, strict=True)}

    def kill(self, name: str, sig: int = signal.SIGKILL, *, pid: int | None = None) -> int:
        """Kill a component as a crash would (SIGKILL by default); returns the pid it had.

        A case that kills mid-work passes the `pid` it looked up before the work began: looking it up
        runs a child process (about a second, more on a loaded machine), long enough for the work
        to finish before the kill — a CI run's audit ingest did all 10,000 events in that second."""
        pid = pid if pid is not None else self.pid(name)
        if pid is None:
            raise RuntimeError(f"{name} is not running in the fault stack at {self.state}")
        os.kill(pid, sig)
        deadline = time.monotonic() + 30
        while _alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        return pid

    def stop(self, *names: str) -> None:
        """A graceful stop (SIGTERM, as an operator or an orchestrator would)."""
        self._run("stop", *names, timeout=120 * len(names))

    def start(self, *names: str) -> None:
        """Start components that are not running and wait until they are healthy (services: ready)."""
        self._run("start", *names, timeout=self.ready_timeout + 60)

    def log_path(self, name: str) -> Path:
        return self.state / "logs" / f"{name}.log"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie (our own child, not yet reaped) counts as gone
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def parse_env(path: Path) -> dict[str, str]:
    import shlex

    out: dict[str, str] = {}
    for line in path.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep:
            out[key] = shlex.split(value)[0] if value else ""
    return out


def link_shared_installs(state: Path, shared: Path = SHARED_STATE) -> None:
    """Link what the shared stack installed (jars, binaries, node packages) instead of installing it
    again; a component whose install is missing there installs into the private directory."""
    for part in SHARED_INSTALLS:
        source, target = shared / part, state / part
        if source.exists() and not target.exists() and not target.is_symlink():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source.resolve(), target_is_directory=True)


# --- the child: runs with the private stack's environment ------------------------------------------


def _stack_modules() -> tuple[Any, Any]:
    sys.path.insert(0, str(ROOT / "deploy" / "local"))
    from stack import commands, config  # type: ignore[import-not-found]

    return commands, config


def _components(commands: Any, s: Any) -> dict[str, Any]:
    return {c.name: c for c in [*commands.infra(s), *commands.services(s)]}


def _child_up(commands: Any, s: Any) -> None:
    """`stack up` without building the console (its dist/ is the working tree's, not ours)."""
    s.state.mkdir(parents=True, exist_ok=True)
    s.logs.mkdir(parents=True, exist_ok=True)
    commands.run_concurrently([c.ensure_installed for c in commands.infra(s)])
    commands.ensure_signing_key(s)
    commands.ensure_internal_keys(s)
    commands.ensure_lago_webhook_keys(s)
    s.write_env_file()
    pg, redis, kafka, stripe, mail, lago = commands.infra(s)

    def pg_up() -> None:
        pg.ensure_running()
        pg.provision()

    def kafka_up() -> None:
        kafka.ensure_running(timeout=180)
        kafka.provision()

    commands.run_concurrently(
        [pg_up, redis.ensure_running, kafka_up, stripe.ensure_running, mail.ensure_running, lago.ensure_running]
    )
    commands.start_services(s, timeout=180)


def _child_start(commands: Any, s: Any, names: list[str]) -> None:
    """Infrastructure first, then the services, all started before any is waited for (the
    gateway is ready only once the services behind it are)."""
    components = _components(commands, s)
    for name in names:
        if name in INFRA:
            components[name].ensure_running(timeout=180)
    services = [components[name] for name in names if name in SERVICES]
    stopped = [service for service in services if not service.healthy()]
    # The working tree may have gained a migration since the stack came up: apply it first.
    commands.migrate([service for service in stopped if service.has_database])
    for service in stopped:
        service.start()
    commands.wait_until_ready(services, 180)


def _child_heal(commands: Any, s: Any) -> None:
    down = [name for name, c in _components(commands, s).items() if c.pid() is None or not c.healthy()]
    _child_start(commands, s, down)
    print("started:", " ".join(down))


def child_main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="fault_stack")
    p.add_argument("command", choices=["up", "down", "heal", "pid", "start", "stop", "env"])
    p.add_argument("names", nargs="*")
    args = p.parse_args(argv)
    if os.environ.get("RADIANT_STATE_DIR", "") in ("", str(SHARED_STATE), ".local"):
        print("refusing to act on the shared stack's state directory", file=sys.stderr)
        return 2
    commands, config = _stack_modules()
    s = config.Settings()
    if args.command == "up":
        _child_up(commands, s)
    elif args.command == "down":
        commands.cmd_down(s)
    elif args.command == "heal":
        _child_heal(commands, s)
    elif args.command == "env":
        print(config.format_env(s.computed_env()), end="")
    else:
        if not args.names:
            p.error(f"{args.command} needs a component name")
        components = _components(commands, s)
        if args.command == "pid":
            pids = [components[name].pid() for name in args.names]
            print(" ".join("-" if pid is None else str(pid) for pid in pids))
        elif args.command == "stop":
            for name in args.names:
                components[name].stop()
        else:
            _child_start(commands, s, args.names)
    return 0


if __name__ == "__main__":
    raise SystemExit(child_main())


@dataclass
class Figures:
    """The one line of figures each case of a fault or cluster suite prints —
    `<suite> <case>: sent=… stored=… lost=… twice=… recovered_in=…s …` — kept for the run's summary."""

    suite: str
    lines: list[str] = field(default_factory=list)

    def record(
        self, case: str, *, sent: int, stored: int, lost: int, twice: int, recovered_in: float, **extra: object
    ) -> str:
        more = "".join(f" {key}={value}" for key, value in extra.items())
        line = (
            f"{self.suite} {case}: sent={sent} stored={stored} lost={lost} twice={twice} "
            f"recovered_in={recovered_in:.1f}s{more}"
        )
        self.lines.append(line)
        print(line)
        return line

    def summarize(self, terminalreporter: Any) -> None:
        """Every case's line again at the end of the run (a `pytest_terminal_summary` hook calls it)."""
        if self.lines:
            terminalreporter.section(f"{self.suite} figures")
            for line in self.lines:
                terminalreporter.write_line(line)


class Stopwatch:
    """Seconds since it was made (time to recover, time to stream)."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def elapsed(self) -> float:
        return time.monotonic() - self.start
