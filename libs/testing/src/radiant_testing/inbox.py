"""The SMTP server's inbox, read the way a person reads it: through the mail server's web API."""

from __future__ import annotations

from typing import Any

import httpx

from radiant_testing.polling import eventually

Message = dict[str, Any]


class Inbox:
    """MailDev's REST API (`GET /email`: messages with `to: [{address}]`, `subject`, `text`), which
    the local stack runs at `MAIL_API_URL`. docker-compose's Mailpit speaks another API
    (`/api/v1/messages`); only this one is spoken here."""

    def __init__(self, base_url: str) -> None:
        self._base = base_url

    async def messages(self) -> list[Message]:
        # MailDev answers with every message it holds: a shared stack's inbox of thousands takes
        # seconds to list under load, which is slow, not down.
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.get(f"{self._base}/email")
            response.raise_for_status()
            messages: list[Message] = response.json()
            return messages

    async def wait_for(
        self,
        to: str,
        *,
        subject_contains: str = "",
        # A deadline, not a wait: a CI run's inbox holds thousands of messages by its end, and listing
        # them on a loaded machine takes seconds a poll (a 20 s deadline was missed that way).
        timeout: float = 60.0,  # noqa: ASYNC109 - a deadline that reports what was awaited
    ) -> Message:
        """The first message to `to` whose subject contains `subject_contains`, once it has arrived."""

        async def first_match() -> Message | None:
            wanted = (m for m in await self.messages() if _is_to(m, to) and subject_contains in m.get("subject", ""))
            return next(wanted, None)

        found = await eventually(
            first_match,
            timeout=timeout,
            interval=0.3,
            what=f"an email to {to} (subject containing {subject_contains!r})",
        )
        message: Message = found  # `eventually` returns only once a message matched
        return message


def _is_to(message: Message, address: str) -> bool:
    return address.lower() in [a.get("address", "").lower() for a in message.get("to", [])]
