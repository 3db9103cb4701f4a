"""What billing needs beyond the session: its settings and the boundaries it talks to.

Built once per process in the lifespan (`build_deps`), from the runtime's pooled HTTP client;
endpoints receive it as `Deps`, consumers and jobs as `rt.deps`. Tests build a `BillingDeps` with
stubs for the boundaries (usage, approvals, Stripe).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

import stripe
from fastapi import Depends

from radiant_platform.app import Runtime, deps_of
from radiant_platform.approval_requests import ApprovalRequests
from radiant_platform.approvals import ApprovalRecords, DecisionRecords
from radiant_platform.service_auth import ServiceSigner

from .approval_client import ApprovalClient, ApprovalRequester
from .config import Settings
from .identity_client import AdministratorDirectory, IdentityDirectory
from .metering_client import MeteringClient, UsageSource
from .plans.usage_counts import ServiceUsageCounts, TenantUsageSource
from .providers.lago_gateway import LagoGateway, LagoGatewayProtocol
from .providers.signatures import LagoPublicKey
from .stripe_gateway import StripeGateway, StripeGatewayProtocol, make_stripe_client


@dataclass(frozen=True)
class BillingDeps:
    """The boundaries billing talks to; tests swap in stubs."""

    settings: Settings
    usage: UsageSource
    approvals: ApprovalRequester
    stripe: StripeGatewayProtocol
    #: Who an administrator is now (identity): an approved change is applied only for a requester who
    #: still may make it.
    administrators: AdministratorDirectory
    #: Reads a decision back from the approval service before an approved change is carried out.
    decisions: DecisionRecords
    #: What the tenant uses now (members, agents, tokens, storage): a downgrade must fit it.
    tenant_usage: TenantUsageSource | None = None
    #: Lago (the second provider) and the key its webhooks are signed with; None where unused.
    lago: LagoGatewayProtocol | None = None
    lago_public_key: LagoPublicKey | None = None

    @property
    def lago_gateway(self) -> LagoGatewayProtocol:
        if self.lago is None:
            raise RuntimeError("billing was built without its Lago gateway")
        return self.lago

    @property
    def lago_webhook_key(self) -> LagoPublicKey:
        if self.lago_public_key is None:
            raise RuntimeError("billing was built without Lago's webhook key")
        return self.lago_public_key


def _lago(settings: Settings) -> tuple[LagoGateway, LagoPublicKey]:
    gateway = LagoGateway(settings.lago_api_url, settings.lago_api_key, attempts=settings.lago_call_attempts)
    key = LagoPublicKey(
        gateway.webhook_public_key,
        key_file=settings.lago_webhook_public_key_file,
        ttl_seconds=settings.lago_webhook_public_key_cache_seconds,
    )
    return gateway, key


def lago_deps(settings: Settings) -> BillingDeps:
    """Only what a standalone Lago consumer uses (providers.worker): the settings and Lago."""
    gateway, key = _lago(settings)
    return BillingDeps(
        settings=settings,
        usage=None,  # type: ignore[arg-type]
        approvals=None,  # type: ignore[arg-type]
        stripe=None,  # type: ignore[arg-type]
        administrators=None,  # type: ignore[arg-type]
        decisions=None,  # type: ignore[arg-type]
        lago=gateway,
        lago_public_key=key,
    )


def build_deps(rt: Runtime[BillingDeps]) -> BillingDeps:
    settings = cast(Settings, rt.settings)
    if rt.http is None:
        raise RuntimeError("billing needs the runtime's HTTP client")
    # Stripe's SDK brings its own HTTP client (retries, idempotency headers); closed in close_deps.
    stripe_http = stripe.HTTPXClient(timeout=settings.stripe_timeout_seconds)
    # Every call to another service is signed as billing.
    signer = ServiceSigner.from_settings(settings)
    usage = MeteringClient(rt.http, settings.metering_url, signer)
    lago, lago_key = _lago(settings)
    return BillingDeps(
        settings=settings,
        usage=usage,
        approvals=ApprovalClient(ApprovalRequests(rt.http, settings.approval_url, signer)),
        stripe=StripeGateway(make_stripe_client(settings, stripe_http), stripe_http),
        administrators=IdentityDirectory(rt.http, settings.identity_url, signer),
        decisions=ApprovalRecords(rt.http, settings.approval_url, signer),
        tenant_usage=ServiceUsageCounts(rt.http, settings.identity_url, signer, usage),
        lago=lago,
        lago_public_key=lago_key,
    )


async def close_deps(deps: BillingDeps) -> None:
    await deps.stripe.aclose()


#: Endpoint parameter: billing's dependencies.
Deps = Annotated[BillingDeps, Depends(deps_of)]
