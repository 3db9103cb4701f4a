"""Producing `audit.recorded`: who called (from the token and the gateway's headers) and what they did.

Every mutation anywhere publishes one, through the outbox in the mutation's own transaction, so the
audit trail holds exactly the changes that were committed.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from functools import lru_cache
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
# The default trusted proxies: the gateway on the same host (the local stack).
LOOPBACK = ("127.0.0.0/8", "::1/128")
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


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


@lru_cache(maxsize=32)
def _networks(trusted: tuple[str, ...]) -> tuple[IPNetwork, ...]:
    return tuple(ipaddress.ip_network(t.strip(), strict=False) for t in trusted if t.strip())


def is_trusted_proxy(peer: str | None, trusted: Iterable[str]) -> bool:
    address = normalise_ip(peer)
    if address is None:
        return False
    ip = ipaddress.ip_address(address)
    return any(ip in net for net in _networks(tuple(trusted)))


def client_from(forwarded_for: str | None, peer: str | None, user_agent: str | None,
                trusted_proxies: Iterable[str] = LOOPBACK) -> Client:
    """The one trusted-proxy rule: X-Forwarded-For is believed only when the direct peer is a trusted
    proxy (the gateway, or a load balancer in front of it), and then its first address is the client
    — the gateway replaces the header with the one address it saw. Anyone else's header is ignored,
    so a caller cannot choose the address the audit trail records."""
    candidate = peer
    if forwarded_for and is_trusted_proxy(peer, trusted_proxies):
        candidate = forwarded_for.split(",")[0].strip() or peer
    return Client(ip=normalise_ip(candidate), user_agent=(user_agent or None) and user_agent[:MAX_USER_AGENT])


def client_of(request: Request, trusted_proxies: Iterable[str] = LOOPBACK) -> Client:
    return client_from(request.headers.get("x-forwarded-for"), request.client.host if request.client else None,
                       request.headers.get("user-agent"), trusted_proxies)


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
