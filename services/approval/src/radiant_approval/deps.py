"""What the approval service needs beyond the request's session, built once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends

from radiant_platform.app import Runtime, deps_of

from .config import Settings


@dataclass(frozen=True)
class ApprovalDeps:
    # The approval rules (two-person environments, approvers per type) and the expiry sweep's pace.
    settings: Settings


def build_deps(rt: Runtime[ApprovalDeps]) -> ApprovalDeps:
    return ApprovalDeps(settings=cast(Settings, rt.settings))


Deps = Annotated[ApprovalDeps, Depends(deps_of)]
