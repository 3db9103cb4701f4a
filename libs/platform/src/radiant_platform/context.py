"""Who is calling: one `RequestContext` for every endpoint of every service.

The principal comes from the verified token (never from the request body), the client address from
the one trusted-proxy rule (`audit.client_from`), and the trace from the current span. The context
knows how to name its caller in the audit trail (`actor()`) and records audit events for it
(`audit(...)`), so no service models its caller or wraps `record_audit` again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any

from fastapi import Depends, Request
from opentelemetry import trace
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import Actor, ActorRef, ActorType
from radiant_contracts.permissions import PrincipalKind

from .audit import record_audit
from .auth import CurrentPrincipal, Principal
from .clients import Client, client_of
from .errors import ProblemError
from .mfa import mfa_refusal

#: The methods that change nothing: all a read-only (impersonation) session may send.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
READ_ONLY_SESSION_TYPE = "urn:radiant:problem:read-only-session"

#: How the audit trail names each kind of principal.
ACTOR_TYPES: dict[str, ActorType] = {
    PrincipalKind.TENANT: "admin",
    PrincipalKind.OPERATOR: "operator",
    PrincipalKind.SERVICE: "api_key",
}


@dataclass(frozen=True, slots=True)
class RequestContext:
    """An authenticated request: who (principal), from where (client), in which service and trace."""

    principal: Principal
    client: Client
    service: str
    trace_id: str | None = None

    @property
    def tenant_id(self) -> str:
        return self.principal.tenant_id

    @property
    def subject(self) -> str:
        return self.principal.subject

    @property
    def role(self) -> str:
        return self.principal.role

    @property
    def environment(self) -> str:
        return self.principal.environment

    @property
    def display_name(self) -> str | None:
        return self.principal.name or self.principal.email

    def can(self, permission: str) -> bool:
        return self.principal.can(permission)

    def actor(self) -> Actor:
        """The caller as the audit trail names it; an impersonation names the operator behind it."""
        p = self.principal
        impersonator = ActorRef(type="operator", id=p.actor_subject) if p.actor_subject else None
        return Actor(
            type=ACTOR_TYPES.get(p.kind, "admin"),
            id=p.subject,
            name=self.display_name,
            ip=self.client.ip,
            user_agent=self.client.user_agent,
            impersonator=impersonator,
        )

    async def audit(
        self,
        session: AsyncSession,
        action: str,
        resource_type: str,
        resource_id: str | None = None,
        *,
        details: dict[str, Any] | None = None,
        outcome: str = "success",
        tenant_id: str | None = None,
        environment: str | None = None,
        app_id: str | None = None,
    ) -> None:
        """Record `audit.recorded` for this caller in the session's transaction (through the outbox)."""
        await record_audit(
            session,
            service=self.service,
            tenant_id=tenant_id or self.tenant_id,
            actor=self.actor(),
            action=action,
            resource_type=resource_type,
            resource_id=resource_id,
            outcome=outcome,
            details=details,
            app_id=app_id,
            environment=environment or self.environment,
        )


def current_trace_id() -> str | None:
    span_context = trace.get_current_span().get_span_context()
    return format(span_context.trace_id, "032x") if span_context.is_valid else None


def read_only_session() -> ProblemError:
    return ProblemError(
        403,
        "This session is read-only: it may look, not change anything",
        title="Read-only session",
        type_=READ_ONLY_SESSION_TYPE,
    )


def is_read_permission(permission: str) -> bool:
    return permission.endswith(":read")


def context_for(request: Request, principal: Principal) -> RequestContext:
    if principal.read_only and request.method not in SAFE_METHODS:
        raise read_only_session()  # behind the gateway's own refusal: a service called directly holds too
    runtime = request.app.state.runtime
    return RequestContext(
        principal=principal,
        client=client_of(request, runtime.settings.trusted_proxies),
        service=runtime.settings.service_name,
        trace_id=current_trace_id(),
    )


async def request_context(request: Request, principal: CurrentPrincipal) -> RequestContext:
    """A tenant's caller. Operators and service principals reach only routes that ask for a
    permission of theirs (`require("saas:…")`, `require("usage:write")`)."""
    if principal.kind != PrincipalKind.TENANT:
        raise ProblemError(403, "This endpoint is for a tenant's administrators")
    return context_for(request, principal)


async def any_principal_context(request: Request, principal: CurrentPrincipal) -> RequestContext:
    return context_for(request, principal)


async def request_client(request: Request) -> Client:
    """The client of a request that carries no token yet (login, accepting an invitation)."""
    return client_of(request, request.app.state.runtime.settings.trusted_proxies)


#: Endpoint parameter: the authenticated tenant caller, any role.
Ctx = Annotated[RequestContext, Depends(request_context)]
#: Endpoint parameter: any authenticated principal (tenant, operator or service), e.g. for `GET /me`.
AnyCtx = Annotated[RequestContext, Depends(any_principal_context)]
#: Endpoint parameter: where an unauthenticated request came from.
ClientInfo = Annotated[Client, Depends(request_client)]


def require(permission: str, *, fresh_mfa_within: timedelta | None = None) -> Any:
    """Dependency: the caller must hold `permission` — a tenant role's (seed ROLE_PERMISSIONS, with
    wildcards), an operator role's (`saas:…`) or a service key's scope; each kind holds only its own.

    Use as `ctx: Annotated[RequestContext, require("billing:read")]`. A read-only session (an
    operator's impersonation) passes only a `:read` permission, whatever its role holds.

    MFA (`mfa.py`): a `prod` tenant administrator's token must name a second factor for any
    permission; `fresh_mfa_within` (e.g. `mfa.STEP_UP_MAX_AGE`) also wants it proved that recently
    (step-up), as approval decisions do.
    """

    async def _check(ctx: Annotated[RequestContext, Depends(any_principal_context)]) -> RequestContext:
        if ctx.principal.read_only and not is_read_permission(permission):
            raise read_only_session()
        if not ctx.can(permission):
            raise ProblemError(403, f"Permission '{permission}' required", required_permission=permission)
        if (refusal := mfa_refusal(ctx.principal, fresh_within=fresh_mfa_within)) is not None:
            raise refusal
        return ctx

    return Depends(_check)
