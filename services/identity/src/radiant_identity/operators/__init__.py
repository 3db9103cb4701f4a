"""Platform operators: the SaaS owner's staff (`platform_admin`, `platform_support`), who hold `saas:`
permissions and no tenant role. Their own accounts, invitations, sessions and always-on TOTP; every
action they take is recorded in the platform audit stream (tenant id `platform`)."""
