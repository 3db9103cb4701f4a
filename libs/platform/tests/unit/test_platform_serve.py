"""How services are served (radiant_platform.cli.server_options): the peer an app sees is the TCP peer,
whatever X-Forwarded-For says, so the platform's one trusted-proxy rule decides who the client is."""

from __future__ import annotations

import asyncio
import socket

import httpx
import uvicorn

from radiant_platform.cli import server_options
from radiant_platform.settings import ServiceSettings


async def _peer_app(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    body = (scope["client"] or ("none", 0))[0].encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"%d" % len(body))]})
    await send({"type": "http.response.body", "body": body})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_a_loopback_peers_forwarded_for_does_not_become_the_client() -> None:
    options = server_options(ServiceSettings(service_name="serve-test", host="127.0.0.1", port=_free_port()))
    options.pop("workers")
    server = uvicorn.Server(uvicorn.Config(_peer_app, **options))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        url = f"http://127.0.0.1:{options['port']}/"
        async with httpx.AsyncClient() as client:
            spoofed = await client.get(url, headers={"x-forwarded-for": "203.0.113.9"})
    finally:
        server.should_exit = True
        await serving
    # uvicorn's proxy-header rewrite believed a loopback peer: the app saw 203.0.113.9.
    assert spoofed.text == "127.0.0.1"
