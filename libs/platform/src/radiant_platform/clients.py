"""Where a request came from: the one trusted-proxy rule, for every service and the gateway."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from starlette.requests import Request

MAX_USER_AGENT = 1024
# A service's default trusted proxies: its callers inside the deployment (the gateway on the same
# host, or in the cluster's private network). The gateway, which faces clients, trusts none by default.
INTERNAL_NETWORKS = ("127.0.0.0/8", "::1/128", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class Client:
    """Where a request came from (by the trusted-proxy rule), and its user agent."""

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


def client_from(
    forwarded_for: str | None,
    peer: str | None,
    user_agent: str | None,
    trusted_proxies: Iterable[str] = INTERNAL_NETWORKS,
) -> Client:
    """The one trusted-proxy rule: the client is the rightmost address of the chain (the
    X-Forwarded-For hops, then the direct peer) that is not a trusted proxy. Each proxy appends the
    address it saw, so everything left of the first untrusted hop was written by the client itself
    and is never believed; a peer that is not a trusted proxy is the client, whatever it sends."""
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    chain = [*hops, peer] if peer else hops
    candidate: str | None = chain[0] if chain else None
    if peer is not None and not is_trusted_proxy(peer, trusted_proxies):
        candidate = peer
    else:
        for hop in reversed(chain):
            candidate = hop
            if not is_trusted_proxy(hop, trusted_proxies):
                break
    return Client(ip=normalise_ip(candidate), user_agent=(user_agent or None) and user_agent[:MAX_USER_AGENT])


def client_of(request: Request, trusted_proxies: Iterable[str] = INTERNAL_NETWORKS) -> Client:
    return client_from(
        request.headers.get("x-forwarded-for"),
        request.client.host if request.client else None,
        request.headers.get("user-agent"),
        trusted_proxies,
    )
