"""Identity's periodic jobs: email delivery and the invitation expiry sweep (platform `PeriodicJob`s).

Each round is its own transaction (the job is the edge that commits); a failing round is logged and
retried by the platform's job loop.
"""

from __future__ import annotations

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from . import auth_service, mailer, service
from .config import Settings
from .deps import IdentityDeps

INVITATION_EXPIRY_SECONDS = 60.0
# Upgrading second factors stored in older forms: at start-up, then now and then (after a key rotation).
FACTORS_AT_REST_SECONDS = 3600.0
FACTORS_AT_REST_BATCH = 200
# While SMTP or the database is down, retry the mailer now and then instead of every poll interval.
MAILER_RETRY_AFTER_ERROR_SECONDS = 5.0


async def send_due_emails(rt: Runtime[IdentityDeps]) -> bool:
    """One batch of due emails; True (run again at once) while batches come back full."""
    sent = await mailer.deliver_due(rt.session_factory(), rt.deps.settings)
    return sent >= mailer.BATCH


async def expire_invitations(rt: Runtime[IdentityDeps]) -> None:
    async with unit_of_work(rt.session_factory()) as session:
        await service.expire_stale_invitations(session)


async def upgrade_factors_at_rest(rt: Runtime[IdentityDeps]) -> bool:
    """One batch; True (run again at once) while rows in older forms keep coming."""
    async with unit_of_work(rt.session_factory()) as session:
        return await auth_service.upgrade_factors_at_rest(session, rt.deps, FACTORS_AT_REST_BATCH) > 0


def identity_jobs(settings: Settings) -> list[PeriodicJob[IdentityDeps]]:
    return [
        PeriodicJob(
            "identity-mailer",
            settings.email_poll_seconds,
            send_due_emails,
            retry_after_error=max(settings.email_poll_seconds, MAILER_RETRY_AFTER_ERROR_SECONDS),
        ),
        PeriodicJob("identity-invitation-expiry", INVITATION_EXPIRY_SECONDS, expire_invitations),
        PeriodicJob("identity-factors-at-rest", FACTORS_AT_REST_SECONDS, upgrade_factors_at_rest),
    ]
