"""A tenant's service keys (issue 11): created by its administrators and shown once, stored as a keyed
hash, listed with their last use, revoked at once — everywhere: the gateway and the services verify them."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import uuid
from datetime import UTC, datetime, timedelta

import httpx
import redis.asyncio as aioredis

from radiant_identity.config import Settings
from radiant_identity.service_keys import service as key_service
from radiant_platform.db import create_engine, create_sessionmaker, unit_of_work
from radiant_platform.service_keys import ServiceKeyStore
from radiant_testing import bearer, event_json, eventually, service_db, tail_topic

API = "/api/v2/admin/api-keys"
USAGE = {
    "providerId": "openai",
    "modelId": "gpt-4o",
    "modelName": "GPT-4o",
    "requestType": "chat",
    "inputTokens": 10,
    "outputTokens": 5,
    "latencyMs": 20,
}
KEY_SHAPE = re.compile(r"^rk_dev_([0-9a-f]{16})_[A-Za-z0-9_-]{43}$")


def _tenant() -> str:
    return f"t-{uuid.uuid4()}"


def _usage() -> dict:
    return {**USAGE, "requestId": str(uuid.uuid4())}


async def _stored(platform, key_id: str):
    async with service_db(platform, "identity") as conn:
        return await conn.fetchrow("SELECT * FROM identity.service_keys WHERE id = $1", key_id)


async def test_a_key_is_shown_once_and_stored_only_as_its_keyed_hash(platform, gateway, make_token):
    tenant = _tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    async with tail_topic(platform, "audit-events") as audit:
        r = await gateway.post(API, json={"name": "ai-gateway", "scopes": ["usage:write"]}, headers=admin)
        assert r.status_code == 201, r.text
        [created] = await audit.wait_for(
            lambda rec: rec.key == tenant.encode() and event_json(rec)["data"]["action"] == "api_key.create"
        )
    body = r.json()
    secret, key = body["secret"], body["apiKey"]
    match = KEY_SHAPE.match(secret)
    assert match and match.group(1) == key["id"]
    assert key["prefix"] == f"rk_dev_{key['id']}_" and key["status"] == "active" and key["scopes"] == ["usage:write"]
    assert key["environment"] == "dev" and key["lastUsedAt"] is None and key["expiresAt"] is None

    # stored: the HMAC-SHA256 of the whole key under the platform's pepper, and nothing of the secret
    row = await _stored(platform, key["id"])
    pepper = Settings().service_key_pepper
    assert row["key_hash"] == hmac.new(pepper.encode(), secret.encode(), hashlib.sha256).hexdigest()
    secret_part = secret.split("_", 3)[3]
    assert all(secret_part not in str(value) for value in row.values())
    assert row["tenant_id"] == tenant and row["status"] == "active"

    # never retrievable again: the list shows the prefix only; the audit event names the key, not its secret
    listed = await gateway.get(API, headers=admin)
    assert listed.status_code == 200 and secret_part not in listed.text
    assert [k["id"] for k in listed.json()["apiKeys"]] == [key["id"]]
    data = event_json(created)["data"]
    assert data["resource_id"] == key["id"] and secret_part not in str(data)
    assert data["details"]["scopes"] == ["usage:write"]


async def test_a_key_records_usage_for_its_own_tenant_and_its_last_use_is_listed(platform, gateway, make_token):
    tenant = _tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    created = (await gateway.post(API, json={"name": "producer", "scopes": ["usage:write"]}, headers=admin)).json()
    r = await gateway.post("/api/v2/metering/record", json=_usage(), headers=bearer(created["secret"]))
    assert r.status_code == 202, r.text

    async def last_use():
        listed = (await gateway.get(API, headers=admin)).json()["apiKeys"]
        return listed[0]["lastUsedAt"]

    used = datetime.fromisoformat(await eventually(last_use, what="the key's last use"))
    assert abs(datetime.now(UTC) - used) < timedelta(minutes=1)

    # identity's last-use job folds the verifiers' marks into its database (Redis may be lost)
    settings = Settings()
    redis = aioredis.from_url(platform["REDIS_URL"])
    engine = create_engine(settings)
    try:
        async with unit_of_work(create_sessionmaker(engine)) as session:
            await key_service.persist_last_use(session, ServiceKeyStore(redis, settings.service_key_pepper))
    finally:
        await engine.dispose()
        await redis.aclose()
    stored = (await _stored(platform, created["apiKey"]["id"]))["last_used_at"]
    assert stored is not None and abs(stored - used) < timedelta(seconds=1)


async def test_a_revoked_key_is_refused_at_once_by_the_gateway_and_the_service(platform, gateway, make_token):
    tenant = _tenant()
    admin = bearer(make_token(role="super_admin", tenant_id=tenant))
    created = (await gateway.post(API, json={"name": "to-revoke", "scopes": ["usage:write"]}, headers=admin)).json()
    key = bearer(created["secret"])
    assert (await gateway.post("/api/v2/metering/record", json=_usage(), headers=key)).status_code == 202
    async with tail_topic(platform, "audit-events") as audit:
        revoked = await gateway.delete(f"{API}/{created['apiKey']['id']}", headers=admin)
        assert revoked.status_code == 200, revoked.text
        # the very next requests, through the gateway and straight to the service
        refused = await gateway.post("/api/v2/metering/record", json=_usage(), headers=key)
        async with httpx.AsyncClient(base_url=platform.service_url("metering")) as metering:
            direct = await metering.post("/api/v2/metering/batch", json={"events": [_usage()]}, headers=key)
        await audit.wait_for(
            lambda rec: rec.key == tenant.encode() and event_json(rec)["data"]["action"] == "api_key.revoke"
        )
    assert revoked.json()["apiKey"]["status"] == "revoked" and revoked.json()["apiKey"]["revokedAt"]
    assert refused.status_code == 401 and refused.headers["content-type"].startswith("application/problem+json")
    assert direct.status_code == 401
    assert (await gateway.delete(f"{API}/{created['apiKey']['id']}", headers=admin)).status_code == 409
    assert (await _stored(platform, created["apiKey"]["id"]))["status"] == "revoked"


async def test_who_may_manage_keys_and_what_a_key_may_carry(platform, gateway, make_token):
    tenant = _tenant()
    admin = bearer(make_token(role="admin", tenant_id=tenant))
    for role in ("operator", "auditor"):
        r = await gateway.post(
            API, json={"name": "x", "scopes": ["usage:write"]}, headers=bearer(make_token(role=role, tenant_id=tenant))
        )
        assert r.status_code == 403, role
    assert (await gateway.get(API, headers=bearer(make_token(role="operator", tenant_id=tenant)))).status_code == 200
    assert (await gateway.get(API, headers=bearer(make_token(role="auditor", tenant_id=tenant)))).status_code == 403
    operator = bearer(make_token(kind="operator"))
    assert (await gateway.post(API, json={"name": "x", "scopes": ["usage:write"]}, headers=operator)).status_code == 403
    # a production key is a production credential: a session without a second factor may not mint one
    no_mfa = bearer(make_token(role="super_admin", tenant_id=_tenant(), environment="prod", amr=["pwd"]))
    r = await gateway.post(API, json={"name": "prod", "scopes": ["usage:write"]}, headers=no_mfa)
    assert r.status_code == 403, r.text
    prod = bearer(make_token(role="super_admin", tenant_id=_tenant(), environment="prod"))
    r = await gateway.post(API, json={"name": "prod", "scopes": ["usage:write"]}, headers=prod)
    assert r.status_code == 201 and r.json()["secret"].startswith("rk_prod_")

    r = await gateway.post(API, json={"name": "bad", "scopes": ["admin:write"]}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"].startswith("scopes")
    r = await gateway.post(API, json={"name": "none", "scopes": []}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "scopes"
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    r = await gateway.post(API, json={"name": "old", "scopes": ["usage:write"], "expiresAt": past}, headers=admin)
    assert r.status_code == 422 and r.json()["errors"][0]["field"] == "expiresAt"
    assert (await gateway.post(API, json={"name": "dup", "scopes": ["quota:read"]}, headers=admin)).status_code == 201
    assert (await gateway.post(API, json={"name": "DUP", "scopes": ["quota:read"]}, headers=admin)).status_code == 409

    # a key without usage:write cannot record usage; a key reaches no administrator's route
    quota_only = (await gateway.post(API, json={"name": "quota", "scopes": ["quota:read"]}, headers=admin)).json()
    key = bearer(quota_only["secret"])
    assert (await gateway.post("/api/v2/metering/record", json=_usage(), headers=key)).status_code == 403
    assert (await gateway.get(API, headers=key)).status_code == 403
    assert (await gateway.get("/api/v2/me", headers=key)).status_code == 403

    # another tenant's key is not found; a made-up or malformed key is refused
    other = bearer(make_token(role="super_admin", tenant_id=_tenant()))
    assert (await gateway.delete(f"{API}/{quota_only['apiKey']['id']}", headers=other)).status_code == 404
    forged = quota_only["secret"][:-4] + ("AAAA" if not quota_only["secret"].endswith("AAAA") else "BBBB")
    for token in (forged, "rk_dev_nothing", "rk_prod_" + quota_only["secret"][7:]):
        assert (await gateway.post("/api/v2/metering/record", json=_usage(), headers=bearer(token))).status_code == 401


async def test_a_key_stops_working_when_it_expires(platform, gateway, make_token):
    admin = bearer(make_token(role="admin", tenant_id=_tenant()))
    soon = datetime.now(UTC) + timedelta(seconds=2)
    r = await gateway.post(
        API, json={"name": "brief", "scopes": ["usage:write"], "expiresAt": soon.isoformat()}, headers=admin
    )
    assert r.status_code == 201, r.text
    key = bearer(r.json()["secret"])
    assert (await gateway.post("/api/v2/metering/record", json=_usage(), headers=key)).status_code == 202
    await asyncio.sleep(max(0.0, (soon - datetime.now(UTC)).total_seconds()) + 1.5)
    assert (await gateway.post("/api/v2/metering/record", json=_usage(), headers=key)).status_code == 401
    listed = (await gateway.get(API, headers=admin)).json()["apiKeys"]
    assert listed[0]["status"] == "expired"


async def test_the_reconcile_restores_lost_keys_and_never_revives_a_revoked_one(platform, gateway, make_token):
    admin = bearer(make_token(role="admin", tenant_id=_tenant()))
    kept = (await gateway.post(API, json={"name": "kept", "scopes": ["usage:write"]}, headers=admin)).json()
    gone = (await gateway.post(API, json={"name": "gone", "scopes": ["usage:write"]}, headers=admin)).json()
    assert (await gateway.delete(f"{API}/{gone['apiKey']['id']}", headers=admin)).status_code == 200

    settings = Settings()
    redis = aioredis.from_url(platform["REDIS_URL"])
    store = ServiceKeyStore(redis, settings.service_key_pepper)
    try:
        await redis.delete(f"rk:key:{kept['apiKey']['id']}")  # Redis lost the record
        assert (
            await gateway.post("/api/v2/metering/record", json=_usage(), headers=bearer(kept["secret"]))
        ).status_code == 401
        engine = create_engine(settings)
        try:
            async with unit_of_work(create_sessionmaker(engine)) as session:
                await key_service.reconcile_store(session, store)
        finally:
            await engine.dispose()
    finally:
        await redis.aclose()
    ok = await gateway.post("/api/v2/metering/record", json=_usage(), headers=bearer(kept["secret"]))
    assert ok.status_code == 202, ok.text
    revived = await gateway.post("/api/v2/metering/record", json=_usage(), headers=bearer(gone["secret"]))
    assert revived.status_code == 401
