"""Login, sessions (rotating refresh tokens), MFA, factor changes and step-up.

Errors never reveal whether an account exists: an unknown email, a wrong password and a locked
account answer the same way, and an unknown email costs the same argon2 time as a known one.

Every sign-in attempt is reserved in the throttle before the password is verified (`throttle.py`),
so parallel guesses cannot outrun the count. Every change of a second factor (an authenticator
added or replaced, recovery codes replaced) proves the current factor in the request itself — an
authenticator, emailed or recovery code, or the password while none is enrolled — so a stolen access
token cannot re-point MFA, and is told to its owner by email and in-app. A step-up proves a fresh
factor for the decisions that want one (`mfa_time` in the access token).
"""

from __future__ import annotations

import asyncio
import logging
import secrets
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import Actor
from radiant_platform.audit import record_audit
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError, field_error_entry, invalid_fields, refusal_keeping_effects
from radiant_platform.tenant_access import ip_not_allowed

from . import emails
from . import repository as repo
from . import service as identity_service
from .deps import SERVICE, IdentityDeps
from .models import Administrator, RefreshToken
from .schemas import LoginRequest, TotpEnrollRequest
from .security import (
    REFRESH_TOKEN_BYTES,
    burn_password_check,
    generate_token,
    hash_token,
    new_recovery_codes,
    new_totp_secret,
    totp_qr_png_data_uri,
    totp_uri,
    verify_password,
    verify_totp,
)
from .settings import service as settings_service
from .tenants.service import refuse_if_suspended
from .throttle import AttemptThrottle, Policy, code_throttle, sign_in_throttle

log = logging.getLogger(__name__)

INVALID_CREDENTIALS = "Invalid email, password or verification code"
PASSWORD_AMR = ["pwd"]
MFA_AMR = ["pwd", "otp", "mfa"]
#: Outstanding emailed codes, one per purpose: a sign-in code does not step up, nor the reverse.
SIGN_IN_CODE = "identity:mfa:email"
STEP_UP_CODE = "identity:mfa:email-step-up"
EMAILED_CODE_SECONDS = 600


@dataclass(frozen=True)
class IssuedSession:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    admin: Administrator


def _unauthorized(detail: str = INVALID_CREDENTIALS, **extensions: Any) -> ProblemError:
    return ProblemError(401, detail, **extensions)


# --- login ----------------------------------------------------------------------------------------


def _policy(deps: IdentityDeps) -> Policy:
    s = deps.settings
    return Policy(s.login_window_seconds, s.login_first_delay_seconds, s.login_lockout_seconds)


def _sign_in_throttle(deps: IdentityDeps, email: str, ip: str | None) -> AttemptThrottle:
    s = deps.settings
    return sign_in_throttle(
        deps.redis,
        _policy(deps),
        email=email,
        ip=ip,
        per_pair=s.login_max_failures_per_account_and_ip,
        per_ip=s.login_max_failures_per_ip,
        per_account=s.login_max_failures_per_account,
    )


class WrongCredential(Exception):
    """A password or code that did not match: the attempt stays counted as a failure."""

    def __init__(self, admin: Administrator | None, reason: str) -> None:
        super().__init__(reason)
        self.admin = admin  # None: an unknown email (or several accounts), no one to audit into
        self.reason = reason


