"""The operators' console in a real browser (console/tests/platform.spec.ts, headless Chromium from
Debian's package) against this stack: a second operator invited with identity's own command opens
the invitation's link and accepts on the console's page (authenticator and recovery codes shown once);
an operator accepted over HTTP signs in with TOTP, sees the platform's stats, creates a tenant through the modal (a field
error first), finds it by search and filters, suspends and reactivates it with a reason, impersonates
it (the banner, then "End"), adds and edits a subscription tier, reads health and revenue, and
rejects a prod tenant's deletion another operator filed, from the link the approval email carries;
with an axe scan of every platform screen. This test makes the operator and that approval and passes
them in CONSOLE_PLATFORM_FIXTURES. `make console-screenshots` runs it with CONSOLE_SCREENSHOTS."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import uuid

from radiant_testing import bearer
from radiant_testing.onboarding import new_email
from radiant_testing.operators import (  # noqa: F401 - the fixture
    OPERATOR_PASSWORD,
    bootstrap_operator,
    new_operator_email,
    onboard_operator,
)

CONSOLE = os.path.join(os.path.dirname(__file__), "..", "..", "console")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SPEC = "tests/platform.spec.ts"


async def _deletion_waiting_for_approval(gateway, requester: str) -> dict[str, str]:
    """A prod tenant another operator asked to delete: the approval the console's operator decides."""
    created = await gateway.post(
        "/api/v2/saas/tenants",
        json={"name": f"Prod {uuid.uuid4().hex[:8]}", "environment": "prod", "superAdminEmail": new_email("owner")},
        headers=bearer(requester),
    )
    assert created.status_code == 201, created.text
    tenant_id = created.json()["tenant"]["id"]
    deletion = await gateway.request(
        "DELETE", f"/api/v2/saas/tenants/{tenant_id}", json={"reason": "customer left"}, headers=bearer(requester)
    )
    assert deletion.status_code == 202, deletion.text
    return {"id": deletion.json()["approval"]["id"], "tenantId": tenant_id}


async def test_the_operators_console_in_a_browser(platform, gateway, onboard_operator, make_token, tmp_path):  # noqa: F811
    operator = await onboard_operator(name="Petra Platform")
    requester = make_token(kind="operator", role="platform_admin", subject=str(uuid.uuid4()), email=new_email("op"))
    approval = await _deletion_waiting_for_approval(gateway, requester)
    # The link the invitation email carries (the command prints the same one it mails).
    invited = await bootstrap_operator(platform, new_operator_email("invited"), "Ines Invited", role="platform_support")
    fixtures = tmp_path / "fixtures.json"
    fixtures.write_text(
        json.dumps(
            {
                "gatewayUrl": platform["GATEWAY_URL"],
                "tag": uuid.uuid4().hex[:8],
                "operator": {
                    "email": operator.email,
                    "name": operator.name,
                    "password": OPERATOR_PASSWORD,
                    "totpSecret": operator.totp_secret,
                },
                "approval": approval,
                "invitation": {"link": invited["acceptUrl"], "name": "Ines Invited"},
            }
        )
    )
    env = {
        **os.environ,
        "CONSOLE_PLATFORM_FIXTURES": str(fixtures),
        "GATEWAY_URL": platform["GATEWAY_URL"],
        "CHROMIUM_PATH": CHROMIUM,
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1",
    }
    npx = shutil.which("npx")
    assert npx, "Node.js and npm are needed (the stack's install step brings the console's packages)"
    run = subprocess.run(
        [npx, "playwright", "test", SPEC], cwd=CONSOLE, env=env, capture_output=True, text=True, timeout=420
    )
    print(run.stdout)  # the per-screen render times (`render <screen>: N ms`), shown with -s
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-4000:]
