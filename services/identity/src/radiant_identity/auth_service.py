"""Login, sessions (rotating refresh tokens) and MFA.

Errors never reveal whether an account exists: an unknown email, a wrong password and a locked
account answer the same way, and an unknown email costs the same argon2 time as a known one.
"""

from __future__ import annotations

import asyncio
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import Actor
from radiant_platform.audit import record_audit
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError, field_error_entry, invalid_fields, refusal_keeping_effects

from . import emails
from . import repository as repo
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
    normalise_recovery_code,
    totp_qr_png_data_uri,
    totp_uri,
    verify_password,
    verify_totp,
)
from .tenants.service import refuse_if_suspended

INVALID_CREDENTIALS = "Invalid email, password or verification code"
MFA_AMR = ["pwd", "otp", "mfa"]


@dataclass(frozen=True)
class IssuedSession:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    admin: Administrator


def _unauthorized(detail: str = INVALID_CREDENTIALS, **extensions: Any) -> ProblemError:
    return ProblemError(401, detail, **extensions)


# --- throttling (Redis) ---------------------------------------------------------------------------


class LoginThrottle:
    """Counts failures per account (email) and per client IP in a window; too many → locked out."""

    def __init__(self, deps: IdentityDeps) -> None:
        self._redis = deps.redis
        self._s = deps.settings

    def _keys(self, email: str, ip: str | None) -> list[tuple[str, str, int]]:
        keys = [
            (
                f"identity:login:fail:acct:{email}",
                f"identity:login:lock:acct:{email}",
                self._s.login_max_failures_per_account,
            )
        ]
        if ip:
            keys.append(
                (f"identity:login:fail:ip:{ip}", f"identity:login:lock:ip:{ip}", self._s.login_max_failures_per_ip)
            )
        return keys

    async def ensure_allowed(self, email: str, ip: str | None) -> None:
        for _, lock_key, _ in self._keys(email, ip):
            ttl = await self._redis.ttl(lock_key)
            if ttl and ttl > 0:
                raise ProblemError(
                    429, "Too many failed sign-in attempts; try again later", headers={"Retry-After": str(ttl)}
                )

    async def record_failure(self, email: str, ip: str | None) -> bool:
        """Returns whether this failure locked the account or the IP."""
        locked = False
        for fail_key, lock_key, limit in self._keys(email, ip):
            async with self._redis.pipeline(transaction=True) as pipe:
                pipe.incr(fail_key)
                pipe.expire(fail_key, self._s.login_window_seconds, nx=True)
                count, _ = await pipe.execute()
            if int(count) >= limit:
                await self._redis.set(lock_key, b"1", ex=self._s.login_lockout_seconds)
                await self._redis.delete(fail_key)
                locked = True
        return locked

    async def reset_account(self, email: str) -> None:
        await self._redis.delete(f"identity:login:fail:acct:{email}")


# --- login ----------------------------------------------------------------------------------------


async def login(session: AsyncSession, deps: IdentityDeps, client: Client, request: LoginRequest) -> IssuedSession:
    email = request.email.lower()
    throttle = LoginThrottle(deps)
    await throttle.ensure_allowed(email, client.ip)

    candidates = await repo.find_admins_by_email(session, email, request.tenant_id)
    matches = await _password_matches(candidates, request.password)
    if not matches:
        await _fail_login(
            session, throttle, email, client, candidates[0] if len(candidates) == 1 else None, reason="bad_password"
        )
    if len(matches) > 1:
        # Only said after the password proved who is asking, so it leaks nothing to a stranger.
        raise ProblemError(
            409,
            "This email administers several tenants; repeat the login with a tenantId",
            tenants=[{"tenantId": a.tenant_id, "environment": a.environment} for a in matches],
        )
    admin = matches[0]
    await refuse_if_suspended(session, admin.tenant_id)  # said only once the password proved who asks

    amr = ["pwd"]
    if admin.environment == "prod" and not admin.mfa_enabled:
        raise ProblemError(
            403,
            "Production administration requires MFA, and none is enrolled for this account; "
            "ask an administrator to re-invite you",
            mfaEnrollmentRequired=True,
        )
    if admin.mfa_enabled:
        await _check_second_factor(session, deps, throttle, admin, client, request)
        amr = MFA_AMR

    await throttle.reset_account(email)
    await repo.touch_last_login(session, admin.id)
    issued = await issue_session(session, deps, admin, amr=amr, client=client, family_id=uuid.uuid4())
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


