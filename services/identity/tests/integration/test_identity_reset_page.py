"""The emailed password reset link (the console's page), followed in a real browser on identity's reset page (served through
the gateway under its own policy) posts the token to the route of the account the link was sent for —
an operator's link (`kind=operator`) to the platform's, a tenant administrator's to the tenant one —
and the new password then signs in."""

from __future__ import annotations

import asyncio
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis

from radiant_testing.node import node_executable
from radiant_testing.onboarding import new_email, new_tenant

PAGE_SCRIPT = Path(__file__).parent / "browser" / "reset_password_page.mjs"
PLAYWRIGHT = Path(__file__).resolve().parents[4] / "console" / "node_modules" / "playwright-core"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
NEW_PASSWORD = "a page-set passphrase 42"


@pytest.fixture(autouse=True)
async def _forget_reset_request_counts(platform):
    """Every test request comes from 127.0.0.1: earlier runs' reset requests must not have used up
    this hour's allowance."""
    redis = aioredis.from_url(platform["REDIS_URL"])
    keys = [k async for k in redis.scan_iter("identity:*pwreset:*")]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


def _link(message: dict[str, Any]) -> str:
    match = re.search(r"(https?://\S+/reset-password\?token=[A-Za-z0-9_\-%]+(?:&kind=operator)?)", message["text"])
    assert match, message["text"]
    return match.group(1)


def _identitys_page(link: str) -> str:
    """The link opens the console's reset page; identity's own page (the same path off the gateway's
    root) still answers links sent before, and is what this test drives."""
    assert "/console/reset-password?" in link, link
    return link.replace("/console/reset-password?", "/reset-password?")


async def _reset_in_the_browser(link: str, new_password: str) -> dict[str, Any]:
    """What the page did when the new password was submitted: the API path it posted to, the answer's
    status, and the text it showed."""
    assert (PLAYWRIGHT / "package.json").is_file(), "run `make up` (npm ci in console/ brings Playwright)"
    ran = await asyncio.to_thread(
        subprocess.run,
        [node_executable(), str(PAGE_SCRIPT), link, new_password],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "PLAYWRIGHT_FROM": str(PLAYWRIGHT / "package.json"), "CHROMIUM_PATH": CHROMIUM},
    )
    assert ran.returncode == 0, ran.stderr + ran.stdout
    return json.loads(ran.stdout.strip().splitlines()[-1])


async def test_an_operators_emailed_link_resets_the_operator_password_on_the_page(gateway, inbox, onboard_operator):
    operator = await onboard_operator()
    asked = await gateway.post("/api/v2/saas/auth/password/forgot", json={"email": operator.email})
    assert asked.status_code == 202, asked.text
    link = _identitys_page(_link(await inbox.wait_for(operator.email, subject_contains="Reset your")))
    assert link.endswith("&kind=operator")

    shown = await _reset_in_the_browser(link, NEW_PASSWORD)
    assert shown["posted"] == "/api/v2/saas/auth/password/reset" and shown["status"] == 200, shown
    assert shown["error"] == "" and "Password reset" in shown["done"]
    assert shown["violations"] == []  # the page runs under its policy without a refusal

    signed_in = await gateway.post(
        "/api/v2/saas/auth/login",
        json={"email": operator.email, "password": NEW_PASSWORD, "totpCode": await operator.fresh_totp()},
    )
    assert signed_in.status_code == 200, signed_in.text


async def test_a_tenant_administrators_emailed_link_still_resets_on_the_tenant_route(gateway, inbox, onboard):
    admin = await onboard(new_tenant(), email=new_email("reset-page"), role="auditor")
    asked = await gateway.post("/api/v2/auth/password/forgot", json={"email": admin.email})
    assert asked.status_code == 202, asked.text
    link = _identitys_page(_link(await inbox.wait_for(admin.email, subject_contains="Reset your")))
    assert "kind=" not in link

    shown = await _reset_in_the_browser(link, NEW_PASSWORD)
    assert shown["posted"] == "/api/v2/auth/password/reset" and shown["status"] == 200, shown
    assert "sign in with the new one" in shown["done"]

    signed_in = await gateway.post("/api/v2/auth/login", json={"email": admin.email, "password": NEW_PASSWORD})
    assert signed_in.status_code == 200, signed_in.text
