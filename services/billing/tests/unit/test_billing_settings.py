"""Billing's secrets under the platform's guard (issue 12, Low): an empty Stripe webhook secret would
make any signature verify, so outside dev it is refused like a development one."""

from __future__ import annotations

import os

import pytest
from pydantic import ValidationError

from radiant_billing.config import Settings
from radiant_platform.settings import DEV_SECRET_MARKERS

REAL = {
    "stripe_api_key": "sk_live_realistic_key",
    "stripe_webhook_secret": "whsec_real_secret_value",
    # Outside dev billing needs its service-to-service key and the trust file (radiant_platform.service_auth).
    "internal_key_file": "/run/secrets/internal-key.pem",
    "INTERNAL_TRUST_FILE": "/run/secrets/internal-trust.json",
}


@pytest.fixture(autouse=True)
def production(monkeypatch):
    # The suite runs with the local stack's environment exported (dev passwords in the database and
    # Kafka URLs); a production process has none of those, so neither does this one.
    for name, value in os.environ.items():
        if any(marker in value for marker in DEV_SECRET_MARKERS):
            monkeypatch.delenv(name)
    monkeypatch.setenv("RADIANT_ENV", "prod")
    monkeypatch.setenv("SERVICE_KEY_PEPPER", "a-production-pepper-of-some-length")


def test_an_empty_webhook_secret_is_refused_outside_dev():
    with pytest.raises(ValidationError, match="stripe_webhook_secret is empty"):
        Settings(**(REAL | {"stripe_webhook_secret": ""}))


def test_the_development_webhook_secret_and_keys_are_refused_outside_dev():
    with pytest.raises(ValidationError, match="stripe_webhook_secret uses a development secret"):
        Settings(**(REAL | {"stripe_webhook_secret": "whsec_test_dev"}))
    with pytest.raises(ValidationError, match="stripe_api_key is empty"):
        Settings(**(REAL | {"stripe_api_key": ""}))


def test_real_secrets_pass():
    assert Settings(**REAL).environment == "prod"
