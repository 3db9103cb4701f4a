"""Case f, identity (issue 18): kill -9 of identity with invitations' emails in its email outbox and
their events in its Kafka outbox, then a restart: both outboxes drained by themselves, every invited
person emailed exactly once."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from radiant_testing import bearer, eventually, service_db
from radiant_testing.fault_stack import FaultStack
from radiant_testing.onboarding import new_email, new_tenant

INVITATIONS = int(os.environ.get("FAULTS_IDENTITY_INVITATIONS", "40"))

pytestmark = pytest.mark.timeout(900)


async def backlog(stack) -> tuple[int, int]:
    """(emails not sent, events not published) in identity's outboxes."""
    async with service_db(stack, "identity") as conn:
        emails = await conn.fetchval("SELECT count(*) FROM identity.email_outbox WHERE status = 'pending'")
        events = await conn.fetchval(
            "SELECT count(*) FROM identity.outbox WHERE published_at IS NULL AND failed_at IS NULL"
        )
    return int(emails), int(events)


async def test_kill_9_identity_with_its_outboxes_full_then_each_email_sent_once(
    fault_stack: FaultStack, stack, gateway, inbox, make_token, figures
) -> None:
    # two a tenant: the default plan holds three users
    admins = [
        bearer(make_token(role="super_admin", tenant_id=new_tenant(), environment="dev"))
        for _ in range(INVITATIONS // 2)
    ]
    emails = [new_email("fault-invite") for _ in range(INVITATIONS)]
    identity = fault_stack.pid("identity")
    answers = await asyncio.gather(
        *(
            gateway.post("/api/v2/admin/users/invite", headers=admins[i // 2], json={"email": e, "role": "member"})
            for i, e in enumerate(emails)
        )
    )
    assert [a.status_code for a in answers] == [201] * INVITATIONS, [a.text for a in answers if a.status_code != 201]
    fault_stack.kill("identity", pid=identity)  # at once: emails and events still waiting in the outboxes
    left = await backlog(stack)

    restarted = time.monotonic()
    fault_stack.start("identity")
    await eventually(
        lambda: backlog(stack), until=lambda b: b == (0, 0), timeout=300, what="identity's outboxes drained"
    )

    async def invitations_received() -> dict[str, int]:
        counts = dict.fromkeys(emails, 0)
        for message in await inbox.messages():
            for to in message.get("to", []):
                address = to.get("address", "").lower()
                if address in counts and "invited" in message.get("subject", ""):
                    counts[address] += 1
        return counts

    await eventually(invitations_received, until=lambda c: all(c.values()), timeout=300, what="every invitation")
    recovered_in = time.monotonic() - restarted
    await asyncio.sleep(3)  # a (wrong) second delivery would land now
    counts = await invitations_received()
    lost = sum(1 for n in counts.values() if n == 0)
    twice = sum(n - 1 for n in counts.values() if n > 1)
    figures.record(
        "kill-9-identity-outbox",
        sent=INVITATIONS,
        stored=sum(counts.values()),
        lost=lost,
        twice=twice,
        recovered_in=recovered_in,
        pending_at_kill=f"{left[0]} emails/{left[1]} events",
    )
    assert (lost, twice) == (0, 0)
