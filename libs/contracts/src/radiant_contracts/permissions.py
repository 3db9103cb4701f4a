"""The seed's permission model, defined once: roles, their rank and their permissions.

`admin:*` grants every `admin:<verb>`; a route that requires `admin:*` is granted only by a
wildcard (or `*`) — exactly the seed's semantics for e.g. DELETE /admin/users/:id.
"""

from __future__ import annotations

from enum import StrEnum


class AdminRole(StrEnum):
    SUPER_ADMIN = "super_admin"
    ADMIN = "admin"
    OPERATOR = "operator"
    AUDITOR = "auditor"


ROLE_HIERARCHY: dict[AdminRole, int] = {
    AdminRole.SUPER_ADMIN: 100,
    AdminRole.ADMIN: 75,
    AdminRole.OPERATOR: 50,
    AdminRole.AUDITOR: 25,
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
    return any(permission_grants(p, required) for p in permissions_of(role))


def role_rank(role: str) -> int:
    try:
        return ROLE_HIERARCHY[AdminRole(role)]
    except ValueError:
        return 0


def can_manage_role(actor_role: str, target_role: str) -> bool:
    """Nobody grants, edits or removes a role above their own."""
    return role_rank(actor_role) >= role_rank(target_role) > 0
