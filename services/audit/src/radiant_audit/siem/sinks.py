"""SIEM sinks. `send` (audit events) and `send_checkpoints` (signed chain checkpoints) raise
`SinkError` when the destination did not take the batch; `confirm` raises when data sent earlier may
not have been received (the forwarder then resends from the last committed offset, the checkpoint
exporter from its cursor: at-least-once)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import ssl
from collections.abc import Sequence
from typing import Any, Protocol

import httpx

from ..chain import SignedCheckpoint
from ..config import SiemSinkConfig
from .formats import (
    ForwardedEvent,
    cef,
    checkpoint_cef,
    checkpoint_json,
    hec_checkpoint,
    hec_event,
    local_hostname,
    octet_counted,
    rfc5424,
    rfc5424_checkpoint,
)

CONNECT_TIMEOUT = 5.0
WRITE_TIMEOUT = 10.0


class SinkError(Exception):
    """The destination did not (or may not have) accepted what was sent."""


class Sink(Protocol):
    name: str
    description: str

    async def send(self, events: Sequence[ForwardedEvent]) -> None: ...
    async def send_checkpoints(self, checkpoints: Sequence[SignedCheckpoint]) -> None: ...
    async def confirm(self) -> None: ...
    async def reset(self) -> None: ...
    async def close(self) -> None: ...


class SyslogSink:
    """RFC 5424 over TCP with octet-counting framing (RFC 6587), or over TLS (RFC 5425).

    Plain syslog has no application-level acknowledgement, so acceptance is inferred the way a
    careful TCP sender can: the bytes were written and flushed, and the receiver was still
    connected `confirm_delay_ms` later. A receiver that stops closes the connection (FIN, or RST
    when it leaves our bytes unread); asyncio sees that, `confirm` fails, and the forwarder resends
    everything not yet confirmed. Receivers that are killed outright can still lose what they had
    read but not written; for that, use a receiver with a disk-assisted queue.
    """

    def __init__(self, config: SiemSinkConfig) -> None:
        self.name = config.name
        self.description = f"syslog{'+tls' if config.tls else ''}://{config.host}:{config.port} ({config.format})"
        self._config = config
        self._hostname = local_hostname()
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    def _ssl_context(self) -> ssl.SSLContext | None:
        if not self._config.tls:
            return None
        context = ssl.create_default_context(cafile=str(self._config.ca_file) if self._config.ca_file else None)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        return context

    def frame(self, fe: ForwardedEvent) -> bytes:
        body = cef(fe) if self._config.format == "cef" else fe.body_json
        return octet_counted(rfc5424(fe, body=body, app_name=self._config.app_name, hostname=self._hostname))

    def _connected(self) -> bool:
        reader, writer = self._reader, self._writer
        return (
            writer is not None
            and reader is not None
            and not writer.is_closing()
            and not reader.at_eof()
            and reader.exception() is None
        )

    async def _connect(self) -> None:
        context = self._ssl_context()
        server_name = (self._config.tls_server_name or self._config.host) if context else None
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self._config.host, self._config.port, ssl=context, server_hostname=server_name),
                timeout=CONNECT_TIMEOUT,
            )
        except (OSError, TimeoutError, ssl.SSLError) as exc:
            raise SinkError(f"cannot connect to {self.description}: {type(exc).__name__}: {exc}") from None

    def frame_checkpoint(self, cp: SignedCheckpoint) -> bytes:
        body = checkpoint_cef(cp) if self._config.format == "cef" else checkpoint_json(cp)
        return octet_counted(rfc5424_checkpoint(cp, body=body, app_name=self._config.app_name, hostname=self._hostname))

    async def send(self, events: Sequence[ForwardedEvent]) -> None:
        await self._write(b"".join(self.frame(fe) for fe in events))

    async def send_checkpoints(self, checkpoints: Sequence[SignedCheckpoint]) -> None:
        await self._write(b"".join(self.frame_checkpoint(cp) for cp in checkpoints))

    async def _write(self, data: bytes) -> None:
        if self._writer is not None and not self._connected():
            # Lost since the last batch: that batch may be gone too, so report instead of reconnecting.
            await self.reset()
            raise SinkError(f"connection to {self.description} was closed by the receiver")
        if self._writer is None:
            await self._connect()
        assert self._writer is not None
        try:
            self._writer.write(data)
            await asyncio.wait_for(self._writer.drain(), timeout=WRITE_TIMEOUT)
        except (OSError, TimeoutError, ssl.SSLError) as exc:
            await self.reset()
            raise SinkError(f"write to {self.description} failed: {type(exc).__name__}: {exc}") from None

    async def confirm(self) -> None:
        if not self._connected():
            await self.reset()
            raise SinkError(f"connection to {self.description} closed before delivery was confirmed")

    async def reset(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            with contextlib.suppress(OSError, TimeoutError, ssl.SSLError):
                await asyncio.wait_for(writer.wait_closed(), timeout=2)

    async def close(self) -> None:
        await self.reset()


class SplunkHecSink:
    """Splunk HTTP Event Collector (`/services/collector/event`, batched). A 200 with code 0 is acceptance."""

    def __init__(self, config: SiemSinkConfig, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        assert config.url and config.token
        self.name = config.name
        self.description = f"splunk-hec {config.url}"
        self._config = config
        self._hostname = local_hostname()
        verify: ssl.SSLContext | bool = config.verify_tls
        if config.verify_tls and config.ca_file:
            verify = ssl.create_default_context(cafile=str(config.ca_file))
        self._verify = verify
        self._transport = transport
        self._client: httpx.AsyncClient | None = None

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(
                base_url=self._config.url or "",
                verify=self._verify,
                transport=self._transport,
                timeout=httpx.Timeout(WRITE_TIMEOUT, connect=CONNECT_TIMEOUT),
                headers={"Authorization": f"Splunk {self._config.token}"},
            )
        return self._client

    async def send(self, events: Sequence[ForwardedEvent]) -> None:
        await self._post([hec_event(fe, **self._hec_meta()) for fe in events])

    async def send_checkpoints(self, checkpoints: Sequence[SignedCheckpoint]) -> None:
        await self._post([hec_checkpoint(cp, **self._hec_meta()) for cp in checkpoints])

    def _hec_meta(self) -> dict[str, Any]:
        c = self._config
        return {"host": self._hostname, "source": c.app_name, "sourcetype": c.sourcetype, "index": c.index}

    async def _post(self, hec_events: list[dict[str, Any]]) -> None:
        body = "\n".join(json.dumps(e, separators=(",", ":"), ensure_ascii=False) for e in hec_events)
        try:
            response = await self._http().post("/services/collector/event", content=body.encode())
        except httpx.HTTPError as exc:
            raise SinkError(f"{self.description}: {type(exc).__name__}: {exc}") from None
        if response.status_code != 200:
            raise SinkError(f"{self.description} answered {response.status_code}: {response.text[:200]}")
        try:
            code = response.json().get("code", 0)
        except ValueError:
            code = 0
        if code != 0:
            raise SinkError(f"{self.description} refused the batch: {response.text[:200]}")

    async def confirm(self) -> None:
        return None  # the HTTP response already was the acceptance

    async def reset(self) -> None:
        return None

    async def close(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            await client.aclose()


def build_sink(config: SiemSinkConfig) -> Sink:
    return SyslogSink(config) if config.type == "syslog" else SplunkHecSink(config)
