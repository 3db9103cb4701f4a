"""The gateway's route table: every public API route, its owning service and its permission.

The seeds' route tables are the source (seed 000 "API ROUTES SUMMARY"; seed 004 tenant-admin and
SaaS-admin tables as their issues land). A route is one of:
- a permission such as `admin:write` (checked against the seed's ROLE_PERMISSIONS, with wildcards),
- AUTHENTICATED: any valid access token,
- PUBLIC: no token (login, invitation accept, JWKS, webhooks), rate limited per client IP,
- INTERNAL: producers' service-to-service routes, requiring a token like any other caller.
Paths are matched exactly; `{name}` matches one path segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from radiant_platform.limits import BULK_MAX_BODY_BYTES, CATALOGUE_MAX_BODY_BYTES, DEFAULT_MAX_BODY_BYTES

PUBLIC = "public"
AUTHENTICATED = "authenticated"
API = "/api/v2"
#: Routes the gateway answers itself (the operators' platform views, composed from every service).
GATEWAY = "gateway"

#: Routes whose request bodies may be larger than the default (DEFAULT_MAX_BODY_BYTES, 1 MiB).
LARGER_BODIES: dict[tuple[str, str], int] = {
    ("POST", f"{API}/metering/batch"): BULK_MAX_BODY_BYTES,
    ("POST", f"{API}/saas/models/import"): CATALOGUE_MAX_BODY_BYTES,
}


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    service: str
    permission: str
    summary: str = ""
    #: The largest request body the gateway forwards on this route (413 beyond), from LARGER_BODIES.
    max_body_bytes: int = field(default=DEFAULT_MAX_BODY_BYTES, init=False, compare=False)

    def __post_init__(self) -> None:
        limit = LARGER_BODIES.get((self.method, self.path), DEFAULT_MAX_BODY_BYTES)
        object.__setattr__(self, "max_body_bytes", limit)

    @property
    def is_public(self) -> bool:
        return self.permission == PUBLIC

    def compiled(self) -> re.Pattern[str]:
        parts = re.split(r"(\{[^/}]+\})", self.path)
        return re.compile("^" + "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts) + "$")


ROUTES: tuple[Route, ...] = (
    # identity: auth and keys
    Route("GET", "/.well-known/jwks.json", "identity", PUBLIC, "Public keys that verify access tokens"),
    Route("GET", "/accept-invitation", "identity", PUBLIC, "The page invitation emails link to"),
    Route("GET", f"{API}/me", "identity", AUTHENTICATED, "The caller's identity and permissions"),
    # identity: invitations (seed 000 Admin Routes)
    Route("POST", f"{API}/admin/invitations", "identity", "admin:write", "Create invitation"),
    Route("GET", f"{API}/admin/invitations", "identity", "admin:read", "List invitations"),
    Route("POST", f"{API}/admin/invitations/accept", "identity", PUBLIC, "Accept invitation"),
    Route("GET", f"{API}/admin/invitations/{{id}}", "identity", "admin:read", "Get invitation"),
    Route("POST", f"{API}/admin/invitations/{{id}}/resend", "identity", "admin:write", "Resend invitation"),
    Route("DELETE", f"{API}/admin/invitations/{{id}}", "identity", "admin:write", "Revoke invitation"),
    # identity: administrators
    Route("GET", f"{API}/admin/users", "identity", "admin:read", "List admins"),
    Route("GET", f"{API}/admin/users/{{id}}", "identity", "admin:read", "Get admin"),
    Route("PUT", f"{API}/admin/users/{{id}}", "identity", "admin:write", "Update admin"),
    Route("DELETE", f"{API}/admin/users/{{id}}", "identity", "admin:*", "Delete admin"),
    # identity: the tenant's service keys (producers on the AI request path)
    Route("POST", f"{API}/admin/api-keys", "identity", "settings:write", "Create service key (secret shown once)"),
    # identity: seed 004's users (administrators and members; a pending user is their invitation)
    Route("POST", f"{API}/admin/users/invite", "identity", "admin:write", "Invite a user (member or administrator)"),
    Route("POST", f"{API}/admin/users/{{id}}/resend", "identity", "admin:write", "Resend a pending user's invitation"),
    Route("GET", f"{API}/admin/api-keys", "identity", "settings:read", "List service keys with last use"),
    Route("DELETE", f"{API}/admin/api-keys/{{id}}", "identity", "settings:write", "Revoke service key"),
    # identity: the tenant's AI agents (seed 004 §2.1; the runtime runs them, identity is their control plane)
    Route("GET", f"{API}/admin/agents", "identity", "admin:read", "List agents"),
    Route("POST", f"{API}/admin/agents", "identity", "admin:write", "Create agent"),
    Route("GET", f"{API}/admin/agents/{{id}}", "identity", "admin:read", "Agent config"),
    Route("PUT", f"{API}/admin/agents/{{id}}", "identity", "admin:write", "Configure agent (a new version)"),
    Route("DELETE", f"{API}/admin/agents/{{id}}", "identity", "admin:write", "Delete agent (stopped first)"),
    Route("GET", f"{API}/admin/agents/{{id}}/versions", "identity", "admin:read", "Agent configuration versions"),
    Route("POST", f"{API}/admin/agents/{{id}}/start", "identity", "deployments:write", "Start agent"),
    Route("POST", f"{API}/admin/agents/{{id}}/stop", "identity", "deployments:write", "Stop agent"),
    Route("GET", f"{API}/admin/agents/{{id}}/users", "identity", "admin:read", "Agent users"),
    Route("POST", f"{API}/admin/agents/{{id}}/users", "identity", "admin:write", "Add agent user"),
    Route("DELETE", f"{API}/admin/agents/{{id}}/users", "identity", "admin:write", "Remove agent user"),
    # identity: the tenant's own settings (seed 004 §2.1)
    Route("GET", f"{API}/admin/settings", "identity", "settings:read", "Tenant settings"),
    Route("PUT", f"{API}/admin/settings", "identity", "settings:write", "Update tenant settings"),
    # identity: the dashboard's home screen (composes billing's, metering's and approval's parts)
    Route("GET", f"{API}/admin/stats", "identity", "admin:read", "Tenant stats (dashboard)"),
    # identity: sign-in, sessions and MFA
    Route("POST", f"{API}/auth/login", "identity", PUBLIC, "Sign in"),
    Route("POST", f"{API}/auth/refresh", "identity", PUBLIC, "Rotate a refresh token"),
    Route("POST", f"{API}/auth/logout", "identity", AUTHENTICATED, "Sign out"),
    # identity: the console's sessions (the refresh token in an HttpOnly cookie on /auth/console)
    Route("POST", f"{API}/auth/console/login", "identity", PUBLIC, "Console sign-in (refresh token as a cookie)"),
    Route("POST", f"{API}/auth/console/refresh", "identity", PUBLIC, "Console silent refresh (from the cookie)"),
    Route("POST", f"{API}/auth/console/logout", "identity", AUTHENTICATED, "Console sign-out (clears the cookie)"),
    Route("POST", f"{API}/auth/mfa/totp/enroll", "identity", AUTHENTICATED, "Start authenticator enrolment"),
    Route("POST", f"{API}/auth/mfa/totp/verify", "identity", AUTHENTICATED, "Confirm authenticator enrolment"),
    Route("POST", f"{API}/auth/mfa/recovery-codes", "identity", AUTHENTICATED, "Replace MFA recovery codes"),
    Route("POST", f"{API}/auth/step-up", "identity", AUTHENTICATED, "Prove a fresh second factor (step-up)"),
    # identity: the caller's profile and notifications
    Route("GET", f"{API}/admin/profile", "identity", AUTHENTICATED, "Get my preferences"),
    Route("PUT", f"{API}/admin/profile", "identity", AUTHENTICATED, "Update my preferences"),
    Route("GET", f"{API}/admin/notifications", "identity", AUTHENTICATED, "List my notifications"),
    Route("GET", f"{API}/admin/notifications/unread-count", "identity", AUTHENTICATED, "Unread notifications"),
    Route("POST", f"{API}/admin/notifications/read-all", "identity", AUTHENTICATED, "Mark all read"),
    Route("POST", f"{API}/admin/notifications/{{id}}/read", "identity", AUTHENTICATED, "Mark one read"),
    Route("DELETE", f"{API}/admin/notifications/{{id}}", "identity", AUTHENTICATED, "Dismiss notification"),
    # identity: account self-service (issue 13)
    Route("POST", f"{API}/auth/password/change", "identity", AUTHENTICATED, "Change my password (ends other sessions)"),
    Route("POST", f"{API}/auth/password/forgot", "identity", PUBLIC, "Forgotten password: a reset link by email"),
    Route("POST", f"{API}/auth/password/reset", "identity", PUBLIC, "Reset a password with an emailed link"),
    Route("GET", "/reset-password", "identity", PUBLIC, "The page password reset emails link to"),
    # identity: platform operators (seed 004 §1) — their own sign-in, then `saas:` permissions only
    Route("POST", f"{API}/saas/auth/login", "identity", PUBLIC, "Operator sign-in (password and TOTP, always)"),
    Route("POST", f"{API}/saas/auth/refresh", "identity", PUBLIC, "Rotate an operator's refresh token"),
    Route("POST", f"{API}/saas/auth/logout", "identity", "saas:read", "Operator sign-out"),
    # identity: operators' console sessions (the refresh token in an HttpOnly cookie on /saas/auth/console)
    Route("POST", f"{API}/saas/auth/console/login", "identity", PUBLIC, "Operators' console sign-in (cookie)"),
    Route("POST", f"{API}/saas/auth/console/refresh", "identity", PUBLIC, "Operators' console silent refresh"),
    Route("POST", f"{API}/saas/auth/console/logout", "identity", "saas:read", "Operators' console sign-out"),
    Route("POST", f"{API}/saas/operators/invitations/accept", "identity", PUBLIC, "Accept operator invitation"),
    Route("POST", f"{API}/saas/operators/invitations", "identity", "saas:write", "Invite an operator"),
    Route("GET", f"{API}/saas/operators/invitations", "identity", "saas:read", "List operator invitations"),
    Route("DELETE", f"{API}/saas/operators/invitations/{{id}}", "identity", "saas:write", "Revoke operator invitation"),
    Route("GET", f"{API}/saas/operators", "identity", "saas:read", "List operators"),
    Route("GET", f"{API}/saas/operators/{{id}}", "identity", "saas:read", "Get operator"),
    Route("PUT", f"{API}/saas/operators/{{id}}", "identity", "saas:write", "Change an operator's role or status"),
    # identity: an operator's own account (any operator), and a forgotten password (public)
    Route("POST", f"{API}/saas/me/password", "identity", "saas:read", "Change my password (password + fresh TOTP)"),
    Route("POST", f"{API}/saas/me/mfa/totp/enroll", "identity", "saas:read", "Start replacing my authenticator"),
    Route("POST", f"{API}/saas/me/mfa/totp/verify", "identity", "saas:read", "Confirm my new authenticator"),
    Route("POST", f"{API}/saas/me/mfa/recovery-codes", "identity", "saas:read", "Replace my recovery codes"),
    Route("POST", f"{API}/saas/auth/password/forgot", "identity", PUBLIC, "Forgotten operator password (email link)"),
    Route("POST", f"{API}/saas/auth/password/reset", "identity", PUBLIC, "Reset operator password with the link"),
    # identity: the tenant lifecycle, run by operators (seed 004 §1)
    Route("GET", f"{API}/saas/tenants", "identity", "saas:read", "List tenants"),
    Route("POST", f"{API}/saas/tenants", "identity", "saas:write", "Create tenant (invites its first super_admin)"),
    Route("GET", f"{API}/saas/tenants/{{id}}", "identity", "saas:read", "Get tenant"),
    Route("PUT", f"{API}/saas/tenants/{{id}}", "identity", "saas:write", "Update tenant"),
    Route("POST", f"{API}/saas/tenants/{{id}}/suspend", "identity", "saas:write", "Suspend tenant (ends its sessions)"),
    Route("POST", f"{API}/saas/tenants/{{id}}/reactivate", "identity", "saas:write", "Reactivate tenant"),
    Route(
        "DELETE",
        f"{API}/saas/tenants/{{id}}",
        "identity",
        "saas:write",
        "Delete tenant (prod: a second operator approves)",
    ),
    Route("POST", f"{API}/saas/tenants/{{id}}/impersonate", "identity", "saas:impersonate", "Impersonate tenant"),
    Route("GET", f"{API}/saas/tenants/{{id}}/impersonations", "identity", "saas:read", "Impersonation sessions"),
    Route(
        "DELETE",
        f"{API}/saas/tenants/{{id}}/impersonate/{{session}}",
        "identity",
        "saas:impersonate",
        "End impersonation",
    ),
    # approval
    Route("POST", f"{API}/admin/approvals", "approval", "approvals:initiate", "Create approval request"),
    Route("GET", f"{API}/admin/approvals", "approval", "approvals:read", "List approvals"),
    Route("GET", f"{API}/admin/approvals/{{id}}", "approval", "approvals:read", "Get approval"),
    Route("POST", f"{API}/admin/approvals/{{id}}/process", "approval", "approvals:*", "Approve/reject"),
    Route("DELETE", f"{API}/admin/approvals/{{id}}", "approval", "approvals:initiate", "Cancel approval"),
    # approval: platform operators' two-person rule (filed by the owning service, decided by another operator)
    Route("POST", f"{API}/saas/approvals", "metering", "saas:write", "File a registry change for approval"),
    Route("GET", f"{API}/saas/approvals", "approval", "saas:read", "List the platform's approval requests"),
    Route("GET", f"{API}/saas/approvals/{{id}}", "approval", "saas:read", "Get a platform approval request"),
    Route("POST", f"{API}/saas/approvals/{{id}}/approve", "approval", "saas:write", "Approve (another operator)"),
    Route("POST", f"{API}/saas/approvals/{{id}}/reject", "approval", "saas:write", "Reject, with a reason"),
    Route("DELETE", f"{API}/saas/approvals/{{id}}", "approval", "saas:write", "Withdraw a platform request"),
    # billing
    Route("GET", f"{API}/billing/settings", "billing", "billing:read", "Get settings"),
    Route("PUT", f"{API}/billing/settings", "billing", "billing:*", "Update settings"),
    Route("GET", f"{API}/billing/current", "billing", "billing:read", "Current period usage"),
    Route("GET", f"{API}/billing/projections", "billing", "billing:read", "Cost projections"),
    Route("GET", f"{API}/billing/invoices", "billing", "billing:read", "List invoices"),
    Route("GET", f"{API}/billing/invoices/{{id}}", "billing", "billing:read", "Get invoice"),
    Route("POST", f"{API}/billing/generate", "billing", "billing:*", "Generate invoice"),
    Route("POST", f"{API}/billing/webhooks/stripe", "billing", PUBLIC, "Stripe webhook (signature-verified)"),
    # billing: the provider boundary, Lago (issue 15)
    Route("POST", f"{API}/billing/webhooks/lago", "billing", PUBLIC, "Lago webhook (signature-verified)"),
    Route("POST", f"{API}/admin/billing/payment-method", "billing", "billing:*", "Link to the provider's payment page"),
    Route("PUT", f"{API}/saas/billing/tenants/{{id}}/provider", "billing", "saas:write", "Choose a tenant's provider"),
    # billing: plans and subscriptions (issue 14)
    Route("GET", f"{API}/admin/billing", "billing", "billing:read", "Billing at a glance (dashboard)"),
    Route("GET", f"{API}/admin/billing/subscription", "billing", "billing:read", "The tenant's plan and period"),
    Route("GET", f"{API}/admin/billing/plans", "billing", "billing:read", "The plans a tenant may move to"),
    Route("POST", f"{API}/admin/billing/upgrade", "billing", "billing:*", "Upgrade plan (at once, prorated)"),
    Route("POST", f"{API}/admin/billing/downgrade", "billing", "billing:*", "Downgrade plan (at the period's end)"),
    Route("GET", f"{API}/saas/subscriptions", "billing", "saas:read", "Subscription tiers (plan catalogue)"),
    Route("PUT", f"{API}/saas/subscriptions", "billing", "saas:write", "Create or change tiers (versioned)"),
    Route("GET", f"{API}/saas/billing/exchange-rates", "billing", "saas:read", "USD exchange rates"),
    Route("PUT", f"{API}/saas/billing/exchange-rates", "billing", "saas:billing", "Record USD exchange rates"),
    Route("GET", f"{API}/saas/billing/revenue", "billing", "saas:billing", "Revenue report (invoiced, MRR)"),
    # metering
    # producers only: a tenant's service key with `usage:write`, never a tenant administrator's token
    Route("POST", f"{API}/metering/record", "metering", "usage:write", "Record usage event (producers' service keys)"),
    Route("POST", f"{API}/metering/batch", "metering", "usage:write", "Batch record events (producers' service keys)"),
    Route("GET", f"{API}/metering/quota", "metering", "quota:read", "Token quota check (producers' service keys)"),
    Route("GET", f"{API}/admin/quotas", "metering", "admin:read", "Quotas: users, agents, tokens, storage"),
    Route("GET", f"{API}/metering/summary", "metering", "billing:read", "Usage summary"),
    Route("GET", f"{API}/metering/rollups", "metering", "billing:read", "Daily rollups"),
    Route("GET", f"{API}/admin/usage", "metering", "billing:read", "Usage by day/hour, model and agent (dashboard)"),
    Route("GET", f"{API}/metering/models", "metering", "settings:read", "Model registry (prices)"),
    Route("GET", f"{API}/metering/models/{{id}}", "metering", "settings:read", "Model with price history"),
    # the model registry is the platform's: tenants read it, operators change it
    Route("PUT", f"{API}/metering/models/{{id}}", "metering", "saas:write", "Create/update model, schedule price"),
    Route("GET", f"{API}/saas/models", "metering", "saas:read", "Model registry (operators)"),
    Route("GET", f"{API}/saas/models/{{id}}", "metering", "saas:read", "Model with price history (operators)"),
    Route(
        "POST", f"{API}/saas/models/import", "metering", "saas:write", "Import a price catalogue (dry run: the diff)"
    ),
    # audit
    Route("GET", f"{API}/admin/audit", "audit", "audit:read", "Audit log"),
    Route("GET", f"{API}/admin/audit/export", "audit", "audit:read", "Export audit log (CSV or JSON Lines)"),
    Route("GET", f"{API}/admin/audit/summary", "audit", "audit:read", "Compliance summary"),
    Route("GET", f"{API}/admin/audit/verify", "audit", "audit:read", "Verify the audit hash chain"),
    Route("GET", f"{API}/admin/audit/public-key", "audit", "audit:read", "Checkpoint signing public key"),
    Route("GET", f"{API}/saas/audit", "audit", "saas:read", "The platform audit stream (operators' actions)"),
    Route("GET", f"{API}/saas/audit/verify", "audit", "saas:read", "Verify the platform stream's hash chain"),
    # the gateway's own views, composed from each owner's internal route and the broker (platform_views)
    Route("GET", f"{API}/saas/stats", GATEWAY, "saas:read", "Platform statistics (tenants, usage, invoices)"),
    Route("GET", f"{API}/saas/health", GATEWAY, "saas:read", "Platform health (readiness, lag, outboxes, DLQs, SIEM)"),
    Route(
        "GET", f"{API}/saas/audit/tenants/{{id}}/verify", "audit", "saas:read", "Verify a tenant's chain (deleted too)"
    ),
)


def _literal_segments(route: Route) -> tuple[bool, ...]:
    return tuple(not segment.startswith("{") for segment in route.path.split("/"))


class RouteTable:
    def __init__(self, routes: tuple[Route, ...] = ROUTES) -> None:
        self._routes = [(r, r.compiled(), _literal_segments(r)) for r in routes]
        self.routes = routes
        # Built once, so a request is matched without trying every pattern: a path with no
        # parameter is one dict lookup (the most literal resource there is); the others are tried
        # only against the routes with as many segments as the path.
        self._literal: dict[str, list[Route]] = {}
        self._by_segments: dict[int, list[tuple[Route, re.Pattern[str], tuple[bool, ...]]]] = {}
        for entry in self._routes:
            route, _, literal = entry
            if all(literal):
                self._literal.setdefault(route.path, []).append(route)
            self._by_segments.setdefault(len(literal), []).append(entry)

    def _resource(self, path: str) -> list[Route]:
        """The routes of the one resource a path names. A literal segment wins over a parameter
        (`/invitations/accept` is not the invitation with id `accept`), whatever the method: a
        method the literal path lacks is a 405 there, never a call on the parameterised route."""
        literal_routes = self._literal.get(path)
        if literal_routes is not None:
            return literal_routes
        candidates = self._by_segments.get(path.count("/") + 1, ())
        matching = [(route, literal) for route, pattern, literal in candidates if pattern.match(path)]
        if not matching:
            return []
        most_literal = max(literal for _, literal in matching)
        return [route for route, literal in matching if literal == most_literal]

    def match(self, method: str, path: str) -> tuple[Route | None, bool]:
        """The route for (method, path), and whether the path exists under another method (405)."""
        resource = self._resource(path)
        for route in resource:
            if route.method == method:
                return route, True
        return None, bool(resource)

    def allowed_methods(self, path: str) -> str:
        """The methods the path answers, for a 405's `Allow` header (RFC 9110 §15.5.6)."""
        return ", ".join(sorted({route.method for route in self._resource(path)}))