async def login(session: AsyncSession, deps: IdentityDeps, client: Client, request: LoginRequest) -> IssuedSession:
    email = request.email.lower()
    throttle = _sign_in_throttle(deps, email, client.ip)
    starts_wait = await throttle.reserve()  # 429 here, before any argon2 work, while waiting
    try:
        admin, amr = await _authenticate(session, deps, client, request, email)
    except WrongCredential as wrong:
        await _audit_failed_sign_in(session, client, wrong, locked_out=starts_wait)
        raise refusal_keeping_effects(_unauthorized()) from None
    except Exception:
        # Not a wrong credential: a question back (which tenant, which code), a refusal once the
        # password proved who asks (suspended tenant, MFA not enrolled), or an outage.
        await throttle.release()
        raise
    await throttle.succeed()

    await repo.touch_last_login(session, admin.id)
    now = datetime.now(UTC)
    policy = await settings_service.security_policy(session, admin.tenant_id)
    issued = await issue_session(
        session,
        deps,
        admin,
        amr=amr,
        client=client,
        family_id=uuid.uuid4(),
        auth_time=now,
        mfa_time=now if amr == MFA_AMR else None,
        session_ends_at=now + timedelta(hours=policy.session_lifetime_hours),
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=admin.tenant_id,
        actor=_actor(admin, client),
        action="auth.login",
        resource_type="administrator",
        resource_id=str(admin.id),
        environment=admin.environment,
        details={"amr": amr},
    )
    return issued


async def _authenticate(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: LoginRequest, email: str
) -> tuple[Administrator, list[str]]:
    """The administrator the credentials prove, and how (`amr`); `WrongCredential` if they do not."""
    candidates = await repo.find_admins_by_email(session, email, request.tenant_id)
    matches = await _password_matches(candidates, request.password)
    if not matches:
        raise WrongCredential(candidates[0] if len(candidates) == 1 else None, "bad_password")
    if len(matches) > 1:
        # Only said after the password proved who is asking, so it leaks nothing to a stranger.
        raise ProblemError(
            409,
            "This email administers several tenants; repeat the login with a tenantId",
            tenants=[{"tenantId": a.tenant_id, "environment": a.environment} for a in matches],
        )
    admin = matches[0]
    await refuse_if_suspended(session, admin.tenant_id)  # said only once the password proved who asks
    await _refuse_outside_policy(session, admin, client)

    if admin.environment == "prod" and not admin.mfa_enabled:
        raise ProblemError(
            403,
            "Production administration requires MFA, and none is enrolled for this account; "
            "ask an administrator to re-invite you",
            mfaEnrollmentRequired=True,
        )
    if not admin.mfa_enabled:
        return admin, PASSWORD_AMR
    await _check_second_factor(session, deps, admin, client, request)
    return admin, MFA_AMR


async def _refuse_outside_policy(session: AsyncSession, admin: Administrator, client: Client) -> None:
    """The tenant's IP allow-list holds for signing in too (the gateway holds it for every token).
    A tenant that requires MFA of everyone gets no other rule here: an administrator with a factor
    must present it (below), and one without gets a session the gateway lets do nothing but enrol."""
    policy = await settings_service.security_policy(session, admin.tenant_id)
    if not settings_service.access_policy(policy).admits(client.ip):
        raise ip_not_allowed(client.ip)


async def _password_matches(candidates: Sequence[Administrator], password: str) -> list[Administrator]:
    if not candidates:
        await asyncio.to_thread(burn_password_check, password)
        return []
    results = await asyncio.gather(*(asyncio.to_thread(verify_password, a.password_hash, password) for a in candidates))
    return [a for a, ok in zip(candidates, results, strict=True) if ok]


def _actor(admin: Administrator, client: Client) -> Actor:
    return Actor(type="admin", id=str(admin.id), name=admin.display_name, ip=client.ip, user_agent=client.user_agent)


async def _audit_failed_sign_in(
    session: AsyncSession, client: Client, wrong: WrongCredential, *, locked_out: bool
) -> None:
    admin = wrong.admin
    if admin is None:  # an unknown email has no tenant to audit into; the log has it
        return
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=admin.tenant_id,
        actor=_actor(admin, client),
        action="auth.login_failed",
        resource_type="administrator",
        resource_id=str(admin.id),
        environment=admin.environment,
        outcome="failure",
        details={"reason": wrong.reason, "lockedOut": locked_out},
    )


