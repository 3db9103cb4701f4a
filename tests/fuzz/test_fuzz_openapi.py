"""Schemathesis over the gateway's merged OpenAPI document (issue 12, "Proof, kept in the suite").

Every published operation is called through the gateway by the principal its permission is for —
a tenant super_admin (a real one, onboarded through identity), a platform operator, a producer's
service key (see hooks.py) — with generated valid and invalid input, and schemathesis' checks hold
(schemathesis.toml): no 5xx; each response's status code, content type and body as documented,
errors as problem+json; schema-valid requests accepted, schema-violating ones refused; a 405 names
the path's methods in Allow; a route that needs a token refuses a call without one.

Bounded for `make test` (a few examples per operation, a fixed seed: the same generated cases every run);
`make fuzz` runs the same test longer (FUZZ_MAX_EXAMPLES, FUZZ_MAX_TIME, FUZZ_PHASES, FUZZ_SEED).
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import timedelta
from pathlib import Path

import httpx
import pytest

from radiant_testing import bearer
from radiant_testing.onboarding import new_tenant

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
CONFIG = Path(__file__).with_name("schemathesis.toml")
ST = Path(sys.executable).with_name("st")

MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "8"))
PHASES = os.environ.get("FUZZ_PHASES", "examples,coverage,fuzzing")
SEED = os.environ.get("FUZZ_SEED")  # schemathesis.toml fixes one; `make fuzz FUZZ_SEED=…` explores others
MAX_TIME = os.environ.get("FUZZ_MAX_TIME")  # seconds: fuzzing (and stateful) repeat until spent
# The run itself is bounded by the budget above; this only stops a hung one.
RUN_TIMEOUT = int(MAX_TIME or 0) + 420


async def _service_key(gateway: httpx.AsyncClient, admin_headers: dict[str, str]) -> str:
    """A producer's key for the usage routes, created as an administrator creates one."""
    body = {"name": "fuzz producer", "scopes": ["usage:write", "quota:read"]}
    created = await gateway.post("/api/v2/admin/api-keys", json=body, headers=admin_headers)
    assert created.status_code == 201, created.text
    return str(created.json()["secret"])


def _command() -> list[str]:
    command = [str(ST), "--config-file", str(CONFIG), "run", "--phases", PHASES, "--max-examples", str(MAX_EXAMPLES)]
    if SEED:
        command += ["--seed", SEED]
    if MAX_TIME:
        command += ["--max-time", MAX_TIME]
    return command


@pytest.mark.timeout(RUN_TIMEOUT + 60)
async def test_every_operation_answers_as_its_openapi_document_says(gateway, platform, onboard, make_token):
    tenant = new_tenant()
    admin = await onboard(tenant, role="super_admin")
    # Long enough for `make fuzz`; the run makes every call with these three.
    lifetime = timedelta(seconds=RUN_TIMEOUT + 300)
    tenant_token = make_token(role="super_admin", tenant_id=tenant, subject=admin.id, ttl=lifetime)
    env = {
        **os.environ,
        "FUZZ_TENANT_TOKEN": tenant_token,
        "FUZZ_OPERATOR_TOKEN": make_token(kind="operator", role="platform_admin", amr=["pwd", "otp"], ttl=lifetime),
        "FUZZ_SERVICE_KEY": await _service_key(gateway, bearer(tenant_token)),
        # billing's webhook secret (its development default unless the stack names one), to sign events
        "FUZZ_STRIPE_WEBHOOK_SECRET": platform.env.get("BILLING_STRIPE_WEBHOOK_SECRET", "whsec_test_dev"),
        "NO_COLOR": "1",
    }
    schema_url = f"{platform.service_url('gateway')}/openapi.json"
    logs = platform.log_offsets()
    process = await asyncio.create_subprocess_exec(
        *_command(),
        schema_url,
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await asyncio.wait_for(process.communicate(), timeout=RUN_TIMEOUT)
    except TimeoutError:
        process.kill()
        raise
    report = output.decode(errors="replace")
    print(report)  # `make fuzz` shows it (-s); a failing `make test` shows it with the failure
    if process.returncode != 0:
        errors = "\n".join(platform.errors_logged_since(logs)) or "(none)"
        pytest.fail(f"{report[-20_000:]}\n\nERROR lines the services logged during the run:\n{errors}")
