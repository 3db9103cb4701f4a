"""GET /internal/v1/approvals/{id}: the record an executor confirms a decision with before acting on
it (issue 12 #2) — only for the services that execute approvals, only the tenant's own request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from radiant_contracts.events.approval import ApprovalApproved
from radiant_testing.approvals import record_decision
from radiant_testing.internal import internal_client


def _approved() -> ApprovalApproved:
    return ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="user_role_change",
        action="change_role",
        resource_type="administrator",
        resource_id="admin-7",
        details={"user_id": str(uuid.uuid4()), "new_role": "admin"},
        requested_by="admin-1",
        environment="prod",
        decided_by="admin-2",
        decided_at=datetime.now(UTC),
    )


async def test_an_executor_reads_the_decision_as_recorded(platform):
    tenant = f"t-{uuid.uuid4()}"
    decision = await record_decision(platform, tenant, _approved())
    path = f"/internal/v1/approvals/{decision.approval_id}"
    async with internal_client(platform, caller="identity", callee="approval") as identity:
        response = await identity.get(path, params={"tenantId": tenant})
        assert response.status_code == 200, response.text
        record = response.json()
        assert (record["status"], record["type"], record["tenantId"]) == ("approved", "user_role_change", tenant)
        assert record["details"] == decision.details and record["requestedBy"] == "admin-1"
        # Another tenant's request (or a malformed id) is no request at all.
        other = await identity.get(path, params={"tenantId": f"t-{uuid.uuid4()}"})
        assert other.status_code == 404
        assert (await identity.get("/internal/v1/approvals/not-an-id", params={"tenantId": tenant})).status_code == 404


async def test_only_the_executing_services_may_read_decisions(platform):
    tenant = f"t-{uuid.uuid4()}"
    decision = await record_decision(platform, tenant, _approved())
    path = f"/internal/v1/approvals/{decision.approval_id}"
    async with internal_client(platform, caller=None, callee="approval") as anonymous:
        assert (await anonymous.get(path, params={"tenantId": tenant})).status_code == 401
    async with internal_client(platform, caller="audit", callee="approval") as audit:
        assert (await audit.get(path, params={"tenantId": tenant})).status_code == 403
    for executor in ("billing", "metering"):
        async with internal_client(platform, caller=executor, callee="approval") as client:
            assert (await client.get(path, params={"tenantId": tenant})).status_code == 200
