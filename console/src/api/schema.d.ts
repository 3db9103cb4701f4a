// Generated from the gateway's merged OpenAPI by `make console-client` (console/scripts/generate-client.mjs).
// Do not edit: the suite fails when this file differs from what the document generates.
export interface paths {
    "/.well-known/jwks.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Public keys that verify access tokens
         * @description Public: no token required.
         */
        get: operations["jwks__well_known_jwks_json_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's agents
         * @description Requires permission `admin:read`.
         */
        get: operations["list_agents_api_v2_admin_agents_get"];
        put?: never;
        /**
         * Create an agent (configuration version 1, stopped)
         * @description Requires permission `admin:write`.
         */
        post: operations["create_agent_api_v2_admin_agents_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/agents/{agent_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's configuration and state
         * @description Requires permission `admin:read`.
         */
        get: operations["get_agent_api_v2_admin_agents__agent_id__get"];
        /**
         * Replace an agent's configuration (a new version when anything changed)
         * @description Requires permission `admin:write`.
         */
        put: operations["configure_agent_api_v2_admin_agents__agent_id__put"];
        post?: never;
        /**
         * Delete an agent (a running one is stopped first)
         * @description Requires permission `admin:write`.
         */
        delete: operations["delete_agent_api_v2_admin_agents__agent_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/agents/{agent_id}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start an agent: the runtime is asked (in prod, a configuration that has not run waits for approval)
         * @description Requires permission `deployments:write`.
         */
        post: operations["start_agent_api_v2_admin_agents__agent_id__start_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/agents/{agent_id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop an agent: the runtime is asked (a start waiting for approval is withdrawn)
         * @description Requires permission `deployments:write`.
         */
        post: operations["stop_agent_api_v2_admin_agents__agent_id__stop_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/agents/{agent_id}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The members who may use the agent
         * @description Requires permission `admin:read`.
         */
        get: operations["list_users_api_v2_admin_agents__agent_id__users_get"];
        put?: never;
        /**
         * Let a member (or administrator) of the tenant use the agent
         * @description Requires permission `admin:write`.
         */
        post: operations["add_user_api_v2_admin_agents__agent_id__users_post"];
        /**
         * Withdraw a member's use of the agent
         * @description Requires permission `admin:write`.
         */
        delete: operations["remove_user_api_v2_admin_agents__agent_id__users_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/agents/{agent_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An agent's configuration versions, newest first, each with what it changed
         * @description Requires permission `admin:read`.
         */
        get: operations["list_versions_api_v2_admin_agents__agent_id__versions_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the tenant's service keys with their last use
         * @description Requires permission `settings:read`.
         */
        get: operations["list_keys_api_v2_admin_api_keys_get"];
        put?: never;
        /**
         * Create a service key for a producer (the secret is shown once)
         * @description Requires permission `settings:write`.
         */
        post: operations["create_key_api_v2_admin_api_keys_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/api-keys/{key_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a service key (refused at once)
         * @description Requires permission `settings:write`.
         */
        delete: operations["revoke_key_api_v2_admin_api_keys__key_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List approvals
         * @description Requires permission `approvals:read`.
         */
        get: operations["list_approvals_api_v2_admin_approvals_get"];
        put?: never;
        /**
         * Create approval request
         * @description Requires permission `approvals:initiate`.
         */
        post: operations["create_approval_api_v2_admin_approvals_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/approvals/{approval_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get approval
         * @description Requires permission `approvals:read`.
         */
        get: operations["get_approval_api_v2_admin_approvals__approval_id__get"];
        put?: never;
        post?: never;
        /**
         * Cancel approval
         * @description Requires permission `approvals:initiate`.
         */
        delete: operations["cancel_approval_api_v2_admin_approvals__approval_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/approvals/{approval_id}/process": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve or reject
         * @description Requires permission `approvals:*`.
         */
        post: operations["process_approval_api_v2_admin_approvals__approval_id__process_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Audit log, newest first, cursor-paginated
         * @description Requires permission `audit:read`.
         */
        get: operations["list_entries_api_v2_admin_audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/audit/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export matching entries (CSV or JSON Lines, streamed, chain order)
         * @description Requires permission `audit:read`.
         */
        get: operations["export_entries_api_v2_admin_audit_export_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/audit/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The Ed25519 public key that verifies checkpoint signatures
         * @description Requires permission `audit:read`.
         */
        get: operations["public_key_api_v2_admin_audit_public_key_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/audit/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Compliance summary: counts by action, actor, outcome; privileged actions
         * @description Requires permission `audit:read`.
         */
        get: operations["summary_api_v2_admin_audit_summary_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the tenant's hash chain to its last entry, its chain head and every signed checkpoint
         * @description Walks the whole log (never stopping at the chain head), and reports every broken link, a chain head that is not the last entry, checkpoints whose signature or signed hash does not match (a rewritten or truncated history), and how many entries the latest valid checkpoint does not cover yet. Against the checkpoints a SIEM received: `python -m radiant_audit verify --against-checkpoints FILE`.
         *
         *     Requires permission `audit:read`.
         */
        get: operations["verify_api_v2_admin_audit_verify_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Billing at a glance: plan, current period with projection, budget, payment status, latest invoices
         * @description Requires permission `billing:read`.
         */
        get: operations["billing_overview_api_v2_admin_billing_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/billing/downgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Downgrade plan (from the next period, if current usage fits; prod: after approval)
         * @description Requires permission `billing:*`.
         */
        post: operations["post_downgrade_api_v2_admin_billing_downgrade_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/billing/payment-method": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link to the billing provider's page for adding or changing the payment method
         * @description Requires permission `billing:*`.
         */
        post: operations["payment_method_api_v2_admin_billing_payment_method_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/billing/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The plans this tenant may move to (the catalogue's offered plans, lowest first)
         * @description Requires permission `billing:read`.
         */
        get: operations["get_offered_plans_api_v2_admin_billing_plans_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/billing/subscription": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's plan, period and open plan charges
         * @description Requires permission `billing:read`.
         */
        get: operations["get_subscription_api_v2_admin_billing_subscription_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/billing/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upgrade plan (at once; the rest of the period prorated on the next invoice)
         * @description Requires permission `billing:*`.
         */
        post: operations["post_upgrade_api_v2_admin_billing_upgrade_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invitations
         * @description Requires permission `admin:read`.
         */
        get: operations["list_invitations_api_v2_admin_invitations_get"];
        put?: never;
        /**
         * Create invitation (emails a one-time accept link; in prod a super_admin or admin one waits for approval)
         * @description Requires permission `admin:write`.
         */
        post: operations["create_invitation_api_v2_admin_invitations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get invitation
         * @description Requires permission `admin:read`.
         */
        get: operations["get_invitation_api_v2_admin_invitations__invitation_id__get"];
        put?: never;
        post?: never;
        /**
         * Revoke invitation
         * @description Requires permission `admin:write`.
         */
        delete: operations["revoke_invitation_api_v2_admin_invitations__invitation_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/invitations/{invitation_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend invitation (new token and expiry)
         * @description Requires permission `admin:write`.
         */
        post: operations["resend_invitation_api_v2_admin_invitations__invitation_id__resend_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept invitation (public): creates the administrator
         * @description Public: no token required.
         */
        post: operations["accept_invitation_api_v2_admin_invitations_accept_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's notifications
         * @description Requires any valid token.
         */
        get: operations["list_notifications_api_v2_admin_notifications_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/notifications/{notification_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Dismiss a notification
         * @description Requires any valid token.
         */
        delete: operations["dismiss_api_v2_admin_notifications__notification_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/notifications/{notification_id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one notification read
         * @description Requires any valid token.
         */
        post: operations["read_one_api_v2_admin_notifications__notification_id__read_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark every notification read
         * @description Requires any valid token.
         */
        post: operations["read_all_api_v2_admin_notifications_read_all_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/notifications/unread-count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many notifications are unread
         * @description Requires any valid token.
         */
        get: operations["unread_count_api_v2_admin_notifications_unread_count_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's preferences
         * @description Requires any valid token.
         */
        get: operations["get_profile_api_v2_admin_profile_get"];
        /**
         * Update the caller's preferences
         * @description Requires any valid token.
         */
        put: operations["update_profile_api_v2_admin_profile_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/quotas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's quotas: users, agents, tokens, storage
         * @description Each with current use, its plan's limit (null: unlimited), percentage (0-100) and whether it is reached. Users count administrators and members plus pending invitations; tokens are this calendar month's (UTC); storage is the newest gauge producers reported, in bytes.
         *
         *     Requires permission `admin:read`.
         */
        get: operations["tenant_quotas_api_v2_admin_quotas_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant's settings (defaults filled in)
         * @description Requires permission `settings:read`.
         */
        get: operations["get_settings_api_v2_admin_settings_get"];
        /**
         * Change the tenant's settings (only what is given; in prod a security-policy change waits for approval)
         * @description Requires permission `settings:write`.
         */
        put: operations["put_settings_api_v2_admin_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tenant at a glance: members, invitations, agents, spend vs budget, approvals, quotas
         * @description Requires permission `admin:read`.
         */
        get: operations["tenant_stats_api_v2_admin_stats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/usage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage per day (and per hour for the last 48 h) by model and by agent, with totals
         * @description Requires permission `billing:read`.
         */
        get: operations["usage_api_v2_admin_usage_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List users — administrators and members, each with their role (`status=pending`: invited, not signed up yet, by their invitation's id)
         * @description Requires permission `admin:read`.
         */
        get: operations["list_admins_api_v2_admin_users_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/users/{admin_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a user (an administrator or member, or a pending user by their invitation's id)
         * @description Requires permission `admin:read`.
         */
        get: operations["get_admin_api_v2_admin_users__admin_id__get"];
        /**
         * Update admin (in prod a role change or a suspension goes through two-person approval)
         * @description Requires permission `admin:write`.
         */
        put: operations["update_admin_api_v2_admin_users__admin_id__put"];
        post?: never;
        /**
         * Remove a user (revokes their sessions; a pending user's invitation is withdrawn; in prod the removal of an account goes through two-person approval)
         * @description Requires permission `admin:*`.
         */
        delete: operations["delete_admin_api_v2_admin_users__admin_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/users/{user_id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend a pending user's invitation (by the pending user's id: a new link and expiry)
         * @description Requires permission `admin:write`.
         */
        post: operations["resend_invitation_api_v2_admin_users__user_id__resend_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/admin/users/invite": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Invite a user — a member or an administrator (the rules of POST /admin/invitations: a one-time accept link by email; in prod a super_admin or admin one waits for approval)
         * @description Requires permission `admin:write`.
         */
        post: operations["invite_user_api_v2_admin_users_invite_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/console/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Console sign-in: as /auth/login, the refresh token set as an HttpOnly cookie instead of returned
         * @description Public: no token required.
         */
        post: operations["console_login_api_v2_auth_console_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/console/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Console sign-out: ends the cookie's session and clears the cookie
         * @description Requires any valid token.
         */
        post: operations["console_logout_api_v2_auth_console_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/console/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Console silent refresh: rotates the refresh cookie (reuse revokes the session) and returns a new access token
         * @description Public: no token required.
         */
        post: operations["console_refresh_api_v2_auth_console_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in with email, password and (when enrolled) a TOTP or recovery code
         * @description Public: no token required.
         */
        post: operations["login_api_v2_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this session (or all sessions)
         * @description Requires any valid token.
         */
        post: operations["logout_api_v2_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace the recovery codes (proving a current authenticator, emailed or recovery code)
         * @description Requires any valid token.
         */
        post: operations["recovery_codes_api_v2_auth_mfa_recovery_codes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/mfa/totp/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start authenticator enrolment (proving the current factor, or the password while none): secret, otpauth URI and QR code
         * @description Requires any valid token.
         */
        post: operations["totp_enroll_api_v2_auth_mfa_totp_enroll_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/mfa/totp/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm enrolment with a code; returns single-use recovery codes
         * @description Requires any valid token.
         */
        post: operations["totp_verify_api_v2_auth_mfa_totp_verify_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/password/change": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change your password (the current one and, when a second factor is enrolled, a fresh code): every earlier session ends, the answer is a new one
         * @description Requires any valid token.
         */
        post: operations["change_password_api_v2_auth_password_change_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgotten password: a single-use reset link by email, valid one hour (the same answer whether or not the address has an account)
         * @description Public: no token required.
         */
        post: operations["forgot_password_api_v2_auth_password_forgot_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Set a new password with a reset link's token: the link is spent and every session of the account ends
         * @description Public: no token required.
         */
        post: operations["reset_password_api_v2_auth_password_reset_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange a refresh token for new tokens (rotation; reuse revokes the session)
         * @description Public: no token required.
         */
        post: operations["refresh_api_v2_auth_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/auth/step-up": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Prove a fresh second factor: a new access token for decisions that want one (prod approvals)
         * @description Requires any valid token.
         */
        post: operations["step_up_api_v2_auth_step_up_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/current": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current period usage
         * @description Requires permission `billing:read`.
         */
        get: operations["current_api_v2_billing_current_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Generate invoice
         * @description Requires permission `billing:*`.
         */
        post: operations["generate_api_v2_billing_generate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List invoices
         * @description Requires permission `billing:read`.
         */
        get: operations["list_invoices_api_v2_billing_invoices_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/invoices/{invoice_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get invoice
         * @description Requires permission `billing:read`.
         */
        get: operations["get_invoice_api_v2_billing_invoices__invoice_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/projections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Cost projections
         * @description Requires permission `billing:read`.
         */
        get: operations["projections_api_v2_billing_projections_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get settings
         * @description Requires permission `billing:read`.
         */
        get: operations["get_settings_api_v2_billing_settings_get"];
        /**
         * Update settings
         * @description Requires permission `billing:*`.
         */
        put: operations["update_settings_api_v2_billing_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/webhooks/lago": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lago webhook (signature-verified, processed once)
         * @description Public: no token required.
         */
        post: operations["lago_webhook_api_v2_billing_webhooks_lago_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/billing/webhooks/stripe": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe webhook (signature-verified, processed once)
         * @description Public: no token required.
         */
        post: operations["stripe_webhook_api_v2_billing_webhooks_stripe_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The caller's kind, identity, tenant, role and permissions
         * @description Requires any valid token.
         */
        get: operations["me_api_v2_me_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Batch record events (≤ 100)
         * @description Requires permission `usage:write`.
         */
        post: operations["batch_api_v2_metering_batch_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Model registry (prices per million tokens)
         * @description Requires permission `settings:read`.
         */
        get: operations["list_models_api_v2_metering_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/models/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One model with its price history
         * @description Requires permission `settings:read`.
         */
        get: operations["get_model_api_v2_metering_models__model_id__get"];
        /**
         * Create or update a model / schedule a price (operators)
         * @description Requires permission `saas:write`.
         */
        put: operations["put_model_api_v2_metering_models__model_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/quota": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Token quota check for the AI request path
         * @description For a producer's service key with `quota:read`. `allowed` is false once the tenant's input + output tokens this calendar month (UTC) reach its plan's `max_tokens_per_month` — or, with `tokens`, when that many more would go past it. Answered from Redis alone (two hash reads, see the README), no database — unless Redis has lost its copies (a flush), when the database answers until they are copied again. Usage past the limit is still recorded, and flagged. The answer's `Server-Timing: quota;dur=<ms>` is the check's own time (the caller's key verified, the quota read).
         *
         *     Requires permission `quota:read`.
         */
        get: operations["token_quota_api_v2_metering_quota_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record usage event
         * @description Requires permission `usage:write`.
         */
        post: operations["record_api_v2_metering_record_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/rollups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Daily rollups
         * @description Requires permission `billing:read`.
         */
        get: operations["rollups_api_v2_metering_rollups_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/metering/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Usage summary
         * @description Requires permission `billing:read`.
         */
        get: operations["summary_api_v2_metering_summary_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the platform's approval requests (operators)
         * @description Requires permission `saas:read`.
         */
        get: operations["list_platform_approvals_api_v2_saas_approvals_get"];
        put?: never;
        /**
         * File a registry change for a second operator's approval (model_activation, provider_change)
         * @description Requires permission `saas:write`.
         */
        post: operations["request_registry_approval_api_v2_saas_approvals_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/approvals/{approval_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a platform approval request (operators)
         * @description Requires permission `saas:read`.
         */
        get: operations["get_platform_approval_api_v2_saas_approvals__approval_id__get"];
        put?: never;
        post?: never;
        /**
         * Withdraw a platform request (its requester, or a platform_admin)
         * @description Requires permission `saas:write`.
         */
        delete: operations["cancel_platform_request_api_v2_saas_approvals__approval_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/approvals/{approval_id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a platform request (a second operator: never its requester)
         * @description Requires permission `saas:write`.
         */
        post: operations["approve_platform_request_api_v2_saas_approvals__approval_id__approve_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/approvals/{approval_id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a platform request, with a reason
         * @description Requires permission `saas:write`.
         */
        post: operations["reject_platform_request_api_v2_saas_approvals__approval_id__reject_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The platform audit stream (operators' actions), newest first, cursor-paginated
         * @description Requires permission `saas:read`.
         */
        get: operations["list_platform_entries_api_v2_saas_audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/audit/tenants/{tenant_id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify one tenant's hash chain (operators), a deleted tenant's too: its log is never purged
         * @description Requires permission `saas:read`.
         */
        get: operations["verify_tenant_for_operators_api_v2_saas_audit_tenants__tenant_id__verify_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the platform stream's hash chain to its last entry, its chain head and every signed checkpoint
         * @description Requires permission `saas:read`.
         */
        get: operations["verify_platform_api_v2_saas_audit_verify_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/console/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Operators' console sign-in: as /saas/auth/login (a code always), the refresh token set as an HttpOnly cookie
         * @description Public: no token required.
         */
        post: operations["operator_console_login_api_v2_saas_auth_console_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/console/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Operators' console sign-out: ends the cookie's session and clears the cookie
         * @description Requires permission `saas:read`.
         */
        post: operations["operator_console_logout_api_v2_saas_auth_console_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/console/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Operators' console silent refresh: rotates the refresh cookie (reuse ends the account's sessions)
         * @description Public: no token required.
         */
        post: operations["operator_console_refresh_api_v2_saas_auth_console_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Operator sign-in: email, password and a TOTP (or recovery) code, always
         * @description Public: no token required.
         */
        post: operations["login_api_v2_saas_auth_login_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * End this operator session (or all of them)
         * @description Requires permission `saas:read`.
         */
        post: operations["logout_api_v2_saas_auth_logout_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forgotten operator password (public): emails a single-use, one-hour link; the same answer for any address
         * @description Public: no token required.
         */
        post: operations["forgot_password_api_v2_saas_auth_password_forgot_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset an operator password with the emailed link (public): ends every session of the account
         * @description Public: no token required.
         */
        post: operations["reset_password_api_v2_saas_auth_password_reset_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/auth/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Exchange an operator's refresh token for new tokens (rotation; reuse ends the session)
         * @description Public: no token required.
         */
        post: operations["refresh_api_v2_saas_auth_refresh_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/billing/exchange-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * USD exchange rates (effective-dated)
         * @description Requires permission `saas:read`.
         */
        get: operations["get_rates_api_v2_saas_billing_exchange_rates_get"];
        /**
         * Record USD exchange rates from a date on
         * @description Requires permission `saas:billing`.
         */
        put: operations["put_rates_api_v2_saas_billing_exchange_rates_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/billing/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Revenue: invoiced, collected, outstanding by plan and tenant; MRR and its movements
         * @description Requires permission `saas:billing`.
         */
        get: operations["get_revenue_api_v2_saas_billing_revenue_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/billing/tenants/{tenant_id}/provider": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Choose the provider that bills a tenant (operators)
         * @description Requires permission `saas:write`.
         */
        put: operations["set_provider_api_v2_saas_billing_tenants__tenant_id__provider_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Platform health
         * @description Every service's readiness with its dependencies, Kafka consumer lag per group and partition (end offset minus committed offset, at the broker), each service's outbox backlog (unpublished rows and the oldest one's age, dead letters), every dead-letter topic's depth, and the SIEM sinks' lag. A part that cannot be measured is reported `unavailable`; the others are still served.
         *
         *     Requires permission `saas:read`.
         */
        get: operations["health_api_v2_saas_health_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/me/mfa/recovery-codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace my recovery codes (a code from my authenticator); shown once
         * @description Requires permission `saas:read`.
         */
        post: operations["regenerate_recovery_codes_api_v2_saas_me_mfa_recovery_codes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/me/mfa/totp/enroll": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start replacing my authenticator (a code from the current one); shown once
         * @description Requires permission `saas:read`.
         */
        post: operations["start_totp_reenrolment_api_v2_saas_me_mfa_totp_enroll_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/me/mfa/totp/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm my new authenticator (a code from it): new recovery codes, my other sessions end
         * @description Requires permission `saas:read`.
         */
        post: operations["confirm_totp_reenrolment_api_v2_saas_me_mfa_totp_verify_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/me/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Change my password (the current password and a fresh authenticator code); ends my other sessions
         * @description Requires permission `saas:read`.
         */
        post: operations["change_own_password_api_v2_saas_me_password_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Model registry (operators)
         * @description Requires permission `saas:read`.
         */
        get: operations["list_models_for_operators_api_v2_saas_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/models/{model_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One model with its price history (operators)
         * @description Requires permission `saas:read`.
         */
        get: operations["get_model_for_operators_api_v2_saas_models__model_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/models/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import a price catalogue (registry or LiteLLM format); a dry run shows the diff
         * @description Requires permission `saas:write`.
         */
        post: operations["import_models_api_v2_saas_models_import_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/operators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List platform operators
         * @description Requires permission `saas:read`.
         */
        get: operations["list_operators_api_v2_saas_operators_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/operators/{operator_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an operator
         * @description Requires permission `saas:read`.
         */
        get: operations["get_operator_api_v2_saas_operators__operator_id__get"];
        /**
         * Rename, change the role of, suspend or reactivate an operator (never yourself; the last active platform_admin stays)
         * @description Requires permission `saas:write`.
         */
        put: operations["update_operator_api_v2_saas_operators__operator_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/operators/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List operator invitations
         * @description Requires permission `saas:read`.
         */
        get: operations["list_invitations_api_v2_saas_operators_invitations_get"];
        put?: never;
        /**
         * Invite an operator (emails a one-time accept link)
         * @description Requires permission `saas:write`.
         */
        post: operations["create_invitation_api_v2_saas_operators_invitations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/operators/invitations/{invitation_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke a pending operator invitation
         * @description Requires permission `saas:write`.
         */
        delete: operations["revoke_invitation_api_v2_saas_operators_invitations__invitation_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/operators/invitations/accept": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept an operator invitation (public): sets the password and enrols the authenticator
         * @description Public: no token required.
         */
        post: operations["accept_invitation_api_v2_saas_operators_invitations_accept_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/stats": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Platform statistics
         * @description Tenants by status and environment, administrators by role, tenants active in the last 30 days (with usage; and with an administrator's sign-in), the platform's usage and billed cost this calendar month (UTC), and the invoices issued and not yet paid — each part from the service that owns it, measured now. A service that does not answer leaves its part `null` and says so in `sources`.
         *
         *     Requires permission `saas:read`.
         */
        get: operations["stats_api_v2_saas_stats_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Subscription tiers (the plan catalogue)
         * @description Requires permission `saas:read`.
         */
        get: operations["get_catalogue_api_v2_saas_subscriptions_get"];
        /**
         * Create or change tiers (a changed tier is a new version, for subscriptions from their next period)
         * @description Requires permission `saas:write`.
         */
        put: operations["put_catalogue_api_v2_saas_subscriptions_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description Requires permission `saas:read`.
         */
        get: operations["list_tenants_api_v2_saas_tenants_get"];
        put?: never;
        /**
         * Create a tenant and invite its first super_admin (publishes tenant.created)
         * @description Requires permission `saas:write`.
         */
        post: operations["create_tenant_api_v2_saas_tenants_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants/{tenant_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant: its administrators, status history and live impersonations
         * @description Requires permission `saas:read`.
         */
        get: operations["get_tenant_api_v2_saas_tenants__tenant_id__get"];
        /**
         * Update a tenant's name, app or operator-owned settings (publishes tenant.updated)
         * @description Requires permission `saas:write`.
         */
        put: operations["update_tenant_api_v2_saas_tenants__tenant_id__put"];
        post?: never;
        /**
         * Delete a tenant: soft at once (as suspended, tenant.deleted), purged after the retention window; a prod tenant waits for a second operator's approval (202)
         * @description Requires permission `saas:write`.
         */
        delete: operations["delete_tenant_api_v2_saas_tenants__tenant_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants/{tenant_id}/impersonate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Impersonate a tenant: a time-boxed token with an RFC 8693 act claim, read-only unless asked
         * @description Requires permission `saas:impersonate`.
         */
        post: operations["impersonate_api_v2_saas_tenants__tenant_id__impersonate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants/{tenant_id}/impersonate/{session_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * End an impersonation early: its token is refused from now on
         * @description Requires permission `saas:impersonate`.
         */
        delete: operations["end_impersonation_api_v2_saas_tenants__tenant_id__impersonate__session_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants/{tenant_id}/impersonations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's impersonation sessions, newest first
         * @description Requires permission `saas:read`.
         */
        get: operations["list_impersonations_api_v2_saas_tenants__tenant_id__impersonations_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants/{tenant_id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a suspended tenant: its administrators may sign in again (tenant.reactivated)
         * @description Requires permission `saas:write`.
         */
        post: operations["reactivate_tenant_api_v2_saas_tenants__tenant_id__reactivate_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v2/saas/tenants/{tenant_id}/suspend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Suspend a tenant: its sessions end at once, its tokens are refused (tenant.suspended)
         * @description Requires permission `saas:write`.
         */
        post: operations["suspend_tenant_api_v2_saas_tenants__tenant_id__suspend_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AcceptedAdmin */
        AcceptedAdmin: {
            /** Email */
            email: string;
            /** Firstname */
            firstName: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lastname */
            lastName: string;
            /** Mfarequired */
            mfaRequired: boolean;
            /** Role */
            role: string;
        };
        /** AcceptedOperator */
        AcceptedOperator: {
            /** Message */
            message: string;
            mfa: components["schemas"]["TotpEnrollment"];
            operator: components["schemas"]["OperatorOut"];
        };
        /** AcceptedOut */
        AcceptedOut: {
            /** Message */
            message: string;
        };
        /** AcceptInvitationRequest */
        AcceptInvitationRequest: {
            /** Firstname */
            firstName: string;
            /** Lastname */
            lastName: string;
            /**
             * Mfamethod
             * @default authenticator
             * @enum {string}
             */
            mfaMethod?: "authenticator" | "sms" | "email";
            /** Password */
            password: string;
            /** Phone */
            phone?: string | null;
            /** Token */
            token: string;
        };
        /** AcceptOperatorInvitation */
        AcceptOperatorInvitation: {
            /** Name */
            name?: string | null;
            /** Password */
            password: string;
            /** Token */
            token: string;
        };
        /** AcceptOut */
        AcceptOut: {
            adminUser: components["schemas"]["AcceptedAdmin"];
            /** Message */
            message: string;
            mfa?: components["schemas"]["MfaEnrollment"] | null;
        };
        /** ActorOut */
        ActorOut: {
            /** Id */
            id: string;
            /** Impersonator */
            impersonator?: {
                [key: string]: unknown;
            } | null;
            /** Ip */
            ip?: string | null;
            /** Name */
            name?: string | null;
            /** Type */
            type: string;
            /** Useragent */
            userAgent?: string | null;
        };
        /** AddAgentUser */
        AddAgentUser: {
            /**
             * Userid
             * Format: uuid
             * @description A member or administrator of the caller's tenant
             */
            userId: string;
        };
        /** AdminEnvelope */
        AdminEnvelope: {
            adminUser: components["schemas"]["AdminOut"];
        };
        /** AdministratorsOut */
        AdministratorsOut: {
            /** Byrole */
            byRole: {
                [key: string]: number;
            };
            /** Lastloginat */
            lastLoginAt: string | null;
            /** Pendinginvitations */
            pendingInvitations: number;
            /** Total */
            total: number;
        };
        /** AdministratorStats */
        AdministratorStats: {
            /** Byrole */
            byRole: {
                [key: string]: number;
            };
            /** Total */
            total: number;
        };
        /** AdminList */
        AdminList: {
            /** Adminusers */
            adminUsers: components["schemas"]["AdminOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** AdminOut */
        AdminOut: {
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Displayname */
            displayName: string;
            /** Email */
            email: string;
            /** Environment */
            environment: string;
            /** Firstname */
            firstName: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lastloginat */
            lastLoginAt: string | null;
            /** Lastname */
            lastName: string;
            /** Mfaenabled */
            mfaEnabled: boolean;
            /** Mfamethod */
            mfaMethod: string | null;
            /** Role */
            role: string;
            /** Status */
            status: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /**
         * AgentConfigurationIn
         * @description An agent's whole configuration. Fields left out take their defaults.
         */
        AgentConfigurationIn: {
            /** Description */
            description?: string;
            /** Knowledgesources */
            knowledgeSources?: components["schemas"]["KnowledgeSourceIn"][];
            /**
             * Maxtokens
             * @default 1024
             */
            maxTokens?: number;
            /**
             * Modelid
             * @description A model of the registry whose status is active
             */
            modelId: string;
            /** Name */
            name: string;
            /**
             * Systemprompt
             * @default
             */
            systemPrompt?: string;
            /**
             * Temperature
             * @default 0.7
             */
            temperature?: number;
            /** Tools */
            tools?: components["schemas"]["ToolIn"][];
            /**
             * Topp
             * @default 1
             */
            topP?: number;
            /**
             * Visibility
             * @default private
             * @enum {string}
             */
            visibility?: "private" | "tenant";
        };
        /** AgentConfigurationOut */
        AgentConfigurationOut: {
            /** Description */
            description: string | null;
            /** Knowledgesources */
            knowledgeSources: components["schemas"]["KnowledgeSourceOut"][];
            /** Maxtokens */
            maxTokens: number;
            /** Modelid */
            modelId: string;
            /** Name */
            name: string;
            /** Systemprompt */
            systemPrompt: string;
            /** Temperature */
            temperature: number;
            /** Tools */
            tools: components["schemas"]["ToolOut"][];
            /** Topp */
            topP: number;
            /** Visibility */
            visibility: string;
        };
        /** AgentEnvelope */
        AgentEnvelope: {
            agent: components["schemas"]["AgentOut"];
        };
        /** AgentList */
        AgentList: {
            /** Agents */
            agents: components["schemas"]["AgentOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** AgentOut */
        AgentOut: {
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            createdBy: components["schemas"]["UserRef"];
            /** Description */
            description: string | null;
            /**
             * Desiredstate
             * @enum {string}
             */
            desiredState: "running" | "stopped";
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Knowledgesources */
            knowledgeSources: components["schemas"]["KnowledgeSourceOut"][];
            /** Maxtokens */
            maxTokens: number;
            /** Modelid */
            modelId: string;
            /** Name */
            name: string;
            /** Pendingapprovalid */
            pendingApprovalId: string | null;
            /** Runningversion */
            runningVersion: number | null;
            /**
             * Status
             * @enum {string}
             */
            status: "stopped" | "starting" | "running" | "stopping" | "failed";
            /** Statusreason */
            statusReason: string | null;
            /** Statusreportedat */
            statusReportedAt: string | null;
            /** Systemprompt */
            systemPrompt: string;
            /** Temperature */
            temperature: number;
            /** Tools */
            tools: components["schemas"]["ToolOut"][];
            /** Topp */
            topP: number;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /** Version */
            version: number;
            /** Visibility */
            visibility: string;
        };
        /** AgentPolicy */
        AgentPolicy: {
            /** Allowedmodels */
            allowedModels?: string[];
        };
        /** AgentPolicyUpdate */
        AgentPolicyUpdate: {
            /** Allowedmodels */
            allowedModels?: string[];
        };
        /** AgentsOut */
        AgentsOut: {
            /** Bydesiredstate */
            byDesiredState: {
                [key: string]: number;
            };
            /** Bystatus */
            byStatus: {
                [key: string]: number;
            };
            /** Total */
            total: number;
        };
        /** AgentTotalOut */
        AgentTotalOut: {
            /** Agentid */
            agentId: string | null;
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** AgentUserEnvelope */
        AgentUserEnvelope: {
            user: components["schemas"]["AgentUserOut"];
        };
        /** AgentUserList */
        AgentUserList: {
            pagination: components["schemas"]["Pagination"];
            /** Users */
            users: components["schemas"]["AgentUserOut"][];
        };
        /** AgentUserOut */
        AgentUserOut: {
            /** Displayname */
            displayName: string;
            /** Email */
            email: string;
            /**
             * Grantedat
             * Format: date-time
             */
            grantedAt: string;
            /** Grantedby */
            grantedBy: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Role */
            role: string;
            /** Status */
            status: string;
        };
        /** AgentVersionList */
        AgentVersionList: {
            pagination: components["schemas"]["Pagination"];
            /** Versions */
            versions: components["schemas"]["AgentVersionOut"][];
        };
        /** AgentVersionOut */
        AgentVersionOut: {
            /** Changes */
            changes: {
                [key: string]: unknown;
            };
            configuration: components["schemas"]["AgentConfigurationOut"];
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            createdBy: components["schemas"]["UserRef"];
            /** Version */
            version: number;
        };
        /** ApprovalDetail */
        ApprovalDetail: {
            /** Action */
            action: string;
            /** Appid */
            appId?: string | null;
            /** Approvalsreceived */
            approvalsReceived: number;
            /** Approvedat */
            approvedAt?: string | null;
            /** Approvedby */
            approvedBy?: string | null;
            /** Approvedbyname */
            approvedByName?: string | null;
            /** Canapprove */
            canApprove: boolean;
            /** Decidedat */
            decidedAt?: string | null;
            decidedBy?: components["schemas"]["PersonRef"] | null;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /** Environment */
            environment: string;
            execution?: components["schemas"]["ExecutionOut"] | null;
            /** Executionstatus */
            executionStatus?: ("pending" | "executed" | "failed" | "external") | null;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /** Filedbyservice */
            filedByService?: string | null;
            /** History */
            history: components["schemas"]["HistoryEntry"][];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Notes */
            notes?: string | null;
            /**
             * Priority
             * @enum {string}
             */
            priority: "low" | "medium" | "high" | "critical";
            /** Rejectedreason */
            rejectedReason?: string | null;
            /**
             * Requestedat
             * Format: date-time
             */
            requestedAt: string;
            requestedBy: components["schemas"]["PersonRef"];
            /** Requiredapprovals */
            requiredApprovals: number;
            /** Requirestwopersonapproval */
            requiresTwoPersonApproval: boolean;
            /** Resourceid */
            resourceId: string;
            /** Resourcetype */
            resourceType: string;
            /** Reviews */
            reviews: components["schemas"]["ReviewOut"][];
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
            /**
             * Type
             * @enum {string}
             */
            type: "deployment" | "promotion" | "model_activation" | "provider_change" | "user_role_change" | "billing_change" | "admin_invitation" | "admin_status_change" | "agent_deployment" | "tenant_security_policy" | "tenant_deletion";
        };
        /** ApprovalEnvelope */
        ApprovalEnvelope: {
            approval: components["schemas"]["ApprovalDetail"];
        };
        /** ApprovalList */
        ApprovalList: {
            /** Approvals */
            approvals: components["schemas"]["ApprovalSummary"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** ApprovalSummary */
        ApprovalSummary: {
            /** Action */
            action: string;
            /** Approvalsreceived */
            approvalsReceived: number;
            /** Canapprove */
            canApprove: boolean;
            /** Environment */
            environment: string;
            /** Executionstatus */
            executionStatus?: ("pending" | "executed" | "failed" | "external") | null;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Priority
             * @enum {string}
             */
            priority: "low" | "medium" | "high" | "critical";
            /**
             * Requestedat
             * Format: date-time
             */
            requestedAt: string;
            requestedBy: components["schemas"]["PersonRef"];
            /** Requiredapprovals */
            requiredApprovals: number;
            /** Requirestwopersonapproval */
            requiresTwoPersonApproval: boolean;
            /** Resourceid */
            resourceId: string;
            /** Resourcetype */
            resourceType: string;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
            /**
             * Type
             * @enum {string}
             */
            type: "deployment" | "promotion" | "model_activation" | "provider_change" | "user_role_change" | "billing_change" | "admin_invitation" | "admin_status_change" | "agent_deployment" | "tenant_security_policy" | "tenant_deletion";
        };
        /**
         * ApproveRequest
         * @description An operator's approval of a platform request; the reason is optional.
         */
        ApproveRequest: {
            /** Reason */
            reason?: string | null;
        };
        /** BatchItemResult */
        BatchItemResult: {
            /** Error */
            error?: string | null;
            /** Errors */
            errors?: components["schemas"]["FieldErrorOut"][] | null;
            /** Id */
            id: string;
            /** Index */
            index: number;
            /** Requestid */
            requestId?: string | null;
            /** Success */
            success: boolean;
        };
        /** BatchRecordRequest */
        BatchRecordRequest: {
            /**
             * Events
             * @description Usage events, each as POST /record takes it; at least one valid
             */
            events: unknown[];
        };
        /** BatchRecordResponse */
        BatchRecordResponse: {
            /** Results */
            results: components["schemas"]["BatchItemResult"][];
            summary: components["schemas"]["BatchSummary"];
        };
        /** BatchSummary */
        BatchSummary: {
            /** Failed */
            failed: number;
            /** Successful */
            successful: number;
            /** Total */
            total: number;
        };
        /** BillingOverviewOut */
        BillingOverviewOut: {
            /**
             * Asof
             * Format: date
             */
            asOf: string;
            budget: components["schemas"]["BudgetPosition"];
            /** Currency */
            currency: string;
            currentPeriod: components["schemas"]["UsagePeriodOut"];
            /** Latestinvoices */
            latestInvoices: components["schemas"]["InvoiceSummaryOut"][];
            payment: components["schemas"]["PaymentStatusOut"];
            plan: components["schemas"]["SubscriptionOut"] | null;
            projection: components["schemas"]["ProjectionSummary"];
            /** Tenantid */
            tenantId: string;
        };
        /** SettingsOut */
        BillingSettingsOut: {
            /** Alertthresholds */
            alertThresholds: number[];
            /** Autopay */
            autoPay: boolean;
            /** Billingcycleday */
            billingCycleDay: number;
            /** Budgetlimit */
            budgetLimit: string | null;
            /** Currency */
            currency: string;
            /** Marginpercent */
            marginPercent: string;
            /** Margintype */
            marginType: string;
            /** Stripecustomerid */
            stripeCustomerId?: string | null;
            /** Taxenabled */
            taxEnabled: boolean;
            /** Taxid */
            taxId: string | null;
            /** Taxpercent */
            taxPercent: string;
            /** Tenantid */
            tenantId: string;
            /** Tiers */
            tiers: components["schemas"]["MarginTierOut"][];
            /** Updatedat */
            updatedAt?: string | null;
        };
        /**
         * SettingsUpdate
         * @description Every field optional: only the fields sent change; `null` clears taxId, budgetLimit and tiers,
         *     and is refused for the others (they always have a value).
         */
        BillingSettingsUpdate: {
            /** Alertthresholds */
            alertThresholds?: number[];
            /** Autopay */
            autoPay?: boolean;
            /** Billingcycleday */
            billingCycleDay?: number;
            /** Budgetlimit */
            budgetLimit?: (string | number) | null;
            /** Currency */
            currency?: string;
            /**
             * Marginpercent
             * @description A decimal string or number: at most 2 decimal places
             */
            marginPercent?: string | number;
            /**
             * Margintype
             * @enum {string}
             */
            marginType?: "fixed" | "tiered";
            /** Taxenabled */
            taxEnabled?: boolean;
            /** Taxid */
            taxId?: string | null;
            /**
             * Taxpercent
             * @description A decimal string or number: at most 2 decimal places
             */
            taxPercent?: string | number;
            /** Tiers */
            tiers?: components["schemas"]["MarginTierIn"][] | null;
        };
        /** UsageTotals */
        BillingUsageTotals: {
            /** Billedcost */
            billedCost: string;
            /** Providercost */
            providerCost: string;
            /** Requestcount */
            requestCount: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** Branding */
        Branding: {
            /** Accentcolor */
            accentColor?: string | null;
            /** Logourl */
            logoUrl?: string | null;
            /** Primarycolor */
            primaryColor?: string | null;
        };
        /** BrandingUpdate */
        BrandingUpdate: {
            /**
             * Accentcolor
             * @description null clears it
             */
            accentColor?: string | null;
            /**
             * Logourl
             * @description null clears it
             */
            logoUrl?: string | null;
            /**
             * Primarycolor
             * @description null clears it
             */
            primaryColor?: string | null;
        };
        /** BrokenLinkOut */
        BrokenLinkOut: {
            /** Eventid */
            eventId: string | null;
            /** Reason */
            reason: string;
            /** Seq */
            seq: number;
        };
        /** BudgetPosition */
        BudgetPosition: {
            /** Alertthresholds */
            alertThresholds: number[];
            /** Budgetlimit */
            budgetLimit: string | null;
            /** Percentused */
            percentUsed: string | null;
            /** Projectedpercent */
            projectedPercent?: string | null;
            /** Spent */
            spent: string;
            /**
             * Status
             * @enum {string}
             */
            status: "no_budget" | "within_budget" | "at_risk" | "over_budget";
            /** Thresholdscrossed */
            thresholdsCrossed: number[];
        };
        /** CancelResult */
        CancelResult: {
            approval: components["schemas"]["ApprovalDetail"];
            /** Message */
            message: string;
        };
        /**
         * CatalogueImportRequest
         * @description A price catalogue to import: `catalogue` is the file's content, in the registry's format (what
         *     `GET /metering/models` answers) or LiteLLM's `model_prices_and_context_window.json`. Its numbers
         *     are read exactly (as decimals, never floats).
         */
        CatalogueImportRequest: {
            /** Catalogue */
            catalogue: {
                [key: string]: unknown;
            };
            /**
             * Dryrun
             * @description Show the diff and change nothing
             * @default false
             */
            dryRun?: boolean;
            /**
             * Effectivefrom
             * @description When the new prices apply (default: now)
             */
            effectiveFrom?: string | null;
            /**
             * Existingonly
             * @description Reprice models already in the registry; add none
             * @default false
             */
            existingOnly?: boolean;
        };
        /** CatalogueImportResponse */
        CatalogueImportResponse: {
            /** Changes */
            changes: components["schemas"]["ImportChangeOut"][];
            /** Dryrun */
            dryRun: boolean;
            /**
             * Effectivefrom
             * Format: date-time
             */
            effectiveFrom: string;
            /**
             * Format
             * @enum {string}
             */
            format: "registry" | "litellm";
            /** Skipped */
            skipped: components["schemas"]["ImportSkippedOut"][];
            summary: components["schemas"]["ImportSummaryOut"];
        };
        /** CatalogueOut */
        CatalogueOut: {
            /** Plans */
            plans: components["schemas"]["PlanOut"][];
        };
        /**
         * CatalogueUpdate
         * @description The plans to create or change; plans not listed stay as they are.
         */
        CatalogueUpdate: {
            /** Plans */
            plans: components["schemas"]["PlanIn"][];
        };
        /** ChangeOwnPassword */
        ChangeOwnPassword: {
            /** Currentpassword */
            currentPassword: string;
            /** Newpassword */
            newPassword: string;
            /** Totpcode */
            totpCode: string;
        };
        /** ChangePasswordRequest */
        ChangePasswordRequest: {
            /** Code */
            code?: string | null;
            /** Currentpassword */
            currentPassword: string;
            /** Newpassword */
            newPassword: string;
        };
        /** ChargeOut */
        ChargeOut: {
            /** Amount */
            amount: string;
            /** Currency */
            currency: string;
            /** Description */
            description: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "plan_fee" | "proration";
            /**
             * Serviceend
             * Format: date
             */
            serviceEnd: string;
            /**
             * Servicestart
             * Format: date
             */
            serviceStart: string;
        };
        /** CheckpointOut */
        CheckpointOut: {
            /** Hash */
            hash: string;
            /** Keyid */
            keyId: string;
            /** Seq */
            seq: number;
            /** Signature */
            signature: string;
            /**
             * Signedat
             * Format: date-time
             */
            signedAt: string;
        };
        /** ConfirmTotpReenrolment */
        ConfirmTotpReenrolment: {
            /** Code */
            code: string;
        };
        /**
         * ConsoleSession
         * @description A console session: the access token, and never the refresh token (that is in the cookie).
         */
        ConsoleSession: {
            /** Accesstoken */
            accessToken: string;
            administrator: components["schemas"]["SessionAdmin"];
            /** Expiresin */
            expiresIn: number;
            /** Refreshexpiresin */
            refreshExpiresIn: number;
            /**
             * Tokentype
             * @default Bearer
             */
            tokenType?: string;
        };
        /** ConsumerGroupOut */
        ConsumerGroupOut: {
            /** Group */
            group: string;
            /** Lag */
            lag: number;
            /** Partitions */
            partitions: components["schemas"]["PartitionLagOut"][];
        };
        /** CountOut */
        CountOut: {
            /** Count */
            count: number;
            /** Key */
            key: string;
        };
        /** CreateApproval */
        CreateApproval: {
            /** Action */
            action: string;
            /** @description The change, as the type's payload; at most 16384 bytes of JSON */
            details: {
                /** Commit Sha */
                commit_sha?: string | null;
                /** Version */
                version?: string | null;
            } | ({
                /** Deployment Id */
                deployment_id: string;
                /** Source Environment */
                source_environment?: ("dev" | "staging" | "prod") | null;
                /**
                 * Target Environment
                 * @enum {string}
                 */
                target_environment: "dev" | "staging" | "prod";
                /** Version */
                version?: string | null;
            } & (unknown & unknown & unknown));
            /**
             * Expiresinhours
             * @default 24
             */
            expiresInHours?: number;
            /** Notes */
            notes?: string | null;
            /**
             * Priority
             * @default medium
             * @enum {string}
             */
            priority?: "low" | "medium" | "high" | "critical";
            /** Resourceid */
            resourceId: string;
            /** Resourcetype */
            resourceType: string;
            /**
             * Type
             * @description `deployment` or `promotion`. Changes a platform service owns are requested through that service's own route (e.g. `PUT /admin/users/{id}`, `PUT /billing/settings`), which files the approval itself.
             * @enum {string}
             */
            type: "deployment" | "promotion";
        } & ({
            /**
             * Deployment
             * @description Deploy release `version` (optionally pinned to `commit_sha`) to the approval's environment.
             */
            details: {
                /** Commit Sha */
                commit_sha?: string | null;
                /** Version */
                version?: string | null;
            };
            /** @constant */
            type: "deployment";
        } | {
            /**
             * Promotion
             * @description Promote deployment `deployment_id` to `target_environment` (the seed's `targetEnv`).
             */
            details: {
                /** Deployment Id */
                deployment_id: string;
                /** Source Environment */
                source_environment?: ("dev" | "staging" | "prod") | null;
                /**
                 * Target Environment
                 * @enum {string}
                 */
                target_environment: "dev" | "staging" | "prod";
                /** Version */
                version?: string | null;
            } & (unknown & unknown & unknown);
            /** @constant */
            type: "promotion";
        });
        /** CreateInvitationRequest */
        CreateInvitationRequest: {
            /**
             * Email
             * Format: email
             * @description An email address, not at a special-use domain (.arpa, .invalid, .local, .localhost, .onion, .test)
             */
            email: string;
            /**
             * Expiresinhours
             * @default 48
             */
            expiresInHours?: number;
            /** Message */
            message?: string | null;
            /**
             * Role
             * @enum {string}
             */
            role: "super_admin" | "admin" | "operator" | "auditor" | "member";
        };
        /** CreateOperatorInvitation */
        CreateOperatorInvitation: {
            /**
             * Email
             * Format: email
             * @description An email address, not at a special-use domain (.arpa, .invalid, .local, .localhost, .onion, .test)
             */
            email: string;
            /**
             * Expiresinhours
             * @default 48
             */
            expiresInHours?: number;
            /** Name */
            name: string;
            role: components["schemas"]["PlatformRole"];
        };
        /** CreateServiceKey */
        CreateServiceKey: {
            /**
             * Expiresat
             * @description When the key stops working (default: never)
             */
            expiresAt?: string | null;
            /** Name */
            name: string;
            /** Scopes */
            scopes: ("usage:write" | "quota:read")[];
        };
        /** CreateTenantRequest */
        CreateTenantRequest: {
            /**
             * Appid
             * @description Defaults to the platform's app id
             */
            appId?: string | null;
            /**
             * Environment
             * @enum {string}
             */
            environment: "dev" | "staging" | "prod";
            /** Name */
            name: string;
            settings?: components["schemas"]["TenantSettingsIn"] | null;
            /**
             * Superadminemail
             * Format: email
             * @description An email address, not at a special-use domain (.arpa, .invalid, .local, .localhost, .onion, .test)
             */
            superAdminEmail: string;
        };
        /** CreatorRef */
        CreatorRef: {
            /** Id */
            id: string | null;
            /** Name */
            name: string | null;
        };
        /** CurrencyRevenue */
        CurrencyRevenue: {
            /** Byplan */
            byPlan: components["schemas"]["PlanRevenue"][];
            /** Bytenant */
            byTenant: components["schemas"]["TenantRevenue"][];
            /** Collected */
            collected: string;
            /** Currency */
            currency: string;
            /** Invoicecount */
            invoiceCount: number;
            /** Invoiced */
            invoiced: string;
            mrr: components["schemas"]["MrrOut"];
            /** Outstanding */
            outstanding: string;
            /** Tenantstotal */
            tenantsTotal: number;
        };
        /** CurrentPeriodOut */
        CurrentPeriodOut: {
            /**
             * Asof
             * Format: date
             */
            asOf: string;
            budget: components["schemas"]["BudgetPosition"];
            /** Currency */
            currency: string;
            /** Dayselapsed */
            daysElapsed: number;
            /** Daysinperiod */
            daysInPeriod: number;
            /**
             * Exchangerate
             * @description Units of `currency` per USD the USD-priced usage was converted at: the rate in effect on the period's first day, the one its invoice uses (null: billed in USD, or no usage to convert). Without a rate a non-USD tenant with usage gets a 409 naming the currency.
             */
            exchangeRate?: string | null;
            /** Models */
            models: components["schemas"]["ModelUsageOut"][];
            period: components["schemas"]["PeriodOut"];
            /** Tenantid */
            tenantId: string;
            totals: components["schemas"]["BillingUsageTotals"];
        };
        /**
         * CursorPagination
         * @description For lists too long or too fast-moving for offsets (the audit log): resume after a cursor.
         */
        CursorPagination: {
            /** Hasmore */
            hasMore: boolean;
            /** Limit */
            limit: number;
            /** Nextcursor */
            nextCursor: string | null;
        };
        /** DailySeries */
        DailySeries: {
            /** Byagent */
            byAgent: components["schemas"]["AgentTotalOut"][];
            /** Bymodel */
            byModel: components["schemas"]["ModelTotalOut"][];
            /** Daily */
            daily: components["schemas"]["DayOut"][];
            /** Dailybyagent */
            dailyByAgent: components["schemas"]["DayByAgentOut"][];
            /** Dailybymodel */
            dailyByModel: components["schemas"]["DayByModelOut"][];
            period: components["schemas"]["Period"];
            totals: components["schemas"]["FiguresOut"];
        };
        /** DataRetention */
        DataRetention: {
            /**
             * Notificationdays
             * @default 90
             */
            notificationDays?: number;
            /**
             * Usagedetaildays
             * @default 90
             */
            usageDetailDays?: number;
        };
        /** DataRetentionUpdate */
        DataRetentionUpdate: {
            /** Notificationdays */
            notificationDays?: number;
            /** Usagedetaildays */
            usageDetailDays?: number;
        };
        /** DayByAgentOut */
        DayByAgentOut: {
            /** Agentid */
            agentId: string | null;
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** DayByModelOut */
        DayByModelOut: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Inputtokens */
            inputTokens: number;
            /** Modelid */
            modelId: string;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** DayOut */
        DayOut: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** DeadLetterQueueOut */
        DeadLetterQueueOut: {
            /** Depth */
            depth: number;
            /** Partitions */
            partitions: {
                [key: string]: number;
            };
            /** Topic */
            topic: string;
        };
        /**
         * DowngradeOut
         * @description Scheduled: the plan changes on `effectiveOn` (the next period's first day); in a production
         *     tenant it waits for approval first (202).
         */
        DowngradeOut: {
            /** Approvalid */
            approvalId?: string | null;
            /**
             * Changeid
             * Format: uuid
             */
            changeId: string;
            /**
             * Effectiveon
             * Format: date
             */
            effectiveOn: string;
            /** Plan */
            plan: string;
            /**
             * Status
             * @enum {string}
             */
            status: "scheduled" | "pending_approval";
            subscription: components["schemas"]["SubscriptionOut"];
        };
        /** EntryOut */
        EntryOut: {
            /** Action */
            action: string;
            actor: components["schemas"]["ActorOut"];
            /** Appid */
            appId: string | null;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /** Environment */
            environment: string | null;
            /** Extra */
            extra: {
                [key: string]: unknown;
            };
            /** Hash */
            hash: string;
            /** Id */
            id: string;
            /**
             * Occurredat
             * Format: date-time
             */
            occurredAt: string;
            /** Outcome */
            outcome: string;
            /** Prevhash */
            prevHash: string;
            /**
             * Recordedat
             * Format: date-time
             */
            recordedAt: string;
            /** Resourceid */
            resourceId: string | null;
            /** Resourcetype */
            resourceType: string;
            /** Seq */
            seq: number;
            /** Source */
            source: string;
        };
        /** EntryPage */
        EntryPage: {
            /** Entries */
            entries: components["schemas"]["EntryOut"][];
            pagination: components["schemas"]["CursorPagination"];
        };
        /** ExchangeRateIn */
        ExchangeRateIn: {
            /** Currency */
            currency: string;
            /**
             * Effectivefrom
             * Format: date
             */
            effectiveFrom: string;
            /**
             * Rate
             * @description A decimal string or number: at most 10 decimal places
             */
            rate: string | number;
            /** Source */
            source: string;
        };
        /** ExchangeRateOut */
        ExchangeRateOut: {
            /** Createdby */
            createdBy: string | null;
            /** Currency */
            currency: string;
            /**
             * Effectivefrom
             * Format: date
             */
            effectiveFrom: string;
            /** Rate */
            rate: string;
            /** Source */
            source: string;
        };
        /** ExchangeRatesOut */
        ExchangeRatesOut: {
            /**
             * Base
             * @default USD
             * @constant
             */
            base?: "USD";
            /** Rates */
            rates: components["schemas"]["ExchangeRateOut"][];
        };
        /** ExchangeRatesUpdate */
        ExchangeRatesUpdate: {
            /** Rates */
            rates: components["schemas"]["ExchangeRateIn"][];
        };
        /** ExecutionOut */
        ExecutionOut: {
            /** At */
            at?: string | null;
            /** Error */
            error?: string | null;
            /** Note */
            note?: string | null;
            /** Result */
            result?: {
                [key: string]: unknown;
            } | null;
            /** Service */
            service?: string | null;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "executed" | "failed" | "external";
        };
        /** FailedPaymentOut */
        FailedPaymentOut: {
            /** Attempts */
            attempts: number;
            /**
             * Failedat
             * Format: date-time
             */
            failedAt: string;
            /** Graceuntil */
            graceUntil: string | null;
            /**
             * Invoiceid
             * Format: uuid
             */
            invoiceId: string;
            /** Number */
            number: string;
        };
        /** FieldErrorOut */
        FieldErrorOut: {
            /** Field */
            field: string;
            /** Message */
            message: string;
            /** Type */
            type: string;
        };
        /** FiguresOut */
        FiguresOut: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /**
         * FiledApprovalEnvelope
         * @description The filed request; another operator decides it at /api/v2/saas/approvals/{id}.
         */
        FiledApprovalEnvelope: {
            approval: components["schemas"]["MeteringFiledApprovalOut"];
        };
        /**
         * FiledApprovalOut
         * @description The approval a deletion waits for: another operator decides it at /api/v2/saas/approvals/{id}.
         */
        FiledApprovalOut: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /** Type */
            type: string;
        };
        /** ForgotOperatorPassword */
        ForgotOperatorPassword: {
            /** Email */
            email: string;
        };
        /** ForgotPasswordRequest */
        ForgotPasswordRequest: {
            /** Email */
            email: string;
            /** Tenantid */
            tenantId?: string | null;
        };
        /**
         * GenerateInvoiceRequest
         * @description The period, both ends inclusive: periodEnd not before periodStart, at most 366 days after it
         *     (rules the endpoint documents in `x-input-rules`; the error names periodEnd).
         */
        GenerateInvoiceRequest: {
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            /**
             * Sendtostripe
             * @default false
             */
            sendToStripe?: boolean;
        };
        /** HeadOut */
        HeadOut: {
            /** Hash */
            hash: string;
            /** Seq */
            seq: number;
        };
        /** HistoryEntry */
        HistoryEntry: {
            actor?: components["schemas"]["PersonRef"] | null;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /**
             * Event
             * @enum {string}
             */
            event: "requested" | "approved" | "rejected" | "cancelled" | "expired" | "executed" | "execution_failed";
            /** Reason */
            reason?: string | null;
        };
        /** HourByAgentOut */
        HourByAgentOut: {
            /** Agentid */
            agentId: string | null;
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Hour
             * Format: date-time
             */
            hour: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** HourByModelOut */
        HourByModelOut: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Hour
             * Format: date-time
             */
            hour: string;
            /** Inputtokens */
            inputTokens: number;
            /** Modelid */
            modelId: string;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** HourlySeries */
        HourlySeries: {
            /** Byagent */
            byAgent: components["schemas"]["AgentTotalOut"][];
            /** Bymodel */
            byModel: components["schemas"]["ModelTotalOut"][];
            /**
             * From
             * Format: date-time
             */
            from: string;
            /** Hourly */
            hourly: components["schemas"]["HourOut"][];
            /** Hourlybyagent */
            hourlyByAgent: components["schemas"]["HourByAgentOut"][];
            /** Hourlybymodel */
            hourlyByModel: components["schemas"]["HourByModelOut"][];
            /**
             * To
             * Format: date-time
             */
            to: string;
            totals: components["schemas"]["FiguresOut"];
        };
        /** HourOut */
        HourOut: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Hour
             * Format: date-time
             */
            hour: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** ImpersonateRequest */
        ImpersonateRequest: {
            /**
             * Durationminutes
             * @default 15
             */
            durationMinutes?: number;
            /** Reason */
            reason: string;
            /**
             * Write
             * @default false
             */
            write?: boolean;
        };
        /** ImpersonationList */
        ImpersonationList: {
            /** Impersonations */
            impersonations: components["schemas"]["ImpersonationOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** ImpersonationOut */
        ImpersonationOut: {
            /** Active */
            active: boolean;
            /** Endedat */
            endedAt: string | null;
            /** Endedby */
            endedBy: string | null;
            /** Endreason */
            endReason: string | null;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Operatoremail */
            operatorEmail: string | null;
            /** Operatorid */
            operatorId: string;
            /** Operatorname */
            operatorName: string | null;
            /** Readonly */
            readOnly: boolean;
            /** Reason */
            reason: string;
            /**
             * Startedat
             * Format: date-time
             */
            startedAt: string;
            /** Tenantid */
            tenantId: string;
        };
        /** ImpersonationStarted */
        ImpersonationStarted: {
            /** Accesstoken */
            accessToken: string;
            /** Expiresin */
            expiresIn: number;
            session: components["schemas"]["ImpersonationOut"];
            /**
             * Tokentype
             * @default Bearer
             * @constant
             */
            tokenType?: "Bearer";
        };
        /** ImportChangeOut */
        ImportChangeOut: {
            /**
             * Action
             * @enum {string}
             */
            action: "create" | "reprice";
            after: components["schemas"]["ImportPrice"];
            before: components["schemas"]["ImportPrice"] | null;
            /** Modelid */
            modelId: string;
            /** Modelname */
            modelName: string;
            /** Providerid */
            providerId: string;
        };
        /** ImportPrice */
        ImportPrice: {
            /**
             * Inputpricepermillion
             * @description Exact non-negative decimal amount, serialised as a string
             */
            inputPricePerMillion: string;
            /**
             * Outputpricepermillion
             * @description Exact non-negative decimal amount, serialised as a string
             */
            outputPricePerMillion: string;
        };
        /** ImportSkippedOut */
        ImportSkippedOut: {
            /** Modelid */
            modelId: string;
            /** Reason */
            reason: string;
        };
        /** ImportSummaryOut */
        ImportSummaryOut: {
            /** Created */
            created: number;
            /** Repriced */
            repriced: number;
            /** Skipped */
            skipped: number;
            /** Unchanged */
            unchanged: number;
        };
        /** InvitationCreated */
        InvitationCreated: {
            invitation: components["schemas"]["InvitationSummary"];
        };
        /** InvitationEnvelope */
        InvitationEnvelope: {
            invitation: components["schemas"]["InvitationOut"];
        };
        /** InvitationList */
        InvitationList: {
            /** Invitations */
            invitations: components["schemas"]["InvitationOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** InvitationOut */
        InvitationOut: {
            /** Acceptedat */
            acceptedAt: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Email */
            email: string;
            /** Environment */
            environment: string;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            invitedBy: components["schemas"]["InviterRef"];
            /** Message */
            message: string | null;
            /** Role */
            role: string;
            /** Status */
            status: string;
        };
        /**
         * InvitationPending
         * @description prod: a `super_admin` or `admin` invitation waits for another administrator's approval; the
         *     invitation is issued (and mailed) once approved.
         */
        InvitationPending: {
            /** Message */
            message: string;
            pendingApproval: components["schemas"]["radiant_identity__schemas__PendingApproval"];
        };
        /** InvitationsOut */
        InvitationsOut: {
            /** Pending */
            pending: number;
            /** Pendingbyrole */
            pendingByRole: {
                [key: string]: number;
            };
        };
        /** InvitationSummary */
        InvitationSummary: {
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Email */
            email: string;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Role */
            role: string;
            /** Status */
            status: string;
        };
        /** InviterRef */
        InviterRef: {
            /** Id */
            id: string | null;
            /** Name */
            name: string;
        };
        /** InvoiceList */
        InvoiceList: {
            /** Invoices */
            invoices: components["schemas"]["InvoiceOut"][];
            pagination: components["schemas"]["Pagination"];
            /** Total */
            total: number;
        };
        /** InvoiceOut */
        InvoiceOut: {
            /** Appid */
            appId: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Currency */
            currency: string;
            /**
             * Duedate
             * Format: date-time
             */
            dueDate: string;
            /** Exchangerate */
            exchangeRate?: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lineitems */
            lineItems: components["schemas"]["LineItemOut"][];
            /** Marginamount */
            marginAmount: string;
            /** Marginpercent */
            marginPercent: string;
            /** Number */
            number: string;
            /** Paidat */
            paidAt: string | null;
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            /** Planid */
            planId?: string | null;
            /**
             * Provider
             * @default stripe
             */
            provider?: string;
            /** Providercost */
            providerCost: string;
            /** Providerinvoiceid */
            providerInvoiceId?: string | null;
            /** Status */
            status: string;
            /** Stripeinvoiceid */
            stripeInvoiceId: string | null;
            /** Stripelasterror */
            stripeLastError?: string | null;
            /** Stripesyncstatus */
            stripeSyncStatus: string;
            /** Subtotal */
            subtotal: string;
            /** Tax */
            tax: string;
            /** Taxpercent */
            taxPercent: string;
            /** Tenantid */
            tenantId: string;
            /** Total */
            total: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** InvoicesOutstanding */
        InvoicesOutstanding: {
            /** Bystatus */
            byStatus: components["schemas"]["InvoiceTotal"][];
            /** Count */
            count: number;
            /** Totals */
            totals: {
                [key: string]: string;
            };
        };
        /** InvoiceSummaryOut */
        InvoiceSummaryOut: {
            /** Currency */
            currency: string;
            /**
             * Duedate
             * Format: date-time
             */
            dueDate: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Number */
            number: string;
            /** Paidat */
            paidAt: string | null;
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            /** Status */
            status: string;
            /** Total */
            total: string;
        };
        /** InvoiceTotal */
        InvoiceTotal: {
            /** Count */
            count: number;
            /** Currency */
            currency: string;
            /** Status */
            status: string;
            /**
             * Total
             * @description Exact non-negative decimal amount, serialised as a string
             */
            total: string;
        };
        /** KafkaOut */
        KafkaOut: {
            /** Consumergroups */
            consumerGroups?: components["schemas"]["ConsumerGroupOut"][];
            /** Deadletterqueues */
            deadLetterQueues?: components["schemas"]["DeadLetterQueueOut"][];
            /** Detail */
            detail?: string | null;
            /**
             * Groupstruncated
             * @default false
             */
            groupsTruncated?: boolean;
            /**
             * State
             * @enum {string}
             */
            state: "ok" | "unavailable";
        };
        /** KnowledgeSourceIn */
        KnowledgeSourceIn: {
            /** Name */
            name?: string;
            /** Ref */
            ref: string;
            /**
             * Type
             * @enum {string}
             */
            type: "url" | "document" | "vector_store" | "database";
        };
        /** KnowledgeSourceOut */
        KnowledgeSourceOut: {
            /** Name */
            name?: string | null;
            /** Ref */
            ref: string;
            /** Type */
            type: string;
        };
        /** LineItemOut */
        LineItemOut: {
            /** Amount */
            amount: string;
            /** Description */
            description: string;
            /**
             * Kind
             * @default usage
             */
            kind?: string;
            /** Modelid */
            modelId?: string | null;
            /** Providercost */
            providerCost?: string | null;
            /** Quantity */
            quantity: number;
            /** Totaltokens */
            totalTokens?: number | null;
        };
        /** LoginRequest */
        LoginRequest: {
            /** Email */
            email: string;
            /** Password */
            password: string;
            /** Recoverycode */
            recoveryCode?: string | null;
            /** Tenantid */
            tenantId?: string | null;
            /** Totpcode */
            totpCode?: string | null;
        };
        /** LogoutRequest */
        LogoutRequest: {
            /**
             * Allsessions
             * @default false
             */
            allSessions?: boolean;
            /** Refreshtoken */
            refreshToken?: string | null;
        };
        /** MarginTierIn */
        MarginTierIn: {
            /**
             * Marginpercent
             * @description A decimal string or number: at most 2 decimal places
             */
            marginPercent: string | number;
            /** Upto */
            upTo?: (string | number) | null;
        };
        /** MarginTierOut */
        MarginTierOut: {
            /** Marginpercent */
            marginPercent: string;
            /** Upto */
            upTo?: string | null;
        };
        /** MarkedRead */
        MarkedRead: {
            /** Updated */
            updated: number;
        };
        /** MembersOut */
        MembersOut: {
            /** Byrole */
            byRole: {
                [key: string]: number;
            };
            /** Byroleandstatus */
            byRoleAndStatus: components["schemas"]["RoleStatusCount"][];
            /** Bystatus */
            byStatus: {
                [key: string]: number;
            };
            /** Total */
            total: number;
        };
        /** MessageOut */
        MessageOut: {
            /** Message */
            message: string;
        };
        /** FiledApprovalOut */
        MeteringFiledApprovalOut: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /** Type */
            type: string;
        };
        /** MfaEnrollment */
        MfaEnrollment: {
            /** Method */
            method: string;
            /** Otpauthuri */
            otpauthUri: string;
            /** Qrcode */
            qrCode: string;
            /** Recoverycodes */
            recoveryCodes?: string[] | null;
            /** Secret */
            secret: string;
        };
        /** ModelDetailOut */
        ModelDetailOut: {
            currentPrice: components["schemas"]["PriceOut"] | null;
            /** Modelid */
            modelId: string;
            /** Modelname */
            modelName: string;
            /** Pricehistory */
            priceHistory: components["schemas"]["PriceOut"][];
            /** Providerid */
            providerId: string;
            /** Scheduledprices */
            scheduledPrices: components["schemas"]["PriceOut"][];
            /** Status */
            status: string;
            /** Unregistered */
            unregistered: boolean;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /** Updatedby */
            updatedBy: string | null;
        };
        /** ModelOut */
        ModelOut: {
            currentPrice: components["schemas"]["PriceOut"] | null;
            /** Modelid */
            modelId: string;
            /** Modelname */
            modelName: string;
            /** Providerid */
            providerId: string;
            /** Scheduledprices */
            scheduledPrices: components["schemas"]["PriceOut"][];
            /** Status */
            status: string;
            /** Unregistered */
            unregistered: boolean;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
            /** Updatedby */
            updatedBy: string | null;
        };
        /** ModelsResponse */
        ModelsResponse: {
            /** Models */
            models: components["schemas"]["ModelOut"][];
        };
        /** ModelTotalOut */
        ModelTotalOut: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /** Inputtokens */
            inputTokens: number;
            /** Modelid */
            modelId: string;
            /** Outputtokens */
            outputTokens: number;
            /** Requests */
            requests: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** ModelUpdateRequest */
        ModelUpdateRequest: {
            /** Effectivefrom */
            effectiveFrom?: string | null;
            /** Inputpricepermillion */
            inputPricePerMillion?: (string | number) | null;
            /** Modelname */
            modelName?: string | null;
            /** Outputpricepermillion */
            outputPricePerMillion?: (string | number) | null;
            /** Providerid */
            providerId?: string | null;
            /** Status */
            status?: ("active" | "inactive" | "deprecated") | null;
        };
        /** ModelUsageOut */
        ModelUsageOut: {
            /** Billedcost */
            billedCost: string;
            /** Inputtokens */
            inputTokens: number;
            /** Modelid */
            modelId: string;
            /** Modelname */
            modelName: string;
            /** Outputtokens */
            outputTokens: number;
            /** Providercost */
            providerCost: string;
            /** Providerid */
            providerId: string | null;
            /** Requestcount */
            requestCount: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /**
         * MrrOut
         * @description Monthly recurring revenue (the monthly prices of the subscriptions in force) at the period's
         *     start and end, and how it moved: each tenant's net change counted once, as new (from none),
         *     churn (to none), expansion or contraction. start + new + expansion - contraction - churn = end.
         */
        MrrOut: {
            /** Change */
            change: string;
            /** Churn */
            churn: string;
            /** Contraction */
            contraction: string;
            /** End */
            end: string;
            /** Expansion */
            expansion: string;
            /** New */
            new: string;
            /** Payingtenants */
            payingTenants: number;
            /** Start */
            start: string;
        };
        /**
         * NewTotp
         * @description The replacement authenticator's secret, shown once; it takes over when a code from it is confirmed.
         */
        NewTotp: {
            /**
             * Method
             * @default authenticator
             */
            method?: string;
            /** Otpauthuri */
            otpauthUri: string;
            /** Qrcode */
            qrCode: string;
            /** Secret */
            secret: string;
        };
        /** NotificationCategories */
        NotificationCategories: {
            /**
             * Approvals
             * @default true
             */
            approvals?: boolean;
            /**
             * Billing
             * @default true
             */
            billing?: boolean;
            /**
             * Deployments
             * @default true
             */
            deployments?: boolean;
            /**
             * Security
             * @default true
             */
            security?: boolean;
            /**
             * System
             * @default true
             */
            system?: boolean;
        };
        /** NotificationList */
        NotificationList: {
            /** Notifications */
            notifications: components["schemas"]["NotificationOut"][];
            pagination: components["schemas"]["Pagination"];
            /** Unreadcount */
            unreadCount: number;
        };
        /** NotificationOut */
        NotificationOut: {
            /** Actionlabel */
            actionLabel: string | null;
            /** Actionurl */
            actionUrl: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Dismissed */
            dismissed: boolean;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Message */
            message: string;
            /** Priority */
            priority: string;
            /** Read */
            read: boolean;
            /** Readat */
            readAt: string | null;
            /** Title */
            title: string;
            /** Type */
            type: string;
        };
        /** NotificationSettings */
        NotificationSettings: {
            /**
             * @default {
             *       "security": true,
             *       "billing": true,
             *       "deployments": true,
             *       "approvals": true,
             *       "system": true
             *     }
             */
            categories?: components["schemas"]["NotificationCategories"];
            /**
             * Frequency
             * @default immediate
             * @enum {string}
             */
            frequency?: "immediate" | "hourly" | "daily" | "weekly";
            /**
             * Method
             * @default email
             * @enum {string}
             */
            method?: "email" | "in_app" | "both" | "none";
        };
        /**
         * OperatorConsoleSession
         * @description An operator's console session: the access token, and never the refresh token (the cookie).
         */
        OperatorConsoleSession: {
            /** Accesstoken */
            accessToken: string;
            /** Expiresin */
            expiresIn: number;
            operator: components["schemas"]["SessionOperator"];
            /** Refreshexpiresin */
            refreshExpiresIn: number;
            /**
             * Tokentype
             * @default Bearer
             */
            tokenType?: string;
        };
        /** OperatorEnvelope */
        OperatorEnvelope: {
            operator: components["schemas"]["OperatorOut"];
        };
        /** OperatorInvitationEnvelope */
        OperatorInvitationEnvelope: {
            invitation: components["schemas"]["OperatorInvitationOut"];
        };
        /** OperatorInvitationList */
        OperatorInvitationList: {
            /** Invitations */
            invitations: components["schemas"]["OperatorInvitationOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** OperatorInvitationOut */
        OperatorInvitationOut: {
            /** Acceptedat */
            acceptedAt: string | null;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Email */
            email: string;
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Invitedby */
            invitedBy: string | null;
            /** Invitedbyname */
            invitedByName: string | null;
            /** Name */
            name: string;
            /** Role */
            role: string;
            /** Status */
            status: string;
        };
        /** OperatorList */
        OperatorList: {
            /** Operators */
            operators: components["schemas"]["OperatorOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** OperatorLogin */
        OperatorLogin: {
            /** Email */
            email: string;
            /** Password */
            password: string;
            /** Recoverycode */
            recoveryCode?: string | null;
            /** Totpcode */
            totpCode?: string | null;
        };
        /** OperatorLogout */
        OperatorLogout: {
            /**
             * Allsessions
             * @default false
             */
            allSessions?: boolean;
            /** Refreshtoken */
            refreshToken?: string | null;
        };
        /** OperatorOut */
        OperatorOut: {
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Email */
            email: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Invitedby */
            invitedBy: string | null;
            /** Lastloginat */
            lastLoginAt: string | null;
            /**
             * Mfaenabled
             * @default true
             */
            mfaEnabled?: boolean;
            /** Name */
            name: string;
            /** Role */
            role: string;
            /** Status */
            status: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** OperatorRefresh */
        OperatorRefresh: {
            /** Refreshtoken */
            refreshToken: string;
        };
        /** OperatorTokenPair */
        OperatorTokenPair: {
            /** Accesstoken */
            accessToken: string;
            /** Expiresin */
            expiresIn: number;
            operator: components["schemas"]["SessionOperator"];
            /** Refreshexpiresin */
            refreshExpiresIn: number;
            /** Refreshtoken */
            refreshToken: string;
            /**
             * Tokentype
             * @default Bearer
             */
            tokenType?: string;
        };
        /** OutboxOut */
        OutboxOut: {
            /** Deadlettered */
            deadLettered?: number | null;
            /** Detail */
            detail?: string | null;
            /** Oldestpendingageseconds */
            oldestPendingAgeSeconds?: number | null;
            /** Oldestpendingat */
            oldestPendingAt?: string | null;
            /** Pending */
            pending?: number | null;
            /**
             * Pendingcapped
             * @default false
             */
            pendingCapped?: boolean;
            /** Service */
            service: string;
            /**
             * State
             * @enum {string}
             */
            state: "ok" | "unavailable";
        };
        /** OverLimitOut */
        OverLimitOut: {
            /** Requests */
            requests: number;
            /** Tokens */
            tokens: number;
        };
        /** OwedOut */
        OwedOut: {
            /** Amount */
            amount: string;
            /** Currency */
            currency: string;
            /** Invoices */
            invoices: number;
            /**
             * Nextdue
             * Format: date-time
             */
            nextDue: string;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "overdue";
        };
        /** Pagination */
        Pagination: {
            /** Hasmore */
            hasMore: boolean;
            /** Limit */
            limit: number;
            /** Offset */
            offset: number;
        };
        /** PartitionLagOut */
        PartitionLagOut: {
            /** Committedoffset */
            committedOffset: number;
            /** Endoffset */
            endOffset: number;
            /** Lag */
            lag: number;
            /** Partition */
            partition: number;
            /** Topic */
            topic: string;
        };
        /**
         * PartStatus
         * @description Whether a service answered its part; the rest of the view is served when one did not.
         */
        PartStatus: {
            /** Detail */
            detail?: string | null;
            /** Service */
            service: string;
            /**
             * State
             * @enum {string}
             */
            state: "ok" | "unavailable";
        };
        /** PasswordResetDone */
        PasswordResetDone: {
            /** Message */
            message: string;
            /** Sessionsrevoked */
            sessionsRevoked: number;
        };
        /** PasswordResetRequested */
        PasswordResetRequested: {
            /** Message */
            message: string;
        };
        /** PaymentMethodLink */
        PaymentMethodLink: {
            /**
             * Provider
             * @enum {string}
             */
            provider: "stripe" | "lago";
            /** Url */
            url: string;
        };
        /** PaymentStatusOut */
        PaymentStatusOut: {
            /** Autopay */
            autoPay: boolean;
            lastFailure?: components["schemas"]["FailedPaymentOut"] | null;
            /** Owed */
            owed: components["schemas"]["OwedOut"][];
            /**
             * Status
             * @enum {string}
             */
            status: "current" | "outstanding" | "overdue" | "payment_failed";
        };
        /** PendingApprovalOut */
        PendingApprovalOut: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /**
             * Type
             * @default agent_deployment
             */
            type?: string;
        };
        /** PendingApprovals */
        PendingApprovals: {
            /** Awaitingdecision */
            awaitingDecision: number;
            /** Pending */
            pending: number;
            /** Requestedbyme */
            requestedByMe: number;
        };
        /** Period */
        Period: {
            /**
             * Enddate
             * Format: date
             */
            endDate: string;
            /**
             * Startdate
             * Format: date
             */
            startDate: string;
        };
        /** PeriodOut */
        PeriodOut: {
            /**
             * End
             * Format: date
             */
            end: string;
            /**
             * Start
             * Format: date
             */
            start: string;
        };
        /** PersonRef */
        PersonRef: {
            /** Email */
            email?: string | null;
            /** Id */
            id: string;
            /** Name */
            name?: string | null;
        };
        /** PlanChangeRequest */
        PlanChangeRequest: {
            /** Plan */
            plan: string;
        };
        /**
         * PlanIn
         * @description One tier. Any difference from the plan's current terms makes a new version: new subscriptions
         *     and upgrades get it at once, existing subscriptions from their next period (never retroactively).
         */
        PlanIn: {
            /** Available */
            available?: boolean;
            /** Default */
            default?: boolean;
            /** Description */
            description?: string | null;
            /** Features */
            features?: string[];
            /** Id */
            id: string;
            limits: components["schemas"]["PlanLimitsIn"];
            /** Name */
            name: string;
            /** Prices */
            prices: {
                [key: string]: string | number;
            };
            /** Rank */
            rank: number;
        };
        /**
         * PlanLimitsIn
         * @description Each limit a count, or null for unlimited.
         */
        PlanLimitsIn: {
            /** Maxagents */
            maxAgents?: number | null;
            /** Maxstoragegb */
            maxStorageGb?: number | null;
            /** Maxtokenspermonth */
            maxTokensPerMonth?: number | null;
            /** Maxusers */
            maxUsers?: number | null;
        };
        /** PlanLimitsOut */
        PlanLimitsOut: {
            /** Maxagents */
            maxAgents: number | null;
            /** Maxstoragegb */
            maxStorageGb: number | null;
            /** Maxtokenspermonth */
            maxTokensPerMonth: number | null;
            /** Maxusers */
            maxUsers: number | null;
        };
        /** PlanOut */
        PlanOut: {
            /** Available */
            available: boolean;
            /** Default */
            default: boolean;
            /** Description */
            description: string | null;
            /** Features */
            features: string[];
            /** Id */
            id: string;
            limits: components["schemas"]["PlanLimitsOut"];
            /** Name */
            name: string;
            /** Prices */
            prices: {
                [key: string]: string;
            };
            /** Rank */
            rank: number;
            /** Version */
            version: number;
            /** Versions */
            versions: number;
        };
        /** PlanRevenue */
        PlanRevenue: {
            /** Collected */
            collected: string;
            /** Invoicecount */
            invoiceCount: number;
            /** Invoiced */
            invoiced: string;
            /** Outstanding */
            outstanding: string;
            /** Plan */
            plan: string | null;
        };
        /** PlatformHealth */
        PlatformHealth: {
            /**
             * Generatedat
             * Format: date-time
             */
            generatedAt: string;
            /** Healthy */
            healthy: boolean;
            kafka: components["schemas"]["KafkaOut"];
            /** Outboxes */
            outboxes: components["schemas"]["OutboxOut"][];
            /** Services */
            services: components["schemas"]["ReadinessOut"][];
            siem: components["schemas"]["SiemOut"];
        };
        /**
         * PlatformRole
         * @enum {string}
         */
        PlatformRole: "platform_admin" | "platform_support";
        /** PlatformStats */
        PlatformStats: {
            administrators: components["schemas"]["AdministratorStats"] | null;
            /**
             * Generatedat
             * Format: date-time
             */
            generatedAt: string;
            invoicesOutstanding: components["schemas"]["InvoicesOutstanding"] | null;
            /** Sources */
            sources: components["schemas"]["PartStatus"][];
            tenants: components["schemas"]["TenantStats"] | null;
            usageMonthToDate: components["schemas"]["UsageStats"] | null;
        };
        /** PriceOut */
        PriceOut: {
            /**
             * Effectivefrom
             * Format: date-time
             */
            effectiveFrom: string;
            /**
             * Inputpricepermillion
             * @description Exact non-negative decimal amount, serialised as a string
             */
            inputPricePerMillion: string;
            /**
             * Outputpricepermillion
             * @description Exact non-negative decimal amount, serialised as a string
             */
            outputPricePerMillion: string;
        };
        /** PrivilegedOut */
        PrivilegedOut: {
            /** Action */
            action: string;
            /** Actorid */
            actorId: string;
            /** Actorname */
            actorName: string | null;
            /** Id */
            id: string;
            /** Impersonator */
            impersonator: {
                [key: string]: unknown;
            } | null;
            /**
             * Occurredat
             * Format: date-time
             */
            occurredAt: string;
            /** Outcome */
            outcome: string;
            /** Resourceid */
            resourceId: string | null;
            /** Resourcetype */
            resourceType: string;
            /** Seq */
            seq: number;
        };
        /** @description RFC 9457 problem details; further members may be present. */
        Problem: {
            detail?: string;
            errors?: components["schemas"]["ProblemFieldError"][];
            instance?: string;
            status: number;
            title: string;
            type: string;
        } & {
            [key: string]: unknown;
        };
        ProblemFieldError: {
            /** @description Dotted path of the field (`query.limit`, `items.0.name`) */
            field: string;
            message: string;
            type: string;
        };
        /**
         * ProblemOut
         * @description One way the stored log differs from the one that was written.
         */
        ProblemOut: {
            /** Eventid */
            eventId: string | null;
            /**
             * Kind
             * @description `entry_missing`, `link_broken`, `entry_modified`: the chain itself; `head_mismatch`: the chain head is not the last entry; `checkpoint_invalid` (signature or key), `checkpoint_mismatch` (the log no longer has the signed hash: rewritten), `checkpoint_beyond_end` (truncated); `exported_checkpoint_*`: the same, for the copies a SIEM received (CLI `--against-checkpoints`)
             * @enum {string}
             */
            kind: "entry_missing" | "link_broken" | "entry_modified" | "head_mismatch" | "checkpoint_invalid" | "checkpoint_mismatch" | "checkpoint_beyond_end" | "exported_checkpoint_invalid" | "exported_checkpoint_mismatch" | "exported_checkpoint_beyond_end" | "exported_checkpoint_not_in_database";
            /** Reason */
            reason: string;
            /**
             * Seq
             * @description The entry where it starts
             */
            seq: number;
        };
        /** ProcessApproval */
        ProcessApproval: {
            /**
             * Action
             * @enum {string}
             */
            action: "approve" | "reject";
            /** Reason */
            reason?: string | null;
        } & ({
            /** @constant */
            action: "approve";
        } | {
            /** @constant */
            action: "reject";
            reason: string;
        });
        /** ProcessedApproval */
        ProcessedApproval: {
            /** Approvalsreceived */
            approvalsReceived: number;
            /**
             * Decision
             * @enum {string}
             */
            decision: "approve" | "reject";
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Processedat
             * Format: date-time
             */
            processedAt: string;
            /** Processedby */
            processedBy: string;
            /** Reason */
            reason?: string | null;
            /** Requiredapprovals */
            requiredApprovals: number;
            /**
             * Status
             * @enum {string}
             */
            status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
        };
        /** ProcessResult */
        ProcessResult: {
            approval: components["schemas"]["ProcessedApproval"];
        };
        /** ProfileEnvelope */
        ProfileEnvelope: {
            profile: components["schemas"]["ProfileOut"];
        };
        /** ProfileOut */
        ProfileOut: {
            /**
             * Adminid
             * Format: uuid
             */
            adminId: string;
            /** Currency */
            currency: string;
            /** Dateformat */
            dateFormat: string;
            /** Defaultenvironment */
            defaultEnvironment: string;
            /** Language */
            language: string;
            notifications: components["schemas"]["NotificationSettings"];
            /** Sidebarcollapsed */
            sidebarCollapsed: boolean;
            /** Tablerowsperpage */
            tableRowsPerPage: number;
            /** Theme */
            theme: string;
            /** Timeformat */
            timeFormat: string;
            /** Timezone */
            timezone: string;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** ProjectionOut */
        ProjectionOut: {
            /**
             * Asof
             * Format: date
             */
            asOf: string;
            budget: components["schemas"]["BudgetPosition"];
            /** Costtodate */
            costToDate: string;
            /** Currency */
            currency: string;
            /** Dailyaverage */
            dailyAverage: string;
            /** Dayselapsed */
            daysElapsed: number;
            /** Daysinperiod */
            daysInPeriod: number;
            /**
             * Exchangerate
             * @description Units of `currency` per USD the USD-priced usage was converted at: the rate in effect on the period's first day, the one its invoice uses (null: billed in USD, or no usage to convert). Without a rate a non-USD tenant with usage gets a 409 naming the currency.
             */
            exchangeRate?: string | null;
            /** Method */
            method: string;
            /** Methoddescription */
            methodDescription: string;
            period: components["schemas"]["PeriodOut"];
            /** Projectedtotal */
            projectedTotal: string;
            /** Tenantid */
            tenantId: string;
        };
        /** ProjectionSummary */
        ProjectionSummary: {
            /** Costtodate */
            costToDate: string;
            /** Dailyaverage */
            dailyAverage: string;
            /** Method */
            method: string;
            /** Methoddescription */
            methodDescription: string;
            /** Projectedtotal */
            projectedTotal: string;
        };
        /**
         * ProrationOut
         * @description What the upgrade costs for the rest of the period: `(newPrice - oldPrice) x daysLeft /
         *     cycleDays`, half-up to the currency's minor unit; it is a line of the next invoice.
         */
        ProrationOut: {
            /** Amount */
            amount: string;
            /** Currency */
            currency: string;
            /** Cycledays */
            cycleDays: number;
            /** Daysleft */
            daysLeft: number;
            /** Newprice */
            newPrice: string;
            /** Oldprice */
            oldPrice: string;
            /**
             * Serviceend
             * Format: date
             */
            serviceEnd: string;
            /**
             * Servicestart
             * Format: date
             */
            serviceStart: string;
        };
        /** ProviderChoice */
        ProviderChoice: {
            /** Provider */
            provider: ("stripe" | "lago") | null;
        };
        /** ProviderOut */
        ProviderOut: {
            /**
             * Provider
             * @enum {string}
             */
            provider: "stripe" | "lago";
            /** Tenantid */
            tenantId: string;
        };
        /** PublicKeyOut */
        PublicKeyOut: {
            /** Algorithm */
            algorithm: string;
            /** Jwk */
            jwk: {
                [key: string]: string;
            };
            /** Keyid */
            keyId: string;
            /** Publickeypem */
            publicKeyPem: string;
            /** Signedmessage */
            signedMessage: string;
        };
        /**
         * QuotaOut
         * @description One quota as `GET /api/v2/admin/quotas` shows it (storage in bytes, tokens per calendar month).
         */
        QuotaOut: {
            /** Current */
            current: number;
            /** Exceeded */
            exceeded: boolean;
            /** Limit */
            limit: number | null;
            /** Percentage */
            percentage: number;
            /** Remaining */
            remaining: number | null;
            /**
             * Resource
             * @enum {string}
             */
            resource: "users" | "agents" | "tokens" | "storage";
            /**
             * Unit
             * @enum {string}
             */
            unit: "users" | "agents" | "tokens" | "bytes";
        };
        /**
         * QuotasResponse
         * @description All four quotas of the tenant (tokens this calendar month, UTC; storage in bytes).
         */
        QuotasResponse: {
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            /** Quotas */
            quotas: components["schemas"]["QuotaOut"][];
            tokensOverLimit: components["schemas"]["OverLimitOut"];
            /** Upgradeurl */
            upgradeUrl: string;
        };
        /** PendingApproval */
        radiant_identity__schemas__PendingApproval: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /**
             * Type
             * @default user_role_change
             */
            type?: string;
        };
        /** PendingApproval */
        radiant_identity__settings__schemas__PendingApproval: {
            /** Id */
            id: string;
            /** Status */
            status: string;
            /**
             * Type
             * @default tenant_security_policy
             */
            type?: string;
        };
        /** ReadinessOut */
        ReadinessOut: {
            /** Checks */
            checks: {
                [key: string]: string;
            };
            /** Detail */
            detail?: string | null;
            /** Ready */
            ready: boolean;
            /** Service */
            service: string;
        };
        /** RecordedEvent */
        RecordedEvent: {
            /** Id */
            id: string;
            /** Requestid */
            requestId: string;
        };
        /**
         * RecordUsageRequest
         * @description The seed's `recordUsageSchema`; app and environment come from the caller, the time from our clock.
         */
        RecordUsageRequest: {
            /** Agentid */
            agentId?: string | null;
            /** Appid */
            appId?: string | null;
            /**
             * Cached
             * @default false
             */
            cached?: boolean;
            /** Inputtokens */
            inputTokens: number;
            /** Latencyms */
            latencyMs: number;
            /** Modelid */
            modelId: string;
            /** Modelname */
            modelName: string;
            /** Outputtokens */
            outputTokens: number;
            /**
             * Phidetected
             * @default false
             */
            phiDetected?: boolean;
            /**
             * Phisanitized
             * @default false
             */
            phiSanitized?: boolean;
            /** Providerid */
            providerId: string;
            /** Requestid */
            requestId: string;
            /**
             * Requesttype
             * @enum {string}
             */
            requestType: "chat" | "embedding" | "image" | "audio" | "video";
            /** Userid */
            userId?: string | null;
        };
        /** RecordUsageResponse */
        RecordUsageResponse: {
            event: components["schemas"]["RecordedEvent"];
            /**
             * Status
             * @default accepted
             * @constant
             */
            status?: "accepted";
        };
        /** RecoveryCodes */
        RecoveryCodes: {
            /** Recoverycodes */
            recoveryCodes: string[];
        };
        /** RecoveryCodesOut */
        RecoveryCodesOut: {
            /** Recoverycodes */
            recoveryCodes: string[];
        };
        /** RecoveryCodesRequest */
        RecoveryCodesRequest: {
            /** Currentcode */
            currentCode?: string | null;
        };
        /**
         * ReenrolledOperator
         * @description The new authenticator is active: earlier sessions ended, this is a new one, and the new
         *     recovery codes (the old ones no longer work) are shown once.
         */
        ReenrolledOperator: {
            /** Accesstoken */
            accessToken: string;
            /** Expiresin */
            expiresIn: number;
            operator: components["schemas"]["SessionOperator"];
            /** Recoverycodes */
            recoveryCodes: string[];
            /** Refreshexpiresin */
            refreshExpiresIn: number;
            /** Refreshtoken */
            refreshToken: string;
            /**
             * Tokentype
             * @default Bearer
             */
            tokenType?: string;
        };
        /** RefreshRequest */
        RefreshRequest: {
            /** Refreshtoken */
            refreshToken: string;
        };
        /** RegenerateRecoveryCodes */
        RegenerateRecoveryCodes: {
            /** Currentcode */
            currentCode: string;
        };
        /**
         * RegistryApprovalRequest
         * @description A registry change for a second operator's approval: `model_activation` (bring a model into
         *     service, or out of it) or `provider_change` (move it to another provider, rename or reprice it).
         */
        RegistryApprovalRequest: {
            /** @description The change, by `type` */
            details: {
                /** Modelid */
                modelId: string;
                /**
                 * Status
                 * @default active
                 * @enum {string}
                 */
                status?: "active" | "inactive" | "deprecated";
            } | {
                /** Effectivefrom */
                effectiveFrom?: string | null;
                /** Inputpricepermillion */
                inputPricePerMillion?: (string | number) | null;
                /** Modelid */
                modelId: string;
                /** Modelname */
                modelName?: string | null;
                /** Outputpricepermillion */
                outputPricePerMillion?: (string | number) | null;
                /** Providerid */
                providerId?: string | null;
            };
            /**
             * Expiresinhours
             * @default 24
             */
            expiresInHours?: number;
            /** Notes */
            notes?: string | null;
            /**
             * Type
             * @enum {string}
             */
            type: "model_activation" | "provider_change";
        } & ({
            /** @description Set a registry model's status (`active` brings it into service) once a second operator approves. */
            details: {
                /** Modelid */
                modelId: string;
                /**
                 * Status
                 * @default active
                 * @enum {string}
                 */
                status?: "active" | "inactive" | "deprecated";
            };
            /** @constant */
            type: "model_activation";
        } | {
            /** @description Move a registry model to another provider (and/or rename or reprice it from `effectiveFrom`). */
            details: {
                /** Effectivefrom */
                effectiveFrom?: string | null;
                /** Inputpricepermillion */
                inputPricePerMillion?: (string | number) | null;
                /** Modelid */
                modelId: string;
                /** Modelname */
                modelName?: string | null;
                /** Outputpricepermillion */
                outputPricePerMillion?: (string | number) | null;
                /** Providerid */
                providerId?: string | null;
            };
            /** @constant */
            type: "provider_change";
        });
        /**
         * RejectRequest
         * @description An operator's rejection: always with a reason (not only spaces).
         */
        RejectRequest: {
            /** Reason */
            reason: string;
        };
        /** RemovalOut */
        RemovalOut: {
            /** Message */
            message: string;
            pendingApproval?: components["schemas"]["radiant_identity__schemas__PendingApproval"] | null;
        };
        /** ResendOut */
        ResendOut: {
            /**
             * Expiresat
             * Format: date-time
             */
            expiresAt: string;
            /** Message */
            message: string;
        };
        /** ResetOperatorPassword */
        ResetOperatorPassword: {
            /** Newpassword */
            newPassword: string;
            /** Token */
            token: string;
        };
        /** ResetPasswordRequest */
        ResetPasswordRequest: {
            /** Newpassword */
            newPassword: string;
            /** Token */
            token: string;
        };
        /**
         * RevenueOut
         * @description Per currency (amounts in different currencies are never added). Invoices count in the period
         *     their billing period starts in; collected = paid invoices' totals; outstanding = the rest.
         */
        RevenueOut: {
            /** Currencies */
            currencies: components["schemas"]["CurrencyRevenue"][];
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
        };
        /** ReviewOut */
        ReviewOut: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /**
             * Decision
             * @enum {string}
             */
            decision: "approve" | "reject";
            /** Reason */
            reason?: string | null;
            reviewer: components["schemas"]["PersonRef"];
        };
        /** RoleStatusCount */
        RoleStatusCount: {
            /** Count */
            count: number;
            /** Role */
            role: string;
            /** Status */
            status: string;
        };
        /** RollupOut */
        RollupOut: {
            /** Avglatencyms */
            avgLatencyMs: number;
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /** Cachedrequests */
            cachedRequests: number;
            /**
             * Date
             * Format: date
             */
            date: string;
            /** Inputtokens */
            inputTokens: number;
            /** Modelid */
            modelId: string;
            /** Outputtokens */
            outputTokens: number;
            /** Phirequests */
            phiRequests: number;
            /**
             * Providercost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            providerCost: string;
            /** Providerid */
            providerId: string;
            /** Requestcount */
            requestCount: number;
            /** Suspendedrequests */
            suspendedRequests: number;
            /** Totaltokens */
            totalTokens: number;
            /** Unpricedrequests */
            unpricedRequests: number;
        };
        /** RollupsResponse */
        RollupsResponse: {
            period: components["schemas"]["Period"];
            /** Rollups */
            rollups: components["schemas"]["RollupOut"][];
        };
        /** ScheduledChangeOut */
        ScheduledChangeOut: {
            /** Approvalid */
            approvalId?: string | null;
            /**
             * Changeid
             * Format: uuid
             */
            changeId: string;
            /**
             * Effectiveon
             * Format: date
             */
            effectiveOn: string;
            /** Plan */
            plan: string;
            /**
             * Status
             * @enum {string}
             */
            status: "scheduled" | "pending_approval";
        };
        /** SecurityPolicy */
        SecurityPolicy: {
            /** Ipallowlist */
            ipAllowList?: string[];
            /**
             * Mfarequired
             * @default false
             */
            mfaRequired?: boolean;
            /**
             * Sessionlifetimehours
             * @default 336
             */
            sessionLifetimeHours?: number;
        };
        /** SecurityPolicyUpdate */
        SecurityPolicyUpdate: {
            /**
             * Ipallowlist
             * @description CIDR networks with their host bits zero; an empty list admits every address
             */
            ipAllowList?: string[];
            /** Mfarequired */
            mfaRequired?: boolean;
            /** Sessionlifetimehours */
            sessionLifetimeHours?: number;
        };
        /** ServiceKeyCreated */
        ServiceKeyCreated: {
            apiKey: components["schemas"]["ServiceKeyOut"];
            /**
             * Message
             * @default Store this key now: it cannot be shown again.
             */
            message?: string;
            /** Secret */
            secret: string;
        };
        /** ServiceKeyEnvelope */
        ServiceKeyEnvelope: {
            apiKey: components["schemas"]["ServiceKeyOut"];
        };
        /** ServiceKeyList */
        ServiceKeyList: {
            /** Apikeys */
            apiKeys: components["schemas"]["ServiceKeyOut"][];
            pagination: components["schemas"]["Pagination"];
        };
        /** ServiceKeyOut */
        ServiceKeyOut: {
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            createdBy: components["schemas"]["CreatorRef"];
            /** Environment */
            environment: string;
            /** Expiresat */
            expiresAt: string | null;
            /** Id */
            id: string;
            /** Lastusedat */
            lastUsedAt: string | null;
            /** Name */
            name: string;
            /** Prefix */
            prefix: string;
            /** Revokedat */
            revokedAt: string | null;
            /** Scopes */
            scopes: string[];
            /**
             * Status
             * @enum {string}
             */
            status: "active" | "revoked" | "expired";
        };
        /** SessionAdmin */
        SessionAdmin: {
            /** Email */
            email: string;
            /** Environment */
            environment: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Mfaenabled */
            mfaEnabled: boolean;
            /** Role */
            role: string;
            /** Tenantid */
            tenantId: string;
        };
        /** SessionOperator */
        SessionOperator: {
            /** Email */
            email: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Role */
            role: string;
        };
        /**
         * SettingsChangePending
         * @description 202: in production the change waits for a second administrator's approval.
         */
        SettingsChangePending: {
            /** Approvalid */
            approvalId: string;
            /**
             * Changeid
             * Format: uuid
             */
            changeId: string;
            current: components["schemas"]["BillingSettingsOut"];
            /** Requested */
            requested: {
                [key: string]: unknown;
            };
            /**
             * Status
             * @default pending_approval
             * @constant
             */
            status?: "pending_approval";
        };
        /** SettingsOut */
        SettingsOut: {
            agents?: components["schemas"]["AgentPolicy"];
            branding?: components["schemas"]["Branding"];
            dataRetention?: components["schemas"]["DataRetention"];
            /**
             * Defaultenvironment
             * @default dev
             * @enum {string}
             */
            defaultEnvironment?: "dev" | "staging" | "prod";
            /** Displayname */
            displayName?: string | null;
            /**
             * Environment
             * @enum {string}
             */
            environment: "dev" | "staging" | "prod";
            security?: components["schemas"]["SecurityPolicy"];
            /** Tenantid */
            tenantId: string;
            /** Updatedat */
            updatedAt?: string | null;
            /** Updatedby */
            updatedBy?: string | null;
            /**
             * Version
             * @default 0
             */
            version?: number;
        };
        /**
         * SettingsUpdate
         * @description Only what is given changes. `displayName: null` clears it (the tenant's own name shows).
         */
        SettingsUpdate: {
            agents?: components["schemas"]["AgentPolicyUpdate"];
            branding?: components["schemas"]["BrandingUpdate"];
            dataRetention?: components["schemas"]["DataRetentionUpdate"];
            /**
             * Defaultenvironment
             * @enum {string}
             */
            defaultEnvironment?: "dev" | "staging" | "prod";
            /** Displayname */
            displayName?: string | null;
            security?: components["schemas"]["SecurityPolicyUpdate"];
        };
        /** SettingsUpdated */
        SettingsUpdated: {
            /** Changedkeys */
            changedKeys: string[];
            pendingApproval?: components["schemas"]["radiant_identity__settings__schemas__PendingApproval"] | null;
            /** Pendingkeys */
            pendingKeys?: string[];
            settings: components["schemas"]["SettingsOut"];
        };
        /** SiemOut */
        SiemOut: {
            /** Detail */
            detail?: string | null;
            /** Sinks */
            sinks?: components["schemas"]["SiemSinkOut"][];
            /**
             * State
             * @enum {string}
             */
            state: "ok" | "unavailable";
        };
        /** SiemSinkOut */
        SiemSinkOut: {
            /** Consecutivefailures */
            consecutiveFailures?: number | null;
            /** Consumergroup */
            consumerGroup: string;
            /** Forwarderlagrecords */
            forwarderLagRecords?: number | null;
            /** Lag */
            lag: number | null;
            /** Lastdeliveryat */
            lastDeliveryAt?: string | null;
            /** Lasterror */
            lastError?: string | null;
            /** Name */
            name: string;
            /** State */
            state: string | null;
        };
        /** StartTotpReenrolment */
        StartTotpReenrolment: {
            /** Currentcode */
            currentCode: string;
        };
        /**
         * StateChangeOut
         * @description A start or stop: the desired state is recorded and the runtime asked; `status` follows the
         *     runtime's reports. In prod, a start of a configuration that has not run waits for approval.
         */
        StateChangeOut: {
            agent: components["schemas"]["AgentOut"];
            /** Message */
            message: string;
            pendingApproval?: components["schemas"]["PendingApprovalOut"] | null;
        };
        /** StatusChangeOut */
        StatusChangeOut: {
            /**
             * Changedat
             * Format: date-time
             */
            changedAt: string;
            /** Changedby */
            changedBy: string | null;
            /** Changedbyname */
            changedByName: string | null;
            /** Fromstatus */
            fromStatus: string | null;
            /** Reason */
            reason: string | null;
            /** Tostatus */
            toStatus: string;
        };
        /** StatusChangeRequest */
        StatusChangeRequest: {
            /** Reason */
            reason: string;
        };
        /** StepUpOut */
        StepUpOut: {
            /** Accesstoken */
            accessToken: string;
            /** Expiresin */
            expiresIn: number;
            /**
             * Tokentype
             * @default Bearer
             */
            tokenType?: string;
        };
        /** StepUpRequest */
        StepUpRequest: {
            /** Code */
            code?: string | null;
        };
        /** SubscriptionOut */
        SubscriptionOut: {
            /** Currency */
            currency: string;
            /** Monthlyprice */
            monthlyPrice: string;
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            plan: components["schemas"]["PlanOut"];
            /** Planversion */
            planVersion: number;
            /** Revision */
            revision: number;
            scheduledChange?: components["schemas"]["ScheduledChangeOut"] | null;
            /** Status */
            status: string;
            /** Tenantid */
            tenantId: string;
            /** Uninvoicedcharges */
            uninvoicedCharges?: components["schemas"]["ChargeOut"][];
        };
        /** SummaryOut */
        SummaryOut: {
            /** Byaction */
            byAction: components["schemas"]["CountOut"][];
            /** Byactor */
            byActor: components["schemas"]["CountOut"][];
            /** Byoutcome */
            byOutcome: components["schemas"]["CountOut"][];
            /**
             * Periodend
             * Format: date-time
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date-time
             */
            periodStart: string;
            /** Privilegedactions */
            privilegedActions: components["schemas"]["PrivilegedOut"][];
            /** Privilegedtruncated */
            privilegedTruncated: boolean;
            /** Tenantid */
            tenantId: string;
            /** Total */
            total: number;
        };
        /** SummaryResponse */
        SummaryResponse: {
            period: components["schemas"]["Period"];
            totals: components["schemas"]["UsageTotals"];
        };
        /** TenantCount */
        TenantCount: {
            /** Count */
            count: number;
            /** Environment */
            environment: string;
            /** Status */
            status: string;
        };
        /** TenantCreatedOut */
        TenantCreatedOut: {
            invitation: components["schemas"]["InvitationSummary"];
            tenant: components["schemas"]["TenantOut"];
        };
        /** TenantDeletionOut */
        TenantDeletionOut: {
            approval?: components["schemas"]["FiledApprovalOut"] | null;
            /** Deleted */
            deleted: boolean;
            /** Purgeafter */
            purgeAfter?: string | null;
            tenant: components["schemas"]["TenantOut"];
        };
        /** TenantDetail */
        TenantDetail: {
            /** Activeimpersonations */
            activeImpersonations: components["schemas"]["ImpersonationOut"][];
            administrators: components["schemas"]["AdministratorsOut"];
            /** Appid */
            appId: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Createdby */
            createdBy: string | null;
            /** Environment */
            environment: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            settings: components["schemas"]["TenantSettingsOut"];
            /** Status */
            status: string;
            /** Statuschangedat */
            statusChangedAt: string | null;
            /** Statushistory */
            statusHistory: components["schemas"]["StatusChangeOut"][];
            /**
             * Suspendedat
             * @description When the tenant was last suspended
             */
            suspendedAt: string | null;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** TenantDetailEnvelope */
        TenantDetailEnvelope: {
            tenant: components["schemas"]["TenantDetail"];
        };
        /** TenantEnvelope */
        TenantEnvelope: {
            tenant: components["schemas"]["TenantOut"];
        };
        /** TenantList */
        TenantList: {
            pagination: components["schemas"]["Pagination"];
            /** Tenants */
            tenants: components["schemas"]["TenantOut"][];
        };
        /** TenantOut */
        TenantOut: {
            /** Appid */
            appId: string;
            /**
             * Createdat
             * Format: date-time
             */
            createdAt: string;
            /** Createdby */
            createdBy: string | null;
            /** Environment */
            environment: string;
            /** Id */
            id: string;
            /** Name */
            name: string;
            settings: components["schemas"]["TenantSettingsOut"];
            /** Status */
            status: string;
            /** Statuschangedat */
            statusChangedAt: string | null;
            /**
             * Suspendedat
             * @description When the tenant was last suspended
             */
            suspendedAt: string | null;
            /**
             * Updatedat
             * Format: date-time
             */
            updatedAt: string;
        };
        /** TenantRevenue */
        TenantRevenue: {
            /** Collected */
            collected: string;
            /** Invoicecount */
            invoiceCount: number;
            /** Invoiced */
            invoiced: string;
            /** Outstanding */
            outstanding: string;
            /** Tenantid */
            tenantId: string;
        };
        /**
         * TenantSettingsIn
         * @description What an operator decides for a tenant (its administrators cannot change these).
         */
        TenantSettingsIn: {
            /** Allowwriteimpersonation */
            allowWriteImpersonation?: boolean | null;
            /** Labels */
            labels?: {
                [key: string]: string;
            } | null;
        };
        /** TenantSettingsOut */
        TenantSettingsOut: {
            /**
             * Allowwriteimpersonation
             * @default true
             */
            allowWriteImpersonation?: boolean;
            /** Labels */
            labels?: {
                [key: string]: string;
            };
        };
        /**
         * TenantSpend
         * @description Usage and spend of the current billing period to date, against the budget (billing's figures,
         *     as `/billing/current` and `/billing/projections` compute them).
         */
        TenantSpend: {
            /** Billedcost */
            billedCost: string;
            /** Budgetlimit */
            budgetLimit: string | null;
            /**
             * Budgetstatus
             * @enum {string}
             */
            budgetStatus: "no_budget" | "within_budget" | "at_risk" | "over_budget";
            /** Currency */
            currency: string;
            /** Percentused */
            percentUsed: string | null;
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            /** Projectedtotal */
            projectedTotal: string;
            /** Requestcount */
            requestCount: number;
            /** Thresholdscrossed */
            thresholdsCrossed: number[];
            /** Totaltokens */
            totalTokens: number;
        };
        /** TenantStats */
        TenantStats: {
            /** Activelast30Days */
            activeLast30Days: number | null;
            /** Byenvironment */
            byEnvironment: {
                [key: string]: number;
            };
            /** Bystatus */
            byStatus: {
                [key: string]: number;
            };
            /** Bystatusandenvironment */
            byStatusAndEnvironment: components["schemas"]["TenantCount"][];
            /** Signedinlast30Days */
            signedInLast30Days: number | null;
            /** Total */
            total: number;
        };
        /** TenantStatsOut */
        TenantStatsOut: {
            agents: components["schemas"]["AgentsOut"];
            approvals: components["schemas"]["PendingApprovals"] | null;
            /**
             * Generatedat
             * Format: date-time
             */
            generatedAt: string;
            invitations: components["schemas"]["InvitationsOut"];
            members: components["schemas"]["MembersOut"];
            /** Quotas */
            quotas: components["schemas"]["QuotaOut"][];
            spend: components["schemas"]["TenantSpend"] | null;
            /** Tenantid */
            tenantId: string;
            /** Unavailable */
            unavailable?: components["schemas"]["UnavailablePart"][];
        };
        /** TokenPair */
        TokenPair: {
            /** Accesstoken */
            accessToken: string;
            administrator: components["schemas"]["SessionAdmin"];
            /** Expiresin */
            expiresIn: number;
            /** Refreshexpiresin */
            refreshExpiresIn: number;
            /** Refreshtoken */
            refreshToken: string;
            /**
             * Tokentype
             * @default Bearer
             */
            tokenType?: string;
        };
        /**
         * TokenQuotaOut
         * @description The request path's answer: may the tenant's next AI request go ahead, and how much is left.
         */
        TokenQuotaOut: {
            /** Allowed */
            allowed: boolean;
            /** Current */
            current: number;
            /** Limit */
            limit: number | null;
            /** Percentage */
            percentage: number;
            /**
             * Periodend
             * Format: date
             */
            periodEnd: string;
            /**
             * Periodstart
             * Format: date
             */
            periodStart: string;
            /** Remaining */
            remaining: number | null;
            /**
             * Resource
             * @default tokens
             * @constant
             */
            resource?: "tokens";
            /** Upgradeurl */
            upgradeUrl: string;
        };
        /** ToolIn */
        ToolIn: {
            /**
             * Config
             * @description The tool's own settings (a JSON object of at most 8192 bytes)
             */
            config?: {
                [key: string]: unknown;
            };
            /** Name */
            name: string;
        };
        /** ToolOut */
        ToolOut: {
            /** Config */
            config: {
                [key: string]: unknown;
            };
            /** Name */
            name: string;
        };
        /**
         * TotpEnrollment
         * @description Shown once, when the invitation is accepted: the operator's authenticator secret.
         */
        TotpEnrollment: {
            /**
             * Method
             * @default authenticator
             */
            method?: string;
            /** Otpauthuri */
            otpauthUri: string;
            /** Qrcode */
            qrCode: string;
            /** Recoverycodes */
            recoveryCodes: string[];
            /** Secret */
            secret: string;
        };
        /** TotpEnrollRequest */
        TotpEnrollRequest: {
            /** Currentcode */
            currentCode?: string | null;
            /** Currentpassword */
            currentPassword?: string | null;
        };
        /** TotpVerifyRequest */
        TotpVerifyRequest: {
            /** Code */
            code: string;
        };
        /** UnavailablePart */
        UnavailablePart: {
            /** Part */
            part: string;
            /** Reason */
            reason: string;
        };
        /** UnreadCount */
        UnreadCount: {
            /** Unreadcount */
            unreadCount: number;
        };
        /** UpdateAdminOut */
        UpdateAdminOut: {
            adminUser: components["schemas"]["AdminOut"];
            pendingApproval?: components["schemas"]["radiant_identity__schemas__PendingApproval"] | null;
        };
        /** UpdateAdminRequest */
        UpdateAdminRequest: {
            /** Firstname */
            firstName?: string | null;
            /** Lastname */
            lastName?: string | null;
            /** Role */
            role?: ("super_admin" | "admin" | "operator" | "auditor" | "member") | null;
            /** Status */
            status?: ("active" | "suspended") | null;
        };
        /** UpdateOperator */
        UpdateOperator: {
            /** Name */
            name?: string | null;
            role?: components["schemas"]["PlatformRole"] | null;
            /** Status */
            status?: ("active" | "suspended") | null;
        };
        /** UpdateProfileRequest */
        UpdateProfileRequest: {
            /** Currency */
            currency?: string | null;
            /** Dateformat */
            dateFormat?: ("MM/DD/YYYY" | "DD/MM/YYYY" | "YYYY-MM-DD") | null;
            /** Defaultenvironment */
            defaultEnvironment?: ("dev" | "staging" | "prod") | null;
            /** Language */
            language?: string | null;
            notifications?: components["schemas"]["NotificationSettings"] | null;
            /** Sidebarcollapsed */
            sidebarCollapsed?: boolean | null;
            /** Tablerowsperpage */
            tableRowsPerPage?: number | null;
            /** Theme */
            theme?: ("light" | "dark" | "system") | null;
            /** Timeformat */
            timeFormat?: ("12h" | "24h") | null;
            /** Timezone */
            timezone?: ("Africa/Abidjan" | "Africa/Accra" | "Africa/Addis_Ababa" | "Africa/Algiers" | "Africa/Asmara" | "Africa/Asmera" | "Africa/Bamako" | "Africa/Bangui" | "Africa/Banjul" | "Africa/Bissau" | "Africa/Blantyre" | "Africa/Brazzaville" | "Africa/Bujumbura" | "Africa/Cairo" | "Africa/Casablanca" | "Africa/Ceuta" | "Africa/Conakry" | "Africa/Dakar" | "Africa/Dar_es_Salaam" | "Africa/Djibouti" | "Africa/Douala" | "Africa/El_Aaiun" | "Africa/Freetown" | "Africa/Gaborone" | "Africa/Harare" | "Africa/Johannesburg" | "Africa/Juba" | "Africa/Kampala" | "Africa/Khartoum" | "Africa/Kigali" | "Africa/Kinshasa" | "Africa/Lagos" | "Africa/Libreville" | "Africa/Lome" | "Africa/Luanda" | "Africa/Lubumbashi" | "Africa/Lusaka" | "Africa/Malabo" | "Africa/Maputo" | "Africa/Maseru" | "Africa/Mbabane" | "Africa/Mogadishu" | "Africa/Monrovia" | "Africa/Nairobi" | "Africa/Ndjamena" | "Africa/Niamey" | "Africa/Nouakchott" | "Africa/Ouagadougou" | "Africa/Porto-Novo" | "Africa/Sao_Tome" | "Africa/Timbuktu" | "Africa/Tripoli" | "Africa/Tunis" | "Africa/Windhoek" | "America/Adak" | "America/Anchorage" | "America/Anguilla" | "America/Antigua" | "America/Araguaina" | "America/Argentina/Buenos_Aires" | "America/Argentina/Catamarca" | "America/Argentina/ComodRivadavia" | "America/Argentina/Cordoba" | "America/Argentina/Jujuy" | "America/Argentina/La_Rioja" | "America/Argentina/Mendoza" | "America/Argentina/Rio_Gallegos" | "America/Argentina/Salta" | "America/Argentina/San_Juan" | "America/Argentina/San_Luis" | "America/Argentina/Tucuman" | "America/Argentina/Ushuaia" | "America/Aruba" | "America/Asuncion" | "America/Atikokan" | "America/Atka" | "America/Bahia" | "America/Bahia_Banderas" | "America/Barbados" | "America/Belem" | "America/Belize" | "America/Blanc-Sablon" | "America/Boa_Vista" | "America/Bogota" | "America/Boise" | "America/Buenos_Aires" | "America/Cambridge_Bay" | "America/Campo_Grande" | "America/Cancun" | "America/Caracas" | "America/Catamarca" | "America/Cayenne" | "America/Cayman" | "America/Chicago" | "America/Chihuahua" | "America/Ciudad_Juarez" | "America/Coral_Harbour" | "America/Cordoba" | "America/Costa_Rica" | "America/Coyhaique" | "America/Creston" | "America/Cuiaba" | "America/Curacao" | "America/Danmarkshavn" | "America/Dawson" | "America/Dawson_Creek" | "America/Denver" | "America/Detroit" | "America/Dominica" | "America/Edmonton" | "America/Eirunepe" | "America/El_Salvador" | "America/Ensenada" | "America/Fort_Nelson" | "America/Fort_Wayne" | "America/Fortaleza" | "America/Glace_Bay" | "America/Godthab" | "America/Goose_Bay" | "America/Grand_Turk" | "America/Grenada" | "America/Guadeloupe" | "America/Guatemala" | "America/Guayaquil" | "America/Guyana" | "America/Halifax" | "America/Havana" | "America/Hermosillo" | "America/Indiana/Indianapolis" | "America/Indiana/Knox" | "America/Indiana/Marengo" | "America/Indiana/Petersburg" | "America/Indiana/Tell_City" | "America/Indiana/Vevay" | "America/Indiana/Vincennes" | "America/Indiana/Winamac" | "America/Indianapolis" | "America/Inuvik" | "America/Iqaluit" | "America/Jamaica" | "America/Jujuy" | "America/Juneau" | "America/Kentucky/Louisville" | "America/Kentucky/Monticello" | "America/Knox_IN" | "America/Kralendijk" | "America/La_Paz" | "America/Lima" | "America/Los_Angeles" | "America/Louisville" | "America/Lower_Princes" | "America/Maceio" | "America/Managua" | "America/Manaus" | "America/Marigot" | "America/Martinique" | "America/Matamoros" | "America/Mazatlan" | "America/Mendoza" | "America/Menominee" | "America/Merida" | "America/Metlakatla" | "America/Mexico_City" | "America/Miquelon" | "America/Moncton" | "America/Monterrey" | "America/Montevideo" | "America/Montreal" | "America/Montserrat" | "America/Nassau" | "America/New_York" | "America/Nipigon" | "America/Nome" | "America/Noronha" | "America/North_Dakota/Beulah" | "America/North_Dakota/Center" | "America/North_Dakota/New_Salem" | "America/Nuuk" | "America/Ojinaga" | "America/Panama" | "America/Pangnirtung" | "America/Paramaribo" | "America/Phoenix" | "America/Port-au-Prince" | "America/Port_of_Spain" | "America/Porto_Acre" | "America/Porto_Velho" | "America/Puerto_Rico" | "America/Punta_Arenas" | "America/Rainy_River" | "America/Rankin_Inlet" | "America/Recife" | "America/Regina" | "America/Resolute" | "America/Rio_Branco" | "America/Rosario" | "America/Santa_Isabel" | "America/Santarem" | "America/Santiago" | "America/Santo_Domingo" | "America/Sao_Paulo" | "America/Scoresbysund" | "America/Shiprock" | "America/Sitka" | "America/St_Barthelemy" | "America/St_Johns" | "America/St_Kitts" | "America/St_Lucia" | "America/St_Thomas" | "America/St_Vincent" | "America/Swift_Current" | "America/Tegucigalpa" | "America/Thule" | "America/Thunder_Bay" | "America/Tijuana" | "America/Toronto" | "America/Tortola" | "America/Vancouver" | "America/Virgin" | "America/Whitehorse" | "America/Winnipeg" | "America/Yakutat" | "America/Yellowknife" | "Antarctica/Casey" | "Antarctica/Davis" | "Antarctica/DumontDUrville" | "Antarctica/Macquarie" | "Antarctica/Mawson" | "Antarctica/McMurdo" | "Antarctica/Palmer" | "Antarctica/Rothera" | "Antarctica/South_Pole" | "Antarctica/Syowa" | "Antarctica/Troll" | "Antarctica/Vostok" | "Arctic/Longyearbyen" | "Asia/Aden" | "Asia/Almaty" | "Asia/Amman" | "Asia/Anadyr" | "Asia/Aqtau" | "Asia/Aqtobe" | "Asia/Ashgabat" | "Asia/Ashkhabad" | "Asia/Atyrau" | "Asia/Baghdad" | "Asia/Bahrain" | "Asia/Baku" | "Asia/Bangkok" | "Asia/Barnaul" | "Asia/Beirut" | "Asia/Bishkek" | "Asia/Brunei" | "Asia/Calcutta" | "Asia/Chita" | "Asia/Choibalsan" | "Asia/Chongqing" | "Asia/Chungking" | "Asia/Colombo" | "Asia/Dacca" | "Asia/Damascus" | "Asia/Dhaka" | "Asia/Dili" | "Asia/Dubai" | "Asia/Dushanbe" | "Asia/Famagusta" | "Asia/Gaza" | "Asia/Harbin" | "Asia/Hebron" | "Asia/Ho_Chi_Minh" | "Asia/Hong_Kong" | "Asia/Hovd" | "Asia/Irkutsk" | "Asia/Istanbul" | "Asia/Jakarta" | "Asia/Jayapura" | "Asia/Jerusalem" | "Asia/Kabul" | "Asia/Kamchatka" | "Asia/Karachi" | "Asia/Kashgar" | "Asia/Kathmandu" | "Asia/Katmandu" | "Asia/Khandyga" | "Asia/Kolkata" | "Asia/Krasnoyarsk" | "Asia/Kuala_Lumpur" | "Asia/Kuching" | "Asia/Kuwait" | "Asia/Macao" | "Asia/Macau" | "Asia/Magadan" | "Asia/Makassar" | "Asia/Manila" | "Asia/Muscat" | "Asia/Nicosia" | "Asia/Novokuznetsk" | "Asia/Novosibirsk" | "Asia/Omsk" | "Asia/Oral" | "Asia/Phnom_Penh" | "Asia/Pontianak" | "Asia/Pyongyang" | "Asia/Qatar" | "Asia/Qostanay" | "Asia/Qyzylorda" | "Asia/Rangoon" | "Asia/Riyadh" | "Asia/Saigon" | "Asia/Sakhalin" | "Asia/Samarkand" | "Asia/Seoul" | "Asia/Shanghai" | "Asia/Singapore" | "Asia/Srednekolymsk" | "Asia/Taipei" | "Asia/Tashkent" | "Asia/Tbilisi" | "Asia/Tehran" | "Asia/Tel_Aviv" | "Asia/Thimbu" | "Asia/Thimphu" | "Asia/Tokyo" | "Asia/Tomsk" | "Asia/Ujung_Pandang" | "Asia/Ulaanbaatar" | "Asia/Ulan_Bator" | "Asia/Urumqi" | "Asia/Ust-Nera" | "Asia/Vientiane" | "Asia/Vladivostok" | "Asia/Yakutsk" | "Asia/Yangon" | "Asia/Yekaterinburg" | "Asia/Yerevan" | "Atlantic/Azores" | "Atlantic/Bermuda" | "Atlantic/Canary" | "Atlantic/Cape_Verde" | "Atlantic/Faeroe" | "Atlantic/Faroe" | "Atlantic/Jan_Mayen" | "Atlantic/Madeira" | "Atlantic/Reykjavik" | "Atlantic/South_Georgia" | "Atlantic/St_Helena" | "Atlantic/Stanley" | "Australia/ACT" | "Australia/Adelaide" | "Australia/Brisbane" | "Australia/Broken_Hill" | "Australia/Canberra" | "Australia/Currie" | "Australia/Darwin" | "Australia/Eucla" | "Australia/Hobart" | "Australia/LHI" | "Australia/Lindeman" | "Australia/Lord_Howe" | "Australia/Melbourne" | "Australia/NSW" | "Australia/North" | "Australia/Perth" | "Australia/Queensland" | "Australia/South" | "Australia/Sydney" | "Australia/Tasmania" | "Australia/Victoria" | "Australia/West" | "Australia/Yancowinna" | "Brazil/Acre" | "Brazil/DeNoronha" | "Brazil/East" | "Brazil/West" | "CET" | "CST6CDT" | "Canada/Atlantic" | "Canada/Central" | "Canada/Eastern" | "Canada/Mountain" | "Canada/Newfoundland" | "Canada/Pacific" | "Canada/Saskatchewan" | "Canada/Yukon" | "Chile/Continental" | "Chile/EasterIsland" | "Cuba" | "EET" | "EST" | "EST5EDT" | "Egypt" | "Eire" | "Etc/GMT" | "Etc/GMT+0" | "Etc/GMT+1" | "Etc/GMT+10" | "Etc/GMT+11" | "Etc/GMT+12" | "Etc/GMT+2" | "Etc/GMT+3" | "Etc/GMT+4" | "Etc/GMT+5" | "Etc/GMT+6" | "Etc/GMT+7" | "Etc/GMT+8" | "Etc/GMT+9" | "Etc/GMT-0" | "Etc/GMT-1" | "Etc/GMT-10" | "Etc/GMT-11" | "Etc/GMT-12" | "Etc/GMT-13" | "Etc/GMT-14" | "Etc/GMT-2" | "Etc/GMT-3" | "Etc/GMT-4" | "Etc/GMT-5" | "Etc/GMT-6" | "Etc/GMT-7" | "Etc/GMT-8" | "Etc/GMT-9" | "Etc/GMT0" | "Etc/Greenwich" | "Etc/UCT" | "Etc/UTC" | "Etc/Universal" | "Etc/Zulu" | "Europe/Amsterdam" | "Europe/Andorra" | "Europe/Astrakhan" | "Europe/Athens" | "Europe/Belfast" | "Europe/Belgrade" | "Europe/Berlin" | "Europe/Bratislava" | "Europe/Brussels" | "Europe/Bucharest" | "Europe/Budapest" | "Europe/Busingen" | "Europe/Chisinau" | "Europe/Copenhagen" | "Europe/Dublin" | "Europe/Gibraltar" | "Europe/Guernsey" | "Europe/Helsinki" | "Europe/Isle_of_Man" | "Europe/Istanbul" | "Europe/Jersey" | "Europe/Kaliningrad" | "Europe/Kiev" | "Europe/Kirov" | "Europe/Kyiv" | "Europe/Lisbon" | "Europe/Ljubljana" | "Europe/London" | "Europe/Luxembourg" | "Europe/Madrid" | "Europe/Malta" | "Europe/Mariehamn" | "Europe/Minsk" | "Europe/Monaco" | "Europe/Moscow" | "Europe/Nicosia" | "Europe/Oslo" | "Europe/Paris" | "Europe/Podgorica" | "Europe/Prague" | "Europe/Riga" | "Europe/Rome" | "Europe/Samara" | "Europe/San_Marino" | "Europe/Sarajevo" | "Europe/Saratov" | "Europe/Simferopol" | "Europe/Skopje" | "Europe/Sofia" | "Europe/Stockholm" | "Europe/Tallinn" | "Europe/Tirane" | "Europe/Tiraspol" | "Europe/Ulyanovsk" | "Europe/Uzhgorod" | "Europe/Vaduz" | "Europe/Vatican" | "Europe/Vienna" | "Europe/Vilnius" | "Europe/Volgograd" | "Europe/Warsaw" | "Europe/Zagreb" | "Europe/Zaporozhye" | "Europe/Zurich" | "Factory" | "GB" | "GB-Eire" | "GMT" | "GMT+0" | "GMT-0" | "GMT0" | "Greenwich" | "HST" | "Hongkong" | "Iceland" | "Indian/Antananarivo" | "Indian/Chagos" | "Indian/Christmas" | "Indian/Cocos" | "Indian/Comoro" | "Indian/Kerguelen" | "Indian/Mahe" | "Indian/Maldives" | "Indian/Mauritius" | "Indian/Mayotte" | "Indian/Reunion" | "Iran" | "Israel" | "Jamaica" | "Japan" | "Kwajalein" | "Libya" | "MET" | "MST" | "MST7MDT" | "Mexico/BajaNorte" | "Mexico/BajaSur" | "Mexico/General" | "NZ" | "NZ-CHAT" | "Navajo" | "PRC" | "PST8PDT" | "Pacific/Apia" | "Pacific/Auckland" | "Pacific/Bougainville" | "Pacific/Chatham" | "Pacific/Chuuk" | "Pacific/Easter" | "Pacific/Efate" | "Pacific/Enderbury" | "Pacific/Fakaofo" | "Pacific/Fiji" | "Pacific/Funafuti" | "Pacific/Galapagos" | "Pacific/Gambier" | "Pacific/Guadalcanal" | "Pacific/Guam" | "Pacific/Honolulu" | "Pacific/Johnston" | "Pacific/Kanton" | "Pacific/Kiritimati" | "Pacific/Kosrae" | "Pacific/Kwajalein" | "Pacific/Majuro" | "Pacific/Marquesas" | "Pacific/Midway" | "Pacific/Nauru" | "Pacific/Niue" | "Pacific/Norfolk" | "Pacific/Noumea" | "Pacific/Pago_Pago" | "Pacific/Palau" | "Pacific/Pitcairn" | "Pacific/Pohnpei" | "Pacific/Ponape" | "Pacific/Port_Moresby" | "Pacific/Rarotonga" | "Pacific/Saipan" | "Pacific/Samoa" | "Pacific/Tahiti" | "Pacific/Tarawa" | "Pacific/Tongatapu" | "Pacific/Truk" | "Pacific/Wake" | "Pacific/Wallis" | "Pacific/Yap" | "Poland" | "Portugal" | "ROC" | "ROK" | "Singapore" | "Turkey" | "UCT" | "US/Alaska" | "US/Aleutian" | "US/Arizona" | "US/Central" | "US/East-Indiana" | "US/Eastern" | "US/Hawaii" | "US/Indiana-Starke" | "US/Michigan" | "US/Mountain" | "US/Pacific" | "US/Samoa" | "UTC" | "Universal" | "W-SU" | "WET" | "Zulu" | "localtime") | null;
        };
        /**
         * UpdateTenantRequest
         * @description Only the fields given change; `settings` members given replace theirs.
         */
        UpdateTenantRequest: {
            /** Appid */
            appId?: string | null;
            /** Name */
            name?: string | null;
            settings?: components["schemas"]["TenantSettingsIn"] | null;
        };
        /** UpgradeOut */
        UpgradeOut: {
            proration: components["schemas"]["ProrationOut"];
            subscription: components["schemas"]["SubscriptionOut"];
        };
        /** UsageDashboardOut */
        UsageDashboardOut: {
            days: components["schemas"]["DailySeries"];
            last48Hours: components["schemas"]["HourlySeries"];
        };
        /** UsagePeriodOut */
        UsagePeriodOut: {
            /** Dayselapsed */
            daysElapsed: number;
            /** Daysinperiod */
            daysInPeriod: number;
            /** Models */
            models: components["schemas"]["ModelUsageOut"][];
            period: components["schemas"]["PeriodOut"];
            totals: components["schemas"]["BillingUsageTotals"];
        };
        /**
         * UsageStats
         * @description Metering's part: the platform's usage this calendar month (UTC) and who used it lately.
         */
        UsageStats: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /**
             * Currency
             * @default USD
             */
            currency?: string;
            /** Inputtokens */
            inputTokens: number;
            /**
             * Month
             * Format: date
             */
            month: string;
            /** Outputtokens */
            outputTokens: number;
            /**
             * Providercost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            providerCost: string;
            /** Requests */
            requests: number;
            /** Suspendedrequests */
            suspendedRequests: number;
            /** Tenantswithusagelast30Days */
            tenantsWithUsageLast30Days: number;
            /** Tenantswithusagethismonth */
            tenantsWithUsageThisMonth: number;
            /** Totaltokens */
            totalTokens: number;
        };
        /** UsageTotals */
        UsageTotals: {
            /**
             * Billedcost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            billedCost: string;
            /** Cachedrequests */
            cachedRequests: number;
            /**
             * Currency
             * @default USD
             */
            currency?: string;
            /** Inputtokens */
            inputTokens: number;
            /** Outputtokens */
            outputTokens: number;
            /** Phirequests */
            phiRequests: number;
            /**
             * Providercost
             * @description Exact non-negative decimal amount, serialised as a string
             */
            providerCost: string;
            /** Requests */
            requests: number;
            /** Suspendedrequests */
            suspendedRequests: number;
            /** Totaltokens */
            totalTokens: number;
            /** Unpricedrequests */
            unpricedRequests: number;
        };
        /** UserRef */
        UserRef: {
            /** Id */
            id: string | null;
            /** Name */
            name: string | null;
        };
        /** VerificationOut */
        VerificationOut: {
            /**
             * Checkpointschecked
             * @description Signed checkpoints whose signature and hash both verified
             */
            checkpointsChecked: number;
            /**
             * Entriesafterlatestcheckpoint
             * @description Entries after the last valid checkpoint: normal, the next checkpoint signs them
             */
            entriesAfterLatestCheckpoint: number;
            /**
             * Entrieschecked
             * @description Entries verified from the first one up to the first broken link
             */
            entriesChecked: number;
            /**
             * Exportedcheckpointschecked
             * @description Checkpoints from a SIEM's copy that verified (the CLI's `--against-checkpoints`)
             */
            exportedCheckpointsChecked?: number | null;
            /** @description The first problem: where the log stops being trusted */
            firstBrokenLink: components["schemas"]["BrokenLinkOut"] | null;
            /** @description The chain head the service appends to (`chain_heads`) */
            head: components["schemas"]["HeadOut"];
            /** @description The last entry actually in the log, found by walking it to its end */
            lastEntry: components["schemas"]["HeadOut"];
            /** @description The latest checkpoint that verified, with every link from the first entry up to it intact */
            lastValidCheckpoint: components["schemas"]["CheckpointOut"] | null;
            /** @description The latest checkpoint stored, valid or not */
            latestCheckpoint: components["schemas"]["CheckpointOut"] | null;
            /** Problemcount */
            problemCount: number;
            /**
             * Problems
             * @description Every problem found, lowest entry first (at most the first 100)
             */
            problems: components["schemas"]["ProblemOut"][];
            /** Tenantid */
            tenantId: string;
            /**
             * Valid
             * @description No problem found: every link, the head and every signed checkpoint agree
             */
            valid: boolean;
            /**
             * Verifiedat
             * Format: date-time
             */
            verifiedAt: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    jwks__well_known_jwks_json_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: {
                            [key: string]: string;
                        }[];
                    };
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_agents_api_v2_admin_agents_get: {
        parameters: {
            query?: {
                desiredState?: ("running" | "stopped") | null;
                /** @description Items per page */
                limit?: number;
                modelId?: string | null;
                /** @description Items to skip */
                offset?: number;
                /** @description Name contains (any case) */
                q?: string | null;
                sort?: "name" | "-name" | "createdAt" | "-createdAt";
                status?: ("stopped" | "starting" | "running" | "stopping" | "failed") | null;
                visibility?: ("private" | "tenant") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_agent_api_v2_admin_agents_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentConfigurationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another agent of the tenant has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `modelId`: an active model of the registry, and one the tenant's settings allow for agents (if they name any); `tools`: each tool named at most once; `tools.*`: a tool's config is at most 8192 bytes of JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The model registry cannot be checked just now (Retry-After) */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_agent_api_v2_admin_agents__agent_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    configure_agent_api_v2_admin_agents__agent_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AgentConfigurationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Another agent of the tenant has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `modelId`: an active model of the registry, and one the tenant's settings allow for agents (if they name any); `tools`: each tool named at most once; `tools.*`: a tool's config is at most 8192 bytes of JSON */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The model registry cannot be checked just now (Retry-After) */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_agent_api_v2_admin_agents__agent_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    start_agent_api_v2_admin_agents__agent_id__start_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChangeOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The agent is already starting or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The model registry or the approval service cannot be reached (Retry-After) */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    stop_agent_api_v2_admin_agents__agent_id__stop_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChangeOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The agent is already stopped */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_users_api_v2_admin_agents__agent_id__users_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentUserList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    add_user_api_v2_admin_agents__agent_id__users_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddAgentUser"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentUserEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The member may already use the agent */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `userId`: an active member or administrator of the caller's tenant */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    remove_user_api_v2_admin_agents__agent_id__users_delete: {
        parameters: {
            query: {
                /** @description The member whose use is withdrawn */
                userId: string;
            };
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant, or the member is not one of its users */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_versions_api_v2_admin_agents__agent_id__versions_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path: {
                agent_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AgentVersionList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such agent in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_keys_api_v2_admin_api_keys_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceKeyList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_key_api_v2_admin_api_keys_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateServiceKey"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceKeyCreated"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An active key already has this name, or the tenant has its most active keys */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `expiresAt`: in the future, at most 1095 days ahead */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revoke_key_api_v2_admin_api_keys__key_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The key's id (in `rk_<env>_<id>_…`) */
                key_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceKeyEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The key is already revoked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_approvals_api_v2_admin_approvals_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                pendingForMe?: boolean;
                status?: ("pending" | "approved" | "rejected" | "expired" | "cancelled") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_approval_api_v2_admin_approvals_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApproval"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_approval_api_v2_admin_approvals__approval_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancel_approval_api_v2_admin_approvals__approval_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelResult"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not pending (decided, cancelled or expired) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    process_approval_api_v2_admin_approvals__approval_id__process_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProcessApproval"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessResult"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not pending (decided, cancelled, expired) or already reviewed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_entries_api_v2_admin_audit_get: {
        parameters: {
            query?: {
                /** @description Action prefix, e.g. `invitation.`; either seed's name finds an action (`user.invite` = `invitation.create`, `user.accept` = `invitation.accept`) */
                action?: string | null;
                /** @description Actor id */
                actor?: string | null;
                /** @description The nextCursor of the previous page */
                cursor?: string | null;
                /** @description occurredAt >= from (ISO 8601 with offset) */
                from?: string | null;
                limit?: number;
                outcome?: ("success" | "failure" | "denied") | null;
                resourceId?: string | null;
                resourceType?: string | null;
                /** @description occurredAt < to (ISO 8601 with offset) */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryPage"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.to`: later than from */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    export_entries_api_v2_admin_audit_export_get: {
        parameters: {
            query?: {
                /** @description Action prefix, e.g. `invitation.`; either seed's name finds an action (`user.invite` = `invitation.create`, `user.accept` = `invitation.accept`) */
                action?: string | null;
                /** @description Actor id */
                actor?: string | null;
                format?: "csv" | "jsonl";
                /** @description occurredAt >= from (ISO 8601 with offset) */
                from?: string | null;
                outcome?: ("success" | "failure" | "denied") | null;
                resourceId?: string | null;
                resourceType?: string | null;
                /** @description occurredAt < to (ISO 8601 with offset) */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The entries, one a line (`format`: csv with a header line, or jsonl) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/jsonl": string;
                    "text/csv": string;
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.to`: later than from */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    public_key_api_v2_admin_audit_public_key_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicKeyOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    summary_api_v2_admin_audit_summary_get: {
        parameters: {
            query?: {
                /** @description occurredAt >= from (ISO 8601 with offset) */
                from?: string | null;
                /** @description occurredAt < to (ISO 8601 with offset) */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SummaryOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.to`: later than from (to defaults to now, from to 30 days before to) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verify_api_v2_admin_audit_verify_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    billing_overview_api_v2_admin_billing_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingOverviewOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant is billed in a currency other than USD, has usage this period, and no USD exchange rate is in effect on the period's first day (`currency`, `day`): amounts are never shown in USD under another currency's name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Metering (the usage to date) is unavailable; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    post_downgrade_api_v2_admin_billing_downgrade_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanChangeRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowngradeOut"];
                };
            };
            /** @description prod: waiting for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DowngradeOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not a downgrade, or current usage exceeds the plan's limits: `exceeded` lists each (`limit`, `resource`, `current`, `allowed`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `plan`: a plan of the catalogue that is offered */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    payment_method_api_v2_admin_billing_payment_method_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentMethodLink"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant's Lago customer is not created yet (Retry-After) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The provider refused */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The provider cannot be reached (Retry-After) */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_offered_plans_api_v2_admin_billing_plans_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_subscription_api_v2_admin_billing_subscription_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SubscriptionOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    post_upgrade_api_v2_admin_billing_upgrade_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanChangeRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpgradeOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not above the current plan, or the subscription is cancelled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `plan`: a plan of the catalogue that is offered */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_invitations_api_v2_admin_invitations_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                status?: ("pending" | "accepted" | "expired" | "revoked") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_invitation_api_v2_admin_invitations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"] | components["schemas"]["InvitationPending"];
                };
            };
            /** @description prod: granting super_admin or admin waits for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPending"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An administrator or a pending invitation already has this email */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_invitation_api_v2_admin_invitations__invitation_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revoke_invitation_api_v2_admin_invitations__invitation_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only a pending invitation can be revoked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resend_invitation_api_v2_admin_invitations__invitation_id__resend_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResendOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Only a pending invitation can be resent */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accept_invitation_api_v2_admin_invitations_accept_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptInvitationRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_notifications_api_v2_admin_notifications_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                unread?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    dismiss_api_v2_admin_notifications__notification_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                notification_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    read_one_api_v2_admin_notifications__notification_id__read_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                notification_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkedRead"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    read_all_api_v2_admin_notifications_read_all_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkedRead"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    unread_count_api_v2_admin_notifications_unread_count_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UnreadCount"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_profile_api_v2_admin_profile_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_profile_api_v2_admin_profile_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProfileRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProfileEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    tenant_quotas_api_v2_admin_quotas_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotasResponse"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_settings_api_v2_admin_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_settings_api_v2_admin_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SettingsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsUpdated"];
                };
            };
            /** @description prod: the security policy change waits for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsUpdated"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `security.ipAllowList`: every entry a network in CIDR notation with its host bits zero; `security.ipAllowList`: when not empty, it includes the caller's own address (nobody locks themselves out) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    tenant_stats_api_v2_admin_stats_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantStatsOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    usage_api_v2_admin_usage_get: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD inclusive, default today (UTC) */
                endDate?: string | null;
                /** @description YYYY-MM-DD, default 29 days before endDate */
                startDate?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UsageDashboardOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.endDate`: not before startDate; `query.startDate`: at most METERING_RAW_RETENTION_DAYS (90) days in all, endDate included */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_admins_api_v2_admin_users_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                role?: ("super_admin" | "admin" | "operator" | "auditor" | "member") | null;
                status?: ("active" | "suspended" | "pending") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_admin_api_v2_admin_users__admin_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                admin_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AdminEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user with this id in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_admin_api_v2_admin_users__admin_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                admin_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateAdminRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateAdminOut"];
                };
            };
            /** @description prod: the role or status change waits for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdateAdminOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The change would leave the tenant without an active super_admin */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_admin_api_v2_admin_users__admin_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                admin_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemovalOut"];
                };
            };
            /** @description prod: the removal waits for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RemovalOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No user with this id in the tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The last active super_admin of a tenant cannot be removed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    resend_invitation_api_v2_admin_users__user_id__resend_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                user_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ResendOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No pending user with this id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The user already signed up, or the invitation is no longer pending */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    invite_user_api_v2_admin_users_invite_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvitationRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationCreated"] | components["schemas"]["InvitationPending"];
                };
            };
            /** @description prod: granting super_admin or admin waits for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvitationPending"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A user or a pending invitation already has this email */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    console_login_api_v2_auth_console_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    console_logout_api_v2_auth_console_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description The console's refresh token, set by the console's sign-in (HttpOnly, Secure, SameSite=Strict) */
                radiant_console_refresh?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    console_refresh_api_v2_auth_console_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description The console's refresh token, set by the console's sign-in (HttpOnly, Secure, SameSite=Strict) */
                radiant_console_refresh?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsoleSession"];
                };
            };
            /** @description No console session: the refresh cookie is missing, unknown, used or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login_api_v2_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout_api_v2_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["LogoutRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    recovery_codes_api_v2_auth_mfa_recovery_codes_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RecoveryCodesRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodesOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No second factor is enrolled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    totp_enroll_api_v2_auth_mfa_totp_enroll_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["TotpEnrollRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaEnrollment"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    totp_verify_api_v2_auth_mfa_totp_verify_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpVerifyRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodesOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No authenticator enrolment is in progress */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_password_api_v2_auth_password_change_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangePasswordRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The signed-in account no longer exists */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `newPassword`: different from currentPassword */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    forgot_password_api_v2_auth_password_forgot_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address; `Retry-After` says when to try again */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reset_password_api_v2_auth_password_reset_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link is unknown or was already used */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refresh_api_v2_auth_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RefreshRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenPair"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    step_up_api_v2_auth_step_up_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["StepUpRequest"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StepUpOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No second factor is enrolled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    current_api_v2_billing_current_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CurrentPeriodOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant is billed in a currency other than USD, has usage this period, and no USD exchange rate is in effect on the period's first day (`currency`, `day`) — the same refusal an invoice for the period gets; amounts are never shown in USD under another currency's name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    generate_api_v2_billing_generate_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GenerateInvoiceRequest"];
            };
        };
        responses: {
            /** @description the period's invoice already existed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceOut"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description An invoice already covers part of this period (`invoiceId`, its period); or the tenant is billed through Lago, which issues its invoices (type `urn:radiant:problem:invoiced-by-provider`, `provider`); or it is billed in a currency other than USD with usage and no USD exchange rate in effect on periodStart (`currency`, `day`) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `periodEnd`: not before periodStart; `periodEnd`: at most 366 days after periodStart; `periodStart`: not in the future */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_invoices_api_v2_billing_invoices_get: {
        parameters: {
            query?: {
                from?: string | null;
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                status?: ("draft" | "pending" | "paid" | "overdue" | "cancelled") | null;
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_invoice_api_v2_billing_invoices__invoice_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invoice_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvoiceOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    projections_api_v2_billing_projections_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectionOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant is billed in a currency other than USD, has usage this period, and no USD exchange rate is in effect on the period's first day (`currency`, `day`) — the same refusal an invoice for the period gets; amounts are never shown in USD under another currency's name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_settings_api_v2_billing_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingSettingsOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_settings_api_v2_billing_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BillingSettingsUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BillingSettingsOut"] | components["schemas"]["SettingsChangePending"];
                };
            };
            /** @description prod: waiting for approval */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SettingsChangePending"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `tiers`: with marginType tiered (sent or current): at least one tier, upTo strictly increasing, only the last tier without upTo */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    lago_webhook_api_v2_billing_webhooks_lago_post: {
        parameters: {
            query?: never;
            header: {
                /** @description A JWT (RS256, Lago's key; `data` = the raw body) or base64 HMAC-SHA256 of the raw body */
                "X-Lago-Signature": string;
                "X-Lago-Signature-Algorithm": "jwt" | "hmac";
                "X-Lago-Unique-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    object_type: string;
                    webhook_type: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Signed, but not a Lago webhook */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, unknown or bad X-Lago-Signature (nothing happens) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Lago's public key cannot be fetched (Retry-After) */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    stripe_webhook_api_v2_billing_webhooks_stripe_post: {
        parameters: {
            query?: never;
            header: {
                /** @description Stripe's signature of the raw body with this endpoint's secret (`t=…,v1=…`) */
                "Stripe-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    data?: {
                        object?: Record<string, never>;
                    };
                    id: string;
                    type: string;
                };
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing or wrong Stripe-Signature, or not a Stripe event */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    me_api_v2_me_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    batch_api_v2_metering_batch_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BatchRecordRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchRecordResponse"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_models_api_v2_metering_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelsResponse"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_model_api_v2_metering_models__model_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDetailOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_model_api_v2_metering_models__model_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ModelUpdateRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDetailOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Bringing an inactive or deprecated model back into service, or moving a model to another provider, needs a second operator: file it with POST /api/v2/saas/approvals */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `providerId`: required for a model new to the registry; `modelName`: required for a model new to the registry; `inputPricePerMillion`: required for a model new to the registry; `outputPricePerMillion`: required for a model new to the registry; `effectiveFrom`: not in the past: a price never applies retroactively */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    token_quota_api_v2_metering_quota_get: {
        parameters: {
            query?: {
                /** @description Tokens the next request may use */
                tokens?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TokenQuotaOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    record_api_v2_metering_record_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordUsageRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordUsageResponse"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rollups_api_v2_metering_rollups_get: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD inclusive, default today (UTC) */
                endDate?: string | null;
                /** @description YYYY-MM-DD, default 30 days before endDate */
                startDate?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RollupsResponse"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.endDate`: not before startDate; `query.startDate`: at most 365 days before endDate (default today): 366 days in all */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    summary_api_v2_metering_summary_get: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD inclusive, default today (UTC) */
                endDate?: string | null;
                /** @description YYYY-MM-DD, default 30 days before endDate */
                startDate?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SummaryResponse"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.endDate`: not before startDate; `query.startDate`: at most 365 days before endDate (default today): 366 days in all */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_platform_approvals_api_v2_saas_approvals_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                pendingForMe?: boolean;
                status?: ("pending" | "approved" | "rejected" | "expired" | "cancelled") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    request_registry_approval_api_v2_saas_approvals_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegistryApprovalRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FiledApprovalEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The change would change nothing (the model is in that state already) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `details.modelId`: a model of the registry (a new one is registered with PUT); `details`: a provider_change names providerId, modelName or a price to change */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The approval service is unavailable; retry after Retry-After */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_platform_approval_api_v2_saas_approvals__approval_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancel_platform_request_api_v2_saas_approvals__approval_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CancelResult"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not pending (decided, cancelled or expired) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approve_platform_request_api_v2_saas_approvals__approval_id__approve_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessResult"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not pending (decided, cancelled, expired) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reject_platform_request_api_v2_saas_approvals__approval_id__reject_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                approval_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProcessResult"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not pending (decided, cancelled, expired) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_platform_entries_api_v2_saas_audit_get: {
        parameters: {
            query?: {
                /** @description Action prefix, e.g. `invitation.`; either seed's name finds an action (`user.invite` = `invitation.create`, `user.accept` = `invitation.accept`) */
                action?: string | null;
                /** @description Actor id */
                actor?: string | null;
                /** @description The nextCursor of the previous page */
                cursor?: string | null;
                /** @description occurredAt >= from (ISO 8601 with offset) */
                from?: string | null;
                limit?: number;
                outcome?: ("success" | "failure" | "denied") | null;
                resourceId?: string | null;
                resourceType?: string | null;
                /** @description occurredAt < to (ISO 8601 with offset) */
                to?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EntryPage"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.to`: later than from */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verify_tenant_for_operators_api_v2_saas_audit_tenants__tenant_id__verify_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verify_platform_api_v2_saas_audit_verify_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VerificationOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    operator_console_login_api_v2_saas_auth_console_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorLogin"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorConsoleSession"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    operator_console_logout_api_v2_saas_auth_console_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description An operator's console refresh token, set by the operators' console sign-in (HttpOnly, Secure, SameSite=Strict) */
                radiant_operator_console_refresh?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    operator_console_refresh_api_v2_saas_auth_console_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: {
                /** @description An operator's console refresh token, set by the operators' console sign-in (HttpOnly, Secure, SameSite=Strict) */
                radiant_operator_console_refresh?: string | null;
            };
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorConsoleSession"];
                };
            };
            /** @description No console session: the refresh cookie is missing, unknown, used or expired */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    login_api_v2_saas_auth_login_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorLogin"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorTokenPair"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    logout_api_v2_saas_auth_logout_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["OperatorLogout"] | null;
            };
        };
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    forgot_password_api_v2_saas_auth_password_forgot_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotOperatorPassword"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetRequested"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests from this address; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reset_password_api_v2_saas_auth_password_reset_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetOperatorPassword"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PasswordResetDone"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such link, or already used */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The link has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    refresh_api_v2_saas_auth_refresh_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OperatorRefresh"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorTokenPair"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_rates_api_v2_saas_billing_exchange_rates_get: {
        parameters: {
            query?: {
                currency?: string | null;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeRatesOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_rates_api_v2_saas_billing_exchange_rates_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExchangeRatesUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExchangeRatesOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `rates.*.effectiveFrom`: not in the past: a rate never applies retroactively; `rates`: each (currency, effectiveFrom) once; `rates.*.rate`: greater than 0 */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_revenue_api_v2_saas_billing_revenue_get: {
        parameters: {
            query: {
                from: string;
                tenantLimit?: number;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RevenueOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `query.to`: not before from; `query.to`: at most 366 days after from */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    set_provider_api_v2_saas_billing_tenants__tenant_id__provider_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProviderChoice"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProviderOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Billing knows no such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    health_api_v2_saas_health_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformHealth"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    regenerate_recovery_codes_api_v2_saas_me_mfa_recovery_codes_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegenerateRecoveryCodes"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecoveryCodes"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    start_totp_reenrolment_api_v2_saas_me_mfa_totp_enroll_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartTotpReenrolment"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NewTotp"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    confirm_totp_reenrolment_api_v2_saas_me_mfa_totp_verify_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmTotpReenrolment"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReenrolledOperator"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No enrolment in progress, or it changed meanwhile */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    change_own_password_api_v2_saas_me_password_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChangeOwnPassword"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorTokenPair"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_models_for_operators_api_v2_saas_models_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelsResponse"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_model_for_operators_api_v2_saas_models__model_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                model_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ModelDetailOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    import_models_api_v2_saas_models_import_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogueImportRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueImportResponse"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `catalogue.*`: the registry's format (`{"models": [...]}`, as GET /metering/models answers) or LiteLLM's model_prices_and_context_window.json (`{"<model>": {...}}`); errors name the entry's fields; `effectiveFrom`: not in the past: a price never applies retroactively */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_operators_api_v2_saas_operators_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                role?: components["schemas"]["PlatformRole"] | null;
                status?: ("active" | "suspended") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_operator_api_v2_saas_operators__operator_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_operator_api_v2_saas_operators__operator_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                operator_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateOperator"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_invitations_api_v2_saas_operators_invitations_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                status?: ("pending" | "accepted" | "expired" | "revoked") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorInvitationList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_invitation_api_v2_saas_operators_invitations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOperatorInvitation"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorInvitationEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    revoke_invitation_api_v2_saas_operators_invitations__invitation_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                invitation_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OperatorInvitationEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    accept_invitation_api_v2_saas_operators_invitations_accept_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AcceptOperatorInvitation"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AcceptedOperator"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Too many requests */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    stats_api_v2_saas_stats_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformStats"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_catalogue_api_v2_saas_subscriptions_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    put_catalogue_api_v2_saas_subscriptions_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogueUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000). Besides the schema, these rules apply: `plans`: the catalogue keeps exactly one default plan, and it is available; `plans.*.prices`: a USD price (other currencies are optional) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_tenants_api_v2_saas_tenants_get: {
        parameters: {
            query?: {
                environment?: ("dev" | "staging" | "prod") | null;
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
                /** @description Name contains (any case), or the exact id */
                q?: string | null;
                sort?: "name" | "-name" | "createdAt" | "-createdAt";
                status?: ("active" | "suspended" | "deleted") | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    create_tenant_api_v2_saas_tenants_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantCreatedOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Not found (or not the caller's) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    get_tenant_api_v2_saas_tenants__tenant_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDetailEnvelope"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    update_tenant_api_v2_saas_tenants__tenant_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    delete_tenant_api_v2_saas_tenants__tenant_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChangeRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDeletionOut"];
                };
            };
            /** @description A prod tenant: the `tenant_deletion` approval was filed; another operator decides it at /api/v2/saas/approvals/{id}, and the tenant is deleted when approved */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantDeletionOut"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant is deleted already, or (prod) its deletion is already waiting for approval (`approvalId` names the pending request) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    impersonate_api_v2_saas_tenants__tenant_id__impersonate_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ImpersonateRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpersonationStarted"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant's status does not allow this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    end_impersonation_api_v2_saas_tenants__tenant_id__impersonate__session_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                session_id: string;
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpersonationOut"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such session in this tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Already ended */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    list_impersonations_api_v2_saas_tenants__tenant_id__impersonations_get: {
        parameters: {
            query?: {
                /** @description Items per page */
                limit?: number;
                /** @description Items to skip */
                offset?: number;
            };
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImpersonationList"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    reactivate_tenant_api_v2_saas_tenants__tenant_id__reactivate_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChangeRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant's status does not allow this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    suspend_tenant_api_v2_saas_tenants__tenant_id__suspend_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenant_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChangeRequest"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantEnvelope"];
                };
            };
            /** @description The body is not well-formed JSON */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing, expired or invalid token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The caller's role lacks the permission */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such tenant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The tenant's status does not allow this */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request body too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Invalid input: `errors` names each field (text never holds NUL, U+0000) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited; see Retry-After */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description A dependency is unavailable (`type` urn:radiant:problem:dependency-unavailable; `dependency` names its class: database, cache, broker or service); retry after `Retry-After` seconds */
            503: {
                headers: {
                    /** @description Seconds to wait before retrying */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
