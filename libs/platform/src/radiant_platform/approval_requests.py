"""Filing an approval: the one way an owning service asks for a two-person decision on a change.

Only the service that owns a change type may file approvals of that type (DESIGN.md §3 flow 2, §5;
`radiant_contracts.approvals.owning_service`): identity files `user_role_change`, `admin_invitation`
and `admin_status_change`, billing `billing_change`, metering its registry changes. It files them
over the approval service's internal route, `POST /internal/v1/approvals`, authenticated as itself
(`service_auth`), on behalf of the administrator whose request it checked: that administrator's
tenant, environment, identity and client address travel in the body (`ApprovalFiling`), taken from
their verified token — never from what they sent. The public `POST /admin/approvals` takes only
the types no service owns (external deployers').

    filed = await deps.approvals.file(ctx, UserRoleChange(...), action="change_role",
                                      resource_type="administrator", resource_id=str(target.id))
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import httpx
from pydantic import Field, StrictStr

from radiant_contracts.api import InputModel
from radiant_contracts.approvals import ApprovalPayload, ApprovalType, Role
from radiant_contracts.events.approval import Priority
from radiant_contracts.fields import Environment

from .context import RequestContext
from .errors import ProblemError
from .service_auth import ServiceSigner

log = logging.getLogger(__name__)

INTERNAL_APPROVALS_PATH = "/internal/v1/approvals"
#: An approval's `action` as a person reads it (e-mail subjects, notifications): a plain label.
ACTION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _.:/-]*$"

Label = Annotated[StrictStr, Field(min_length=1, max_length=255, pattern=r"^[^\x00-\x1F\x7F-\x9F\u2028\u2029]+$")]


#: A platform operator's role (the values of `permissions.PlatformRole`).
OperatorRole = Literal["platform_admin", "platform_support"]


class Requester(InputModel):
    """The administrator (or platform operator) who asked for the change, from their verified token."""

    id: Label
    role: Role | OperatorRole
    #: `operator`: a platform operator, whose approvals live in the platform's stream (tenant `platform`).
    kind: Literal["tenant", "operator"] = "tenant"
    name: Label | None = None
    email: Label | None = None


class RequesterClient(InputModel):
    """Where the administrator's request came from (the owning service's trusted-proxy rule)."""

    ip: Annotated[StrictStr, Field(max_length=45)] | None = None
    user_agent: Annotated[StrictStr, Field(max_length=1024)] | None = None


class ApprovalFiling(InputModel):
    """The body of `POST /internal/v1/approvals`: a change and whose request it is."""

    tenant_id: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    environment: Environment
    requested_by: Requester
    client: RequesterClient = RequesterClient()
    type: ApprovalType
    action: Annotated[StrictStr, Field(min_length=1, max_length=100, pattern=ACTION_PATTERN)]
    resource_type: Annotated[StrictStr, Field(min_length=1, max_length=100)]
    resource_id: Annotated[StrictStr, Field(min_length=1, max_length=255)]
    # The change itself: checked against the type's payload (radiant_contracts.approvals).
    details: dict[str, Any]
    priority: Priority = "medium"
    notes: Annotated[StrictStr, Field(max_length=1000)] | None = None
    expires_in_hours: Annotated[int, Field(ge=1, le=168)] = 24


@dataclass(frozen=True, slots=True)
class FiledApproval:
    id: str
    status: str
    type: str


def filing_for(
    ctx: RequestContext,
    change: ApprovalPayload,
    *,
    action: str,
    resource_type: str,
    resource_id: str,
    priority: Priority = "high",
    notes: str | None = None,
    expires_in_hours: int = 24,
    environment: str | None = None,
) -> ApprovalFiling:
    """The filing of `change` on behalf of the caller of `ctx` (their tenant, environment, identity).
    `environment`: the environment the change is about, for an operator's filing (operators' tokens
    name none: a tenant deletion is about the tenant's, a registry change about production's)."""
    principal = ctx.principal
    kind = "operator" if principal.is_operator else "tenant"
    return ApprovalFiling(
        tenant_id=principal.tenant_id,
        environment=environment or principal.environment,  # refused by the model unless dev/staging/prod
        requested_by=Requester(
            id=principal.subject, role=principal.role, kind=kind, name=principal.name, email=principal.email
        ),
        client=RequesterClient(ip=ctx.client.ip, user_agent=ctx.client.user_agent),
        type=change.approval_type,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        details=change.model_dump(mode="json"),
        priority=priority,
        notes=notes,
        expires_in_hours=expires_in_hours,
    )


class ApprovalRequests:
    """The approval service's internal API, as the owning service calls it."""

    def __init__(self, http: httpx.AsyncClient, base_url: str, signer: ServiceSigner) -> None:
        self._http = http
        self._base = base_url.rstrip("/")
        self._signer = signer

    async def file(
        self,
        ctx: RequestContext,
        change: ApprovalPayload,
        *,
        action: str,
        resource_type: str,
        resource_id: str,
        priority: Priority = "high",
        notes: str | None = None,
        expires_in_hours: int = 24,
        environment: str | None = None,
    ) -> FiledApproval:
        """File `change` for the caller of `ctx`; the approval's id and status. Refusals and outages
        are answered as problems the caller's client can act on (503 to retry, 4xx otherwise).
        `environment`: see `filing_for` (operators' filings)."""
        if change.owning_service != self._signer.service:
            raise ValueError(f"{self._signer.service} does not own {change.approval_type} approvals")
        filing = filing_for(
            ctx,
            change,
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            priority=priority,
            notes=notes,
            expires_in_hours=expires_in_hours,
            environment=environment,
        )
        return await self.submit(filing)

    async def submit(self, filing: ApprovalFiling) -> FiledApproval:
        try:
            response = await self._http.post(
                f"{self._base}{INTERNAL_APPROVALS_PATH}",
                json=filing.model_dump(mode="json", by_alias=True),
                auth=self._signer.auth("approval"),
            )
        except httpx.HTTPError as exc:
            log.warning("approval service unreachable: %s", exc)
            raise ProblemError(
                503, "The approval service is unavailable; try again shortly", headers={"Retry-After": "5"}
            ) from None
        if response.status_code != 201:
            raise _refusal(filing, response)
        approval = response.json()["approval"]
        return FiledApproval(id=str(approval["id"]), status=str(approval["status"]), type=str(approval["type"]))


def _refusal(filing: ApprovalFiling, response: httpx.Response) -> ProblemError:
    """What the caller's client is told when the approval service did not file the request."""
    log.warning("approval service refused a %s filing: %s %s", filing.type, response.status_code, response.text[:500])
    if response.status_code in (401, 403):
        # This service's own credentials or ownership were refused: a deployment error, not the client's.
        return ProblemError(502, "The approval service refused this service's request")
    if response.status_code == 503:
        return ProblemError(503, "The approval service is unavailable; try again shortly", headers={"Retry-After": "5"})
    if response.status_code in (409, 422):
        body = _json(response)
        errors = body.get("errors") if isinstance(body.get("errors"), list) else None
        extra = {"errors": errors} if errors else {}
        return ProblemError(
            response.status_code, f"The approval request was refused: {body.get('detail', '')}", **extra
        )
    return ProblemError(502, "The approval service could not take the request", upstream_status=response.status_code)


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
