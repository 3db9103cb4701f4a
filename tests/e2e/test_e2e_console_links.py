"""Every link the platform emails opens the console's page for it, and the pages a browser opens from
them (issue 16).

Each kind of email is produced the way the platform produces it — an invitation, a password reset, an
approval waiting for a decision (tenant and platform), billing's invoice, failed payment and budget
events, metering's quota threshold — received over the stack's real SMTP server (MailDev), and its
link's path is the console's page for it (`radiant_platform.console_links`), which the gateway
answers with the console's index.html. Then the console's browser suite for these pages
(console/tests/docs-and-links.spec.ts): the API reference (/docs) and a service's events
(/docs/asyncapi/<service>) render with every request outside the stack refused; the emailed reset
link sets a new password; the emailed reject link opens the request with "reject" chosen and decides
nothing until the person confirms; and no tenant screen scrolls sideways on a 1024-px-wide window.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import redis.asyncio as aioredis

from radiant_contracts import make_event
from radiant_contracts.events.billing import (
    BillingPeriod,
    BudgetThresholdCrossed,
    InvoiceCreated,
    InvoicePaymentFailed,
)
from radiant_contracts.events.metering import QuotaThresholdCrossed
from radiant_testing import bearer
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant

CONSOLE = Path(__file__).resolve().parents[2] / "console"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SPEC = "tests/docs-and-links.spec.ts"
URL = r"https?://[^\s\"'<>]+"


def _links(mail: dict) -> list[str]:
    return re.findall(URL, mail["text"])


def _only_link(mail: dict, path_pattern: str) -> str:
    """The one link of the email whose path matches `path_pattern` (a regex, whole path)."""
    found = [link for link in _links(mail) if re.fullmatch(path_pattern, urlsplit(link).path)]
    assert len(found) == 1, (path_pattern, mail["text"])
    return found[0]


async def _answers_the_console(link: str) -> None:
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(link)
    assert page.status_code == 200, (link, page.status_code)
    assert "<radiant-app>" in page.text, link  # the console's index.html, which routes to the page


async def _publish(kafka_producer, payload, tenant: str, source: str) -> None:
    event = make_event(payload, tenant_id=tenant, source=source)
    await kafka_producer.send_and_wait(event.topic, event.to_bytes(), key=event.kafka_key())


SERVICES = ("identity", "approval", "metering", "billing", "audit")


@pytest.fixture
async def _forget_reset_request_counts(platform):
    """Every test asks for reset links from 127.0.0.1: other runs' requests this hour must not have used
    up the address's allowance (as test_identity_reset_page does)."""
    redis = aioredis.from_url(platform["REDIS_URL"])
    keys = [k async for k in redis.scan_iter("identity:*pwreset:*")]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


async def test_the_api_reference_pages_are_the_platforms_own_under_its_policy(platform, gateway):
    docs = await gateway.get("/docs")
    assert docs.status_code == 200 and docs.headers["content-type"].startswith("text/html")
    scripts = re.findall(r"<script[^>]*>", docs.text)
    assert scripts and all(re.search(r'src="/console/assets/[^"]+\.js"', tag) for tag in scripts), scripts
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", docs.text) is None  # no inline script
    policy = docs.headers["content-security-policy"]
    assert "script-src 'self';" in policy and "unsafe" not in policy and "connect-src 'self'" in policy

    events = await gateway.get("/docs/asyncapi/identity")
    assert events.status_code == 200
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", events.text) is None
    # the one allowance, on this page only: the AsyncAPI parser's validators are compiled at run time
    assert "script-src 'self' 'unsafe-eval';" in events.headers["content-security-policy"]
    assert "unsafe-inline" not in events.headers["content-security-policy"]
    assert (await gateway.get("/docs/asyncapi/nobody")).status_code == 404

    async with httpx.AsyncClient(timeout=10) as client:
        for service in SERVICES:
            url = platform[f"{service.upper()}_URL"]
            sent = await client.get(f"{url}/asyncapi")
            assert sent.status_code == 307, (service, sent.status_code)
            assert sent.headers["location"] == f"{platform['GATEWAY_URL']}/docs/asyncapi/{service}"
            own = (await client.get(f"{url}/asyncapi.json")).json()
            relayed = await gateway.get(f"/docs/asyncapi/{service}/asyncapi.json")
            assert relayed.status_code == 200 and relayed.json()["info"] == own["info"], service


