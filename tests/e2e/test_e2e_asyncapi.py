"""Each service's AsyncAPI document, read by the official parser (`@asyncapi/parser`), is valid and shows
every topic of DESIGN.md §2 the service touches — what it consumes and what it publishes through its
outbox — with the contract fields of the events on it."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import pytest

from radiant_contracts.registry import EVENT_TYPES
from radiant_testing import ensure_node_packages, node_executable

CHECKER = Path(__file__).parent / "asyncapi"

# DESIGN.md §2, as built: the topics each service consumes and publishes (DLQs come with consuming).
TOUCHES: dict[str, dict[str, set[str]]] = {
    "identity": {
        "consumes": {"approval-decisions", "billing-events"},
        "publishes": {"audit-events", "tenant-events", "approval-decisions"},
    },
    "approval": {"consumes": {"approval-decisions"}, "publishes": {"approval-decisions", "audit-events"}},
    "metering": {
        "consumes": {"usage-events", "billing-events", "approval-decisions"},
        "publishes": {"usage-events", "audit-events", "approval-decisions"},
    },
    "billing": {
        "consumes": {"approval-decisions", "tenant-events"},
        "publishes": {"billing-events", "audit-events", "approval-decisions"},
    },
    "audit": {"consumes": {"audit-events"}, "publishes": set()},
}
ENVELOPE = {"id", "source", "type", "time", "tenantid", "data"}


def _payload_fields(topic: str) -> set[str]:
    """The fields some event on the topic carries, as `data.<name>`."""
    return {f"data.{name}" for model in EVENT_TYPES.values() if model.topic == topic for name in model.model_fields}


@pytest.fixture(scope="module")
def parse_asyncapi(tmp_path_factory: pytest.TempPathFactory):
    ensure_node_packages(CHECKER, "@asyncapi/parser")
    node = node_executable()
    folder = tmp_path_factory.mktemp("asyncapi")

    def parse(name: str, document: str) -> dict:
        path = folder / f"{name}.json"
        path.write_text(document)
        result = subprocess.run(
            [node, str(CHECKER / "validate.mjs"), str(path)], check=True, capture_output=True, text=True, timeout=120
        )
        return json.loads(result.stdout)

    return parse


@pytest.mark.parametrize("service", sorted(TOUCHES))
async def test_the_asyncapi_document_shows_every_topic_touched_with_its_contract_fields(service, parse_asyncapi):
    url = os.environ.get(f"{service.upper()}_URL")
    assert url, f"{service.upper()}_URL is not set (make test sources .local/stack.env)"
    async with httpx.AsyncClient(timeout=10) as client:
        response = await client.get(f"{url}/asyncapi.json")
    assert response.status_code == 200
    parsed = parse_asyncapi(service, response.text)
    assert parsed["valid"], parsed["errors"]
    channels = parsed["channels"]

    def channel_fields(topic: str, published: bool) -> set[str]:
        ids = [cid for cid, c in channels.items() if c["address"] == topic and cid.endswith(":publish") == published]
        assert ids, f"{service}: no {'published' if published else 'consumed'} channel for {topic}"
        return set().union(*(set(channels[cid]["fields"]) for cid in ids))

    for topic in TOUCHES[service]["consumes"]:
        fields = channel_fields(topic, published=False)
        assert fields >= ENVELOPE and fields & _payload_fields(topic), (service, topic, sorted(fields))
        assert any(c["address"] == f"{topic}.dlq" for c in channels.values()), f"{service}: {topic}.dlq not documented"
    for topic in TOUCHES[service]["publishes"]:
        fields = channel_fields(topic, published=True)
        assert fields >= ENVELOPE and fields & _payload_fields(topic), (service, topic, sorted(fields))
