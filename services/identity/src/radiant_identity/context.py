"""Who is calling and from where, and the process-wide pieces the service layer needs."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.audit import Actor, AuditRecorded
from radiant_platform.auth import Principal
from radiant_platform.errors import ProblemError
from radiant_platform.outbox import enqueue_event

from .config import Settings
from .keys import SigningKey
from .security import SecretBox

SOURCE = service_source("identity")
ENVIRONMENTS = ("dev", "staging", "prod")


@dataclass(frozen=True)
class Client:
    """Where a request came from: the gateway puts the caller's address in X-Forwarded-For."""

    ip: str | None
    user_agent: str | None


def parse_client(forwarded_for: str | None, peer: str | None, user_agent: str | None) -> Client:
    candidate = (forwarded_for or "").split(",")[0].strip() or peer
    try:
        ip = str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        ip = None
    return Client(ip=ip, user_agent=(user_agent or None) and user_agent[:1024])


@dataclass(frozen=True)
class Caller:
    """An authenticated administrator making a request."""

    principal: Principal
    client: Client

    @property
    def tenant_id(self) -> str:
        return self.principal.tenant_id

    @property
    def role(self) -> str:
        return self.principal.role

    @property
    def environment(self) -> str:
        return self.principal.environment

    def actor(self) -> Actor:
        return Actor(type="admin", id=self.principal.subject, name=self.principal.name or self.principal.email,
                     ip=self.client.ip, user_agent=self.client.user_agent)


@dataclass
class Identity:
    """Process-wide dependencies of the service layer (built in the app's startup)."""

    settings: Settings
    signing_key: SigningKey
    secret_box: SecretBox
    sessionmaker: async_sessionmaker[AsyncSession] | None = None
    redis: Redis | None = None
    http: Any = None


class FailAfterCommit(Exception):
    """A refusal whose side effects (audit, revocations, expiry) must still be committed.

    The edge rolls back on exceptions, so endpoints catch this and *return* the problem instead.
    """

    def __init__(self, problem: ProblemError) -> None:
        super().__init__(problem.detail)
        self.problem = problem


async def record_audit(session: AsyncSession, *, tenant_id: str, actor: Actor, action: str, resource_type: str,
                       resource_id: str | None, environment: str | None, details: dict[str, Any] | None = None,
                       outcome: str = "success", app_id: str | None = None) -> None:
    payload = AuditRecorded(
        actor=actor, action=action, resource_type=resource_type, resource_id=resource_id, outcome=outcome,
        details=details or {}, app_id=app_id, environment=environment if environment in ENVIRONMENTS else None,
    )
    await enqueue_event(session, make_event(payload, tenant_id=tenant_id, source=SOURCE))
