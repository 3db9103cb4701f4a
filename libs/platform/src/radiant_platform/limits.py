"""Every request body is bounded before anything reads it (DESIGN.md §5, issue 12 #5).

`BodyLimitMiddleware` (installed by `create_app` for every service) refuses:
- a body larger than the path's limit, by its `Content-Length` before one byte is read, and by counting
  the bytes of a chunked body (no `Content-Length`) as they arrive: 413 problem+json. The rest of the
  upload is never buffered: the server discards it as it arrives. The connection is deliberately not
  closed at once, since a client still sending would then see a reset instead of the 413;
- a JSON body nested deeper than `max_json_depth` (32), or with more than `max_json_keys` members,
  objects and arrays in all: 422 problem+json naming the body, before FastAPI or pydantic parse it;
- text holding NUL (U+0000) in the path, the query or a JSON body (as `\\u0000`): PostgreSQL
  cannot store it, so it would fail the request deep inside instead (a 500); 422 naming where.

Why a scan of the raw bytes for the JSON bounds: Python's `json` parses any depth up to the
interpreter's recursion limit (about 1,000, then a 400) and pydantic validates the parsed objects,
so a free-form field (`dict[str, Any]`) keeps whatever nesting it is given; pydantic-core's own JSON
parser has a fixed recursion limit (200) and no member limit. `json_structure_problem` measures both
in a few C-speed passes over the bytes (escapes and strings cut out, then counts of `:` and of
opening brackets, and the running depth of at most `max_json_keys` brackets) — no per-character
Python loop; about half of `json.loads`'s time on a usage batch, a few ms on the worst 1 MiB — and
only on bodies that are JSON. The result is exact for valid JSON; invalid JSON is refused by the
parser after it.

Limits come from `ServiceSpec.body_limit` (the default, `BodyLimit()`: 1 MiB, depth 32, 5,000
members, objects and arrays) and `ServiceSpec.body_limits` (by path prefix, the longest prefix wins), e.g. metering's
usage batch allows `BULK_MAX_BODY_BYTES`. The gateway bounds sizes in its own forwarding path (a
length check on the hot path, per route) and leaves the JSON bounds to the service behind it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import PROBLEM_JSON, ProblemError

DEFAULT_MAX_BODY_BYTES = 1024 * 1024
#: For bulk endpoints. The usage batch (100 events of up to six 255-character labels) is at most
#: ~1.9 MB when a client writes every character as a JSON surrogate-pair escape (12 bytes a character).
BULK_MAX_BODY_BYTES = 4 * 1024 * 1024
#: For the operators' price-catalogue import (metering): LiteLLM's `model_prices_and_context_window.json`
#: is about 1.6 MB with some 40,000 members, and grows; four times that leaves room.
CATALOGUE_MAX_BODY_BYTES = 8 * 1024 * 1024
CATALOGUE_MAX_JSON_KEYS = 250_000
MAX_JSON_DEPTH = 32
#: Members (object keys), objects and arrays in the whole document: a full usage batch has about 1,500.
MAX_JSON_KEYS = 5_000

CONTENT_TOO_LARGE = "Content Too Large"  # RFC 9110 §15.5.14 (Python 3.11 still says "Request Entity…")


@dataclass(frozen=True)
class BodyLimit:
    max_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_json_depth: int = MAX_JSON_DEPTH
    max_json_keys: int = MAX_JSON_KEYS


class BodyLimits:
    """The limit of a path: the longest matching prefix's, else the default."""

    def __init__(self, default: BodyLimit | None = None, by_prefix: Mapping[str, BodyLimit] | None = None) -> None:
        self.default = default or BodyLimit()
        self._by_prefix = sorted((by_prefix or {}).items(), key=lambda item: len(item[0]), reverse=True)

    def for_path(self, path: str) -> BodyLimit:
        for prefix, limit in self._by_prefix:
            if path.startswith(prefix):
                return limit
        return self.default


def body_too_large(max_bytes: int) -> ProblemError:
    """The 413 every refusal answers (the gateway raises it; the middleware sends the same document)."""
    return ProblemError(
        413,
        f"The request body is larger than {max_bytes} bytes",
        title=CONTENT_TOO_LARGE,
        maxBytes=max_bytes,
    )


# --- JSON structure -------------------------------------------------------------------------------

#: What the structure of a JSON text is made of; every other byte is deleted before measuring.
_NOT_STRUCTURE = bytes(b for b in range(256) if b not in b'[]{}":')
_DEPTH_STEP = [0] * 256
_DEPTH_STEP[ord("[")] = _DEPTH_STEP[ord("{")] = 1
_DEPTH_STEP[ord("]")] = _DEPTH_STEP[ord("}")] = -1


def json_structure_problem(body: bytes, *, max_depth: int, max_keys: int) -> tuple[str, str] | None:
    """(type, message) when the JSON text nests deeper than `max_depth`, or has more than `max_keys`
    members, objects and arrays in all; None when within both."""
    structure = _outside_strings(body)
    opening = structure.count(b"[") + structure.count(b"{")
    if structure.count(b":") + opening > max_keys:
        return "json_too_many_members", f"JSON has more than {max_keys} members, objects and arrays"
    # Past the count above there are at most `max_keys` brackets to walk.
    if opening > max_depth and max(accumulate(map(_DEPTH_STEP.__getitem__, structure))) > max_depth:
        return "json_too_deep", f"JSON is nested deeper than {max_depth} levels"
    return None


