"""The stack's commands: install, up, restart, down, status, env."""

from __future__ import annotations

import sys
import time
from concurrent.futures import ThreadPoolExecutor

from .components.base import Component
from .components.console import build_console
from .components.kafka import Kafka
from .components.kustomize import ensure_kustomize
from .components.maildev import MailDev
from .components.postgres import Postgres
from .components.prism import Prism
from .components.redis import Redis
from .components.services import Service
from .components.stripe_mock import StripeMock
from .components.tools import ensure_tools
from .config import ROOT, SERVICES, Settings, format_env
from .processes import (
    StackError,
    cmdline,
    log,
    pid_listening_on,
    port_open,
    run_concurrently,
    tail,
    terminate,
)


def infra(s: Settings) -> list[Component]:
    return [Postgres(s), Redis(s), Kafka(s), StripeMock(s), MailDev(s), Prism(s)]


def services(s: Settings, names: tuple[str, ...] | list[str] = SERVICES) -> list[Service]:
    return [Service(s, name) for name in names]


# --- install --------------------------------------------------------------------------------------


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


def ensure_internal_keys(s: Settings) -> None:
    """Every service's key for service-to-service calls and the trust file of their public keys
    (radiant_platform.service_auth); kept when present, so a restart changes nothing."""
    if s.internal_trust.exists() and all(s.internal_key(svc).exists() for svc in SERVICES):
        return
    try:
        from radiant_platform.service_auth import write_internal_keys
    except ImportError:
        sys.path.append(str(ROOT / "libs" / "platform" / "src"))
        from radiant_platform.service_auth import write_internal_keys
    s.secrets.mkdir(parents=True, exist_ok=True)
    s.secrets.chmod(0o700)
    write_internal_keys(s.internal_keys, SERVICES)
    log("secrets", f"generated the services' internal keys in {s.internal_keys}")


def ensure_lago_webhook_keys(s: Settings) -> None:
    """The key pair the stack signs Lago webhooks with in tests (Prism, the stack's Lago, cannot)."""
    if s.lago_webhook_private_key.exists() and s.lago_webhook_public_key.exists():
        return
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    s.lago_secrets.mkdir(parents=True, exist_ok=True)
    s.lago_secrets.chmod(0o700)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    for path, data in ((s.lago_webhook_public_key, public), (s.lago_webhook_private_key, private)):
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.chmod(0o600)
        tmp.rename(path)
    log("secrets", f"generated the test Lago webhook key pair in {s.lago_secrets}")


def cmd_install(s: Settings) -> None:
    s.state.mkdir(parents=True, exist_ok=True)
    s.logs.mkdir(parents=True, exist_ok=True)
    run_concurrently([c.ensure_installed for c in infra(s)])
    ensure_tools()
    ensure_kustomize(s)
    build_console(s)
    ensure_signing_key(s)
    ensure_internal_keys(s)
    ensure_lago_webhook_keys(s)


# --- up -------------------------------------------------------------------------------------------


def cmd_up(s: Settings, infra_only: bool) -> None:
    t0 = time.monotonic()
    cmd_install(s)
    s.write_env_file()
    pg, redis, kafka, stripe, mail, lago = infra(s)

    def pg_up() -> None:
        pg.ensure_running()
        pg.provision()

    def kafka_up() -> None:
        kafka.ensure_running(timeout=120)
        kafka.provision()

    run_concurrently(
        [pg_up, redis.ensure_running, kafka_up, stripe.ensure_running, mail.ensure_running, lago.ensure_running]
    )
    log("stack", f"infrastructure ready in {time.monotonic() - t0:.1f}s")
    if not infra_only:
        start_services(s)
    print_urls(s, infra_only)
    log("stack", f"up in {time.monotonic() - t0:.1f}s; env in {s.env_file}")


def start_services(s: Settings, timeout: float = 120) -> None:
    runnable = [svc for svc in services(s) if _runnable_or_skipped(svc)]
    to_start, foreign = _split_by_state(s, runnable)
    # Migrations (concurrently) for the DB services we are about to start, and for ones someone else runs;
    # services this stack started and left running were migrated then, so a warm `up` stays fast.
    migrate([svc for svc in [*to_start, *foreign] if svc.has_database])
    for svc in to_start:
        log(svc.name, f"starting on {svc.url}")
        svc.start()
    wait_until_ready(runnable, timeout)


def _runnable_or_skipped(svc: Service) -> bool:
    if svc.runnable():
        return True
    log(svc.name, f"SKIPPED: {svc.module} has no __main__.py yet (`python -m {svc.module}` would fail)")
    return False


def _split_by_state(s: Settings, runnable: list[Service]) -> tuple[list[Service], list[Service]]:
    """(services to start, services running that someone else started)."""
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
    return to_start, foreign


def migrate(to_migrate: list[Service]) -> None:
    procs = {svc: svc.migrate_proc() for svc in to_migrate}
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


