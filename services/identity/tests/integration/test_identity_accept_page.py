"""The link in the invitation email opens the console's accept page (served by the gateway under its
strict policy); identity's own static page still answers links sent before the console took over."""

from __future__ import annotations

import re

import httpx

from radiant_testing.onboarding import new_email, new_tenant

LINK = r"(https?://\S+/accept-invitation\?token=[A-Za-z0-9_\-%]+)"


async def test_the_emailed_link_opens_the_consoles_accept_page(platform, invite):
    _, token, mail = await invite(new_tenant(), new_email())
    link = re.search(LINK, mail["text"]).group(1)
    assert "/console/accept-invitation?token=" in link
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(link)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "<radiant-app>" in page.text  # the console, which routes to its accept page in the browser
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert page.headers["referrer-policy"] == "no-referrer"  # the token never leaks to other sites
    assert token not in page.text  # the page reads the token from its URL; nothing is interpolated
    assert re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page.text) is None  # no inline script at all


async def test_identitys_own_accept_page_still_answers_older_links(platform, invite):
    _, token, mail = await invite(new_tenant(), new_email())
    link = re.search(LINK, mail["text"]).group(1).replace("/console/accept-invitation", "/accept-invitation")
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(link)
    assert page.status_code == 200
    assert "/api/v2/admin/invitations/accept" in page.text  # the form posts the token to the API
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert token not in page.text
