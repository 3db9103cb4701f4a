"""The tenant dashboard's home screen (`GET /api/v2/admin/stats`, seed 004 §2.1) in one call: members
by role and status, pending invitations, agents by status, usage and spend of the current period
against the budget, what waits for the caller's approval, and quota use per resource — identity's own
counts, plus the owners' internal routes for the rest (`radiant_contracts.tenant_views`), each part
marked unavailable rather than failing the screen when its owner does not answer."""
