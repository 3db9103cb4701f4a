"""Building the boundary clients once per process (lazily, from the runtime's pooled HTTP client)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends

from radiant_platform.app import Runtime, RuntimeDep

from .approval_client import ApprovalClient
from .config import Settings
from .metering_client import MeteringClient
from .service import BillingDeps
from .stripe_gateway import StripeGateway, make_stripe_client

DEPS_KEY = "billing_deps"


def billing_deps(rt: Runtime) -> BillingDeps:
    deps = rt.extras.get(DEPS_KEY)
    if deps is None:
        settings = rt.settings
        assert isinstance(settings, Settings) and rt.http is not None
        deps = BillingDeps(
            settings=settings,
            usage=MeteringClient(rt.http, settings.metering_url, settings.metering_internal_token),
            approvals=ApprovalClient(rt.http, settings.approval_url),
            stripe=StripeGateway(make_stripe_client(settings)),
        )
        rt.extras[DEPS_KEY] = deps
    return deps


def _deps(rt: RuntimeDep) -> BillingDeps:
    return billing_deps(rt)


Deps = Annotated[BillingDeps, Depends(_deps)]