def wait_until_ready(pending: list[Service], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    pending = list(pending)
    while pending:
        for svc in list(pending):
            if svc.ready():
                log(svc.name, f"ready ({svc.url}/readyz)")
                pending.remove(svc)
            elif svc.died_early():
                assert svc.child is not None
                raise StackError(
                    f"{svc.name} exited (code {svc.child.returncode}); last lines of "
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
        f"  Admin console     http://{h}:{s.svc_port('gateway')}/console/",
    ]
    for svc in SERVICES:
        lines.append(f"  AsyncAPI {svc:<9}http://{h}:{s.svc_port(svc)}/asyncapi")
    lines += [
        f"  Mail UI / API     http://{h}:{s.port('MAIL_UI_PORT')}   (SMTP {h}:{s.port('SMTP_PORT')})",
        f"  Stripe mock       http://{h}:{s.port('STRIPE_MOCK_PORT')}",
        f"  Lago (Prism)      http://{h}:{s.port('LAGO_MOCK_PORT')}/api/v1",
        f"  Kafka             {h}:{s.port('KAFKA_PORT')}",
        f"  PostgreSQL        postgresql://{s.pg_superuser}:***@{h}:{s.port('POSTGRES_PORT')}/{s.pg_db}",
        f"  Redis             redis://{h}:{s.port('REDIS_PORT')}/0",
        f"  Logs              {s.logs}/",
        "",
    ]
    if infra_only:
        lines.insert(1, "  (--infra-only: services not started)")
    print("\n".join(lines), flush=True)


# --- restart --------------------------------------------------------------------------------------


def _stop_unrecorded_instance(svc: Service) -> None:
    """A restart asked for by name also replaces an instance of that same service whose pid file was
    lost (e.g. two restarts raced): the process on its port running `-m radiant_<svc>`. Anything
    else on the port is left alone and reported by `start_services`."""
    pid = pid_listening_on(svc.port)
    if pid is None or f"-m {svc.module}" not in cmdline(pid):
        return
    log(svc.name, f"replacing an unrecorded instance (pid {pid})")
    terminate(pid, svc.name, grace=15)


def cmd_restart(s: Settings, names: list[str]) -> None:
    """Stop the named services (all when none are named), then migrate, start and wait for them."""
    unknown = [n for n in names if n not in SERVICES]
    if unknown:
        raise StackError(f"unknown service(s): {', '.join(unknown)}; known: {', '.join(SERVICES)}")
    for svc in services(s, names or SERVICES):
        svc.stop_pid(grace=15)
        _stop_unrecorded_instance(svc)
    ensure_internal_keys(s)  # a stack installed before the keys existed gets them on its next restart
    ensure_lago_webhook_keys(s)
    s.write_env_file()
    start_services(s)


# --- down -----------------------------------------------------------------------------------------


def cmd_down(s: Settings) -> None:
    for svc in reversed(services(s)):
        svc.stop_pid(grace=15)
    pg, redis, kafka, stripe, mail, lago = infra(s)
    # services first (done), then the rest; Kafka takes the longest, so stop things concurrently.
    run_concurrently([lago.stop, mail.stop, stripe.stop, kafka.stop, redis.stop, pg.stop])
    leftovers = [f"{c.name} (pid {c.pid()})" for c in [*infra(s), *services(s)] if c.pid() is not None]
    if leftovers:
        raise StackError(f"still running after down: {', '.join(leftovers)}")
    log("stack", "down")


# --- status and env -------------------------------------------------------------------------------


def _health(c: Component) -> str:
    if isinstance(c, Service) and not c.runnable():
        return "n/a (no __main__)" if c.pid() is None else ("ok" if c.healthy() else "down")
    try:
        health = "ok" if c.healthy() else "down"
    except Exception:  # noqa: BLE001
        health = "down"
    if isinstance(c, Service) and health == "ok" and not c.ready():
        health = "ok (not ready)"
    return health


def cmd_status(s: Settings) -> int:
    comps: list[Component] = [*infra(s), *services(s)]
    with ThreadPoolExecutor(max_workers=len(comps)) as pool:
        rows = list(pool.map(lambda c: (c.name, c.pid_label(), c.ports_label, _health(c)), comps))
    table = [("COMPONENT", "PID", "PORT", "HEALTH"), *rows]
    widths = [max(len(r[i]) for r in table) for i in range(4)]
    for r in table:
        print("  ".join(col.ljust(w) for col, w in zip(r, widths, strict=True)).rstrip())
    # exit 1 when infrastructure is down (services may legitimately be off: `up --infra-only`)
    infra_health = [health for c, (*_, health) in zip(comps, rows, strict=True) if not isinstance(c, Service)]
    return 0 if all(h == "ok" for h in infra_health) else 1


def cmd_env(s: Settings) -> None:
    ensure_internal_keys(s)
    ensure_lago_webhook_keys(s)
    s.write_env_file()
    sys.stdout.write(format_env(s.computed_env()))
