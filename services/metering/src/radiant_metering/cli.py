"""`radiant prices import FILE [--dry-run] [--effective-from TIME] [--existing-only]`

An operator's catalogue import (seed 000's "dynamic pricing sync"): the registry's own format or
LiteLLM's `model_prices_and_context_window.json`, creating effective-dated price versions only where a
price changed; `--dry-run` shows the diff and changes nothing. The same rules as
`POST /api/v2/saas/models/import`, run against metering's database with metering's settings
(METERING_DATABASE_URL, from the environment or the local stack's `.local/stack.env`); an applied
import is audited in the platform's audit stream. Also `python -m radiant_metering prices import …`.

Prints the result as one JSON document (the API's answer), a one-line summary on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from datetime import datetime
from pathlib import Path

from radiant_platform.cli import settings_for_command
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_platform.errors import ProblemError

from . import service
from .catalogue import CatalogueError, parse_catalogue_bytes
from .config import Settings
from .endpoints import import_response

PROG = "radiant prices"
#: LiteLLM's catalogue is under 2 MB; a file far beyond that is not a price catalogue.
MAX_FILE_BYTES = 64 * 1024 * 1024


def _aware_time(value: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("an ISO 8601 time, e.g. 2026-12-01T00:00:00Z") from None
    if moment.tzinfo is None:
        raise argparse.ArgumentTypeError("the time needs its offset, e.g. 2026-12-01T00:00:00Z")
    return moment


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description="The platform's model registry: price catalogues")
    actions = parser.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="import a price catalogue (registry or LiteLLM format)")
    imp.add_argument("file", type=Path, help="the catalogue (JSON)")
    imp.add_argument("--dry-run", action="store_true", help="show the diff, change nothing")
    imp.add_argument("--effective-from", type=_aware_time, help="when the new prices apply (default: now)")
    imp.add_argument("--existing-only", action="store_true", help="reprice registered models only; add none")
    return parser


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise SystemExit(f"{PROG}: {path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        return path.read_bytes()
    except OSError as exc:
        raise SystemExit(f"{PROG}: cannot read {path}: {exc.strerror}") from None


async def _import(settings: Settings, args: argparse.Namespace, raw: bytes) -> service.ImportResult:
    try:
        catalogue = parse_catalogue_bytes(raw)
    except CatalogueError as exc:
        fields = "; ".join(f"{f}: {m}" for f, m in exc.errors[:5])
        raise SystemExit(f"{PROG}: {args.file}: {exc.message} ({fields})") from None
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            return await service.import_catalogue_from_cli(
                session,
                catalogue,
                actor_id=f"radiant-cli:{getpass.getuser()}",
                dry_run=args.dry_run,
                effective_from=args.effective_from,
                create_missing=not args.existing_only,
            )
    except ProblemError as exc:
        raise SystemExit(f"{PROG}: {exc.detail or exc.title}") from None
    finally:
        await engine.dispose()


def prices_main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    raw = _read(args.file)
    settings = settings_for_command(Settings, "database_url", prog=PROG)
    result = asyncio.run(_import(settings, args, raw))
    out = import_response(result)
    s = out.summary
    done = "would change" if result.dry_run else "changed"
    print(
        f"{args.file} ({result.format}): {done} {s.created + s.repriced} models "
        f"({s.created} new, {s.repriced} repriced), {s.unchanged} unchanged, {s.skipped} skipped"
        f"{' — dry run, nothing written' if result.dry_run else ''}",
        file=sys.stderr,
    )
    print(out.model_dump_json(indent=2, by_alias=True))
    return 0
