"""Producing `audit.recorded`: who called (from the token and the gateway's headers) and what they did.

Every mutation anywhere publishes one, through the outbox in the mutation's own transaction, so the
audit trail holds exactly the changes that were committed.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts import make_event, service_source
from radiant_contracts.events.audit import Actor, AuditRecorded

from .auth import Principal
from .clients import INTERNAL_NETWORKS, Client, client_from, client_of, is_trusted_proxy, normalise_ip
from .outbox import enqueue_event

__all__ = [
    "INTERNAL_NETWORKS",
    "Client",
    "admin_actor",
    "client_from",
    "client_of",
    "is_trusted_proxy",
    "normalise_ip",
    "record_audit",
]

ENVIRONMENTS = ("dev", "staging", "prod")


def admin_actor(principal: Principal, client: Client) -> Actor:
    return Actor(
        type="admin",
        id=principal.subject,
        name=principal.name or principal.email,
        ip=client.ip,
        user_agent=client.user_agent,
    )


async def record_audit(
    session: AsyncSession,
    *,
    service: str,
    tenant_id: str,
    actor: Actor,
    action: str,
    resource_type: str,
    resource_id: str | None = None,
    outcome: str = "success",
    details: dict[str, Any] | None = None,
    app_id: str | None = None,
    environment: str | None = None,
) -> None:
    payload = AuditRecorded(
        actor=actor,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        outcome=outcome,
        details=details or {},
        app_id=app_id,
        environment=environment if environment in ENVIRONMENTS else None,
    )
    await enqueue_event(session, make_event(payload, tenant_id=tenant_id, source=service_source(service)))
