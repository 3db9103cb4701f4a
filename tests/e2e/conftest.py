"""End-to-end tests onboard real administrators through identity's own flow.

The console's browser suites (test_e2e_console*.py) append each screen's render time to the JSON-lines
file `CONSOLE_TIMINGS` names (console/tests/support.ts `timed`); the run ends with their table."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

from radiant_testing.onboarding import forget_loopback_login_failures, invite, login, onboard  # noqa: F401
from radiant_testing.operators import onboard_operator, operator_login  # noqa: F401 - platform operators


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("CONSOLE_TIMINGS"):
        # this run's own file: the drivers pass the environment on to Playwright
        handle, path = tempfile.mkstemp(prefix="console-timings-", suffix=".jsonl")
        os.close(handle)
        os.environ["CONSOLE_TIMINGS"] = path


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    path = Path(os.environ.get("CONSOLE_TIMINGS", ""))
    if not path.is_file():
        return
    rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    if not rows:
        return
    terminalreporter.section("console screens: navigation → data shown (ms, reported, not asserted)")
    width = max(len(r["screen"]) for r in rows)
    for r in rows:
        terminalreporter.write_line(f"{r['screen']:<{width}}  {r['ms']:>7}")
