"""Users and agents quotas (seed 004 §3), enforced where they are created, race-safe.

Identity keeps its own copy of each tenant's plan limits from billing's `subscription.changed`
(the default plan's until one arrives). `ensure_within_quota(session, tenant_id, resource)` takes a
per-tenant, per-resource lock for the rest of the transaction, counts, and refuses with the one quota
problem (`radiant_platform.quotas`) — so twenty concurrent invitations at the limit create exactly as
many as fit. Users are the tenant's administrators and members plus its pending invitations; agents
are the tenant's agents not deleted. Administrators are notified at 80 % and 100 % — of users and
agents here, of tokens and storage when metering's `quota.threshold_crossed` arrives.
"""