def _outside_strings(body: bytes) -> bytes:
    """The brackets and colons of a JSON text that are not inside a string."""
    if b"\\" in body:
        # Escapes first: an escaped backslash, so that `\\"` still ends its string, then escaped
        # quotes; every quote left opens or closes a string.
        body = body.replace(b"\\\\", b"").replace(b'\\"', b"")
    kept = body.translate(None, _NOT_STRUCTURE)
    # Two adjacent quotes are an empty string, or two strings with nothing structural between them
    # (`"a","b"` keeps `""""`): dropping them changes nothing outside strings, and most strings go.
    kept = kept.replace(b'""', b"")
    if b'"' in kept:  # strings that hold brackets or colons: keep only the runs between strings
        kept = b"".join(kept.split(b'"')[::2])
    return kept


def _is_json(content_type: bytes | None) -> bool:
    if content_type is None:
        return False
    media = content_type.split(b";", 1)[0].strip().lower()
    return media == b"application/json" or (media.startswith(b"application/") and media.endswith(b"+json"))


# --- the middleware -------------------------------------------------------------------------------


class _TooLarge(Exception):
    pass


class _Disconnected(Exception):
    pass


class BodyLimitMiddleware:
    """Pure ASGI (no per-request objects): a request without a body costs one scan of its headers."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        where = _nul_outside_body(scope)
        if where is not None:
            await _send_problem(send, scope, _nul_problem(where))
            return
        length, chunked, content_type = _body_headers(scope["headers"])
        if not chunked and not length:  # no body (GET, DELETE, …): nothing to bound
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_path(scope["path"])
        if length is not None and length > limit.max_bytes:
            await _send_problem(send, scope, body_too_large(limit.max_bytes))
            return
        is_json = _is_json(content_type)
        if not chunked and not is_json:
            # The server holds a body to its Content-Length, which is within the limit.
            await self.app(scope, receive, send)
            return
        try:
            body = await _read_body(receive, limit.max_bytes)
        except _TooLarge:
            await _send_problem(send, scope, body_too_large(limit.max_bytes))
            return
        except _Disconnected:
            return  # the client went away mid-upload: nobody to answer
        if is_json:
            problem = json_structure_problem(body, max_depth=limit.max_json_depth, max_keys=limit.max_json_keys)
            if problem is not None:
                kind, message = problem
                await _send_problem(send, scope, _invalid_body(kind, message))
                return
            if _json_holds_nul(body):
                await _send_problem(send, scope, _nul_problem("body"))
                return
        await self.app(scope, _replay(body, receive), send)


def _nul_outside_body(scope: Scope) -> str | None:
    """`path` or `query` when either holds a NUL (the query still percent-encoded, as sent)."""
    if "\x00" in scope["path"]:
        return "path"
    query: bytes = scope.get("query_string", b"")
    if b"%00" in query or b"\x00" in query:
        return "query"
    return None


def _json_holds_nul(body: bytes) -> bool:
    """A JSON text can hold NUL only as the escape `\\u0000` (a raw NUL is no JSON); an escaped
    backslash before `u0000` is text, not the escape."""
    return b"\\u0000" in body and b"\\u0000" in body.replace(b"\\\\", b"")


def _nul_problem(where: str) -> ProblemError:
    return ProblemError(
        422,
        "Text in a request never holds NUL (U+0000)",
        title="Validation failed",
        errors=[{"field": where, "message": "must not contain NUL (U+0000)", "type": "nul_character"}],
    )


def _body_headers(headers: Iterable[tuple[bytes, bytes]]) -> tuple[int | None, bool, bytes | None]:
    length: int | None = None
    chunked = False
    content_type: bytes | None = None
    for name, value in headers:
        if name == b"content-length":
            # The server has already refused a malformed length; be safe if one gets here.
            length = int(value) if value.isdigit() else 0
        elif name == b"transfer-encoding":
            chunked = b"chunked" in value.lower()
        elif name == b"content-type":
            content_type = value
    return length, chunked, content_type


async def _read_body(receive: Receive, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _Disconnected
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > max_bytes:
            raise _TooLarge
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """The body already read, as one message; then the real channel (a later disconnect is seen)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


def _invalid_body(kind: str, message: str) -> ProblemError:
    return ProblemError(
        422,
        "The request has invalid fields",
        title="Validation failed",
        errors=[{"field": "body", "message": message, "type": kind}],
    )


async def _send_problem(send: Send, scope: Scope, problem: ProblemError) -> None:
    document: dict[str, Any] = {
        "type": problem.type,
        "title": problem.title,
        "status": problem.status,
        "instance": scope["path"],
        "detail": problem.detail,
        **problem.extensions,
    }
    payload = json.dumps(document, separators=(",", ":")).encode()
    headers = [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(payload)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in problem.headers.items()]
    await send({"type": "http.response.start", "status": problem.status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
