"""`radiant --help` lists every subcommand the installed services contribute, not only identity's own:
an operator looking for the DLQ tool found `bootstrap` and `bootstrap-operator` alone."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RADIANT = Path(sys.executable).with_name("radiant")


def test_help_names_the_commands_other_services_register():
    shown = subprocess.run([str(RADIANT), "--help"], capture_output=True, text=True, timeout=60, check=True).stdout
    for command in ("bootstrap", "bootstrap-operator", "dlq", "prices"):
        assert f"    {command} " in shown, shown


def test_a_registered_command_still_runs_as_itself():
    shown = subprocess.run(
        [str(RADIANT), "dlq", "--help"], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert "usage: radiant dlq" in shown
