"""`radiant bootstrap --tenant NAME --email EMAIL --environment dev|staging|prod`

First start of a platform: creates a tenant and a one-time invitation for its first super_admin,
through the same service code as the HTTP API (tenant.created and the invitation email go through
the outbox). Talks to identity's database directly with identity's settings (IDENTITY_DATABASE_URL), from the
environment or, in a plain shell after `make up`, from the local stack's `.local/stack.env`.
The last line printed is one JSON object: {"tenantId", "invitationId", "token", "acceptUrl"}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from email_validator import EmailNotValidError, validate_email

from radiant_platform.cli import settings_for_command
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work

from . import emails, service
from .config import Settings


async def _bootstrap(settings: Settings, tenant: str, email: str, environment: str) -> dict[str, str]:
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            created, invitation, token = await service.bootstrap(
                session, settings, tenant_name=tenant, email=email, environment=environment
            )
    finally:
        await engine.dispose()
    return {
        "tenantId": created.id,
        "invitationId": str(invitation.id),
        "token": token,
        "acceptUrl": emails.accept_url(settings.app_base_url, token),
    }


def _valid_email(value: str) -> str:
    try:
        return validate_email(value, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _tenant_name(value: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= 255:
        raise argparse.ArgumentTypeError("tenant name must be 1-255 characters")
    return value


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="radiant", description="Radiant platform administration")
    commands = parser.add_subparsers(dest="command", required=True)
    boot = commands.add_parser("bootstrap", help="create a tenant and an invitation for its first super_admin")
    boot.add_argument("--tenant", required=True, type=_tenant_name, help="tenant name")
    boot.add_argument("--email", required=True, type=_valid_email, help="email of the first super_admin")
    boot.add_argument("--environment", required=True, choices=["dev", "staging", "prod"])
    args = parser.parse_args(argv)
    settings = settings_for_command(Settings, "database_url", prog="radiant")

    result = asyncio.run(_bootstrap(settings, args.tenant, args.email, args.environment))
    print(
        f"Tenant {args.tenant!r} created; invitation for {args.email} (super_admin) expires in 48 hours.",
        file=sys.stderr,
    )
    print("Open the accept URL (or POST the token to /api/v2/admin/invitations/accept) to finish.", file=sys.stderr)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
