"""What identity's endpoints, consumers and jobs need, built once per process (`build_deps`).

The infrastructure (database sessions, Redis, the pooled HTTP client) is the platform runtime's;
identity adds its secrets: the token-signing key (also published as the JWKS) and the box that seals
TOTP secrets at rest. A missing or malformed signing key fails start-up: a configuration error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

import httpx
from fastapi import Depends
from redis.asyncio import Redis

from radiant_contracts.envelope import service_source
from radiant_platform.app import Runtime, deps_of
from radiant_platform.approval_requests import ApprovalRequests
from radiant_platform.approvals import ApprovalRecords, DecisionRecords
from radiant_platform.service_auth import ServiceSigner

from .agents.registry import MeteringModelRegistry, ModelRegistry
from .config import Settings
from .dashboard.sources import DashboardSources
from .keys import SigningKey
from .security import SecretBox

SERVICE = "identity"
SOURCE = service_source(SERVICE)


@dataclass(frozen=True)
class IdentityDeps:
    settings: Settings
    signing_key: SigningKey
    secret_box: SecretBox
    redis: Redis
    http: httpx.AsyncClient
    #: Files identity's approval types (role changes, privileged invitations, removals) as identity.
    approvals: ApprovalRequests
    #: Reads a decision back from the approval service before an approved change is carried out.
    decisions: DecisionRecords
    #: Metering's model registry, asked whether an agent's model exists and is active.
    models: ModelRegistry
    #: The owners' parts of the dashboard's home screen (billing, metering, approval), signed as identity.
    dashboard: DashboardSources


def build_deps(rt: Runtime[IdentityDeps]) -> IdentityDeps:
    settings = cast(Settings, rt.settings)
    assert rt.redis is not None and rt.http is not None  # the runtime builds both before the deps
    signer = ServiceSigner.from_settings(settings)  # identity's calls to other services are signed as identity
    return IdentityDeps(
        settings=settings,
        signing_key=SigningKey.load(settings.signing_key_file, environment=settings.environment),
        secret_box=SecretBox(settings.mfa_secret_key, settings.mfa_previous_secret_keys),
        redis=rt.redis,
        http=rt.http,
        approvals=ApprovalRequests(rt.http, settings.approval_url, signer),
        decisions=ApprovalRecords(rt.http, settings.approval_url, signer),
        models=MeteringModelRegistry(rt.http, settings.metering_url, signer),
        dashboard=DashboardSources(
            rt.http,
            signer,
            billing_url=settings.billing_url,
            metering_url=settings.metering_url,
            approval_url=settings.approval_url,
        ),
    )


#: Endpoint parameter: identity's dependencies.
Deps = Annotated[IdentityDeps, Depends(deps_of)]
