"""Pure rules of the two-person approval workflow (no I/O; unit tested)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from radiant_contracts.approvals import APPROVAL_PAYLOADS, EXTERNALLY_OWNED_TYPES, OPERATOR_APPROVAL_TYPES
from radiant_contracts.permissions import PrincipalKind

# Types whose change no platform service applies: the decision is for an external deployer.
EXTERNALLY_EXECUTED_TYPES = EXTERNALLY_OWNED_TYPES

# Who files and answers `approval.executed` for each type (DESIGN.md §3 flow 2), shown while waiting.
EXECUTING_SERVICE: dict[str, str] = {
    approval_type: model.owning_service
    for approval_type, model in APPROVAL_PAYLOADS.items()
    if model.owning_service is not None
}
#: The services that file approvals over the internal route.
FILING_SERVICES = frozenset(EXECUTING_SERVICE.values())


#: Who decides a request, by the kind of principal that filed it: a tenant's approvers, or operators
#: allowed to change the platform (`platform_support` reads, never decides).
APPROVE_PERMISSIONS: dict[str, str] = {PrincipalKind.TENANT: "approvals:*", PrincipalKind.OPERATOR: "saas:write"}


def filing_refusal(approval_type: str, caller: str, *, by_operator: bool = False) -> str | None:
    """Why service `caller` may not file an approval of this type (None: it may): a type is filed by
    the service that owns it, and only by it; external deployers' types go through the public API.
    The registry's changes and tenant deletions are operators' approvals, the others tenants'."""
    owner = EXECUTING_SERVICE.get(approval_type)
    if owner is None:
        return f"{approval_type} approvals are filed by external deployers through the public API"
    if owner != caller:
        return f"{approval_type} approvals are filed by {owner} alone"
    if by_operator != (approval_type in OPERATOR_APPROVAL_TYPES):
        whose = "platform operators'" if approval_type in OPERATOR_APPROVAL_TYPES else "a tenant's administrators'"
        return f"{approval_type} approvals are {whose} alone"
    return None


def approve_permission(kind: str) -> str:
    """The permission that decides requests filed by this kind of principal (none for others)."""
    return APPROVE_PERMISSIONS.get(kind, "approvals:*")


def concerned_tenant(tenant_id: str, resource_type: str, resource_id: str, platform_tenant: str) -> str | None:
    """The tenant an operator's request is about (a tenant deletion), whose own log records it too."""
    if tenant_id == platform_tenant and resource_type == "tenant" and resource_id != platform_tenant:
        return resource_id
    return None


def required_approvals(approval_type: str, environment: str, configured: Mapping[str, int], default: int) -> int:
    """Distinct approvers needed: the most specific of `type:env`, `type:*`, `*:env`, `*:*`."""
    for key in (f"{approval_type}:{environment}", f"{approval_type}:*", f"*:{environment}", "*:*"):
        if key in configured:
            return max(1, int(configured[key]))
    return max(1, default)


def requires_two_person(
    environment: str, two_person_environments: Iterable[str], required: int, *, by_operator: bool = False
) -> bool:
    """The requester may not decide their own request in a two-person environment, nor whenever
    several approvers are required: otherwise the requester would count as one of them. An
    operator's request always needs a second operator, whatever its environment."""
    return by_operator or environment in set(two_person_environments) or required > 1


def initial_execution_status(approval_type: str) -> str:
    """State of carrying out an approved request, right after approval."""
    return "external" if approval_type in EXTERNALLY_EXECUTED_TYPES else "pending"


def can_decide(
    *,
    status: str,
    expired: bool,
    has_approve_permission: bool,
    is_requester: bool,
    two_person: bool,
    already_reviewed: bool,
) -> bool:
    """Whether a caller may approve or reject the request now (the list's `canApprove`)."""
    if status != "pending" or expired or not has_approve_permission or already_reviewed:
        return False
    return not (two_person and is_requester)
