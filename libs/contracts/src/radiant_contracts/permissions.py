"""The permission model, defined once: kinds of principal, roles, their rank and their permissions.

`admin:*` grants every `admin:<verb>`; a route that requires `admin:*` is granted only by a
wildcard (or `*`) — exactly the seed's semantics for e.g. DELETE /admin/users/:id.

Three kinds of principal (DESIGN.md, "Users"), each with its own token audience, never interchangeable:
tenant administrators (the seed's four roles), platform operators (`saas:` permissions, which no
tenant role holds) and service principals of the AI request path (producer scopes only).
"""

from __future__ import annotations

from enum import StrEnum


class PrincipalKind(StrEnum):
    TENANT = "tenant"  # a tenant's administrators and members
    OPERATOR = "operator"  # the SaaS owner's staff
    SERVICE = "service"  # a producer on the AI request path (a tenant's service key)


#: The namespace of the permissions only platform operators hold.
PLATFORM_PERMISSION_PREFIX = "saas:"
#: What a service principal may be granted: producing usage, asking for quota.
SERVICE_SCOPES = ("usage:write", "quota:read")


class PlatformRole(StrEnum):
    PLATFORM_ADMIN = "platform_admin"
    PLATFORM_SUPPORT = "platform_support"


PLATFORM_ROLE_PERMISSIONS: dict[PlatformRole, tuple[str, ...]] = {
    PlatformRole.PLATFORM_ADMIN: ("saas:*",),
    # Read-mostly: sees every tenant and may impersonate (read-only) to help one; changes nothing.
    PlatformRole.PLATFORM_SUPPORT: ("saas:read", "saas:impersonate"),
}


class AdminRole(StrEnum):
    SUPER_ADMIN = "super_admin"
    ADMIN = "admin"
    OPERATOR = "operator"
    AUDITOR = "auditor"
    #: The tenant's end users, who use its agents (DESIGN.md, "Users"): one set of people with the
    #: administrators (so `/admin/users` lists everyone and a users quota counts one thing), holding
    #: no admin permission at all.
    MEMBER = "member"


ROLE_HIERARCHY: dict[AdminRole, int] = {
    AdminRole.SUPER_ADMIN: 100,
    AdminRole.ADMIN: 75,
    AdminRole.OPERATOR: 50,
    AdminRole.AUDITOR: 25,
    AdminRole.MEMBER: 10,
}

ROLE_PERMISSIONS: dict[AdminRole, tuple[str, ...]] = {
    AdminRole.SUPER_ADMIN: (
        "admin:*",
        "billing:*",
        "settings:*",
        "deployments:*",
        "approvals:*",
        "audit:*",
    ),
    AdminRole.ADMIN: (
        "admin:read",
        "admin:write",
        "billing:read",
        "settings:read",
        "settings:write",
        "deployments:read",
        "deployments:write",
        "approvals:read",
        "approvals:initiate",
    ),
    AdminRole.OPERATOR: ("admin:read", "billing:read", "settings:read", "deployments:read"),
    AdminRole.AUDITOR: ("admin:read", "billing:read", "audit:read"),
    # Self-service only (profile, notifications, password, MFA): routes any signed-in principal may use.
    AdminRole.MEMBER: (),
}


def permission_grants(granted: str, required: str) -> bool:
    """Whether one granted permission covers the required one (`res:*` covers `res:anything`)."""
    if granted == "*" or granted == required:
        return True
    g_res, _, g_verb = granted.partition(":")
    r_res, _, _ = required.partition(":")
    return g_verb == "*" and g_res == r_res


def permissions_of(role: str) -> tuple[str, ...]:
    try:
        return ROLE_PERMISSIONS[AdminRole(role)]
    except ValueError:
        return ()


def has_permission(role: str, required: str) -> bool:
    """A tenant role's permission. Platform permissions are never a tenant role's, whatever it says."""
    if required.startswith(PLATFORM_PERMISSION_PREFIX):
        return False
    return any(permission_grants(p, required) for p in permissions_of(role))


def platform_permissions_of(role: str) -> tuple[str, ...]:
    try:
        return PLATFORM_ROLE_PERMISSIONS[PlatformRole(role)]
    except ValueError:
        return ()


def has_platform_permission(role: str, required: str) -> bool:
    """An operator role's permission: only `saas:` permissions exist for operators."""
    if not required.startswith(PLATFORM_PERMISSION_PREFIX):
        return False
    return any(permission_grants(p, required) for p in platform_permissions_of(role))


def kind_permits(kind: str, role: str, scopes: tuple[str, ...], required: str) -> bool:
    """Whether a principal of this kind, role and scopes holds `required`."""
    if kind == PrincipalKind.TENANT:
        return has_permission(role, required)
    if kind == PrincipalKind.OPERATOR:
        return has_platform_permission(role, required)
    if kind == PrincipalKind.SERVICE:
        return required in scopes and required in SERVICE_SCOPES
    return False


def role_rank(role: str) -> int:
    try:
        return ROLE_HIERARCHY[AdminRole(role)]
    except ValueError:
        return 0


def can_manage_role(actor_role: str, target_role: str) -> bool:
    """Nobody grants, edits or removes a role above their own."""
    return role_rank(actor_role) >= role_rank(target_role) > 0
