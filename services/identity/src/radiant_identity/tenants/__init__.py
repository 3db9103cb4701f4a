"""The tenant lifecycle, run by platform operators (`/api/v2/saas/tenants`): create (with the first
super_admin's invitation), list, get, update, suspend and reactivate (a not-before mark in Redis ends
the tenant's sessions at once, `radiant_platform.revocation`), and time-boxed impersonation (a
tenant token with an RFC 8693 `act` claim naming the operator). Operators' actions are audited in the
platform stream and in the tenant's own log."""
