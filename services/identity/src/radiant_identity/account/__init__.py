"""Account self-service for a tenant's administrators and members (issue 13): changing one's password
(the current one and, when a second factor is enrolled, a fresh code in the same request) and a
forgotten password by email (a single-use link valid an hour, stored as a SHA-256, answered the same
whether or not the address exists, throttled). Either way every session of the account ends: its
refresh tokens are revoked and its access tokens refused from that moment (a not-before mark that the
gateway and every service check, `radiant_platform.revocation`).
"""
