"""The mailer's SMTP connection (mailer.SmtpConnection): a round's messages go out over one connection,
and a kept connection the server closed is replaced for the message that found it closed.

The peer is a minimal SMTP server on a loopback socket, written here because the stack's server cannot be
told to count its connections or to hang up between two messages.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage

import aiosmtplib
import pytest

from radiant_identity.config import Settings
from radiant_identity.mailer import SmtpConnection


@dataclass
class Peer:
    """What the server saw; `hang_up_after` closes each connection after that many accepted messages."""

    hang_up_after: int | None = None
    connections: int = 0
    accepted: list[str] = field(default_factory=list)

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        taken = 0
        writer.write(b"220 test ESMTP\r\n")
        while line := await reader.readline():
            verb = line.split(b" ", 1)[0].strip().upper()
            if verb == b"DATA":
                writer.write(b"354 go ahead\r\n")
                body = b""
                while (chunk := await reader.readline()) != b".\r\n":
                    body += chunk
                self.accepted.append(next(h for h in body.decode().splitlines() if h.startswith("Subject:")))
                writer.write(b"250 queued\r\n")
                taken += 1
                if self.hang_up_after is not None and taken >= self.hang_up_after:
                    await writer.drain()
                    writer.close()
                    return
            elif verb == b"QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                writer.close()
                return
            else:  # EHLO, MAIL, RCPT: accepted
                writer.write(b"250 ok\r\n")
            await writer.drain()


@asynccontextmanager
async def serving(peer: Peer) -> AsyncIterator[Settings]:
    server = await asyncio.start_server(peer.serve, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield Settings(smtp_host="127.0.0.1", smtp_port=port)
    finally:
        server.close()


def _mime(subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "noreply@radiant.local"
    message["To"] = "someone@example.com"
    message["Subject"] = subject
    message.set_content("body")
    return message


async def test_a_rounds_messages_share_one_connection() -> None:
    peer = Peer()
    async with serving(peer) as settings:
        smtp = SmtpConnection(settings)
        for n in range(5):
            await smtp.send(_mime(f"message {n}"))
        await smtp.close()
        await asyncio.sleep(0.05)
    assert peer.accepted == [f"Subject: message {n}" for n in range(5)]
    assert peer.connections == 1


async def test_a_kept_connection_the_server_closed_is_replaced_for_the_next_message() -> None:
    peer = Peer(hang_up_after=1)
    async with serving(peer) as settings:
        smtp = SmtpConnection(settings)
        for n in range(3):
            await asyncio.sleep(0.05)  # the server's hang-up reaches the client first
            await smtp.send(_mime(f"message {n}"))
        await smtp.close()
    assert peer.accepted == ["Subject: message 0", "Subject: message 1", "Subject: message 2"]  # each once
    assert peer.connections == 3


async def test_a_new_connection_that_fails_is_the_messages_failure() -> None:
    async with serving(Peer()) as settings:
        pass  # the server is gone: nothing listens on its port any more
    with pytest.raises((aiosmtplib.SMTPConnectError, aiosmtplib.SMTPServerDisconnected, OSError)):
        await SmtpConnection(settings).send(_mime("nobody hears this"))
