"""What the metering service needs beyond the request's session, built once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, cast

from fastapi import Depends

from radiant_platform.app import Runtime, deps_of
from radiant_platform.approval_requests import ApprovalRequests
from radiant_platform.approvals import ApprovalRecords, DecisionRecords
from radiant_platform.gc_tuning import tune_for_batches
from radiant_platform.service_auth import ServiceSigner

from .config import Settings
from .mtd import MonthToDateCounters
from .quotas.identity_client import IdentityQuotas
from .quotas.store import QuotaStore
from .usage_retention.identity_client import IdentityRetention


@dataclass(frozen=True)
class MeteringDeps:
    settings: Settings
    # Month-to-date totals in Redis: the usage consumer copies into them, the reconcile job repairs them.
    mtd: MonthToDateCounters
    #: Reads a decision back from the approval service before an approved change is carried out.
    decisions: DecisionRecords
    #: Token and storage limits in Redis, for the request path's quota check.
    quotas: QuotaStore
    #: Identity's users and agents quotas, for the tenant's view of all four.
    identity: IdentityQuotas
    #: Files operators' registry changes (model activation, provider change) for a second operator.
    approvals: ApprovalRequests
    #: The tenants' shorter raw-usage retention (identity's settings), for the storage job.
    retention: IdentityRetention


def build_deps(rt: Runtime[MeteringDeps]) -> MeteringDeps:
    settings = cast(Settings, rt.settings)
    # The usage consumer runs in this process: what is alive after start-up is moved out of the
    # cyclic collector's sight, and collections get rarer (see `gc_tuning`).
    tune_for_batches()
    assert rt.http is not None  # the runtime builds it before the deps
    return MeteringDeps(
        settings=settings,
        mtd=MonthToDateCounters(rt.redis, settings.mtd_key_ttl_days),
        decisions=ApprovalRecords(rt.http, settings.approval_url, ServiceSigner.from_settings(settings)),
        approvals=ApprovalRequests(rt.http, settings.approval_url, ServiceSigner.from_settings(settings)),
        quotas=QuotaStore(rt.redis),
        identity=IdentityQuotas(rt.http, settings.identity_url, ServiceSigner.from_settings(settings)),
        retention=IdentityRetention(rt.http, settings.identity_url, ServiceSigner.from_settings(settings)),
    )


Deps = Annotated[MeteringDeps, Depends(deps_of)]
