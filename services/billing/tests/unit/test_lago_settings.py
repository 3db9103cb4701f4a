"""Lago's secrets outside dev: the repository's development key never signs or verifies anything."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from radiant_billing.config import DEV_LAGO_API_KEY, Settings
from radiant_billing.providers.signatures import SignatureRefused, hmac_signature, verify_hmac
from radiant_platform.settings import DEV_SECRET_MARKERS

REAL = {
    "stripe_api_key": "sk_live_realistic_key",
    "stripe_webhook_secret": "whsec_real_secret_value",
    "internal_key_file": "/run/secrets/internal-key.pem",
    "INTERNAL_TRUST_FILE": "/run/secrets/internal-trust.json",
}


@pytest.fixture(autouse=True)
def production(monkeypatch):
    for name, value in os.environ.items():
        if any(marker in value for marker in DEV_SECRET_MARKERS) or name.startswith("BILLING_LAGO_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("RADIANT_ENV", "prod")
    monkeypatch.setenv("SERVICE_KEY_PEPPER", "a-production-pepper-of-some-length")


def test_a_stripe_deployment_accepts_no_hmac_webhook_signed_with_the_development_key():
    settings = Settings(**REAL)  # billed by Stripe: no Lago key configured, the development default stays
    body = b'{"webhook_type":"invoice.created","object_type":"invoice"}'
    assert settings.lago_hmac_key == ""
    with pytest.raises(SignatureRefused):
        verify_hmac(body, hmac_signature(body, DEV_LAGO_API_KEY), settings.lago_hmac_key)


def test_lago_outside_dev_needs_a_real_api_key_and_signs_hmac_with_the_configured_key():
    with pytest.raises(ValidationError, match=r"lago_api_key (uses a development secret|is the development key)"):
        Settings(**REAL, billing_provider="lago")
    settings = Settings(**REAL, billing_provider="lago", lago_api_key="lago_live_key_value")
    assert settings.lago_hmac_key == "lago_live_key_value"  # Lago's default HMAC key is the API key
    settings = Settings(
        **REAL, billing_provider="lago", lago_api_key="lago_live_key_value", lago_webhook_hmac_key="hmac-real-value"
    )
    assert settings.lago_hmac_key == "hmac-real-value"
    with pytest.raises(ValidationError, match="lago_webhook_hmac_key uses a development secret"):
        Settings(**REAL, lago_webhook_hmac_key="lago-hmac-dev")
