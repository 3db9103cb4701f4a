"""Service-to-service authentication: every internal call proves which service makes it.

(Not a tenant's *service keys* — `rk_…`, `service_keys.py` — which are producers' API keys; these are
the platform services' own credentials, named `INTERNAL_…` in the settings.)

Design
------
Each service holds its **own Ed25519 private key** (`<SVC>_INTERNAL_KEY_FILE`, PKCS#8 PEM) and the
**public keys of the services** (`INTERNAL_TRUST_FILE`, JSON ``{"billing": ["<base64url x>"], …}``;
several keys per service while a key rotates). For every request the caller signs a short-lived JWT:

    header  {"alg": "EdDSA", "typ": "radiant-internal+jwt", "kid": "<RFC 7638 thumbprint>"}
    claims  {"iss": "billing", "sub": "billing", "aud": "metering", "iat": …, "exp": iat + 60,
             "jti": "<uuid4>", "htm": "GET", "htu": "/internal/v1/rollups"}

and sends it as ``Authorization: Bearer <token>``. The callee checks, in this order: the algorithm
(EdDSA only) and type, the issuer is a service it knows and the signature is one of that service's
keys, the audience is itself, expiry and issue time within a bounded clock skew (at most 60 s), a
lifetime of at most two minutes, the HTTP method and path the token was signed for, and that its
`jti` was not seen before (an in-process replay cache for the token's lifetime). The route then names
the services it admits: ``require_service("billing")`` answers **401** without a valid service token
and **403** to a valid token of another service.

Why this design: with asymmetric keys no callee can mint tokens as its callers (a shared secret would
let metering impersonate billing to the approval service, and per-pair secrets grow as N²); the
tokens are verified locally, so an internal call never depends on a third service being up (as it
would with tokens issued by identity); binding each token to one method, path and audience and a
one-minute life makes a captured token worth next to nothing, and the replay cache makes it worth
nothing at the instance that saw it.

There is no unauthenticated mode. In `dev` the local stack and docker-compose generate the keys
(``python -m radiant_platform.service_auth keygen DIR SERVICE…``); outside `dev` a service that takes
part in internal calls refuses to start without its key and the trust file. A callee without a
trust file refuses every internal call; a caller without a key cannot call.

    # a caller (in build_deps): one signer per process, an httpx auth per callee
    signer = ServiceSigner.from_settings(settings)
    await http.get(f"{metering_url}/internal/v1/rollups", params=…, auth=signer.auth("metering"))

    # a callee: the route admits billing only
    BillingCaller = Annotated[ServiceCaller, require_service("billing")]
"""

from __future__ import annotations

import argparse
import base64
import binascii
import json
import logging
import re
import sys
import time
import uuid
from collections import OrderedDict
from collections.abc import Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from fastapi import Depends, Request
from pydantic import AliasChoices, Field, model_validator

from .errors import ProblemError
from .keys import b64url, thumbprint
from .settings import ServiceSettings

log = logging.getLogger(__name__)

TOKEN_TYPE = "radiant-internal+jwt"
ALGORITHMS = ["EdDSA"]
#: How long a token the signer issues lives: long enough for one request, short enough to be useless later.
TOKEN_LIFETIME_SECONDS = 60
#: The longest life a callee accepts, whatever the caller wrote.
MAX_TOKEN_LIFETIME_SECONDS = 120
DEFAULT_LEEWAY_SECONDS = 30
MAX_LEEWAY_SECONDS = 60
#: Token ids remembered per process; each only for its token's remaining life.
REPLAY_CACHE_SIZE = 100_000
MAX_TOKEN_LENGTH = 4096
REQUIRED_CLAIMS = ["iss", "sub", "aud", "iat", "exp", "jti", "htm", "htu"]
SERVICE_NAME_PATTERN = r"^[a-z][a-z0-9-]{0,62}$"
TRUST_FILE_NAME = "trust.json"
WWW_AUTHENTICATE = 'Bearer realm="radiant-internal"'


# --- settings ------------------------------------------------------------------------------------


class ServiceAuthSettings(ServiceSettings):
    """Settings of a service that calls, or is called by, another service over HTTP.

    `<SVC>_INTERNAL_KEY_FILE` (the service's prefix) is its private key; `INTERNAL_TRUST_FILE` (shared)
    the services' public keys; `INTERNAL_TOKEN_LEEWAY_SECONDS` the clock skew tolerated (0-60, 30).
    """

    internal_key_file: Path | None = None
    internal_trust_file: Path | None = Field(None, validation_alias=AliasChoices("INTERNAL_TRUST_FILE"))
    internal_token_leeway_seconds: int = Field(
        DEFAULT_LEEWAY_SECONDS,
        ge=0,
        le=MAX_LEEWAY_SECONDS,
        validation_alias=AliasChoices("INTERNAL_TOKEN_LEEWAY_SECONDS"),
    )

    @model_validator(mode="after")
    def _service_keys_required_outside_dev(self) -> ServiceAuthSettings:
        if self.environment == "dev":
            return self
        missing = [name for name in ("internal_key_file", "internal_trust_file") if not getattr(self, name)]
        if missing:
            raise ValueError(
                f"{', '.join(missing)} must be set in {self.environment}: internal calls are always authenticated"
            )
        return self