async def _check_second_factor(
    session: AsyncSession,
    deps: IdentityDeps,
    admin: Administrator,
    client: Client,
    request: LoginRequest,
) -> None:
    if request.totp_code:
        if await _totp_ok(deps, admin, request.totp_code):
            return
        raise WrongCredential(admin, "bad_totp")
    if request.recovery_code:
        if await _use_recovery_code(session, deps, admin, request.recovery_code):
            await _audit_recovery_code_used(session, admin, client)
            return
        raise WrongCredential(admin, "bad_recovery_code")
    if _uses_emailed_codes(admin):
        await _send_email_code(session, deps, admin)
        raise refusal_keeping_effects(
            _unauthorized(
                "A sign-in code was sent by email; repeat the login with totpCode", mfaRequired=True, mfaMethod="email"
            )
        )
    raise _unauthorized("A verification code is required", mfaRequired=True, mfaMethod="authenticator")


def _uses_emailed_codes(admin: Administrator) -> bool:
    return admin.mfa_method == "email" and not admin.totp_secret_enc


async def _use_recovery_code(session: AsyncSession, deps: IdentityDeps, admin: Administrator, code: str) -> bool:
    candidates = deps.secret_box.recovery_code_candidates(admin.id, code)
    return await repo.use_recovery_code(session, admin.id, candidates)


async def _audit_recovery_code_used(session: AsyncSession, admin: Administrator, client: Client) -> None:
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=admin.tenant_id,
        actor=_actor(admin, client),
        action="mfa.recovery_code_used",
        resource_type="administrator",
        resource_id=str(admin.id),
        environment=admin.environment,
    )


async def _totp_ok(deps: IdentityDeps, admin: Administrator, code: str, *, emailed: str = SIGN_IN_CODE) -> bool:
    """The authenticator's current code, or (email MFA) the outstanding emailed code of that purpose."""
    code = code.strip()
    if admin.totp_secret_enc:
        ok = verify_totp(deps.secret_box.open(admin.totp_secret_enc, admin_id=admin.id), code)
    else:
        ok = await _emailed_code_ok(deps, admin, code, emailed)
    if not ok:
        return False
    # A code is good for one use only, even inside its 30-second window.
    return bool(await deps.redis.set(f"identity:mfa:used:{admin.id}:{code}", b"1", ex=120, nx=True))


async def _emailed_code_ok(deps: IdentityDeps, admin: Administrator, code: str, purpose: str) -> bool:
    """One outstanding code per purpose, consumed when it matches (a wrong guess, counted by the
    throttle, leaves it for its owner to type)."""
    key = f"{purpose}:{admin.id}"
    stored = await deps.redis.get(key)
    stored_hash = stored.decode() if isinstance(stored, bytes) else stored
    if stored_hash is None or not secrets.compare_digest(stored_hash, hash_token(code)):
        return False
    return bool(await deps.redis.delete(key))  # the one that deletes it used it


async def _send_email_code(
    session: AsyncSession, deps: IdentityDeps, admin: Administrator, *, purpose: str = SIGN_IN_CODE
) -> None:
    code = f"{secrets.randbelow(10**6):06d}"
    await deps.redis.set(f"{purpose}:{admin.id}", hash_token(code).encode(), ex=EMAILED_CODE_SECONDS)
    app_name = deps.settings.app_name
    content = (
        emails.mfa_code_email(code=code, app_name=app_name)
        if purpose == SIGN_IN_CODE
        else emails.verification_code_email(code=code, app_name=app_name)
    )
    await repo.enqueue_email(
        session, to=admin.email, subject=content.subject, html=content.html, text_body=content.text
    )


# --- sessions -------------------------------------------------------------------------------------


