"""Changing a password, and resetting a forgotten one by email (the rules; SQL in `repository.py`)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import Actor
from radiant_platform.audit import record_audit
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError, field_error_entry, invalid_fields, refusal_keeping_effects

from .. import auth_service, emails, service
from .. import repository as repo
from ..deps import SERVICE, IdentityDeps
from ..models import Administrator
from ..security import generate_token, hash_password, hash_token, verify_password
from ..throttle import TooManyAttempts, code_throttle
from . import repository as account_repo
from .models import PasswordReset
from .schemas import ChangePasswordRequest, ForgotPasswordRequest, ResetPasswordRequest

#: The one answer to every forgotten-password request, whether or not the address has an account.
RESET_REQUESTED = "If an account uses this address, a link to reset its password has been sent to it"
INVALID_RESET = "Invalid or already used password reset link"
RESET_WINDOW_SECONDS = 3600


# --- ending every session of an account -----------------------------------------------------------


async def end_all_sessions(session: AsyncSession, deps: IdentityDeps, admin: Administrator) -> int:
    """Revoke the account's refresh tokens and refuse its access tokens issued until now."""
    return await service.end_sessions(session, deps, admin.id)


async def _tell_owner(
    session: AsyncSession, deps: IdentityDeps, admin: Administrator, how: str, ip: str | None
) -> None:
    """By email, whatever the preferences (how an owner learns of a change they did not make), and in-app."""
    now = datetime.now(UTC)
    content = emails.password_changed_email(app_name=deps.settings.app_name, how=how, at=now, ip=ip)
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
            "message": f"The password of your account was {how}; earlier sessions were signed out.",
            "source_event_id": f"password-{how}:{uuid.uuid4()}",
            "email_sent": True,
            "email_sent_at": now,
        },
    )


async def _new_hash(password: str) -> str:
    return await asyncio.to_thread(hash_password, password)


# --- changing the password ------------------------------------------------------------------------


async def change_password(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, request: ChangePasswordRequest
) -> auth_service.IssuedSession:
    """The current password, and a fresh second factor when one is enrolled, in this request (an
    access token alone may be stolen). Every earlier session ends; the answer is a new session."""
    if ctx.principal.actor_subject or ctx.principal.read_only:
        raise ProblemError(403, "An impersonation session cannot change the account's password")
    admin = await auth_service.current_account(session, ctx)
    if admin.status != "active":
        raise ProblemError(403, "This account is not active")
    await _check_current_password(session, deps, ctx, admin, request.current_password)
    proof = None
    if admin.mfa_enabled:
        proof = await auth_service.prove_current_factor(
            session, deps, ctx, admin, code=request.code, field="code", purpose="Changing your password"
        )
    if request.new_password == request.current_password:
        raise invalid_fields(("newPassword", "must differ from the current password"))

    await account_repo.set_password_hash(session, admin.id, await _new_hash(request.new_password))
    await account_repo.withdraw_unused_resets(session, admin.id)
    revoked = await end_all_sessions(session, deps, admin)
    now = datetime.now(UTC)
    amr = auth_service.MFA_AMR if proof else auth_service.PASSWORD_AMR
    issued = await auth_service.issue_session(
        session,
        deps,
        admin,
        amr=amr,
        client=ctx.client,
        family_id=uuid.uuid4(),
        auth_time=now,
        mfa_time=now if proof else None,
    )
    await ctx.audit(
        session,
        "auth.password_change",
        "administrator",
        str(admin.id),
        details={"sessionsRevoked": revoked, "secondFactor": proof},
    )
    await _tell_owner(session, deps, admin, "changed", ctx.client.ip)
    return issued


async def _check_current_password(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, admin: Administrator, password: str
) -> None:
    """Under the account's code throttle, reserved first: a stolen access token is no way to guess."""
    s = deps.settings
    throttle = code_throttle(
        deps.redis, auth_service.throttle_policy(deps), admin_id=str(admin.id), limit=s.mfa_max_code_failures
    )
    await throttle.reserve()
    if await asyncio.to_thread(verify_password, admin.password_hash, password):
        await throttle.succeed()
        return
    await ctx.audit(
        session,
        "auth.password_change",
        "administrator",
        str(admin.id),
        outcome="failure",
        details={"reason": "bad_password"},
    )
    raise refusal_keeping_effects(
        ProblemError(
            403, "The current password does not match", errors=[field_error_entry("currentPassword", "does not match")]
        )
    )


