import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest

from radiant_billing.invoicing import due_date_for, verify_webhook
from radiant_billing.metering_client import MeteringUnavailable, parse_rollups
from radiant_billing.schemas import SettingsUpdate
from radiant_platform.clients import client_from
from radiant_platform.errors import ProblemError

SECRET = "whsec_unit"


def sign(payload: bytes, secret: str = SECRET, at: int | None = None) -> str:
    at = at or int(time.time())
    mac = hmac.new(secret.encode(), f"{at}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={at},v1={mac}"


def test_a_correctly_signed_webhook_is_accepted():
    payload = json.dumps({"id": "evt_1", "type": "invoice.paid", "data": {"object": {}}}).encode()
    assert verify_webhook(payload, sign(payload), SECRET, 300)["id"] == "evt_1"


@pytest.mark.parametrize("signature", [None, "t=1,v1=deadbeef", "garbage"])
def test_a_webhook_with_a_bad_or_missing_signature_is_a_400(signature):
    payload = b'{"id": "evt_1", "type": "invoice.paid"}'
    with pytest.raises(ProblemError) as err:
        verify_webhook(payload, signature, SECRET, 300)
    assert err.value.status == 400


def test_a_webhook_signed_with_another_secret_or_too_old_is_refused():
    payload = b'{"id": "evt_1", "type": "invoice.paid"}'
    with pytest.raises(ProblemError):
        verify_webhook(payload, sign(payload, "whsec_other"), SECRET, 300)
    with pytest.raises(ProblemError):
        verify_webhook(payload, sign(payload, at=int(time.time()) - 3600), SECRET, 300)


@pytest.mark.parametrize(
    "payload",
    [b"null", b"42", b"true", b'["evt_1"]', b'"evt_1"', b"{not json", b"\xff\xfe"]
    + [
        json.dumps(event).encode()
        for event in (
            {"id": "evt_1", "type": ["invoice.paid"]},
            {"id": None, "type": "invoice.paid"},
            {"id": 7, "type": "invoice.paid"},
            {"id": "evt_1", "type": "invoice.paid", "data": [1]},
            {"id": "evt_1", "type": "invoice.paid", "data": {"object": [None, None]}},
        )
    ],
)
def test_a_signed_payload_that_is_no_stripe_event_is_a_400_not_an_error(payload):
    # Found by the fuzzer: Stripe's own parser failed (500) on a signed body that is not an object,
    # and a list as `type` failed the handler lookup.
    with pytest.raises(ProblemError) as err:
        verify_webhook(payload, sign(payload), SECRET, 300)
    assert err.value.status == 400


def test_rollups_are_read_as_exact_decimals_and_floats_are_refused():
    body = {
        "models": [
            {
                "modelId": "gpt",
                "providerId": "openai",
                "requestCount": 2,
                "inputTokens": 1,
                "outputTokens": 2,
                "totalTokens": 3,
                "providerCost": "0.1",
                "billedCost": "0.12",
            }
        ]
    }
    [usage] = parse_rollups(body)
    assert usage.billed_cost == Decimal("0.12") and usage.model_name == "gpt"
    body["models"][0]["billedCost"] = 0.12
    with pytest.raises(MeteringUnavailable):
        parse_rollups(body)


def test_json_numbers_in_settings_keep_their_written_value():
    update = SettingsUpdate.model_validate({"marginPercent": 25.1, "budgetLimit": 1000})
    assert update.margin_percent == Decimal("25.1") and update.budget_limit == Decimal("1000")


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"marginPercent": None},
        {"taxPercent": "100.5"},
        {"billingCycleDay": 0},
        {"currency": "usd"},
        {"alertThresholds": []},
        {"unknownField": 1},
        {"marginPercent": "1.234"},
    ],
)
def test_invalid_settings_updates_are_refused(body):
    with pytest.raises(ValueError):
        SettingsUpdate.model_validate(body)


def client_ip(forwarded_for: str | None, peer: str | None) -> str | None:
    """The address billing's audit events name: the platform's trusted-proxy rule (the gateway on loopback)."""
    return client_from(forwarded_for, peer, None).ip


def test_client_ip_is_the_first_forwarded_address():
    assert client_ip("203.0.113.9, 10.0.0.1", "127.0.0.1") == "203.0.113.9"
    # an unparsable forwarded address is dropped, not replaced by the gateway's own address
    assert client_ip("not-an-ip", "127.0.0.1") is None
    assert client_ip(None, "127.0.0.1") == "127.0.0.1"


def test_due_date_counts_net_days_after_the_period_closes():
    from datetime import date

    assert due_date_for(date(2024, 12, 31), 30).isoformat() == "2025-01-31T00:00:00+00:00"
