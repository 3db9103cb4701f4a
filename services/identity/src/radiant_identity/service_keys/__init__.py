"""A tenant's service keys: API keys for its producers on the AI request path (issue 11).

Tenant administrators create them (the secret is shown once), list them with their last use and revoke
them; identity keeps only a keyed hash and mirrors each active key into Redis, where the gateway and
the services verify it (`radiant_platform.service_keys`).
"""
