"""The admin console (`console/`): its npm packages from the lock (`npm ci`) and its Vite build in
`console/dist`, which the gateway serves at /console/ (and the API reference pages, `docs/*.html`, at
/docs and /docs/asyncapi/<service>). Built by `make up` (and CI's fresh clone);
skipped when the build is newer than every source. The build prints the initial JavaScript's size."""

from __future__ import annotations

import shutil
import subprocess

from ..config import ROOT, Settings
from ..processes import StackError, log, run

CONSOLE = ROOT / "console"
SOURCES = ("src", "index.html", "docs", "vite.config.ts", "tsconfig.json", "package.json", "package-lock.json")


def build_console(s: Settings) -> None:
    if shutil.which("npm") is None:
        raise StackError("console: `npm` not found (need Node 20 + npm)")
    _install_packages(s)
    built = CONSOLE / "dist" / "index.html"
    if built.is_file() and built.stat().st_mtime >= _newest_source():
        log("console", f"built ({built.parent})")
        return
    log("console", "building (vite) ...")
    proc = subprocess.run(["npm", "run", "build"], cwd=CONSOLE, capture_output=True, text=True)
    (s.logs / "console-build.log").write_text(proc.stdout + proc.stderr)
    if proc.returncode != 0:
        raise StackError(f"console: build failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}{proc.stderr[-3000:]}")
    for line in proc.stdout.splitlines():
        if line.startswith("console:"):
            log("console", line.removeprefix("console:").strip())


def _install_packages(s: Settings) -> None:
    """`npm ci` whenever node_modules is not the lock's (npm keeps its own copy of what it installed)."""
    installed = CONSOLE / "node_modules" / ".package-lock.json"
    if installed.is_file() and installed.stat().st_mtime >= (CONSOLE / "package-lock.json").stat().st_mtime:
        return
    log("console", "npm ci ...")
    run(
        ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
        "console: npm ci",
        log_path=s.logs / "console-install.log",
        cwd=CONSOLE,
    )


def _newest_source() -> float:
    newest = 0.0
    for name in SOURCES:
        path = CONSOLE / name
        files = [p for p in path.rglob("*") if p.is_file()] if path.is_dir() else [path]
        newest = max([newest, *(f.stat().st_mtime for f in files if f.exists())])
    return newest
