"""An operator's own account: password, authenticator, recovery codes, a forgotten password.

Every change proves the factors the operator holds now in the same request — the password *and* a
fresh code from the current authenticator for a new password; a code from it for a new authenticator
or new recovery codes — so a stolen access token cannot take the account over. Codes are checked
under the operator's code throttle (reserved before they are checked, so guesses cannot race) and a
TOTP code is good once. A password or authenticator change ends every session of the account (the
access tokens too, at once) and answers a new session; the owner is told of every change by email;
each is recorded in the platform audit stream.

A forgotten password: the answer is the same whether or not an operator uses the address; a link is
mailed only to an active operator, lives one hour, is stored as its hash, works once (concurrent uses:
one wins), and a newer one withdraws the older. Resetting ends every session; signing in still needs
the authenticator.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError, field_error_entry, refusal_keeping_effects

from .. import repository as identity_repo
from ..auth_service import MFA_AMR
from ..auth_service import _policy as throttle_policy  # administrators' delays and lockout
from ..deps import IdentityDeps
from ..security import (
    generate_token,
    hash_password,
    hash_token,
    new_recovery_codes,
    new_totp_secret,
    totp_qr_png_data_uri,
    totp_uri,
    verify_password,
    verify_totp,
)
from ..throttle import TooManyAttempts, code_throttle
from . import emails
from . import repository as repo
from .auth_service import IssuedOperatorSession, _totp_accepted, issue_session
from .models import Operator, OperatorPasswordReset
from .service import acting_operator, audit_platform, end_sessions, operator_actor

RESET_LINK_MINUTES = 60
#: Reset requests per hour: from one client address (429 beyond), and for one address asked for
#: (beyond it the same answer and no more mail: nobody floods an inbox, the owner can always ask again later).
RESET_MAX_PER_IP = 20
RESET_MAX_PER_EMAIL = 3
RESET_WINDOW_SECONDS = 3600
RESET_REQUESTED = "If an operator uses this address, a link to reset the password has been sent to it"
INVALID_RESET = "Invalid or already used password reset link"
SELF = "saas:read"  # any operator manages their own account


async def _audit(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    action: str,
    resource_type: str,
    resource_id: str,
    details: dict[str, Any],
) -> None:
    await audit_platform(
        session,
        deps.settings,
        actor=ctx.actor(),
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        details=details,
    )


async def _self(session: AsyncSession, ctx: RequestContext) -> Operator:
    return await acting_operator(session, ctx, SELF)


def _wrong(field: str, detail: str) -> ProblemError:
    return refusal_keeping_effects(ProblemError(403, detail, errors=[field_error_entry(field, "does not match")]))


async def _proved(deps: IdentityDeps, operator: Operator, proof: Callable[[], Awaitable[bool]]) -> bool:
    """One proof under the operator's code throttle (429 while it waits)."""
    throttle = code_throttle(
        deps.redis, throttle_policy(deps), admin_id=f"operator:{operator.id}", limit=deps.settings.mfa_max_code_failures
    )
    await throttle.reserve()
    try:
        ok = await proof()
    except Exception:
        await throttle.release()
        raise
    if ok:
        await throttle.succeed()
    return ok


async def _prove_current_code(deps: IdentityDeps, operator: Operator, code: str, field: str) -> None:
    if not await _proved(deps, operator, lambda: _totp_accepted(deps, operator, code)):
        raise _wrong(field, "The code from your current authenticator does not match")


async def _tell_owner(
    session: AsyncSession, deps: IdentityDeps, operator: Operator, change: str, ip: str | None
) -> None:
    content = emails.operator_account_changed_email(
        name=operator.name, app_name=deps.settings.app_name, change=change, ip=ip
    )
    await identity_repo.enqueue_email(
        session, to=operator.email, subject=content.subject, html=content.html, text_body=content.text
    )


async def _new_session(
    session: AsyncSession, deps: IdentityDeps, operator: Operator, client: Client
) -> IssuedOperatorSession:
    return await issue_session(session, deps, operator, amr=MFA_AMR, client=client, family_id=uuid.uuid4())


