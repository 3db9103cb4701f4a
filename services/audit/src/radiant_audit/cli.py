"""`python -m radiant_audit verify --tenant ID`: check a tenant's chain from the command line."""

from __future__ import annotations

import argparse
import asyncio
import sys

from radiant_platform.cli import settings_for_command
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work

from . import service
from .config import Settings
from .keys import load_checkpoint_key
from .schemas import VerificationOut


async def verify_tenant(settings: Settings, tenant_id: str) -> VerificationOut:
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            return await service.verify_chain(session, tenant_id, load_checkpoint_key(settings))
    finally:
        await engine.dispose()


def verify_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m radiant_audit verify", description="Verify a tenant's audit hash chain and signed checkpoints."
    )
    parser.add_argument("--tenant", required=True, help="tenant id")
    args = parser.parse_args(argv)
    settings = settings_for_command(Settings, "database_url", prog="python -m radiant_audit verify")
    result = asyncio.run(verify_tenant(settings, args.tenant))
    print(result.model_dump_json(indent=2, by_alias=True))  # the API's camelCase
    if result.first_broken_link:
        link = result.first_broken_link
        print(
            f"BROKEN at entry {link.seq}{f' (event {link.event_id})' if link.event_id else ''}: {link.reason}",
            file=sys.stderr,
        )
    return 0 if result.valid else 1
