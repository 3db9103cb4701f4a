"""Case f, approval (issue 18): kill -9 of approval while administrators decide pending requests
through the API and the expiry sweep expires overdue ones, then a restart (the cut decisions sent
again, as a client retries): each decision applied once — one `approval.approved`/`rejected` on
Kafka and one audit entry per request —, every overdue request expired once (one
`approval.expired`, one audit entry), approval's outbox drained."""

from __future__ import annotations

import asyncio
import os
import time
import uuid
from collections import Counter

import httpx
import pytest

from radiant_testing import bearer, event_json, eventually, service_db, tail_topic
from radiant_testing.fault_stack import FaultStack

REQUESTS = int(os.environ.get("FAULTS_APPROVAL_REQUESTS", "40"))  # decided; as many again expire
API = "/api/v2/admin/approvals"
AT_ONCE = 4
#: The sweep every 0.2 s (default 5 s) and the overdue requests coming due one by one, so that
#: sweeps and decisions interleave and the kill lands between two of each.
SWEEP = {"APPROVAL_EXPIRY_SWEEP_SECONDS": "0.2"}
DUE_EVERY_SECONDS = 0.15
FINAL_ACTIONS = ("approval.approve", "approval.reject", "approval.expire")
FINAL_TYPES = ("radiant.approval.approved.v1", "radiant.approval.rejected.v1", "radiant.approval.expired.v1")

pytestmark = pytest.mark.timeout(600)


async def statuses(stack, ids: list[str]) -> Counter[str]:
    async with service_db(stack, "approval") as conn:
        rows = await conn.fetch(
            "SELECT status, count(*) AS n FROM approval.approval_requests WHERE id = ANY($1::uuid[]) GROUP BY 1", ids
        )
    return Counter({r["status"]: int(r["n"]) for r in rows})


async def outbox_pending(stack) -> int:
    async with service_db(stack, "approval") as conn:
        return int(
            await conn.fetchval("SELECT count(*) FROM approval.outbox WHERE published_at IS NULL AND failed_at IS NULL")
        )


async def audited(stack, tenant: str) -> Counter[tuple[str, str]]:
    """(request id, action) → audit entries, for the final actions."""
    async with service_db(stack, "audit") as conn:
        rows = await conn.fetch(
            "SELECT resource_id, action, count(*) AS n FROM audit.audit_log WHERE tenant_id = $1"
            " AND action = ANY($2::text[]) GROUP BY 1, 2",
            tenant,
            list(FINAL_ACTIONS),
        )
    return Counter({(r["resource_id"], r["action"]): int(r["n"]) for r in rows})


async def restart_approval(fault_stack: FaultStack, env: dict[str, str]) -> None:
    for key in SWEEP:
        fault_stack.extra_env.pop(key, None)
    fault_stack.extra_env.update(env)
    fault_stack.stop("approval")
    fault_stack.start("approval")


async def test_kill_9_approval_mid_decisions_and_expiry_sweep_then_each_applied_once(
    fault_stack: FaultStack, stack, gateway, make_token, figures
) -> None:
    await restart_approval(fault_stack, SWEEP)
    try:
        await _case(fault_stack, stack, gateway, make_token, figures)
    finally:
        await restart_approval(fault_stack, {})  # the service's own sweep interval for the next cases


