"""`python deploy/local/stack up|down|status|env|install|restart` (see __init__.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a directory: import this folder as the package `stack`
    sys.path[0] = str(Path(__file__).resolve().parent.parent)
    __package__ = "stack"

from stack import __doc__ as STACK_DOC
from stack.commands import cmd_down, cmd_env, cmd_install, cmd_restart, cmd_status, cmd_up
from stack.config import Settings
from stack.processes import StackError


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="stack", description=(STACK_DOC or "").split("\n\n")[0])
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("install", help="install what is missing (postgres/redis via apt, kafka jars, stripe-mock, maildev)")
    up = sub.add_parser("up", help="install + start what is not running; wait until everything is ready")
    up.add_argument("--infra-only", action="store_true", help="do not migrate/start the services")
    restart = sub.add_parser("restart", help="restart services (all, or the ones named) after a code change")
    restart.add_argument("services", nargs="*")
    sub.add_parser("down", help="stop services, then infrastructure")
    sub.add_parser("status", help="component/pid/port/health table (exit 1 if anything is down)")
    sub.add_parser("env", help="print the computed service/test environment as KEY=VALUE lines")
    return p


def run_command(args: argparse.Namespace, s: Settings) -> int:
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
        cmd_env(s)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return run_command(args, Settings())
    except StackError as exc:
        print(f"\nERROR: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