# --- errors --------------------------------------------------------------------------------------


class ServiceUnauthorized(ProblemError):
    """No valid service token: 401."""

    def __init__(self, detail: str) -> None:
        super().__init__(401, detail, headers={"WWW-Authenticate": WWW_AUTHENTICATE})


class ServiceAuthUnavailable(ProblemError):
    """This service's own keys are missing or unreadable: a configuration error, answered 503."""

    def __init__(self, detail: str) -> None:
        super().__init__(503, detail, headers={"Retry-After": "30"})


# --- keys ----------------------------------------------------------------------------------------


def load_private_key(path: Path) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise ServiceAuthUnavailable(f"service key {path} cannot be read: {type(exc).__name__}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ServiceAuthUnavailable(f"service key {path} is not an Ed25519 private key")
    return key


def encode_public_key(key: Ed25519PublicKey) -> str:
    """The trust file's spelling of a public key: the raw 32 bytes, base64url (a JWK's `x`)."""
    return b64url(key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))


def decode_public_key(value: str) -> Ed25519PublicKey:
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        return Ed25519PublicKey.from_public_bytes(raw)
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"not an Ed25519 public key: {exc}") from None


def parse_trust(document: Any) -> dict[str, tuple[Ed25519PublicKey, ...]]:
    """`{"billing": ["<x>", …], …}` → the public keys of each service (a string is one key)."""
    if not isinstance(document, Mapping):
        raise ValueError("the trust file must be a JSON object of service name → public keys")
    trust: dict[str, tuple[Ed25519PublicKey, ...]] = {}
    for service, keys in document.items():
        values = [keys] if isinstance(keys, str) else keys
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values) or not values:
            raise ValueError(f"{service}: expected a public key or a list of them")
        trust[str(service)] = tuple(decode_public_key(v) for v in values)
    return trust


def load_trust(path: Path) -> dict[str, tuple[Ed25519PublicKey, ...]]:
    try:
        return parse_trust(json.loads(path.read_text()))
    except (OSError, ValueError) as exc:
        raise ServiceAuthUnavailable(f"service trust file {path} cannot be read: {exc}") from None


def write_internal_keys(directory: Path, services: Iterable[str], *, key_mode: int = 0o600) -> Path:
    """Give each service a private key `<dir>/<service>.pem` unless it has one, and (re)write the
    trust file `<dir>/trust.json` with the public keys of every key in the folder. Idempotent:
    existing keys are kept, so running it again changes nothing. Returns the trust file's path."""
    names = list(services)
    invalid = [name for name in names if not re.fullmatch(SERVICE_NAME_PATTERN, name)]
    if invalid:
        raise ValueError(f"not service names: {invalid}")
    directory.mkdir(parents=True, exist_ok=True)
    directory.chmod(0o700 if key_mode == 0o600 else 0o755)
    for service in names:
        path = directory / f"{service}.pem"
        if path.exists():
            continue
        pem = Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pem)
        tmp.chmod(key_mode)
        tmp.rename(path)
    trust = {
        pem.stem: [encode_public_key(load_private_key(pem).public_key())] for pem in sorted(directory.glob("*.pem"))
    }
    trust_file = directory / TRUST_FILE_NAME
    tmp = trust_file.with_suffix(".tmp")
    tmp.write_text(json.dumps(trust, indent=2, sort_keys=True) + "\n")
    tmp.chmod(0o644)  # public keys: readable by every service
    tmp.rename(trust_file)
    return trust_file


# --- the caller ----------------------------------------------------------------------------------


