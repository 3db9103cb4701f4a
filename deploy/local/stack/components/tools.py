"""Command-line tools the docs and tests use against the stack, from Debian's packages: kcat (a stock
Kafka client, to show producers need nothing of ours), rsyslogd (the real syslog receiver the SIEM
tests forward to), uuidgen (the README's usage-event example) and chromium (the console's browser tests)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..processes import apt_install

# chromium: the browser the console's Playwright suite drives (`executablePath`; Playwright downloads none).
TOOLS = {
    "kcat": "kcat",
    "rsyslogd": "rsyslog",
    "uuidgen": "uuid-runtime",
    "chromium": "chromium",
}  # binary -> Debian package


def ensure_tools() -> None:
    missing = [pkg for binary, pkg in TOOLS.items() if not _on_system(binary)]
    if missing:
        apt_install(*missing)


def _on_system(binary: str) -> bool:
    return shutil.which(binary) is not None or Path(f"/usr/sbin/{binary}").exists()
