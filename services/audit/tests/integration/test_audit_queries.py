"""Queries, cursor pagination, exports and the compliance summary, through the gateway."""

from __future__ import annotations

import csv
import io
import itertools
import json
from datetime import UTC, datetime, timedelta

import pytest

from radiant_testing import bearer

AUDIT = "/api/v2/admin/audit"
T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def seeded(publish, audit_event, wait_for_entries, tenant, auditor_token):
    """Eight entries with varied actors, actions, resources, outcomes and times (oldest first)."""
    specs = [
        dict(action="invitation.create", actor_id="alice", resource_type="invitation", resource_id="inv-1"),
        dict(action="invitation.accept", actor_id="bob", resource_type="invitation", resource_id="inv-1"),
        dict(action="user.role_change", actor_id="alice", resource_type="admin_user", resource_id="bob"),
        dict(action="user.rolexchange", actor_id="carol", resource_type="admin_user", resource_id="bob"),
        dict(action="approval.approve", actor_id="carol", resource_type="approval_request", resource_id="ap-1"),
        dict(
            action="auth.login_failed", actor_id="mallory", resource_type="session", resource_id=None, outcome="failure"
        ),
        dict(
            action="settings.update",
            actor_id="op-1",
            resource_type="settings",
            resource_id="t",
            impersonator="operator-9",
        ),
        dict(
            action="invitation.revoke",
            actor_id="alice",
            resource_type="invitation",
            resource_id="inv-2",
            outcome="denied",
        ),
    ]
    events = [audit_event(tenant, at=T0 + timedelta(hours=i), **spec) for i, spec in enumerate(specs)]
    await publish(*events)
    await wait_for_entries(auditor_token, len(events))
    return events


async def _ids(gateway, token, **params) -> list[str]:
    response = await gateway.get(AUDIT, params=params, headers=bearer(token))
    assert response.status_code == 200, response.text
    return [e["id"] for e in response.json()["entries"]]


async def test_filters_each_narrow_the_log(gateway, seeded, auditor_token):
    e = [ev.id for ev in seeded]
    newest_first = list(reversed(e))
    assert await _ids(gateway, auditor_token) == newest_first
    assert await _ids(gateway, auditor_token, actor="alice") == [e[7], e[2], e[0]]
    assert await _ids(gateway, auditor_token, action="invitation.") == [e[7], e[1], e[0]]
    assert await _ids(gateway, auditor_token, action="user.role_") == [e[2]]  # '_' is literal, not a wildcard
    assert await _ids(gateway, auditor_token, resourceType="invitation", resourceId="inv-1") == [e[1], e[0]]
    assert await _ids(gateway, auditor_token, outcome="failure") == [e[5]]
    window = {"from": (T0 + timedelta(hours=2)).isoformat(), "to": (T0 + timedelta(hours=4)).isoformat()}
    assert await _ids(gateway, auditor_token, **window) == [e[3], e[2]]
    assert await _ids(gateway, auditor_token, actor="alice", action="invitation.", outcome="success") == [e[0]]


async def test_cursor_pages_cover_the_log_exactly_once(gateway, seeded, auditor_token):
    pages, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = (await gateway.get(AUDIT, params=params, headers=bearer(auditor_token))).json()
        pages.append([x["id"] for x in body["entries"]])
        cursor = body["pagination"]["nextCursor"]
        assert body["pagination"]["hasMore"] is (cursor is not None)
        if cursor is None:
            break
    assert [len(p) for p in pages] == [3, 3, 2]
    assert [i for p in pages for i in p] == [ev.id for ev in reversed(seeded)]
    # pagination composes with filters
    first = (await gateway.get(AUDIT, params={"limit": 1, "actor": "alice"}, headers=bearer(auditor_token))).json()
    params = {"limit": 5, "actor": "alice", "cursor": first["pagination"]["nextCursor"]}
    second = (await gateway.get(AUDIT, params=params, headers=bearer(auditor_token))).json()
    assert [x["id"] for x in second["entries"]] == [seeded[2].id, seeded[0].id]


async def test_bad_query_parameters_are_problem_details_with_field_errors(gateway, auditor_token):
    for params, field in [
        ({"cursor": "garbage"}, "query.cursor"),
        ({"limit": 0}, "query.limit"),
        ({"outcome": "maybe"}, "query.outcome"),
        ({"from": "yesterday"}, "query.from"),
        ({"from": "2026-03-02T00:00:00Z", "to": "2026-03-01T00:00:00Z"}, "query.to"),
    ]:
        response = await gateway.get(AUDIT, params=params, headers=bearer(auditor_token))
        assert response.status_code == 422, params
        assert response.headers["content-type"].startswith("application/problem+json")
        assert field in [err["field"] for err in response.json()["errors"]], response.json()


async def test_other_tenants_and_roles_without_audit_read_see_nothing(gateway, seeded, make_token, tenant):
    other = make_token(role="auditor")
    assert (await gateway.get(AUDIT, headers=bearer(other))).json()["entries"] == []
    assert (await gateway.get(f"{AUDIT}/verify", headers=bearer(other))).json()["head"]["seq"] == 0
    response = await gateway.get(AUDIT, headers=bearer(make_token(role="admin", tenant_id=tenant)))
    assert response.status_code == 403
    assert (await gateway.get(AUDIT)).status_code == 401


