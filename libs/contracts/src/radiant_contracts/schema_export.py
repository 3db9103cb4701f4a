"""Export one JSON Schema per event type: the whole CloudEvent with that payload.

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

from radiant_contracts.envelope import envelope_model
from radiant_contracts.payload import EventPayload
from radiant_contracts.registry import EVENT_TYPES

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
# src/radiant_contracts/schema_export.py → libs/contracts/schemas
DEFAULT_SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"
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


def schema_filename(event_type: str) -> str:
    return f"{event_type}.json"


def render_schemas() -> dict[str, str]:
    """File name → exact file content, for every registered event type."""
    return {
        schema_filename(event_type): json.dumps(event_json_schema(model), indent=2, sort_keys=True) + "\n"
        for event_type, model in sorted(EVENT_TYPES.items())
    }


def write_schemas(directory: Path = DEFAULT_SCHEMA_DIR) -> list[str]:
    """Write every schema and delete schemas of types that no longer exist; returns files written."""
    directory.mkdir(parents=True, exist_ok=True)
    rendered = render_schemas()
    for stale in directory.glob("*.json"):
        if stale.name not in rendered:
            stale.unlink()
    for name, content in rendered.items():
        (directory / name).write_text(content, encoding="utf-8")
    return sorted(rendered)


def find_drift(directory: Path = DEFAULT_SCHEMA_DIR) -> list[str]:
    """Human-readable differences between the models and the files in `directory`; empty if none."""
    rendered = render_schemas()
    on_disk = {p.name: p for p in directory.glob("*.json")} if directory.is_dir() else {}
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
        print(f"{len(EVENT_TYPES)} schemas up to date in {args.out}")
        return 0
    written = write_schemas(args.out)
    print(f"wrote {len(written)} schemas to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
