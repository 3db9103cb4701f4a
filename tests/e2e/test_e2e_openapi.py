"""The gateway's merged OpenAPI document — what integrators generate clients from — lints clean with
Redocly's recommended rules: no invalid schema keywords, servers present, every operation documents
its errors (as problem+json), no schema unused or overwritten by another service's of the same name."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from radiant_testing import ensure_node_packages, node_executable

LINTER = Path(__file__).parent / "openapi"


async def test_the_merged_openapi_document_lints_clean(gateway, tmp_path):
    response = await gateway.get("/openapi.json")
    assert response.status_code == 200
    document = response.json()
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    modules = ensure_node_packages(LINTER, "@redocly/cli")
    result = subprocess.run(
        [node_executable(), str(modules / "@redocly" / "cli" / "bin" / "cli.js"), "lint", str(path), "--format=json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(result.stdout)
    problems = [
        f"{p['severity']} {p['ruleId']}: {p['message']} at {p['location'][0].get('pointer')}"
        for p in report.get("problems", [])
    ]
    assert problems == [] and result.returncode == 0, "\n".join(problems) or result.stderr


async def test_errors_are_documented_as_problem_json_everywhere(gateway):
    document = (await gateway.get("/openapi.json")).json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for status, answer in operation["responses"].items():
                if status.startswith(("4", "5")):
                    assert list(answer.get("content", {})) == ["application/problem+json"], (method, path, status)
