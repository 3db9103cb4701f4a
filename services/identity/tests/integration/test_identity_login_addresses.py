"""A sign-in names an address to look up, not one to deliver to: any address-shaped email is
answered like an unknown account (401), never told apart by a 422 (found by the fuzzer: the email
validator refused special-use domains such as `.test` or `.local`)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "email", ["nobody@example.test", "ops@printer.local", "root@localhost", "a@b", "n\u0085l@\u00c4.example"]
)
@pytest.mark.parametrize("path", ["/api/v2/auth/login", "/api/v2/saas/auth/login"])
async def test_a_login_with_any_address_shaped_email_is_an_unknown_account(gateway, path, email):
    response = await gateway.post(path, json={"email": email, "password": "not the password"})
    assert response.status_code == 401, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("email", ["", "no-at-sign", "two@@signs", "spa ce@example.com", "x" * 321 + "@e.com"])
async def test_a_login_with_something_that_is_no_address_is_a_field_error(gateway, email):
    response = await gateway.post("/api/v2/auth/login", json={"email": email, "password": "not the password"})
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["email"]
