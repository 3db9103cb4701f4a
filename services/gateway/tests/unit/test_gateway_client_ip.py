"""The gateway names the client by the platform's one trusted-proxy rule, memoised or not."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from starlette.requests import Request

from radiant_gateway.config import Settings
from radiant_gateway.endpoints import MAX_MEMO_ADDRESS, UNKNOWN_CLIENT, client_ip


def request(peer: str | None, forwarded: str | None = None) -> Request:
    headers = [(b"x-forwarded-for", forwarded.encode())] if forwarded is not None else []
    return Request(
        {
            "type": "http",
            "method": "GET",
            "path": "/",
            "headers": headers,
            "query_string": b"",
            "client": (peer, 5000) if peer else None,
        }
    )


def test_by_default_no_forwarded_address_is_believed() -> None:
    assert Settings.model_fields["trusted_proxies"].default == []  # the gateway faces the clients
    assert client_ip(request("198.51.100.7", "203.0.113.9"), ()) == "198.51.100.7"


def test_a_trusted_proxy_names_the_client_with_its_first_address() -> None:
    trusted = ("10.0.0.0/8",)
    assert client_ip(request("10.1.2.3", "203.0.113.9, 10.9.9.9"), trusted) == "203.0.113.9"
    assert client_ip(request("192.0.2.1", "203.0.113.9"), trusted) == "192.0.2.1"  # not the proxy
    assert client_ip(request("10.1.2.3", ", 203.0.113.9"), trusted) == "10.1.2.3"  # empty first entry


def test_an_address_that_does_not_parse_is_unknown() -> None:
    assert client_ip(request("10.1.2.3", "not-an-ip"), ("10.0.0.0/8",)) == UNKNOWN_CLIENT
    assert client_ip(request(None), ()) == UNKNOWN_CLIENT
    long_garbage = "x" * (MAX_MEMO_ADDRESS + 1)
    assert client_ip(request("10.1.2.3", long_garbage), ("10.0.0.0/8",)) == UNKNOWN_CLIENT


def test_a_trusted_proxy_that_is_not_an_address_is_refused_at_start_up() -> None:
    with pytest.raises(ValidationError):
        Settings(trusted_proxies=["lb.internal"])
