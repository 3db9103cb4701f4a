"""`audit-events`: every mutation anywhere produces one `audit.recorded.v1` (DESIGN.md §2)."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field, IPvAnyAddress, StrictStr

from radiant_contracts.fields import Environment, Id
from radiant_contracts.payload import ContractModel, EventPayload
from radiant_contracts.topics import AUDIT_EVENTS

ActorType = Literal["admin", "user", "system", "service", "api_key", "operator"]
Outcome = Literal["success", "failure", "denied"]

AUDIT_ACTION_PATTERN = r"^[a-z_]+(\.[a-z_]+)+$"
#: `<resource>.<verb>` in lower snake case, e.g. `invitation.create`, `user.role_change`.
AuditAction = Annotated[StrictStr, Field(pattern=AUDIT_ACTION_PATTERN, max_length=100)]

# The known actions, documented in one place. Not a closed enum: a new action that matches the
# pattern is accepted, so a service can add one without a lock-step release of every consumer.
AUDIT_ACTIONS: frozenset[str] = frozenset(
    {
        # seed 004 §4.2
        "user.invite",
        "user.accept",
        "user.remove",
        "user.role_change",
        "agent.create",
        "agent.delete",
        "agent.configure",
        "agent.start",
        "agent.stop",
        "settings.update",
        "billing.upgrade",
        "billing.downgrade",
        # identity: invitations (seed 000's names of user.invite and user.accept), sessions, MFA
        "invitation.create",
        "invitation.accept",
        "invitation.revoke",
        "invitation.resend",
        "auth.login",
        "auth.login_failed",
        "auth.logout",
        "auth.refresh_reuse",
        "auth.password_change",
        "auth.password_reset_request",
        "auth.password_reset",
        "mfa.enroll",
        "mfa.verify",
        # approval
        "approval.create",
        "approval.approve",
        "approval.reject",
        "approval.cancel",
        "approval.expire",
        "approval.execute",
        # billing
        "billing.settings_update",
        "invoice.generate",
        "invoice.send",
        "payment.succeeded",
        "payment.failed",
        # platform operators
        "tenant.create",
        "tenant.update",
        "tenant.suspend",
        "tenant.reactivate",
        "tenant.delete",
        "tenant.delete_requested",
        "tenant.purge",
        "tenant.impersonate",
        # metering
        "model.update",
        "usage.record",
    }
)


#: The two seeds name the same actions differently: seed 004 §4.2 `user.invite`/`user.accept`, seed
#: 000 `invitation.create`/`invitation.accept`. Identity emits seed 004's names; a query for either
#: name finds the event (`action_filter_prefixes`), so a rule written with either seed's names matches.
AUDIT_ACTION_ALIASES: tuple[tuple[str, str], ...] = (
    ("user.invite", "invitation.create"),
    ("user.accept", "invitation.accept"),
)


def action_filter_prefixes(prefix: str) -> tuple[str, ...]:
    """The stored-action prefixes an action filter (a prefix of the action) stands for, aliases included.

    An action is found by `prefix` when it, or its other seed's name, starts with `prefix`. Aliases
    are stems: `user.invite_requested` is `invitation.create_requested` under the other name. For each
    alias pair (ours, theirs) in both directions: a filter that extends `theirs` also finds `ours`
    extended the same way; a filter that `theirs` extends (`invitation.`, `user.`) finds all of `ours`.
    """
    found = [prefix]
    for a, b in AUDIT_ACTION_ALIASES:
        for ours, theirs in ((a, b), (b, a)):
            if prefix.startswith(theirs):
                found.append(ours + prefix[len(theirs) :])
            elif theirs.startswith(prefix):
                found.append(ours)
    # A prefix another one already covers adds nothing (`user.` covers `user.invite`).
    unique = sorted(set(found), key=len)
    return tuple(p for i, p in enumerate(unique) if not any(p.startswith(q) for q in unique[:i]))


class ActorRef(ContractModel):
    """Who is behind an impersonated actor: the operator whose own credentials were used."""

    type: ActorType
    id: Id
    name: StrictStr | None = None


class Actor(ContractModel):
    """Who did it. `ip` and `user_agent` are absent for system and service actors."""

    type: ActorType
    id: Id
    name: StrictStr | None = None
    ip: IPvAnyAddress | None = None
    user_agent: Annotated[StrictStr, Field(max_length=1024)] | None = None
    impersonator: ActorRef | None = None


class AuditRecorded(EventPayload):
    """One audited action. The audit service chains these per tenant; the SIEM gets each one."""

    event_type: ClassVar[str] = "radiant.audit.recorded.v1"
    topic: ClassVar[str] = AUDIT_EVENTS
    subject_field: ClassVar[str | None] = "resource_id"

    actor: Actor
    action: AuditAction
    resource_type: Id
    resource_id: Id | None = None
    outcome: Outcome = "success"
    details: dict[str, Any] = Field(default_factory=dict)
    app_id: Id | None = None
    environment: Environment | None = None
