"""Service keys' shape, hash and record (`radiant_platform.service_keys`); verification against Redis is
exercised on the real stack (identity's and metering's integration tests)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest

from radiant_platform.auth import service_key_principal
from radiant_platform.service_keys import (
    ServiceKeyRecord,
    display_prefix,
    is_service_key,
    key_hash,
    new_service_key,
    parse_service_key,
)


def test_a_new_key_names_its_environment_and_id_and_carries_256_random_bits():
    key_id, token = new_service_key("prod")
    assert token.startswith(f"rk_prod_{key_id}_") and len(key_id) == 16
    parsed = parse_service_key(token)
    assert parsed is not None and (parsed.environment, parsed.key_id) == ("prod", key_id)
    assert len(token.split("_", 3)[3]) == 43  # 32 bytes, URL-safe base64 without padding
    assert new_service_key("prod")[1] != token
    assert display_prefix("prod", key_id) == f"rk_prod_{key_id}_" and not token.endswith(display_prefix("prod", key_id))


def test_only_well_formed_keys_parse():
    _, token = new_service_key("dev")
    assert is_service_key(token) and not is_service_key("eyJhbGciOi.x.y")
    for bad in ("rk_dev_short_x", "rk_test_" + token[7:], token + "x", token.replace("rk_", "RK_"), "rk_"):
        assert parse_service_key(bad) is None, bad
    with pytest.raises(ValueError):
        new_service_key("test")


def test_the_stored_hash_is_an_hmac_under_the_pepper():
    _, token = new_service_key("dev")
    expected = hmac.new(b"pepper-1", token.encode(), hashlib.sha256).hexdigest()
    assert key_hash(token, "pepper-1") == expected
    assert key_hash(token, "pepper-2") != expected  # the table alone verifies nothing


def test_a_record_round_trips_and_knows_its_expiry():
    when = datetime(2030, 1, 1, tzinfo=UTC)
    record = ServiceKeyRecord("0123456789abcdef", "t1", "prod", ("usage:write",), "ab" * 32, "producer", when, 1.5)
    assert ServiceKeyRecord.from_json(record.to_json()) == record
    assert record.expired(when) and not record.expired(when - timedelta(seconds=1))
    assert not ServiceKeyRecord("0123456789abcdef", "t1", "dev", (), "ab" * 32).expired(when)


def test_a_key_speaks_for_its_tenants_producer_with_its_scopes_only():
    record = ServiceKeyRecord("0123456789abcdef", "t1", "prod", ("usage:write",), "ab" * 32, "producer")
    principal = service_key_principal(record)
    assert (principal.kind, principal.tenant_id, principal.subject, principal.environment) == (
        "service",
        "t1",
        "0123456789abcdef",
        "prod",
    )
    assert principal.can("usage:write")
    assert not principal.can("quota:read") and not principal.can("billing:read") and not principal.can("saas:write")


async def test_a_service_key_recorded_for_the_platform_tenant_is_refused():
    # Identity never issues one, but a key record naming the operators' stream must not speak for it.
    from radiant_platform.auth import PLATFORM_TENANT, Unauthorized, verify_service_key

    class _Store:
        async def verify(self, token: str) -> ServiceKeyRecord:
            return ServiceKeyRecord("0123456789abcdef", PLATFORM_TENANT, "dev", ("usage:write",), "ab" * 32)

    with pytest.raises(Unauthorized, match="platform"):
        await verify_service_key(_Store(), "rk_dev_0123456789abcdef_x")  # type: ignore[arg-type]
