"""Exported JSON Schemas: committed files match the models, and each one accepts a real event."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar

import pytest
from jsonschema import Draft202012Validator

from radiant_contracts import EVENT_TYPES, make_event, schema_export
from radiant_contracts.events import UsageRecorded
from radiant_contracts.examples import example_payloads
from radiant_contracts.schema_export import DEFAULT_SCHEMA_DIR, find_drift, render_schemas, write_schemas

EXAMPLES = example_payloads()


def _schema(event_type: str) -> dict:
    return json.loads((DEFAULT_SCHEMA_DIR / f"{event_type}.json").read_text(encoding="utf-8"))


def test_committed_schemas_match_the_models() -> None:
    drift = find_drift(DEFAULT_SCHEMA_DIR)
    assert drift == [], f"run `python -m radiant_contracts.schema_export`: {drift}"


def test_drift_check_notices_a_changed_model(monkeypatch: pytest.MonkeyPatch) -> None:
    class UsageRecordedWithExtraField(UsageRecorded):
        event_type: ClassVar[str] = UsageRecorded.event_type
        new_field: int = 0

    changed = dict(EVENT_TYPES) | {UsageRecorded.event_type: UsageRecordedWithExtraField}
    monkeypatch.setattr(schema_export, "EVENT_TYPES", changed)

    assert find_drift(DEFAULT_SCHEMA_DIR) == ["changed: radiant.usage.recorded.v1.json"]


def test_drift_check_lists_missing_stale_and_changed_files(tmp_path: Path) -> None:
    write_schemas(tmp_path)
    (tmp_path / "radiant.audit.recorded.v1.json").unlink()
    (tmp_path / "radiant.gone.v1.json").write_text("{}\n")
    usage = tmp_path / "radiant.usage.recorded.v1.json"
    usage.write_text(usage.read_text().replace('"minimum": 0', '"minimum": 1', 1))

    assert find_drift(tmp_path) == [
        "missing: radiant.audit.recorded.v1.json",
        "stale (no such event type): radiant.gone.v1.json",
        "changed: radiant.usage.recorded.v1.json",
    ]
    assert schema_export.main(["--check", "--out", str(tmp_path)]) == 1

    schema_export.main(["--out", str(tmp_path)])  # regenerating repairs everything, stale included
    assert find_drift(tmp_path) == []
    assert schema_export.main(["--check", "--out", str(tmp_path)]) == 0


def test_output_is_stable_pretty_json_with_trailing_newline() -> None:
    first, second = render_schemas(), render_schemas()
    assert first == second and len(first) == len(EVENT_TYPES)
    for content in first.values():
        assert content.endswith("}\n") and content.startswith("{\n  ")
        assert json.dumps(json.loads(content), indent=2, sort_keys=True) + "\n" == content


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_schema_accepts_a_real_event(event_type: str) -> None:
    schema = _schema(event_type)
    Draft202012Validator.check_schema(schema)
    event = make_event(EXAMPLES[event_type], tenant_id="t", source="radiant/test")

    Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER).validate(
        json.loads(event.to_bytes())
    )
    assert schema["x-radiant-topic"] == EVENT_TYPES[event_type].topic


def test_schema_pins_the_type_and_wire_required_attributes() -> None:
    schema = _schema("radiant.usage.recorded.v1")
    validator = Draft202012Validator(schema)
    good = json.loads(make_event(EXAMPLES[UsageRecorded.event_type], tenant_id="t", source="s").to_bytes())

    assert {"id", "time", "specversion", "tenantid", "data"} <= set(schema["required"])
    assert not validator.is_valid(good | {"type": "radiant.audit.recorded.v1"})
    assert not validator.is_valid({k: v for k, v in good.items() if k != "id"})
    assert not validator.is_valid(good | {"data": good["data"] | {"input_tokens": -1}})
    assert validator.is_valid(good | {"data": good["data"] | {"future_field": 1}})  # tolerant


def test_money_is_a_decimal_string_in_the_schema() -> None:
    validator = Draft202012Validator(_schema("radiant.invoice.paid.v1"))
    good = json.loads(make_event(EXAMPLES["radiant.invoice.paid.v1"], tenant_id="t", source="s").to_bytes())
    assert not validator.is_valid(good | {"data": good["data"] | {"total": 1234.56}})
    assert not validator.is_valid(good | {"data": good["data"] | {"total": "1.2e3"}})
