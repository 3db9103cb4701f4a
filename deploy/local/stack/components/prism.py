"""Prism (`@stoplight/prism-cli`, npm) serving Lago's published OpenAPI document with request validation.

Billing's Lago client is held to the real API's contract: `prism mock --errors` answers a request the
document does not allow with a 4xx naming the violation, so a call the real Lago would refuse fails
here too. The versions are the locked ones in `deploy/local/prism/package-lock.json` (`npm ci` into the
state folder); the document is the committed copy in `deploy/specs/lago-openapi.yaml`.

Lago's `servers` URL carries the API's base path (`https://api.getlago.com/api/v1`) and its clients call
`<api url>/api/v1/...`; Prism routes the document's paths from the root. So the stack serves the same
document with that base path written into each path, generated next to the installed packages
whenever the committed copy is newer. One more change, to an example only: the document's example
of an event's `properties` is `gb: 10`, which its own schema (`oneOf: string | integer | number`)
matches twice, so Prism, validating its own answers under `--errors`, refused every events answer
with a 500; the served copy quotes it (`'10'`). The request contract is untouched.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ..config import ROOT
from ..processes import StackError, http_status, log, run
from .base import Component

PACKAGE_DIR = ROOT / "deploy" / "local" / "prism"
SPEC = ROOT / "deploy" / "specs" / "lago-openapi.yaml"
BASE_PATH = "/api/v1"  # the path of the document's servers URL, which Lago's clients prefix
#: The key Prism is started with needs no value: it only checks that a bearer token is sent.
DEV_LAGO_API_KEY = "lago-dev-key"


#: Examples the document's own schemas refuse (see the module's docstring): (pattern, replacement).
EXAMPLE_FIXES = ((re.compile(r"(\n +example:\n +gb: )10\n"), r"\1'10'\n"),)


def served_document(document: str) -> str:
    """What Prism serves: the document with the base path in its paths and its broken examples fixed."""
    served = with_base_path(document)
    for pattern, replacement in EXAMPLE_FIXES:
        served = pattern.sub(replacement, served)
    return served


def with_base_path(document: str, base_path: str = BASE_PATH) -> str:
    """The document with `base_path` in front of every path under `paths:` (webhooks are untouched)."""
    out: list[str] = []
    in_paths = False
    for line in document.splitlines(keepends=True):
        if re.match(r"^\S", line):  # a top-level key
            in_paths = line.startswith("paths:")
        elif in_paths and re.match(r"^  /", line):
            line = f"  {base_path}{line[2:]}"
        out.append(line)
    return "".join(out)


class Prism(Component):
    name = "lago-prism"
    marker = "prism-cli"

    @property
    def port(self) -> int:
        return self.s.port("LAGO_MOCK_PORT")

    @property
    def prefix(self) -> Path:
        return self.s.state / "prism"

    @property
    def entry(self) -> Path:
        return self.prefix / "node_modules" / "@stoplight" / "prism-cli" / "dist" / "index.js"

    @property
    def served_spec(self) -> Path:
        return self.prefix / "lago-openapi.served.yaml"

    def installed(self) -> bool:
        lock = self.prefix / "package-lock.json"
        current = lock.is_file() and lock.read_bytes() == (PACKAGE_DIR / "package-lock.json").read_bytes()
        return current and self.entry.is_file()

    def install(self) -> None:
        if shutil.which("npm") is None:
            raise StackError("lago-prism: `npm` not found (need Node 20 + npm)")
        self.prefix.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copyfile(PACKAGE_DIR / name, self.prefix / name)
        run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            "npm ci @stoplight/prism-cli",
            log_path=self.s.logs / "lago-prism-install.log",
            cwd=self.prefix,
        )

    def healthy(self) -> bool:
        # Any answer from the mock's routing says it is up; a missing bearer token is a 401 by the document.
        status = http_status(
            f"http://{self.s.host}:{self.port}{BASE_PATH}/webhooks/json_public_key",
            {"Authorization": f"Bearer {DEV_LAGO_API_KEY}"},
        )
        return status == 200

    def write_served_spec(self) -> Path:
        if not SPEC.is_file():
            raise StackError(f"lago-prism: {SPEC} is missing (Lago's OpenAPI document, committed with the project)")
        served = self.served_spec
        if not served.is_file() or served.stat().st_mtime < max(SPEC.stat().st_mtime, Path(__file__).stat().st_mtime):
            self.prefix.mkdir(parents=True, exist_ok=True)
            tmp = served.with_suffix(".tmp")
            tmp.write_text(served_document(SPEC.read_text()))
            tmp.replace(served)
        return served

    def start(self) -> None:
        spec = self.write_served_spec()
        log(self.name, f"starting on {self.s.host}:{self.port} ({SPEC.name}, request validation on)")
        self.spawn(
            [
                "node",
                str(self.entry),
                "mock",
                "--errors",  # a request the document does not allow is refused, never answered
                "--host",
                self.s.host,
                "--port",
                str(self.port),
                str(spec),
            ]
        )
