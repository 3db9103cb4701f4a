"""What waits in a tenant, for one administrator — the tenant dashboard's home screen asks (identity's
`GET /api/v2/admin/stats`, over `radiant_contracts.tenant_views.APPROVAL_PENDING_PATH`)."""
