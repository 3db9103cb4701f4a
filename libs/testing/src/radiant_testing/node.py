"""Node.js tools the tests run against real documents (the official AsyncAPI parser, Redocly's
OpenAPI linter): each lives in a folder of its own with a package-lock.json, installed on first use
with `npm ci`, so the versions are the locked ones and nothing is committed but the lock."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def node_executable() -> str:
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("Node.js is needed for this test (the project's tools install it with the machine)")
    return node


def ensure_node_packages(folder: Path, marker: str) -> Path:
    """Install the folder's locked packages unless `node_modules/<marker>` is already there."""
    if not (folder / "node_modules" / marker).exists():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed to install the test's Node.js tools")
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=folder, check=True, capture_output=True, timeout=600)
    return folder / "node_modules"
