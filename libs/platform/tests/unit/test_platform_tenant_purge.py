"""The purge's pure rules: when a deletion is due, and the order tables are emptied in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from radiant_platform.tenant_purge import TABLE, children_first, is_due, tenant_deletions_ddl

DELETED = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
WINDOW = timedelta(days=30)


def test_a_deletion_is_due_once_its_whole_window_has_passed():
    assert not is_due(DELETED, WINDOW, DELETED)
    assert not is_due(DELETED, WINDOW, DELETED + WINDOW - timedelta(seconds=1))
    assert is_due(DELETED, WINDOW, DELETED + WINDOW)
    assert is_due(DELETED, timedelta(0), DELETED)  # a window of zero: at once


def test_tables_referencing_others_are_emptied_before_them():
    tables = ["administrators", "invitations", "notifications", "refresh_tokens"]
    references = [("notifications", "administrators"), ("refresh_tokens", "administrators")]
    ordered = children_first(tables, references)
    assert sorted(ordered) == sorted(tables)
    assert ordered.index("administrators") > ordered.index("notifications")
    assert ordered.index("administrators") > ordered.index("refresh_tokens")


def test_references_outside_the_tables_and_cycles_do_not_lose_a_table():
    ordered = children_first(["a", "b", "c"], [("a", "b"), ("b", "a"), ("c", "tenants"), ("c", "c")])
    assert sorted(ordered) == ["a", "b", "c"]
    chain = children_first(["grandparent", "parent", "child"], [("child", "parent"), ("parent", "grandparent")])
    assert chain == ["child", "parent", "grandparent"]


def test_each_schema_gets_its_own_deletions_table():
    statements = tenant_deletions_ddl("billing")
    assert f"CREATE TABLE billing.{TABLE}" in statements[0]
    assert "PRIMARY KEY" in statements[0] and "purged_at" in statements[0]
