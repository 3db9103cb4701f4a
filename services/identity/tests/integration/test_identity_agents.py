"""Agents (issue 13): identity is their control plane, against the real stack.

Configuration is validated by one schema, versioned, and audited with its diff; start/stop record
the desired state and ask the runtime on `agent-events`; the observed status changes only from the
runtime's `agent.status_reported` (played here by the simulated runtime of `radiant_testing`); a
prod start of a configuration that has not run goes through an `agent_deployment` approval.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from radiant_contracts import make_event
from radiant_contracts.events.agent import AgentStatusReported
from radiant_contracts.events.billing import PlanLimits, SubscriptionChanged
from radiant_contracts.permissions import AdminRole, has_permission
from radiant_contracts.sources import AGENT_RUNTIME, BILLING, IDENTITY
from radiant_testing import bearer, eventually, service_db, tail_topic
from radiant_testing.agent_runtime import SimulatedRuntime, simulated_runtime
from radiant_testing.internal import internal_client
from radiant_testing.onboarding import new_tenant

AGENTS = "/api/v2/admin/agents"
APPROVALS = "/api/v2/admin/approvals"
AUDIT = "/api/v2/admin/audit"


# --- helpers --------------------------------------------------------------------------------------


def _admin(make_token, tenant: str, role: str = "super_admin", environment: str = "dev", **claims: Any) -> dict:
    return bearer(make_token(role=role, tenant_id=tenant, environment=environment, **claims))


async def _model(gateway, make_token, status: str = "active") -> str:
    """A model of the registry for this test alone (operators own the registry)."""
    model_id = f"agents-test-{uuid.uuid4().hex[:10]}"
    body = {
        "providerId": "test",
        "modelName": "Agents test model",
        "inputPricePerMillion": "1",
        "outputPricePerMillion": "2",
    }
    operator = bearer(make_token(kind="operator"))
    response = await gateway.put(f"/api/v2/metering/models/{model_id}", json=body, headers=operator)
    assert response.status_code == 200, response.text
    if status != "active":
        response = await gateway.put(f"/api/v2/metering/models/{model_id}", json={"status": status}, headers=operator)
        assert response.status_code == 200 and response.json()["status"] == status, response.text
    return model_id


def _config(model_id: str, **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "name": f"Triage {uuid.uuid4().hex[:6]}",
        "description": "Sorts incoming questions",
        "modelId": model_id,
        "systemPrompt": "You are a careful triage assistant.",
        "temperature": 0.2,
        "topP": 0.9,
        "maxTokens": 800,
        "tools": [{"name": "search", "config": {"index": "faq"}}],
        "knowledgeSources": [{"type": "url", "ref": "https://example.com/faq", "name": "FAQ"}],
        "visibility": "tenant",
    }
    return body | changes


async def _create(gateway, headers: dict, model_id: str, **changes: Any) -> dict[str, Any]:
    response = await gateway.post(AGENTS, json=_config(model_id, **changes), headers=headers)
    assert response.status_code == 201, response.text
    agent: dict[str, Any] = response.json()["agent"]
    return agent


async def _agent(gateway, headers: dict, agent_id: str) -> dict[str, Any]:
    response = await gateway.get(f"{AGENTS}/{agent_id}", headers=headers)
    assert response.status_code == 200, response.text
    agent: dict[str, Any] = response.json()["agent"]
    return agent


async def _status(gateway, headers: dict, agent_id: str, status: str) -> dict[str, Any]:
    return await eventually(
        lambda: _agent(gateway, headers, agent_id), until=lambda a: a["status"] == status, what=f"agent {status}"
    )


async def _audit(gateway, headers: dict, action: str, agent_id: str, count: int = 1) -> list[dict[str, Any]]:
    async def entries() -> list[dict[str, Any]]:
        response = await gateway.get(AUDIT, params={"action": action, "resourceId": agent_id}, headers=headers)
        assert response.status_code == 200, response.text
        return [e for e in response.json()["entries"] if e["action"] == action]

    return await eventually(entries, until=lambda found: len(found) >= count, what=f"{count} {action} in the audit")


async def _roomy(platform, kafka_producer, tenant: str) -> None:
    """Billing's `subscription.changed` giving the tenant a plan without an agents limit (these tests
    are about agents, not the plan's quota on them); waits until identity holds it."""
    event = make_event(
        SubscriptionChanged(
            change="upgrade",
            plan="agents-test-plan",
            status="active",
            effective_at=datetime.now(UTC),
            revision=1,
            limits=PlanLimits(max_users=None, max_agents=None, max_tokens_per_month=None, max_storage_gb=None),
        ),
        tenant_id=tenant,
        source=BILLING,
    )
    await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())

    async def held() -> bool:
        async with service_db(platform, "identity") as db:
            row = await db.fetchrow("SELECT max_agents, plan FROM plan_limits WHERE tenant_id = $1", tenant)
        return row is not None and row["plan"] == "agents-test-plan" and row["max_agents"] is None

    await eventually(held, what=f"identity holds the plan of {tenant}")


