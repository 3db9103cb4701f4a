"""Carrying out an approval is audited: the model change on success, the refused execution on failure."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from radiant_contracts.events.approval import ApprovalApproved
from radiant_platform.auth import PLATFORM_TENANT
from radiant_testing import bearer, event_json, tail_topic
from radiant_testing.approvals import publish_decision


async def test_an_executed_approval_audits_the_change_and_a_refused_one_the_failure(
    platform, gateway, make_token, kafka_producer
):
    token = bearer(make_token(kind="operator"))
    tenant = PLATFORM_TENANT  # registry changes are operator approvals, audited in the platform's stream
    model = f"test-model-{uuid.uuid4().hex[:8]}"
    r = await gateway.put(
        f"/api/v2/metering/models/{model}",
        headers=token,
        json={"providerId": "acme", "modelName": "Acme", "inputPricePerMillion": "1", "outputPricePerMillion": "1"},
    )
    assert r.status_code == 200, r.text
    common = dict(
        resource_type="model",
        requested_by="u1",
        environment="prod",
        decided_by="approver-1",
        decided_at=datetime.now(UTC),
    )
    deprecate = ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="model_activation",
        action="deprecate",
        resource_id=model,
        details={},
        **common,
    )
    refused = ApprovalApproved(
        approval_id=str(uuid.uuid4()),
        approval_type="provider_change",
        action="apply",
        details={"model_id": model, "input_price_per_million": 1.5},
        **common,
    )
    async with tail_topic(platform, "audit-events") as audit:
        for payload in (deprecate, refused):  # as the approval service decided them (metering confirms)
            await publish_decision(platform, kafka_producer, tenant, payload)
        records = await audit.wait_for(
            lambda rec: rec.key == tenant.encode() and event_json(rec)["data"]["actor"]["id"] == "approver-1", count=2
        )
    by_action = {event_json(rec)["data"]["action"]: event_json(rec)["data"] for rec in records}
    changed = by_action["model.update"]
    assert changed["resource_id"] == model and changed["outcome"] == "success"
    assert changed["details"]["approval_id"] == deprecate.approval_id
    assert changed["details"]["changed"] == {"status": "deprecated"}
    failed = by_action["approval.execute"]
    assert failed["outcome"] == "failure" and failed["resource_id"] == refused.approval_id
    assert "input_price_per_million" in failed["details"]["reason"]
    r = await gateway.get(f"/api/v2/saas/models/{model}", headers=token)
    assert r.json()["status"] == "deprecated"
