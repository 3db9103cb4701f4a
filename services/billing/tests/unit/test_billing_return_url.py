"""Stripe's billing portal sends the administrator back to the console's billing page, wherever the
console is served — not to a development address (the default was http://127.0.0.1:8000/console/billing
for every deployment that did not set BILLING_PAYMENT_METHOD_RETURN_URL)."""

from __future__ import annotations

from radiant_billing.config import Settings


def test_the_portal_returns_to_the_consoles_billing_page(monkeypatch):
    monkeypatch.delenv("BILLING_PAYMENT_METHOD_RETURN_URL", raising=False)
    monkeypatch.setenv("PUBLIC_APP_URL", "https://admin.example.com/console/")
    assert Settings().payment_method_return() == "https://admin.example.com/console/billing"


def test_without_a_public_url_it_is_the_gateways_console(monkeypatch):
    monkeypatch.delenv("BILLING_PAYMENT_METHOD_RETURN_URL", raising=False)
    monkeypatch.delenv("PUBLIC_APP_URL", raising=False)
    monkeypatch.setenv("GATEWAY_URL", "https://api.example.com")
    assert Settings().payment_method_return() == "https://api.example.com/console/billing"


def test_a_configured_return_address_wins(monkeypatch):
    monkeypatch.setenv("PUBLIC_APP_URL", "https://admin.example.com/console")
    monkeypatch.setenv("BILLING_PAYMENT_METHOD_RETURN_URL", "https://example.com/billing-done")
    assert Settings().payment_method_return() == "https://example.com/billing-done"