@pytest.fixture
async def runtime(platform):
    async with simulated_runtime(platform) as sim:
        yield sim


# --- configuration --------------------------------------------------------------------------------


async def test_an_agent_is_created_configured_in_versions_and_audited_with_its_diffs(gateway, make_token):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    model = await _model(gateway, make_token)
    agent = await _create(gateway, admin, model)
    assert (agent["version"], agent["desiredState"], agent["status"]) == (1, "stopped", "stopped")
    assert agent["modelId"] == model and agent["tools"] == [{"name": "search", "config": {"index": "faq"}}]

    changed = _config(model, name=agent["name"], temperature=0.7, systemPrompt="Be brief.")
    response = await gateway.put(f"{AGENTS}/{agent['id']}", json=changed, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["agent"]["version"] == 2 and response.json()["agent"]["temperature"] == 0.7
    # The same configuration again changes nothing, so it adds no version.
    again = await gateway.put(f"{AGENTS}/{agent['id']}", json=changed, headers=admin)
    assert again.status_code == 200 and again.json()["agent"]["version"] == 2

    versions = (await gateway.get(f"{AGENTS}/{agent['id']}/versions", headers=admin)).json()["versions"]
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["changes"] == {
        "temperature": {"from": 0.2, "to": 0.7},
        "system_prompt": {"from": "You are a careful triage assistant.", "to": "Be brief."},
    }
    assert versions[1]["configuration"]["temperature"] == 0.2  # the old version as it was
    assert versions[1]["changes"]["model_id"] == {"from": None, "to": model}

    [configured] = await _audit(gateway, admin, "agent.configure", agent["id"])
    assert configured["details"]["version"] == 2 and configured["details"]["previousVersion"] == 1
    assert configured["details"]["changes"]["temperature"] == {"from": 0.2, "to": 0.7}
    [created] = await _audit(gateway, admin, "agent.create", agent["id"])
    assert created["details"]["changes"]["name"] == {"from": None, "to": agent["name"]}


async def test_the_configuration_is_validated_with_field_errors(gateway, make_token):
    admin = _admin(make_token, new_tenant())
    model = await _model(gateway, make_token)
    cases = {
        "temperature": {"temperature": 2.5},
        "topP": {"topP": "0.5"},
        "maxTokens": {"maxTokens": 0},
        "name": {"name": "   "},
        "visibility": {"visibility": "public"},
        "tools": {"tools": [{"name": "search"}, {"name": "search"}]},
        "tools.0.config": {"tools": [{"name": "big", "config": {"blob": "x" * 9000}}]},
        "knowledgeSources.0.type": {"knowledgeSources": [{"type": "ftp", "ref": "x"}]},
        "systemPrompt": {"systemPrompt": "x" * 20_001},
        "unexpected": {"unexpected": True},
    }
    for field, change in cases.items():
        response = await gateway.post(AGENTS, json=_config(model, **change), headers=admin)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        fields = [e["field"] for e in response.json()["errors"]]
        assert any(f == field or f.endswith(field) for f in fields), (field, fields)
    too_many = _config(model, tools=[{"name": f"t{i}"} for i in range(51)])
    assert (await gateway.post(AGENTS, json=too_many, headers=admin)).status_code == 422


async def test_the_model_must_be_an_active_model_of_the_registry(gateway, make_token):
    admin = _admin(make_token, new_tenant())
    inactive = await _model(gateway, make_token, status="inactive")
    for model_id, message in ((f"no-such-{uuid.uuid4().hex}", "no model"), (inactive, "not active")):
        response = await gateway.post(AGENTS, json=_config(model_id), headers=admin)
        assert response.status_code == 422, response.text
        [error] = response.json()["errors"]
        assert error["field"] == "modelId" and message in error["message"]
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    response = await gateway.put(f"{AGENTS}/{agent['id']}", json=_config(inactive, name=agent["name"]), headers=admin)
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "modelId"


async def test_only_identity_reads_the_registry_over_metering_internal_api(platform, gateway, make_token):
    model = await _model(gateway, make_token)
    async with internal_client(platform, caller="identity", callee="metering") as client:
        response = await client.get(f"/internal/v1/models/{model}")
        assert response.status_code == 200 and response.json()["status"] == "active"
        assert (await client.get("/internal/v1/models/no-such-model-xyz")).status_code == 404
    async with internal_client(platform, caller="billing", callee="metering") as client:
        assert (await client.get(f"/internal/v1/models/{model}")).status_code == 403
    async with internal_client(platform, caller=None, callee="metering") as client:
        assert (await client.get(f"/internal/v1/models/{model}")).status_code == 401


async def test_names_are_unique_per_tenant_and_lists_filter_and_page(platform, gateway, make_token, kafka_producer):
    tenant = new_tenant()
    await _roomy(platform, kafka_producer, tenant)
    admin = _admin(make_token, tenant)
    model, other_model = await _model(gateway, make_token), await _model(gateway, make_token)
    first = await _create(gateway, admin, model, name="Alpha helper", visibility="private")
    await _create(gateway, admin, model, name="Beta helper")
    await _create(gateway, admin, other_model, name="Gamma")
    duplicate = await gateway.post(AGENTS, json=_config(model, name="alpha HELPER"), headers=admin)
    assert duplicate.status_code == 409, duplicate.text

    async def names(**params: Any) -> list[str]:
        response = await gateway.get(AGENTS, params=params, headers=admin)
        assert response.status_code == 200, response.text
        return [a["name"] for a in response.json()["agents"]]

    assert await names(sort="name") == ["Alpha helper", "Beta helper", "Gamma"]
    assert await names(q="helper", sort="-name") == ["Beta helper", "Alpha helper"]
    assert await names(modelId=other_model) == ["Gamma"]
    assert await names(visibility="private") == ["Alpha helper"]
    assert await names(status="running") == []
    page = (await gateway.get(AGENTS, params={"limit": 2, "sort": "name"}, headers=admin)).json()
    assert len(page["agents"]) == 2 and page["pagination"]["hasMore"] is True
    assert (await gateway.get(AGENTS, params={"limit": 201}, headers=admin)).status_code == 422
    assert (await gateway.get(AGENTS, params={"status": "dancing"}, headers=admin)).status_code == 422
    # Another tenant sees none of them.
    assert (await gateway.get(AGENTS, headers=_admin(make_token, new_tenant()))).json()["agents"] == []
    assert first["id"]


# --- the lifecycle, through the simulated runtime ------------------------------------------------


async def test_start_and_stop_go_through_the_runtime(gateway, make_token, runtime: SimulatedRuntime):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    runtime.serve(agent["id"])

    response = await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)
    assert response.status_code == 202, response.text
    started = response.json()["agent"]
    assert started["desiredState"] == "running" and response.json()["pendingApproval"] is None
    [request] = await runtime.wait_for_request(agent["id"], "start")
    assert request["source"] == IDENTITY and request["tenantid"] == tenant
    assert request["data"]["configuration_version"] == 1
    assert request["data"]["configuration"]["system_prompt"] == "You are a careful triage assistant."

    running = await _status(gateway, admin, agent["id"], "running")
    assert running["runningVersion"] == 1 and running["statusReason"] is None
    again = await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)
    assert again.status_code == 409, again.text

    response = await gateway.post(f"{AGENTS}/{agent['id']}/stop", headers=admin)
    assert response.status_code == 202 and response.json()["agent"]["desiredState"] == "stopped"
    await runtime.wait_for_request(agent["id"], "stop")
    await _status(gateway, admin, agent["id"], "stopped")
    assert (await gateway.post(f"{AGENTS}/{agent['id']}/stop", headers=admin)).status_code == 409

    [start] = await _audit(gateway, admin, "agent.start", agent["id"])
    assert start["details"]["version"] == 1
    await _audit(gateway, admin, "agent.stop", agent["id"])
    changes = await _audit(gateway, admin, "agent.status_change", agent["id"], count=4)
    assert {(c["details"]["from"], c["details"]["to"]) for c in changes} >= {
        ("stopped", "starting"),
        ("starting", "running"),
        ("running", "stopping"),
        ("stopping", "stopped"),
    }