async def issue_session(
    session: AsyncSession,
    deps: IdentityDeps,
    admin: Administrator,
    *,
    amr: list[str],
    client: Client,
    family_id: uuid.UUID,
    auth_time: datetime | None = None,
    mfa_time: datetime | None = None,
    session_ends_at: datetime | None = None,
) -> IssuedSession:
    """Tokens for a session. `auth_time`: when the session's sign-in happened; `mfa_time`: when a
    second factor was last proved in it. A refresh carries both on unchanged. `session_ends_at`:
    the tenant's session lifetime, which no refresh token outlives."""
    s = deps.settings
    ttl = timedelta(minutes=s.access_token_minutes)
    access = _access_token(deps, admin, amr=amr, auth_time=auth_time, mfa_time=mfa_time)
    refresh = generate_token(REFRESH_TOKEN_BYTES)
    refresh_ttl = timedelta(days=s.refresh_token_days)
    if session_ends_at is not None:
        refresh_ttl = max(timedelta(seconds=1), min(refresh_ttl, session_ends_at - datetime.now(UTC)))
    await repo.insert_refresh_token(
        session,
        RefreshToken(
            id=uuid.uuid4(),
            family_id=family_id,
            admin_id=admin.id,
            tenant_id=admin.tenant_id,
            token_hash=hash_token(refresh),
            status="active",
            amr=amr,
            expires_at=datetime.now(UTC) + refresh_ttl,
            ip=client.ip,
            user_agent=client.user_agent,
            auth_time=auth_time,
            mfa_time=mfa_time,
        ),
    )
    return IssuedSession(access, int(ttl.total_seconds()), refresh, int(refresh_ttl.total_seconds()), admin)


def _access_token(
    deps: IdentityDeps,
    admin: Administrator,
    *,
    amr: list[str],
    auth_time: datetime | None,
    mfa_time: datetime | None,
) -> str:
    s = deps.settings
    times = {"auth_time": auth_time, "mfa_time": mfa_time}  # OIDC `auth_time`; `mfa_time` for step-up
    return deps.signing_key.issue_access_token(
        subject=str(admin.id),
        tenant_id=admin.tenant_id,
        role=admin.role,
        environment=admin.environment,
        amr=amr,
        issuer=s.jwt_issuer,
        audience=s.jwt_audience,
        ttl=timedelta(minutes=s.access_token_minutes),
        extra={
            "email": admin.email,
            "name": admin.display_name,
            **{claim: int(at.timestamp()) for claim, at in times.items() if at is not None},
        },
    )


async def refresh(session: AsyncSession, deps: IdentityDeps, client: Client, token: str) -> IssuedSession:
    token_hash = hash_token(token)
    current = await repo.rotate_refresh_token(session, token_hash)
    if current is None:
        await _refuse_refresh(session, deps, client, token_hash)
    assert current is not None
    admin = await repo.get_admin(session, current.tenant_id, current.admin_id)
    if admin is None or admin.status != "active":
        await repo.revoke_family(session, current.family_id)
        raise refusal_keeping_effects(_unauthorized("Invalid refresh token"))
    await refuse_if_suspended(session, admin.tenant_id)
    await _refuse_outside_policy(session, admin, client)
    ends_at = await _session_end(session, admin, current)
    if ends_at <= datetime.now(UTC):
        await repo.revoke_family(session, current.family_id)
        raise refusal_keeping_effects(
            _unauthorized("This session reached the tenant's session lifetime; sign in again")
        )
    return await issue_session(
        session,
        deps,
        admin,
        amr=list(current.amr),
        client=client,
        family_id=current.family_id,
        auth_time=current.auth_time,
        mfa_time=current.mfa_time,
        session_ends_at=ends_at,
    )


async def _session_end(session: AsyncSession, admin: Administrator, current: RefreshToken) -> datetime:
    """When the session must end by the tenant's policy as it is now (a shorter lifetime set since
    the sign-in applies at the next refresh)."""
    policy = await settings_service.security_policy(session, admin.tenant_id)
    started = current.auth_time or current.created_at
    return started + timedelta(hours=policy.session_lifetime_hours)