# --- password -------------------------------------------------------------------------------------


async def change_password(
    session: AsyncSession,
    deps: IdentityDeps,
    ctx: RequestContext,
    client: Client,
    *,
    current_password: str,
    totp_code: str,
    new_password: str,
) -> IssuedOperatorSession:
    operator = await _self(session, ctx)

    async def password_ok() -> bool:
        return await asyncio.to_thread(verify_password, operator.password_hash, current_password)

    if not await _proved(deps, operator, password_ok):
        raise _wrong("currentPassword", "Your current password does not match")
    await _prove_current_code(deps, operator, totp_code, "totpCode")
    await repo.set_password_hash(session, operator.id, await asyncio.to_thread(hash_password, new_password))
    revoked = await end_sessions(session, deps, operator)
    await _audit(
        session,
        deps,
        ctx,
        "operator.password_change",
        "operator",
        str(operator.id),
        details={"sessionsRevoked": revoked},
    )
    await _tell_owner(session, deps, operator, "Your password was changed", client.ip)
    return await _new_session(session, deps, operator, client)


# --- authenticator and recovery codes -------------------------------------------------------------


async def start_totp_reenrolment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, current_code: str
) -> dict[str, str]:
    """A replacement authenticator, shown once; the current one stays until a code from the new one
    is confirmed (`confirm_totp_reenrolment`)."""
    operator = await _self(session, ctx)
    await _prove_current_code(deps, operator, current_code, "currentCode")
    secret = new_totp_secret()
    await repo.set_pending_totp(session, operator.id, deps.secret_box.seal(secret, admin_id=operator.id))
    await _audit(
        session, deps, ctx, "mfa.enroll_start", "operator", str(operator.id), details={"method": "authenticator"}
    )
    uri = totp_uri(secret, operator.email, f"{deps.settings.totp_issuer} platform")
    return {"method": "authenticator", "secret": secret, "otpauthUri": uri, "qrCode": totp_qr_png_data_uri(uri)}


async def confirm_totp_reenrolment(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, client: Client, code: str
) -> tuple[IssuedOperatorSession, list[str]]:
    operator = await _self(session, ctx)
    pending = operator.pending_totp_secret_enc
    if not pending:
        raise ProblemError(409, "No authenticator enrolment is in progress; start one first")

    async def new_code_ok() -> bool:
        return verify_totp(deps.secret_box.open(pending, admin_id=operator.id), code.strip())

    if not await _proved(deps, operator, new_code_ok):
        raise _wrong("code", "The code from the new authenticator does not match")
    if not await repo.activate_pending_totp(session, operator.id, pending):
        raise ProblemError(409, "The enrolment changed meanwhile; start again")
    codes = await _replace_recovery_codes(session, deps, operator)
    revoked = await end_sessions(session, deps, operator)
    await _audit(
        session,
        deps,
        ctx,
        "mfa.enroll",
        "operator",
        str(operator.id),
        details={"method": "authenticator", "sessionsRevoked": revoked, "recoveryCodesReplaced": True},
    )
    await _tell_owner(session, deps, operator, "A new authenticator replaced the old one", client.ip)
    return await _new_session(session, deps, operator, client), codes


async def regenerate_recovery_codes(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, client: Client, current_code: str
) -> list[str]:
    """New single-use recovery codes (the old ones stop working); proved with the authenticator only."""
    operator = await _self(session, ctx)
    await _prove_current_code(deps, operator, current_code, "currentCode")
    codes = await _replace_recovery_codes(session, deps, operator)
    await _audit(
        session, deps, ctx, "mfa.recovery_codes_regenerate", "operator", str(operator.id), details={"count": len(codes)}
    )
    await _tell_owner(session, deps, operator, "Your recovery codes were replaced", client.ip)
    return codes