async def test_a_failed_start_shows_the_runtime_reason_and_may_be_retried(gateway, make_token, runtime):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    runtime.serve(agent["id"], fail_start="no GPU capacity left in the region")

    assert (await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)).status_code == 202
    failed = await _status(gateway, admin, agent["id"], "failed")
    assert failed["statusReason"] == "no GPU capacity left in the region"
    assert failed["runningVersion"] is None and failed["desiredState"] == "running"
    changes = await _audit(gateway, admin, "agent.status_change", agent["id"], count=2)
    [failure] = [c for c in changes if c["details"]["to"] == "failed"]
    assert failure["outcome"] == "failure" and failure["details"]["reason"] == "no GPU capacity left in the region"
    assert failure["actor"]["id"] == "agent-runtime"

    runtime.serve(agent["id"])  # capacity is back
    assert (await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)).status_code == 202
    running = await _status(gateway, admin, agent["id"], "running")
    assert running["statusReason"] is None
    assert len(runtime.requests_for(agent["id"], "start")) == 2


async def test_late_and_repeated_reports_never_move_the_status_back(platform, gateway, make_token, runtime):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    now = datetime.now(UTC)
    await runtime.report(tenant, agent["id"], "running", reported_at=now, configuration_version=1)
    await _status(gateway, admin, agent["id"], "running")
    # Observed before the running report, delivered after it: ignored.
    await runtime.report(tenant, agent["id"], "starting", reported_at=now - timedelta(seconds=5))
    # The same report twice (a redelivery): applied once.
    event_id = str(uuid.uuid4())
    for _ in range(2):
        await runtime.report(
            tenant, agent["id"], "failed", reported_at=now + timedelta(seconds=1), reason="oom", event_id=event_id
        )
    failed = await _status(gateway, admin, agent["id"], "failed")
    assert failed["statusReason"] == "oom"
    changes = await _audit(gateway, admin, "agent.status_change", agent["id"], count=2)
    assert [c["details"]["to"] for c in changes].count("failed") == 1
    assert "starting" not in [c["details"]["to"] for c in changes]
    assert failed["runningVersion"] == 1


