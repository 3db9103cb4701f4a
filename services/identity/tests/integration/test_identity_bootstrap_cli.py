"""`radiant bootstrap`: a tenant, tenant.created on tenant-events, and a working super_admin invitation."""

from __future__ import annotations

import asyncio
import json
import os
import sys
import uuid

from radiant_testing import event_json, tail_topic


async def test_bootstrap_creates_tenant_and_super_admin_invitation(platform, gateway):
    email = f"founder-{uuid.uuid4().hex[:8]}@example.com"
    async with tail_topic(platform, "tenant-events") as tenants:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "radiant_identity.cli",
            "bootstrap",
            "--tenant",
            "Acme <Health>",
            "--email",
            email,
            "--environment",
            "dev",
            env={**os.environ, **platform.env},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await process.communicate()
        assert process.returncode == 0, err.decode()
        result = json.loads(out.decode().strip().splitlines()[-1])
        assert set(result) == {"tenantId", "invitationId", "token", "acceptUrl"}
        assert result["acceptUrl"].endswith(f"/accept-invitation?token={result['token']}")

        created = await tenants.wait_for(lambda r: event_json(r)["tenantid"] == result["tenantId"])
        event = event_json(created[0])
        assert event["type"] == "radiant.tenant.created.v1"
        assert event["data"]["name"] == "Acme <Health>" and event["data"]["environment"] == "dev"

    accepted = await gateway.post(
        "/api/v2/admin/invitations/accept",
        json={
            "token": result["token"],
            "firstName": "Fay",
            "lastName": "Founder",
            "password": "correct horse battery staple",
        },
    )
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["adminUser"]["role"] == "super_admin"


async def test_bootstrap_refuses_bad_arguments(platform):
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "radiant_identity.cli",
        "bootstrap",
        "--tenant",
        "X",
        "--email",
        "nope",
        "--environment",
        "qa",
        env={**os.environ, **platform.env},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    _, err = await process.communicate()
    assert process.returncode == 2
    assert b"--email" in err  # argparse reports the first invalid argument and exits 2
