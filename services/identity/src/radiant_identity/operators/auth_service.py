"""Operators' sign-in, sessions (rotating refresh tokens) and their access tokens.

The same rules as administrators' (`radiant_identity.auth_service`): errors never reveal whether an
account exists, every attempt is reserved in the sign-in throttle before it is verified (`throttle.py`:
per account and client address with a progressive delay, per address, per account), a refresh token that
comes back after rotation ends its whole session. Unlike administrators', a second factor is never
optional: every operator has an authenticator, and no sign-in succeeds without a code from it (or a
single-use recovery code).

Access tokens carry the operators' own audience (`JWT_OPERATOR_AUDIENCE`), which every verifier
maps to the kind `operator`, and no tenant: claims `sub`, `role`, `email`, `name`, `amr`.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy.ext.asyncio import AsyncSession

from radiant_contracts.events.audit import Actor
from radiant_platform.clients import Client
from radiant_platform.context import RequestContext
from radiant_platform.errors import ProblemError, refusal_keeping_effects

from ..auth_service import INVALID_CREDENTIALS, MFA_AMR
from ..auth_service import _sign_in_throttle as sign_in_throttle_for  # administrators' limits and scopes
from ..deps import IdentityDeps
from ..security import (
    REFRESH_TOKEN_BYTES,
    burn_password_check,
    generate_token,
    hash_token,
    verify_password,
    verify_totp,
)
from . import repository as repo
from .models import Operator, OperatorRefreshToken
from .schemas import OperatorLogin
from .service import audit_platform, end_sessions, operator_actor, operator_uuid

log = logging.getLogger(__name__)

INVALID_REFRESH = "Invalid refresh token"


@dataclass(frozen=True)
class IssuedOperatorSession:
    access_token: str
    expires_in: int
    refresh_token: str
    refresh_expires_in: int
    operator: Operator


def _unauthorized(detail: str = INVALID_CREDENTIALS, **extensions: Any) -> ProblemError:
    return ProblemError(401, detail, **extensions)


def _throttle_account(email: str) -> str:
    # Operators' failures count apart from administrators' with the same address; the client
    # address is one counter for both sign-in routes.
    return f"operator:{email}"


# --- sign-in --------------------------------------------------------------------------------------


class WrongCredential(Exception):
    """A password or code that did not match: the attempt stays counted as a failure."""

    def __init__(self, operator: Operator | None, reason: str) -> None:
        super().__init__(reason)
        self.operator = operator  # None: an unknown email, no one to audit
        self.reason = reason


async def login(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: OperatorLogin
) -> IssuedOperatorSession:
    """Reserve the attempt in the throttle (429 while waiting, before any argon2 work), verify the
    password and the second factor, then give the reservation back unless a credential was wrong."""
    email = request.email.lower()
    throttle = sign_in_throttle_for(deps, _throttle_account(email), client.ip)
    starts_wait = await throttle.reserve()
    try:
        operator = await _authenticate(session, deps, client, request, email)
    except WrongCredential as wrong:
        await _audit_failed_sign_in(session, deps, client, wrong, locked_out=starts_wait)
        raise refusal_keeping_effects(_unauthorized()) from None
    except Exception:
        # Not a wrong credential: the code is still to be typed, or an outage.
        await throttle.release()
        raise
    await throttle.succeed()

    await repo.touch_last_login(session, operator.id)
    issued = await issue_session(session, deps, operator, amr=MFA_AMR, client=client, family_id=uuid.uuid4())
    await audit_platform(
        session,
        deps.settings,
        actor=operator_actor(operator, client),
        action="auth.login",
        resource_type="operator",
        resource_id=str(operator.id),
        details={"amr": MFA_AMR},
    )
    return issued


async def _authenticate(
    session: AsyncSession, deps: IdentityDeps, client: Client, request: OperatorLogin, email: str
) -> Operator:
    operator = await repo.find_operator_by_email(session, email)
    if operator is None:
        await asyncio.to_thread(burn_password_check, request.password)  # the same time as a known account
        raise WrongCredential(None, "unknown_account")
    if not await asyncio.to_thread(verify_password, operator.password_hash, request.password):
        raise WrongCredential(operator, "bad_password")
    if operator.status != "active":
        # Said only as "invalid credentials": a suspended account looks like any other refusal.
        raise WrongCredential(operator, "suspended")
    await _check_second_factor(session, deps, operator, client, request)
    return operator


async def _audit_failed_sign_in(
    session: AsyncSession, deps: IdentityDeps, client: Client, wrong: WrongCredential, *, locked_out: bool
) -> None:
    if wrong.operator is None:  # an unknown address names no one to audit; the log has it
        return
    await audit_platform(
        session,
        deps.settings,
        actor=operator_actor(wrong.operator, client),
        action="auth.login_failed",
        resource_type="operator",
        resource_id=str(wrong.operator.id),
        outcome="failure",
        details={"reason": wrong.reason, "lockedOut": locked_out},
    )


async def _check_second_factor(
    session: AsyncSession, deps: IdentityDeps, operator: Operator, client: Client, request: OperatorLogin
) -> None:
    """Always asked: an operator signs in with a TOTP code or one of their recovery codes."""
    if request.totp_code:
        if await _totp_accepted(deps, operator, request.totp_code):
            return
        raise WrongCredential(operator, "bad_totp")
    if request.recovery_code:
        candidates = deps.secret_box.recovery_code_candidates(operator.id, request.recovery_code)
        if await repo.use_recovery_code(session, operator.id, candidates):
            await audit_platform(
                session,
                deps.settings,
                actor=operator_actor(operator, client),
                action="mfa.recovery_code_used",
                resource_type="operator",
                resource_id=str(operator.id),
            )
            return
        raise WrongCredential(operator, "bad_recovery_code")
    raise _unauthorized("A verification code is required", mfaRequired=True, mfaMethod="authenticator")


async def _totp_accepted(deps: IdentityDeps, operator: Operator, code: str) -> bool:
    code = code.strip()
    try:
        # Sealed bound to this operator: a secret copied onto another account does not open.
        secret = deps.secret_box.open(operator.totp_secret_enc, admin_id=operator.id)
    except InvalidTag:
        log.error("operator %s: the stored authenticator secret does not open (moved, or key missing)", operator.id)
        return False
    if not verify_totp(secret, code):
        return False
    # A code is good for one sign-in only, even inside its 30-second window (administrators' rule).
    return bool(await deps.redis.set(f"identity:mfa:used:{operator.id}:{code}", b"1", ex=120, nx=True))


# --- sessions -------------------------------------------------------------------------------------


def issue_access_token(deps: IdentityDeps, operator: Operator, amr: list[str]) -> tuple[str, str, datetime]:
    """(token, its jti, its expiry): the operator's audience, a platform role, no tenant."""
    s = deps.settings
    now = datetime.now(UTC)
    token_id = str(uuid.uuid4())
    expires_at = now + timedelta(minutes=s.access_token_minutes)
    claims = {
        "iss": s.jwt_issuer,
        "aud": s.jwt_operator_audience,
        "sub": str(operator.id),
        "iat": now,
        "nbf": now,
        "exp": expires_at,
        "jti": token_id,
        "role": operator.role,
        "email": operator.email,
        "name": operator.name,
        "amr": amr,
    }
    return deps.signing_key.sign(claims), token_id, expires_at


