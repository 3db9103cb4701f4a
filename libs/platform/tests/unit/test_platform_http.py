"""Problem details and settings, without any external service."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from pydantic import BaseModel, Field, ValidationError

from radiant_platform.errors import ProblemError, install_problem_handlers
from radiant_platform.settings import ServiceSettings


class Body(BaseModel):
    email: str = Field(pattern=r".+@.+")
    hours: int = Field(ge=1, le=168)


def _app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/things")
    async def create(body: Body) -> dict[str, str]:
        return {"ok": "yes"}

    @app.get("/conflict")
    async def conflict() -> None:
        raise ProblemError(409, "Already there", existing_id="42")

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    return app


async def _client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=_app(), raise_app_exceptions=False), base_url="http://t")


async def test_validation_errors_are_problem_json_listing_each_field():
    async with await _client() as client:
        response = await client.post("/things", json={"email": "nope", "hours": 500})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["instance"] == "/things"
    assert sorted(e["field"] for e in body["errors"]) == ["email", "hours"]


async def test_problem_error_carries_status_detail_and_extensions():
    async with await _client() as client:
        response = await client.get("/conflict")
    assert response.status_code == 409
    assert response.json() | {} == {
        "type": "about:blank",
        "title": "Conflict",
        "status": 409,
        "instance": "/conflict",
        "detail": "Already there",
        "existing_id": "42",
    }


async def test_unexpected_errors_never_leak_internals():
    async with await _client() as client:
        response = await client.get("/boom")
    assert response.status_code == 500
    assert "secret" not in response.text
    assert response.json()["detail"] == "An unexpected error occurred"


def test_development_secrets_are_refused_outside_dev(monkeypatch):
    monkeypatch.setenv("RADIANT_ENV", "prod")
    with pytest.raises(ValidationError, match="development secret"):
        ServiceSettings(database_url="postgresql+asyncpg://billing:billing-dev@db/radiant")
    monkeypatch.setenv("RADIANT_ENV", "dev")
    assert ServiceSettings(database_url="postgresql+asyncpg://billing:billing-dev@db/radiant").environment == "dev"


def test_extensions_cannot_redefine_standard_problem_members():
    from starlette.requests import Request

    from radiant_platform.errors import problem_response

    request = Request({"type": "http", "method": "GET", "path": "/x", "headers": [], "query_string": b""})
    with pytest.raises(ValueError, match="instance"):
        problem_response(request, 409, instance="/elsewhere")
    with pytest.raises(ValueError, match="type"):
        problem_response(request, 409, **{"type": "https://example.test/other"})


def test_the_client_is_the_first_forwarded_address_or_the_peer():
    from radiant_platform.audit import client_from

    assert client_from("203.0.113.9, 10.0.0.1", "127.0.0.1", "curl/8").ip == "203.0.113.9"
    assert client_from(None, "127.0.0.1", None).ip == "127.0.0.1"
    assert client_from("not-an-ip", "127.0.0.1", None).ip is None
    assert client_from(None, None, "x" * 5000).user_agent == "x" * 1024
