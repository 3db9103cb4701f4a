"""The email outbox (issue 12 #7): one bad message fails alone — it never rolls back the batch and
stalls the mail queued behind it — and no header carries a control character.

Rows are written straight into identity's `email_outbox` (as identity's own login), the way any path
in identity queues mail; the running mailer delivers them to the real SMTP inbox.
"""

from __future__ import annotations

import uuid

from radiant_testing import eventually, service_db


async def test_a_bad_message_fails_alone_and_the_mail_behind_it_is_delivered(platform, inbox):
    run = uuid.uuid4().hex[:10]
    header_subject, bad_recipient, good = (f"{kind}-{run}@example.com" for kind in ("subject", "recipient", "good"))
    rows = [
        (header_subject, f"Approval Required: deploy\r\nBcc: attacker-{run}@example.com"),
        (f"{bad_recipient}\r\nBcc: attacker-{run}@example.com", f"Injected recipient {run}"),
        (good, f"Delivered despite the others {run}"),
    ]
    async with service_db(platform, "identity") as db:
        ids = [
            await db.fetchval(
                "INSERT INTO email_outbox (to_address, subject, html, text) VALUES ($1, $2, $3, $4) RETURNING id",
                to,
                subject,
                "<p>body</p>",
                "body",
            )
            for to, subject in rows
        ]
        try:
            await inbox.wait_for(good, subject_contains=run)
            # A subject with CR/LF goes out on one line, and injects no header.
            sanitised = await inbox.wait_for(header_subject, subject_contains=run, timeout=10)
            assert "\r" not in sanitised["subject"] and "\n" not in sanitised["subject"]
            assert sanitised["subject"].startswith("Approval Required: deploy")
            assert f"attacker-{run}@example.com" not in str(sanitised.get("bcc", [])) + str(sanitised.get("to", []))

            async def recipient_row():
                return await db.fetchrow("SELECT status, last_error, attempts FROM email_outbox WHERE id = $1", ids[1])

            failed = await eventually(recipient_row, until=lambda r: r["status"] != "pending")
            assert failed["status"] == "failed" and failed["attempts"] == 1  # not worth retrying
            assert "recipient" in failed["last_error"]
            messages = await inbox.messages()
            assert not [m for m in messages if f"attacker-{run}" in str(m.get("to")) + str(m.get("bcc"))]
        finally:
            # Whatever happened, leave nothing pending that could stall the shared mail queue.
            await db.execute("DELETE FROM email_outbox WHERE id = ANY($1::int[]) AND status = 'pending'", ids)
