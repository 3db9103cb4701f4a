"""The digest job: one round per `IDENTITY_DIGEST_POLL_SECONDS`, its own transaction."""

from __future__ import annotations

from datetime import UTC, datetime

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work
from radiant_platform.jobs import PeriodicJob

from ..config import Settings
from ..deps import IdentityDeps
from . import service


async def send_digests(rt: Runtime[IdentityDeps]) -> bool:
    """True (run again at once) while rounds come back full."""
    async with unit_of_work(rt.session_factory()) as session:
        looked_at = await service.send_due_digests(session, rt.deps.settings, datetime.now(UTC))
    return looked_at >= service.RECIPIENTS_PER_ROUND


def digest_jobs(settings: Settings) -> list[PeriodicJob[IdentityDeps]]:
    return [PeriodicJob("identity-digests", settings.digest_poll_seconds, send_digests)]
