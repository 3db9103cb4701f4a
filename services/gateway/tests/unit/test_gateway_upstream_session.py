"""The forwarding session never keeps what one caller's answer set: cookies a service sets (identity's
console refresh cookie) go to that caller only, and are never sent with anybody else's request. And an
answer's repeated headers (two Set-Cookie, two Link) reach the caller as the service sent them.

A shared client session with a cookie jar would store a `Set-Cookie` from the service's answer and
attach it to every later request to that host and path — another caller's refresh would then carry
the first caller's session. aiohttp's jar ignores hosts given as IP addresses, so the local stack
(127.0.0.1) hid it; a deployment names its services (`http://identity:8001`)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio
from aiohttp import web
from starlette.requests import Request

from radiant_gateway.proxy import forward, make_session


@pytest_asyncio.fixture
async def service() -> AsyncIterator[str]:
    async def login(request: web.Request) -> web.Response:
        response = web.json_response({"signedIn": True})
        response.set_cookie("radiant_console_refresh", "first-callers-secret", path="/", httponly=True)
        return response

    async def echo(request: web.Request) -> web.Response:
        return web.json_response({"cookie": request.headers.get("cookie")})

    async def two_cookies(request: web.Request) -> web.Response:
        response = web.json_response({"ok": True})
        response.set_cookie("first", "1", path="/")
        response.set_cookie("second", "2", path="/")
        response.headers.add("Link", "</a>; rel=next")
        response.headers.add("Link", "</b>; rel=prev")
        return response

    app = web.Application()
    app.router.add_get("/api/v2/two-cookies", two_cookies)
    app.router.add_post("/api/v2/auth/console/login", login)
    app.router.add_post("/api/v2/auth/console/refresh", echo)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "localhost", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        yield f"http://localhost:{port}"  # a host name, as a deployment's service URLs are
    finally:
        await runner.cleanup()


async def test_a_cookie_one_answer_set_is_not_sent_with_the_next_callers_request(service):
    session = make_session(connect_timeout=2, read_timeout=5)
    try:
        async with session.post(f"{service}/api/v2/auth/console/login") as first:
            assert first.headers.getall("set-cookie")  # passed back to the first caller
        async with session.post(f"{service}/api/v2/auth/console/refresh") as second:
            assert (await second.json()) == {"cookie": None}
        # The caller's own cookie still goes through: it is the request's header, not the session's.
        async with session.post(
            f"{service}/api/v2/auth/console/refresh", headers={"cookie": "radiant_console_refresh=mine"}
        ) as own:
            assert (await own.json()) == {"cookie": "radiant_console_refresh=mine"}
    finally:
        await session.close()


def _request(path: str) -> Request:
    async def receive() -> dict[str, object]:
        return {"type": "http.request", "body": b"", "more_body": False}

    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "scheme": "http",
        "server": ("gateway", 80),
        "headers": [(b"host", b"gateway")],
    }
    return Request(scope, receive)


async def test_repeated_headers_of_an_answer_are_all_forwarded(service):
    session = make_session(connect_timeout=2, read_timeout=5)
    try:
        answer = await forward(session, service, _request("/api/v2/two-cookies"), "10.1.2.3")
    finally:
        await session.close()
    headers = [(name.decode(), value.decode()) for name, value in answer.raw_headers]
    cookies = [value.split(";")[0] for name, value in headers if name == "set-cookie"]
    assert sorted(cookies) == ["first=1", "second=2"]
    assert [value for name, value in headers if name == "link"] == ["</a>; rel=next", "</b>; rel=prev"]
    assert [value for name, value in headers if name == "content-length"] == [str(len(answer.body))]
