"""The gateway, driven over HTTP as a dashboard would: tokens, permissions, routing, readiness."""

from __future__ import annotations

import uuid
from datetime import timedelta

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_testing import bearer

PROBLEM = "application/problem+json"


async def test_gateway_readyz_reports_every_service_ready(gateway):
    response = await gateway.get("/readyz")
    assert response.status_code == 200, response.text
    checks = response.json()["checks"]
    assert {name for name, state in checks.items() if state == "ok"} >= {
        "identity",
        "approval",
        "metering",
        "billing",
        "audit",
        "redis",
    }


async def test_public_jwks_is_served_through_the_gateway(gateway):
    response = await gateway.get("/.well-known/jwks.json")
    assert response.status_code == 200
    [key] = response.json()["keys"]
    assert key["kty"] == "OKP" and key["crv"] == "Ed25519" and key["alg"] == "EdDSA"


async def test_a_valid_token_reaches_the_owning_service_with_the_tenant_from_the_token(gateway, make_token):
    tenant = str(uuid.uuid4())
    response = await gateway.get("/api/v2/me", headers=bearer(make_token(role="auditor", tenant_id=tenant)))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["tenantId"] == tenant
    assert body["role"] == "auditor"
    assert "audit:read" in body["permissions"]


async def test_missing_token_is_401_problem(gateway):
    response = await gateway.get("/api/v2/me")
    assert response.status_code == 401
    assert response.headers["content-type"].startswith(PROBLEM)
    assert response.json()["detail"] == "Missing bearer token"
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_expired_token_is_401(gateway, make_token):
    token = make_token(ttl=timedelta(seconds=-30))
    response = await gateway.get("/api/v2/me", headers=bearer(token))
    assert response.status_code == 401
    assert response.json()["detail"] == "Token expired"


async def test_token_signed_by_another_key_is_401(gateway, stack):
    forged = jwt.encode(
        {
            "sub": "x",
            "tenant_id": "t",
            "role": "super_admin",
            "iss": stack["JWT_ISSUER"],
            "aud": stack["JWT_AUDIENCE"],
            "iat": 1,
            "exp": 4102444800,
        },
        Ed25519PrivateKey.generate(),
        algorithm="EdDSA",
        headers={"kid": "attacker"},
    )
    response = await gateway.get("/api/v2/me", headers=bearer(forged))
    assert response.status_code == 401


async def test_token_with_a_known_kid_but_a_forged_signature_is_401(gateway, make_token):
    header, _payload, _ = make_token(role="super_admin").split(".")
    tampered = jwt.api_jws.base64url_encode(b'{"sub":"x","tenant_id":"other","role":"super_admin"}').decode()
    response = await gateway.get("/api/v2/me", headers=bearer(f"{header}.{tampered}.{_}"))
    assert response.status_code == 401


async def test_token_with_a_non_eddsa_algorithm_is_401(gateway, stack):
    token = jwt.encode(
        {
            "sub": "x",
            "tenant_id": "t",
            "role": "super_admin",
            "iss": stack["JWT_ISSUER"],
            "aud": stack["JWT_AUDIENCE"],
            "iat": 1,
            "exp": 4102444800,
        },
        "s" * 32,
        algorithm="HS256",
    )
    response = await gateway.get("/api/v2/me", headers=bearer(token))
    assert response.status_code == 401
    assert "algorithm" in response.json()["detail"]


async def test_token_for_another_audience_is_401(gateway, make_token):
    response = await gateway.get("/api/v2/me", headers=bearer(make_token(aud="someone-else")))
    assert response.status_code == 401


async def test_wrong_permission_is_403_before_reaching_the_service(gateway, make_token):
    # seed: DELETE /admin/users/:id needs admin:* — an admin (admin:read/write) is refused
    token = make_token(role="admin")
    response = await gateway.delete(f"/api/v2/admin/users/{uuid.uuid4()}", headers=bearer(token))
    assert response.status_code == 403
    assert response.json()["required_permission"] == "admin:*"
    # seed: PUT /billing/settings needs billing:*; an operator only has billing:read
    response = await gateway.put("/api/v2/billing/settings", json={}, headers=bearer(make_token(role="operator")))
    assert response.status_code == 403


async def test_unknown_route_is_404_and_wrong_method_is_405(gateway, make_token):
    token = bearer(make_token())
    assert (await gateway.get("/api/v2/nothing-here", headers=token)).status_code == 404
    response = await gateway.patch("/api/v2/me", headers=token)
    assert response.status_code == 405
    assert response.headers["content-type"].startswith(PROBLEM)


async def test_merged_openapi_documents_routes_with_their_permissions(gateway):
    response = await gateway.get("/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    me = doc["paths"]["/api/v2/me"]["get"]
    assert me["security"] == [{"bearerAuth": []}]
    assert me["x-service"] == "identity"
    jwks = doc["paths"]["/.well-known/jwks.json"]["get"]
    assert jwks["security"] == []