async def _case(fault_stack: FaultStack, stack, gateway, make_token, figures) -> None:
    tenant = str(uuid.uuid4())
    requester = bearer(make_token(role="super_admin", tenant_id=tenant, environment="dev", subject=str(uuid.uuid4())))
    approver = bearer(make_token(role="super_admin", tenant_id=tenant, environment="dev", subject=str(uuid.uuid4())))
    slots = asyncio.Semaphore(AT_ONCE)

    async def create(i: int) -> str:
        body = {
            "type": "deployment",
            "action": "deploy",
            "resourceType": "release",
            "resourceId": f"fault-{i}",
            "details": {"version": "2.4.0"},
        }
        async with slots:
            answer = await gateway.post(API, json=body, headers=requester)
        assert answer.status_code == 201, answer.text
        return str(answer.json()["approval"]["id"])

    ids = await asyncio.gather(*(create(i) for i in range(2 * REQUESTS)))
    to_decide, to_expire = ids[:REQUESTS], ids[REQUESTS:]
    decision = {rid: ("approve" if n % 2 == 0 else "reject") for n, rid in enumerate(to_decide)}

    async def decide(rid: str, after: float = 0.0) -> int:
        await asyncio.sleep(after)
        body = {"action": decision[rid]} | ({"reason": "not now"} if decision[rid] == "reject" else {})
        async with slots:
            try:
                return (await gateway.post(f"{API}/{rid}/process", json=body, headers=approver)).status_code
            except httpx.HTTPError:
                return 0

    async with tail_topic(stack, "approval-decisions") as decisions:
        async with service_db(stack, "approval") as conn:  # due one after another from a second on
            await conn.execute(
                "UPDATE approval.approval_requests AS r SET expires_at = now() + interval '1 second'"
                " + (o.n * $2::float8) * interval '1 second'"
                " FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, n) WHERE r.id = o.id",
                to_expire,
                DUE_EVERY_SECONDS,
            )
        # the administrators decide at the pace the requests come due
        approval = fault_stack.pid("approval")
        deciding = asyncio.gather(*(decide(rid, 1 + n * DUE_EVERY_SECONDS) for n, rid in enumerate(to_decide)))
        # mid-way: some decided and some expired (committed), others in flight, the rest still waiting
        await eventually(
            lambda: statuses(stack, ids),
            until=lambda s: s["expired"] >= REQUESTS // 4 and s["approved"] + s["rejected"] >= REQUESTS // 4,
            timeout=120,
            interval=0.05,
            what="a quarter decided and a quarter expired",
        )
        fault_stack.kill("approval", pid=approval)
        at_kill = await statuses(stack, ids)
        answers = dict(zip(to_decide, await deciding, strict=True))

        restarted = time.monotonic()
        fault_stack.start("approval")
        cut = [rid for rid, code in answers.items() if code != 200]
        again = dict(zip(cut, await asyncio.gather(*(decide(rid) for rid in cut)), strict=True))
        # A cut call either committed before the kill (now 409: decided) or not (now applied: 200).
        assert set(again.values()) <= {200, 409}, again
        await eventually(lambda: statuses(stack, ids), until=lambda s: s["pending"] == 0, timeout=120,
                         what="no request left pending")  # fmt: skip
        await eventually(lambda: outbox_pending(stack), until=lambda n: n == 0, timeout=120, what="outbox drained")

        ours = set(ids)

        def final(record) -> bool:
            event = event_json(record)
            return event.get("type") in FINAL_TYPES and event.get("subject") in ours

        await decisions.wait_for(final, count=2 * REQUESTS, timeout=120)
        await audited_all(stack, tenant, 2 * REQUESTS)
        recovered_in = time.monotonic() - restarted
        await asyncio.sleep(3)  # a (wrong) second event would land now
        finals = [event_json(r) for r in decisions.records if final(r)]
    # The outbox relay publishes at least once: a kill between the send and the row's mark sends that
    # event again after the restart — the same event id, which consumers drop. A decision applied twice
    # would be a second event (a new id) for the same request.
    distinct = {e["id"]: e for e in finals}.values()
    published = Counter((e["subject"], e["type"]) for e in distinct)
    redelivered = len(finals) - len(distinct)
    entries = await audited(stack, tenant)
    final_status = await statuses(stack, ids)

    event_of = {"approve": "radiant.approval.approved.v1", "reject": "radiant.approval.rejected.v1"}
    expected_events = {(rid, event_of[decision[rid]]): 1 for rid in to_decide}
    expected_events |= {(rid, "radiant.approval.expired.v1"): 1 for rid in to_expire}
    expected_audit = {(rid, f"approval.{decision[rid]}"): 1 for rid in to_decide}
    expected_audit |= {(rid, "approval.expire"): 1 for rid in to_expire}
    lost = sum(1 for key in expected_events if published[key] == 0)
    twice = sum(n - 1 for n in published.values() if n > 1) + sum(1 for key in published if key not in expected_events)
    decided_at_kill = at_kill["approved"] + at_kill["rejected"]
    figures.record(
        "kill-9-approval-decisions-expiry",
        sent=2 * REQUESTS,
        stored=sum(published.values()),
        lost=lost,
        twice=twice,
        recovered_in=recovered_in,
        at_kill=f"{decided_at_kill} decided/{at_kill['expired']} expired",
        api_cut=len(cut),
        redelivered=redelivered,
        audit=sum(entries.values()),
    )
    assert decided_at_kill < REQUESTS and at_kill["expired"] < REQUESTS, "the kill should have happened mid-way"
    assert (lost, twice) == (0, 0)
    assert dict(published) == expected_events
    assert dict(entries) == expected_audit, "one audit entry per decision and per expiry"
    assert final_status == Counter(
        {"approved": REQUESTS - REQUESTS // 2, "rejected": REQUESTS // 2, "expired": REQUESTS}
    )


async def audited_all(stack, tenant: str, count: int) -> None:
    await eventually(lambda: audited(stack, tenant), until=lambda e: len(e) >= count, timeout=120,
                     what="every decision and expiry in the audit log")  # fmt: skip