async def test_invalid_or_foreign_reports_go_to_the_dlq(platform, gateway, make_token, runtime, kafka_producer):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    key = agent["id"].encode()
    now = datetime.now(UTC).isoformat()
    marker = uuid.uuid4().hex

    def envelope(data: dict[str, Any], source: str = AGENT_RUNTIME, tenant_id: str = tenant) -> bytes:
        return json.dumps(
            {
                "specversion": "1.0",
                "id": f"{marker}-{uuid.uuid4()}",
                "source": source,
                "type": AgentStatusReported.event_type,
                "time": now,
                "tenantid": tenant_id,
                "data": {"agent_id": agent["id"], "reported_at": now, **data},
            }
        ).encode()

    async with tail_topic(platform, "agent-events.dlq") as dlq:
        await runtime.publish_raw(envelope({"status": "failed"}), key=key)  # no reason
        await runtime.publish_raw(envelope({"status": "dancing"}), key=key)
        await runtime.publish_raw(envelope({"status": "running"}, tenant_id=new_tenant()), key=key)
        # Written by someone who may write the topic (here the admin) but claiming to be identity.
        await kafka_producer.send_and_wait("agent-events", envelope({"status": "running"}, source=IDENTITY), key=key)
        records = await dlq.wait_for(lambda r: marker.encode() in (r.value or b""), count=4)
    reasons = [dict(r.headers)["x-dlq-reason"].decode() for r in records]
    assert any("reason" in r for r in reasons), reasons
    assert any("status" in r for r in reasons), reasons
    assert any("not an agent of tenant" in r for r in reasons), reasons
    assert any("may not publish" in r for r in reasons), reasons
    assert (await _agent(gateway, admin, agent["id"]))["status"] == "stopped"


