"""Notification digests (issue 13): a profile whose frequency is `hourly`, `daily` or `weekly` gets its
notifications by email once per period, in one message, instead of one email each (`immediate`).

A notification for such a profile is stored with `email_due_at`, the end of its period in the
recipient's time zone (the top of the hour; local midnight; Monday's local midnight). A periodic job
takes each recipient's due notifications, row-locked, and in one transaction records the digest
(unique per recipient and period end), queues its email (the email outbox) and marks them sent — so
a crash sends nothing or everything, replicas never split a digest, and no period gets two: a
notification that arrives for a period already sent (a late commit) waits for the next one.
"""