async def _password_matches(candidates: Sequence[Administrator], password: str) -> list[Administrator]:
    if not candidates:
        await asyncio.to_thread(burn_password_check, password)
        return []
    results = await asyncio.gather(*(asyncio.to_thread(verify_password, a.password_hash, password) for a in candidates))
    return [a for a, ok in zip(candidates, results, strict=True) if ok]


def _actor(admin: Administrator, client: Client) -> Actor:
    return Actor(type="admin", id=str(admin.id), name=admin.display_name, ip=client.ip, user_agent=client.user_agent)


async def _fail_login(
    session: AsyncSession,
    throttle: LoginThrottle,
    email: str,
    client: Client,
    admin: Administrator | None,
    *,
    reason: str,
) -> None:
    locked = await throttle.record_failure(email, client.ip)
    if admin is not None:  # an unknown email has no tenant to audit into; the log has it
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
            details={"reason": reason, "lockedOut": locked},
        )
    raise refusal_keeping_effects(_unauthorized())


async def _check_second_factor(
    session: AsyncSession,
    deps: IdentityDeps,
    throttle: LoginThrottle,
    admin: Administrator,
    client: Client,
    request: LoginRequest,
) -> None:
    if request.totp_code:
        if await _totp_ok(deps, admin, request.totp_code):
            return
        await _fail_login(session, throttle, admin.email, client, admin, reason="bad_totp")
    if request.recovery_code:
        if await repo.use_recovery_code(session, admin.id, hash_token(normalise_recovery_code(request.recovery_code))):
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
            return
        await _fail_login(session, throttle, admin.email, client, admin, reason="bad_recovery_code")
    if admin.mfa_method == "email" and not admin.totp_secret_enc:
        await _send_email_code(session, deps, admin)
        raise refusal_keeping_effects(
            _unauthorized(
                "A sign-in code was sent by email; repeat the login with totpCode", mfaRequired=True, mfaMethod="email"
            )
        )
    raise _unauthorized("A verification code is required", mfaRequired=True, mfaMethod="authenticator")


async def _totp_ok(deps: IdentityDeps, admin: Administrator, code: str) -> bool:
    code = code.strip()
    if admin.totp_secret_enc:
        ok = verify_totp(deps.secret_box.open(admin.totp_secret_enc), code)
    else:  # email codes: one outstanding code, consumed on use
        stored = await deps.redis.getdel(f"identity:mfa:email:{admin.id}")
        stored_hash = stored.decode() if isinstance(stored, bytes) else stored
        ok = stored_hash is not None and secrets.compare_digest(stored_hash, hash_token(code))
    if not ok:
        return False
    # A code is good for one sign-in only, even inside its 30-second window.
    return bool(await deps.redis.set(f"identity:mfa:used:{admin.id}:{code}", b"1", ex=120, nx=True))


async def _send_email_code(session: AsyncSession, deps: IdentityDeps, admin: Administrator) -> None:
    code = f"{secrets.randbelow(10**6):06d}"
    await deps.redis.set(f"identity:mfa:email:{admin.id}", hash_token(code).encode(), ex=600)
    content = emails.mfa_code_email(code=code, app_name=deps.settings.app_name)
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
) -> IssuedSession:
    s = deps.settings
    ttl = timedelta(minutes=s.access_token_minutes)
    access = deps.signing_key.issue_access_token(
        subject=str(admin.id),
        tenant_id=admin.tenant_id,
        role=admin.role,
        environment=admin.environment,
        amr=amr,
        issuer=s.jwt_issuer,
        audience=s.jwt_audience,
        ttl=ttl,
        extra={"email": admin.email, "name": admin.display_name},
    )
    refresh = generate_token(REFRESH_TOKEN_BYTES)
    refresh_ttl = timedelta(days=s.refresh_token_days)
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
        ),
    )
    return IssuedSession(access, int(ttl.total_seconds()), refresh, int(refresh_ttl.total_seconds()), admin)