async def test_deleting_a_running_agent_stops_it_first(gateway, make_token, runtime):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    runtime.serve(agent["id"])
    await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)
    await _status(gateway, admin, agent["id"], "running")

    response = await gateway.delete(f"{AGENTS}/{agent['id']}", headers=admin)
    assert response.status_code == 200, response.text
    await runtime.wait_for_request(agent["id"], "deleted")
    kinds = [t for t, e in runtime.requests if e["data"]["agent_id"] == agent["id"]]
    assert kinds[-2:] == ["radiant.agent.stop_requested.v1", "radiant.agent.deleted.v1"]
    [stop] = runtime.requests_for(agent["id"], "stop")
    assert stop["data"]["reason"] == "deleting"

    assert (await gateway.get(f"{AGENTS}/{agent['id']}", headers=admin)).status_code == 404
    assert agent["id"] not in [a["id"] for a in (await gateway.get(AGENTS, headers=admin)).json()["agents"]]
    [deleted] = await _audit(gateway, admin, "agent.delete", agent["id"])
    assert deleted["details"]["stoppedFirst"] is True
    await _audit(gateway, admin, "agent.stop", agent["id"])
    # The name is free again.
    await _create(gateway, admin, agent["modelId"], name=agent["name"])


# --- prod: a new configuration goes through approval ---------------------------------------------


async def test_a_prod_start_of_a_changed_configuration_waits_for_approval(
    platform, gateway, make_token, onboard, runtime
):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    mine = bearer(
        make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=root.id, mfa_time=int(time.time()))
    )
    other = _admin(make_token, tenant, environment="prod", mfa_time=int(time.time()))
    agent = await _create(gateway, mine, await _model(gateway, make_token))
    runtime.serve(agent["id"])

    response = await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=mine)
    assert response.status_code == 202, response.text
    pending = response.json()["pendingApproval"]
    assert pending["type"] == "agent_deployment" and pending["status"] == "pending"
    assert response.json()["agent"]["desiredState"] == "stopped"
    approval = (await gateway.get(f"{APPROVALS}/{pending['id']}", headers=mine)).json()["approval"]
    assert approval["filedByService"] == "identity"
    assert approval["details"]["agent_id"] == agent["id"] and approval["details"]["configuration_version"] == 1
    assert runtime.requests_for(agent["id"], "start") == []  # nothing reaches the runtime yet

    decided = await gateway.post(f"{APPROVALS}/{pending['id']}/process", json={"action": "approve"}, headers=other)
    assert decided.status_code == 200, decided.text
    [request] = await runtime.wait_for_request(agent["id"], "start")
    assert request["data"]["approval_id"] == pending["id"]
    running = await _status(gateway, mine, agent["id"], "running")
    assert running["runningVersion"] == 1 and running["pendingApprovalId"] is None
    [start] = await _audit(gateway, mine, "agent.start", agent["id"])
    assert start["details"]["approval_id"] == pending["id"]

    # The version that ran starts again without approval; a changed one needs it again.
    await gateway.post(f"{AGENTS}/{agent['id']}/stop", headers=mine)
    await _status(gateway, mine, agent["id"], "stopped")
    restart = await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=mine)
    assert restart.status_code == 202 and restart.json()["pendingApproval"] is None
    await _status(gateway, mine, agent["id"], "running")
    await gateway.post(f"{AGENTS}/{agent['id']}/stop", headers=mine)
    await _status(gateway, mine, agent["id"], "stopped")
    changed = _config(agent["modelId"], name=agent["name"], temperature=1.1)
    assert (await gateway.put(f"{AGENTS}/{agent['id']}", json=changed, headers=mine)).status_code == 200
    again = await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=mine)
    assert again.status_code == 202 and again.json()["pendingApproval"]["type"] == "agent_deployment"


