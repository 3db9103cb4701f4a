"""How services are served (radiant_platform.cli.server_options): the peer an app sees is the TCP peer,
whatever X-Forwarded-For says, so the platform's one trusted-proxy rule decides who the client is; and
each answer's head and body go out in one write (radiant_platform.http_server), every answer intact."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn

from radiant_platform import http_server
from radiant_platform.cli import server_options
from radiant_platform.http_server import CONTINUE, JOIN_LIMIT, HeadWithBody
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


@contextlib.asynccontextmanager
async def _served(app) -> AsyncIterator[int]:
    """`app` served as the services are (server_options) on a free port; yields the port."""
    options = server_options(ServiceSettings(service_name="serve-test", host="127.0.0.1", port=_free_port()))
    options.pop("workers")
    server = uvicorn.Server(uvicorn.Config(app, **options))
    serving = asyncio.create_task(server.serve())
    try:
        while not server.started:
            await asyncio.sleep(0.05)
        yield options["port"]
    finally:
        server.should_exit = True
        await serving


async def test_a_loopback_peers_forwarded_for_does_not_become_the_client() -> None:
    async with _served(_peer_app) as port, httpx.AsyncClient() as client:
        spoofed = await client.get(f"http://127.0.0.1:{port}/", headers={"x-forwarded-for": "203.0.113.9"})
    # uvicorn's proxy-header rewrite believed a loopback peer: the app saw 203.0.113.9.
    assert spoofed.text == "127.0.0.1"


# --- one write per answer -------------------------------------------------------------------------


class RecordingTransport:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n"


def _held(transport: RecordingTransport) -> HeadWithBody:
    return HeadWithBody(transport, asyncio.get_running_loop())  # type: ignore[arg-type]


async def test_a_head_and_the_body_written_in_the_same_turn_go_out_in_one_write() -> None:
    transport = RecordingTransport()
    connection = _held(transport)
    connection.write(HEAD)
    assert transport.writes == []
    connection.write(b"{}")
    assert transport.writes == [HEAD + b"{}"]
    await asyncio.sleep(0)  # the flush finds nothing left to send
    assert transport.writes == [HEAD + b"{}"]


async def test_a_head_without_a_body_in_that_turn_goes_out_on_the_next_and_later_chunks_follow_it() -> None:
    transport = RecordingTransport()
    connection = _held(transport)
    connection.write(HEAD)
    await asyncio.sleep(0)
    assert transport.writes == [HEAD]
    connection.write(b"5\r\nhello\r\n")
    assert transport.writes == [HEAD, b"5\r\nhello\r\n"]


async def test_100_continue_is_sent_at_once_and_the_head_after_it_is_held() -> None:
    transport = RecordingTransport()
    connection = _held(transport)
    connection.write(CONTINUE)
    assert transport.writes == [CONTINUE]
    connection.write(HEAD)
    connection.write(b"{}")
    assert transport.writes == [CONTINUE, HEAD + b"{}"]


async def test_a_large_body_follows_its_head_uncopied() -> None:
    transport = RecordingTransport()
    connection = _held(transport)
    big = b"x" * (JOIN_LIMIT + 1)
    connection.write(HEAD)
    connection.write(big)
    assert transport.writes == [HEAD, big]


async def test_closing_sends_a_held_head_first() -> None:
    transport = RecordingTransport()
    connection = _held(transport)
    connection.write(HEAD)
    connection.close()
    assert transport.writes == [HEAD] and transport.closed


async def _answers(scope, receive, send) -> None:
    if scope["type"] != "http":
        return
    request = b""
    while True:
        message = await receive()
        request += message.get("body", b"")
        if not message.get("more_body"):
            break
    if scope["path"] == "/stream":
        await send({"type": "http.response.start", "status": 200, "headers": []})
        for chunk in (b"first ", b"second"):
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
            await asyncio.sleep(0.05)  # the first chunk is out before the second is ready
        await send({"type": "http.response.body", "body": b""})
        return
    body = b"echo:" + request if request else scope["path"].encode()
    headers = [(b"content-type", b"text/plain"), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class _Forwarding:
    def __init__(self, transport, writes: list[bytes]) -> None:
        self._transport, self._writes = transport, writes

    def write(self, data: bytes) -> None:
        self._writes.append(bytes(data))
        self._transport.write(data)

    def __getattr__(self, name: str):
        return getattr(self._transport, name)


@pytest.fixture
def head_writes(monkeypatch) -> list[bytes]:
    """What the served cycles' `HeadWithBody` wrote to the connection: proves a real server uses it."""
    writes: list[bytes] = []
    original = HeadWithBody.__init__

    def recording(self: HeadWithBody, transport, loop) -> None:
        original(self, _Forwarding(transport, writes), loop)

    monkeypatch.setattr(http_server.HeadWithBody, "__init__", recording)
    return writes


async def _raw_exchange(port: int, request: bytes, *, until: bytes) -> bytes:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(request)
        received = b""
        while until not in received:
            chunk = await asyncio.wait_for(reader.read(65536), timeout=5)
            assert chunk, received
            received += chunk
        return received
    finally:
        writer.close()


async def test_a_served_answer_is_written_whole_and_every_kind_of_answer_arrives_intact(head_writes) -> None:
    async with _served(_answers) as port, httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
        small = await client.get("/small")
        assert small.status_code == 200 and small.text == "/small"
        [answer] = [w for w in head_writes if w.startswith(b"HTTP/1.1 200")]
        assert answer.endswith(b"\r\n\r\n/small")  # head and body in one write

        head = await client.head("/small")
        assert head.status_code == 200 and head.headers["content-length"] == "6" and head.content == b""

        streamed = await client.get("/stream")
        assert streamed.text == "first second" and streamed.headers["transfer-encoding"] == "chunked"

        posted = await client.post("/echo", content=b"x" * (JOIN_LIMIT * 2))
        assert posted.text == "echo:" + "x" * (JOIN_LIMIT * 2)

        # Expect: 100-continue: the interim answer first, then the answer once the body is sent.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"POST /echo HTTP/1.1\r\nhost: t\r\ncontent-length: 2\r\nexpect: 100-continue\r\n\r\n")
        assert await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5) == CONTINUE
        writer.write(b"hi")
        final = await asyncio.wait_for(reader.readuntil(b"echo:hi"), timeout=5)
        assert final.startswith(b"HTTP/1.1 200 OK\r\n")
        writer.close()

    # Pipelined requests are answered in order, each whole.
    async with _served(_answers) as port:
        both = await _raw_exchange(
            port, b"GET /one HTTP/1.1\r\nhost: t\r\n\r\nGET /two HTTP/1.1\r\nhost: t\r\n\r\n", until=b"/two"
        )
    assert both.count(b"HTTP/1.1 200 OK") == 2 and both.index(b"/one") < both.index(b"/two")
