"""The service's AsyncAPI document shows the contract fields of every topic it consumes and publishes."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote

import httpx

# DESIGN.md §2: what metering consumes and what it writes through its outbox, with a field of each payload.
RECEIVES = {
    "usage-events": {"UsageRecorded": "input_tokens"},
    "billing-events": {"BillingSettingsUpdated": "margin_percent"},
    "approval-decisions": {"ApprovalApproved": "approval_type"},
}
SENDS = {
    "usage-events": {"UsageRecorded": "request_id"},
    "audit-events": {"AuditRecorded": "action"},
    "approval-decisions": {"ApprovalExecuted": "result", "ApprovalExecutionFailed": "reason"},
}


def _schemas_under(doc: dict[str, Any], node: Any) -> set[str]:
    """Names of the component schemas a document node refers to, directly or through other references."""
    found: set[str] = set()
    followed: set[str] = set()
    pending = [node]
    while pending:
        item = pending.pop()
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict) and isinstance(item.get("$ref"), str):
            ref = item["$ref"]
            if ref in followed:
                continue
            followed.add(ref)
            path = [unquote(part) for part in ref.removeprefix("#/").split("/")]
            if path[:2] == ["components", "schemas"]:
                found.add(path[-1])
            target: Any = doc
            for part in path:
                target = target[part]
            pending.append(target)
        elif isinstance(item, dict):
            pending.extend(item.values())
    return found


def _payloads(doc: dict[str, Any], action: str) -> dict[str, set[str]]:
    """Topic → the schemas of the messages of its operations with `action` (send/receive)."""
    out: dict[str, set[str]] = {}
    for operation in doc["operations"].values():
        if operation["action"] != action:
            continue
        channel = doc["channels"][unquote(operation["channel"]["$ref"].rsplit("/", 1)[1])]
        out.setdefault(channel["address"], set()).update(_schemas_under(doc, channel["messages"]))
    return out


async def test_asyncapi_documents_consumed_and_published_contracts(platform):
    async with httpx.AsyncClient(base_url=platform.service_url("metering")) as client:
        r = await client.get("/asyncapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["asyncapi"].startswith("3.")
    for action, expected in (("receive", RECEIVES), ("send", SENDS)):
        documented = _payloads(doc, action)
        for topic, payloads in expected.items():
            for model, field in payloads.items():
                assert model in documented.get(topic, set()), (action, topic, model, documented.get(topic))
                assert field in doc["components"]["schemas"][model]["properties"], (model, field)
