"""The HTTP/1.1 protocol the services are served with: uvicorn's httptools protocol, one write per answer.

uvicorn writes a response's head when the app sends `http.response.start` and its body on
`http.response.body`: two sends, so the peer wakes twice and reads twice for every small JSON answer.
Under the gateway benchmark those two writes were the largest single line of the gateway's profile,
and the gateway's own client read each of identity's answers in two pieces too. Here the head waits
for the body's first write and both go out together. A head with no body written in the same turn of
the event loop (HEAD, 204, a streaming answer whose first chunk is not ready) goes out on the next
turn, so nothing waits on the app. Everything else is uvicorn's own protocol, unchanged.

Measured with `make bench-gateway` (1,000 req/s, interleaved runs with and without it, gateway and
identity both served this way): gateway CPU per request 770-891 -> 725-746 µs, identity 533-607 ->
515-526 µs, p50 30-50 -> 9-16 ms, p99 124-163 -> 74-86 ms.

It hooks uvicorn where a cycle starts (`HttpToolsProtocol._start_asgi_task`, uvicorn pinned in the lock);
libs/platform/tests/unit/test_platform_serve.py fails if a served answer no longer goes through `HeadWithBody`.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol, RequestResponseCycle

#: Written by uvicorn while the request body is awaited (`Expect: 100-continue`): never held.
CONTINUE = b"HTTP/1.1 100 Continue\r\n\r\n"
#: Bodies up to this size are joined to the head; a larger one follows it in its own write, not copied.
JOIN_LIMIT = 64 * 1024


class HeadWithBody:
    """The one response cycle's view of the connection: its head is held until the body's first write."""

    __slots__ = ("_head", "_head_written", "_loop", "_transport")

    def __init__(self, transport: asyncio.Transport, loop: asyncio.AbstractEventLoop) -> None:
        self._transport = transport
        self._loop = loop
        self._head: bytes | None = None
        self._head_written = False

    def write(self, data: bytes) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            if len(data) <= JOIN_LIMIT:
                self._transport.write(head + data)
                return
            self._transport.write(head)
        elif not self._head_written and data != CONTINUE:
            # The cycle's first write after any 100-continue is the response head.
            self._head_written = True
            self._head = data
            self._loop.call_soon(self.flush)
            return
        self._transport.write(data)

    def flush(self) -> None:
        if self._head is not None:
            head, self._head = self._head, None
            if not self._transport.is_closing():
                self._transport.write(head)

    def close(self) -> None:
        self.flush()
        self._transport.close()

    def is_closing(self) -> bool:
        return self._transport.is_closing()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._transport, name)


class HeadWithBodyHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol whose response cycles write head and body together (`HeadWithBody`)."""

    def _start_asgi_task(self, cycle: RequestResponseCycle, app: Any) -> None:
        # A cycle writes nothing before its task starts; pipelined cycles start here too, in order.
        cycle.transport = HeadWithBody(self.transport, self.loop)  # type: ignore[assignment]
        super()._start_asgi_task(cycle, app)
