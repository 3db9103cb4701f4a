"""Carrying out an approved change: the one way a service answers `approval.approved`.

The owning service first confirms the decision with the approval service's own record
(`GET /internal/v1/approvals/{id}`, signed as the service, `service_auth`): an event on Kafka is
not proof that two people approved anything, since whoever can write `approval-decisions` could
have written it. Only a record that exists for this tenant, is `approved`, and says the same type,
action, resource, requester, environment and details is carried out; anything else is answered
`approval.execution_failed` and nothing is applied. Then the service parses the approval's typed
payload (one model per approval type, in `radiant_contracts.approvals`), applies it inside a
savepoint so a failure leaves nothing half applied, and answers on `approval-decisions` with
`approval.executed` (and what changed) or `approval.execution_failed` (and why) — in the same
transaction as the change, through the outbox.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol, TypeVar
from urllib.parse import quote

import httpx
from pydantic import AwareDatetime, BaseModel, StrictStr, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event, service_source
from radiant_contracts.api import ApiModel
from radiant_contracts.approvals import parse_approval_details
from radiant_contracts.events.approval import ApprovalApproved, ApprovalExecuted, ApprovalExecutionFailed

from .errors import ProblemError, ServiceUnavailable
from .outbox import enqueue_event

log = logging.getLogger(__name__)

P = TypeVar("P", bound=BaseModel)
MAX_REASON = 1000

#: Applies one approved change and returns what changed (the `result` of `approval.executed`).
ApplyApproved = Callable[[AsyncSession, ApprovalApproved, Any], Awaitable[dict[str, Any]]]


# --- the approval service's record of a decision ---------------------------------------------------

#: The approval service's internal route for one request (`tenantId` query parameter).
INTERNAL_RECORD_PATH = "/internal/v1/approvals/{approval_id}"
#: The services that carry approved changes out, and so may read decisions back.
EXECUTORS = ("identity", "billing", "metering")


class ApprovalRecord(ApiModel):
    """What the approval service holds for one request: the body of `GET /internal/v1/approvals/{id}`."""

    id: StrictStr
    tenant_id: StrictStr
    type: StrictStr
    status: StrictStr
    action: StrictStr
    resource_type: StrictStr
    resource_id: StrictStr | None = None
    details: dict[str, Any]
    requested_by: StrictStr
    environment: StrictStr
    decided_by: StrictStr | None = None
    decided_at: AwareDatetime | None = None


class DecisionRecords(Protocol):
    """Where an executor reads a decision back: None when the tenant has no such request."""

    async def record(self, tenant_id: str, approval_id: str) -> ApprovalRecord | None: ...


class ApprovalServiceUnavailable(ServiceUnavailable):
    """The approval service could not answer (down, or refusing this service's credentials). A
    `ConnectionError`, so the consumer rewinds and retries the batch: the decision is neither lost
    nor answered until it can be confirmed."""


class RequestSigner(Protocol):
    """Signs a service's internal calls (`service_auth.ServiceSigner`)."""

    def auth(self, audience: str) -> httpx.Auth: ...


class ApprovalRecords:
    """`DecisionRecords` over the approval service's internal API, signed as the calling service."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: RequestSigner) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._signer = signer

    async def record(self, tenant_id: str, approval_id: str) -> ApprovalRecord | None:
        path = INTERNAL_RECORD_PATH.format(approval_id=quote(approval_id, safe=""))
        try:
            response = await self._http.get(
                f"{self._base}{path}", params={"tenantId": tenant_id}, auth=self._signer.auth("approval")
            )
        except httpx.HTTPError as exc:
            raise ApprovalServiceUnavailable(f"approval service unreachable: {type(exc).__name__}") from None
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise ApprovalServiceUnavailable(f"approval service answered {response.status_code}: {response.text[:200]}")
        return ApprovalRecord.model_validate(response.json())


def _same_details(approval_type: str, ours: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """The same change, compared as the type's payload (so `null` and an absent optional field are
    equal), or exactly when either side is not a valid payload."""
    try:
        return parse_approval_details(approval_type, ours) == parse_approval_details(approval_type, theirs)
    except ValidationError:
        return ours == theirs


def decision_mismatch(approved: ApprovalApproved, tenant_id: str, record: ApprovalRecord | None) -> str | None:
    """Why `approved` is not what the approval service decided, or None when it is."""
    if record is None:
        return f"approval {approved.approval_id} is not a request of this tenant in the approval service"
    if record.tenant_id != tenant_id:
        return f"approval {approved.approval_id} belongs to another tenant"
    if record.status != "approved":
        return f"the approval service's record of {approved.approval_id} is {record.status}, not approved"
    claimed = {
        "type": approved.approval_type,
        "action": approved.action,
        "resource_type": approved.resource_type,
        "resource_id": approved.resource_id,
        "requested_by": approved.requested_by,
        "environment": approved.environment,
    }
    differs = [name for name, value in claimed.items() if getattr(record, name) != value]
    if not _same_details(record.type, approved.details, record.details):
        differs.append("details")
    if differs:
        return f"the decision differs from the approval service's record ({', '.join(differs)})"
    return None


class CannotExecute(Exception):
    """The approved change cannot be applied (its target is gone, a rule no longer holds)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def failure_reason(exc: Exception) -> str:
    """A reason an approver can read, from whatever refused the change."""
    if isinstance(exc, ProblemError):
        errors = exc.extensions.get("errors") or []
        fields = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return (f"{exc.detail}: {fields}" if fields else str(exc.detail or exc.title))[:MAX_REASON]
    if isinstance(exc, ValidationError):
        fields = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False))
        return f"invalid details: {fields}"[:MAX_REASON]
    return str(exc)[:MAX_REASON]


