"""Access-token verification against identity's JWKS, and the permission dependency.

Every service verifies tokens itself (defence in depth behind the gateway): EdDSA only, issuer,
audience and expiry checked. The tenant always comes from the verified token, never the request.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Annotated, Any

import httpx
import jwt
from fastapi import Depends, Request

from radiant_contracts.permissions import PrincipalKind, kind_permits

from .errors import Dependency, ProblemError, dependency_unavailable
from .revocation import revocations_of
from .service_keys import InvalidServiceKey, ServiceKeyRecord, ServiceKeyStore, ServiceKeysUnavailable, is_service_key

ALLOWED_ALGORITHMS = ["EdDSA"]
VERIFIED_CACHE_SIZE = 10_000


#: Operators belong to no tenant; their actions are recorded in the platform's own audit stream.
PLATFORM_TENANT = "platform"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a verified token speaks for. `kind` comes from the token's audience, never from a claim
    the token could choose: a tenant token is never an operator's, whatever its `role` says."""

    subject: str
    tenant_id: str
    role: str
    environment: str
    amr: tuple[str, ...]
    email: str | None = None
    name: str | None = None
    token_id: str | None = None
    kind: str = PrincipalKind.TENANT
    scopes: tuple[str, ...] = ()
    #: RFC 8693 `act`: the operator acting in this tenant's name (impersonation), if any.
    actor_subject: str | None = None
    read_only: bool = False
    #: When the token was issued (`iat`, unix time): a tenant's not-before mark refuses older ones.
    issued_at: float | None = None
    #: When the caller last proved a second factor (`mfa_time`, unix time), for step-up checks.
    mfa_time: float | None = None

    def can(self, permission: str) -> bool:
        return kind_permits(self.kind, self.role, self.scopes, permission)

    @property
    def is_operator(self) -> bool:
        return self.kind == PrincipalKind.OPERATOR

    @classmethod
    def from_claims(cls, claims: dict[str, Any], kind: str = PrincipalKind.TENANT) -> Principal:
        act = claims.get("act")
        actor_subject = str(act["sub"]) if isinstance(act, dict) and act.get("sub") else None
        scope = claims.get("scope", "")
        return cls(
            subject=claims["sub"],
            tenant_id=PLATFORM_TENANT if kind == PrincipalKind.OPERATOR else claims["tenant_id"],
            role=claims.get("role", "") if kind == PrincipalKind.SERVICE else claims["role"],
            environment=claims.get("environment", "dev"),
            amr=tuple(claims.get("amr", ())),
            email=claims.get("email"),
            name=claims.get("name"),
            token_id=claims.get("jti"),
            kind=kind,
            scopes=tuple(scope.split()) if kind == PrincipalKind.SERVICE and isinstance(scope, str) else (),
            actor_subject=actor_subject,
            read_only=bool(claims.get("read_only", False)),
            issued_at=float(claims["iat"]) if isinstance(claims.get("iat"), int | float) else None,
            mfa_time=_unix_time(claims.get("mfa_time")),
        )


def refuse_platform_tenant(principal: Principal) -> Principal:
    """`PLATFORM_TENANT` is the operators' stream, never a tenant: identity generates tenant ids, so a
    tenant token (or service key) naming it is forged or a bug, and must not open the operators'
    records through any tenant route of any service. Only the operators' audience maps there."""
    if principal.kind != PrincipalKind.OPERATOR and principal.tenant_id == PLATFORM_TENANT:
        raise Unauthorized(f"A {principal.kind} token cannot name the '{PLATFORM_TENANT}' tenant")
    return principal