# --- a forgotten password -------------------------------------------------------------------------


async def _count_request(redis: Redis, key: str) -> tuple[int, int]:
    """This hour's requests in one scope (counted before anything is looked up) and the seconds left."""
    count = int(await redis.incr(key))
    if count == 1:
        await redis.expire(key, RESET_WINDOW_SECONDS)
    ttl = int(await redis.ttl(key))
    return count, ttl if ttl > 0 else RESET_WINDOW_SECONDS


async def request_password_reset(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: ForgotPasswordRequest
) -> str:
    """Mail a reset link to each active account with this address. The answer never tells whether
    one exists: every request is counted before the lookup — per client address (429 beyond the
    limit, whatever the address asked for) and per address asked for (beyond it, the same answer and
    no more mail, so nobody floods an inbox and the owner is never locked out of asking)."""
    s = deps.settings
    email = request.email.lower()
    if client.ip:
        count, wait = await _count_request(deps.redis, f"identity:pwreset:ip:{client.ip}")
        if count > s.password_reset_max_per_ip:
            raise TooManyAttempts(wait * 1000, "Too many password reset requests; try again later")
    count, _ = await _count_request(deps.redis, f"identity:pwreset:email:{hash_token(email)}")
    if count > s.password_reset_max_per_email:
        return RESET_REQUESTED
    for admin in await repo.find_admins_by_email(session, email, request.tenant_id):
        await _issue_reset(session, deps, admin, client)
    return RESET_REQUESTED


async def _issue_reset(session: AsyncSession, deps: IdentityDeps, admin: Administrator, client: Client) -> None:
    s = deps.settings
    await account_repo.withdraw_unused_resets(session, admin.id)
    token = generate_token()
    reset = PasswordReset(
        id=uuid.uuid4(),
        admin_id=admin.id,
        tenant_id=admin.tenant_id,
        token_hash=hash_token(token),
        expires_at=datetime.now(UTC) + timedelta(minutes=s.password_reset_minutes),
        requested_ip=client.ip,
    )
    await account_repo.insert_reset(session, reset)
    tenant = await repo.get_tenant(session, admin.tenant_id)
    content = emails.password_reset_email(
        app_name=s.app_name,
        tenant_name=tenant.name if tenant else admin.tenant_id,
        reset_link=emails.reset_password_url(s.console_url, token),
        minutes=s.password_reset_minutes,
    )
    await repo.enqueue_email(
        session, to=admin.email, subject=content.subject, html=content.html, text_body=content.text
    )
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=admin.tenant_id,
        actor=Actor(type="admin", id=str(admin.id), ip=client.ip, user_agent=client.user_agent),
        action="auth.password_reset_request",
        resource_type="administrator",
        resource_id=str(admin.id),
        environment=admin.environment,
        details={"resetId": str(reset.id), "expiresAt": reset.expires_at.isoformat()},
    )


async def reset_password(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: ResetPasswordRequest
) -> Administrator:
    """Spend the link (once, however many uses race), set the new password, end every session. A
    second factor, when enrolled, is still asked for at the next sign-in."""
    token_hash = hash_token(request.token)
    reset = await account_repo.use_reset(session, token_hash)
    if reset is None:
        known = await account_repo.find_reset(session, token_hash)
        if known is not None and known.used_at is None and known.expires_at <= datetime.now(UTC):
            raise ProblemError(410, "This password reset link has expired; ask for a new one")
        raise ProblemError(404, INVALID_RESET)
    admin = await repo.get_admin(session, reset.tenant_id, reset.admin_id)
    if admin is None or admin.status != "active":
        raise ProblemError(404, INVALID_RESET)
    await account_repo.set_password_hash(session, admin.id, await _new_hash(request.new_password))
    await account_repo.withdraw_unused_resets(session, admin.id)
    revoked = await end_all_sessions(session, deps, admin)
    await record_audit(
        session,
        service=SERVICE,
        tenant_id=admin.tenant_id,
        actor=Actor(
            type="admin", id=str(admin.id), name=admin.display_name, ip=client.ip, user_agent=client.user_agent
        ),
        action="auth.password_reset",
        resource_type="administrator",
        resource_id=str(admin.id),
        environment=admin.environment,
        details={"resetId": str(reset.id), "sessionsRevoked": revoked},
    )
    await _tell_owner(session, deps, admin, "reset", client.ip)
    return admin