async def test_an_approved_start_is_refused_when_the_configuration_changed_since(gateway, make_token, onboard, runtime):
    tenant = new_tenant()
    root = await onboard(tenant, role="super_admin", environment="prod")
    mine = bearer(
        make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=root.id, mfa_time=int(time.time()))
    )
    other = _admin(make_token, tenant, environment="prod", mfa_time=int(time.time()))
    agent = await _create(gateway, mine, await _model(gateway, make_token))
    runtime.serve(agent["id"])
    pending = (await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=mine)).json()["pendingApproval"]
    changed = _config(agent["modelId"], name=agent["name"], maxTokens=50)
    assert (await gateway.put(f"{AGENTS}/{agent['id']}", json=changed, headers=mine)).status_code == 200

    await gateway.post(f"{APPROVALS}/{pending['id']}/process", json={"action": "approve"}, headers=other)

    async def answered():
        approval = (await gateway.get(f"{APPROVALS}/{pending['id']}", headers=mine)).json()["approval"]
        return approval if approval["executionStatus"] in ("executed", "failed") else None

    execution = (await eventually(answered, what="execution"))["execution"]
    assert execution["status"] == "failed" and "version 2" in execution["error"], execution
    assert runtime.requests_for(agent["id"], "start") == []
    assert (await _agent(gateway, mine, agent["id"]))["desiredState"] == "stopped"


# --- the agent's users ---------------------------------------------------------------------------


async def test_an_agents_users_are_members_of_its_tenant(gateway, make_token, onboard):
    tenant = new_tenant()
    admin = _admin(make_token, tenant)
    colleague = await onboard(tenant, role="operator")
    member = await onboard(tenant, role="member")  # the tenant's end users are who use agents
    stranger = await onboard(new_tenant(), role="operator")
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    users = f"{AGENTS}/{agent['id']}/users"

    added = await gateway.post(users, json={"userId": colleague.id}, headers=admin)
    assert added.status_code == 201, added.text
    assert added.json()["user"]["email"] == colleague.email
    assert (await gateway.post(users, json={"userId": colleague.id}, headers=admin)).status_code == 409
    foreign = await gateway.post(users, json={"userId": stranger.id}, headers=admin)
    assert foreign.status_code == 422 and foreign.json()["errors"][0]["field"] == "userId"
    assert (await gateway.post(users, json={"userId": "not-a-uuid"}, headers=admin)).status_code == 422

    added = await gateway.post(users, json={"userId": member.id}, headers=admin)
    assert added.status_code == 201 and added.json()["user"]["role"] == "member", added.text
    listed = (await gateway.get(users, headers=admin)).json()["users"]
    assert [u["id"] for u in listed] == [colleague.id, member.id]
    assert (await gateway.get(users, params={"limit": 1}, headers=admin)).json()["pagination"]["hasMore"] is True
    await _audit(gateway, admin, "agent.user_add", agent["id"])

    assert (await gateway.delete(users, params={"userId": colleague.id}, headers=admin)).status_code == 204
    assert (await gateway.delete(users, params={"userId": colleague.id}, headers=admin)).status_code == 404
    assert [u["id"] for u in (await gateway.get(users, headers=admin)).json()["users"]] == [member.id]
    await _audit(gateway, admin, "agent.user_remove", agent["id"])
    # A member holds no admin permission: it can neither read nor change the agent's users.
    as_member = _admin(make_token, tenant, role="member", subject=member.id)
    assert (await gateway.get(users, headers=as_member)).status_code == 403
    assert (await gateway.post(users, json={"userId": member.id}, headers=as_member)).status_code == 403


