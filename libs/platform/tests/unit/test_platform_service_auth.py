"""Service-to-service authentication (radiant_platform.service_auth): each service signs with its own
Ed25519 key; a callee admits a token only from a service it knows, addressed to it, for this very
request, fresh and once; the route names the services it admits."""

from __future__ import annotations

import json
import stat
import time
from pathlib import Path
from types import SimpleNamespace
from typing import Annotated

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from fastapi import FastAPI
from fastapi.testclient import TestClient

from radiant_platform.errors import install_problem_handlers
from radiant_platform.service_auth import (
    MAX_TOKEN_LIFETIME_SECONDS,
    TOKEN_TYPE,
    ReplayCache,
    ServiceAuthSettings,
    ServiceAuthUnavailable,
    ServiceCaller,
    ServiceSigner,
    ServiceUnauthorized,
    ServiceVerifier,
    encode_public_key,
    load_trust,
    require_service,
    write_internal_keys,
)

PATH = "/internal/v1/rollups"
BillingOnly = Annotated[ServiceCaller, require_service("billing")]


@pytest.fixture
def keys() -> dict[str, Ed25519PrivateKey]:
    return {name: Ed25519PrivateKey.generate() for name in ("billing", "identity")}


def _signer(keys: dict[str, Ed25519PrivateKey], service: str) -> ServiceSigner:
    return ServiceSigner(service, keys[service])


def _verifier(keys: dict[str, Ed25519PrivateKey], audience: str = "metering", **kw: object) -> ServiceVerifier:
    return ServiceVerifier(audience, {name: [key.public_key()] for name, key in keys.items()}, **kw)  # type: ignore[arg-type]


def _refused(verifier: ServiceVerifier, token: str, method: str = "GET", path: str = PATH, **kw: float) -> str:
    with pytest.raises(ServiceUnauthorized) as refused:
        verifier.verify(token, method, path, **kw)
    assert refused.value.status == 401
    return str(refused.value.detail)


def _raw(key: Ed25519PrivateKey, **claims: object) -> str:
    now = int(time.time())
    body = {
        "iss": "billing",
        "sub": "billing",
        "aud": "metering",
        "iat": now,
        "exp": now + 60,
        "jti": "j-1",
        "htm": "GET",
        "htu": PATH,
        **claims,
    }
    return jwt.encode(body, key, algorithm="EdDSA", headers={"typ": TOKEN_TYPE})


# --- the token -------------------------------------------------------------------------------------


def test_a_signed_request_names_its_service(keys):
    token = _signer(keys, "billing").token("metering", "get", PATH)
    caller = _verifier(keys).verify(token, "GET", PATH)
    assert caller.service == "billing" and caller.token_id
    header = jwt.get_unverified_header(token)
    assert header["alg"] == "EdDSA" and header["typ"] == TOKEN_TYPE
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] == 60 and claims["aud"] == "metering" and claims["htm"] == "GET"


def test_a_service_cannot_sign_as_another(keys):
    # identity's key, claiming to be billing: the signature is not one of billing's keys.
    forged = _raw(keys["identity"], iss="billing", sub="billing")
    assert "Invalid" in _refused(_verifier(keys), forged)


def test_an_unknown_service_or_a_subject_other_than_the_issuer_is_refused(keys):
    stranger = Ed25519PrivateKey.generate()
    assert "unknown service" in _refused(_verifier(keys), _raw(stranger, iss="audit", sub="audit"))
    assert "subject" in _refused(_verifier(keys), _raw(keys["billing"], sub="identity"))


def test_a_token_for_another_service_route_or_method_is_refused(keys):
    signer, verifier = _signer(keys, "billing"), _verifier(keys)
    assert "another service" in _refused(verifier, signer.token("approval", "GET", PATH))
    assert "another request" in _refused(verifier, signer.token("metering", "GET", "/internal/v1/other"))
    assert "another request" in _refused(verifier, signer.token("metering", "POST", PATH))


def test_a_token_is_used_once(keys):
    token = _signer(keys, "billing").token("metering", "GET", PATH)
    verifier = _verifier(keys)
    verifier.verify(token, "GET", PATH)
    assert "already used" in _refused(verifier, token)


