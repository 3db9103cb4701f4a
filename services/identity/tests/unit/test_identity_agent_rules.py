"""The agents' pure rules: the configuration's diff, which reports win, when a start needs approval,
and the one schema's bounds (no HTTP, no database)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from pydantic import ValidationError

from radiant_contracts.events.agent import AgentStatusReported
from radiant_identity.agents.models import Agent
from radiant_identity.agents.schemas import AgentConfigurationIn
from radiant_identity.agents.service import configuration_diff, is_newer, needs_approval, start_refusal

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _agent(**fields: object) -> Agent:
    values: dict[str, object] = {"id": uuid.uuid4(), "current_version": 2, "running_version": None}
    return Agent(**(values | fields))


def _report(status: str, at: datetime, **fields: object) -> AgentStatusReported:
    return AgentStatusReported(agent_id=str(uuid.uuid4()), status=status, reported_at=at, **fields)


def test_the_diff_names_each_changed_field_with_its_old_and_new_value() -> None:
    before = {"name": "a", "temperature": 0.2, "tools": []}
    after = {"name": "a", "temperature": 0.7, "tools": [{"name": "search", "config": {}}]}
    assert configuration_diff(before, after) == {
        "temperature": {"from": 0.2, "to": 0.7},
        "tools": {"from": [], "to": [{"name": "search", "config": {}}]},
    }
    assert configuration_diff(after, after) == {}
    assert configuration_diff(None, {"name": "a"}) == {"name": {"from": None, "to": "a"}}


def test_only_a_report_observed_later_changes_the_status() -> None:
    agent = _agent(status_reported_at=NOW)
    assert is_newer(_report("running", NOW + timedelta(milliseconds=1)), agent)
    assert not is_newer(_report("starting", NOW - timedelta(seconds=1)), agent)
    assert not is_newer(_report("running", NOW), agent)  # the same instant again: a repeat
    assert is_newer(_report("starting", NOW), _agent(status_reported_at=None))


def test_a_failed_report_needs_a_reason() -> None:
    with pytest.raises(ValidationError):
        _report("failed", NOW)
    assert _report("failed", NOW, reason="oom").reason == "oom"


def test_prod_starts_of_a_version_that_has_not_run_need_approval() -> None:
    assert needs_approval("prod", _agent(current_version=2, running_version=None))
    assert needs_approval("prod", _agent(current_version=2, running_version=1))
    assert not needs_approval("prod", _agent(current_version=2, running_version=2))
    assert not needs_approval("staging", _agent(current_version=2, running_version=1))
    assert not needs_approval("dev", _agent(current_version=1, running_version=None))


def test_the_configuration_schema_bounds_every_input() -> None:
    base: dict[str, object] = {"name": "Helper", "modelId": "gpt-4o"}
    assert AgentConfigurationIn.model_validate(base).to_contract().temperature == 0.7
    refused: list[dict[str, object]] = [
        {"temperature": 2.01},
        {"temperature": True},
        {"topP": -0.1},
        {"maxTokens": 200_001},
        {"maxTokens": 1.5},
        {"name": "x" * 256},
        {"modelId": "bad model id"},
        {"description": None},
        {"tools": [{"name": "t", "config": {"k": "v" * 8200}}]},
        {"knowledgeSources": [{"type": "url", "ref": "r" * 2049}]},
        {"visibility": "everyone"},
    ]
    for change in refused:
        with pytest.raises(ValidationError):
            AgentConfigurationIn.model_validate(base | change)
    assert AgentConfigurationIn.model_validate(base | {"maxTokens": 3.0}).max_tokens == 3


def test_the_document_states_the_bounds_of_the_optional_fields() -> None:
    """What the validator refuses, the schema says (an optional field's bounds were lost on `| None`)."""
    schema = AgentConfigurationIn.model_json_schema()
    source_name = schema["$defs"]["KnowledgeSourceIn"]["properties"]["name"]
    assert source_name["minLength"] == 1 and "pattern" in source_name and source_name["maxLength"] == 255
    assert schema["properties"]["description"]["maxLength"] == 2000


def test_a_start_waits_for_the_runtime_unless_it_failed() -> None:
    assert start_refusal(_agent(desired_state="stopped", status="stopped")) is None
    assert start_refusal(_agent(desired_state="stopped", status="running")) is None  # a stop not yet applied
    assert start_refusal(_agent(desired_state="running", status="failed")) is None  # retry after a failure
    assert "already running" in (start_refusal(_agent(desired_state="running", status="running")) or "")
    assert "not answered" in (start_refusal(_agent(desired_state="running", status="stopped")) or "")
