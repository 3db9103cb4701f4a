"""Delivers the email outbox by SMTP, off the request path, with retries and backoff.

`deliver_due` is one round of the `mailer` periodic job (`jobs.py`): a batch of due messages in one
transaction; the job runs again at once while full batches keep coming (a backlog drains)."""

from __future__ import annotations

import logging
from email.message import EmailMessage as MimeMessage

import aiosmtplib
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from radiant_platform.db import unit_of_work

from . import repository as repo
from .config import Settings
from .models import EmailMessage

log = logging.getLogger(__name__)
BATCH = 20


def to_mime(message: EmailMessage, sender: str) -> MimeMessage:
    mime = MimeMessage()
    mime["From"] = sender
    mime["To"] = message.to_address
    mime["Subject"] = message.subject
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
    async with unit_of_work(sessionmaker) as session:
        due = await repo.claim_due_emails(session, BATCH)
        for message in due:
            try:
                await send_smtp(settings, to_mime(message, settings.mail_from))
            except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
                give_up = message.attempts + 1 >= settings.email_max_attempts
                log.warning(
                    "email %s to %s failed (attempt %d): %s", message.id, message.to_address, message.attempts + 1, exc
                )
                await repo.mark_email_failed_attempt(
                    session,
                    message.id,
                    error=str(exc),
                    retry_in_seconds=retry_delay_seconds(message.attempts),
                    give_up=give_up,
                )
            else:
                await repo.mark_email_sent(session, message.id)
        return len(due)