# --- isolation and permissions -------------------------------------------------------------------


async def test_another_tenants_agent_is_not_found(gateway, make_token, onboard):
    tenant = new_tenant()
    owner = _admin(make_token, tenant)
    agent = await _create(gateway, owner, await _model(gateway, make_token))
    other_tenant = new_tenant()
    intruder = _admin(make_token, other_tenant)
    someone = await onboard(other_tenant, role="operator")
    path = f"{AGENTS}/{agent['id']}"
    calls = [
        ("GET", path, None, None),
        ("PUT", path, _config(agent["modelId"]), None),
        ("DELETE", path, None, None),
        ("GET", f"{path}/versions", None, None),
        ("POST", f"{path}/start", None, None),
        ("POST", f"{path}/stop", None, None),
        ("GET", f"{path}/users", None, None),
        ("POST", f"{path}/users", {"userId": someone.id}, None),
        ("DELETE", f"{path}/users", None, {"userId": someone.id}),
    ]
    for method, url, body, params in calls:
        response = await gateway.request(method, url, json=body, params=params, headers=intruder)
        assert response.status_code == 404, (method, url, response.text)
    unchanged = await _agent(gateway, owner, agent["id"])
    assert unchanged["version"] == 1 and unchanged["desiredState"] == "stopped"


ROUTES: list[tuple[str, str, str]] = [
    ("GET", "", "admin:read"),
    ("POST", "", "admin:write"),
    ("GET", "/{id}", "admin:read"),
    ("PUT", "/{id}", "admin:write"),
    ("DELETE", "/{id}", "admin:write"),
    ("GET", "/{id}/versions", "admin:read"),
    ("POST", "/{id}/start", "deployments:write"),
    ("POST", "/{id}/stop", "deployments:write"),
    ("GET", "/{id}/users", "admin:read"),
    ("POST", "/{id}/users", "admin:write"),
    ("DELETE", "/{id}/users", "admin:write"),
]


@pytest.mark.parametrize("role", [r.value for r in AdminRole])
@pytest.mark.parametrize("through", ["gateway", "identity"])
async def test_every_route_for_every_role(platform, gateway, make_token, role: str, through: str):
    """A role without the route's permission gets 403, through the gateway and at identity itself;
    one with it gets past the check (to the missing agent's 404, or the empty body's 422)."""
    import httpx

    headers = _admin(make_token, new_tenant(), role=role)
    missing = str(uuid.uuid4())
    base = platform.service_url("identity") if through == "identity" else None
    async with httpx.AsyncClient(base_url=base) if base else _nullcontext(gateway) as client:
        for method, suffix, permission in ROUTES:
            url = AGENTS + suffix.replace("{id}", missing)
            body = {} if method in ("POST", "PUT") else None
            params = {"userId": str(uuid.uuid4())} if method == "DELETE" and suffix.endswith("users") else None
            response = await client.request(method, url, json=body, params=params, headers=headers)
            if has_permission(role, permission):
                assert response.status_code in (200, 404, 422), (role, method, suffix, response.text)
            else:
                assert response.status_code == 403, (role, method, suffix, response.text)


class _nullcontext:
    def __init__(self, client):
        self.client = client

    async def __aenter__(self):
        return self.client

    async def __aexit__(self, *exc):
        return False


async def test_the_gateway_routes_every_agent_route_with_its_permission(gateway):
    spec = (await gateway.get("/openapi.json")).json()
    for method, suffix, permission in ROUTES:
        operation = spec["paths"][AGENTS + suffix.replace("{id}", "{agent_id}")][method.lower()]
        assert operation["x-permission"] == permission, (method, suffix, operation.get("x-permission"))


