"""`python -m radiant_<service> serve|migrate`: the same two commands for every service."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from .settings import ServiceSettings


def migrate(service_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config(str(service_dir / "alembic.ini"))
    config.set_main_option("script_location", str(service_dir / "migrations"))
    command.upgrade(config, "head")


UPSTREAM_KEEP_ALIVE_SECONDS = 75


def serve(app_path: str, settings: ServiceSettings) -> None:
    import uvicorn

    uvicorn.run(app_path, factory=True, host=settings.host, port=settings.port, log_config=None,
                access_log=False, timeout_graceful_shutdown=20, proxy_headers=True,
                # Longer than the gateway's pooled-connection idle time (15 s), so the server never
                # closes a connection the gateway is about to reuse (that race answers 503).
                timeout_keep_alive=UPSTREAM_KEEP_ALIVE_SECONDS)


def main(*, app_factory: str, settings_factory: Callable[[], ServiceSettings], service_dir: Path | None,
         argv: list[str] | None = None) -> None:
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
