"""Who is calling and from where, and the process-wide pieces the service layer needs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_contracts.envelope import service_source
from radiant_contracts.events.audit import Actor
from radiant_platform import audit as platform_audit
from radiant_platform.audit import Client, client_from
from radiant_platform.auth import Principal
from radiant_platform.errors import ProblemError

from .config import Settings
from .keys import SigningKey
from .security import SecretBox

SOURCE = service_source("identity")


parse_client = client_from  # the platform's one reading of X-Forwarded-For and the user agent


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


def refuse_after_commit(problem: ProblemError) -> ProblemError:
    """Mark a refusal whose side effects (audit, lockout counters, revocations, expiry) the edge must
    still commit before answering with the problem."""
    problem.commit_effects = True
    return problem


async def record_audit(session: AsyncSession, *, tenant_id: str, actor: Actor, action: str, resource_type: str,
                       resource_id: str | None, environment: str | None, details: dict[str, Any] | None = None,
                       outcome: str = "success", app_id: str | None = None) -> None:
    await platform_audit.record_audit(
        session, service="identity", tenant_id=tenant_id, actor=actor, action=action, resource_type=resource_type,
        resource_id=resource_id, outcome=outcome, details=details, app_id=app_id, environment=environment,
    )