async def issue_session(
    session: AsyncSession,
    deps: IdentityDeps,
    operator: Operator,
    *,
    amr: list[str],
    client: Client,
    family_id: uuid.UUID,
) -> IssuedOperatorSession:
    access, token_id, access_expires_at = issue_access_token(deps, operator, amr)
    refresh = generate_token(REFRESH_TOKEN_BYTES)
    refresh_ttl = timedelta(days=deps.settings.refresh_token_days)
    await repo.insert_refresh_token(
        session,
        OperatorRefreshToken(
            id=uuid.uuid4(),
            family_id=family_id,
            operator_id=operator.id,
            token_hash=hash_token(refresh),
            status="active",
            amr=amr,
            expires_at=datetime.now(UTC) + refresh_ttl,
            ip=client.ip,
            user_agent=client.user_agent,
            access_token_id=token_id,
            access_token_expires_at=access_expires_at,
        ),
    )
    return IssuedOperatorSession(
        access,
        deps.settings.access_token_minutes * 60,
        refresh,
        int(refresh_ttl.total_seconds()),
        operator,
    )


async def refresh(session: AsyncSession, deps: IdentityDeps, client: Client, token: str) -> IssuedOperatorSession:
    """A new pair for an active operator, with the role the account holds now."""
    token_hash = hash_token(token)
    current = await repo.rotate_refresh_token(session, token_hash)
    if current is None:
        await _refuse_refresh(session, deps, client, token_hash)
    assert current is not None
    operator = await repo.get_operator(session, current.operator_id)
    if operator is None or operator.status != "active":
        await repo.revoke_family(session, current.family_id)
        raise refusal_keeping_effects(_unauthorized(INVALID_REFRESH))
    return await issue_session(
        session, deps, operator, amr=list(current.amr), client=client, family_id=current.family_id
    )


async def _refuse_refresh(session: AsyncSession, deps: IdentityDeps, client: Client, token_hash: str) -> None:
    known = await repo.find_refresh_token(session, token_hash)
    if known is not None and known.status == "rotated":
        # An already-rotated token came back: someone holds a copy, and may hold the access tokens
        # issued with it. End every session of the account, access tokens included.
        operator = await repo.get_operator(session, known.operator_id)
        if operator is not None:
            revoked = await end_sessions(session, deps, operator)
        else:
            revoked = await repo.revoke_family(session, known.family_id)
        await audit_platform(
            session,
            deps.settings,
            actor=Actor(type="operator", id=str(known.operator_id), ip=client.ip, user_agent=client.user_agent),
            action="auth.refresh_reuse",
            resource_type="session",
            resource_id=str(known.family_id),
            outcome="denied",
            details={"sessionsRevoked": revoked},
        )
        raise refusal_keeping_effects(_unauthorized(INVALID_REFRESH))
    raise _unauthorized(INVALID_REFRESH)


async def logout(
    session: AsyncSession, deps: IdentityDeps, ctx: RequestContext, refresh_token: str | None, all_sessions: bool
) -> int:
    operator_id = operator_uuid(ctx.subject)
    revoked = 0
    if operator_id is None:
        pass  # a token naming no operator account has no sessions to end
    elif all_sessions:
        revoked = await repo.revoke_operator_sessions(session, operator_id)
    elif refresh_token:
        known = await repo.find_refresh_token(session, hash_token(refresh_token))
        if known is not None and known.operator_id == operator_id:
            revoked = await repo.revoke_family(session, known.family_id)
    await audit_platform(
        session,
        deps.settings,
        actor=ctx.actor(),
        action="auth.logout",
        resource_type="session",
        resource_id=ctx.subject,
        details={"sessionsRevoked": revoked},
    )
    return revoked
