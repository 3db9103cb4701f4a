"""`radiant bootstrap --tenant NAME --email EMAIL --environment dev|staging|prod`
`radiant bootstrap-operator --email EMAIL --name NAME [--role platform_admin|platform_support]`

First start of a platform: `bootstrap` creates a tenant and a one-time invitation for its first
super_admin, through the same service code as the HTTP API (tenant.created and the invitation email
go through the outbox); `bootstrap-operator` creates a one-time invitation for a platform operator
(the first one, or a new one when nobody can sign in any more), emailed and printed, never a
default password. Talks to identity's database directly with identity's settings (IDENTITY_DATABASE_URL), from the
environment or, in a plain shell after `make up`, from the local stack's `.local/stack.env`.
The last line printed is one JSON object: {"tenantId", "invitationId", "token", "acceptUrl"}
(`bootstrap-operator`: {"invitationId", "email", "role", "token", "acceptUrl", "expiresAt"}).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys

from email_validator import EmailNotValidError, validate_email

from radiant_contracts.permissions import PlatformRole
from radiant_platform.cli import registered_commands, run_registered_command, settings_for_command
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_platform.errors import ProblemError

from . import emails, service
from .config import Settings
from .operators import emails as operator_emails
from .operators import service as operator_service


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
        "acceptUrl": emails.accept_url(settings.console_url, token),
    }


async def _bootstrap_operator(settings: Settings, email: str, name: str, role: PlatformRole) -> dict[str, str]:
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            invitation, token = await operator_service.bootstrap_operator(
                session, settings, email=email, name=name, role=role
            )
    finally:
        await engine.dispose()
    return {
        "invitationId": str(invitation.id),
        "email": invitation.email,
        "role": invitation.role,
        "token": token,
        "acceptUrl": operator_emails.accept_url(settings.console_url, token),
        "expiresAt": invitation.expires_at.isoformat(),
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


def _operator_name(value: str) -> str:
    value = value.strip()
    if not 1 <= len(value) <= 101:
        raise argparse.ArgumentTypeError("operator name must be 1-101 characters")
    return value


def main(argv: list[str] | None = None) -> None:
    # Subcommands other services register (`radiant prices …` is metering's) run as they are.
    code = run_registered_command(sys.argv[1:] if argv is None else argv)
    if code is not None:
        sys.exit(code)
    parser = argparse.ArgumentParser(prog="radiant", description="Radiant platform administration")
    commands = parser.add_subparsers(dest="command", required=True)
    boot = commands.add_parser("bootstrap", help="create a tenant and an invitation for its first super_admin")
    boot.add_argument("--tenant", required=True, type=_tenant_name, help="tenant name")
    boot.add_argument("--email", required=True, type=_valid_email, help="email of the first super_admin")
    boot.add_argument("--environment", required=True, choices=["dev", "staging", "prod"])
    ops = commands.add_parser(
        "bootstrap-operator", help="create a one-time invitation for a platform operator (the first one)"
    )
    ops.add_argument("--email", required=True, type=_valid_email, help="the operator's email")
    ops.add_argument("--name", required=True, type=_operator_name, help="the operator's name")
    ops.add_argument(
        "--role",
        choices=[r.value for r in PlatformRole],
        default=PlatformRole.PLATFORM_ADMIN.value,
        help="platform role",
    )
    for name, entry in sorted(registered_commands().items()):
        # Listed for `radiant --help`; run above, before this parser sees them.
        owner = entry.dist.name if entry.dist else entry.module
        commands.add_parser(name, help=f"{owner}'s command: `radiant {name} --help`", add_help=False)
    args = parser.parse_args(argv)
    settings = settings_for_command(Settings, "database_url", prog="radiant")
    if args.command == "bootstrap-operator":
        _run_bootstrap_operator(settings, args.email, args.name, PlatformRole(args.role))
        return

    result = asyncio.run(_bootstrap(settings, args.tenant, args.email, args.environment))
    print(
        f"Tenant {args.tenant!r} created; invitation for {args.email} (super_admin) expires in 48 hours.",
        file=sys.stderr,
    )
    print("Open the accept URL (or POST the token to /api/v2/admin/invitations/accept) to finish.", file=sys.stderr)
    print(json.dumps(result), flush=True)


def _run_bootstrap_operator(settings: Settings, email: str, name: str, role: PlatformRole) -> None:
    try:
        result = asyncio.run(_bootstrap_operator(settings, email, name, role))
    except ProblemError as exc:  # e.g. the address is already an operator
        raise SystemExit(f"radiant: {exc.detail}") from None
    print(
        f"Invitation for {result['email']} ({role.value}) expires at {result['expiresAt']}; emailed.", file=sys.stderr
    )
    print(
        "Open the accept URL (or POST the token and a password to /api/v2/saas/operators/invitations/accept), "
        "enrol the authenticator it shows, then sign in at /api/v2/saas/auth/login.",
        file=sys.stderr,
    )
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
