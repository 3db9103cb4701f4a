"""`GET /me` looks the impersonation banner up only for a token that may be an impersonation's: every
other caller (the console on each load, the AI path's dashboards) is answered without a database session."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from radiant_identity.endpoints import _impersonation_banner
from radiant_platform.auth import Principal

TENANT = "5d2f6a8e-0000-4000-8000-000000000001"


def _principal(**claims: object) -> Principal:
    return Principal(subject="u-1", tenant_id=TENANT, role="admin", environment="dev", amr=("pwd",), **claims)


class SessionOpened(Exception):
    pass


def _runtime_without_database() -> SimpleNamespace:
    def session_factory() -> None:
        raise SessionOpened

    return SimpleNamespace(session_factory=session_factory)


@pytest.mark.parametrize(
    "claims",
    [
        {"token_id": "3f1c0c3e-8d0b-4c39-9d0f-000000000002"},  # an administrator's own session
        {},  # a token without an id
        {"actor_subject": "op-1"},  # an operator's act claim without a session id to find
    ],
)
async def test_a_token_that_cannot_be_an_impersonation_opens_no_database_session(claims):
    assert await _impersonation_banner(_runtime_without_database(), _principal(**claims)) is None


async def test_an_impersonation_token_looks_its_session_up():
    principal = _principal(actor_subject="op-1", token_id="3f1c0c3e-8d0b-4c39-9d0f-000000000003")
    with pytest.raises(SessionOpened):
        await _impersonation_banner(_runtime_without_database(), principal)
