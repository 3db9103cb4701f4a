"""Export one JSON Schema per event type (the whole CloudEvent with that payload), and one per
approval type (that approval's `details`, in `approval-details/`).

    python -m radiant_contracts.schema_export            # (re)write libs/contracts/schemas/
    python -m radiant_contracts.schema_export --check    # exit 1 and list drift; writes nothing

The committed files are the contract other teams (and non-Python consumers) read, so the output is
deterministic: sorted keys, two-space indent, trailing newline. A unit test runs `--check`'s logic,
so changing a model without regenerating fails the build.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from radiant_contracts.approvals import APPROVAL_PAYLOADS, ApprovalPayload
from radiant_contracts.envelope import envelope_model
from radiant_contracts.examples import example_approval_details
from radiant_contracts.payload import EventPayload
from radiant_contracts.registry import EVENT_TYPES

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# src/radiant_contracts/schema_export.py → libs/contracts/schemas
DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
#: Subdirectory (of the schema directory) of the approval `details` schemas.
APPROVAL_DETAILS_DIR = "approval-details"
# Attributes every event carries on the wire, even those the Python model fills by default.
_WIRE_REQUIRED = ("specversion", "id", "source", "type", "time", "tenantid", "data")


def event_json_schema(payload_model: type[EventPayload]) -> dict[str, Any]:
    """The schema of a complete event of this type, as a consumer would validate it.

    Validation mode describes what we accept; `id`/`time` are then marked required because a
    producer's envelope always has them even though the model generates them by default.
    """
    schema = envelope_model(payload_model).model_json_schema(mode="validation")
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["title"] = payload_model.event_type
    schema["description"] = (
        f"CloudEvents 1.0 structured JSON event {payload_model.event_type} "
        f"(payload {payload_model.__name__}) on topic {payload_model.topic}."
    )
    schema["properties"]["type"] = {"const": payload_model.event_type, "title": "Type", "type": "string"}
    schema["required"] = sorted(set(schema.get("required", [])) | set(_WIRE_REQUIRED))
    schema["x-radiant-topic"] = payload_model.topic
    schema["x-radiant-key"] = payload_model.key_field or "tenantid"
    return schema


def approval_details_json_schema(model: type[ApprovalPayload]) -> dict[str, Any]:
    """The schema of one approval type's `details` object, with a valid example."""
    schema = model.model_json_schema(mode="validation")
    schema["$schema"] = JSON_SCHEMA_DIALECT
    schema["title"] = f"{model.approval_type} approval details"
    schema["description"] = (
        f"`details` of a {model.approval_type} approval (model radiant_contracts.approvals.{model.__name__}); "
        f"unknown fields are refused. " + (model.__doc__ or "").strip()
    )
    schema["examples"] = [example_approval_details()[model.approval_type].model_dump(mode="json")]
    schema["x-radiant-approval-type"] = model.approval_type
    schema["x-radiant-owning-service"] = model.owning_service
    return schema


def schema_filename(event_type: str) -> str:
    return f"{event_type}.json"


def approval_details_filename(approval_type: str) -> str:
    return f"{APPROVAL_DETAILS_DIR}/{approval_type}.json"


def _render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def render_schemas() -> dict[str, str]:
    """File name → exact file content, for every registered event type."""
    return {
        schema_filename(event_type): _render(event_json_schema(model))
        for event_type, model in sorted(EVENT_TYPES.items())
    }


def render_approval_details_schemas() -> dict[str, str]:
    """Relative path (`approval-details/<type>.json`) → exact file content, for every approval type."""
    return {
        approval_details_filename(approval_type): _render(approval_details_json_schema(model))
        for approval_type, model in sorted(APPROVAL_PAYLOADS.items())
    }


def render_all() -> dict[str, str]:
    """Every committed schema: relative path (POSIX) → exact file content."""
    return render_schemas() | render_approval_details_schemas()


def _on_disk(directory: Path) -> dict[str, Path]:
    if not directory.is_dir():
        return {}
    files = [*directory.glob("*.json"), *directory.glob(f"{APPROVAL_DETAILS_DIR}/*.json")]
    return {p.relative_to(directory).as_posix(): p for p in files}


def write_schemas(directory: Path = DEFAULT_SCHEMA_DIR) -> list[str]:
    """Write every schema and delete schemas of types that no longer exist; returns files written."""
    rendered = render_all()
    for name, stale in _on_disk(directory).items():
        if name not in rendered:
            stale.unlink()
    for name, content in rendered.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return sorted(rendered)


def find_drift(directory: Path = DEFAULT_SCHEMA_DIR) -> list[str]:
    """Human-readable differences between the models and the files in `directory`; empty if none."""
    rendered = render_all()
    on_disk = _on_disk(directory)
    drift = [f"missing: {name}" for name in sorted(rendered.keys() - on_disk.keys())]
    drift += [f"stale (no such event type): {name}" for name in sorted(on_disk.keys() - rendered.keys())]
    drift += [
        f"changed: {name}"
        for name in sorted(rendered.keys() & on_disk.keys())
        if on_disk[name].read_text(encoding="utf-8") != rendered[name]
    ]
    return drift


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report drift and exit 1 instead of writing")
    parser.add_argument("--out", type=Path, default=DEFAULT_SCHEMA_DIR, help="schema directory")
    args = parser.parse_args(argv)
    if args.check:
        drift = find_drift(args.out)
        for line in drift:
            print(line, file=sys.stderr)
        if drift:
            print("schemas are out of date: run python -m radiant_contracts.schema_export", file=sys.stderr)
            return 1
        print(f"{len(render_all())} schemas up to date in {args.out}")
        return 0
    written = write_schemas(args.out)
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
