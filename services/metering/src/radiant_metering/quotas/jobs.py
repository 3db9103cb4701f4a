"""Quota jobs: Redis's copy of the limits repaired from the database."""

from __future__ import annotations

from radiant_platform.app import Runtime
from radiant_platform.db import unit_of_work

from ..deps import MeteringDeps
from . import service


async def reconcile_quota_limits(rt: Runtime[MeteringDeps]) -> None:
    async with unit_of_work(rt.session_factory()) as session:
        await service.reconcile_limits(session, rt.deps.quotas)
