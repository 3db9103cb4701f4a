"""The link in the invitation email opens a page that accepts the invitation through the API."""

from __future__ import annotations

import re

import httpx

from radiant_testing.onboarding import new_email, new_tenant


async def test_the_emailed_link_opens_the_accept_page_through_the_gateway(platform, invite):
    _, token, mail = await invite(new_tenant(), new_email())
    link = re.search(r"(https?://\S+/accept-invitation\?token=[A-Za-z0-9_\-%]+)", mail["text"]).group(1)
    async with httpx.AsyncClient(timeout=10) as client:
        page = await client.get(link)
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "/api/v2/admin/invitations/accept" in page.text  # the form posts the token to the API
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"  # the token never leaks to other sites
    assert token not in page.text  # the page reads the token from its URL; nothing is interpolated