@pytest.mark.usefixtures("_forget_reset_request_counts")
async def test_every_emailed_link_opens_the_consoles_page_for_it(
    platform, gateway, inbox, onboard, invite, make_token, kafka_producer, onboard_operator, operator_login
):
    tenant = new_tenant()
    first = await onboard(tenant, role="super_admin", environment="prod")
    second = await onboard(tenant, role="super_admin", environment="prod")
    first_token = make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=first.id)
    checked: dict[str, str] = {}

    # an invitation (as every administrator is invited)
    _, _, mail = await invite(new_tenant(), new_email("invitee"))
    checked["invitation"] = _only_link(mail, r"/console/accept-invitation")

    # an approval waiting for the other super_admin: approve and reject, each with its decision
    filed = await gateway.post(
        "/api/v2/admin/invitations", json={"email": new_email(), "role": "admin"}, headers=bearer(first_token)
    )
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["pendingApproval"]["id"]
    mail = await inbox.wait_for(second.email, subject_contains="Approval Required")
    for decision in ("approve", "reject"):
        links = [u for u in _links(mail) if urlsplit(u).path == f"/console/approvals/{approval_id}"]
        chosen = [u for u in links if parse_qs(urlsplit(u).query).get("decision") == [decision]]
        assert len(chosen) == 1, mail["text"]
        checked[f"approval {decision}"] = chosen[0]

    # a forgotten password
    asked = await gateway.post("/api/v2/auth/password/forgot", json={"email": first.email})
    assert asked.status_code == 202, asked.text
    mail = await inbox.wait_for(first.email, subject_contains="Reset your")
    checked["password reset"] = _only_link(mail, r"/console/reset-password")
    assert "kind" not in parse_qs(urlsplit(checked["password reset"]).query)

    # billing's events, as billing publishes them: an invoice, its failed payment, the budget
    invoice_id = str(uuid.uuid4())
    period = BillingPeriod(start=date.today().replace(day=1), end=date.today())
    invoice = {"invoice_id": invoice_id, "number": f"INV-{uuid.uuid4().hex[:8]}", "period": period}
    money = {"total": Decimal("12.50"), "currency": "USD"}
    await _publish(
        kafka_producer,
        InvoiceCreated(
            **invoice,
            **money,
            subtotal=Decimal("12.50"),
            margin_percent=Decimal("0"),
            tax=Decimal("0"),
            tax_percent=Decimal("0"),
            due_date=datetime.now(UTC) + timedelta(days=14),
        ),
        tenant,
        "radiant/billing",
    )
    await _publish(
        kafka_producer,
        InvoicePaymentFailed(**invoice, **money, failure_reason="card declined"),
        tenant,
        "radiant/billing",
    )
    await _publish(
        kafka_producer,
        BudgetThresholdCrossed(
            threshold_percent=90, period=period, budget_limit=Decimal("100"), month_to_date_cost=Decimal("91")
        ),
        tenant,
        "radiant/billing",
    )
    mail = await inbox.wait_for(first.email, subject_contains=f"New invoice {invoice['number']}")
    checked["invoice"] = _only_link(mail, rf"/console/billing/invoices/{invoice_id}")
    mail = await inbox.wait_for(first.email, subject_contains=f"Payment failed for invoice {invoice['number']}")
    checked["payment failed"] = _only_link(mail, rf"/console/billing/invoices/{invoice_id}")
    mail = await inbox.wait_for(first.email, subject_contains="Budget 90% reached")
    checked["budget"] = _only_link(mail, r"/console/billing")

    # metering's quota threshold: the billing page with the upgrade prompt open
    await _publish(
        kafka_producer,
        QuotaThresholdCrossed(
            resource="tokens",
            unit="tokens",
            threshold_percent=80,
            current=800,
            limit=1000,
            percentage=80,
            period_start=date.today().replace(day=1),
            period_end=date.today(),
        ),
        tenant,
        "radiant/metering",
    )
    mail = await inbox.wait_for(first.email, subject_contains="Tokens quota at 80%")
    checked["quota"] = _only_link(mail, r"/console/billing")
    assert parse_qs(urlsplit(checked["quota"]).query) == {"upgrade": ["1"]}

    # operators: an invitation, a forgotten password, a platform approval waiting for another operator
    requester = await onboard_operator(role="platform_admin")
    decider = await onboard_operator(role="platform_admin")
    operator = bearer(await _operator_token(operator_login, requester))
    await _operator_token(operator_login, decider)  # signed in lately: among those told
    invited = new_email("operator")
    sent = await gateway.post(
        "/api/v2/saas/operators/invitations",
        json={"email": invited, "name": "Iris Invited", "role": "platform_support"},
        headers=operator,
    )
    assert sent.status_code in (200, 201), sent.text
    mail = await inbox.wait_for(invited, subject_contains="invited to operate")
    checked["operator invitation"] = _only_link(mail, r"/console/accept-invitation")
    assert parse_qs(urlsplit(checked["operator invitation"]).query)["kind"] == ["operator"]

    asked = await gateway.post("/api/v2/saas/auth/password/forgot", json={"email": decider.email})
    assert asked.status_code == 202, asked.text
    mail = await inbox.wait_for(decider.email, subject_contains="Reset your")
    checked["operator password reset"] = _only_link(mail, r"/console/reset-password")
    assert parse_qs(urlsplit(checked["operator password reset"]).query)["kind"] == ["operator"]

    created = await gateway.post(
        "/api/v2/saas/tenants",
        json={"name": f"Links {uuid.uuid4().hex[:8]}", "environment": "prod", "superAdminEmail": new_email("owner")},
        headers=operator,
    )
    assert created.status_code == 201, created.text
    deletion = await gateway.request(
        "DELETE",
        f"/api/v2/saas/tenants/{created.json()['tenant']['id']}",
        json={"reason": "links test"},
        headers=operator,
    )
    assert deletion.status_code == 202, deletion.text
    platform_approval = deletion.json()["approval"]["id"]
    mail = await inbox.wait_for(decider.email, subject_contains="Approval Required: delete_tenant")
    pages = [u for u in _links(mail) if urlsplit(u).path == f"/console/platform/approvals/{platform_approval}"]
    assert {urlsplit(u).query for u in pages} == {"", "decision=approve", "decision=reject"}, mail["text"]
    checked["platform approval"] = pages[0]

    for kind, link in checked.items():
        assert urlsplit(link).netloc == urlsplit(platform["GATEWAY_URL"]).netloc, (kind, link)
        await _answers_the_console(link)


