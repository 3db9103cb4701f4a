"""An executor believes a decision only as the approval service holds it (issue 12 #2):
`decision_mismatch` and the client that reads the record back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from radiant_contracts.events.approval import ApprovalApproved
from radiant_platform.approvals import (
    ApprovalRecord,
    ApprovalRecords,
    ApprovalServiceUnavailable,
    decision_mismatch,
)

TENANT = "tenant-1"
APPROVAL = "4f7c5a52-2a44-4f36-9df1-1d6b8b0b6b11"


def _approved(**update: Any) -> ApprovalApproved:
    fields: dict[str, Any] = {
        "approval_id": APPROVAL,
        "approval_type": "user_role_change",
        "action": "change_role",
        "resource_type": "administrator",
        "resource_id": "admin-7",
        "details": {"user_id": "admin-7", "new_role": "admin", "previous_role": "operator"},
        "requested_by": "admin-1",
        "environment": "prod",
        "decided_by": "admin-2",
        "decided_at": datetime.now(UTC),
    }
    return ApprovalApproved(**(fields | update))


def _record(**update: Any) -> ApprovalRecord:
    approved = _approved()
    fields: dict[str, Any] = {
        "id": APPROVAL,
        "tenant_id": TENANT,
        "type": approved.approval_type,
        "status": "approved",
        "action": approved.action,
        "resource_type": approved.resource_type,
        "resource_id": approved.resource_id,
        "details": dict(approved.details),
        "requested_by": approved.requested_by,
        "environment": approved.environment,
    }
    return ApprovalRecord(**(fields | update))


def test_a_decision_the_approval_service_holds_as_approved_is_confirmed() -> None:
    assert decision_mismatch(_approved(), TENANT, _record()) is None


def test_details_are_compared_as_the_typed_change_not_as_text() -> None:
    # previous_role is optional: absent on one side and null on the other is the same change.
    assert (
        decision_mismatch(
            _approved(details={"user_id": "admin-7", "new_role": "admin"}),
            TENANT,
            _record(details={"user_id": "admin-7", "new_role": "admin", "previous_role": None}),
        )
        is None
    )


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (None, "is not a request of this tenant"),
        (_record(tenant_id="tenant-2"), "belongs to another tenant"),
        (_record(status="pending"), "is pending, not approved"),
        (_record(status="rejected"), "is rejected, not approved"),
        (_record(details={"user_id": "admin-7", "new_role": "auditor"}), "(details)"),
        (_record(requested_by="admin-9"), "(requested_by)"),
        (_record(type="billing_change", details={}), "(type, details)"),
        (_record(resource_id="admin-8", environment="dev"), "(resource_id, environment)"),
    ],
)
def test_anything_else_is_refused_with_the_reason(record: ApprovalRecord | None, reason: str) -> None:
    mismatch = decision_mismatch(_approved(), TENANT, record)
    assert mismatch is not None and reason in mismatch


class _Signer:
    def auth(self, audience: str) -> httpx.Auth:
        assert audience == "approval"
        return httpx.BasicAuth("identity", "signed")  # stands in for a signed service token


def _client(handler: Any) -> ApprovalRecords:
    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    return ApprovalRecords(http, "http://approval.internal/", _Signer())


async def test_the_record_is_read_for_the_tenant_with_the_service_s_credentials() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=json.loads(_record().model_dump_json(by_alias=True)))

    record = await _client(handler).record(TENANT, APPROVAL)
    assert record == _record()
    assert seen[0].url.path == f"/internal/v1/approvals/{APPROVAL}"
    assert seen[0].url.params["tenantId"] == TENANT and seen[0].headers["authorization"].startswith("Basic ")


async def test_no_record_is_none_and_an_outage_is_retried_not_answered() -> None:
    assert (
        await _client(lambda request: httpx.Response(404, json={"title": "Not Found"})).record(TENANT, APPROVAL) is None
    )
    for status in (401, 503):
        with pytest.raises(ApprovalServiceUnavailable):  # a ConnectionError: the consumer rewinds the batch
            await _client(lambda request, s=status: httpx.Response(s)).record(TENANT, APPROVAL)

    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused")

    with pytest.raises(ConnectionError):
        await _client(down).record(TENANT, APPROVAL)