def test_expiry_allows_the_configured_clock_skew_and_no_more(keys):
    issued = time.time() - 80  # expired 20 s ago
    token = _signer(keys, "billing").token("metering", "GET", PATH, now=issued)
    assert _verifier(keys, leeway=30).verify(token, "GET", PATH).service == "billing"
    assert "expired" in _refused(_verifier(keys, leeway=10), token)
    with pytest.raises(ValueError):
        _verifier(keys, leeway=61)


def test_long_lived_or_future_tokens_are_refused(keys):
    now = int(time.time())
    long_lived = _raw(keys["billing"], iat=now, exp=now + MAX_TOKEN_LIFETIME_SECONDS + 1)
    assert "longer" in _refused(_verifier(keys), long_lived)
    future = _raw(keys["billing"], iat=now + 300, exp=now + 330, jti="j-2")
    assert "future" in _refused(_verifier(keys), future)


def test_missing_claims_another_type_or_algorithm_are_refused(keys):
    now = int(time.time())
    no_path = jwt.encode(
        {"iss": "billing", "sub": "billing", "aud": "metering", "iat": now, "exp": now + 60, "jti": "x", "htm": "GET"},
        keys["billing"],
        algorithm="EdDSA",
        headers={"typ": TOKEN_TYPE},
    )
    assert "htu" in _refused(_verifier(keys), no_path)
    access_token = jwt.encode(
        {"iss": "billing", "sub": "billing", "aud": "metering"}, keys["billing"], algorithm="EdDSA"
    )
    assert "Not a service token" in _refused(_verifier(keys), access_token)
    unsigned = jwt.encode({"iss": "billing"}, None, algorithm="none", headers={"typ": TOKEN_TYPE})  # type: ignore[arg-type]
    assert "Not a service token" in _refused(_verifier(keys), unsigned)
    assert "Malformed" in _refused(_verifier(keys), "not-a-jwt")


def test_a_rotated_key_verifies_beside_the_old_one(keys):
    new_key = Ed25519PrivateKey.generate()
    verifier = ServiceVerifier("metering", {"billing": [keys["billing"].public_key(), new_key.public_key()]})
    for key in (keys["billing"], new_key):
        assert verifier.verify(ServiceSigner("billing", key).token("metering", "GET", PATH), "GET", PATH)


def test_without_keys_nothing_is_signed_and_nothing_admitted(keys):
    with pytest.raises(ServiceAuthUnavailable) as missing:
        ServiceSigner("billing", None).token("metering", "GET", PATH)
    assert missing.value.status == 503
    unconfigured = ServiceVerifier("metering", {}, unavailable="no trust file")
    assert "not configured" in _refused(unconfigured, _signer(keys, "billing").token("metering", "GET", PATH))


def test_the_replay_cache_forgets_expired_tokens_and_stays_bounded():
    cache = ReplayCache(size=2)
    assert cache.first_use("a", 10, now=0) and not cache.first_use("a", 10, now=1)
    assert cache.first_use("a", 30, now=11)  # expired entries are forgotten
    assert cache.first_use("b", 30, now=12) and cache.first_use("c", 30, now=12)
    assert len(cache._seen) == 2


def test_the_httpx_auth_signs_each_request_for_its_own_method_and_path(keys):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    with httpx.Client(transport=httpx.MockTransport(handler), base_url="http://metering") as client:
        auth = _signer(keys, "billing").auth("metering")
        client.get(PATH, params={"tenantId": "t"}, auth=auth)
        client.post("/internal/v1/other", auth=auth)
    verifier = _verifier(keys)
    for request in seen:
        token = request.headers["authorization"].removeprefix("Bearer ")
        assert verifier.verify(token, request.method, request.url.path).service == "billing"


# --- the route dependency ---------------------------------------------------------------------------


def _app(keys: dict[str, Ed25519PrivateKey]) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.service_verifier = _verifier(keys)

    @app.get(PATH)
    async def rollups(caller: BillingOnly) -> dict[str, str]:
        return {"caller": caller.service}

    return app


