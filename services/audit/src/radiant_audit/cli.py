"""`python -m radiant_audit verify --tenant ID [--against-checkpoints FILE] [--public-key PEM]`.

Checks a tenant's chain from the command line: the whole log, its head and its signed checkpoints,
and, with `--against-checkpoints`, the checkpoints a SIEM received (a syslog receiver's file, a
Splunk export of HEC events, CEF or JSON lines: whatever the sinks wrote). Those copies are outside
the database, so a history rewritten there, checkpoints included, no longer matches them. With
`--public-key` (the PEM of `GET /api/v2/admin/audit/public-key`, kept by the auditor) the signatures
are checked without the service's signing key.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from radiant_platform.cli import settings_for_command
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work

from . import service
from .chain import SignedCheckpoint
from .config import Settings
from .keys import CheckpointVerifier, load_checkpoint_key
from .schemas import VerificationOut
from .siem.formats import parse_exported_checkpoints

PROG = "python -m radiant_audit verify"


async def verify_tenant(
    settings: Settings,
    tenant_id: str,
    verifier: CheckpointVerifier,
    exported: Sequence[SignedCheckpoint] | None = None,
) -> VerificationOut:
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            return await service.verify_chain(session, tenant_id, verifier, exported=exported)
    finally:
        await engine.dispose()


def read_exported_checkpoints(path: Path) -> list[SignedCheckpoint]:
    with path.open(encoding="utf-8", errors="replace") as lines:  # a SIEM file may hold anything
        return parse_exported_checkpoints(lines)


def verify_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog=PROG, description="Verify a tenant's audit hash chain, its head and its signed checkpoints."
    )
    parser.add_argument("--tenant", required=True, help="tenant id")
    parser.add_argument(
        "--against-checkpoints",
        type=Path,
        metavar="FILE",
        help="also verify against the signed checkpoints a SIEM received (syslog, CEF, JSON or HEC lines)",
    )
    parser.add_argument(
        "--public-key",
        type=Path,
        metavar="PEM",
        help="the checkpoint public key (PEM) to check signatures with, instead of the service's key file",
    )
    args = parser.parse_args(argv)
    settings = settings_for_command(Settings, "database_url", prog=PROG)
    verifier = (
        CheckpointVerifier.from_pem(args.public_key.read_bytes())
        if args.public_key
        else load_checkpoint_key(settings).verifier
    )
    exported = None
    if args.against_checkpoints:
        exported = [c for c in read_exported_checkpoints(args.against_checkpoints) if c.tenant_id == args.tenant]
        if not exported:  # verifying against nothing would look like a pass
            print(f"{PROG}: {args.against_checkpoints} holds no checkpoint of tenant {args.tenant}", file=sys.stderr)
            return 2
    result = asyncio.run(verify_tenant(settings, args.tenant, verifier, exported))
    print(result.model_dump_json(indent=2, by_alias=True))  # the API's camelCase
    for problem in result.problems:
        print(f"PROBLEM {problem.kind} at entry {problem.seq}: {problem.reason}", file=sys.stderr)
    if result.first_broken_link:
        link = result.first_broken_link
        print(
            f"BROKEN at entry {link.seq}{f' (event {link.event_id})' if link.event_id else ''}: {link.reason}",
            file=sys.stderr,
        )
    return 0 if result.valid else 1
