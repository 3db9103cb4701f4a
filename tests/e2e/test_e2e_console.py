"""The admin console in a real browser, and its typed client against the API it calls.

The Playwright suite (console/tests, headless Chromium from Debian's package) drives the console the
gateway serves against this stack: sign-in with TOTP, invite → emailed link → accept with TOTP →
sign-in, members, a prod role change approved by a second administrator, approvals, the audit log,
silent refresh and sign-out, an operator's suspension signing the tenant's open console out, with an
axe scan of every screen. This test makes what the suite signs in with — a prod tenant and two
super_admins (enrolled through identity's own invitation flow), an approval another administrator
filed, a dev tenant an operator created — and runs it. `make console-screenshots` runs it with
CONSOLE_SCREENSHOTS set."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

from radiant_testing import bearer, eventually
from radiant_testing.onboarding import PASSWORD, new_email, new_tenant, token_from_email

CONSOLE = Path(__file__).resolve().parents[2] / "console"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
#: generate-client.mjs's exit code for a merged document that lacks a service
INCOMPLETE = 2


def _npx() -> str:
    npx = shutil.which("npx")
    assert npx, "Node.js and npm are needed (the stack's install step brings the console's packages)"
    assert (CONSOLE / "node_modules" / "@playwright" / "test").is_dir(), "run `make up` (npm ci in console/)"
    return npx


async def test_the_committed_api_client_is_what_the_gateways_openapi_generates(gateway, tmp_path):
    spec = tmp_path / "openapi.json"

    async def check() -> subprocess.CompletedProcess[str]:
        spec.write_text((await gateway.get("/openapi.json")).text)
        return subprocess.run(
            ["node", "scripts/generate-client.mjs", "--check", str(spec)],
            cwd=CONSOLE,
            capture_output=True,
            text=True,
            timeout=120,
        )

    # exit 2: the gateway merged a document while a service restarted (it lacks its routes); ask again
    checked = await eventually(check, until=lambda r: r.returncode != INCOMPLETE, timeout=60, interval=2)
    assert checked.returncode == 0, checked.stderr + checked.stdout


async def _operators_tenant(gateway, inbox, operator_token: str) -> tuple[str, str]:
    """A dev tenant as an operator creates one, its first super_admin's emailed invitation accepted."""
    email = new_email("owner")
    created = await gateway.post(
        "/api/v2/saas/tenants",
        json={"name": f"Console {uuid.uuid4().hex[:8]}", "environment": "dev", "superAdminEmail": email},
        headers=bearer(operator_token),
    )
    assert created.status_code == 201, created.text
    token = token_from_email(await inbox.wait_for(email))
    accept = {"token": token, "firstName": "Ada", "lastName": "Owner", "password": PASSWORD}
    accepted = await gateway.post("/api/v2/admin/invitations/accept", json=accept)
    assert accepted.status_code == 200, accepted.text
    return created.json()["tenant"]["id"], email


async def test_the_console_in_a_browser(platform, gateway, inbox, onboard, make_token, tmp_path):
    tenant = new_tenant()
    admin = await onboard(tenant, role="super_admin", environment="prod")
    approver = await onboard(tenant, role="super_admin", environment="prod")  # decides what `admin` requests
    requester = make_token(role="super_admin", tenant_id=tenant, environment="prod", subject=str(uuid.uuid4()))
    resource = f"release-{uuid.uuid4().hex[:10]}"
    filed = await gateway.post(
        "/api/v2/admin/approvals",
        headers=bearer(requester),
        json={
            "type": "deployment",
            "action": "deploy",
            "resourceType": "release",
            "resourceId": resource,
            "details": {"version": "3.1.0"},
        },
    )
    assert filed.status_code == 201, filed.text
    operator = make_token(kind="operator", role="platform_admin", subject=str(uuid.uuid4()), email=new_email("op"))
    suspended_tenant, owner = await _operators_tenant(gateway, inbox, operator)
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(
        json.dumps(
            {
                "gatewayUrl": platform["GATEWAY_URL"],
                "mailApiUrl": platform["MAIL_API_URL"],
                "tenantId": tenant,
                "password": PASSWORD,
                "admin": {"email": admin.email, "totpSecret": admin.totp_secret},
                "approver": {"email": approver.email, "totpSecret": approver.totp_secret},
                "approval": {"id": filed.json()["approval"]["id"], "resourceId": resource},
                "suspension": {"tenantId": suspended_tenant, "email": owner, "operatorToken": operator},
            }
        )
    )
    env = {
        **os.environ,
        "CONSOLE_E2E_FIXTURES": str(fixtures),
        "GATEWAY_URL": platform["GATEWAY_URL"],
        "CHROMIUM_PATH": CHROMIUM,
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
    }
    npx = _npx()
    typed = subprocess.run([npx, "tsc", "-p", "tsconfig.tests.json"], cwd=CONSOLE, capture_output=True, text=True)
    assert typed.returncode == 0, typed.stdout + typed.stderr  # the suite itself type-checks
    run = subprocess.run([npx, "playwright", "test"], cwd=CONSOLE, env=env, capture_output=True, text=True, timeout=280)
    print(run.stdout)  # the per-screen render times (`render <screen>: N ms`), shown with -s
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-4000:]