def test_the_route_admits_only_the_services_it_names(keys):
    client = TestClient(_app(keys))
    ok = client.get(PATH, headers=_signer(keys, "billing").headers("metering", "GET", PATH))
    assert ok.status_code == 200 and ok.json() == {"caller": "billing"}
    other = client.get(PATH, headers=_signer(keys, "identity").headers("metering", "GET", PATH))
    assert other.status_code == 403 and other.headers["content-type"].startswith("application/problem+json")
    assert other.json()["allowed_services"] == ["billing"]
    anonymous = client.get(PATH)
    assert anonymous.status_code == 401 and anonymous.headers["www-authenticate"].startswith("Bearer")


def test_a_service_without_service_auth_settings_admits_nobody(keys):
    app = _app(keys)
    del app.state.service_verifier
    app.state.runtime = SimpleNamespace(settings=SimpleNamespace(service_name="metering"))
    response = TestClient(app).get(PATH, headers=_signer(keys, "billing").headers("metering", "GET", PATH))
    assert response.status_code == 401


# --- settings and key files ---------------------------------------------------------------------------


class _Settings(ServiceAuthSettings):
    service_name: str = "metering"


#: Real-looking values for the other secrets the platform refuses to default outside dev.
PROD = {"RADIANT_ENV": "prod", "SERVICE_KEY_PEPPER": "a-real-pepper-0f3c9a"}


def test_outside_dev_the_key_and_trust_file_are_required(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("INTERNAL_TRUST_FILE", raising=False)  # the local stack's, when its env is exported
    with pytest.raises(ValueError, match="internal_key_file, internal_trust_file"):
        _Settings(**PROD)
    with pytest.raises(ValueError, match="internal_trust_file"):
        _Settings(**PROD, internal_key_file=tmp_path / "k.pem")
    configured = _Settings(**PROD, internal_key_file=tmp_path / "k.pem", INTERNAL_TRUST_FILE=tmp_path / "t.json")
    assert configured.internal_token_leeway_seconds == 30
    assert _Settings(RADIANT_ENV="dev").internal_key_file is None  # dev: the stack provides them
    with pytest.raises(ValueError):
        _Settings(RADIANT_ENV="dev", INTERNAL_TOKEN_LEEWAY_SECONDS=120)


def test_settings_come_from_the_services_prefix_and_the_shared_trust_file(monkeypatch, tmp_path: Path):
    class Prefixed(ServiceAuthSettings):
        model_config = {"env_prefix": "METERING_"}

    monkeypatch.setenv("METERING_INTERNAL_KEY_FILE", str(tmp_path / "metering.pem"))
    monkeypatch.setenv("INTERNAL_TRUST_FILE", str(tmp_path / "trust.json"))
    settings = Prefixed()
    assert settings.internal_key_file == tmp_path / "metering.pem"
    assert settings.internal_trust_file == tmp_path / "trust.json"


def test_keygen_writes_private_keys_once_and_the_trust_file_of_their_public_keys(tmp_path: Path):
    folder = tmp_path / "internal"
    trust_file = write_internal_keys(folder, ["billing", "metering"])
    first = (folder / "billing.pem").read_bytes()
    assert stat.S_IMODE((folder / "billing.pem").stat().st_mode) == 0o600
    write_internal_keys(folder, ["billing", "metering", "identity"])
    assert (folder / "billing.pem").read_bytes() == first  # kept
    trust = load_trust(trust_file)
    assert set(trust) == {"billing", "metering", "identity"}
    settings = _Settings(internal_key_file=folder / "billing.pem", INTERNAL_TRUST_FILE=trust_file)
    signer = ServiceSigner("billing", ServiceSigner.from_settings(settings)._key)
    assert json.loads(trust_file.read_text())["billing"] == [encode_public_key(signer._key.public_key())]  # type: ignore[union-attr]
    verifier = ServiceVerifier.from_settings(_Settings(INTERNAL_TRUST_FILE=trust_file))
    assert verifier.verify(signer.token("metering", "GET", PATH), "GET", PATH).service == "billing"
    with pytest.raises(ValueError):
        write_internal_keys(folder, ["../escape"])