@pytest.mark.usefixtures("_forget_reset_request_counts")
async def test_the_docs_and_the_emailed_pages_in_a_browser(platform, gateway, inbox, onboard, make_token, tmp_path):
    tenant = new_tenant()
    requester = await onboard(tenant, role="super_admin", environment="prod")
    approver = await onboard(tenant, role="super_admin", environment="prod")
    filed = await gateway.post(
        "/api/v2/admin/invitations",
        json={"email": new_email(), "role": "admin"},
        headers=bearer(make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=requester.id)),
    )
    assert filed.status_code == 202, filed.text
    approval_id = filed.json()["pendingApproval"]["id"]
    mail = await inbox.wait_for(approver.email, subject_contains="Approval Required")
    reject = next(u for u in _links(mail) if u.endswith(f"/approvals/{approval_id}?decision=reject"))

    forgetful = await onboard(new_tenant(), email=new_email("forgot"), role="auditor")  # dev: no second factor
    asked = await gateway.post("/api/v2/auth/password/forgot", json={"email": forgetful.email})
    assert asked.status_code == 202, asked.text
    reset = _only_link(await inbox.wait_for(forgetful.email, subject_contains="Reset your"), r"/console/reset-password")

    fixtures = tmp_path / "links.json"
    fixtures.write_text(
        json.dumps(
            {
                "gatewayUrl": platform["GATEWAY_URL"],
                "identityUrl": platform["IDENTITY_URL"],
                "password": PASSWORD,
                "approver": {"email": approver.email, "totpSecret": approver.totp_secret},
                "approval": {"id": approval_id, "rejectLink": reject},
                "reset": {"link": reset, "email": forgetful.email},
            }
        )
    )
    run = _playwright(SPEC, {"CONSOLE_LINKS_FIXTURES": str(fixtures)}, tmp_path)
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-4000:]


# --- helpers ----------------------------------------------------------------------------------------


async def _operator_token(operator_login, operator) -> str:
    response = await operator_login(operator)
    assert response.status_code == 200, response.text
    return response.json()["accessToken"]


def _playwright(spec: str, extra_env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    npx = shutil.which("npx")
    assert npx, "Node.js and npm are needed (the stack's install step brings the console's packages)"
    assert (CONSOLE / "node_modules" / "@playwright" / "test").is_dir(), "run `make up` (npm ci in console/)"
    # each screen's render time lands in CONSOLE_TIMINGS (tests/e2e/conftest.py prints the table)
    timings = Path(os.environ.get("CONSOLE_TIMINGS") or tmp_path / "timings.jsonl")
    env = {
        **os.environ,
        **extra_env,
        "GATEWAY_URL": os.environ.get("GATEWAY_URL", "http://127.0.0.1:8000"),
        "CHROMIUM_PATH": CHROMIUM,
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
        "CONSOLE_TIMINGS": str(timings),
    }
    run = subprocess.run(
        [npx, "playwright", "test", spec], cwd=CONSOLE, env=env, capture_output=True, text=True, timeout=280
    )
    print(run.stdout)
    return run