async def answer_approval(
    session: AsyncSession,
    *,
    service: str,
    tenant_id: str,
    approved: ApprovalApproved,
    result: dict[str, Any] | None = None,
    failure: str | None = None,
) -> None:
    """Publish `approval.executed` (no failure) or `approval.execution_failed` (with the reason)."""
    payload: ApprovalExecuted | ApprovalExecutionFailed
    if failure is None:
        payload = ApprovalExecuted(
            approval_id=approved.approval_id,
            approval_type=approved.approval_type,
            executed_by_service=service,
            result=result or {},
        )
    else:
        payload = ApprovalExecutionFailed(
            approval_id=approved.approval_id,
            approval_type=approved.approval_type,
            executed_by_service=service,
            reason=failure[:MAX_REASON],
        )
    await enqueue_event(session, make_event(payload, tenant_id=tenant_id, source=service_source(service)))


async def execute_approval(
    session: AsyncSession,
    *,
    service: str,
    tenant_id: str,
    approved: ApprovalApproved,
    apply: ApplyApproved,
    records: DecisionRecords,
) -> str | None:
    """Confirm the decision with the approval service (`records`), parse its typed details, apply
    them, answer. Returns the failure reason, or None.

    A decision the approval service does not hold as approved, or holds differently, is refused
    before anything is parsed or applied. `apply(session, approved, details)` raises `CannotExecute`,
    a `ProblemError` or a pydantic `ValidationError` to refuse; anything else is a bug or an outage
    and propagates (the consumer retries the batch or dead-letters the event), so no answer is sent
    for it — an unreachable approval service included (`ApprovalServiceUnavailable`).
    """
    mismatch = decision_mismatch(approved, tenant_id, await records.record(tenant_id, approved.approval_id))
    if mismatch is not None:
        log.warning("approval %s (%s) refused unconfirmed: %s", approved.approval_id, approved.approval_type, mismatch)
        await answer_approval(session, service=service, tenant_id=tenant_id, approved=approved, failure=mismatch)
        return mismatch
    try:
        details = parse_approval_details(approved.approval_type, approved.details)
        async with session.begin_nested():
            result = await apply(session, approved, details)
    except (CannotExecute, ProblemError, ValidationError) as exc:
        reason = failure_reason(exc)
        log.warning("approval %s (%s) not applied: %s", approved.approval_id, approved.approval_type, reason)
        await answer_approval(session, service=service, tenant_id=tenant_id, approved=approved, failure=reason)
        return reason
    await answer_approval(session, service=service, tenant_id=tenant_id, approved=approved, result=result)
    return None
