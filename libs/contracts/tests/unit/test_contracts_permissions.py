"""The seed's role model: wildcards, the audit split and the role hierarchy."""

from __future__ import annotations

import pytest

from radiant_contracts.permissions import (
    ROLE_HIERARCHY,
    AdminRole,
    can_manage_role,
    has_permission,
    permission_grants,
    role_rank,
)


def test_wildcard_covers_every_verb_of_its_resource_only() -> None:
    assert permission_grants("admin:*", "admin:write")
    assert permission_grants("admin:*", "admin:delete")
    assert not permission_grants("admin:*", "billing:read")
    assert permission_grants("*", "anything:at_all")
    assert not permission_grants("admin:write", "admin:*")  # a verb never satisfies a wildcard


def test_super_admin_has_everything_including_delete() -> None:
    for permission in ("admin:delete", "admin:*", "billing:write", "approvals:approve", "audit:export"):
        assert has_permission("super_admin", permission)


def test_admin_cannot_do_what_requires_admin_wildcard() -> None:
    assert has_permission("admin", "admin:write")
    assert not has_permission("admin", "admin:*")
    assert not has_permission("admin", "admin:delete")
    assert not has_permission("admin", "billing:write")
    assert has_permission("admin", "approvals:initiate") and not has_permission("admin", "approvals:approve")


def test_auditor_reads_audit_but_cannot_write_it() -> None:
    assert has_permission("auditor", "audit:read")
    assert not has_permission("auditor", "audit:write")
    assert not has_permission("operator", "audit:read")


def test_unknown_roles_have_nothing() -> None:
    assert not has_permission("root", "admin:read")
    assert role_rank("root") == 0


def test_hierarchy_order() -> None:
    ranked = sorted(AdminRole, key=lambda r: ROLE_HIERARCHY[r], reverse=True)
    assert ranked == [AdminRole.SUPER_ADMIN, AdminRole.ADMIN, AdminRole.OPERATOR, AdminRole.AUDITOR, AdminRole.MEMBER]


def test_a_member_holds_no_admin_permission_and_ranks_below_auditor() -> None:
    for permission in ("admin:read", "admin:write", "billing:read", "settings:read", "audit:read", "approvals:read"):
        assert not has_permission("member", permission)
    assert 0 < role_rank("member") < role_rank("auditor")
    # Anyone who may manage an auditor may manage a member; a member grants nothing above itself.
    assert can_manage_role("auditor", "member") and can_manage_role("admin", "member")
    assert not can_manage_role("member", "auditor")


@pytest.mark.parametrize(
    ("actor", "target", "allowed"),
    [
        ("super_admin", "super_admin", True),
        ("super_admin", "auditor", True),
        ("admin", "admin", True),
        ("admin", "operator", True),
        ("admin", "super_admin", False),
        ("operator", "admin", False),
        ("auditor", "operator", False),
        ("auditor", "auditor", True),
        ("admin", "root", False),  # unknown target role
        ("root", "auditor", False),  # unknown actor role
    ],
)
def test_can_manage_role_follows_the_hierarchy(actor: str, target: str, allowed: bool) -> None:
    assert can_manage_role(actor, target) is allowed
