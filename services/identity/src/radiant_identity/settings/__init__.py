"""A tenant's own settings, managed by its administrators (`/api/v2/admin/settings`): display name
and branding, default environment, the security policy (MFA for everyone, session lifetime, an IP
allow-list the gateway enforces through a Redis copy, `radiant_platform.tenant_access`), the models
its agents may use and data-retention preferences. In prod a security-policy change goes through
approval (`tenant_security_policy`, executed here)."""
