"""MFA on every production-privileged request, and step-up for the decisions that need a fresh one.

The rule (DESIGN.md §5, issue 12 #12), enforced once, in `context.require`, by every service:

- A tenant administrator whose token is for the `prod` environment holds a permission only if the
  token's `amr` (RFC 8176) names a second factor. Reads count too: production data — audit trails,
  invoices, administrators — is what the rule protects. Identity never issues such a token without
  MFA; the check makes any other path (a forged environment, a refreshed pre-MFA session, a service
  called directly) fail closed. Routes that ask for no permission (`Ctx`: the caller's own profile,
  notifications, MFA enrolment and step-up themselves) are not gated, so an administrator can always
  reach the way to a second factor.
- `require(permission, fresh_mfa_within=…)` additionally wants the second factor proved recently:
  the token's `mfa_time` claim (set by identity at sign-in with a factor, and by
  `POST /api/v2/auth/step-up`) no older than the window. Approval decisions ask for it. Only in
  `prod`, where MFA exists for every administrator; elsewhere there may be no factor to step up with.
- Service keys (producers) and platform operators are outside this rule: keys carry no
  interactive factor, and operators' tokens name no environment (their own sign-in decides).
"""

from __future__ import annotations

import time
from datetime import timedelta

from radiant_contracts.permissions import PrincipalKind

from .auth import Principal
from .errors import ProblemError

#: RFC 8176 methods that are a factor beyond the password.
SECOND_FACTOR_METHODS = frozenset({"mfa", "otp", "hwk", "swk", "sms"})
#: How recent a second factor an approval decision (or any step-up route) wants by default.
STEP_UP_MAX_AGE = timedelta(minutes=10)
STEP_UP_PATH = "/api/v2/auth/step-up"

MFA_REQUIRED_TYPE = "urn:radiant:problem:mfa-required"
STEP_UP_REQUIRED_TYPE = "urn:radiant:problem:step-up-required"


def mfa_applies(principal: Principal) -> bool:
    return principal.kind == PrincipalKind.TENANT and principal.environment == "prod"


def has_second_factor(principal: Principal) -> bool:
    return not SECOND_FACTOR_METHODS.isdisjoint(principal.amr)


def mfa_refusal(
    principal: Principal, *, fresh_within: timedelta | None = None, now: float | None = None
) -> ProblemError | None:
    """Why this principal may not use a permission under the MFA rule, or None when it may."""
    if not mfa_applies(principal):
        return None
    if not has_second_factor(principal):
        return ProblemError(
            403,
            "Production administration requires a second factor; sign in again with your authenticator, "
            "emailed or recovery code",
            title="Second factor required",
            type_=MFA_REQUIRED_TYPE,
            mfaRequired=True,
        )
    if fresh_within is None:
        return None
    max_age = int(fresh_within.total_seconds())
    age = (now if now is not None else time.time()) - principal.mfa_time if principal.mfa_time is not None else None
    if age is not None and -60 <= age <= max_age:  # a minute of clock skew between identity and us
        return None
    return ProblemError(
        403,
        f"This needs a second factor proved in the last {max_age // 60} minutes: step up with "
        f"POST {STEP_UP_PATH} (a current authenticator, emailed or recovery code), then repeat the request",
        title="Step-up required",
        type_=STEP_UP_REQUIRED_TYPE,
        # RFC 9470: the same signal for OAuth clients.
        headers={"WWW-Authenticate": f'Bearer error="insufficient_user_authentication", max_age={max_age}'},
        stepUpRequired=True,
        stepUpPath=STEP_UP_PATH,
        maxAgeSeconds=max_age,
    )
