"""The tenant administrators' console screens in a real browser: agents, settings, usage, billing, the
quota warning and the upgrade prompt (console/tests/tenant.spec.ts, headless Chromium from Debian's
package), against this stack with data made the way the platform makes it — a prod tenant's first
super_admin onboarded through identity's own invitation flow, a plan with a members limit the tenant
is at (billing's subscription.changed), an agent, usage events published to Kafka as the producers
publish them (two models, one of them through the agent), metered before the browser starts, and an
invoice generated through billing's API. `make console-screenshots` runs it with CONSOLE_SCREENSHOTS."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import uuid
from datetime import UTC, datetime

from radiant_contracts import make_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.sources import USAGE_PRODUCER
from radiant_testing import bearer, eventually
from radiant_testing.onboarding import PASSWORD, new_tenant
from radiant_testing.plans import give_plan

CONSOLE = os.path.join(os.path.dirname(__file__), "..", "..", "console")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BUDGET_ALERTS = [50, 80, 100]
#: (model, input tokens, output tokens, through the agent?) — one event each
USAGE = [("gpt-4o", 1200, 300, True), ("gpt-4o", 800, 200, True), ("gpt-4o-mini", 500, 100, False)]


def _usage_event(tenant_id: str, model: str, tokens_in: int, tokens_out: int, agent_id: str | None):
    payload = UsageRecorded(
        request_id=f"req-{uuid.uuid4().hex}",
        provider_id="openai",
        model_id=model,
        model_name=model,
        request_type="chat",
        input_tokens=tokens_in,
        output_tokens=tokens_out,
        latency_ms=120,
        app_id="console-e2e",
        environment="prod",
        agent_id=agent_id,
        occurred_at=datetime.now(UTC),
    )
    return make_event(payload, tenant_id=tenant_id, source=USAGE_PRODUCER)


async def _agent(gateway, admin: dict[str, str], name: str) -> dict:
    created = await gateway.post(
        "/api/v2/admin/agents", headers=admin, json={"name": name, "modelId": "gpt-4o", "systemPrompt": "Be brief."}
    )
    assert created.status_code == 201, created.text
    return created.json()["agent"]


async def _metered(gateway, admin: dict[str, str], requests: int) -> dict:
    """The usage screen's answer once metering holds every event (what the browser then shows)."""

    async def usage() -> dict:
        return (await gateway.get("/api/v2/admin/usage", headers=admin)).json()

    return await eventually(usage, until=lambda u: u["days"]["totals"]["requests"] == requests, what="usage metered")


async def _invoice(gateway, admin: dict[str, str]) -> dict:
    """An invoice for the current period as billing's own tests generate one (its usage on lines)."""
    period = (await gateway.get("/api/v2/admin/billing", headers=admin)).json()["currentPeriod"]["period"]
    generated = await gateway.post(
        "/api/v2/billing/generate",
        headers=admin,
        json={"periodStart": period["start"], "periodEnd": period["end"], "sendToStripe": False},
    )
    assert generated.status_code in (200, 201), generated.text
    return generated.json()


async def _budget(gateway, make_token, admin: dict[str, str], tenant_id: str) -> None:
    """A budget with alert thresholds, as a prod tenant sets one: filed by the owner, approved by two other
    super_admins (with a fresh second factor), carried out by billing."""
    filed = await gateway.put(
        "/api/v2/billing/settings", headers=admin, json={"budgetLimit": "1.00", "alertThresholds": BUDGET_ALERTS}
    )
    assert filed.status_code == 202, filed.text
    for _ in range(2):  # a billing change in prod takes two approvals, neither the requester's
        approver = bearer(
            make_token(role="super_admin", tenant_id=tenant_id, environment="prod", mfa_time=int(time.time()))
        )
        decided = await gateway.post(
            f"/api/v2/admin/approvals/{filed.json()['approvalId']}/process",
            json={"action": "approve"},
            headers=approver,
        )
        assert decided.status_code == 200, decided.text

    async def settings() -> dict:
        return (await gateway.get("/api/v2/billing/settings", headers=admin)).json()

    await eventually(settings, until=lambda b: b["budgetLimit"] is not None, what="the budget set")


async def test_the_tenant_screens_in_a_browser(platform, gateway, onboard, make_token, kafka_producer, stack, tmp_path):
    tenant = new_tenant()
    owner = await onboard(tenant, role="super_admin", environment="prod")
    # at the members limit (the owner is the one member), with room for agents
    await give_plan(stack, kafka_producer, tenant, max_users=1, max_agents=10, max_tokens_per_month=None)
    admin = bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=owner.id))
    agent = await _agent(gateway, admin, f"Support bot {uuid.uuid4().hex[:6]}")
    for model, tokens_in, tokens_out, through_agent in USAGE:
        event = _usage_event(tenant, model, tokens_in, tokens_out, agent["id"] if through_agent else None)
        await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())
    usage = await _metered(gateway, admin, len(USAGE))
    invoice = await _invoice(gateway, admin)
    await _budget(gateway, make_token, admin, tenant)
    fixtures = tmp_path / "tenant-fixtures.json"
    fixtures.write_text(
        json.dumps(
            {
                "gatewayUrl": platform["GATEWAY_URL"],
                "tenantId": tenant,
                "password": PASSWORD,
                "admin": {"id": owner.id, "email": owner.email, "totpSecret": owner.totp_secret},
                "agent": {"id": agent["id"], "name": agent["name"]},
                "usage": {
                    "requests": len(USAGE),
                    "totalTokens": usage["days"]["totals"]["totalTokens"],
                    "models": sorted({m for m, *_ in USAGE}),
                },
                "invoice": {"id": invoice["id"], "number": invoice["number"]},
                "budgetAlerts": BUDGET_ALERTS,
            }
        )
    )
    env = {
        **os.environ,
        "CONSOLE_TENANT_FIXTURES": str(fixtures),
        "GATEWAY_URL": platform["GATEWAY_URL"],
        "CHROMIUM_PATH": CHROMIUM,
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
    }
    npx = shutil.which("npx")
    assert npx, "Node.js and npm are needed (the stack's install step brings the console's packages)"
    run = subprocess.run(
        [npx, "playwright", "test", "tests/tenant.spec.ts"],
        cwd=CONSOLE,
        env=env,
        capture_output=True,
        text=True,
        timeout=280,
    )
    print(run.stdout)  # the per-screen render times (`render <screen>: N ms`), shown with -s
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-4000:]