async def test_jsonl_export_is_complete_and_in_chain_order(gateway, seeded, auditor_token):
    response = await gateway.get(f"{AUDIT}/export", params={"format": "jsonl"}, headers=bearer(auditor_token))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/jsonl")
    assert "attachment" in response.headers["content-disposition"]
    rows = [json.loads(line) for line in response.text.splitlines()]
    assert [r["id"] for r in rows] == [ev.id for ev in seeded]
    assert [r["seq"] for r in rows] == list(range(1, 9))
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(rows))
    assert rows[6]["impersonator"] == {"type": "admin", "id": "operator-9", "name": None}


async def test_csv_export_is_complete_and_honours_filters(gateway, seeded, auditor_token):
    response = await gateway.get(f"{AUDIT}/export", params={"format": "csv"}, headers=bearer(auditor_token))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [r["id"] for r in rows] == [ev.id for ev in seeded]
    assert rows[0]["action"] == "invitation.create" and json.loads(rows[0]["details"]) == {"k": "v"}
    assert rows[5]["outcome"] == "failure" and rows[5]["resource_id"] == ""
    filtered = await gateway.get(
        f"{AUDIT}/export", params={"format": "csv", "actor": "carol"}, headers=bearer(auditor_token)
    )
    assert [r["id"] for r in csv.DictReader(io.StringIO(filtered.text))] == [seeded[3].id, seeded[4].id]
    bad = await gateway.get(f"{AUDIT}/export", params={"format": "xml"}, headers=bearer(auditor_token))
    assert bad.status_code == 422


async def test_compliance_summary_counts_and_lists_privileged_actions(gateway, seeded, auditor_token):
    period = {"from": T0.isoformat(), "to": (T0 + timedelta(days=1)).isoformat()}
    response = await gateway.get(f"{AUDIT}/summary", params=period, headers=bearer(auditor_token))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == 8
    by_actor = {c["key"]: c["count"] for c in body["byActor"]}
    assert by_actor == {"alice": 3, "bob": 1, "carol": 2, "mallory": 1, "op-1": 1}
    assert body["byActor"][0] == {"key": "alice", "count": 3}
    assert {c["key"]: c["count"] for c in body["byAction"]}["invitation.create"] == 1
    assert {c["key"]: c["count"] for c in body["byOutcome"]} == {"success": 6, "failure": 1, "denied": 1}
    privileged = [p["action"] for p in body["privilegedActions"]]
    assert privileged == ["settings.update", "approval.approve", "user.role_change", "invitation.create"]
    assert body["privilegedActions"][0]["impersonator"]["id"] == "operator-9"
    narrow = await gateway.get(
        f"{AUDIT}/summary",
        params={"from": (T0 + timedelta(hours=5)).isoformat(), "to": period["to"]},
        headers=bearer(auditor_token),
    )
    assert narrow.json()["total"] == 3


async def test_pages_are_newest_first_by_time_and_exact_across_equal_times(
    gateway, publish, audit_event, wait_for_entries, tenant, auditor_token
):
    """Listed by occurred_at (then chain order): a late-arriving older event sorts by its time, and
    entries sharing one timestamp are split across pages without loss or repetition."""
    same = [audit_event(tenant, at=T0 + timedelta(hours=1)) for _ in range(5)]
    late_but_older = audit_event(tenant, at=T0)
    await publish(*same)
    await wait_for_entries(auditor_token, 5)
    await publish(late_but_older)
    await wait_for_entries(auditor_token, 6)
    pages, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = (await gateway.get(AUDIT, params=params, headers=bearer(auditor_token))).json()
        pages.append([(x["id"], x["seq"]) for x in body["entries"]])
        cursor = body["pagination"]["nextCursor"]
        if cursor is None:
            break
    listed = [entry for page in pages for entry in page]
    assert [len(p) for p in pages] == [2, 2, 2]
    assert [i for i, _ in listed][:5] == [e.id for e in reversed(same)]  # one timestamp: chain order, newest first
    assert listed[5] == (late_but_older.id, 6)  # chained last, listed last: it happened first


async def test_either_seeds_action_name_finds_the_event(
    publish, audit_event, wait_for_entries, tenant, auditor_token, gateway
):
    """Seed 004 says `user.invite`/`user.accept`, seed 000 `invitation.create`/`invitation.accept`: a
    query (and so a SIEM search run through it) written with either name finds the event, whichever
    name it was recorded under; other actions are filtered by their own prefix only."""
    specs = ["user.invite", "invitation.create", "user.accept", "invitation.accept", "user.remove", "invitation.revoke"]
    events = [audit_event(tenant, action=a, at=T0 + timedelta(minutes=i)) for i, a in enumerate(specs)]
    await publish(*events)
    await wait_for_entries(auditor_token, len(events))
    e = [ev.id for ev in events]
    invited, accepted = [e[1], e[0]], [e[3], e[2]]
    assert await _ids(gateway, auditor_token, action="user.invite") == invited
    assert await _ids(gateway, auditor_token, action="invitation.create") == invited
    assert await _ids(gateway, auditor_token, action="user.accept") == accepted
    assert await _ids(gateway, auditor_token, action="invitation.accept") == accepted
    # A family prefix finds the other family's aliases too, never the unrelated actions.
    assert await _ids(gateway, auditor_token, action="user.") == [e[4], e[3], e[2], e[1], e[0]]
    assert await _ids(gateway, auditor_token, action="invitation.") == [e[5], e[3], e[2], e[1], e[0]]
    assert await _ids(gateway, auditor_token, action="user.remove") == [e[4]]
    # The export filters the same way.
    exported = await gateway.get(
        f"{AUDIT}/export", params={"format": "jsonl", "action": "invitation.create"}, headers=bearer(auditor_token)
    )
    assert exported.status_code == 200
    assert sorted(json.loads(line)["action"] for line in exported.text.splitlines()) == [
        "invitation.create",
        "user.invite",
    ]
