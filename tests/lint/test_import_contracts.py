"""`make lint`'s import contracts catch what they promise to catch.

Each case builds a small tree of packages with the platform's names, plants one violation of one
contract, and runs import-linter with the project's own `.importlinter` against it: the contract
named must be reported broken (and a clean tree must pass), so a contract that stopped checking
anything would fail here.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "radiant_contracts",
    "radiant_platform",
    "radiant_testing",
    "radiant_gateway",
    "radiant_identity",
    "radiant_approval",
    "radiant_metering",
    "radiant_billing",
    "radiant_audit",
)
SERVICE_MODULES = ("main", "endpoints", "consumers", "jobs", "service", "repository", "models")
# import-linter is a dev dependency: installed next to the interpreter running the tests.
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")


def _layered_containers() -> list[str]:
    """Every package the layering contract names (services and their per-aggregate subpackages)."""
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    return config["importlinter:contract:service-layers"]["containers"].split()


def _tree(tmp_path: Path) -> Path:
    src = tmp_path / "src"
    for package in PACKAGES:
        (src / package).mkdir(parents=True)
        (src / package / "__init__.py").write_text("")
    for container in _layered_containers():
        folder = src.joinpath(*container.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").touch()
        for module in SERVICE_MODULES:
            (folder / f"{module}.py").touch()
    # The legal arrows, so the clean tree exercises every layer.
    (src / "radiant_billing" / "endpoints.py").write_text("from radiant_billing import service\n")
    (src / "radiant_billing" / "service.py").write_text("from radiant_billing import repository\n")
    (src / "radiant_billing" / "repository.py").write_text("from radiant_billing import models\n")
    (src / "radiant_platform" / "__init__.py").write_text("import radiant_contracts\n")
    shutil.copy(ROOT / ".importlinter", tmp_path / ".importlinter")
    return src


def _lint(tmp_path: Path, src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )


def test_a_clean_tree_keeps_every_contract(tmp_path: Path) -> None:
    result = _lint(tmp_path, _tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("radiant_billing/service.py", "import radiant_metering.service\n", "Services never import each other"),
        ("radiant_platform/__init__.py", "import radiant_identity\n", "libs/ never imports a service"),
        ("radiant_audit/service.py", "import radiant_testing\n", "The runtime never imports the test support"),
        ("radiant_contracts/__init__.py", "import radiant_platform\n", "Contracts are the bottom layer"),
        ("radiant_billing/repository.py", "from radiant_billing import service\n", "Inside a service"),
        ("radiant_identity/service.py", "from radiant_identity import endpoints\n", "Inside a service"),
    ],
)
def test_each_contract_reports_its_violation(tmp_path: Path, module: str, line: str, contract: str) -> None:
    src = _tree(tmp_path)
    path = src / module
    path.write_text(path.read_text() + line)
    result = _lint(tmp_path, src)
    assert result.returncode != 0
    broken = [row for row in result.stdout.splitlines() if "BROKEN" in row or contract in row]
    assert any(contract in row for row in broken), result.stdout