def _unix_time(value: Any) -> float | None:
    """A NumericDate claim (RFC 7519 §2); anything else counts as absent."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


class Unauthorized(ProblemError):
    def __init__(self, detail: str) -> None:
        super().__init__(401, detail, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'})


class JwksVerifier:
    """Verifies access tokens with keys fetched from a JWKS URL, cached and refreshed on unknown kid."""

    def __init__(
        self,
        jwks_url: str,
        *,
        issuer: str,
        audience: str,
        cache_seconds: int = 300,
        client: httpx.AsyncClient | None = None,
        audiences: dict[str, str] | None = None,
    ) -> None:
        """`audience` is the tenant administrators'; `audiences` maps each further audience accepted to
        the kind of principal it identifies (e.g. `{"radiant-platform": "operator"}`)."""
        self._jwks_url = jwks_url
        self._issuer = issuer
        self._kinds: dict[str, str] = {audience: PrincipalKind.TENANT, **(audiences or {})}
        self._cache_seconds = cache_seconds
        self._client = client or httpx.AsyncClient(timeout=5.0)
        self._keys: dict[str, Any] = {}
        self._verified: dict[str, tuple[Principal, float]] = {}
        self._fetched_at = 0.0
        self._lock = asyncio.Lock()

    async def _refresh(self, *, force: bool) -> None:
        async with self._lock:
            fresh = time.monotonic() - self._fetched_at < self._cache_seconds
            # A forced refresh (unknown kid) still waits 10 s between fetches, so forged kids
            # cannot turn into a flood of JWKS requests.
            if fresh and (not force or time.monotonic() - self._fetched_at < 10):
                return
            response = await self._client.get(self._jwks_url)
            response.raise_for_status()
            jwks = jwt.PyJWKSet.from_dict(response.json())
            keys = {k.key_id: k for k in jwks.keys if k.key_id}
            if keys.keys() != self._keys.keys():
                self._verified.clear()  # a removed key must stop its tokens at once
            self._keys = keys
            self._fetched_at = time.monotonic()

    async def _key_for(self, kid: str | None) -> Any:
        if not self._keys:
            await self._refresh(force=True)
        if kid not in self._keys:
            await self._refresh(force=True)
        key = self._keys.get(kid) if kid else None
        if key is None:
            raise Unauthorized("Token signed with an unknown key")
        return key

    async def verify(self, token: str) -> Principal:
        """The principal of a valid token. A token verified before is answered from a small cache
        until it expires (a dashboard sends the same token for its whole 15-minute life); a key
        rotation (new JWKS) empties the cache."""
        cached = self._verified.get(token)
        if cached is not None:
            principal, expires_at = cached
            if time.time() < expires_at:
                return principal
            del self._verified[token]
        principal, expires_at = await self._verify_uncached(token)
        if len(self._verified) >= VERIFIED_CACHE_SIZE:
            self._verified.pop(next(iter(self._verified)))  # oldest first: dicts keep insertion order
        self._verified[token] = (principal, expires_at)
        return principal

    async def _verify_uncached(self, token: str) -> tuple[Principal, float]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise Unauthorized("Malformed token") from None
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise Unauthorized("Token algorithm not allowed")
        try:
            key = await self._key_for(header.get("kid"))
        except httpx.HTTPError:
            raise ProblemError(503, "Token keys are unavailable; try again shortly") from None
        try:
            claims = jwt.decode(
                token,
                key=key,
                algorithms=ALLOWED_ALGORITHMS,
                audience=list(self._kinds),
                issuer=self._issuer,
                options={"require": ["exp", "iat", "sub", "aud", "iss"]},
            )
        except jwt.ExpiredSignatureError:
            raise Unauthorized("Token expired") from None
        except jwt.PyJWTError as exc:
            raise Unauthorized(f"Invalid token: {exc}") from None
        try:
            principal = Principal.from_claims(claims, self._kind_of(claims["aud"]))
        except KeyError as exc:
            raise Unauthorized(f"Token lacks claim {exc}") from None
        return refuse_platform_tenant(principal), float(claims["exp"])

    def _kind_of(self, audience: str | list[str]) -> str:
        """One audience, one kind: a token naming audiences of two kinds is refused, not guessed."""
        named = [audience] if isinstance(audience, str) else list(audience)
        kinds = {self._kinds[a] for a in named if a in self._kinds}
        if len(kinds) != 1:
            raise Unauthorized("Token audience does not name one kind of principal")
        return kinds.pop()

    async def aclose(self) -> None:
        await self._client.aclose()


def bearer_token(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Missing bearer token")
    return token.strip()


def service_key_principal(record: ServiceKeyRecord) -> Principal:
    """A service key speaks for its tenant's producer: its scopes only, no role, no MFA."""
    return Principal(
        subject=record.key_id,
        tenant_id=record.tenant_id,
        role="",
        environment=record.environment,
        amr=(),
        name=record.name,
        token_id=record.key_id,
        kind=PrincipalKind.SERVICE,
        scopes=record.scopes,
    )


async def verify_service_key(store: ServiceKeyStore, token: str) -> Principal:
    try:
        return refuse_platform_tenant(service_key_principal(await store.verify(token)))
    except InvalidServiceKey as exc:
        raise Unauthorized(exc.reason) from None
    except ServiceKeysUnavailable:
        raise dependency_unavailable(
            Dependency.CACHE, "Service keys cannot be verified just now; try again shortly"
        ) from None


async def verify_bearer(runtime: Any, token: str) -> Principal:
    """The principal of a bearer token: a service key (`rk_…`, one Redis read) or an access token
    (JWKS). `runtime` is the process's `app.Runtime` (its verifier, Redis and settings)."""
    if is_service_key(token):
        return await verify_service_key(ServiceKeyStore(runtime.redis, runtime.settings.service_key_pepper), token)
    verifier: JwksVerifier = runtime.verifier
    return await verifier.verify(token)


async def current_principal(request: Request) -> Principal:
    principal = await verify_bearer(request.app.state.runtime, bearer_token(request))
    # A valid signature is not enough: a suspended tenant's or an ended session's token is refused.
    await revocations_of(request).check(principal)
    request.state.principal = principal
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