async def test_the_model_must_be_one_the_tenants_settings_allow(platform, gateway, make_token, kafka_producer):
    tenant = new_tenant()
    await _roomy(platform, kafka_producer, tenant)
    admin = _admin(make_token, tenant)
    allowed, other = await _model(gateway, make_token), await _model(gateway, make_token)
    agent = await _create(gateway, admin, other)  # before the tenant restricts its models
    response = await gateway.put("/api/v2/admin/settings", json={"agents": {"allowedModels": [allowed]}}, headers=admin)
    assert response.status_code == 200, response.text

    refused = await gateway.post(AGENTS, json=_config(other), headers=admin)
    assert refused.status_code == 422, refused.text
    [error] = refused.json()["errors"]
    assert error["field"] == "modelId" and "settings allow" in error["message"]
    assert (await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)).status_code == 422
    await _create(gateway, admin, allowed)


# --- concurrency ---------------------------------------------------------------------------------


async def test_concurrent_changes_each_get_their_own_version(gateway, make_token):
    admin = _admin(make_token, new_tenant())
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    temperatures = [0.3, 0.4, 0.5, 0.6, 0.8, 0.9]
    bodies = [_config(agent["modelId"], name=agent["name"], temperature=t) for t in temperatures]
    answers = await asyncio.gather(*(gateway.put(f"{AGENTS}/{agent['id']}", json=b, headers=admin) for b in bodies))
    assert [a.status_code for a in answers] == [200] * len(bodies), [a.text for a in answers]
    versions = (await gateway.get(f"{AGENTS}/{agent['id']}/versions", headers=admin)).json()["versions"]
    assert sorted(v["version"] for v in versions) == list(range(1, len(bodies) + 2))
    assert {v["configuration"]["temperature"] for v in versions[:-1]} == set(temperatures)
    current = await _agent(gateway, admin, agent["id"])
    assert current["version"] == len(bodies) + 1
    assert current["temperature"] == versions[0]["configuration"]["temperature"]  # the last one saved wins


async def test_concurrent_starts_ask_the_runtime_once(gateway, make_token, runtime):
    admin = _admin(make_token, new_tenant())
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    runtime.serve(agent["id"])
    answers = await asyncio.gather(*(gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin) for _ in range(5)))
    codes = sorted(a.status_code for a in answers)
    assert codes.count(202) == 1 and set(codes) <= {202, 409}, [a.text for a in answers]
    await _status(gateway, admin, agent["id"], "running")
    await asyncio.sleep(1)  # any second request would have reached the runtime by now
    assert len(runtime.requests_for(agent["id"], "start")) == 1


async def test_a_deleted_tenants_agents_are_stopped_and_deleted(gateway, make_token, runtime):
    operator = bearer(make_token(kind="operator"))
    body = {
        "name": f"Agents {uuid.uuid4().hex[:6]}",
        "environment": "dev",
        "superAdminEmail": "root@agents.example.com",
    }
    created = await gateway.post("/api/v2/saas/tenants", json=body, headers=operator)
    assert created.status_code == 201, created.text
    tenant = created.json()["tenant"]["id"]
    admin = _admin(make_token, tenant)
    agent = await _create(gateway, admin, await _model(gateway, make_token))
    runtime.serve(agent["id"])
    await gateway.post(f"{AGENTS}/{agent['id']}/start", headers=admin)
    await _status(gateway, admin, agent["id"], "running")

    deleted = await gateway.request(
        "DELETE", f"/api/v2/saas/tenants/{tenant}", json={"reason": "agents test"}, headers=operator
    )
    assert deleted.status_code == 200, deleted.text
    await runtime.wait_for_request(agent["id"], "deleted")
    kinds = [t for t, e in runtime.requests if e["data"]["agent_id"] == agent["id"]]
    assert kinds[-2:] == ["radiant.agent.stop_requested.v1", "radiant.agent.deleted.v1"]