class ServiceSigner:
    """Signs this service's tokens. Without a key (a dev setup that generated none) every attempt to
    sign raises `ServiceAuthUnavailable`: a caller is never silently unauthenticated."""

    def __init__(self, service: str, private_key: Ed25519PrivateKey | None, *, missing: str | None = None) -> None:
        self.service = service
        self._key = private_key
        self._kid = thumbprint(private_key.public_key()) if private_key is not None else None
        self._missing = missing or f"{service} has no service key ({service.upper()}_INTERNAL_KEY_FILE)"

    @classmethod
    def from_settings(cls, settings: ServiceAuthSettings) -> ServiceSigner:
        if settings.internal_key_file is None:
            return cls(settings.service_name, None)
        return cls(settings.service_name, load_private_key(settings.internal_key_file))

    @property
    def configured(self) -> bool:
        return self._key is not None

    def token(self, audience: str, method: str, path: str, *, now: float | None = None) -> str:
        """A token for one request: `method` on `path` of service `audience`, valid for a minute."""
        if self._key is None:
            raise ServiceAuthUnavailable(self._missing)
        issued = int(now if now is not None else time.time())
        claims = {
            "iss": self.service,
            "sub": self.service,
            "aud": audience,
            "iat": issued,
            "exp": issued + TOKEN_LIFETIME_SECONDS,
            "jti": str(uuid.uuid4()),
            "htm": method.upper(),
            "htu": path,
        }
        return jwt.encode(claims, self._key, algorithm="EdDSA", headers={"typ": TOKEN_TYPE, "kid": self._kid})

    def headers(self, audience: str, method: str, path: str) -> dict[str, str]:
        """`{"Authorization": "Bearer …"}` for one request (for clients that are not httpx)."""
        return {"Authorization": f"Bearer {self.token(audience, method, path)}"}

    def auth(self, audience: str) -> httpx.Auth:
        """An httpx auth that signs every request it sends for service `audience`."""
        return ServiceAuth(self, audience)


class ServiceAuth(httpx.Auth):
    """`httpx` auth: a fresh token per request, bound to its method and path."""

    def __init__(self, signer: ServiceSigner, audience: str) -> None:
        self._signer = signer
        self._audience = audience

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = (
            f"Bearer {self._signer.token(self._audience, request.method, request.url.path)}"
        )
        yield request


# --- the callee ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ServiceCaller:
    """The service that made a verified internal call."""

    service: str
    token_id: str


class ReplayCache:
    """Token ids seen, each until its token expires. Bounded: when full, the oldest entries go first
    (they are the closest to expiring anyway)."""

    def __init__(self, size: int = REPLAY_CACHE_SIZE) -> None:
        self._size = size
        self._seen: OrderedDict[str, float] = OrderedDict()

    def first_use(self, token_id: str, expires_at: float, *, now: float) -> bool:
        while self._seen and next(iter(self._seen.values())) <= now:
            self._seen.popitem(last=False)
        if token_id in self._seen:
            return False
        if len(self._seen) >= self._size:
            self._seen.popitem(last=False)
        self._seen[token_id] = expires_at
        return True