async def _refuse_refresh(session: AsyncSession, deps: IdentityDeps, client: Client, token_hash: str) -> None:
    known = await repo.find_refresh_token(session, token_hash)
    if known is not None:  # a suspension revoked it: say so rather than "invalid"
        await refuse_if_suspended(session, known.tenant_id)
    if known is not None and known.status == "rotated":
        # An already-rotated token came back: someone holds a copy, and may hold the access tokens
        # issued with it. End every session of the account, access tokens included.
        revoked = await identity_service.end_sessions(session, deps, known.admin_id)
        await record_audit(
            session,
            service=SERVICE,
            tenant_id=known.tenant_id,
            actor=Actor(type="admin", id=str(known.admin_id), ip=client.ip, user_agent=client.user_agent),
            action="auth.refresh_reuse",
            resource_type="session",
            resource_id=str(known.family_id),
            environment=None,
            outcome="denied",
            details={"sessionsRevoked": revoked},
        )
        raise refusal_keeping_effects(_unauthorized("Invalid refresh token"))
    raise _unauthorized("Invalid refresh token")


async def logout(session: AsyncSession, ctx: RequestContext, refresh_token: str | None, all_sessions: bool) -> int:
    admin_id = uuid.UUID(ctx.subject)
    revoked = 0
    if all_sessions:
        revoked = await repo.revoke_admin_sessions(session, admin_id)
    elif refresh_token:
        known = await repo.find_refresh_token(session, hash_token(refresh_token))
        if known is not None and known.admin_id == admin_id:
            revoked = await repo.revoke_family(session, known.family_id)
    await ctx.audit(session, "auth.logout", "session", ctx.subject, details={"sessionsRevoked": revoked})
    return revoked


# --- MFA enrolment --------------------------------------------------------------------------------


async def _self(session: AsyncSession, ctx: RequestContext) -> Administrator:
    try:
        admin_id = uuid.UUID(ctx.subject)
    except ValueError:
        raise ProblemError(404, "Administrator not found") from None
    admin = await repo.get_admin(session, ctx.tenant_id, admin_id)
    if admin is None:
        raise ProblemError(404, "Administrator not found")
    return admin


async def _prove_current_factor(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    admin: Administrator,
    *,
    code: str | None,
    password: str | None = None,
    field: str,
    purpose: str,
) -> str:
    """The caller proves the account's current second factor in this request (an access token alone
    proves nothing: it may be stolen) and says how: "otp" or "recovery_code" — or, while no factor
    is enrolled, "pwd". Without a code an email-MFA administrator is mailed one; wrong codes are
    throttled per administrator; a failure is audited."""
    if not admin.mfa_enabled:
        if password is None:
            raise _factor_required(f"{purpose} needs your password", "currentPassword", mfaMethod="password")
        proof = await _checked(deps, admin, lambda: _password_ok(admin, password))
    elif not code:
        if _uses_emailed_codes(admin):
            await _send_email_code(session, deps, admin, purpose=STEP_UP_CODE)
            raise refusal_keeping_effects(
                _factor_required(
                    f"{purpose} needs your second factor: a code was sent by email, repeat with it",
                    field,
                    mfaMethod="email",
                    codeSent=True,
                )
            )
        raise _factor_required(
            f"{purpose} needs a current authenticator or recovery code", field, mfaMethod="authenticator"
        )
    else:
        proof = await _checked(deps, admin, lambda: _code_proof(session, deps, admin, code))
    if proof is None:
        await ctx.audit(
            session, "mfa.step_up_failed", "administrator", str(admin.id), outcome="failure", details={"for": purpose}
        )
        raise refusal_keeping_effects(
            _factor_required(f"{purpose}: the code or password does not match", field, mfaMethod=_method(admin))
        )
    return proof


def _method(admin: Administrator) -> str:
    if not admin.mfa_enabled:
        return "password"
    return "email" if _uses_emailed_codes(admin) else "authenticator"


def _factor_required(detail: str, field: str, **extensions: Any) -> ProblemError:
    return ProblemError(403, detail, errors=[field_error_entry(field, "invalid or missing")], **extensions)


