"""Producing `audit.recorded`: who called (from the token and the gateway's headers) and what they did.

Every mutation anywhere publishes one, through the outbox in the mutation's own transaction, so the
audit trail holds exactly the changes that were committed.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event, service_source
from radiant_contracts.events.audit import Actor, AuditRecorded

from .auth import Principal
from .outbox import enqueue_event

ENVIRONMENTS = ("dev", "staging", "prod")
MAX_USER_AGENT = 1024


@dataclass(frozen=True, slots=True)
class Client:
    """Where a request came from: the address the gateway saw first, and the user agent."""

    ip: str | None
    user_agent: str | None


def normalise_ip(value: str | None) -> str | None:
    """An address that does not parse is dropped rather than failing the request or the event."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_from(forwarded_for: str | None, peer: str | None, user_agent: str | None) -> Client:
    # The gateway sets X-Forwarded-For to the client it saw; without it (a direct call) use the peer.
    candidate = (forwarded_for or "").split(",")[0].strip() or peer
    return Client(ip=normalise_ip(candidate), user_agent=(user_agent or None) and user_agent[:MAX_USER_AGENT])


def client_of(request: Request) -> Client:
    return client_from(request.headers.get("x-forwarded-for"), request.client.host if request.client else None,
                       request.headers.get("user-agent"))


def admin_actor(principal: Principal, client: Client) -> Actor:
    return Actor(type="admin", id=principal.subject, name=principal.name or principal.email, ip=client.ip,
                 user_agent=client.user_agent)


async def record_audit(
    session: AsyncSession, *, service: str, tenant_id: str, actor: Actor, action: str, resource_type: str,
    resource_id: str | None = None, outcome: str = "success", details: dict[str, Any] | None = None,
    app_id: str | None = None, environment: str | None = None,
) -> None:
    payload = AuditRecorded(
        actor=actor, action=action, resource_type=resource_type, resource_id=resource_id, outcome=outcome,
        details=details or {}, app_id=app_id, environment=environment if environment in ENVIRONMENTS else None,
    )
    await enqueue_event(session, make_event(payload, tenant_id=tenant_id, source=service_source(service)))