class ServiceVerifier:
    """Verifies service tokens addressed to `audience` (this service) against the trusted keys."""

    def __init__(
        self,
        audience: str,
        trust: Mapping[str, Sequence[Ed25519PublicKey]],
        *,
        leeway: int = DEFAULT_LEEWAY_SECONDS,
        replay_cache: ReplayCache | None = None,
        unavailable: str | None = None,
    ) -> None:
        if not 0 <= leeway <= MAX_LEEWAY_SECONDS:
            raise ValueError(f"clock skew leeway must be 0-{MAX_LEEWAY_SECONDS} s")
        self.audience = audience
        self._trust = {service: tuple(keys) for service, keys in trust.items()}
        self._leeway = leeway
        self._replays = replay_cache or ReplayCache()
        self._unavailable = unavailable

    @classmethod
    def from_settings(cls, settings: ServiceAuthSettings) -> ServiceVerifier:
        name = settings.service_name
        if settings.internal_trust_file is None:
            return cls(name, {}, unavailable=f"{name} has no service trust file (INTERNAL_TRUST_FILE)")
        try:
            trust = load_trust(settings.internal_trust_file)
        except ServiceAuthUnavailable as exc:
            log.error("%s", exc.detail)
            return cls(name, {}, unavailable=exc.detail)
        return cls(name, trust, leeway=settings.internal_token_leeway_seconds)

    def verify(self, token: str, method: str, path: str, *, now: float | None = None) -> ServiceCaller:
        if self._unavailable is not None:
            log.error("internal call refused: %s", self._unavailable)
            raise ServiceUnauthorized("Service authentication is not configured on this service")
        if len(token) > MAX_TOKEN_LENGTH:
            raise ServiceUnauthorized("Service token too long")
        moment = now if now is not None else time.time()
        claims = self._verified_claims(token, moment)
        if claims["htm"] != method.upper() or claims["htu"] != path:
            raise ServiceUnauthorized("Service token was issued for another request")
        if not self._replays.first_use(str(claims["jti"]), float(claims["exp"]) + self._leeway, now=moment):
            raise ServiceUnauthorized("Service token already used")
        return ServiceCaller(service=str(claims["iss"]), token_id=str(claims["jti"]))

    def _verified_claims(self, token: str, now: float) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
            unverified = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise ServiceUnauthorized("Malformed service token") from None
        if header.get("alg") not in ALGORITHMS or header.get("typ") != TOKEN_TYPE:
            raise ServiceUnauthorized("Not a service token")
        issuer = unverified.get("iss")
        keys = self._trust.get(issuer) if isinstance(issuer, str) else None
        if not keys or not isinstance(issuer, str):
            raise ServiceUnauthorized("Service token from an unknown service")
        claims = self._decode_with_any(token, keys, issuer, now)
        issued, expires = claims["iat"], claims["exp"]
        if not isinstance(issued, int | float) or not isinstance(expires, int | float):
            raise ServiceUnauthorized("Service token times must be numbers")
        if expires - issued > MAX_TOKEN_LIFETIME_SECONDS:
            raise ServiceUnauthorized(f"Service token lives longer than {MAX_TOKEN_LIFETIME_SECONDS} s")
        if issued > now + self._leeway:
            raise ServiceUnauthorized("Service token issued in the future")
        if claims["sub"] != issuer:
            raise ServiceUnauthorized("Service token subject is not its issuer")
        return claims

    def _decode_with_any(self, token: str, keys: Sequence[Ed25519PublicKey], issuer: str, now: float) -> dict[str, Any]:
        failure = "Invalid service token"
        for key in keys:
            try:
                claims: dict[str, Any] = jwt.decode(
                    token,
                    key=key,
                    algorithms=ALGORITHMS,
                    audience=self.audience,
                    issuer=issuer,
                    leeway=self._leeway,
                    options={"require": REQUIRED_CLAIMS, "verify_iat": False},
                )
                return claims
            except jwt.InvalidSignatureError:
                continue  # perhaps the next key (rotation)
            except jwt.ExpiredSignatureError:
                raise ServiceUnauthorized("Service token expired") from None
            except jwt.InvalidAudienceError:
                raise ServiceUnauthorized("Service token is addressed to another service") from None
            except jwt.PyJWTError as exc:
                failure = f"Invalid service token: {exc}"
                break
        raise ServiceUnauthorized(failure)


def service_verifier_of(request: Request) -> ServiceVerifier:
    """The app's verifier, built once from its settings on the first internal call."""
    state = request.app.state
    verifier: ServiceVerifier | None = getattr(state, "service_verifier", None)
    if verifier is None:
        settings = state.runtime.settings
        if isinstance(settings, ServiceAuthSettings):
            verifier = ServiceVerifier.from_settings(settings)
        else:
            verifier = ServiceVerifier(
                settings.service_name, {}, unavailable=f"{settings.service_name} takes no part in internal calls"
            )
        state.service_verifier = verifier
    return verifier


def _service_token(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ServiceUnauthorized("A service token is required (Authorization: Bearer)")
    return token.strip()


def require_service(*allowed: str) -> Any:
    """Dependency: the request is an internal call from one of the `allowed` services.

    Use as `caller: Annotated[ServiceCaller, require_service("billing")]`. 401 without a valid
    service token (none, forged, expired, replayed, for another route or service); 403 when the token
    is valid but names a service the route does not admit.
    """
    if not allowed:
        raise ValueError("name at least one service")
    admitted = frozenset(allowed)

    async def _check(request: Request) -> ServiceCaller:
        caller = service_verifier_of(request).verify(_service_token(request), request.method, request.url.path)
        if caller.service not in admitted:
            raise ProblemError(
                403,
                f"Service '{caller.service}' may not call this endpoint",
                allowed_services=sorted(admitted),
            )
        request.state.service_caller = caller
        return caller

    return Depends(_check)


#: The responses an internal route documents besides its own.
INTERNAL_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"description": "No valid service token (missing, forged, expired, replayed, for another request)"},
    403: {"description": "A valid service token of a service this route does not admit"},
}


# --- key generation (local stack, docker-compose) -----------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m radiant_platform.service_auth",
        description="Generate the services' Ed25519 keys (kept when present) and the trust file.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    keygen = sub.add_parser("keygen", help="write DIR/<service>.pem for each service and DIR/trust.json")
    keygen.add_argument("directory", type=Path)
    keygen.add_argument("services", nargs="+")
    keygen.add_argument(
        "--readable",
        action="store_true",
        help="write the keys 0644 (docker-compose bind-mounts file secrets as they are; the app runs as uid 10001)",
    )
    args = parser.parse_args(argv)
    trust = write_internal_keys(args.directory, args.services, key_mode=0o644 if args.readable else 0o600)
    print(f"keys in {args.directory}; trust file {trust}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