async def _checked(deps: IdentityDeps, admin: Administrator, proof: Callable[[], Awaitable[str | None]]) -> str | None:
    """Run one proof under the administrator's code throttle (reserved first, so guesses cannot race)."""
    s = deps.settings
    throttle = code_throttle(deps.redis, _policy(deps), admin_id=str(admin.id), limit=s.mfa_max_code_failures)
    await throttle.reserve()
    try:
        result = await proof()
    except Exception:
        await throttle.release()
        raise
    if result is not None:
        await throttle.succeed()
    return result


async def _code_proof(session: AsyncSession, deps: IdentityDeps, admin: Administrator, code: str) -> str | None:
    if await _totp_ok(deps, admin, code, emailed=STEP_UP_CODE):
        return "otp"
    if await _use_recovery_code(session, deps, admin, code):
        return "recovery_code"
    return None


async def _password_ok(admin: Administrator, password: str) -> str | None:
    return "pwd" if await asyncio.to_thread(verify_password, admin.password_hash, password) else None


async def start_totp_enrollment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: TotpEnrollRequest
) -> dict[str, str]:
    """Adding or replacing an authenticator: the current factor first (whatever it is)."""
    admin = await _self(session, ctx)
    await _prove_current_factor(
        session,
        deps,
        ctx,
        admin,
        code=request.current_code,
        password=request.current_password,
        field="currentCode" if admin.mfa_enabled else "currentPassword",
        purpose="Setting up an authenticator",
    )
    secret = new_totp_secret()
    await repo.set_pending_totp(session, admin.id, deps.secret_box.seal(secret, admin_id=admin.id))
    uri = totp_uri(secret, admin.email, deps.settings.totp_issuer)
    return {"method": "authenticator", "secret": secret, "otpauthUri": uri, "qrCode": totp_qr_png_data_uri(uri)}


async def verify_totp_enrollment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, code: str
) -> list[str]:
    admin = await _self(session, ctx)
    if not admin.pending_totp_secret_enc:
        raise ProblemError(409, "No authenticator enrolment is in progress")
    if not verify_totp(deps.secret_box.open(admin.pending_totp_secret_enc, admin_id=admin.id), code):
        raise invalid_fields(("code", "code does not match"))
    if not await repo.activate_totp(session, admin.id, admin.pending_totp_secret_enc):
        raise ProblemError(409, "The enrolment changed meanwhile; start again")
    codes = new_recovery_codes()
    await repo.replace_recovery_codes(
        session, admin.id, [deps.secret_box.recovery_code_hash(admin.id, c) for c in codes]
    )
    # Sessions from before the factor change end, their access tokens too (this one included).
    await identity_service.end_sessions(session, deps, admin.id)
    await ctx.audit(session, "mfa.enroll", "administrator", str(admin.id), details={"method": "authenticator"})
    await _tell_owner(session, deps, ctx, admin, emails.FactorChange.AUTHENTICATOR)
    return codes


async def regenerate_recovery_codes(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, current_code: str | None
) -> list[str]:
    admin = await _self(session, ctx)
    if not admin.mfa_enabled:
        raise ProblemError(409, "MFA is not enrolled")
    await _prove_current_factor(
        session, deps, ctx, admin, code=current_code, field="currentCode", purpose="Replacing recovery codes"
    )
    codes = new_recovery_codes()
    await repo.replace_recovery_codes(
        session, admin.id, [deps.secret_box.recovery_code_hash(admin.id, c) for c in codes]
    )
    await ctx.audit(session, "mfa.recovery_codes_regenerate", "administrator", str(admin.id))
    await _tell_owner(session, deps, ctx, admin, emails.FactorChange.RECOVERY_CODES)
    return codes