async def refresh(session: AsyncSession, deps: IdentityDeps, client: Client, token: str) -> IssuedSession:
    token_hash = hash_token(token)
    current = await repo.rotate_refresh_token(session, token_hash)
    if current is None:
        await _refuse_refresh(session, client, token_hash)
    assert current is not None
    admin = await repo.get_admin(session, current.tenant_id, current.admin_id)
    if admin is None or admin.status != "active":
        await repo.revoke_family(session, current.family_id)
        raise refusal_keeping_effects(_unauthorized("Invalid refresh token"))
    await refuse_if_suspended(session, admin.tenant_id)
    return await issue_session(session, deps, admin, amr=list(current.amr), client=client, family_id=current.family_id)


async def _refuse_refresh(session: AsyncSession, client: Client, token_hash: str) -> None:
    known = await repo.find_refresh_token(session, token_hash)
    if known is not None:  # a suspension revoked it: say so rather than "invalid"
        await refuse_if_suspended(session, known.tenant_id)
    if known is not None and known.status == "rotated":
        # An already-rotated token came back: someone holds a copy. End the whole session family.
        revoked = await repo.revoke_family(session, known.family_id)
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


async def start_totp_enrollment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: TotpEnrollRequest
) -> dict[str, str]:
    admin = await _self(session, ctx)
    if admin.mfa_enabled and admin.totp_secret_enc:
        # Replacing a factor needs the factor: a stolen access token alone cannot re-point MFA.
        code = request.current_code or ""
        ok = await _totp_ok(deps, admin, code) or (
            bool(code) and await repo.use_recovery_code(session, admin.id, hash_token(normalise_recovery_code(code)))
        )
        if not ok:
            raise ProblemError(
                403,
                "Re-enrolment requires a current authenticator or recovery code",
                errors=[field_error_entry("currentCode", "invalid or missing")],
            )
    secret = new_totp_secret()
    await repo.set_pending_totp(session, admin.id, deps.secret_box.seal(secret))
    uri = totp_uri(secret, admin.email, deps.settings.totp_issuer)
    return {"method": "authenticator", "secret": secret, "otpauthUri": uri, "qrCode": totp_qr_png_data_uri(uri)}


async def verify_totp_enrollment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, code: str
) -> list[str]:
    admin = await _self(session, ctx)
    if not admin.pending_totp_secret_enc:
        raise ProblemError(409, "No authenticator enrolment is in progress")
    if not verify_totp(deps.secret_box.open(admin.pending_totp_secret_enc), code):
        raise invalid_fields(("code", "code does not match"))
    if not await repo.activate_totp(session, admin.id, admin.pending_totp_secret_enc):
        raise ProblemError(409, "The enrolment changed meanwhile; start again")
    codes = new_recovery_codes()
    await repo.replace_recovery_codes(session, admin.id, [hash_token(c) for c in codes])
    await repo.revoke_admin_sessions(session, admin.id)  # sessions from before the factor change end
    await ctx.audit(session, "mfa.enroll", "administrator", str(admin.id), details={"method": "authenticator"})
    return codes


async def regenerate_recovery_codes(session: AsyncSession, ctx: RequestContext) -> list[str]:
    admin = await _self(session, ctx)
    if not admin.mfa_enabled:
        raise ProblemError(409, "MFA is not enrolled")
    if "otp" not in ctx.principal.amr:
        raise ProblemError(403, "Sign in with your second factor to regenerate recovery codes")
    codes = new_recovery_codes()
    await repo.replace_recovery_codes(session, admin.id, [hash_token(c) for c in codes])
    await ctx.audit(session, "mfa.recovery_codes_regenerate", "administrator", str(admin.id))
    return codes
