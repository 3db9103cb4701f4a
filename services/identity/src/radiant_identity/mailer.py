"""Delivers the email outbox by SMTP, off the request path, with retries and backoff.

`deliver_due` is one round of the `mailer` periodic job (`jobs.py`): up to a batch of due messages,
each in its own transaction — claimed, sent, its outcome committed before the next is claimed — so a
crash (kill -9) sends again at most the one message that was in flight, never a whole batch already
delivered; the job runs again at once while full batches keep coming (a backlog drains).

One message fails alone: whatever goes wrong building or sending it is recorded on that message
(retried with backoff, or failed at once when it can never be sent as written), and the batch goes
on, so a bad message never holds back the mail queued behind it. Headers never carry a control
character: subjects and senders are flattened to one line; a recipient with one is refused.
"""

from __future__ import annotations

import logging
import re
from email.message import EmailMessage as MimeMessage

import aiosmtplib
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_platform.db import unit_of_work

from . import repository as repo
from .config import Settings
from .models import EmailMessage

log = logging.getLogger(__name__)
BATCH = 20

# C0 controls, DEL and the C1 controls (NEL among them), and Unicode's line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# One address, nothing around it: no display name, no list, no whitespace.
_ONE_ADDRESS = re.compile(r"^[^\s@,;:<>()\[\]\\\"]+@[^\s@,;:<>()\[\]\\\"]+$")


class Undeliverable(ValueError):
    """A message that can never be sent as written: retrying it cannot help."""


def header_text(value: str) -> str:
    """A header value on one line: each run of control characters and spaces becomes one space."""
    return " ".join(_CONTROL.sub(" ", value).split())


def checked_recipient(address: str) -> str:
    """The recipient, refused rather than repaired: changing an address could send mail elsewhere."""
    address = address.strip()
    if _CONTROL.search(address) or not _ONE_ADDRESS.match(address):
        raise Undeliverable("invalid recipient address (one plain address, no control characters)")
    return address


def to_mime(message: EmailMessage, sender: str) -> MimeMessage:
    mime = MimeMessage()
    mime["From"] = header_text(sender)
    mime["To"] = checked_recipient(message.to_address)
    mime["Subject"] = header_text(message.subject)
    mime.set_content(message.text or "")
    if message.html:
        mime.add_alternative(message.html, subtype="html")
    return mime


def retry_delay_seconds(attempts: int) -> float:
    return min(5.0 * 2.0**attempts, 3600.0)


async def send_smtp(settings: Settings, mime: MimeMessage) -> None:
    await aiosmtplib.send(
        mime,
        hostname=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password,
        start_tls=settings.smtp_use_tls or None,
        timeout=10,
    )


async def deliver_due(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> int:
    """One pass: send what is due; failures are rescheduled, and given up after the attempt limit."""
    handled = 0
    while handled < BATCH:
        async with unit_of_work(sessionmaker) as session:
            due = await repo.claim_due_emails(session, 1)
            if not due:
                break
            await _deliver_one(session, settings, due[0])
        handled += 1
    return handled


async def _deliver_one(session: AsyncSession, settings: Settings, message: EmailMessage) -> None:
    """Send one message and record what happened to it; never raises for the message's own fault."""
    try:
        mime = to_mime(message, settings.mail_from)
    except Exception as exc:  # noqa: BLE001 - whatever makes it unbuildable will not change on a retry
        log.error("email %s cannot be sent as written: %s", message.id, exc)
        await repo.mark_email_failed_attempt(
            session, message.id, error=f"undeliverable: {exc}", retry_in_seconds=0, give_up=True
        )
        return
    try:
        await send_smtp(settings, mime)
    except Exception as exc:  # noqa: BLE001 - SMTP refusals and outages alike: retried, then given up
        give_up = message.attempts + 1 >= settings.email_max_attempts
        log.warning("email %s failed (attempt %d): %s", message.id, message.attempts + 1, exc)
        await repo.mark_email_failed_attempt(
            session,
            message.id,
            error=f"{type(exc).__name__}: {exc}",
            retry_in_seconds=retry_delay_seconds(message.attempts),
            give_up=give_up,
        )
    else:
        await repo.mark_email_sent(session, message.id)
