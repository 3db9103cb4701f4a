"""The README's operator commands work as written: its `bash` block is run as one script against the
stack, with an operator's token in `OPS`, every `curl` failing the script on an HTTP error."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[4]
SECTION = "### Operators: creating, suspending and impersonating tenants"


def readme_block(heading: str) -> str:
    text = (ROOT / "README.md").read_text()
    section = text.split(heading, 1)[1].split("\n### ", 1)[0]
    [block] = re.findall(r"^```bash\n(.*?)^```", section, re.MULTILINE | re.DOTALL)
    return block


def json_documents(output: str) -> list[Any]:
    decoder, documents, at = json.JSONDecoder(), [], 0
    while (at := _skip_space(output, at)) < len(output):
        document, at = decoder.raw_decode(output, at)
        documents.append(document)
    return documents


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


@pytest.mark.skipif(not (shutil.which("curl") and shutil.which("jq")), reason="the README's commands use curl and jq")
def test_the_readmes_operator_commands_work(platform, make_token):
    operator_id = "7d1c6c2e-0000-4000-8000-00000000aaaa"
    ops = make_token(kind="operator", role="platform_admin", subject=operator_id, email="ops@radiant.example")
    # As written, but against this stack's gateway (the README shows the default port).
    block = readme_block(SECTION).replace("http://127.0.0.1:8000", platform.service_url("gateway"))
    script = 'set -euo pipefail\ncurl() { command curl --fail-with-body "$@"; }\n' + block
    done = subprocess.run(
        ["bash", "-c", script], env={"PATH": "/usr/bin:/bin", "OPS": ops}, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr

    listed, got, updated, suspended, reactivated, me, ended = json_documents(done.stdout)
    tenant_id = got["tenant"]["id"]
    assert tenant_id in [t["id"] for t in listed["tenants"]] or listed["pagination"]["hasMore"]
    assert updated["tenant"]["name"] == "Globex Corp" and updated["tenant"]["settings"]["labels"] == {"crm": "ACME-42"}
    assert suspended["tenant"]["status"] == "suspended" and reactivated["tenant"]["status"] == "active"
    assert me["tenantId"] == tenant_id and me["readOnly"] is True
    assert me["impersonation"]["operatorId"] == operator_id
    assert ended["active"] is False and ended["endReason"] == "ended"