async def _replace_recovery_codes(session: AsyncSession, deps: IdentityDeps, operator: Operator) -> list[str]:
    codes = new_recovery_codes()
    await repo.replace_recovery_codes(
        session, operator.id, [deps.secret_box.recovery_code_hash(operator.id, c) for c in codes]
    )
    return codes


# --- a forgotten password -------------------------------------------------------------------------


async def _count_request(redis: Redis, key: str) -> tuple[int, int]:
    """This hour's requests in one scope, counted before anything is looked up, and the seconds left."""
    count = int(await redis.incr(key))
    if count == 1:
        await redis.expire(key, RESET_WINDOW_SECONDS)
    ttl = int(await redis.ttl(key))
    return count, ttl if ttl > 0 else RESET_WINDOW_SECONDS


async def request_password_reset(session: AsyncSession, deps: IdentityDeps, client: Client, email: str) -> str:
    """The same answer whether or not an operator uses the address."""
    email = email.lower()
    if client.ip:
        count, wait = await _count_request(deps.redis, f"identity:operator-pwreset:ip:{client.ip}")
        if count > RESET_MAX_PER_IP:
            raise TooManyAttempts(wait * 1000, "Too many password reset requests; try again later")
    count, _ = await _count_request(deps.redis, f"identity:operator-pwreset:email:{hash_token(email)}")
    if count > RESET_MAX_PER_EMAIL:
        return RESET_REQUESTED
    operator = await repo.find_operator_by_email(session, email)
    if operator is not None and operator.status == "active":
        await _issue_reset(session, deps, operator, client)
    return RESET_REQUESTED


async def _issue_reset(session: AsyncSession, deps: IdentityDeps, operator: Operator, client: Client) -> None:
    await repo.withdraw_unused_password_resets(session, operator.id)
    token = generate_token()
    reset = OperatorPasswordReset(
        id=uuid.uuid4(),
        operator_id=operator.id,
        token_hash=hash_token(token),
        expires_at=datetime.now(UTC) + timedelta(minutes=RESET_LINK_MINUTES),
        requested_ip=client.ip,
    )
    await repo.insert_password_reset(session, reset)
    content = emails.operator_password_reset_email(
        name=operator.name,
        app_name=deps.settings.app_name,
        reset_link=emails.reset_password_url(deps.settings.console_url, token),
        minutes=RESET_LINK_MINUTES,
    )
    await identity_repo.enqueue_email(
        session, to=operator.email, subject=content.subject, html=content.html, text_body=content.text
    )
    await audit_platform(
        session,
        deps.settings,
        actor=operator_actor(operator, client),
        action="auth.password_reset_request",
        resource_type="operator",
        resource_id=str(operator.id),
        details={"resetId": str(reset.id), "expiresAt": reset.expires_at.isoformat()},
    )


async def reset_password(
    session: AsyncSession, deps: IdentityDeps, client: Client, *, token: str, new_password: str
) -> int:
    """Spend the link, set the password, end every session; returns how many sessions ended."""
    token_hash = hash_token(token)
    reset = await repo.use_password_reset(session, token_hash)
    if reset is None:
        known = await repo.find_password_reset(session, token_hash)
        if known is not None and known.used_at is None and known.expires_at <= datetime.now(UTC):
            raise ProblemError(410, "This password reset link has expired; ask for a new one")
        raise ProblemError(404, INVALID_RESET)
    operator = await repo.get_operator(session, reset.operator_id)
    if operator is None or operator.status != "active":
        raise ProblemError(404, INVALID_RESET)
    await repo.set_password_hash(session, operator.id, await asyncio.to_thread(hash_password, new_password))
    await repo.withdraw_unused_password_resets(session, operator.id)
    revoked = await end_sessions(session, deps, operator)
    await audit_platform(
        session,
        deps.settings,
        actor=operator_actor(operator, client),
        action="auth.password_reset",
        resource_type="operator",
        resource_id=str(operator.id),
        details={"resetId": str(reset.id), "sessionsRevoked": revoked},
    )
    await _tell_owner(session, deps, operator, "Your password was reset with an emailed link", client.ip)
    return revoked