async def _tell_owner(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, admin: Administrator, change: emails.FactorChange
) -> None:
    """Every factor change reaches its owner by email (whatever their notification preferences: it is
    how they learn of a change they did not make) and in the app."""
    content = emails.factor_changed_email(
        change=change, app_name=deps.settings.app_name, at=datetime.now(UTC), ip=ctx.client.ip
    )
    await repo.enqueue_email(
        session, to=admin.email, subject=content.subject, html=content.html, text_body=content.text
    )
    await repo.insert_notification(
        session,
        {
            "admin_id": admin.id,
            "tenant_id": admin.tenant_id,
            "type": "security",
            "priority": "high",
            "title": content.subject[:255],
            "message": emails.factor_change_summary(change),
            "source_event_id": f"factor-change:{uuid.uuid4()}",
            "email_sent": True,
            "email_sent_at": datetime.now(UTC),
        },
    )


# --- step-up --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SteppedUp:
    access_token: str
    expires_in: int


async def step_up(session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, code: str | None) -> SteppedUp:
    """A fresh second factor for this session: a new access token whose `mfa_time` is now."""
    if ctx.principal.actor_subject or ctx.principal.read_only:
        # An operator's impersonation is not the administrator: it never becomes their session.
        raise ProblemError(403, "An impersonation session cannot step up")
    admin = await _self(session, ctx)
    if admin.status != "active":
        raise ProblemError(403, "This account is not active")
    if not admin.mfa_enabled:
        raise ProblemError(409, "MFA is not enrolled: there is no second factor to step up with")
    proof = await _prove_current_factor(session, deps, ctx, admin, code=code, field="code", purpose="Stepping up")
    now = datetime.now(UTC)
    access = _access_token(deps, admin, amr=MFA_AMR, auth_time=now, mfa_time=now)
    await ctx.audit(session, "auth.step_up", "administrator", str(admin.id), details={"method": proof})
    return SteppedUp(access, deps.settings.access_token_minutes * 60)


# --- second factors at rest -----------------------------------------------------------------------


async def upgrade_factors_at_rest(session: AsyncSession, deps: IdentityDeps, limit: int) -> int:
    """One batch of rows from before second factors were keyed and bound to their owner: recovery
    code hashes (bare SHA-256) become keyed HMACs, TOTP secrets sealed without a key version or with
    a previous key are re-sealed with the current one, bound to their administrator. Returns how many
    rows changed; reading keeps accepting the old forms meanwhile (a rolling deploy writes both)."""
    box = deps.secret_box
    changed = 0
    for row in await repo.legacy_recovery_codes(session, limit):
        upgraded = box.upgrade_recovery_hash(row.admin_id, row.code_hash)
        if upgraded is not None:
            await repo.set_recovery_code_hash(session, row.id, row.code_hash, upgraded)
            changed += 1
    for admin in await repo.admins_with_totp_sealed_otherwise(session, box.current_prefix, limit):
        try:
            current = box.reseal(admin.totp_secret_enc, admin_id=admin.id)
            pending = box.reseal(admin.pending_totp_secret_enc, admin_id=admin.id)
        except InvalidTag:
            # Sealed under a key no longer configured: it cannot be opened to sign in either.
            log.error("administrator %s has a TOTP secret no configured MFA key opens", admin.id)
            continue
        await repo.reseal_totp(session, admin.id, current=current, pending=pending)
        changed += 1
    return changed


# --- for account self-service (account/): the same proofs, under public names ---------------------


async def current_account(session: AsyncSession, ctx: RequestContext) -> Administrator:
    """The signed-in account (404 when it no longer exists)."""
    return await _self(session, ctx)


def throttle_policy(deps: IdentityDeps) -> Policy:
    return _policy(deps)


async def prove_current_factor(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    admin: Administrator,
    *,
    code: str | None,
    field: str,
    purpose: str,
) -> str:
    """A current second factor proved in this request ("otp" or "recovery_code"), throttled and
    audited as for factor changes; an email-MFA account without a code is mailed one (403 `codeSent`)."""
    return await _prove_current_factor(session, deps, ctx, admin, code=code, field=field, purpose=purpose)
