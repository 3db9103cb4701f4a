"""What the metering service needs beyond the request's session, built once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends

from radiant_platform.app import Runtime, deps_of
from radiant_platform.gc_tuning import tune_for_batches

from .config import Settings
from .mtd import MonthToDateCounters


@dataclass(frozen=True)
class MeteringDeps:
    settings: Settings
    # Month-to-date totals in Redis: the usage consumer copies into them, the reconcile job repairs them.
    mtd: MonthToDateCounters


def build_deps(rt: Runtime[MeteringDeps]) -> MeteringDeps:
    settings = cast(Settings, rt.settings)
    # The usage consumer runs in this process: what is alive after start-up is moved out of the
    # cyclic collector's sight, and collections get rarer (see `gc_tuning`).
    tune_for_batches()
    return MeteringDeps(settings=settings, mtd=MonthToDateCounters(rt.redis, settings.mtd_key_ttl_days))


Deps = Annotated[MeteringDeps, Depends(deps_of)]
