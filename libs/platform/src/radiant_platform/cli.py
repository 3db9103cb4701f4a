"""`python -m radiant_<service> serve|migrate`: the same two commands for every service; and what
every command typed by hand shares: its settings, found in the local stack when the shell has none."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Callable, MutableMapping
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any, TypeVar

from pydantic import AliasChoices, ValidationError

from .settings import ServiceSettings

S = TypeVar("S", bound=ServiceSettings)

# This checkout's root (libs/platform/src/radiant_platform/cli.py): where `make up` writes `.local/`.
CHECKOUT_ROOT = Path(__file__).resolve().parents[4]
STACK_ENV_FILE = "stack.env"


# --- settings for a command typed in a shell ----------------------------------------------------


def local_stack_env_files(environ: MutableMapping[str, str] = os.environ, cwd: Path | None = None) -> list[Path]:
    """Where the local stack writes its computed settings: `$RADIANT_STATE_DIR/stack.env` (default
    `.local/`); a relative state folder is looked for in the working directory, then in this checkout."""
    state = Path(environ.get("RADIANT_STATE_DIR") or ".local")
    if state.is_absolute():
        return [state / STACK_ENV_FILE]
    return list(dict.fromkeys([(cwd or Path.cwd()) / state / STACK_ENV_FILE, CHECKOUT_ROOT / state / STACK_ENV_FILE]))


def parse_env_lines(text: str) -> dict[str, str]:
    """`KEY=value` lines as the local stack writes them (values shell-quoted when needed)."""
    env = {}
    for line in text.splitlines():
        key, sep, raw = line.partition("=")
        if sep and key.strip() and not line.lstrip().startswith("#"):
            words = shlex.split(raw)
            env[key.strip()] = words[0] if words else ""
    return env


def load_local_stack_env(environ: MutableMapping[str, str] = os.environ, cwd: Path | None = None) -> Path | None:
    """Fill in what `environ` lacks from the local stack's settings file, so a command typed in a plain
    shell after `make up` reaches the stack; variables already set win. Returns the file read, if any."""
    path = next((p for p in local_stack_env_files(environ, cwd) if p.is_file()), None)
    if path is not None:
        for key, value in parse_env_lines(path.read_text()).items():
            environ.setdefault(key, value)
    return path


def env_name(settings_class: type[ServiceSettings], field: str) -> str:
    """The environment variable a setting is read from (its alias, else prefix + name)."""
    alias = settings_class.model_fields[field].validation_alias
    if isinstance(alias, AliasChoices) and isinstance(alias.choices[0], str):
        return alias.choices[0]
    if isinstance(alias, str):
        return alias
    return f"{settings_class.model_config.get('env_prefix', '')}{field}".upper()


def settings_for_command(settings_factory: type[S], *required: str, prog: str) -> S:
    """A command's settings: from the environment, else from the local stack's settings file. When a
    required one is still missing, or a value is invalid, the command ends with one line saying so."""
    found = load_local_stack_env()
    try:
        settings = settings_factory()
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise SystemExit(f"{prog}: invalid settings: {problems}") from None
    missing = [env_name(settings_factory, field) for field in required if getattr(settings, field) is None]
    if missing:
        names = ", ".join(missing)
        if found:
            raise SystemExit(f"{prog}: {names} is set neither in the environment nor in {found}")
        looked = " or ".join(str(p) for p in local_stack_env_files())
        raise SystemExit(
            f"{prog}: {names} is not set, and there are no local stack settings at {looked} "
            f"(`make up` writes them; or export {names})"
        )
    return settings


# --- `radiant <command>`: commands each service contributes ---------------------------------------

#: Entry-point group of the `radiant` command's subcommands. A service names its own in its
#: pyproject (`[project.entry-points."radiant.commands"] prices = "radiant_metering.cli:prices_main"`),
#: so one `radiant` command reaches every service's administration without any service importing another.
COMMANDS_GROUP = "radiant.commands"
CommandMain = Callable[[list[str]], int | None]


def registered_commands() -> dict[str, EntryPoint]:
    """The installed services' `radiant` subcommands by name (each loaded only when run)."""
    return {ep.name: ep for ep in entry_points(group=COMMANDS_GROUP)}


def run_registered_command(argv: list[str]) -> int | None:
    """Run `argv[0]` when a service registered it: its exit code; None when none did."""
    entry = registered_commands().get(argv[0]) if argv else None
    if entry is None:
        return None
    command: CommandMain = entry.load()
    return command(argv[1:]) or 0


# --- serve and migrate --------------------------------------------------------------------------


def migrate(service_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(service_dir / "alembic.ini"))
    config.set_main_option("script_location", str(service_dir / "migrations"))
    # "heads": changes developed side by side may each add a revision on the same parent; every
    # branch is applied (Alembic records each head) until a merge revision joins them.
    command.upgrade(config, "heads")


UPSTREAM_KEEP_ALIVE_SECONDS = 75


def server_options(settings: ServiceSettings) -> dict[str, Any]:
    """How uvicorn serves a service (`serve`)."""
    from .http_server import HeadWithBodyHttpToolsProtocol  # uvicorn's internals: only a server needs them

    return {
        "host": settings.host,
        "port": settings.port,
        # A service whose settings name `workers` (the gateway: GATEWAY_WORKERS) may run several
        # processes on the one listening socket; each builds its own runtime in its lifespan.
        "workers": getattr(settings, "workers", None),
        "log_config": None,
        "access_log": False,
        "timeout_graceful_shutdown": 20,
        # The peer stays the TCP peer: the platform's one trusted-proxy rule (clients.client_from)
        # reads X-Forwarded-For itself. uvicorn's own rewrite believed any loopback peer's header, so
        # behind a sidecar or a local proxy a client chose the address its rate limit and audit saw.
        "proxy_headers": False,
        # Each answer's head and body in one write (http_server): fewer wake-ups for every peer.
        "http": HeadWithBodyHttpToolsProtocol,
        # Longer than the gateway's pooled-connection idle time (15 s), so the server never
        # closes a connection the gateway is about to reuse (that race answers 503).
        "timeout_keep_alive": UPSTREAM_KEEP_ALIVE_SECONDS,
    }


def serve(app_path: str, settings: ServiceSettings) -> None:
    import uvicorn

    uvicorn.run(app_path, factory=True, **server_options(settings))


def main(
    *,
    app_factory: str,
    settings_factory: Callable[[], ServiceSettings],
    service_dir: Path | None,
    argv: list[str] | None = None,
) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m {app_factory.split('.')[0]}")
    parser.add_argument("command", choices=["serve", "migrate"], nargs="?", default="serve")
    args = parser.parse_args(argv)
    if args.command == "migrate":
        if service_dir is None:
            print("this service has no database to migrate", file=sys.stderr)
            return
        migrate(service_dir)
    else:
        serve(app_factory, settings_factory())
