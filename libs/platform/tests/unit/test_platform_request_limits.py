"""Request bodies are bounded before anything reads them (issue 12 #5): size by Content-Length and by
counted bytes for chunked bodies (413), JSON depth and members (422), all problem+json, per path prefix.

The app is built by `create_app`, as every service's is, without starting its lifespan (no broker or
database is needed to refuse a body)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel

from radiant_platform.app import ServiceSpec, create_app
from radiant_platform.limits import DEFAULT_MAX_BODY_BYTES, BodyLimit, json_structure_problem
from radiant_platform.settings import ServiceSettings

PROBLEM = "application/problem+json"
MiB = 1024 * 1024


class Thing(BaseModel):
    name: str
    payload: object = None


def _router() -> APIRouter:
    router = APIRouter()

    @router.post("/api/v2/things")
    async def create(body: Thing) -> dict[str, int]:
        return {"size": len(json.dumps(body.model_dump()))}

    @router.post("/api/v2/bulk/things")
    async def bulk(body: list[Thing]) -> dict[str, int]:
        return {"count": len(body)}

    @router.post("/api/v2/tiny")
    async def tiny(body: Thing) -> dict[str, str]:
        return {"name": body.name}

    @router.get("/api/v2/things")
    async def read() -> dict[str, str]:
        return {"ok": "yes"}

    return router


def _client(**spec: object) -> httpx.AsyncClient:
    app = create_app(
        ServiceSpec(settings=ServiceSettings(service_name="limits-test"), title="t", routers=[_router()], **spec)  # type: ignore[arg-type]
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, raise_app_exceptions=False), base_url="http://t")


def _thing_of_size(size: int) -> bytes:
    return json.dumps({"name": "x", "payload": "a" * size}).encode()


async def _chunks(body: bytes, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _assert_problem(response: httpx.Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == status
    return body  # type: ignore[no-any-return]


async def test_a_body_declared_larger_than_the_limit_is_413_problem_json():
    async with _client() as client:
        response = await client.post(
            "/api/v2/things",
            content=_thing_of_size(DEFAULT_MAX_BODY_BYTES),
            headers={"content-type": "application/json"},
        )
    body = _assert_problem(response, 413)
    assert body["title"] == "Content Too Large"
    assert body["instance"] == "/api/v2/things"
    assert body["maxBytes"] == DEFAULT_MAX_BODY_BYTES


async def test_a_chunked_body_is_counted_and_refused_once_past_the_limit():
    big = _thing_of_size(DEFAULT_MAX_BODY_BYTES)
    async with _client() as client:
        response = await client.post(
            "/api/v2/things", content=_chunks(big), headers={"content-type": "application/json"}
        )
    assert "content-length" not in response.request.headers  # really chunked
    assert response.request.headers["transfer-encoding"] == "chunked"
    _assert_problem(response, 413)


async def test_a_body_within_the_limit_arrives_intact_declared_or_chunked():
    body = _thing_of_size(DEFAULT_MAX_BODY_BYTES - 1024)
    expected = len(json.dumps(json.loads(body)))
    async with _client() as client:
        declared = await client.post("/api/v2/things", content=body, headers={"content-type": "application/json"})
        chunked = await client.post(
            "/api/v2/things", content=_chunks(body), headers={"content-type": "application/json"}
        )
        read = await client.get("/api/v2/things")
    assert declared.status_code == 200 and declared.json() == {"size": expected}
    assert chunked.status_code == 200 and chunked.json() == {"size": expected}
    assert read.json() == {"ok": "yes"}


def _nested(depth: int) -> object:
    value: object = "leaf"  # a string: `depth` containers around it
    for level in range(depth):
        value = {"n": value} if level % 2 else [value]
    return value


async def test_json_nested_deeper_than_the_limit_is_422_naming_the_body():
    async with _client() as client:
        deep = await client.post("/api/v2/things", json={"name": "x", "payload": _nested(40)})
        fine = await client.post("/api/v2/things", json={"name": "x", "payload": _nested(30)})
    body = _assert_problem(deep, 422)
    [error] = body["errors"]  # type: ignore[misc]
    assert error["field"] == "body" and error["type"] == "json_too_deep"
    assert "32" in error["message"]
    assert fine.status_code == 200, fine.text


async def test_json_with_too_many_members_is_422():
    async with _client() as client:
        response = await client.post(
            "/api/v2/things", json={"name": "x", "payload": {f"k{i}": i for i in range(BodyLimit().max_json_keys + 1)}}
        )
    body = _assert_problem(response, 422)
    assert body["errors"][0]["type"] == "json_too_many_members"  # type: ignore[index]


async def test_a_prefix_may_raise_or_lower_the_limit():
    limits = {"/api/v2/bulk/": BodyLimit(max_bytes=4 * MiB), "/api/v2/tiny": BodyLimit(max_bytes=100)}
    many = json.dumps([{"name": "x", "payload": "a" * 1000} for _ in range(1500)]).encode()  # ~1.5 MiB
    assert len(many) > DEFAULT_MAX_BODY_BYTES
    async with _client(body_limits=limits) as client:
        bulk = await client.post("/api/v2/bulk/things", content=many, headers={"content-type": "application/json"})
        default = await client.post("/api/v2/things", content=many, headers={"content-type": "application/json"})
        tiny = await client.post("/api/v2/tiny", json={"name": "x" * 200})
    assert bulk.status_code == 200 and bulk.json() == {"count": 1500}
    _assert_problem(default, 413)
    assert _assert_problem(tiny, 413)["maxBytes"] == 100


@pytest.mark.parametrize(
    "text",
    [
        '{"a": "' + "[" * 100 + '"}',  # brackets inside a string are text, not nesting
        '{"a": "\\"' + "{" * 100 + '\\""}',  # escaped quotes do not end the string
        '{"a": "\\\\", "b": [1, 2]}',  # an escaped backslash before the closing quote
        '{"a": ":::::", "b": "{}{}{}"}',  # colons in strings are not members
    ],
)
def test_strings_never_count_as_structure(text):
    json.loads(text)  # each case is valid JSON
    assert json_structure_problem(text.encode(), max_depth=2, max_keys=4) is None


def test_depth_and_members_are_measured_exactly():
    assert json_structure_problem(json.dumps(_nested(5)).encode(), max_depth=5, max_keys=10) is None
    assert json_structure_problem(json.dumps([[1], [2], [[3]]] * 3).encode(), max_depth=3, max_keys=30) is None
    assert json_structure_problem(json.dumps(_nested(6)).encode(), max_depth=5, max_keys=10) is not None
    five = json.dumps({"a": 1, "b": {"c": 2}}).encode()  # three members, two objects
    assert json_structure_problem(five, max_depth=5, max_keys=5) is None
    assert json_structure_problem(five, max_depth=5, max_keys=4) is not None
    flood = b"[" * 100_000  # refused by its count, before any walk
    assert json_structure_problem(flood, max_depth=32, max_keys=5000) == (
        "json_too_many_members",
        "JSON has more than 5000 members, objects and arrays",
    )


async def test_unexpected_405_answers_name_the_allowed_methods():
    async with _client() as client:
        response = await client.delete("/api/v2/things")
    _assert_problem(response, 405)
    assert set(response.headers["allow"].replace(" ", "").split(",")) == {"GET", "POST"}


@pytest.mark.parametrize(
    ("method", "url", "body", "where"),
    [
        ("GET", "/api/v2/things?q=a%00b", None, "query"),
        ("GET", "/api/v2/things/a%00b", None, "path"),
        ("POST", "/api/v2/things", b'{"name": "a\\u0000b"}', "body"),
        ("POST", "/api/v2/things", b'{"name": "x", "payload": {"k\\u0000": 1}}', "body"),
        ("POST", "/api/v2/things", b'{"name": "\\\\\\u0000"}', "body"),  # an escaped backslash, then NUL
    ],
)
async def test_text_holding_nul_is_refused_before_it_reaches_the_database(method, url, body, where):
    # Found by the fuzzer: PostgreSQL cannot store NUL, so such text failed deep inside (a 500).
    async with _client() as client:
        response = await client.request(method, url, content=body, headers={"content-type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert [error["field"] for error in response.json()["errors"]] == [where]


async def test_an_escaped_backslash_before_u0000_is_text_not_nul():
    async with _client() as client:
        response = await client.post(
            "/api/v2/things", content=b'{"name": "C:\\\\u0000"}', headers={"content-type": "application/json"}
        )
    assert response.status_code == 200, response.text
